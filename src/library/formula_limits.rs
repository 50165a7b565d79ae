//! Limits on a formula's text, checked before evalexpr builds its tree: evalexpr builds, clones,
//! evaluates and drops the tree recursively, one stack frame per level, so 60,000 `+` terms or
//! 50,000 nested parentheses overflowed the stack, and a run of 20,000 `-` signs took seconds to
//! build.

use crate::i18n::Text;

/// The longest formula, in characters; the longest shipped one has 39.
pub const MAX_CHARS: usize = 1000;

/// The deepest nesting of a formula: parentheses, a level each, and runs of prefix signs (`-`,
/// `+`, `!`), a level a sign; a `(` after a run of signs nests inside the run.
pub const MAX_DEPTH: usize = 32;

/// Refuses a formula longer than [`MAX_CHARS`] or nested deeper than [`MAX_DEPTH`]. Within both,
/// evalexpr's tree is at most a few hundred levels deep, which a thread's 2 MiB stack holds.
pub fn check(source: &str) -> Result<(), Text> {
    let head = || {
        let h: String = source.chars().take(24).collect();
        if h.len() < source.len() { h + "…" } else { h }
    };
    let chars = source.chars().count();
    if chars > MAX_CHARS {
        return Err(Text::new(
            format!("公式过长：{chars} 个字符，上限 {MAX_CHARS}（`{}`）", head()),
            format!(
                "formula is too long: {chars} characters, the limit is {MAX_CHARS} (`{}`)",
                head()
            ),
        ));
    }
    if deeper_than(source, MAX_DEPTH) {
        return Err(Text::new(
            format!(
                "公式嵌套过深：超过 {MAX_DEPTH} 层（括号与连续的正负号、非号）（`{}`）",
                head()
            ),
            format!(
                "formula is nested too deep: more than {MAX_DEPTH} levels (parentheses and runs of signs) (`{}`)",
                head()
            ),
        ));
    }
    Ok(())
}

/// Whether the nesting of `source` passes `max` (see [`MAX_DEPTH`]). Text in double quotes is
/// skipped; a sign is a prefix when it follows nothing, `(`, `,`, `;` or another operator.
fn deeper_than(source: &str, max: usize) -> bool {
    // the level outside the innermost open parenthesis, and the run of signs before it
    let mut outer: Vec<(usize, usize)> = Vec::new();
    let (mut base, mut run) = (0usize, 0usize);
    // whether the last token ends an operand (a prefix sign cannot follow one)
    let mut after_operand = false;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => continue,
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                (run, after_operand) = (0, true);
            }
            '(' => {
                outer.push((base, run));
                (base, run, after_operand) = (base + run + 1, 0, false);
            }
            ')' => {
                (base, _) = outer.pop().unwrap_or((0, 0));
                (run, after_operand) = (0, true);
            }
            '-' | '+' | '!' if !after_operand => run += 1,
            c if c.is_alphanumeric() || c == '_' || c == '.' => {
                while chars
                    .next_if(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | ':'))
                    .is_some()
                {}
                (run, after_operand) = (0, true);
            }
            _ => after_operand = false,
        }
        if base + run > max {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_parentheses_and_runs_of_signs() {
        let parens = |n: usize| "(".repeat(n) + "x" + &")".repeat(n);
        assert!(!deeper_than(&parens(MAX_DEPTH), MAX_DEPTH));
        assert!(deeper_than(&parens(MAX_DEPTH + 1), MAX_DEPTH));
        let signs = |n: usize| "-".repeat(n) + "x";
        assert!(!deeper_than(&signs(MAX_DEPTH), MAX_DEPTH));
        assert!(deeper_than(&signs(MAX_DEPTH + 1), MAX_DEPTH));
        assert!(!deeper_than("- ! -x", 3));
        assert!(deeper_than("- ! -x", 2));
        // binary operators and parentheses side by side do not nest
        let wide = vec!["(a - -b)"; 200].join(" - ");
        assert!(!deeper_than(&wide, 2));
        assert!(deeper_than(&wide, 1));
        // a sign before a parenthesis: the sign and the parenthesis
        assert!(!deeper_than("-(-(x))", 4));
        assert!(deeper_than("-(-(x))", 3));
        // parentheses in text are text
        assert!(!deeper_than(&format!("\"{}\\\"\"", "(".repeat(100)), 0));
        // function calls nest like parentheses
        assert!(!deeper_than("points * min(abs(value) / 100, 1)", 2));
        assert!(deeper_than("points * min(abs(value) / 100, 1)", 1));
    }

    #[test]
    fn a_formula_just_within_the_limits_passes_and_one_past_is_refused() {
        let long = "1+".repeat(MAX_CHARS / 2 - 1) + "10";
        assert_eq!(long.chars().count(), MAX_CHARS);
        assert!(check(&long).is_ok());
        let e = check(&(long + "0")).unwrap_err();
        assert!(e.en.starts_with("formula is too long: 1001 characters, the limit is 1000 (`1+1+1+1+1+1+1+1+1+1+1+1+…`)"), "{}", e.en);
        assert!(e.zh.starts_with("公式过长："), "{}", e.zh);
        // characters, not bytes
        assert!(check(&"甲".repeat(MAX_CHARS)).is_ok());
        let e = check(&("(".repeat(MAX_DEPTH + 1) + "x" + &")".repeat(MAX_DEPTH + 1))).unwrap_err();
        assert!(
            e.en.starts_with("formula is nested too deep: more than 32 levels"),
            "{}",
            e.en
        );
        assert!(e.zh.starts_with("公式嵌套过深"), "{}", e.zh);
    }
}
