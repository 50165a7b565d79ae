//! Where a YAML error is: serde_yaml's position, moved onto the offending value itself, and the
//! message in both languages with the nearest valid key for an unknown one.

use super::SEP;
use crate::error::InputError;
use crate::i18n::Text;
use crate::suggest::nearest;

/// Turns a serde_yaml error into an input error with file, line, column and, for an unknown key,
/// the nearest valid key. `text` is the source, used to point at the offending value itself
/// (serde_yaml reports a value error at the start of the mapping that holds it).
pub fn yaml_error(file: &str, text: &str, e: &serde_yaml::Error) -> InputError {
    let (mut line, mut col) = match e.location() {
        Some(l) => (Some(l.line()), Some(l.column())),
        None => (None, None),
    };
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the position is reported separately.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let msg = msg
        .split_once(": ")
        .filter(|(path, _)| !path.contains(' ') && !path.contains(SEP))
        .map(|(_, m)| m.to_string())
        .unwrap_or(msg);
    let message = if let Some((zh, en)) = msg.split_once(SEP) {
        if let (Some(l), Some(quoted)) = (line, en.split('`').nth(1))
            && let Some((l2, c2)) = find_after(text, l, quoted)
        {
            (line, col) = (Some(l2), Some(c2));
        }
        Text::new(zh, en)
    } else if let Some(rest) = msg.strip_prefix("unknown field `") {
        unknown_key(rest)
    } else if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        Text::new(
            format!("缺少必填的键 `{field}`"),
            format!("missing required key `{field}`"),
        )
    } else {
        Text::new(format!("YAML 格式错误：{msg}"), format!("bad YAML: {msg}"))
    };
    InputError::new(file, message).at(line, col)
}

/// The first line at or after `line` (1-based, within the next 40) that holds `needle`, and the
/// 1-based column where it starts.
fn find_after(text: &str, line: usize, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .take(40)
        .find_map(|(i, l)| l.find(needle).map(|b| (i + 1, l[..b].chars().count() + 1)))
}

fn unknown_key(rest: &str) -> Text {
    let key = rest.split('`').next().unwrap_or("");
    let expected: Vec<&str> = rest
        .split('`')
        .skip(1)
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    match nearest(key, &expected) {
        Some(near) => Text::new(
            format!("未知的键 `{key}`，是否应为 `{near}`？"),
            format!("unknown key `{key}`: did you mean `{near}`?"),
        ),
        None => Text::new(format!("未知的键 `{key}`"), format!("unknown key `{key}`")),
    }
}
