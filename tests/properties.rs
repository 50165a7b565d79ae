//! Properties of the quantitative rule over many generated cases (a fixed-seed generator, so a
//! failure reproduces): every score lies in [0, weight], and raising a forward actual never
//! lowers its score (nor does lowering a reverse one).

use jixiao::model::{
    Actual, Budget, Claimed, Direction, Indicator, Level1, Level2, Money, Record, Target,
};
use jixiao::rubric::Rubric;
use jixiao::score::score_line;
use rust_decimal::Decimal;

/// xorshift64*: small, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A decimal in [0, 1000) with 0–3 decimals, sometimes exactly 0.
    fn value(&mut self) -> Decimal {
        if self.next().is_multiple_of(10) {
            return Decimal::ZERO;
        }
        Decimal::new((self.next() % 1_000_000) as i64, (self.next() % 4) as u32)
    }
}

fn record() -> Record {
    Record {
        id: "P".into(),
        name: "P".into(),
        department: None,
        authority: None,
        filled_by: None,
        year: Some(2024),
        rubric: None,
        budget: Budget::of(Decimal::ONE, Some(Decimal::ONE), Money::Wan),
        goals: None,
        indicators: vec![],
        measures: Default::default(),
        item_notes: Vec::new(),
        claimed: Claimed::default(),
    }
}

fn indicator(target: &str, actual: Decimal, dir: Direction) -> Indicator {
    Indicator {
        name: "x".into(),
        level1: Level1::Output,
        level2: Level2::Quantity,
        target: Target::parse(target).unwrap(),
        target_text: target.into(),
        direction: Some(dir),
        weight: None,
        actual: Actual::parse(&format!("{actual}次")),
        actual_text: Some(format!("{actual}次").into()),
        claimed_score: None,
        deviation: None,
        notes: None,
        line: None,
    }
}

#[test]
fn scores_stay_within_weight_and_are_monotonic() {
    let rubric = Rubric::load("national-2020").unwrap();
    let rec = record();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let t = rng.value();
        let (a, b) = {
            let (x, y) = (rng.value(), rng.value());
            if x <= y { (x, y) } else { (y, x) }
        };
        let w = Decimal::new((rng.next() % 5000) as i64, 2);
        let dir = if rng.next().is_multiple_of(2) {
            Direction::Forward
        } else {
            Direction::Reverse
        };
        let op = match (dir, rng.next() % 3) {
            (Direction::Forward, 0) => "≥",
            (Direction::Forward, 1) => ">",
            (Direction::Reverse, 0) => "≤",
            (Direction::Reverse, 1) => "<",
            _ => "=",
        };
        let target = format!("{op}{t}次");
        let low = score_line(0, &indicator(&target, a, dir), w, &rec, &rubric).score;
        let high = score_line(0, &indicator(&target, b, dir), w, &rec, &rubric).score;
        for s in [low, high] {
            assert!(s >= Decimal::ZERO && s <= w, "{target} w={w}: {s}");
        }
        match dir {
            Direction::Forward => assert!(high >= low, "{target}: {a}→{low}, {b}→{high}"),
            Direction::Reverse => assert!(low >= high, "{target}: {a}→{low}, {b}→{high}"),
        }
    }
}

#[test]
fn boundaries_of_the_quantitative_rule() {
    let rubric = Rubric::load("national-2020").unwrap();
    let rec = record();
    let w = Decimal::from(10);
    let s = |target: &str, actual: &str, dir| {
        score_line(
            0,
            &indicator(target, actual.parse().unwrap(), dir),
            w,
            &rec,
            &rubric,
        )
        .score
    };
    use Direction::*;
    assert_eq!(s("≥90次", "90", Forward), w); // met exactly
    let under = s("≥90次", "89.99", Forward); // just under: in proportion, below full
    assert_eq!(under, w * Decimal::new(8999, 2) / Decimal::from(90));
    assert!(under < w);
    assert_eq!(s("≥0次", "0", Forward), w); // target 0, met
    assert_eq!(s("≤5次", "5", Reverse), w);
    assert_eq!(s("≤5次", "0", Reverse), w); // reverse with actual 0: met
    assert_eq!(s("≤0次", "0", Reverse), w);
    assert_eq!(s("≤0次", "3", Reverse), Decimal::ZERO); // target 0, not met: 0
    assert_eq!(s("≤5次", "10", Reverse), Decimal::from(5));
    assert_eq!(s("≥5次", "0", Forward), Decimal::ZERO);
}
