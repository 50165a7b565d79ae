//! Last year's tables (`--baseline`): each project of this year's table matched to last year's
//! project doing the same work, and its indicators to last year's, saying how each was matched.
//!
//! Projects: by code (the same project id), else by name (the name of the work: without the
//! year, the place, 项目/费用/经费/资金, brackets; 医疗保险/医疗保障 folded to 医保), else by a
//! similar name (character pairs in common, Dice ≥ [`SIMILAR`]), else by indicators (at least
//! half of this year's indicator names found in last year's project). Indicators: by name as
//! written (its letters and digits), else without a trailing bracketed unit (`（次）`, `(%)`).

use rust_decimal::Decimal;

use super::normal;
use crate::i18n::Text;
use crate::model::Record;

/// The least Dice coefficient (in %) of character pairs for two names to be taken as the same
/// work.
pub const SIMILAR: u32 = 50;

/// Last year's projects, with the file each came from.
pub struct Baseline {
    pub projects: Vec<(Record, String)>,
}

/// How a project or an indicator was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The same project code.
    Code,
    /// The same name (of the work, or of the indicator as written).
    Name,
    /// A similar name: the Dice coefficient of character pairs, in %.
    Similar(u32),
    /// Indicators in common: this many of this year's.
    Indicators(usize),
    /// An indicator's name once its trailing bracketed unit is dropped.
    NameWithoutUnit,
}

impl How {
    pub fn key(self) -> String {
        match self {
            How::Code => "code".into(),
            How::Name => "name".into(),
            How::Similar(p) => format!("similar-name:{p}%"),
            How::Indicators(n) => format!("indicators:{n}"),
            How::NameWithoutUnit => "name-without-unit".into(),
        }
    }

    pub fn text(self) -> Text {
        match self {
            How::Code => Text::new("按项目编码", "by code"),
            How::Name => Text::new("按名称", "by name"),
            How::Similar(p) => Text::new(
                format!("按相近名称（相似度 {p}%）"),
                format!("by a similar name ({p}% alike)"),
            ),
            How::Indicators(n) => Text::new(
                format!("按共同指标（{n} 个同名指标）"),
                format!("by indicators ({n} in common)"),
            ),
            How::NameWithoutUnit => Text::new("按去掉单位后的名称", "by name without its unit"),
        }
    }
}

/// This year's project matched to last year's.
pub struct Match<'a> {
    pub last: &'a Record,
    pub file: &'a str,
    pub how: How,
    /// (this year's indicator, last year's, how), in this year's order.
    pub pairs: Vec<(usize, usize, How)>,
    /// Last year's indicators with no match this year.
    pub dropped: Vec<usize>,
}

impl Match<'_> {
    /// Last year's indicator matched to this year's indicator `i`.
    pub fn last_of(&self, i: usize) -> Option<(usize, How)> {
        self.pairs
            .iter()
            .find(|(t, _, _)| *t == i)
            .map(|(_, l, h)| (*l, *h))
    }
}

/// The name of the work a project does: without its year, place, kind of money and brackets.
pub fn work_name(name: &str) -> String {
    let mut s = normal(name);
    // a code before a dash (51000021Y000000011490-日常公用经费)
    if let Some((code, rest)) = s.split_once('-')
        && code.chars().all(|c| c.is_ascii_alphanumeric())
    {
        s = rest.to_string();
    }
    // brackets and what they hold
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '[' | '【' => depth += 1,
            ')' | ']' | '】' => depth = (depth - 1).max(0),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    // a leading year: 2024, 2024年, 2024年度
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        out = out[4..].to_string();
        for y in ["年度", "年"] {
            if let Some(r) = out.strip_prefix(y) {
                out = r.to_string();
                break;
            }
        }
    }
    for (from, to) in [("医疗保险", "医保"), ("医疗保障", "医保")] {
        out = out.replace(from, to);
    }
    for place in ["四川省", "乐山市", "市本级", "本级"] {
        out = out.replace(place, "");
    }
    for tail in ["项目", "费用", "经费", "资金", "费"] {
        if let Some(r) = out.strip_suffix(tail)
            && !r.is_empty()
        {
            out = r.to_string();
        }
    }
    out
}

/// The Dice coefficient of the character pairs of `a` and `b`, in % (rounded down).
pub fn dice(a: &str, b: &str) -> u32 {
    let pairs = |s: &str| {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    let (pa, mut pb) = (pairs(a), pairs(b));
    let total = pa.len() + pb.len();
    if total == 0 {
        return 0;
    }
    let mut common = 0;
    for p in &pa {
        if let Some(k) = pb.iter().position(|q| q == p) {
            pb.swap_remove(k);
            common += 1;
        }
    }
    (common * 200 / total) as u32
}

/// An indicator's name without a trailing bracketed unit: `开展医保集中宣传次数（次）` →
/// `开展医保集中宣传次数`.
fn without_unit(name: &str) -> String {
    let n = normal(name);
    if n.ends_with(')')
        && let Some(k) = n.rfind('(')
        && n[k..].chars().count() <= 6
    {
        return n[..k].to_string();
    }
    n
}

/// An indicator's name as matched: its letters and digits alone (`确保基金的安全、完整。` and
/// `确保基金的安全完整` are one).
fn bare(name: &str) -> String {
    normal(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Matches indicators of `this` to those of `last`.
fn pair(this: &Record, last: &Record) -> (Vec<(usize, usize, How)>, Vec<usize>) {
    let mut used = vec![false; last.indicators.len()];
    let mut pairs = Vec::new();
    for (i, ind) in this.indicators.iter().enumerate() {
        let n = bare(&ind.name);
        let found = last
            .indicators
            .iter()
            .enumerate()
            .find(|(k, l)| !used[*k] && bare(&l.name) == n)
            .map(|(k, _)| (k, How::Name))
            .or_else(|| {
                let w = bare(&without_unit(&ind.name));
                last.indicators
                    .iter()
                    .enumerate()
                    .find(|(k, l)| !used[*k] && bare(&without_unit(&l.name)) == w)
                    .map(|(k, _)| (k, How::NameWithoutUnit))
            });
        if let Some((k, how)) = found {
            used[k] = true;
            pairs.push((i, k, how));
        }
    }
    let dropped = (0..last.indicators.len()).filter(|k| !used[*k]).collect();
    (pairs, dropped)
}

impl Baseline {
    /// Last year's project doing the work of `this`, and how it was found.
    pub fn find(&self, this: &Record) -> Option<Match<'_>> {
        let by = |how: How, k: usize| {
            let (last, file) = &self.projects[k];
            let (pairs, dropped) = pair(this, last);
            Match {
                last,
                file,
                how,
                pairs,
                dropped,
            }
        };
        let coded = |r: &Record| r.id != r.name && !r.id.is_empty();
        if coded(this)
            && let Some(k) = self
                .projects
                .iter()
                .position(|(l, _)| coded(l) && l.id == this.id)
        {
            return Some(by(How::Code, k));
        }
        let w = work_name(&this.name);
        if let Some(k) = self
            .projects
            .iter()
            .position(|(l, _)| work_name(&l.name) == w)
        {
            return Some(by(How::Name, k));
        }
        let best = self
            .projects
            .iter()
            .enumerate()
            .map(|(k, (l, _))| (dice(&w, &work_name(&l.name)), k))
            .filter(|(d, _)| *d >= SIMILAR)
            // the highest; the first of equals
            .fold(None, |b: Option<(u32, usize)>, (d, k)| match b {
                Some((bd, _)) if bd >= d => b,
                _ => Some((d, k)),
            });
        if let Some((d, k)) = best {
            return Some(by(How::Similar(d), k));
        }
        let names: Vec<String> = this
            .indicators
            .iter()
            .map(|i| without_unit(&i.name))
            .collect();
        let best = self
            .projects
            .iter()
            .enumerate()
            .map(|(k, (l, _))| {
                let common = names
                    .iter()
                    .filter(|n| {
                        l.indicators
                            .iter()
                            .any(|i| bare(&without_unit(&i.name)) == **n)
                    })
                    .count();
                (common, k)
            })
            .filter(|(c, _)| *c > 0 && *c * 2 >= names.len())
            .fold(None, |b: Option<(usize, usize)>, (c, k)| match b {
                Some((bc, _)) if bc >= c => b,
                _ => Some((c, k)),
            });
        best.map(|(c, k)| by(How::Indicators(c), k))
    }
}

/// A share as a decimal, for messages (`fmt_value` of a ratio).
pub fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    (!b.is_zero()).then(|| (a / b).round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_names() {
        assert_eq!(work_name("2021年医保骨干网建设"), "医保骨干网建设");
        assert_eq!(
            work_name("51110024T000010955798-2024年医保骨干网接入费用"),
            "医保骨干网接入"
        );
        assert_eq!(
            work_name("2024医疗保险基金委托审计项目"),
            "医保基金委托审计"
        );
        assert_eq!(work_name("2021年医保基金审计项目"), "医保基金审计");
        assert_eq!(work_name("日常公用经费"), "日常公用");
    }

    #[test]
    fn similar_names() {
        assert_eq!(dice("医保骨干网建设", "医保骨干网接入"), 66);
        assert_eq!(dice("医保基金审计", "医保基金委托审计"), 66);
        assert!(dice("医保基金审计", "医保基金监管及宣传") < SIMILAR);
        assert_eq!(dice("", ""), 0);
    }

    #[test]
    fn units_dropped_from_names() {
        assert_eq!(
            without_unit("开展医保集中宣传次数（次）"),
            "开展医保集中宣传次数"
        );
        assert_eq!(
            without_unit("开展医保集中宣传次数(次)"),
            "开展医保集中宣传次数"
        );
        assert_eq!(
            without_unit("预算编制准确率(计算方法为:很长的说明文字)"),
            "预算编制准确率(计算方法为:很长的说明文字)"
        );
    }
}
