//! A realistic batch file of N indicator rows, for benchmarks and trials: Chinese headers as on
//! the forms, merged cells left blank as a spreadsheet export leaves them, varied operators,
//! units, directions and qualitative rows, actuals that meet, miss, restate or omit the target,
//! claimed scores; only what real tables hold, unless bad rows are asked for (about one row in
//! K, at random: an unknown 一级指标 or a weight that is not a number). Deterministic for a given
//! seed.

use std::io::{self, Write};

const HEADER: &str = "项目编码,项目名称,单位名称,预算数,执行数,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重,指标方向性,实际完成值,自评得分,自评总分,评价等级,预算执行率\n";

/// xorshift64*: small and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len() as u64) as usize]
    }
}

struct Line {
    level1: &'static str,
    level2: &'static str,
    name: &'static str,
    op: &'static str,
    unit: &'static str,
    direction: &'static str,
}

const LINES: &[Line] = &[
    Line {
        level1: "产出指标",
        level2: "数量指标",
        name: "检查医院数量",
        op: "=",
        unit: "个",
        direction: "",
    },
    Line {
        level1: "产出指标",
        level2: "数量指标",
        name: "开展医保集中宣传次数",
        op: "≥",
        unit: "次",
        direction: "正向指标",
    },
    Line {
        level1: "产出指标",
        level2: "数量指标",
        name: "科目调整次数",
        op: "≤",
        unit: "次",
        direction: "反向指标",
    },
    Line {
        level1: "产出指标",
        level2: "数量指标",
        name: "短信送达数量",
        op: "=",
        unit: "万条",
        direction: "",
    },
    Line {
        level1: "产出指标",
        level2: "质量指标",
        name: "审计准确率",
        op: "≥",
        unit: "%",
        direction: "正向指标",
    },
    Line {
        level1: "产出指标",
        level2: "质量指标",
        name: "预算编制准确率",
        op: "≤",
        unit: "%",
        direction: "反向指标",
    },
    Line {
        level1: "产出指标",
        level2: "质量指标",
        name: "医保公共服务水平",
        op: "定性",
        unit: "",
        direction: "",
    },
    Line {
        level1: "产出指标",
        level2: "时效指标",
        name: "设备故障应急处置响应速度",
        op: "≤",
        unit: "分钟",
        direction: "反向指标",
    },
    Line {
        level1: "产出指标",
        level2: "时效指标",
        name: "短信服务期限",
        op: "=",
        unit: "年",
        direction: "",
    },
    Line {
        level1: "产出指标",
        level2: "成本指标",
        name: "购买第三方服务费用",
        op: "≤",
        unit: "万元",
        direction: "反向指标",
    },
    Line {
        level1: "效益指标",
        level2: "社会效益指标",
        name: "对医保业务办理效率的促进作用",
        op: "≥",
        unit: "%",
        direction: "",
    },
    Line {
        level1: "效益指标",
        level2: "社会效益指标",
        name: "困难群众医疗费用负担减轻程度",
        op: "定性",
        unit: "",
        direction: "",
    },
    Line {
        level1: "效益指标",
        level2: "可持续影响指标",
        name: "对健全医疗保障制度体系的作用",
        op: "定性",
        unit: "",
        direction: "",
    },
    Line {
        level1: "满意度指标",
        level2: "服务对象满意度指标",
        name: "参保群众满意度",
        op: "≥",
        unit: "%",
        direction: "",
    },
];

const UNITS: &[&str] = &[
    "乐山市医疗保障局机关",
    "乐山市医疗保障事务中心",
    "乐山市医保数据和异地结算中心",
    "某县医疗保障局",
];

/// Writes the header and `rows` indicator rows; with `bad_every` K, about one row in K is bad
/// (K = 1000 gives the file the benchmarks and tests have always used).
pub fn write(
    rows: usize,
    seed: u64,
    bad_every: Option<u64>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    out.write_all(HEADER.as_bytes())?;
    let mut written = 0usize;
    let mut project = 0u64;
    let mut unit = "";
    while written < rows {
        project += 1;
        let n = (8 + rng.below(10) as usize).min(rows - written);
        let new_unit = UNITS[(project / 40 % UNITS.len() as u64) as usize];
        let planned = 5 + rng.below(500);
        let executed_pct = 80 + rng.below(21);
        let executed = planned * executed_pct;
        // pick n lines in form order: output, then benefit, then satisfaction
        let mut picks: Vec<usize> = (0..n)
            .map(|_| rng.below(LINES.len() as u64) as usize)
            .collect();
        picks.sort_unstable();
        let weights = split(90, n, &mut rng);
        let (mut last1, mut last2) = ("", "");
        for (i, (&li, w)) in picks.iter().zip(&weights).enumerate() {
            let l = &LINES[li];
            let first = i == 0;
            let mut level1 = if l.level1 != last1 { l.level1 } else { "" };
            let level2 = if l.level1 != last1 || l.level2 != last2 {
                l.level2
            } else {
                ""
            };
            last1 = l.level1;
            last2 = l.level2;
            let (target, actual, claimed) = values(l, *w, &mut rng);
            let mut weight = w.to_string();
            if bad_every.is_some_and(|k| k > 0 && rng.below(k) == 0) {
                if rng.below(2) == 0 {
                    weight = "三十".into(); // a bad number
                } else {
                    level1 = "效果指标"; // an unknown level1
                }
            }
            let dept = if first && new_unit != unit {
                new_unit
            } else {
                ""
            };
            if first {
                unit = new_unit;
            }
            let claim_total = if first {
                (90 + rng.below(11)).to_string()
            } else {
                String::new()
            };
            let grade = if first { "优" } else { "" };
            let rate = if first { "100%" } else { "" };
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                if first {
                    format!("LS{seed}-{project:07}")
                } else {
                    String::new()
                },
                if first {
                    format!("2024年项目{project}")
                } else {
                    String::new()
                },
                dept,
                if first {
                    format!("{planned}.00")
                } else {
                    String::new()
                },
                if first {
                    format!("{}.{:02}", executed / 100, executed % 100)
                } else {
                    String::new()
                },
                level1,
                level2,
                l.name,
                l.op,
                target,
                l.unit,
                weight,
                l.direction,
                actual,
                claimed,
                claim_total,
                grade,
                rate,
            )?;
            written += 1;
        }
    }
    out.flush()
}

/// `total` split into `n` whole positive parts.
fn split(total: u64, n: usize, rng: &mut Rng) -> Vec<u64> {
    let mut parts = vec![1u64; n];
    for _ in 0..total.saturating_sub(n as u64) {
        parts[rng.below(n as u64) as usize] += 1;
    }
    parts
}

/// Target, actual and claimed score of one line.
fn values(l: &Line, weight: u64, rng: &mut Rng) -> (String, String, String) {
    if l.op == "定性" {
        let target = rng
            .pick(&["高", "有效减轻", "成效明显", "显著提高"])
            .to_string();
        let actual = match rng.below(10) {
            0 => String::new(),
            1 => "部分达成".into(),
            2 => target.clone(),
            _ => "达成".into(),
        };
        return (target, actual, weight.to_string());
    }
    let target: u64 = match l.unit {
        "%" => 80 + rng.below(20),
        "分钟" => 30 + rng.below(60),
        "年" => 1,
        "万元" => 5 + rng.below(50),
        _ => 2 + rng.below(100),
    };
    let actual = match rng.below(20) {
        0 => String::new(), // missing
        1 => format!(
            "{}{}{}",
            if l.op == "≤" { "<=" } else { ">=" },
            target,
            l.unit
        ), // restated
        2..=5 => format!("{}{}", target, l.unit), // exactly on target
        _ => {
            let pct = if l.unit == "%" {
                95 + rng.below(8)
            } else {
                80 + rng.below(60)
            };
            let v = target * pct;
            let v = if l.unit == "%" { v.min(10_000) } else { v };
            format!("{}.{:02}{}", v / 100, v % 100, l.unit)
        }
    };
    (target.to_string(), actual, weight.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_exactly_n_rows_deterministically() {
        let mut a = Vec::new();
        write(500, 7, Some(1000), &mut a).unwrap();
        let mut b = Vec::new();
        write(500, 7, Some(1000), &mut b).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 501);
    }
}
