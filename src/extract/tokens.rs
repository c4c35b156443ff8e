//! Word tokens with byte spans and folded forms for matching names across spellings.

use crate::span::Span;
use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

/// A fixed set of words looked up by hash. The extractors test every token against word
/// lists; a linear scan of dozens of strings per token was a tenth of a check run. Most
/// tokens are in no list, so a table of the words' shapes (first byte and length) turns most
/// of them away before they are hashed.
pub struct WordSet {
    words: FxHashSet<&'static str>,
    shapes: Shapes,
}

impl WordSet {
    /// The union of `lists`.
    pub fn new(lists: &[&[&'static str]]) -> Self {
        let words: FxHashSet<&'static str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        let shapes = Shapes::of(words.iter().copied());
        Self { words, shapes }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.shapes.may_hold(word) && self.words.contains(word)
    }

    /// [`Self::contains`] for `word` lower-cased, an ASCII word: only a word of a member's
    /// shape is looked up, and only a word with a capital is copied to be lower-cased.
    fn contains_lowered(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let Some(&first) = bytes.first() else {
            return self.contains(word);
        };
        if self.shapes.bits[usize::from(first.to_ascii_lowercase())] & shape_bit(bytes.len()) == 0 {
            return false;
        }
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return self.words.contains(word);
        }
        let mut lower = CompactString::from(word);
        lower.make_ascii_lowercase();
        self.words.contains(lower.as_str())
    }
}

/// The shapes (first byte and length) of a set of words: a word of a shape no member has is
/// turned away without being hashed.
struct Shapes {
    /// Bit `min(len, 63)` of entry `b` is set when a word of that length starts with byte `b`.
    bits: [u64; 256],
}

impl Shapes {
    fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut bits = [0u64; 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                bits[usize::from(b)] |= shape_bit(w.len());
            }
        }
        Self { bits }
    }

    /// False when no member has `word`'s shape (the empty word may always be a member).
    fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) => self.bits[usize::from(b)] & shape_bit(word.len()) != 0,
            None => true,
        }
    }
}

fn shape_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// A word: a run of letters and digits, with inner apostrophes. Hyphens split words, so
/// "President-elect" is two tokens on both the alias side and the text side.
///
/// All a token says of its word but the place and the capital is its [`Word`], which the
/// token reads through (`t.lower`, `t.stem()`): a thread works each word out once and its
/// tokens share it, so a token is small and making one copies no strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Starts with an upper-case letter.
    pub cap: bool,
    word: WordRef,
}

/// What a word's text alone says of it, shared by its tokens.
#[derive(Debug)]
pub struct Word {
    /// Lower case, possessive `'s` removed, invisible characters dropped. Words up to 24
    /// bytes are kept inline.
    pub lower: CompactString,
    /// `lower` transliterated and folded for spelling variants (see [`fold`]).
    pub folded: CompactString,
    /// `lower` is a function word ([`is_stopword`]).
    pub stop: bool,
    /// Where the [`stem`] of `lower` is ([`stem_code`]).
    stem: u16,
    /// The word lists `lower` is in ([`super::word_classes`]): the readers test a bit
    /// instead of looking the word up.
    pub classes: u16,
    /// Which date words the word's text holds (`dates::word_cues`): a sentence's date cues
    /// are then a pass over its tokens.
    pub date_cues: u16,
    /// What users of the words keep of each ([`Word::note`]), one slot each.
    notes: [AtomicU64; NOTES],
}

/// How many notes a word keeps ([`Word::note`]).
pub const NOTES: usize = 2;

impl PartialEq for Word {
    /// The same word: the notes are not part of it.
    fn eq(&self, other: &Self) -> bool {
        (&self.lower, &self.folded, self.stop, self.stem)
            == (&other.lower, &other.folded, other.stop, other.stem)
            && (self.classes, self.date_cues) == (other.classes, other.date_cues)
    }
}

impl Eq for Word {}

impl Word {
    /// The word `raw`, of the forms `lower` and `folded`, with its stopword flag, stem, word
    /// lists and date cues worked out.
    fn new(raw: &str, lower: CompactString, folded: CompactString) -> Self {
        Self {
            stop: is_stopword(&lower),
            stem: stem_code(&lower),
            classes: super::word_classes(&lower),
            date_cues: super::dates::word_cues(raw),
            lower,
            folded,
            notes: [const { AtomicU64::new(0) }; NOTES],
        }
    }

    /// The word's [`stem`], borrowed.
    pub fn stem(&self) -> &str {
        stem_at(&self.lower, self.stem)
    }

    /// A value kept in slot `slot` (below [`NOTES`]) with the word by whoever works
    /// something out from its text alone: the entity matcher keeps the word's number among
    /// its alias words in one and the name its spelling is close to in the other (with its
    /// own generation, so another matcher's note is not taken for its own), instead of
    /// looking the word up at each of its tokens. 0 until one is kept.
    pub fn note(&self, slot: usize) -> u64 {
        self.notes[slot].load(Ordering::Relaxed)
    }

    /// Keeps `note` in slot `slot` ([`Word::note`]) with the word, for all its tokens.
    pub fn set_note(&self, slot: usize, note: u64) {
        self.notes[slot].store(note, Ordering::Relaxed);
    }
}

/// A token's word: in its thread's table of words for the rest of the run, or its own.
#[derive(Clone, Debug)]
enum WordRef {
    Kept(&'static Word),
    /// A word of more than [`INLINE`] bytes or not ASCII, or met once the table was full.
    Own(Arc<Word>),
}

impl PartialEq for WordRef {
    fn eq(&self, other: &Self) -> bool {
        self.word() == other.word()
    }
}

impl Eq for WordRef {}

impl WordRef {
    fn word(&self) -> &Word {
        match self {
            Self::Kept(w) => w,
            Self::Own(w) => w,
        }
    }
}

impl std::ops::Deref for Token {
    type Target = Word;

    fn deref(&self) -> &Word {
        self.word.word()
    }
}

/// Characters that may hide inside a word without being part of it.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Combining diacritics: text in decomposed form (NFD) writes "Pútin" as `u` + U+0301, and
/// the mark is not alphanumeric, yet it belongs to the word.
fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Splits `text` into word tokens. Spans are relative to `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Room for one token per five bytes: prose has about one per six, and with room for that
    // a third of the sentences outgrew their vector, each copying its tokens once.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    WORDS.with_borrow_mut(|words| scan(text, words, &mut out));
    out
}

/// The word scan of [`tokenize`], pushing each word's token onto `out`.
fn scan(text: &str, words: &mut Words, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if FOLD_OF[usize::from(b)] == 0 {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(text, i);
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        let (token, end) = word_at(text, i, words);
        out.push(token);
        i = end;
    }
}

/// The token of the word that starts at byte `start` of `text` (a letter or digit), and
/// where the word ends.
#[inline(always)]
fn word_at(text: &str, start: usize, words: &mut Words) -> (Token, usize) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut ascii = true;
    loop {
        i = ascii_word_end(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b.is_ascii() {
            if b == b'\'' && next_is_alphanumeric(text, i + 1) {
                i += 1;
                continue;
            }
            break;
        }
        let c = char_at(text, i);
        let len = c.len_utf8();
        let keep = c.is_alphanumeric()
            || is_invisible(c)
            || is_combining_mark(c)
            || (is_apostrophe(c) && next_is_alphanumeric(text, i + len));
        if !keep {
            break;
        }
        ascii = false;
        i += len;
    }
    let token = if ascii && i - start <= INLINE {
        Token {
            span: Span::new(start, i),
            cap: bytes[start].is_ascii_uppercase(),
            word: words.of(&text[start..i], short_key(bytes, start, i)),
        }
    } else {
        any_token(text, start, i, ascii)
    };
    (token, i)
}

/// Whether `test` holds for a capitalised token of `text` (one [`tokenize`] would give),
/// found without tokenising the rest: most words of prose are in lower case, and only the
/// words at an upper-case ASCII letter are read. True also, without a test, when a word
/// starts with a letter or digit that is not ASCII (whether it is capitalised is not looked
/// into), so false is sure and true is not.
pub fn any_capitalised(text: &str, mut test: impl FnMut(&Token) -> bool) -> bool {
    let bytes = text.as_bytes();
    WORDS.with_borrow_mut(|words| {
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time past lower case, digits and punctuation.
            if let Some(chunk) = eight_at(bytes, i) {
                let n = upper_or_wide_prefix(chunk);
                if n > 0 {
                    i += n;
                    continue;
                }
            }
            let b = bytes[i];
            if b.is_ascii_uppercase() {
                // After a letter or digit, inside a word that started before.
                if i > 0 && FOLD_OF[usize::from(bytes[i - 1])] != 0 {
                    i += 1;
                    continue;
                }
                // Any other upper-case letter is read as if a word started there: one
                // after an apostrophe or a character that is not ASCII may be inside a word
                // ("O'Brien"), and is read for nothing, but every word that does start at
                // one is read whole, as the scan reads it.
                let (token, end) = word_at(text, i, words);
                if test(&token) {
                    return true;
                }
                i = end;
            } else if b.is_ascii() {
                i += 1;
            } else {
                let c = char_at(text, i);
                if c.is_alphanumeric() {
                    return true;
                }
                i += c.len_utf8();
            }
        }
        false
    })
}

/// Whether the lower-case form of a word of `text` (of a token [`tokenize`] would give) is
/// in `set`, without making most tokens ([`any_word`]).
pub fn any_word_in(text: &str, set: &WordSet) -> bool {
    any_word(text, |word| match word {
        WordAt::Plain(raw) => set.contains_lowered(raw),
        WordAt::Token(t) => set.contains(&t.lower),
    })
}

/// Calls `f` with the folded form ([`fold`]) of each word of `text` (of each token
/// [`tokenize`] would give), in the order of the text, without making most tokens
/// ([`any_word`]).
pub fn each_folded(text: &str, mut f: impl FnMut(&str)) {
    any_word(text, |word| {
        match word {
            WordAt::Plain(raw) => {
                let mut buf = [0u8; INLINE];
                match fold_plain(raw.as_bytes(), &mut buf) {
                    Some(folded) => f(folded),
                    None => f(&fold(&raw.to_ascii_lowercase())),
                }
            }
            WordAt::Token(t) => f(t.folded.as_str()),
        }
        false
    });
}

/// A word of a text, as [`any_word`] reads it.
enum WordAt<'t> {
    /// ASCII letters and digits alone (most words): its token's lower-case form is its text
    /// lower-cased, and its folded form [`fold_plain`]'s.
    Plain(&'t str),
    /// Any other word (with an apostrophe, or a character that is not ASCII), made a token.
    Token(Token),
}

/// Whether `test` holds for a word of `text` (one [`tokenize`] makes a token of), in the order
/// of the text, without making tokens of the words of ASCII letters and digits alone.
fn any_word(text: &str, mut test: impl FnMut(WordAt<'_>) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if FOLD_OF[usize::from(b)] == 0 {
                i += 1;
                continue;
            }
            let end = ascii_word_end(bytes, i);
            // The word ends at white space or punctuation (not at an apostrophe, which may
            // be inside it, nor at a character that is not ASCII).
            if bytes.get(end).is_none_or(|&b| b.is_ascii() && b != b'\'') {
                if test(WordAt::Plain(&text[i..end])) {
                    return true;
                }
                i = end;
                continue;
            }
        } else {
            let c = char_at(text, i);
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        let (token, end) = WORDS.with_borrow_mut(|words| word_at(text, i, words));
        if test(WordAt::Token(token)) {
            return true;
        }
        i = end;
    }
    false
}

/// The folded form ([`fold`]) of `word`, ASCII letters and digits alone, made in `buf`, or
/// `None` for a word longer than `buf`: each byte's [`FOLD_OF`], a doubled letter once, as
/// [`ascii_word`] folds.
fn fold_plain<'b>(word: &[u8], buf: &'b mut [u8; INLINE]) -> Option<&'b str> {
    if word.len() > INLINE {
        return None;
    }
    let (mut n, mut last) = (0, 0u8);
    for &b in word {
        let c = FOLD_OF[usize::from(b)];
        if c == last && c > b'9' {
            continue;
        }
        buf[n] = c;
        n += 1;
        last = c;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// The short ASCII words a thread has met ([`ascii_word`]), by their text: prose repeats
/// its words, and a lookup costs less than working them out again.
///
/// The first [`KEPT_MAX`] are kept for the rest of the run, and their tokens point at them.
/// Words met after that are remembered in a smaller table that starts over when full, and
/// their tokens share them by count. The words a thread keeps are few enough that they are
/// never freed (about 130 bytes each with the tables' room: 4 MB at most). An entry of the
/// tables is 16 or 32 bytes: a table of whole tokens had entries of 96, more than the
/// processor's level-2 cache held, and copying 72-byte tokens out of it waited on memory.
struct Words {
    /// The kept short words met last, each in a place its key picks ([`recent_slot`]): the
    /// common words stay in a table small enough for the processor's first-level cache,
    /// where `short` spreads them over as many cache lines as it has entries.
    recent: [(u64, Option<&'static Word>); RECENT],
    /// Kept words of up to eight bytes (most words), by their bytes read as one number
    /// ([`short_key`]): hashing and comparing one 64-bit word costs less than a string's
    /// bytes, and an entry is 16 bytes instead of 32.
    short: FxHashMap<u64, &'static Word>,
    /// Kept words of more than eight bytes.
    kept: FxHashMap<CompactString, &'static Word>,
    later: FxHashMap<CompactString, Arc<Word>>,
}

/// The bytes of `bytes[start..end]`, a word of one to eight ASCII letters and digits, as one
/// little-endian number (the bytes past its end zero), or `None` for a longer word. No word
/// byte is zero, so two words have the same number only when they are the same word.
fn short_key(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end - start;
    if len > 8 {
        return None;
    }
    let key = match eight_at(bytes, start) {
        // The word and the bytes after it, which the mask clears.
        Some(chunk) => chunk & (u64::MAX >> (64 - 8 * len)),
        // Fewer than eight bytes left: the last word of a sentence.
        None => bytes[start..end]
            .iter()
            .rev()
            .fold(0, |key, &b| key << 8 | u64::from(b)),
    };
    Some(key)
}

/// The end of the run of ASCII letters and digits (the bytes [`FOLD_OF`] keeps) at `i`:
/// eight bytes at a time ([`alnum_prefix`]) while eight are left, so the scan's exit depends
/// on one test per eight bytes rather than on one per byte, which the processor could not
/// foresee at the end of each word.
pub(crate) fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = eight_at(bytes, i) {
        let n = alnum_prefix(chunk);
        i += n;
        if n < 8 {
            return i;
        }
    }
    while bytes.get(i).is_some_and(|&b| FOLD_OF[usize::from(b)] != 0) {
        i += 1;
    }
    i
}

/// The eight bytes of `bytes` from `i` as one little-endian number, if eight are left.
fn eight_at(bytes: &[u8], i: usize) -> Option<u64> {
    bytes
        .get(i..)?
        .first_chunk()
        .map(|c| u64::from_le_bytes(*c))
}

/// How many of the eight bytes of `chunk` (in text order: little-endian) are ASCII letters
/// or digits before the first that is not, tested all at once within the 64-bit word.
fn alnum_prefix(chunk: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn each(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // Bytes of seven bits: adding at most 0x80 to each sets its high bit when it reaches the
    // bound, and carries nothing into the next byte.
    let seven = chunk & !HIGH;
    let at_least = |x: u64, b: u8| x + each(0x80 - b);
    let lower = seven | each(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let digit = at_least(seven, b'0') & !at_least(seven, b'9' + 1);
    let word = (letter | digit) & !chunk & HIGH;
    ((!word & HIGH).trailing_zeros() / 8) as usize
}

/// How many of the eight bytes of `chunk` (in text order: little-endian) come before the
/// first that is an upper-case ASCII letter or not ASCII, tested all at once as in
/// [`alnum_prefix`].
fn upper_or_wide_prefix(chunk: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn each(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let seven = chunk & !HIGH;
    let at_least = |x: u64, b: u8| x + each(0x80 - b);
    let upper = at_least(seven, b'A') & !at_least(seven, b'Z' + 1);
    let stop = (upper | chunk) & HIGH;
    (stop.trailing_zeros() / 8) as usize
}

impl Default for Words {
    fn default() -> Self {
        Self {
            recent: [(0, None); RECENT],
            short: FxHashMap::default(),
            kept: FxHashMap::default(),
            later: FxHashMap::default(),
        }
    }
}

/// Places in [`Words::recent`]: 16 KB.
const RECENT: usize = 1 << 10;

/// The place of the short word of key `key` in [`Words::recent`] (no key is 0, the key of an
/// empty place).
fn recent_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT.trailing_zeros())) as usize
}

/// Words kept per thread for the rest of the run.
const KEPT_MAX: usize = 1 << 15;
/// Words remembered per thread past those, before that table starts over.
const LATER_MAX: usize = 1 << 12;

thread_local! {
    static WORDS: std::cell::RefCell<Words> = std::cell::RefCell::new(Words::default());
}

impl Words {
    /// The word `raw`, a short ASCII word: all a token says of it but its place and capital
    /// depends on its bytes alone. `short` is the word's [`short_key`].
    #[inline(always)]
    fn of(&mut self, raw: &str, short: Option<u64>) -> WordRef {
        let found = match short {
            Some(key) => {
                let slot = &mut self.recent[recent_slot(key)];
                match *slot {
                    (k, Some(word)) if k == key => Some(word),
                    _ => {
                        let word = self.short.get(&key).copied();
                        if word.is_some() {
                            *slot = (key, word);
                        }
                        word
                    }
                }
            }
            None => self.kept.get(raw).copied(),
        };
        if let Some(kept) = found {
            return WordRef::Kept(kept);
        }
        if self.short.len() + self.kept.len() < KEPT_MAX {
            let word: &'static Word = Box::leak(Box::new(ascii_word(raw)));
            match short {
                Some(key) => self.short.insert(key, word),
                None => self.kept.insert(CompactString::from(raw), word),
            };
            return WordRef::Kept(word);
        }
        if let Some(seen) = self.later.get(raw) {
            return WordRef::Own(Arc::clone(seen));
        }
        let word = Arc::new(ascii_word(raw));
        if self.later.len() >= LATER_MAX {
            self.later.clear();
        }
        self.later
            .insert(CompactString::from(raw), Arc::clone(&word));
        WordRef::Own(word)
    }
}

/// An ASCII letter or digit's folded lower-case form ([`fold`]: `y` is `i`, `w` is `v`), and
/// 0 for every other byte: one lookup tells the word scan what is a word and the one-pass
/// fold what to keep.
static FOLD_OF: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0u8;
    while b < 128 {
        let l = b.to_ascii_lowercase();
        if l.is_ascii_alphanumeric() {
            table[b as usize] = match l {
                b'y' => b'i',
                b'w' => b'v',
                c => c,
            };
        }
        b += 1;
    }
    table
};

/// Words up to this many bytes are kept inline in a [`CompactString`] and folded on the stack.
pub(crate) const INLINE: usize = 24;

/// The word `raw`, an ASCII word of at most [`INLINE`] bytes (most words): its lower-case
/// and folded forms in one pass over its bytes, and the folded form shared with the
/// lower-case one when folding changes nothing (three words in four, in the development
/// corpora and in generated text).
fn ascii_word(raw: &str) -> Word {
    let bytes = raw.as_bytes();
    let mut buf = [0u8; INLINE];
    // The fold so far: bytes kept, the last one, whether it equals the lower-case word.
    let (mut n, mut last, mut same) = (0, 0u8, true);
    // The fold before the last apostrophe, for a possessive `'s` dropped below.
    let mut before = (0, 0u8, true);
    for &b in bytes {
        let c = FOLD_OF[usize::from(b)];
        if c == 0 {
            // An apostrophe: the scan keeps no other ASCII byte inside a word.
            before = (n, last, same);
            same = false;
            continue;
        }
        // A doubled letter (folded letters sort after the digits, which may double).
        if c == last && c > b'9' {
            same = false;
            continue;
        }
        same &= c == b.to_ascii_lowercase();
        buf[n] = c;
        n += 1;
        last = c;
    }
    // An inner apostrophe is always followed by a letter or digit, so the word cannot end
    // in one; a possessive `'s` is dropped from both forms.
    let possessive = bytes.len() >= 2
        && bytes[bytes.len() - 2] == b'\''
        && bytes[bytes.len() - 1] | 0x20 == b's';
    let mut lower = CompactString::from(raw);
    lower.make_ascii_lowercase();
    if possessive {
        lower.truncate(bytes.len() - 2);
        (n, _, same) = before;
    }
    let folded = if same {
        lower.clone()
    } else {
        // Folding keeps ASCII letters and digits only.
        CompactString::from_utf8(&buf[..n]).unwrap_or_default()
    };
    Word::new(raw, lower, folded)
}

/// The token at `text[start..end]`, any word: lower-cased character by character, marks and
/// invisible characters handled, folded through transliteration when not ASCII.
fn any_token(text: &str, start: usize, end: usize, ascii: bool) -> Token {
    let raw = &text[start..end];
    let mut lower: CompactString = if ascii {
        let mut l = CompactString::from(raw);
        l.make_ascii_lowercase();
        l
    } else {
        raw.chars()
            .filter(|c| !is_invisible(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .collect()
    };
    if let Some(stem) = lower.strip_suffix("'s") {
        lower.truncate(stem.len());
    } else if lower.ends_with('\'') {
        lower.pop();
    }
    let folded = fold_token(&lower);
    Token {
        span: Span::new(start, end),
        cap: raw.chars().next().is_some_and(char::is_uppercase),
        word: WordRef::Own(Arc::new(Word::new(raw, lower, folded))),
    }
}

/// The character at byte `i` of `text` (a char boundary inside it).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Whether the character at byte `i` (a char boundary, maybe the end) is a letter or digit.
fn next_is_alphanumeric(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).is_alphanumeric(),
    }
}

/// Folds a lower-case word so transliteration variants meet: Zelensky, Zelenskyy and
/// Zelenskiy all fold to `zelenski`; Dmitry and Dmitri to `dmitri`. Accents are removed.
pub fn fold(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    // Most words are ASCII already: skip transliteration's two allocations for them.
    if lower.is_ascii() {
        fold_ascii(lower.as_bytes(), |b| out.push(char::from(b)));
    } else {
        let ascii = deunicode::deunicode(lower).to_lowercase();
        fold_ascii(ascii.as_bytes(), |b| out.push(char::from(b)));
    }
    out
}

/// [`fold`] for a token: a short ASCII word is folded on the stack, without a `String`.
fn fold_token(lower: &str) -> CompactString {
    if lower.is_ascii() && lower.len() <= INLINE {
        let mut buf = [0u8; INLINE];
        let mut n = 0;
        fold_ascii(lower.as_bytes(), |b| {
            buf[n] = b;
            n += 1;
        });
        // Folding keeps ASCII letters and digits only.
        return CompactString::from_utf8(&buf[..n]).unwrap_or_default();
    }
    CompactString::from(fold(lower))
}

/// The folding of [`fold`] on `bytes` (transliterated already), each kept byte given to
/// `push`: no more bytes than `bytes` has.
fn fold_ascii(bytes: &[u8], mut push: impl FnMut(u8)) {
    let mut last = 0u8;
    for &b in bytes {
        // Transliteration leaves ASCII only, but its lower-casing may not: other bytes
        // (never alphanumeric ASCII) are dropped like any other mark.
        let c = match b.to_ascii_lowercase() {
            b'y' => b'i',
            b'w' => b'v',
            c if c.is_ascii_alphanumeric() => c,
            _ => continue,
        };
        if c == last && c.is_ascii_alphabetic() {
            continue;
        }
        push(c);
        last = c;
    }
}

/// Bytes counted by their low five bits. Two strings share at most as many characters as the
/// sum of the bin-wise minima (collisions only raise it), which bounds Jaro from above. Counts
/// stop at 255, so the bound holds when one of the two strings is at most 255 bytes long.
pub(crate) type Histogram = [u8; 32];

pub(crate) fn histogram(s: &str) -> Histogram {
    let mut h = [0u8; 32];
    for b in s.bytes() {
        let bin = &mut h[usize::from(b & 31)];
        *bin = bin.saturating_add(1);
    }
    h
}

/// An upper bound on the characters `a` and `b` have in common.
pub(crate) fn shared(a: &Histogram, b: &Histogram) -> usize {
    a.iter().zip(b).map(|(x, y)| usize::from(*x.min(y))).sum()
}

/// A rough stem for matching content words: drops common inflections and maps irregular
/// past forms seen in news ("spoke" -> "speak").
pub fn stem(lower: &str) -> String {
    stem_str(lower).to_string()
}

/// [`stem`] without the allocation: the stem is a prefix of `lower` or a fixed word.
pub fn stem_str(lower: &str) -> &str {
    stem_at(lower, stem_code(lower))
}

/// Irregular forms seen in news and their stems.
const IRREGULAR: &[(&str, &str)] = &[
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("sent", "send"),
    ("shot", "shoot"),
    ("took", "take"),
    ("taken", "take"),
    ("met", "meet"),
    ("held", "hold"),
    ("told", "tell"),
    ("said", "say"),
    ("fought", "fight"),
    ("struck", "strike"),
    ("brought", "bring"),
    ("killed", "kill"),
    ("dead", "die"),
    ("died", "die"),
    ("deaths", "die"),
    ("death", "die"),
    ("talks", "talk"),
    ("calls", "call"),
    ("phoned", "phone"),
    ("conversation", "call"),
    // Base forms of the irregular verbs above, so both meet on the same stem.
    ("take", "take"),
    ("die", "die"),
    ("strike", "strike"),
    ("phone", "phone"),
    ("conversations", "call"),
];

/// Stem codes from here up name an [`IRREGULAR`] entry by its index.
const FIXED_STEM: u16 = u16::MAX - 64;

/// Where the stem of `lower` is: the length of the prefix it keeps, or [`FIXED_STEM`] plus the
/// index of its irregular form. A prefix too long for a code (a word of 64 KiB) gets
/// `u16::MAX`, and [`stem_at`] works the stem out again.
fn stem_code(lower: &str) -> u16 {
    static BY_WORD: LazyLock<(Shapes, FxHashMap<&str, u16>)> = LazyLock::new(|| {
        let shapes = Shapes::of(IRREGULAR.iter().map(|(w, _)| *w));
        let index = IRREGULAR
            .iter()
            .zip(0u16..)
            .map(|((w, _), i)| (*w, i))
            .collect();
        (shapes, index)
    });
    let (shapes, by_word) = &*BY_WORD;
    if shapes.may_hold(lower)
        && let Some(&i) = by_word.get(lower)
    {
        return FIXED_STEM + i;
    }
    let kept = stem_prefix(lower).len();
    u16::try_from(kept)
        .ok()
        .filter(|&k| k < FIXED_STEM)
        .unwrap_or(u16::MAX)
}

/// The stem of `lower` that `code` ([`stem_code`]) names.
fn stem_at(lower: &str, code: u16) -> &str {
    if code == u16::MAX {
        return stem_prefix(lower);
    }
    match code.checked_sub(FIXED_STEM) {
        Some(i) => IRREGULAR
            .get(usize::from(i))
            .map_or(lower, |(_, stem)| *stem),
        None => lower.get(..usize::from(code)).unwrap_or(lower),
    }
}

/// The stem of a word with no irregular form: common inflections dropped.
fn stem_prefix(lower: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        // At least three characters left: counted no further than the third.
        if let Some(stem) = lower.strip_suffix(suffix)
            && stem.chars().nth(2).is_some()
        {
            let stem = stem.strip_suffix('e').unwrap_or(stem);
            return stem;
        }
    }
    lower.strip_suffix('e').unwrap_or(lower)
}

/// Function words that carry no content for alignment.
pub fn is_stopword(lower: &str) -> bool {
    const STOP: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
        "about", "from", "into", "over", "as", "is", "was", "were", "are", "be", "been", "has",
        "have", "had", "that", "this", "it", "its", "his", "her", "their", "he", "she", "they",
        "which", "who", "whom", "not", "no", "than", "then", "also", "after", "before", "during",
        "while", "would", "could", "will", "may", "might", "s",
    ];
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[STOP]));
    SET.contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    #[test]
    fn tokens_strip_possessives_and_split_hyphens() {
        let text = "President-elect Trump’s call with Russia's leader";
        let toks = tokenize(text);
        let lowers: Vec<_> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lowers,
            [
                "president",
                "elect",
                "trump",
                "call",
                "with",
                "russia",
                "leader"
            ]
        );
        assert_eq!(&text[toks[2].span.start..toks[2].span.end], "Trump’s");
        assert!(toks[0].cap && !toks[3].cap);
        // The possessive leaves the folded form too, as it does the lower-case one.
        assert_eq!(
            (toks[5].lower.as_str(), toks[5].folded.as_str()),
            ("russia", "rusia")
        );
        assert_eq!(toks[2].folded, "trump");
    }

    #[test]
    fn tokens_carry_the_stem_and_stopword_flag_of_their_word() {
        let text = "The talks said Spoke spoken conversations it's evacuated Zelenskyy's \
                    élections überwältigendstenverhandlungspartnern phones takes";
        let toks = tokenize(text);
        assert_eq!(toks.len(), 13);
        for t in &toks {
            assert_eq!(t.stem(), stem_str(&t.lower), "{}", t.lower);
            assert_eq!(t.stop, is_stopword(&t.lower), "{}", t.lower);
            assert_eq!(
                t.classes,
                super::super::word_classes(&t.lower),
                "{}",
                t.lower
            );
        }
        let stems: Vec<&str> = toks.iter().map(|t| t.stem()).collect();
        assert_eq!(stems[..6], ["th", "talk", "say", "speak", "speak", "call"]);
        assert!(toks[0].stop && !toks[1].stop);
        // A code out of range is worked out again.
        assert_eq!(stem_at("evacuated", u16::MAX), "evacuat");
        // A word too long for a stem code keeps its stem.
        let long = format!("{}ed", "a".repeat(70_000));
        assert_eq!(stem_code(&long), u16::MAX);
        assert_eq!(stem_at(&long, stem_code(&long)), &long[..70_000]);
    }

    #[test]
    fn remembered_words_give_the_tokens_folding_gives() {
        // Each word twice (the second time from the table), in other cases and places.
        let text = "Russia's Kyiv kyiv KYIV Putin's putin, Jan. jan Nov 2024 2024";
        let scan_with = |words: &mut Words, text: &str| -> Vec<Token> {
            let mut out = Vec::new();
            scan(text, words, &mut out);
            out
        };
        // Every word the general way, each with its own forms.
        let general = |text: &str| -> Vec<Token> {
            let mut out = Vec::new();
            scan(text, &mut Words::default(), &mut out);
            out.iter()
                .map(|t| {
                    let (s, e) = (t.span.start, t.span.end);
                    any_token(text, s, e, text[s..e].is_ascii())
                })
                .collect()
        };
        let kept = |toks: &[Token]| toks.iter().all(|t| matches!(t.word, WordRef::Kept(_)));
        let mut words = Words::default();
        let direct = scan_with(&mut words, text);
        assert_eq!(direct, general(text));
        assert!(kept(&direct));
        assert_eq!(scan_with(&mut words, text), direct);
        // The kept table full, and the later one filled past its size so that it starts
        // over in between.
        let many: String = (0..KEPT_MAX + LATER_MAX + 10)
            .map(|n| format!("w{n} "))
            .collect();
        assert_eq!(
            scan_with(&mut words, &many).len(),
            KEPT_MAX + LATER_MAX + 10
        );
        assert_eq!(words.short.len() + words.kept.len(), KEPT_MAX);
        assert!(words.later.len() < LATER_MAX);
        // New words now have tokens of their own, the same as the general way's, from the
        // later table too; the kept words stay kept.
        let late = "Zaporizhzhia ZAPORIZHZHIA's zaporizhzhia Zaporizhzhia";
        for _ in 0..2 {
            let toks = scan_with(&mut words, late);
            assert!(toks.iter().all(|t| matches!(t.word, WordRef::Own(_))));
            assert_eq!(toks, general(late));
        }
        assert_eq!(scan_with(&mut words, text), direct);
        assert!(kept(&scan_with(&mut words, text)));
    }

    #[test]
    fn combining_marks_and_zero_width_characters_stay_inside_words() {
        // Decomposed "Pútin" and "Zelenskýy", a zero-width space inside "Peskov".
        let text = "Pu\u{301}tin met Zelensky\u{301}y; Pes\u{200B}kov";
        let toks = tokenize(text);
        let spans: Vec<_> = toks
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            spans,
            ["Pu\u{301}tin", "met", "Zelensky\u{301}y", "Pes\u{200B}kov"]
        );
        assert_eq!(toks[0].folded, fold("putin"));
        assert_eq!(toks[2].folded, fold("zelenskyy"));
        assert_eq!(toks[3].lower, "peskov");
        // A mark with no letter before it is not a word.
        assert!(tokenize("\u{301}\u{302}").is_empty());
    }

    /// The word scan's end, byte by byte through [`FOLD_OF`].
    fn word_end_by_bytes(bytes: &[u8], mut i: usize) -> usize {
        while bytes.get(i).is_some_and(|&b| FOLD_OF[usize::from(b)] != 0) {
            i += 1;
        }
        i
    }

    #[test]
    fn eight_bytes_at_once_end_a_word_where_each_byte_would() {
        // Every byte value at every place of the eight, among letters and digits.
        for at in 0..8 {
            for b in 0..=255u8 {
                let mut eight = *b"aZ09zA9m";
                eight[at] = b;
                let by_bytes = word_end_by_bytes(&eight, 0);
                assert_eq!(
                    alnum_prefix(u64::from_le_bytes(eight)),
                    by_bytes,
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn a_short_words_number_is_its_bytes_wherever_it_stands() {
        // The same word with eight bytes left after its start and with fewer.
        for word in ["a", "Kyiv", "drones", "Zelensky", "2024"] {
            let alone = short_key(word.as_bytes(), 0, word.len());
            let mid = format!("{word} and more");
            assert_eq!(alone, short_key(mid.as_bytes(), 0, word.len()), "{word}");
            let mut bytes = [0u8; 8];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            assert_eq!(alone, Some(u64::from_le_bytes(bytes)), "{word}");
        }
        assert_eq!(short_key(b"Zelenskyy", 0, 9), None);
        // Different words, different numbers: case, length, a letter.
        let keys: FxHashSet<_> = ["kyiv", "Kyiv", "kyi", "kyivv", "kyia"]
            .iter()
            .map(|w| short_key(w.as_bytes(), 0, w.len()))
            .collect();
        assert_eq!(keys.len(), 5);
    }

    proptest::proptest! {
        /// The word scan's end is where a byte-by-byte scan ends, from anywhere in the text,
        /// whether eight bytes are left or not.
        #[test]
        fn words_end_where_a_byte_scan_ends_them(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::char::range('a', 'z').prop_map(|c| c as u8),
                    1 => proptest::num::u8::ANY,
                ],
                0..40,
            ),
            from in 0..40usize,
        ) {
            let from = from.min(bytes.len());
            proptest::prop_assert_eq!(ascii_word_end(&bytes, from), word_end_by_bytes(&bytes, from));
        }

        /// The one-pass path for short ASCII words gives the tokens the general path gives:
        /// possessives (`'s`, `'S`), inner apostrophes, doubled letters, y and w, capitals,
        /// digits, and words either side of the inline length.
        #[test]
        fn short_ascii_words_tokenize_as_any_word_does(
            text in "([A-Za-z0-9]{0,3}(ll|ss|yy|ww|Y|W|'|oo)?[a-z]{0,4}('s|'S|'t|y's|z{18,21})?[ ,.'-]{1,2}){1,8}",
        ) {
            let toks = tokenize(&text);
            for t in &toks {
                let (s, e) = (t.span.start, t.span.end);
                proptest::prop_assert_eq!(t, &any_token(&text, s, e, text[s..e].is_ascii()));
            }
        }

        /// A token's folded form, on the stack or not, is the word's [`fold`].
        #[test]
        fn tokens_fold_as_words_do(word in "[a-z0-9'éыy]{0,30}") {
            proptest::prop_assert_eq!(fold_token(&word).to_string(), fold(&word));
        }

        /// The shape table only turns away words the set does not hold: membership is the
        /// plain set's, for listed words, near misses and words past the table's 63 bytes.
        #[test]
        fn word_sets_hold_what_their_lists_hold(
            word in "(the|said|denied|reports|[a-z]{0,70}|[a-zé']{1,8})",
            cut in 0usize..3,
        ) {
            const LONG: &str = "a-word-of-seventy-bytes-that-no-shape-bit-of-its-own-can-tell-apart-xyz";
            let lists: &[&[&'static str]] = &[&["the", "a", "of", "said", "and"], &["denied", "reports", "été", LONG]];
            let set = WordSet::new(lists);
            let plain: FxHashSet<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
            let probe = &word[..word.len() - word.char_indices().rev().take(cut).map(|(_, c)| c.len_utf8()).sum::<usize>()];
            proptest::prop_assert_eq!(set.contains(probe), plain.contains(probe));
            proptest::prop_assert!(set.contains(LONG) && !set.contains(&LONG[1..]));
        }

        /// Reading only the words at capitals misses no capitalised token: whatever the test,
        /// one that holds for a capitalised token of the text holds in the reading. In text
        /// of ASCII letters, digits and punctuation without apostrophes, where each capital
        /// a word starts at is read and nothing else, the two agree.
        #[test]
        fn words_read_at_capitals_are_the_capitalised_tokens(
            text in "([A-Za-z0-9]{1,6}|O'Br|'N|Pu\u{301}tin|\u{c9}mile|Kyïv|Ke\u{ad}lgil|\u{201c}Gil|\u{2019}|\u{2014}|[ ,.;:-]){0,16}",
            pick in proptest::collection::vec("[a-z]{1,2}", 0..4),
        ) {
            let test = |t: &Token| t.cap && pick.iter().any(|p| t.folded.starts_with(p.as_str()));
            let tokens = tokenize(&text);
            let want = tokens.iter().any(test);
            let mut read = Vec::new();
            let got = any_capitalised(&text, |t| {
                read.push(t.clone());
                test(t)
            });
            proptest::prop_assert!(got || !want, "{:?}", text);
            if text.bytes().all(|b| b.is_ascii() && b != b'\'') {
                proptest::prop_assert_eq!(got, want);
                // Every capitalised token up to the first that passes, and no other word.
                let caps: Vec<&Token> = tokens.iter().filter(|t| t.cap).collect();
                let n = caps.iter().position(|t| test(t)).map_or(caps.len(), |i| i + 1);
                proptest::prop_assert_eq!(read.iter().collect::<Vec<_>>(), caps[..n].to_vec());
            }
        }

        /// Looking words up without making tokens finds a word of the set exactly when one of
        /// the text's tokens has its lower-case form in the set: capitals, possessives, inner
        /// apostrophes, marks and letters that are not ASCII, words longer than eight bytes.
        #[test]
        fn words_looked_up_in_place_are_the_tokens_words(
            text in "(he|He|HIS|hee|HY|it's|It\u{2019}s|they're|them|themm|countries|Countries|countriesx|couuntriess|t\u{301}hem|h\u{ad}e|hé|[a-z]{1,10}|[A-Z][a-z]{0,3}|[a-zA-Z]{25,26}|[0-9]{1,3}|'|[ ,.;-]){0,12}",
        ) {
            let set = WordSet::new(&[&["he", "his", "it", "them", "countries"]]);
            let tokens = tokenize(&text);
            let want = tokens.iter().any(|t| set.contains(&t.lower));
            proptest::prop_assert_eq!(any_word_in(&text, &set), want, "{:?}", text);
            // And their folded forms, doubled letters, y and w, and words past 24 bytes: each
            // token's, in order.
            let mut folded = Vec::new();
            each_folded(&text, |w| folded.push(w.to_string()));
            let want: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
            proptest::prop_assert_eq!(folded, want, "{:?}", text);
        }
    }

    #[test]
    fn folding_meets_transliterations() {
        assert_eq!(fold("zelensky"), fold("zelenskyy"));
        assert_eq!(fold("zelenskiy"), fold("zelensky"));
        assert_eq!(fold("dmitry"), fold("dmitri"));
        assert_eq!(fold("kyiv"), "kiv");
        assert_ne!(fold("kyiv"), fold("kiev"));
    }

    #[test]
    fn invisible_characters_stay_inside_words() {
        let toks = tokenize("Pes\u{200B}kov said");
        assert_eq!(toks[0].lower, "peskov");
        assert_eq!(toks.len(), 2);
    }

    #[test]
    fn stems_meet_inflections() {
        assert_eq!(stem("spoke"), "speak");
        assert_eq!(stem("launched"), stem("launch"));
        assert_eq!(stem("drones"), stem("drone"));
        assert_eq!(stem("took"), stem("take"));
        assert_eq!(stem("phoned"), stem("phone"));
        assert_eq!(stem("died"), stem("die"));
    }
}
