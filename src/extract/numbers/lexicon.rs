//! Word lists of the number extractor: number words, scales, hedges, months, time units.

/// An ASCII word lower-cased on the stack. Words that are too long or not ASCII read as "",
/// which matches none of the lists here (they are all short ASCII words). A word already in
/// lower case (most of prose) is borrowed as it is.
pub(super) struct Lower<'a> {
    word: &'a str,
    buf: [u8; 24],
    /// Bytes of `buf` in use; `None` when `word` itself is the lower-cased word.
    len: Option<usize>,
}

impl<'a> Lower<'a> {
    pub fn new(word: &'a str) -> Self {
        let mut buf = [0u8; 24];
        let bytes = word.as_bytes();
        if bytes.len() > buf.len() || !word.is_ascii() {
            return Self {
                word: "",
                buf,
                len: None,
            };
        }
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return Self {
                word,
                buf,
                len: None,
            };
        }
        for (dst, src) in buf.iter_mut().zip(bytes) {
            *dst = src.to_ascii_lowercase();
        }
        Self {
            word,
            buf,
            len: Some(bytes.len()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self.len {
            None => self.word,
            // Lower-casing ASCII keeps it ASCII, hence valid UTF-8.
            Some(n) => std::str::from_utf8(&self.buf[..n]).unwrap_or_default(),
        }
    }
}

/// A sentence and the same with its ASCII letters in lower case, made once, so that its
/// words read as [`Lower`] reads them without lower-casing each anew.
#[derive(Clone, Copy, Debug)]
pub(super) struct Text<'a> {
    pub raw: &'a str,
    lower: &'a str,
    /// The whole sentence is ASCII, so each of its words is without a test.
    ascii: bool,
}

impl<'a> Text<'a> {
    /// `raw` with its lower-case copy made in `buf`.
    pub fn new(raw: &'a str, buf: &'a mut String) -> Self {
        buf.clear();
        buf.push_str(raw);
        buf.make_ascii_lowercase();
        Self {
            raw,
            lower: buf,
            ascii: raw.is_ascii(),
        }
    }

    /// The word of `raw` at `start..end`, lower-cased as [`Lower`] does: "" when it is too
    /// long or not ASCII.
    pub fn lower(self, start: usize, end: usize) -> &'a str {
        match self.lower.get(start..end) {
            Some(w) if w.len() <= 24 && (self.ascii || w.is_ascii()) => w,
            _ => "",
        }
    }
}

/// One part of a spelled number ("forty", "five", "hundred", "third"), by length first: the
/// words of [`NUMBER_PARTS`].
fn is_number_part(w: &str) -> bool {
    // The letters the parts start with: most words start otherwise and are compared with none.
    if !matches!(
        w.as_bytes().first(),
        Some(b'b' | b'e' | b'f' | b'h' | b'm' | b'n' | b'o' | b's' | b't' | b'z')
    ) {
        return false;
    }
    match w.len() {
        3 => matches!(w, "one" | "two" | "six" | "ten"),
        4 => matches!(w, "five" | "zero" | "four" | "nine"),
        5 => matches!(
            w,
            "forty"
                | "third"
                | "three"
                | "seven"
                | "eight"
                | "fifty"
                | "sixty"
                | "first"
                | "fifth"
                | "sixth"
                | "ninth"
                | "tenth"
        ),
        6 => matches!(
            w,
            "nought"
                | "eleven"
                | "twelve"
                | "twenty"
                | "thirty"
                | "eighty"
                | "ninety"
                | "second"
                | "fourth"
                | "eighth"
        ),
        7 => matches!(
            w,
            "hundred"
                | "fifteen"
                | "sixteen"
                | "seventy"
                | "million"
                | "billion"
                | "seventh"
                | "twelfth"
        ),
        8 => matches!(
            w,
            "thirteen"
                | "fourteen"
                | "eighteen"
                | "nineteen"
                | "thousand"
                | "trillion"
                | "eleventh"
                | "fortieth"
                | "fiftieth"
                | "sixtieth"
        ),
        9 => matches!(
            w,
            "seventeen"
                | "fifteenth"
                | "sixteenth"
                | "twentieth"
                | "thirtieth"
                | "eightieth"
                | "ninetieth"
                | "hundredth"
                | "millionth"
                | "billionth"
        ),
        10 => matches!(
            w,
            "thirteenth" | "fourteenth" | "eighteenth" | "nineteenth" | "seventieth" | "thousandth"
        ),
        11 => matches!(w, "seventeenth"),
        _ => false,
    }
}

/// Every part of a spelled number, as [`is_number_part`] knows them (its tests check both
/// agree).
#[cfg(test)]
const NUMBER_PARTS: &[&str] = &[
    "forty",
    "five",
    "hundred",
    "third",
    "zero",
    "nought",
    "one",
    "two",
    "three",
    "four",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "thousand",
    "million",
    "billion",
    "trillion",
    "first",
    "second",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "millionth",
    "billionth",
];

/// A spelled number word, hyphenated compounds included ("thirty-four", "twenty-first").
pub fn is_number_word(lower: &str) -> bool {
    // A byte loop: words are short, and `<[u8]>::contains` sets up a word-at-a-time search.
    if !lower.bytes().any(|b| b == b'-') {
        return is_number_part(lower);
    }
    !lower.is_empty() && lower.split('-').all(is_number_part)
}

/// Scale words written apart from the number ("6 billion", "6 bn").
pub(super) fn scale_word(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Scale suffixes glued to the digits ("6bn", "1.2m", "US$6B", "5k").
pub(super) fn attached_scale(raw: &str) -> Option<f64> {
    match raw {
        "m" | "M" | "mn" | "mln" => Some(1e6),
        "b" | "B" | "bn" | "Bn" | "BN" | "bln" => Some(1e9),
        "k" | "K" => Some(1e3),
        "tn" | "trn" | "Tn" => Some(1e12),
        _ => None,
    }
}

/// Unit abbreviations glued to digits ("5km", "45kg"); other glued letters make an identifier.
pub(super) fn is_attached_unit(lower: &str) -> bool {
    matches!(
        lower,
        "km" | "kg"
            | "mm"
            | "cm"
            | "mph"
            | "kph"
            | "kmh"
            | "mw"
            | "gw"
            | "kw"
            | "kwh"
            | "mwh"
            | "gwh"
            | "twh"
            | "ha"
            | "ft"
            | "lb"
            | "lbs"
            | "mi"
            | "t"
    )
}

/// A dash of any kind, as a range connector between numbers: hyphen-minus, hyphen,
/// non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus sign, and the small
/// and full-width forms. Text typed in other tools uses any of them for "140–150".
pub(super) fn is_dash(s: &str) -> bool {
    matches!(
        s,
        "-" | "\u{2010}"
            | "\u{2011}"
            | "\u{2012}"
            | "\u{2013}"
            | "\u{2014}"
            | "\u{2015}"
            | "\u{2212}"
            | "\u{FE58}"
            | "\u{FE63}"
            | "\u{FF0D}"
    )
}

/// Month names and their abbreviations, capitalised as in running text.
pub(super) fn is_month(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    matches!(
        Lower::new(word).as_str(),
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Words after which a bare year-like number is a year ("in 2024", "since 2014").
pub(super) fn is_year_context(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "of"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "pre"
            | "post"
            | "year"
            | "through"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "end"
            | "start"
            | "beginning"
            | "between"
            | "around"
            | "circa"
            | "throughout"
            | "fiscal"
    )
}

/// Time units: a number counting them is a duration ("10 days", "a 40-minute meeting").
pub(super) fn is_time_unit(lower: &str) -> bool {
    matches!(
        lower,
        "second"
            | "seconds"
            | "sec"
            | "secs"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "day"
            | "days"
            | "night"
            | "nights"
            | "week"
            | "weeks"
            | "fortnight"
            | "fortnights"
            | "month"
            | "months"
            | "year"
            | "years"
            | "yr"
            | "yrs"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "millennium"
            | "millennia"
    )
}

/// Time zone names after a clock time ("0600 GMT").
pub(super) fn is_time_zone(word: &str) -> bool {
    matches!(
        word,
        "GMT"
            | "UTC"
            | "EST"
            | "EDT"
            | "CET"
            | "CEST"
            | "BST"
            | "MSK"
            | "EET"
            | "EEST"
            | "PST"
            | "PDT"
            | "CST"
            | "CDT"
            | "IST"
            | "JST"
            | "GST"
            | "AEST"
            | "AEDT"
    )
}

/// Words before a number that make it an identifier ("flight 370", "No. 5", "Resolution 2334").
pub(super) fn is_id_word(lower: &str) -> bool {
    matches!(
        lower,
        "no" | "nos"
            | "flight"
            | "resolution"
            | "article"
            | "route"
            | "page"
            | "pages"
            | "chapter"
            | "section"
            | "paragraph"
            | "room"
            | "gate"
            | "phase"
            | "version"
            | "model"
            | "grade"
            | "level"
            | "platform"
            | "highway"
            | "code"
            | "codes"
            | "zip"
    )
}

/// Words that end the search for a counted noun: function words, verbs of being and saying,
/// prepositions. Modifiers such as "attack" or "more" are not here.
pub(super) fn is_unit_stop(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "it"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "them"
            | "they"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "who"
            | "which"
            | "what"
            | "whom"
            | "whose"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "so"
            | "yet"
            | "as"
            | "than"
            | "then"
            | "if"
            | "while"
            | "when"
            | "where"
            | "because"
            | "although"
            | "though"
            | "per"
            | "in"
            | "into"
            | "on"
            | "onto"
            | "at"
            | "over"
            | "across"
            | "from"
            | "to"
            | "of"
            | "for"
            | "with"
            | "without"
            | "by"
            | "against"
            | "near"
            | "during"
            | "after"
            | "before"
            | "under"
            | "above"
            | "below"
            | "within"
            | "between"
            | "among"
            | "around"
            | "about"
            | "through"
            | "throughout"
            | "via"
            | "toward"
            | "towards"
            | "each"
            | "every"
            | "most"
            | "least"
            | "also"
            | "still"
            | "now"
            | "just"
            | "only"
            | "even"
            | "overnight"
            | "ago"
            | "total"
            | "apiece"
            | "respectively"
            | "alone"
            | "altogether"
            | "instead"
            | "already"
            | "again"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "said"
            | "say"
            | "says"
            | "told"
            | "according"
            | "not"
            | "no"
            | "including"
            | "such"
            | "another"
            | "same"
            | "all"
            | "both"
            | "some"
            | "many"
            | "several"
            | "few"
            | "any"
            | "there"
            | "here"
            | "out"
            | "up"
            | "down"
            | "off"
            | "away"
            | "back"
            | "yesterday"
            | "today"
            | "tonight"
            | "tomorrow"
            | "last"
            | "next"
            | "ones"
            | "times"
    )
}

/// Words that name a group without saying what is counted ("two others"): no unit, and no
/// unit inherited from a neighbour either.
pub(super) fn is_pronoun_head(lower: &str) -> bool {
    matches!(lower, "others" | "other" | "ones" | "apiece" | "times")
}

/// Nouns that are plural without an "s", or the same in both numbers.
pub(super) fn is_irregular_plural(lower: &str) -> bool {
    matches!(
        lower,
        "people"
            | "children"
            | "men"
            | "women"
            | "police"
            | "personnel"
            | "staff"
            | "aircraft"
            | "spacecraft"
            | "cattle"
            | "livestock"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "sheep"
            | "deer"
            | "fish"
            | "crew"
            | "offspring"
            | "militia"
            | "data"
            | "media"
            | "dead"
            | "injured"
            | "wounded"
            | "missing"
    )
}

/// A hedge read before a number, matched word by word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HedgeWord {
    About,
    MoreThan,
    AtLeast,
    UpTo,
    AtMost,
    LessThan,
    Nearly,
    CloseTo,
    Between,
    From,
}

/// Hedge phrases, longest first so "no more than" wins over "more than".
pub(super) const HEDGES: &[(&[&str], HedgeWord)] = &[
    (&["in", "excess", "of"], HedgeWord::MoreThan),
    (&["no", "fewer", "than"], HedgeWord::AtLeast),
    (&["no", "less", "than"], HedgeWord::AtLeast),
    (&["not", "less", "than"], HedgeWord::AtLeast),
    (&["no", "more", "than"], HedgeWord::AtMost),
    (&["not", "more", "than"], HedgeWord::AtMost),
    (&["a", "little", "over"], HedgeWord::MoreThan),
    (&["just", "shy", "of"], HedgeWord::Nearly),
    (&["as", "many", "as"], HedgeWord::UpTo),
    (&["as", "much", "as"], HedgeWord::UpTo),
    (&["well", "over"], HedgeWord::MoreThan),
    (&["just", "over"], HedgeWord::MoreThan),
    (&["more", "than"], HedgeWord::MoreThan),
    (&["greater", "than"], HedgeWord::MoreThan),
    (&["upwards", "of"], HedgeWord::MoreThan),
    (&["at", "least"], HedgeWord::AtLeast),
    (&["a", "minimum", "of"], HedgeWord::AtLeast),
    (&["up", "to"], HedgeWord::UpTo),
    (&["at", "most"], HedgeWord::AtMost),
    (&["a", "maximum", "of"], HedgeWord::AtMost),
    (&["less", "than"], HedgeWord::LessThan),
    (&["fewer", "than"], HedgeWord::LessThan),
    (&["just", "under"], HedgeWord::Nearly),
    (&["just", "below"], HedgeWord::Nearly),
    (&["close", "to"], HedgeWord::CloseTo),
    (&["an", "estimated"], HedgeWord::About),
    (&["approximately"], HedgeWord::About),
    (&["approx"], HedgeWord::About),
    (&["about"], HedgeWord::About),
    (&["around"], HedgeWord::About),
    (&["roughly"], HedgeWord::About),
    (&["some"], HedgeWord::About),
    (&["estimated"], HedgeWord::About),
    (&["circa"], HedgeWord::About),
    (&["nearly"], HedgeWord::Nearly),
    (&["almost"], HedgeWord::Nearly),
    (&["over"], HedgeWord::MoreThan),
    (&["above"], HedgeWord::MoreThan),
    (&["exceeding"], HedgeWord::MoreThan),
    (&["under"], HedgeWord::LessThan),
    (&["below"], HedgeWord::LessThan),
    (&["between"], HedgeWord::Between),
    (&["from"], HedgeWord::From),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_ascii_only() {
        assert_eq!(Lower::new("Thirty-Four").as_str(), "thirty-four");
        assert_eq!(Lower::new("Kyïv").as_str(), "");
        assert_eq!(Lower::new(&"a".repeat(40)).as_str(), "");
    }

    proptest::proptest! {
        /// A word read from the sentence lower-cased once is the word lower-cased alone:
        /// capitals, letters that are not ASCII, words past 24 bytes.
        #[test]
        fn words_of_a_lowered_text_are_the_words_lowered(
            text in "([A-Za-z]{1,30}|Kyïv|ÉTAT|[0-9,.$%-]{1,4}| ){0,8}",
        ) {
            let mut buf = String::new();
            let low = Text::new(&text, &mut buf);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in &bounds[k..] {
                    let alone = Lower::new(&text[start..end]);
                    proptest::prop_assert_eq!(low.lower(start, end), alone.as_str());
                }
            }
        }
    }

    #[test]
    fn number_words() {
        assert!(is_number_word("thirty-four"));
        assert!(is_number_word("twenty-first"));
        assert!(!is_number_word("forty-odd"));
        assert!(!is_number_word(""));
        assert!(is_month("Nov") && is_month("May") && !is_month("may"));
    }

    #[test]
    fn number_parts_by_length_are_the_list() {
        for w in NUMBER_PARTS {
            assert!(is_number_part(w), "{w}");
            // Every shorter and longer neighbour is a part only when listed.
            for k in 0..w.len() {
                for other in [&w[..k], &w[k..], &format!("{w}s"), &format!("x{w}")] {
                    assert_eq!(
                        is_number_part(other),
                        NUMBER_PARTS.contains(&other),
                        "{other}"
                    );
                }
            }
        }
    }

    #[test]
    fn hedges_are_longest_first() {
        for (i, (words, _)) in HEDGES.iter().enumerate() {
            for (longer, _) in &HEDGES[i + 1..] {
                assert!(
                    longer.len() <= words.len() || !longer.ends_with(words),
                    "{longer:?} must come before {words:?}"
                );
            }
        }
    }
}
