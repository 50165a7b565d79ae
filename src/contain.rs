//! A panic kept to the work that raised it: a project whose scoring fails on a bug is that
//! project's error, and the run goes on (a batch never loses the other projects to it).
//!
//! The arithmetic is meant never to panic on anything the readers accept (`model::bounds`, the
//! checked operations in `num`); this is the net under it. The panic is reported once, as the
//! project's error with where it happened, not also by the default hook.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::i18n::Text;

thread_local! {
    /// Inside [`contained`] on this thread: the hook keeps quiet and notes where.
    static INSIDE: Cell<bool> = const { Cell::new(false) };
    static WHERE: RefCell<String> = const { RefCell::new(String::new()) };
}

static HOOK: Once = Once::new();

/// Installs, once, a panic hook that stays quiet for contained panics (they become errors that
/// say where) and leaves every other panic to the default hook.
fn install_hook() {
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if INSIDE.get() {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                WHERE.with_borrow_mut(|w| *w = at);
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it is returned as an error in both languages, naming the panic and
/// where it happened, instead of unwinding further.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, Text> {
    install_hook();
    let was = INSIDE.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    INSIDE.set(was);
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = WHERE.with_borrow_mut(std::mem::take);
        Text::new(
            format!("内部错误，本项目未能评分（请报告此输入）：{what}（{at}）"),
            format!(
                "internal error, this project could not be scored (please report this input): {what} ({at})"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_next_call_runs() {
        let e = contained(|| -> u32 { panic!("boom {}", 7) }).unwrap_err();
        assert!(
            e.en.contains("internal error") && e.en.contains("boom 7"),
            "{}",
            e.en
        );
        assert!(e.zh.contains("内部错误"), "{}", e.zh);
        assert_eq!(contained(|| 5).unwrap(), 5);
        // a Decimal overflow, the panic this was built for
        let big = rust_decimal::Decimal::MAX;
        let e = contained(move || big * big).unwrap_err();
        assert!(e.en.contains("overflow"), "{}", e.en);
    }
}
