//! The command line's help in Chinese: for each command (by its path, `""` for `jixiao` itself,
//! `"rubric show"` for a subcommand's subcommand) what it does, its examples and every
//! argument's description, in the words of the forms. The English help is the clap
//! definitions' own (src/main.rs); `main` puts these in their place before parsing when the
//! help is to be Chinese. A test there checks that every command and argument has its entry.

/// One command's help.
pub struct Help {
    /// The command path: `""`, `"score"`, `"rubric show"`.
    pub path: &'static str,
    pub about: &'static str,
    /// Shown after the options: examples, exit codes.
    pub after: Option<&'static str>,
    /// Argument id (as clap names it: the field name) → its description.
    pub args: &'static [(&'static str, &'static str)],
}

/// The words clap prints around the help, in Chinese.
pub mod words {
    pub const USAGE: &str = "用法：";
    pub const ARGUMENTS: &str = "参数";
    pub const OPTIONS: &str = "选项";
    pub const COMMANDS: &str = "命令";
    pub const HELP: &str = "显示帮助";
    pub const VERSION: &str = "显示版本";
    pub const HELP_COMMAND: &str = "显示本帮助或某个命令的帮助";
}

const LANG: (&str, &str) = (
    "lang",
    "提示和帮助的语言：zh（中文，默认）或 en（英文）；帮助在未给出时随 LANG 环境变量",
);
const RUBRIC: (&str, &str) = (
    "rubric",
    "评分规则：内置规则名（jixiao rubrics 列出）或规则文件；优先于文件自带的 rubric:",
);
const DENY: (&str, &str) = (
    "deny",
    "最低到哪一级的标记使退出码为 1：error（错误，默认）或 warning（警告）",
);

const FILES: (&str, &str) = (
    "files",
    "项目文件（YAML）或自评表工作簿（每个工作表一个项目），也可以是文件夹",
);
const FORMAT: (&str, &str) = (
    "format",
    "输出格式：table（表格，默认）、json，或 xlsx（工作簿，需 -o）",
);
const WORKBOOK: (&str, &str) = (
    "output",
    "把结果写成工作簿（文件名以 .xlsx 结尾，或配合 --format xlsx）",
);

/// Every command's Chinese help.
pub static ZH: &[Help] = &[
    Help {
        path: "",
        about: "jixiao（绩效）：预算绩效自评打分，复核单位自评得分，审核绩效目标",
        after: Some(
            "示例：\n  jixiao score examples/sms-auth-2024-claims.yaml\n  jixiao check 自评表/ -o 复核.xlsx\n  jixiao explain score-inflated",
        ),
        args: &[LANG],
    },
    Help {
        path: "score",
        about: "打分：每个指标的得分及理由、预算执行率、总分、等级和标记",
        after: Some(
            "示例：\n  jixiao score examples/leshan-2021-backbone-network.yaml --format json",
        ),
        args: &[FILES, RUBRIC, FORMAT, WORKBOOK, LANG],
    },
    Help {
        path: "check",
        about: "复核：单位自评与复核得分对照，列出全部标记；有错误标记时退出码为 1",
        after: Some(
            "退出码：0 没有错误标记（加 --deny warning 时也没有警告），1 有标记，2 输入有误。\n示例：\n  jixiao check examples/sms-auth-2024-claims.yaml --deny warning",
        ),
        args: &[FILES, RUBRIC, FORMAT, WORKBOOK, DENY, LANG],
    },
    Help {
        path: "explain",
        about: "说明一个标记或审核规则：内容、原因、依据、示例、改法；不给代码时列出全部代码",
        after: Some("示例：\n  jixiao explain cost-exceeds-execution"),
        args: &[
            ("code", "规则代码，如 score-inflated；不给时列出全部"),
            LANG,
        ],
    },
    Help {
        path: "rubrics",
        about: "列出内置的评分规则",
        after: Some("示例：\n  jixiao rubrics"),
        args: &[LANG],
    },
    Help {
        path: "rubric",
        about: "检查评分规则文件，或把评分规则打印成表",
        after: Some(
            "示例：\n  jixiao rubric check my-city-2025.yaml\n  jixiao rubric show shaanxi-dept-2020",
        ),
        args: &[LANG],
    },
    Help {
        path: "rubric check",
        about: "检查评分规则文件：分值合计、等级区间无缺口、公式可计算、标记代码存在",
        after: Some("示例：\n  jixiao rubric check examples/rubrics/city-2025.yaml"),
        args: &[("file", "评分规则文件（YAML）"), LANG],
    },
    Help {
        path: "rubric show",
        about: "把评分规则（内置规则名或规则文件）打印成可以打在纸上的表",
        after: Some("示例：\n  jixiao rubric show national-2020"),
        args: &[
            ("name", "内置规则名（jixiao rubrics 列出）或规则文件"),
            LANG,
        ],
    },
    Help {
        path: "batch",
        about: "批量：一次读完一张长表（每行一个指标）的全部项目，逐个打分复核",
        after: Some(
            "表头可用英文或表上的中文（项目名称、一级指标、指标性质、指标值、度量单位、权重、实际完成值……），合并单元格向下填充。\n退出码：0 全部打分，1 有项目出错（或加 --deny 时有标记），2 输入无法读取。\n示例：\n  jixiao batch 指标.csv -o 复核.csv --indicators 明细.csv\n  jixiao batch 指标.csv -o 复核.xlsx",
        ),
        args: &[
            ("input", "长表：CSV 文件或工作簿；- 为标准输入"),
            (
                "output",
                "项目行写到哪里；- 为标准输出（默认）。文件名以 .xlsx 结尾（或 --format xlsx）时写一个工作簿：汇总、明细、标记、按单位、结果应用",
            ),
            (
                "indicators",
                "另把每个指标一行写到此文件；- 为标准输出（此时 -o 须为文件）",
            ),
            (
                "format",
                "输出格式：csv（默认）、jsonl（每行一个 JSON）或 xlsx",
            ),
            (
                "headers",
                "CSV 表头：auto 随 --lang（默认）；zh 中文表头，文件以 UTF-8 BOM 开头，Excel 直接打开；en 稳定的英文表头，无 BOM，供脚本使用",
            ),
            (
                "messages",
                "项目行末尾加一列标记说明（按 --lang），不只是代码",
            ),
            (
                "encoding",
                "输入编码：auto 自动识别（默认：先看 BOM，否则从前 64 KiB 判断 UTF-8 或 GB18030/GBK）；或 utf8、gbk、utf16、utf16le、utf16be",
            ),
            (
                "delimiter",
                "分隔符：一个字符，或 \\t / tab；auto（默认）在 UTF-16 文本中为制表符（Excel 另存为“Unicode 文本”），否则为逗号",
            ),
            RUBRIC,
            (
                "deny",
                "有此级别或更严重标记的项目也使退出码为 1：error（错误）或 warning（警告）；默认只看出错的项目",
            ),
            LANG,
        ],
    },
    Help {
        path: "report",
        about: "写一个独立的 HTML 报告（无需联网）：总览、每个项目的复核意见、每个项目一行、标记说明",
        after: Some(
            "输入：项目文件、自评表工作簿、批量 CSV 或长表工作簿，也可以是文件夹。\n退出码：0 无问题，1 有项目出错或有标记（--deny），2 输入或输出无法读写。\n示例：\n  jixiao report 自评表/ -o 复核报告.html\n  jixiao report 全市指标.csv -o 复核报告.html --full 500",
        ),
        args: &[
            ("inputs", "输入文件或文件夹"),
            ("output", "要写的 HTML 文件；- 为标准输出"),
            RUBRIC,
            DENY,
            (
                "full",
                "项目不超过 N 个时全部详列；否则只详列有错误标记、偏差最大的 N 个，其余各占一行（默认 200）",
            ),
            (
                "date",
                "标题中显示的日期（默认不显示：同样的输入得到同样的文件）",
            ),
            LANG,
        ],
    },
    Help {
        path: "template",
        about: "由绩效目标表（公开表6 工作簿或 CSV，或项目文件）生成待填的全国自评表（xlsx）：目标、分值和预算已填，完成情况留空",
        after: Some(
            "示例：\n  jixiao template 公开表6.xlsx -o 自评表/\n  jixiao template 公开表6.csv -o 自评表.xlsx   （一个工作簿，每个项目一个工作表）",
        ),
        args: &[
            ("input", "绩效目标表：工作簿、CSV 或项目文件"),
            (
                "output",
                "文件夹（每个项目一个工作簿），或以 .xlsx 结尾的文件（每个项目一个工作表）",
            ),
            LANG,
        ],
    },
    Help {
        path: "review",
        about: "审核绩效目标表（公开表6）：像财政部门审核那样逐条列出问题，并给每个项目一个审核结论；有错误时退出码为 1",
        after: Some(
            "退出码：0 没有被拒的问题，1 有（--deny），2 输入有误（或上年数据一个项目也对不上）。\n示例：\n  jixiao review 公开表6.csv\n  jixiao review 公开表6.csv -o 审核意见.xlsx\n  jixiao review 2024.csv --baseline 2023-自评.xlsx --format json\n  jixiao explain target-without-number",
        ),
        args: &[
            (
                "tables",
                "绩效目标表：工作簿、CSV 或项目文件，也可以是文件夹",
            ),
            (
                "baseline",
                "上年的自评表或目标表，用来对比目标（放在命令最后：其后的文件都算上年的）",
            ),
            (
                "rubric",
                "审核规则：内置规则名（review-2021）或审核规则文件",
            ),
            (
                "format",
                "输出格式：table（默认）或 json，写到标准输出（或 -o）；xlsx、html（审核意见）写到 -o 文件",
            ),
            (
                "output",
                "要写的文件：以 .xlsx 或 .html 结尾时写审核意见工作簿或网页",
            ),
            (
                "deny",
                "最低到哪一级的问题使退出码为 1：error（错误，默认）或 warning（警告）",
            ),
            LANG,
        ],
    },
    Help {
        path: "monitor",
        about: "绩效运行监控：支出进度对照序时进度和检查点、按当前进度预计年末结余、指标完成进度对照资金执行进度、完成可能性与数字是否矛盾；输出监控表和应发提示函的项目；有错误时退出码为 1",
        after: Some(
            "退出码：0 没有被拒的问题，1 有（--deny），2 输入有误。\n示例：\n  jixiao monitor 8月监控.yaml --as-of 2024-08-31\n  jixiao monitor 监控/ --as-of 2024-08-31 --policy province-bimonthly --format json\n  jixiao monitor 8月监控.csv --as-of 2024-08-31 -o 监控表.xlsx\n  jixiao explain monitor-checkpoint",
        ),
        args: &[
            ("inputs", "监控文件（YAML、CSV 或工作簿），也可以是文件夹"),
            ("as_of", "数据截至日期：YYYY-MM-DD，须在项目年度内"),
            (
                "policy",
                "监控规则：内置规则名（shaanxi-dept-2020-progress、province-bimonthly）或监控规则文件",
            ),
            (
                "format",
                "输出格式：table（默认）、json 或 html（网页），写到标准输出（或 -o）；xlsx（监控表工作簿）写到 -o 文件",
            ),
            (
                "output",
                "要写的文件：以 .xlsx 或 .html 结尾时写监控表工作簿或网页",
            ),
            DENY,
            LANG,
        ],
    },
    Help {
        path: "completions",
        about: "打印命令行补全脚本：bash、zsh、fish 或 powershell",
        after: Some(
            "示例：\n  jixiao completions bash > ~/.local/share/bash-completion/completions/jixiao\n  jixiao completions powershell >> $PROFILE",
        ),
        args: &[("shell", "命令行：bash、zsh、fish 或 powershell"), LANG],
    },
    Help {
        path: "schema",
        about: "打印某类文件的 JSON Schema，供编辑器（如 VS Code 的 YAML 插件）补全和检查",
        after: Some("示例：\n  jixiao schema project > project.schema.json"),
        args: &[
            (
                "kind",
                "文件种类：project（项目文件）、rubric（评分规则）、library（指标库）、review（审核规则）或 monitor（监控规则）",
            ),
            LANG,
        ],
    },
    Help {
        path: "generate",
        about: "生成一张逼真的批量 CSV（每个项目 8–17 个指标，表上的中文表头，合并单元格留空，目标、完成值、自评得分各不相同），供试用和测试速度；文件名以 .xlsx 结尾时写工作簿",
        after: Some(
            "示例：\n  jixiao generate --rows 1000000 -o big.csv && jixiao batch big.csv -o scores.csv\n  jixiao generate --rows 2000 --bad-every 100 -o trial.csv   （约 20 行有错，看错误如何报告）",
        ),
        args: &[
            ("rows", "指标行数（每个项目约 12 行；默认 1000）"),
            ("seed", "随机种子：种子相同，文件相同（默认 2020）"),
            (
                "bad_every",
                "另写入错行，约每 K 行一行（未知的一级指标，或不是数字的权重）；默认不写。速度测试用 1000",
            ),
            ("output", "要写的文件；- 为标准输出（默认）"),
            LANG,
        ],
    },
];

/// The Chinese help of the command at `path`.
pub fn zh(path: &str) -> Option<&'static Help> {
    ZH.iter().find(|h| h.path == path)
}
