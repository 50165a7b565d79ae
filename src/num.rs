//! Exact decimal arithmetic and the digit writers every layer shares: sums that match
//! `Iterator::sum` to the last digit, rounding to two places, scores and values written without
//! `fmt`, and powers of ten. It uses nothing else of the crate; each fast path here is held to
//! `Decimal`'s own result by the tests at the bottom.

use rust_decimal::{Decimal, RoundingStrategy};

/// The sum of `values`, exactly as `Iterator::sum` gives it. Values written with the same
/// number of decimals (weights, most often whole points) are added as integers, several times
/// cheaper than `Decimal` addition; values of mixed scales are summed by `Decimal`.
pub fn sum_exact<I>(values: I) -> Decimal
where
    I: Iterator<Item = Decimal> + Clone,
{
    let mut all = values.clone();
    let Some(first) = all.next() else {
        return Decimal::ZERO;
    };
    let scale = first.scale();
    let mut mantissa = first.mantissa();
    for v in all {
        if v.scale() != scale {
            return values.sum();
        }
        mantissa += v.mantissa(); // 96-bit mantissas: an i128 holds billions of them
    }
    // within Decimal's 96 bits the integer sum is what adding Decimals gives; beyond, Decimal
    // rounds, so let it
    Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or_else(|_| values.sum())
}

/// `a × b / c` clamped to `[lo, hi]`; none when `c` is 0. It is `a * b / c` to the last digit
/// whenever that fits in a `Decimal`; when `a × b` does not, it is tried as `a × (b / c)`, and a
/// quotient too large for a `Decimal` lies beyond both ends, so it is the end on its side. Used
/// where a figure is divided by another that may be tiny (a target of 0.0000001).
pub fn mul_div_clamped(
    a: Decimal,
    b: Decimal,
    c: Decimal,
    lo: Decimal,
    hi: Decimal,
) -> Option<Decimal> {
    if c.is_zero() {
        return None;
    }
    let exact = a
        .checked_mul(b)
        .and_then(|p| p.checked_div(c))
        .or_else(|| b.checked_div(c).and_then(|q| a.checked_mul(q)));
    Some(match exact {
        Some(x) => x.max(lo).min(hi),
        None => {
            let negative = a.is_sign_negative() ^ b.is_sign_negative() ^ c.is_sign_negative();
            if negative { lo } else { hi }
        }
    })
}

/// `a / b × 100`, a ratio in percent, saturating at `±Decimal::MAX` when it is too large for a
/// `Decimal`; none when `b` is 0.
pub fn percent_of(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    Some(
        a.checked_div(b)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            .unwrap_or(if a.is_sign_negative() ^ b.is_sign_negative() {
                Decimal::MIN
            } else {
                Decimal::MAX
            }),
    )
}

/// Powers of ten up to 10^30: a `Decimal`'s mantissa times 10^scale for any scale (28) and a
/// hundred more.
pub const POW10: [u128; 31] = {
    let mut t = [1u128; 31];
    let mut i = 1;
    while i < 31 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Rounds to 2 decimals, half away from zero: how scores are shown and totalled.
#[inline]
pub fn round2(d: Decimal) -> Decimal {
    if d.scale() <= 2 {
        return d; // nothing to round, as round_dp would find after more work
    }
    round2_digits(d)
}

/// [`round2`] of a value with more than two decimals.
#[inline(never)]
fn round2_digits(d: Decimal) -> Decimal {
    // The mantissa divided by 10^(scale − 2): `round_dp` does it on 96 bits nine digits at a
    // time, some 600 instructions for a score of 28 decimals. The quotient of a score is small:
    // estimated in floating point it is off by at most one, which the check below corrects.
    let p = POW10[(d.scale() - 2) as usize];
    let m = d.mantissa().unsigned_abs();
    let estimate = (m as f64 / p as f64) as u128;
    let q = if estimate < 1 << 50 {
        [estimate.saturating_sub(1), estimate, estimate + 1]
            .into_iter()
            .find(|q| q * p <= m && m - q * p < p)
    } else {
        None
    };
    match q {
        Some(q) => {
            let r = m - q * p;
            // half away from zero
            let q = if r >= p - r { q + 1 } else { q };
            if q == 0 {
                // a zero keeps the sign round_dp gives it
                return d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            }
            let q = q as i128; // below 2^51
            Decimal::from_i128_with_scale(if d.is_sign_negative() { -q } else { q }, 2)
        }
        None => d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
    }
}

/// A score as shown: always two decimals. Written from the rounded mantissa, which is several
/// times faster than `Decimal`'s own formatting on the batch path.
pub fn fmt2(d: Decimal) -> String {
    let mut s = String::with_capacity(8);
    push_fmt2(&mut s, d);
    s
}

/// [`fmt2`], appended to `out`: the rounded value's mantissa at scale 2, as an integer (an
/// `i128` holds it even beyond 7.9e26, where a `Decimal` cannot keep two decimals).
pub fn push_fmt2(out: &mut String, d: Decimal) {
    let r = round2(d);
    let m = r.mantissa() * [100, 10, 1][r.scale().min(2) as usize];
    if m < 0 {
        out.push('-');
    }
    let m = m.unsigned_abs();
    push_uint(out, m / 100);
    let frac = (m % 100) as u8;
    out.push('.');
    out.push(char::from(b'0' + frac / 10));
    out.push(char::from(b'0' + frac % 10));
}

/// Appends the digits of `n`.
pub fn push_uint(out: &mut String, n: u128) {
    let mut digits = [0u8; 40];
    let mut i = digits.len();
    // u64 division is much cheaper than u128's, and every count and score fits
    let mut small = u64::try_from(n).ok();
    let mut big = n;
    loop {
        i -= 1;
        let digit = match small.as_mut() {
            Some(s) => {
                let d = *s % 10;
                *s /= 10;
                d as u8
            }
            None => {
                let d = big % 10;
                big /= 10;
                if let Ok(s) = u64::try_from(big) {
                    small = Some(s);
                }
                d as u8
            }
        };
        digits[i] = b'0' + digit;
        if small == Some(0) || (small.is_none() && big == 0) {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&b| char::from(b)));
}

/// Points in a reason: rounded like scores, without trailing zeros (an equal share of 50 among 12
/// indicators shows as 4.17).
pub fn fmt_points(d: Decimal) -> String {
    round2(d).normalize().to_string()
}

/// A measured value as written: no trailing zeros.
pub fn fmt_value(d: Decimal) -> String {
    let mut s = String::with_capacity(8);
    push_value(&mut s, d);
    s
}

/// [`fmt_value`], appended to `out` without going through `fmt` (several times cheaper; a
/// batch writes one per project).
pub fn push_value(out: &mut String, d: Decimal) {
    let n = d.normalize();
    let m = n.mantissa();
    if m < 0 {
        out.push('-');
    }
    let (m, scale) = (m.unsigned_abs(), n.scale());
    if scale == 0 {
        push_uint(out, m);
        return;
    }
    let p = POW10[scale as usize];
    push_uint(out, m / p);
    out.push('.');
    // the fraction's digits, after the zeros that lead them (normalised, it is not zero)
    let frac = m % p;
    let digits = POW10.iter().take_while(|&&t| t <= frac).count();
    out.extend(std::iter::repeat_n('0', scale as usize - digits));
    push_uint(out, frac);
}

/// Converts a YAML float to a decimal by its shortest round-trip text, so `3.6` stays `3.6`.
pub fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    format!("{f}")
        .parse()
        .ok()
        .or_else(|| Decimal::try_from(f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_from_float() {
        assert_eq!(decimal_from_f64(3.6), Some("3.6".parse().unwrap()));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }

    #[test]
    fn two_decimals_half_away_from_zero() {
        for (d, s) in [
            ("95.805555", "95.81"),
            ("7.7777", "7.78"),
            ("0.005", "0.01"),
            ("-0.005", "-0.01"),
            ("-0.5", "-0.50"),
            ("100", "100.00"),
            ("0", "0.00"),
            ("12.345", "12.35"),
            ("4.1666666666666666666666666667", "4.17"),
        ] {
            assert_eq!(fmt2(d.parse().unwrap()), s, "{d}");
        }
        assert_eq!(fmt2(Decimal::MAX), format!("{}.00", Decimal::MAX));
        assert_eq!(fmt2(Decimal::MIN), format!("{}.00", Decimal::MIN));
        // as Decimal writes the rounded value to two places (a zero without its sign)
        let mut seed = 0x5851_F42D_4C95_7F2Du64;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let m = (i128::from(seed) << 32 | i128::from(seed >> 7)) & ((1i128 << (seed % 97)) - 1);
            let m = if seed & 1 == 0 { m } else { -m };
            let d = Decimal::from_i128_with_scale(m, ((seed >> 9) % 29) as u32);
            let want = format!("{:.2}", round2(d));
            let want = if want == "-0.00" {
                "0.00".to_string()
            } else {
                want
            };
            assert_eq!(fmt2(d), want, "{d:?}");
        }
    }

    #[test]
    fn round2_is_round_dp_half_away_from_zero() {
        let mut values: Vec<Decimal> = [
            "0.005",
            "-0.005",
            "0.004",
            "-0.004",
            "0.0049999",
            "2.675",
            "-0.000",
            "7.775",
            "7.7777777777777777777777777778",
            "-4.1666666666666666666666666667",
            "0.995",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        values.extend([
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(5, 3),
            Decimal::new(-5, 28),
        ]);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let bits = seed % 97;
            let m = (i128::from(seed) << 40 | i128::from(seed >> 11)) & ((1i128 << bits) - 1);
            let m = if seed & 1 == 0 { m } else { -m };
            let d = Decimal::from_i128_with_scale(m, ((seed >> 9) % 29) as u32);
            // and the value just beside a half: ...5 at the third decimal, ±1 in the last place
            values.push(d);
            if d.scale() > 3 {
                let half = Decimal::new(5, 3);
                let step = Decimal::new(1, d.scale());
                let base = d.trunc_with_scale(2);
                values.extend([base + half, base + half - step, base + half + step]);
            }
        }
        for d in values {
            let (got, want) = (
                round2(d),
                d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            );
            assert_eq!(
                (got.mantissa(), got.scale(), got.is_sign_negative()),
                (want.mantissa(), want.scale(), want.is_sign_negative()),
                "{d:?}"
            );
        }
    }

    #[test]
    fn exact_sums_are_decimal_sums_to_the_last_digit() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let cases: Vec<Vec<Decimal>> = vec![
            vec![],
            vec![d("10")],
            vec![d("10"), d("20"), d("5")],
            vec![d("1.50"), d("2.25"), d("-0.75")],
            vec![d("10"), d("7.7777777777777777777777777778"), d("3")],
            vec![d("0"), d("0.0"), d("0.00")],
            vec![Decimal::MAX, Decimal::MAX],
            vec![Decimal::MIN, d("1")],
            vec![d("0.1"); 1000],
            vec![d("6"), d("7.7777777777777777777777777778"), d("10")],
            vec![d("5"), d("-5"), d("0.00"), d("2.5")],
            vec![d("0.000"), d("1.5")],
            vec![d("1.5"), d("0.000")],
            vec![d("-0"), d("1")],
            vec![d("1"), d("-1")],
            vec![d("-1"), d("1.00")],
        ];
        let mut cases = cases;
        // mixed scales, signs, zeros and sizes, sums that cancel
        let mut seed = 0x0123_4567_89AB_CDEFu64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = (next() % 8) as usize;
            let v: Vec<Decimal> = (0..n)
                .map(|_| {
                    let r = next();
                    let bits = [0, 4, 12, 30, 60, 90, 96][(r % 7) as usize];
                    let m = if bits == 0 {
                        0
                    } else {
                        (i128::from(next()) << 64 | i128::from(next())) & ((1i128 << bits) - 1)
                    };
                    let m = if r & 8 == 0 { m } else { -m };
                    Decimal::from_i128_with_scale(m, ((r >> 8) % 29) as u32)
                })
                .collect();
            cases.push(v);
        }
        for v in cases {
            let want: Option<Decimal> = v.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
            let Some(want) = want else { continue }; // Decimal's own sum would panic
            let got = sum_exact(v.iter().copied());
            assert_eq!(
                (got.mantissa(), got.scale(), got.is_sign_negative()),
                (want.mantissa(), want.scale(), want.is_sign_negative()),
                "{v:?}"
            );
        }
    }

    #[test]
    fn values_as_display_writes_them_normalized() {
        let mut values: Vec<Decimal> = [
            "0",
            "-0",
            "0.000",
            "1",
            "-1",
            "1.50",
            "-0.05",
            "100",
            "120.000",
            "0.0000001",
            "7.7777777777777777777777777778",
            "123456789.987654321",
            "1e10",
        ]
        .iter()
        .map(|s| Decimal::from_scientific(s).or_else(|_| s.parse()).unwrap())
        .collect();
        values.extend([
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
        ]);
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let m = i128::from(seed as i64) * i128::from((seed >> 40) as i32);
            values.push(Decimal::from_i128_with_scale(m, (seed % 29) as u32));
        }
        for d in values {
            assert_eq!(fmt_value(d), d.normalize().to_string(), "{d:?}");
        }
    }

    #[test]
    fn digits_as_display_writes_them() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12345,
            u64::MAX as u128,
            u64::MAX as u128 + 1,
            u128::MAX,
        ] {
            let mut s = String::new();
            push_uint(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn mul_div_clamped_is_the_plain_formula_when_it_fits_and_an_end_when_not() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let (lo, hi) = (Decimal::ZERO, d("10"));
        // to the last digit what `a * b / c` gives, then clamped
        for (a, b, c) in [("10", "65", "72"), ("10", "7", "9"), ("15", "27.5", "40")] {
            let (a, b, c) = (d(a), d(b), d(c));
            assert_eq!(
                mul_div_clamped(a, b, c, lo, hi),
                Some((a * b / c).max(lo).min(hi))
            );
        }
        let tiny = d("0.0000000000000000000000000001");
        assert_eq!(mul_div_clamped(d("10"), d("5"), tiny, lo, hi), Some(hi));
        assert_eq!(mul_div_clamped(d("10"), d("-5"), tiny, lo, hi), Some(lo));
        assert_eq!(
            mul_div_clamped(Decimal::MAX, Decimal::MAX, d("1"), lo, hi),
            Some(hi)
        );
        assert_eq!(
            mul_div_clamped(d("10"), d("5"), Decimal::ZERO, lo, hi),
            None
        );
        assert_eq!(percent_of(d("1"), d("8")), Some(d("12.5")));
        assert_eq!(percent_of(d("5"), tiny), Some(Decimal::MAX));
        assert_eq!(percent_of(d("-5"), tiny), Some(Decimal::MIN));
        assert_eq!(percent_of(d("5"), Decimal::ZERO), None);
    }
}
