//! Interned words: the name words and measure words that frames are compared by, stored once
//! per run however many frames repeat them.
//!
//! Symbols are handed out in the order words are first seen, which depends on thread timing,
//! so a `Sym` is only ever compared for equality or hashed, never used to order output.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard};

/// An interned word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sym(u32);

#[derive(Default)]
struct Table {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(Mutex::default);

fn table() -> MutexGuard<'static, Table> {
    // A panic elsewhere while the lock was held leaves the table consistent (entries are
    // added whole), so a poisoned lock is still usable.
    TABLE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Table {
    fn intern(&mut self, word: &str) -> Sym {
        if let Some(&id) = self.ids.get(word) {
            return Sym(id);
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        Sym(id)
    }
}

/// The symbol of `word`.
pub fn intern(word: &str) -> Sym {
    table().intern(word)
}

/// The symbols of several words, taking the lock once.
pub fn intern_all<'w>(words: impl IntoIterator<Item = &'w str>) -> Vec<Sym> {
    let mut t = table();
    words.into_iter().map(|w| t.intern(w)).collect()
}

/// The word a symbol stands for.
pub fn word(s: Sym) -> String {
    table()
        .words
        .get(s.0 as usize)
        .map_or_else(String::new, |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_word_is_the_same_symbol() {
        let a = intern("kessa-test-word");
        let b = intern_all(["kessa-test-word", "other-test-word"]);
        assert_eq!(a, b[0]);
        assert_ne!(a, b[1]);
        assert_eq!(word(a), "kessa-test-word");
    }
}
