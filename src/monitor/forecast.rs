//! The pace of spending: the execution rate at the as-of date, the share of the year elapsed,
//! and the year-end rate and balance (结余) the current pace leads to.

use rust_decimal::Decimal;

use super::{Day, Facts, Rule, Sink, amount, pct};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;

/// A project's spending at the as-of date and where its pace leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// 截至 as-of 执行数 / 全年预算数 × 100; none for a budget of 0.
    pub rate: Option<Decimal>,
    /// 序时进度: the share of the year elapsed, in %.
    pub elapsed: Decimal,
    /// The year-end rate at the current pace: rate / elapsed × 100, at most 100.
    pub forecast: Option<Decimal>,
    /// The balance the forecast leaves, in % of the budget.
    pub balance_share: Option<Decimal>,
    /// The balance the forecast leaves, in money.
    pub balance: Option<Decimal>,
}

impl Pace {
    pub fn of(budget: Decimal, executed: Decimal, as_of: Day) -> Pace {
        let elapsed = as_of.elapsed();
        let hundred = Decimal::ONE_HUNDRED;
        let rate = (budget > Decimal::ZERO).then(|| executed * hundred / budget);
        let forecast = rate.map(|r| (r * hundred / elapsed).min(hundred));
        let balance_share = forecast.map(|f| hundred - f);
        let balance = balance_share.map(|s| budget * s / hundred);
        Pace {
            rate,
            elapsed,
            forecast,
            balance_share,
            balance,
        }
    }
}

pub static FORECAST_BALANCE: Rule = Rule {
    code: "monitor-forecast-balance",
    severity: Severity::Warning,
    summary: Doc {
        zh: "按当前进度，年末结余将超过监控规则的结余上限",
        en: "at the current pace the year ends with more unspent than the policy allows",
    },
    explain: Doc {
        zh: "检查：按截至监控日的执行进度推算年末执行率（执行率 ÷ 序时进度 × 100%，最高 100%），其余为预计结余；预计结余率超过监控规则的 balance_max 时现在就提示。\n为何重要：年末的结余在自评中扣分，也会被收回；等到年底才发现就来不及了。如某市医保局一个项目资金下达晚、部分工作年末才开展，年末结余率 12.54%。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）要求对全年预计完成情况作出判断（条文未经核对）；结余上限 balance_max 是监控规则文件中的数，默认 10% 为本工具的取值。\n示例：2023 年 8 月 31 日执行 38%，按此进度年末为 57.08%，预计结余 42.92%。\n修正：制定后四个月的支付计划；确实用不完的资金及早申请调剂。",
        en: "Checks: the year-end rate the pace so far leads to (rate over the share of the year elapsed, at most 100%), and the balance it leaves; a forecast balance above the policy's balance_max is flagged now.\nWhy: money left at year end costs points in the self-evaluation and is taken back; found in December it is too late. A city medical-insurance bureau's project, funded late with work started only at year end, ended the year 12.54% unspent.\nBasis: 财预〔2019〕136号 asks for the year's expected completion to be judged during the year (not verified against the text); balance_max is the policy file's number, 10% by this tool's default.\nExample: 38% spent on 31 August 2023 leads to 57.08% at year end, 42.92% unspent.\nFix: plan the last months' payments; ask early to move money that cannot be spent.",
    },
    check: forecast_balance,
};

fn forecast_balance(f: &Facts, s: &mut Sink) {
    let (Some(forecast), Some(share), Some(balance)) =
        (f.pace.forecast, f.pace.balance_share, f.pace.balance)
    else {
        return;
    };
    if share > f.policy.balance_max {
        let unit = &f.project.money_unit;
        s.project(Text::new(
            format!(
                "按当前进度年末执行率约 {}，预计结余 {} {unit}（{}），超过上限 {}",
                pct(forecast),
                amount(balance),
                pct(share),
                pct(f.policy.balance_max)
            ),
            format!(
                "at this pace the year ends near {}, leaving {} {unit} ({}) unspent, above the {} allowed",
                pct(forecast),
                amount(balance),
                pct(share),
                pct(f.policy.balance_max)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    /// Worked by hand: 2023 is not a leap year; 31 August is day 31+28+31+30+31+30+31+31 = 243
    /// of 365, so 序时进度 = 243/365 = 66.5753…%. A budget of 100.00 with 38.00 spent is at 38%;
    /// at that pace the year ends at 38 × 365/243 = 13870/243 = 57.0781…%, leaving
    /// 100 − 57.0781… = 42.9218…% (42.92 of 100.00) unspent.
    #[test]
    fn forecast_worked_by_hand() {
        let p = Pace::of(d("100.00"), d("38.00"), Day::parse("2023-08-31").unwrap());
        assert_eq!(p.rate, Some(d("38")));
        assert_eq!(p.elapsed.round_dp(2), d("66.58"));
        assert_eq!(p.forecast.unwrap().round_dp(4), d("57.0782"));
        assert_eq!(p.balance_share.unwrap().round_dp(2), d("42.92"));
        assert_eq!(p.balance.unwrap().round_dp(2), d("42.92"));
    }

    /// A leap year moves the calendar: 2024-08-31 is day 244 of 366 (66.67%); 50 of 200
    /// spent is 25%, heading for 25 × 366/244 = 37.5% exactly, 125.00 unspent.
    #[test]
    fn forecast_in_a_leap_year() {
        let p = Pace::of(d("200"), d("50"), Day::parse("2024-08-31").unwrap());
        assert_eq!(p.forecast, Some(d("37.5")));
        assert_eq!(p.balance, Some(d("125")));
    }

    #[test]
    fn forecast_is_capped_at_the_budget_and_a_zero_budget_has_none() {
        let p = Pace::of(d("100"), d("80"), Day::parse("2024-06-30").unwrap());
        assert_eq!(p.forecast, Some(d("100")));
        assert_eq!(p.balance, Some(d("0")));
        let p = Pace::of(d("0"), d("5"), Day::parse("2024-06-30").unwrap());
        assert_eq!(p.rate, None);
        assert_eq!(p.forecast, None);
    }
}
