//! Limits on a YAML document, checked before serde_yaml parses it: its size, and how deeply its
//! collections nest. libyaml's scanner checks every open flow collection at every token, so a
//! text of 10^5 nested `[` took it about a minute; the depth is counted with that same scanner,
//! which stops at the token that passes the limit, so what is counted is exactly the nesting
//! serde_yaml would see and a hostile text costs no more than one 64 levels deep.

use std::io::Read;
use std::mem::MaybeUninit;

use crate::error::InputError;
use crate::i18n::Text;

/// The largest YAML document read, in bytes (1 MiB; the largest shipped file is 7 KB).
pub const MAX_BYTES: usize = 1 << 20;

/// The deepest nesting of collections (block or flow) in a YAML document; the shipped rubrics
/// and examples nest at most 12 deep.
pub const MAX_DEPTH: usize = 64;

/// Refuses `text` when it is larger than [`MAX_BYTES`] or nests deeper than [`MAX_DEPTH`], at the
/// line (and, for the depth, the column) where the limit is passed.
pub fn check(file: &str, text: &str) -> Result<(), InputError> {
    if text.len() > MAX_BYTES {
        return Err(too_large(file, line_of(text.as_bytes(), MAX_BYTES)));
    }
    match first_past(text, MAX_DEPTH) {
        Some((line, col)) => Err(InputError::new(
            file,
            Text::new(
                format!("YAML 嵌套过深：超过 {MAX_DEPTH} 层"),
                format!("YAML is nested too deep: more than {MAX_DEPTH} levels"),
            ),
        )
        .at(Some(line), Some(col))),
        None => Ok(()),
    }
}

/// Reads a YAML file, at most [`MAX_BYTES`] of it: a larger file is refused at the line that
/// passes the limit, without reading the rest.
pub fn read_file(file: &str) -> Result<String, InputError> {
    let cannot = |e: std::io::Error| {
        InputError::new(
            file,
            Text::new(format!("无法读取：{e}"), format!("cannot read: {e}")),
        )
    };
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large(file, line_of(&bytes, MAX_BYTES)));
    }
    String::from_utf8(bytes).map_err(|e| {
        cannot(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            e.utf8_error(),
        ))
    })
}

fn too_large(file: &str, line: usize) -> InputError {
    InputError::new(
        file,
        Text::new(
            format!("YAML 文件超过 {MAX_BYTES} 字节（1 MiB）"),
            format!("the YAML file is larger than {MAX_BYTES} bytes (1 MiB)"),
        ),
    )
    .at(Some(line), None)
}

/// The 1-based line that holds byte `at` of `bytes`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() + 1
}

/// Where (1-based line and column) a collection first opens at depth `max + 1`, as libyaml's
/// scanner reads `text`; `None` when none does, or when the scanner finds an error first (which
/// serde_yaml then reports in its own words).
fn first_past(text: &str, max: usize) -> Option<(usize, usize)> {
    let mut scanner = Scanner::new(text)?;
    let mut depth = 0usize;
    loop {
        let (kind, mark) = scanner.next()?;
        match kind {
            unsafe_libyaml::YAML_BLOCK_SEQUENCE_START_TOKEN
            | unsafe_libyaml::YAML_BLOCK_MAPPING_START_TOKEN
            | unsafe_libyaml::YAML_FLOW_SEQUENCE_START_TOKEN
            | unsafe_libyaml::YAML_FLOW_MAPPING_START_TOKEN => {
                depth += 1;
                if depth > max {
                    return Some((mark.line as usize + 1, mark.column as usize + 1));
                }
            }
            unsafe_libyaml::YAML_BLOCK_END_TOKEN
            | unsafe_libyaml::YAML_FLOW_SEQUENCE_END_TOKEN
            | unsafe_libyaml::YAML_FLOW_MAPPING_END_TOKEN => depth = depth.saturating_sub(1),
            unsafe_libyaml::YAML_STREAM_END_TOKEN | unsafe_libyaml::YAML_NO_TOKEN => return None,
            _ => {}
        }
    }
}

/// libyaml's scanner over a text it borrows. The parser is boxed: libyaml keeps a pointer to it
/// (as its string reader's data), so it must not move once its input is set.
struct Scanner<'a> {
    parser: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Option<Scanner<'a>> {
        let mut parser = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        let p = parser.as_mut_ptr();
        // SAFETY: `p` points to memory owned by the box, which yaml_parser_initialize fills in
        // whole (it never fails in this crate: an allocation failure aborts).
        if unsafe { unsafe_libyaml::yaml_parser_initialize(p) }.fail {
            return None;
        }
        // SAFETY: the parser is initialised; `text` outlives the scanner (its lifetime `'a`) and
        // the box keeps the parser in place.
        unsafe {
            unsafe_libyaml::yaml_parser_set_encoding(p, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
        }
        Some(Scanner {
            parser,
            _text: std::marker::PhantomData,
        })
    }

    /// The next token's kind and where it starts; `None` on a scanner error.
    fn next(
        &mut self,
    ) -> Option<(
        unsafe_libyaml::yaml_token_type_t,
        unsafe_libyaml::yaml_mark_t,
    )> {
        let p = self.parser.as_mut_ptr();
        let mut token = MaybeUninit::<unsafe_libyaml::yaml_token_t>::uninit();
        // SAFETY: the parser is initialised and only this scanner uses it; yaml_parser_scan fills
        // the token in whole (zeroed on error or after the stream's end) and the token's buffers
        // are freed by yaml_token_delete once its kind and mark are copied out.
        unsafe {
            if unsafe_libyaml::yaml_parser_scan(p, token.as_mut_ptr()).fail {
                return None;
            }
            let t = token.as_mut_ptr();
            let out = ((*t).type_, (*t).start_mark);
            unsafe_libyaml::yaml_token_delete(t);
            Some(out)
        }
    }
}

impl Drop for Scanner<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` and is deleted once, here.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<String> {
        check("t.yaml", text).err().map(|e| e.to_string())
    }

    /// `n` nested block sequences, `- - - … x`.
    fn dashes(n: usize) -> String {
        "- ".repeat(n) + "x\n"
    }

    #[test]
    fn nesting_up_to_the_limit_passes_and_one_more_is_refused_where_it_opens() {
        let flow = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert_eq!(depth_error(&flow(MAX_DEPTH)), None);
        let e = depth_error(&flow(MAX_DEPTH + 1)).unwrap();
        assert!(e.starts_with("t.yaml:1:65: YAML is nested too deep"), "{e}");
        assert_eq!(depth_error(&dashes(MAX_DEPTH)), None);
        let e = depth_error(&dashes(MAX_DEPTH + 1)).unwrap();
        assert!(
            e.starts_with("t.yaml:1:129: YAML is nested too deep"),
            "{e}"
        );
        // block mappings nested by indentation, and flow inside block
        let mut maps = String::new();
        for i in 0..MAX_DEPTH {
            maps.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
        }
        assert_eq!(depth_error(&maps), None);
        let e = depth_error(&format!("{maps}{}[x]\n", "  ".repeat(MAX_DEPTH))).unwrap();
        assert!(e.starts_with(&format!("t.yaml:{}:", MAX_DEPTH + 1)), "{e}");
    }

    #[test]
    fn brackets_in_text_comments_and_block_scalars_do_not_count() {
        let n = MAX_DEPTH + 10;
        let b = "[".repeat(n);
        for text in [
            format!("a: '{b}'\n"),
            format!("a: \"{b}\"\n"),
            format!("a: x{b}\n"),
            format!("a: 1 # {b}\n"),
            format!("a: |\n  {b}\n  {b}\nc: 2\n"),
            format!("- a: >\n    {b}\n"),
        ] {
            assert_eq!(depth_error(&text), None, "{text}");
        }
    }

    #[test]
    fn the_shipped_files_nest_well_within_the_limit() {
        // the least depth each passes: 12 for the deepest (shaanxi-dept-2020, items in items in
        // items, each a sequence and a mapping)
        let depth = |text: &str| (0..=MAX_DEPTH).find(|d| first_past(text, *d).is_none());
        let mut deepest = 0;
        for (name, text) in crate::rubric::SHIPPED.iter().chain(crate::library::SHIPPED) {
            let d = depth(text).unwrap_or_else(|| panic!("{name}"));
            assert!(d >= 3, "{name}: {d}");
            deepest = deepest.max(d);
        }
        assert_eq!(deepest, 12);
    }

    #[test]
    fn a_syntax_error_is_left_to_serde_yaml() {
        assert_eq!(depth_error("a: [1, 2\nb: ]]]\n"), None);
        assert_eq!(depth_error("a: 'open\n"), None);
    }

    #[test]
    fn size_up_to_the_limit_passes_and_one_byte_more_is_refused_at_its_line() {
        let mut text = "a: 1\n".to_string();
        text.push_str(&"#".repeat(MAX_BYTES - text.len()));
        assert_eq!(depth_error(&text), None);
        text.push('\n');
        let e = depth_error(&text).unwrap();
        assert!(
            e.starts_with("t.yaml:2: the YAML file is larger than 1048576 bytes"),
            "{e}"
        );
    }
}
