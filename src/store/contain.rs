//! Containing the database engine's panics at the store boundary.
//!
//! redb does not verify page checksums on ordinary reads, and a damaged page can make it
//! panic (`entered unreachable code`, an index out of range) instead of returning an error.
//! Every entry point of the store runs its work through [`contain`]: a panic inside becomes
//! [`StoreError::Damage`], which the boundary turns into [`StoreError::Corrupted`] naming
//! the file, and the store stops writing to that file. While a contained panic unwinds, the
//! panic message is not printed (the error that reaches the person says it instead).

use super::StoreError;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// How many [`contain`] calls are running on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The message and place of the last contained panic on this thread.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once per process) a panic hook that stays quiet for panics inside [`contain`]
/// and passes every other panic to the hook that was there before.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) > 0 {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                log::warn!("contained a panic of the database engine: {message}{place}");
                LAST.with(|l| *l.borrow_mut() = Some(format!("{message}{place}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it becomes [`StoreError::Damage`] with the panic's message.
pub(super) fn contain<T>(f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    match outcome {
        Ok(result) => result,
        Err(_) => {
            let detail = LAST
                .with(|l| l.borrow_mut().take())
                .unwrap_or_else(|| "the database engine failed".into());
            Err(StoreError::Damage(format!(
                "the database engine stopped on a damaged page: {detail}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_a_damage_error_and_the_next_call_works() {
        let r: Result<(), StoreError> = contain(|| {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            let _ = v[i];
            Ok(())
        });
        match r {
            Err(StoreError::Damage(d)) => assert!(d.contains("index out of bounds"), "{d}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(contain(|| Ok(5)).ok(), Some(5));
        // Nested calls keep the outer one contained.
        let nested: Result<(), StoreError> = contain(|| {
            let inner = contain(|| Ok(1));
            assert!(inner.is_ok());
            Err(StoreError::Engine("x".into()))
        });
        assert!(matches!(nested, Err(StoreError::Engine(_))));
    }
}
