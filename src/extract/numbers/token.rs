//! Splits one sentence into words, digit runs and punctuation marks, with byte spans.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokKind {
    /// Letters, possibly with digits after the first letter ("A320") and inner hyphens or
    /// apostrophes ("forty-five", "year-old", "Ukraine's").
    Word,
    /// ASCII digits with thousands separators and a decimal part ("1,200", "6.5").
    Digits,
    /// Any other single character that is not white space.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Tok {
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Characters that are invisible in print. Inside a number they are dropped ("14\u{200B}5" is
/// 145), elsewhere they count as white space.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Thousands separators that only ever group digits (no-break and thin spaces).
fn is_typographic_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        // An ASCII byte is a whole character (and so a char boundary).
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

/// Appends the tokens of `text` to `out`.
pub(super) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let len = c.len_utf8();
        if c.is_whitespace() || is_invisible(c) {
            i += len;
        } else if c.is_ascii_digit() {
            // A plain space groups digits only when nothing suggests two separate numbers.
            let space_ok = !out.last().is_some_and(|t| {
                t.kind == TokKind::Digits
                    || (t.kind == TokKind::Word && super::lexicon::is_month(t.text(text)))
            });
            let end = scan_number(text, i, space_ok);
            out.push(Tok {
                start: i,
                end,
                kind: TokKind::Digits,
            });
            i = end;
        } else if c.is_alphabetic() {
            let (end, hyphen) = scan_word(text, i);
            push_word(text, i, end, hyphen, out);
            i = end;
        } else {
            out.push(Tok {
                start: i,
                end: i + len,
                kind: TokKind::Punct,
            });
            i += len;
        }
    }
}

/// Pushes a word, split after a spelled number that leads a hyphenated compound
/// ("forty-five-year-old" -> "forty-five", "-", "year-old"; "three-day" -> "three", "-", "day").
/// `hyphen`: the word has one ([`scan_word`] says).
fn push_word(text: &str, start: usize, end: usize, hyphen: bool, out: &mut Vec<Tok>) {
    let word = &text[start..end];
    if !hyphen {
        // One part: nothing to split.
        out.push(Tok {
            start,
            end,
            kind: TokKind::Word,
        });
        return;
    }
    let mut number_end = 0;
    let mut offset = 0;
    let mut compound = false;
    for part in word.split('-') {
        let lower = super::lexicon::Lower::new(part);
        if !super::lexicon::is_number_word(lower.as_str()) {
            compound = true;
            break;
        }
        number_end = offset + part.len();
        offset += part.len() + 1;
    }
    let split = (compound && number_end > 0).then_some(number_end);
    match split {
        Some(at) if at > 0 => {
            let at = start + at;
            out.push(Tok {
                start,
                end: at,
                kind: TokKind::Word,
            });
            out.push(Tok {
                start: at,
                end: at + 1,
                kind: TokKind::Punct,
            });
            out.push(Tok {
                start: at + 1,
                end,
                kind: TokKind::Word,
            });
        }
        _ => out.push(Tok {
            start,
            end,
            kind: TokKind::Word,
        }),
    }
}

/// The end of the word at `start`, and whether it holds a hyphen (between two of its parts).
fn scan_word(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut hyphen = false;
    loop {
        // Runs of ASCII letters and digits, eight bytes at a time.
        i = crate::extract::tokens::ascii_word_end(bytes, i);
        let Some(c) = char_at(text, i) else {
            return (i, hyphen);
        };
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            i += len;
        } else if matches!(c, '-' | '\'' | '\u{2019}')
            && char_at(text, i + len).is_some_and(char::is_alphabetic)
        {
            // Inner hyphen or apostrophe: part of the word.
            hyphen |= c == '-';
            i += len;
        } else {
            return (i, hyphen);
        }
    }
}

/// Consumes digits and invisible characters between digits; returns the end and digit count.
fn digit_run(text: &str, start: usize) -> (usize, usize) {
    let mut end = start;
    let mut digits = 0;
    for (off, c) in text[start..].char_indices() {
        if c.is_ascii_digit() {
            digits += 1;
            end = start + off + 1;
        } else if !(is_invisible(c) && digits > 0) {
            // Invisible characters are skipped; `end` only moves past them at the next digit.
            break;
        }
    }
    (end, digits)
}

/// Exactly three digits start at `i` and no digit follows them.
fn group_of_three(text: &str, i: usize) -> Option<usize> {
    let (end, digits) = digit_run(text, i);
    (digits == 3 && !char_at(text, end).is_some_and(|c| c.is_ascii_digit())).then_some(end)
}

/// Scans a number starting with an ASCII digit at `start`: "1,200", "1 200" (when
/// `space_ok`), "6.5", "14\u{200B}5".
fn scan_number(text: &str, start: usize, space_ok: bool) -> usize {
    let (mut end, first) = digit_run(text, start);
    if first <= 3 {
        let sep = char_at(text, end)
            .filter(|&c| c == ',' || is_typographic_space(c) || (c == ' ' && space_ok));
        if let Some(sep) = sep {
            while char_at(text, end) == Some(sep) {
                match group_of_three(text, end + sep.len_utf8()) {
                    Some(e) => end = e,
                    None => break,
                }
            }
        }
    }
    if char_at(text, end) == Some('.') && char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        end = digit_run(text, end + 1).0;
    }
    end
}

/// A number read from a digits token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct DigitNum {
    pub value: f64,
    /// Count of digits before the decimal point.
    pub int_digits: usize,
    /// Only digits: no separator, no decimal part.
    pub plain: bool,
    pub leading_zero: bool,
}

/// Reads a digits token; `None` for numbers too long to matter or not finite.
pub(super) fn parse_digits(s: &str) -> Option<DigitNum> {
    let mut buf = [0u8; 64];
    let mut len = 0;
    let mut int_digits = 0;
    let mut seen_point = false;
    let mut plain = true;
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            if c == '.' {
                seen_point = true;
                plain = false;
            } else if !seen_point {
                int_digits += 1;
            }
            *buf.get_mut(len)? = c as u8;
            len += 1;
        } else if !is_invisible(c) {
            plain = false;
        }
    }
    let digits = std::str::from_utf8(&buf[..len]).ok()?;
    let value: f64 = digits.parse().ok()?;
    value.is_finite().then_some(DigitNum {
        value,
        int_digits,
        plain,
        leading_zero: int_digits > 1 && s.starts_with('0'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word's end, a character at a time.
    fn word_end_by_chars(text: &str, start: usize) -> usize {
        let mut end = start;
        let mut chars = text[start..].char_indices().peekable();
        while let Some((off, c)) = chars.next() {
            if c.is_alphanumeric() {
                end = start + off + c.len_utf8();
            } else if !(matches!(c, '-' | '\'' | '\u{2019}')
                && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic()))
            {
                break;
            }
        }
        end
    }

    proptest::proptest! {
        /// The word scan ends a word where a scan of its characters does: ASCII runs,
        /// letters of other scripts, inner hyphens and apostrophes, and joiners at the end.
        #[test]
        fn words_end_where_their_characters_end(
            text in "[a-zA-Z][a-zA-Z0-9é’'\\- .,]{0,30}",
        ) {
            let (end, hyphen) = scan_word(&text, 0);
            proptest::prop_assert_eq!(end, word_end_by_chars(&text, 0));
            proptest::prop_assert_eq!(hyphen, text[..end].contains('-'));
        }
    }

    fn toks(text: &str) -> Vec<(&str, TokKind)> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.iter().map(|t| (t.text(text), t.kind)).collect()
    }

    #[test]
    fn splits_words_digits_and_punctuation() {
        use TokKind::*;
        assert_eq!(
            toks("US$6B, a 45-year-old's A320 1,200.5 forty-five"),
            vec![
                ("US", Word),
                ("$", Punct),
                ("6", Digits),
                ("B", Word),
                (",", Punct),
                ("a", Word),
                ("45", Digits),
                ("-", Punct),
                ("year-old's", Word),
                ("A320", Word),
                ("1,200.5", Digits),
                ("forty-five", Word),
            ]
        );
    }

    #[test]
    fn groups_digits_only_when_unambiguous() {
        use TokKind::*;
        assert_eq!(toks("1 200"), vec![("1 200", Digits)]);
        assert_eq!(
            toks("12\u{A0}000\u{A0}000"),
            vec![("12\u{A0}000\u{A0}000", Digits)]
        );
        assert_eq!(toks("1,2,3")[0], ("1", Digits));
        assert_eq!(toks("2023, 500")[0], ("2023", Digits));
        assert_eq!(toks("10,2000")[0], ("10", Digits));
        assert_eq!(toks("November 10 100")[1], ("10", Digits));
        assert_eq!(toks("1 2000")[0], ("1", Digits));
        assert_eq!(toks("14\u{200B}5"), vec![("14\u{200B}5", Digits)]);
    }

    #[test]
    fn parses_digits() {
        assert_eq!(parse_digits("1,200").map(|d| d.value), Some(1200.0));
        assert_eq!(parse_digits("6.5").map(|d| d.value), Some(6.5));
        assert_eq!(parse_digits("14\u{200B}5").map(|d| d.value), Some(145.0));
        assert!(parse_digits("2024").is_some_and(|d| d.plain && d.int_digits == 4));
        assert!(parse_digits("0600").is_some_and(|d| d.leading_zero));
        assert!(parse_digits(&"9".repeat(30)).is_some());
        assert!(parse_digits(&"9".repeat(400)).is_none());
    }
}
