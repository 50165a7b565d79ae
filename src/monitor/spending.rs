//! Spending against the calendar: the execution rate at the as-of date against the budget, the
//! policy's checkpoints and 序时进度.

use rust_decimal::Decimal;

use super::{Facts, Rule, Sink, amount, pct};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;

pub static EXECUTED_OVER_BUDGET: Rule = Rule {
    code: "monitor-executed-over-budget",
    severity: Severity::Error,
    summary: Doc {
        zh: "截至监控日的执行数超过全年预算数",
        en: "the amount executed to date is above the year's budget",
    },
    explain: Doc {
        zh: "检查：截至监控日的执行数（executed_to_date）是否大于全年预算数（budget）。\n为何重要：执行数不能超过预算；多半是填错了单位（元与万元）或把累计数填成了其他项目的数。其余检查仍照常进行，但执行率和预测都不可信。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）要求监控预算执行情况（条文未经核对）。\n示例：预算 100 万元，截至 8 月执行 120 万元。\n修正：核对执行数与预算数的金额和单位。",
        en: "Checks: whether the amount executed to date (executed_to_date) is above the year's budget (budget).\nWhy: spending cannot pass the budget; most often a unit is wrong (yuan for 10k yuan) or another project's figure was copied. The other checks still run, but the rate and the forecast cannot be trusted.\nBasis: 财预〔2019〕136号 (central departments' interim rules on in-year performance monitoring) asks for budget execution to be monitored (not verified against the text).\nExample: a budget of 100 with 120 executed by August.\nFix: check the amounts and their unit.",
    },
    check: executed_over_budget,
};

fn executed_over_budget(f: &Facts, s: &mut Sink) {
    let p = f.project;
    if p.executed > p.budget {
        s.project(Text::new(
            format!(
                "截至 {} 执行数 {} 超过全年预算数 {}（{}）",
                f.as_of,
                amount(p.executed),
                amount(p.budget),
                p.money_unit
            ),
            format!(
                "executed to {} is {}, above the year's budget of {} ({})",
                f.as_of,
                amount(p.executed),
                amount(p.budget),
                p.money_unit
            ),
        ));
    }
}

pub static CHECKPOINT: Rule = Rule {
    code: "monitor-checkpoint",
    severity: Severity::Warning,
    summary: Doc {
        zh: "执行率低于监控规则最近一个检查点的界限（黄/橙为警告，红为错误）",
        en: "the execution rate is under a bound of the policy's latest checkpoint (yellow/orange a warning, red an error)",
    },
    explain: Doc {
        zh: "检查：监控日已过的最近一个检查点（如 6 月底的半年进度）：截至监控日的执行率低于该检查点的哪一级界限，就达到哪一级预警（红、橙、黄）。红色为错误，其余为警告。执行数只增不减，监控日的执行率低于界限，检查点当时也必然低于界限。\n为何重要：支出进度在自评中计分，检查点未达标的分数年末无法补回；应在此时督促，下发提示函。\n依据：陕西省部门整体支出绩效自评表“支出进度率”评分标准：半年进度≥45%得满分，40%（含）至 45% 得 1 分，<40% 得 0 分；前三季度≥75%得满分，60%（含）至 75% 得 2 分，<60% 得 0 分（已核对原文）。其他监控规则的检查点以其文件为准。\n示例：8 月 31 日执行率 38%，低于半年进度 40% 的界限：红色。\n修正：加快支付；确实无法支出的资金按规定申请调剂或收回。",
        en: "Checks: the latest checkpoint passed by the as-of date (the end of June for the half year, say): the execution rate at the as-of date reaches the tier of the lowest bound it is under (red, orange, yellow). Red is an error, the others warnings. Spending only grows, so a rate under a bound at the as-of date was under it at the checkpoint too.\nWhy: spending progress is scored in the self-evaluation and a missed checkpoint cannot be made up at year end; now is the time for a reminder (提示函).\nBasis: the Shaanxi department form's 支出进度率 rubric: half year ≥45% full marks, 40% (incl.) to 45% 1 point, <40% none; three quarters ≥75% full, 60% (incl.) to 75% 2 points, <60% none (checked against the text). Other policies' checkpoints are as their files give them.\nExample: 38% on 31 August, under the half year's 40%: red.\nFix: speed payments up; money that cannot be spent is moved or taken back as the rules allow.",
    },
    check: checkpoint,
};

fn checkpoint(f: &Facts, s: &mut Sink) {
    let Some(rate) = f.pace.rate else { return };
    let Some(c) = f.policy.reached(f.as_of.months_done()) else {
        return;
    };
    let Some((below, tier, note)) = c.tier(rate) else {
        return;
    };
    let severity = if *tier == super::Tier::Red {
        Severity::Error
    } else {
        Severity::Warning
    };
    let note_zh = note.as_ref().map(|n| format!("，{n}")).unwrap_or_default();
    s.project_at(
        severity,
        Text::new(
            format!(
                "{}预警：截至 {} 执行率 {}，低于“{}”的界限 {}{note_zh}",
                tier.word(crate::i18n::Lang::Zh),
                f.as_of,
                pct(rate),
                c.name,
                pct(*below)
            ),
            format!(
                "{} tier: the rate to {} is {}, under the {} bound of {}",
                tier.word(crate::i18n::Lang::En),
                f.as_of,
                pct(rate),
                c.label(crate::i18n::Lang::En),
                pct(*below)
            ),
        ),
    );
}

pub static BEHIND_CALENDAR: Rule = Rule {
    code: "monitor-behind-calendar",
    severity: Severity::Warning,
    summary: Doc {
        zh: "执行率落后序时进度超过监控规则的差距",
        en: "the execution rate trails the share of the year elapsed by more than the policy's gap",
    },
    explain: Doc {
        zh: "检查：截至监控日的执行率是否低于序时进度（当年已过天数 ÷ 全年天数，闰年 366 天）减去监控规则的 calendar_gap 个百分点。\n为何重要：“双监控”之一是预算执行进度；明显落后于时间进度的项目年末多有结余。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）的预算执行进度监控（条文未经核对）；差距 calendar_gap 是监控规则文件中的数，默认 10 个百分点为本工具的取值。\n示例：2023 年 8 月 31 日序时进度 66.58%，执行率 38%，落后 28.58 个百分点。\n修正：说明原因，制定支出计划，按月跟踪。",
        en: "Checks: whether the rate at the as-of date is below the share of the year elapsed (days so far over the days of the year, 366 in a leap year) less the policy's calendar_gap points.\nWhy: budget execution is one of the two things monitored during the year; a project well behind the calendar mostly ends the year with money unspent.\nBasis: the budget-execution monitoring of 财预〔2019〕136号 (not verified against the text); calendar_gap is the policy file's number, 10 points by this tool's default.\nExample: on 31 August 2023 the year is 66.58% gone and the rate is 38%: 28.58 points behind.\nFix: say why, plan the payments, follow them month by month.",
    },
    check: behind_calendar,
};

fn behind_calendar(f: &Facts, s: &mut Sink) {
    let Some(rate) = f.pace.rate else { return };
    let behind = f.pace.elapsed - rate;
    if behind > f.policy.calendar_gap {
        s.project(Text::new(
            format!(
                "截至 {} 执行率 {}，序时进度 {}，落后 {} 个百分点（允许 {}）",
                f.as_of,
                pct(rate),
                pct(f.pace.elapsed),
                amount(behind),
                amount(f.policy.calendar_gap)
            ),
            format!(
                "the rate to {} is {} with {} of the year gone: {} points behind (allowed {})",
                f.as_of,
                pct(rate),
                pct(f.pace.elapsed),
                amount(behind),
                amount(f.policy.calendar_gap)
            ),
        ));
    }
}

pub static CHECKPOINT_AHEAD: Rule = Rule {
    code: "monitor-checkpoint-ahead",
    severity: Severity::Warning,
    summary: Doc {
        zh: "按当前进度，下一个检查点将达不到满分界限",
        en: "at the current pace the next checkpoint will be missed",
    },
    explain: Doc {
        zh: "检查：监控日之后的下一个检查点（如 9 月底的前三季度进度）：按截至监控日的进度推算到该检查点的执行率（执行率 × 检查点的序时进度 ÷ 当前序时进度，最高 100%），低于其满分界限时提示，并给出到期前还须支付的金额。\n为何重要：已过的检查点无法补救，下一个还来得及；8 月的监控正是为 9 月底的前三季度进度。\n依据：陕西省部门整体支出绩效自评表“支出进度率”评分标准的检查点和界限（已核对原文）；按进度推算是本工具的做法。\n示例：2023 年 8 月 31 日执行 38%，按此进度 9 月底约 42.69%（38 × 273 ÷ 243），低于前三季度 75% 的界限，须在 9 月底前再支付 37 万元（预算 100 万元）。\n修正：按给出的金额安排 9 月的支付。",
        en: "Checks: the next checkpoint after the as-of date (the end of September for three quarters, say): the rate the pace so far leads to there (rate × the share of the year at the checkpoint ÷ the share now, at most 100%); under its full-marks bound it is flagged, with the amount still to pay by then.\nWhy: a checkpoint passed cannot be made up, the next one can; August's monitoring is for September's three-quarter mark.\nBasis: the checkpoints and bounds of the Shaanxi department form's 支出进度率 rubric (checked against the text); projecting the pace is this tool's method.\nExample: 38% on 31 August 2023 leads to about 42.69% at the end of September (38 × 273 ÷ 243), under the 75% bound: 37 more (of a budget of 100) to pay by then.\nFix: plan September's payments by the amount given.",
    },
    check: checkpoint_ahead,
};

fn checkpoint_ahead(f: &Facts, s: &mut Sink) {
    let Some(rate) = f.pace.rate else { return };
    let done = f.as_of.months_done();
    let Some(c) = f.policy.checkpoints.iter().find(|c| c.month > done) else {
        return;
    };
    let at = super::Day::month_end(f.as_of.year, c.month).elapsed();
    let projected = (rate * at / f.pace.elapsed).min(Decimal::ONE_HUNDRED);
    let full = c.full();
    if projected >= full || f.pace.elapsed.is_zero() {
        return;
    }
    let p = f.project;
    let needed = (full * p.budget / Decimal::ONE_HUNDRED - p.executed).max(Decimal::ZERO);
    let tier = c.tier(projected).map(|t| t.1);
    let word = |lang| tier.map(|t| t.word(lang)).unwrap_or_default();
    let u = &p.money_unit;
    s.project(Text::new(
        format!(
            "按当前进度，“{}”（{}月底）执行率约 {}，低于满分界限 {}（{}）；须在{}月底前再支付 {} {u}",
            c.name,
            c.month,
            pct(projected),
            pct(full),
            word(crate::i18n::Lang::Zh),
            c.month,
            amount(needed)
        ),
        format!(
            "at this pace the {} checkpoint (end of month {}) comes at about {}, under its {} ({}); {} {u} more to pay by then",
            c.label(crate::i18n::Lang::En),
            c.month,
            pct(projected),
            pct(full),
            word(crate::i18n::Lang::En),
            amount(needed)
        ),
    ));
}
