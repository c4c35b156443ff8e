//! Stage 4: compares aligned claims and produces findings. One file per kind, run in the
//! fixed order of [`REGISTRY`].

pub mod date_mismatch;
pub mod stance_conflict;
pub mod value_mismatch;

use crate::align::cross::{Frame, Pair, Pairs};
use crate::align::{Aligner, Alignment};
use crate::article::Article;
use crate::claims::{ArticleClaims, DateMention, Polarity, Sentence};
use crate::facts::{FactFile, FactId};
use crate::finding::{Finding, Kind, Related};
use crate::span::Span;
use crate::values::DateRange;
use jiff::ToSpan;
use rustc_hash::FxHashMap as HashMap;

/// Everything a check reads about one article.
pub struct Context<'a> {
    pub article: &'a Article,
    pub claims: &'a ArticleClaims,
    pub facts: &'a FactFile,
    pub aligner: &'a Aligner,
    /// In sentence order, as [`Aligner::align`] returns them.
    pub aligned: &'a [Alignment],
    /// Set when the claims were read without their dates
    /// ([`crate::extract::Words::finish_undated`]): a sentence's dates are then read the
    /// first time a check asks for them ([`Context::dates`]).
    pub unread_dates: Option<&'a UnreadDates>,
}

/// The dates of an article's sentences, for claims read without them: each sentence's read
/// once, the first time a check asks. Most sentences that align with a fact never get as
/// far as a test that places them in time.
pub struct UnreadDates {
    /// One per sentence, in the order of the claims.
    read: Vec<std::cell::OnceCell<Vec<DateMention>>>,
}

impl UnreadDates {
    pub fn new(claims: &ArticleClaims) -> Self {
        Self {
            read: claims
                .sentences
                .iter()
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }
}

type Check = fn(&Context) -> Vec<Finding>;
type CrossCheck = fn(&CrossContext, &mut Merged);

/// Everything a cross-source check reads: the articles (their paths and publication dates;
/// their text may be gone) and the paired frames, which carry the words they report.
pub struct CrossContext<'a> {
    pub articles: &'a [Article],
    /// The paired frames; counting a frame's agreeing partners costs its own pairs, not all
    /// of them ([`Pairs::partners`]).
    pub pairs: &'a Pairs<'a>,
}

/// The cross-source checks, in the order they run.
pub const CROSS_REGISTRY: &[(Kind, CrossCheck)] = &[
    (Kind::ValueMismatch, value_mismatch::cross),
    (Kind::DateMismatch, date_mismatch::cross),
    (Kind::StanceConflict, stance_conflict::cross),
];

/// Most other articles named as related locations of one finding; the note says how many
/// there are in all.
pub const MAX_RELATED: usize = 5;

pub fn run_cross(ctx: &CrossContext) -> Vec<Finding> {
    let mut merged = Merged::default();
    for (_, check) in CROSS_REGISTRY {
        check(ctx, &mut merged);
    }
    merged.finish()
}

/// The findings between articles, merged as the checks report them: one finding per place and
/// kind, the other articles that disagree becoming its related locations, so paraphrases of
/// one statement collapse into one. Merging as they come keeps one finding per place in
/// memory, not one per disagreeing pair (four times as many on a large run). The result is
/// that of sorting every reported finding by (article, start, kind), keeping the order they
/// were reported in among equals, and merging neighbours with the same article, span and
/// kind.
#[derive(Default)]
pub struct Merged {
    /// Kept findings in the order their places were first reported, with how many other
    /// articles disagree with each.
    kept: Vec<(Finding, usize)>,
    /// The last kept finding of each (article, start, kind).
    last: HashMap<(crate::article::ArticleId, usize, Kind), usize>,
}

impl Merged {
    pub fn push(&mut self, f: Finding) {
        let key = (f.article, f.span.start, f.kind);
        if let Some(&i) = self.last.get(&key)
            && self.kept[i].0.span == f.span
        {
            let (m, n) = &mut self.kept[i];
            for r in f.related {
                if !m.related.contains(&r) {
                    *n += 1;
                    if m.related.len() < MAX_RELATED {
                        m.related.push(r);
                    }
                }
            }
            return;
        }
        self.last.insert(key, self.kept.len());
        let n = f.related.len();
        self.kept.push((f, n));
    }

    /// The findings in report order, each saying how many other articles disagree with it.
    pub fn finish(self) -> Vec<Finding> {
        let mut kept = self.kept;
        // Stable: kept findings of one (article, start, kind) stay in the order first reported.
        kept.sort_by_key(|(f, _)| (f.article, f.span.start, f.kind));
        kept.into_iter()
            .map(|(mut m, n)| {
                if n > 1 {
                    m.notes
                        .push(format!("{n} other articles disagree with this one"));
                }
                m
            })
            .collect()
    }
}

impl<'a> CrossContext<'a> {
    pub fn new(articles: &'a [Article], pairs: &'a Pairs<'a>) -> Self {
        Self { articles, pairs }
    }

    fn article(&self, f: &Frame) -> Option<&'a Article> {
        crate::report::find_article(self.articles, f.article).map(|i| &self.articles[i])
    }

    pub fn path(&self, f: &Frame) -> &'a str {
        self.article(f).map_or("", |a| a.path.as_str())
    }

    /// The other article's words as a related location.
    pub fn related(&self, f: &Frame, span: Span, words: &str) -> Related {
        Related::Article {
            article: f.article,
            span,
            sentence: f.sentence_span,
            found: words.to_string(),
        }
    }

    /// Of two disagreeing frames, the one to report: the one fewer others agree with, else the
    /// later-published article (the newcomer disagrees with what was there).
    pub fn odd_one<'p>(
        &self,
        p: &Pair<'p>,
        agree: &dyn Fn(usize) -> usize,
    ) -> (&'p Frame, &'p Frame) {
        let (a, b) = (p.a, p.b);
        match agree(p.ia).cmp(&agree(p.ib)) {
            std::cmp::Ordering::Less => (a, b),
            std::cmp::Ordering::Greater => (b, a),
            std::cmp::Ordering::Equal if self.newer(a, b) => (a, b),
            std::cmp::Ordering::Equal => (b, a),
        }
    }

    /// Whether `a`'s article came out after `b`'s (by publication date, then path order).
    pub fn newer(&self, a: &Frame, b: &Frame) -> bool {
        (a.published, a.article) > (b.published, b.article)
    }

    /// How many frames of other articles in `pairs` agree by `same` with the frame at `i`.
    pub fn agreeing(&self, i: usize, same: &dyn Fn(&Frame, &Frame) -> bool) -> usize {
        let Some(f) = self.pairs.frame(i) else {
            return 0;
        };
        self.pairs.partners(i).filter(|o| same(f, o)).count()
    }
}

/// The checks, in the order they run.
pub const REGISTRY: &[(Kind, Check)] = &[
    (Kind::ValueMismatch, value_mismatch::check),
    (Kind::DateMismatch, date_mismatch::check),
    (Kind::StanceConflict, stance_conflict::check),
];

pub fn run(ctx: &Context) -> Vec<Finding> {
    REGISTRY.iter().flat_map(|(_, check)| check(ctx)).collect()
}

impl Context<'_> {
    pub fn text(&self, span: Span) -> &str {
        &self.article.text[span.start..span.end]
    }

    /// The dates in `s`, one of the article's sentences: read now if the claims were read
    /// without them and no check has asked before.
    pub fn dates<'s>(&'s self, s: &'s Sentence) -> &'s [DateMention] {
        let Some(unread) = self.unread_dates else {
            return &s.dates;
        };
        // Sentences are in the order of the text and do not overlap.
        let si = self
            .claims
            .sentences
            .partition_point(|x| x.span.start < s.span.start);
        debug_assert!(
            self.claims
                .sentences
                .get(si)
                .is_some_and(|x| std::ptr::eq(x, s)),
            "not a sentence of this article's claims"
        );
        match unread.read.get(si) {
            Some(cell) => cell.get_or_init(|| crate::extract::dates_of(self.article, s)),
            None => &s.dates,
        }
    }

    /// Sentences worth checking, with their alignments: statements (not questions) that
    /// align with a fact, in the order of the text. One walk through the alignments, which
    /// are in sentence order as [`crate::align::Aligner::align`] gives them.
    pub fn aligned_statements(&self) -> impl Iterator<Item = (&Sentence, Vec<&Alignment>)> {
        debug_assert!(self.aligned.is_sorted_by_key(|a| a.sentence));
        self.aligned
            .chunk_by(|a, b| a.sentence == b.sentence)
            .filter_map(|group| {
                let si = group.first()?.sentence;
                let s = self.claims.sentences.get(si).filter(|s| !s.question)?;
                Some((s, group.iter().collect()))
            })
    }

    /// Whether the article is plausibly about the fact's occasion: an article published long
    /// after a dated fact is probably about another occasion, and so is one published before
    /// it, unless the sentence looks ahead ("Trump takes office on January 20").
    pub fn same_occasion(&self, id: FactId, s: &Sentence) -> bool {
        let fact = self.facts.fact(id);
        let story = self.aligner.profiles[id.0 as usize].story;
        let (Some(fd), Some(pub_day)) = (fact.date.or(story), self.article.meta.published) else {
            return true;
        };
        let earliest = fd.start.checked_sub(7.days()).unwrap_or(fd.start);
        let latest = fd.end.checked_add(120.days()).unwrap_or(fd.end);
        // Looking ahead to a dated fact is fine ("expected to complete in the fourth
        // quarter"); to a story known only from its other facts' dates, for a season, not for
        // a year: an article of last July about "cuts it would make" is about another round.
        let ahead = if fact.date.is_some() {
            jiff::civil::Date::MIN
        } else {
            fd.start.checked_sub(90.days()).unwrap_or(fd.start)
        };
        (earliest <= pub_day || ((s.future || s.modal) && ahead <= pub_day)) && pub_day <= latest
    }

    /// The dates in a sentence that place the fact's event: not the date of a report about it,
    /// not a date in a clause about another act ("…by phone, and on Thursday he named his
    /// chief of staff"), and not a date that would fall after the report it is told in ("said
    /// on Monday that he had spoken … last Wednesday": which Wednesday cannot be told).
    pub fn event_dates<'s>(&'s self, s: &'s Sentence, fact: FactId) -> Vec<&'s DateMention> {
        let text = &self.article.text;
        let words = &self.aligner.profiles[fact.0 as usize].event_words;
        let (reports, events): (Vec<&DateMention>, Vec<&DateMention>) = self
            .dates(s)
            .iter()
            .partition(|d| is_report_date(text, s, d.span, words));
        events
            .into_iter()
            .filter(|d| !in_other_clause(text, s, d.span, words))
            .filter(|d| {
                s.future || !reports.iter().any(|r| {
                    r.span.end <= d.span.start
                        && matches!((r.range, d.range), (Some(rr), Some(dr)) if dr.start > rr.end)
                })
            })
            .collect()
    }

    /// Whether the sentence dates its event away from the fact's date: it has an event date
    /// for the fact and none of them overlaps the fact's. Such a sentence is about another
    /// occasion (or a misdated one, which `date-mismatch` reports), so its figures are not the
    /// fact's figures.
    pub fn dated_elsewhere(&self, s: &Sentence, id: FactId) -> bool {
        let Some(fd) = self.facts.fact(id).date else {
            return false;
        };
        let ranges: Vec<DateRange> = self
            .event_dates(s, id)
            .iter()
            .filter_map(|d| d.range)
            .collect();
        !ranges.is_empty() && !ranges.iter().any(|r| r.overlaps(&fd))
    }

    /// True when an event date in the sentence lies far from the fact's dates (or, for an
    /// undated fact, from its story's dates): the sentence is about another occasion (the same
    /// people months apart; "Congress approved $61 billion in April" in a November story).
    pub fn other_occasion(&self, s: &Sentence, id: FactId) -> bool {
        let story = self.aligner.profiles[id.0 as usize].story;
        let Some(fd) = self.facts.fact(id).date.or(story) else {
            return false;
        };
        self.event_dates(s, id)
            .iter()
            .filter_map(|d| d.range)
            .any(|r| days_apart(&r, &fd) > OCCASION_DAYS)
    }

    /// Whether the sentence's own voice denies its event ("no call took place").
    pub fn denies_itself(&self, s: &Sentence) -> bool {
        s.stances.iter().any(|c| c.polarity == Polarity::Denies)
    }
}

/// Dates further than this from a fact's date are taken to be about another occasion.
pub const OCCASION_DAYS: i64 = 31;

/// A past event dated at most this many days off the fact's date may be the fact's event
/// misdated (a weekday off by one or two, a night across midnight, the day of the first
/// report taken for the event's); further off, it is more likely another occasion of the same
/// kind of event, and `date-mismatch` stays silent.
pub const SAME_EVENT_DAYS: i64 = 3;

/// Words that join two clauses after a comma or semicolon: ", and on Thursday he named …".
const CLAUSE_JOINERS: &[&str] = &[
    "and", "but", "while", "whereas", "although", "though", "yet", "as", "before", "after",
];

/// Whether the date at `span` stands in a clause of its own that names none of the fact's
/// event words while another clause of the sentence does: "Trump spoke with Zelensky by
/// phone, and on Thursday he named his new chief of staff" dates the naming, not the call.
/// Clauses are split at a comma or semicolon followed by a joining word.
fn in_other_clause(text: &str, s: &Sentence, span: Span, event_words: &[String]) -> bool {
    if event_words.is_empty() {
        return false;
    }
    let mut bounds = vec![s.span.start];
    for (i, t) in s.tokens.iter().enumerate() {
        let Some(prev) = i.checked_sub(1).map(|p| &s.tokens[p]) else {
            continue;
        };
        let gap = &text[prev.span.end..t.span.start];
        if gap.contains(';') || (gap.contains(',') && CLAUSE_JOINERS.contains(&t.lower.as_str())) {
            bounds.push(t.span.start);
        }
    }
    if bounds.len() < 2 {
        return false;
    }
    bounds.push(s.span.end);
    let clause_of = |at: usize| {
        bounds
            .windows(2)
            .find(|w| w[0] <= at && at < w[1])
            .map_or(s.span, |w| Span::new(w[0], w[1]))
    };
    let has_event = |c: Span| {
        s.tokens
            .iter()
            .filter(|t| c.contains(t.span))
            .any(|t| event_words.iter().any(|w| w == t.stem()))
    };
    let here = clause_of(span.start);
    !has_event(here)
        && bounds
            .windows(2)
            .map(|w| Span::new(w[0], w[1]))
            .any(|c| c != here && has_event(c))
}

/// Days between two ranges (0 when they overlap).
pub fn days_apart(a: &DateRange, b: &DateRange) -> i64 {
    if a.overlaps(b) {
        return 0;
    }
    let (early, late) = if a.end < b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    early
        .until(late)
        .map_or(i64::MAX, |s| i64::from(s.get_days()))
}

/// Words that, just before a date, say it dates a publication.
const PUBLICATION: &[&str] = &[
    "published",
    "released",
    "posted",
    "issued",
    "dated",
    "updated",
    "aired",
];
/// Words that open the reported content after a reporting verb.
const COMPLEMENT: &[&str] = &[
    "that",
    "whether",
    "alleging",
    "claiming",
    "saying",
    "denying",
    "suggesting",
];

/// Hearsay words are cues without a reporting act of their own to date.
const HEARSAY_WORDS: &[&str] = &[
    "reportedly",
    "allegedly",
    "alleged",
    "purportedly",
    "purported",
    "supposedly",
    "reported",
    "unconfirmed",
];

/// Words before "reported" or "alleged" that make it an adjective ("the reported call", "a
/// widely reported call"), not a verb with a date of its own.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "any",
    "such",
];

/// Whether the hearsay word at token `i` is a reporting verb ("the Post reported on Sunday
/// that …", "the call, first reported on Thursday, …") rather than an adjective before the
/// event's noun ("the reported call"): only verbs date a report.
fn reporting_verb(s: &Sentence, i: usize) -> bool {
    let word = s.tokens[i].lower.as_str();
    if !matches!(word, "reported" | "alleged") {
        return false;
    }
    let mut j = i;
    // "a widely reported call": an adverb between the determiner and the word.
    while let Some(p) = j.checked_sub(1) {
        j = p;
        if !s.tokens[p].lower.ends_with("ly") {
            break;
        }
    }
    !(j < i && DETERMINERS.contains(&s.tokens[j].lower.as_str()))
}

fn tokens_after(s: &Sentence, offset: usize) -> usize {
    s.tokens.iter().filter(|t| t.span.start >= offset).count()
}

/// The date of a sentence's event for the cross-source checks: its one date that does not
/// date a report, if it has exactly one.
pub fn event_date(text: &str, s: &Sentence) -> Option<DateRange> {
    let mut dates = s
        .dates
        .iter()
        .filter(|d| !is_report_date(text, s, d.span, &[]))
        .filter_map(|d| d.range);
    match (dates.next(), dates.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Whether the date at `span` dates a report or denial rather than the event: "X reported on
/// Sunday that …", "On November 11, Peskov denied a report alleging …", "published on …".
pub fn is_report_date(text: &str, s: &Sentence, span: Span, event_words: &[String]) -> bool {
    let before: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.end <= span.start)
        .rev()
        .take(3)
        .map(|t| t.lower.as_str())
        .collect();
    if before.iter().any(|w| PUBLICATION.contains(w)) {
        return true;
    }
    for cue in s.stances.iter().filter(|c| c.attributed) {
        // The cue's own words, not a denial phrase merged into it.
        let Some(first) = s.tokens.iter().position(|t| t.span.start >= cue.span.start) else {
            continue;
        };
        let word = &s.tokens[first];
        if HEARSAY_WORDS.contains(&word.lower.as_str()) && !reporting_verb(s, first) {
            continue;
        }
        // "announced the takeover on Tuesday" against a fact about the announcement: the
        // cue is the event.
        if event_words.iter().any(|w| w == word.stem()) {
            continue;
        }
        let last = if word.lower == "according" {
            first + 1
        } else {
            first
        };
        let cue_end = s.tokens.get(last).map_or(word.span.end, |t| t.span.end);
        let complement = s.tokens[last + 1..]
            .iter()
            .find(|t| COMPLEMENT.contains(&t.lower.as_str()))
            .map(|t| t.span.start);
        let colon = text[cue_end..s.span.end]
            .find([':', '"', '“'])
            .map(|i| cue_end + i);
        // "…, the chancellor's office said, as …", "…, aides said.": a parenthetical or
        // closing attribution dates nothing.
        let trailing = text[cue_end..s.span.end]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ',' | '.' | ';' | '!' | '?'));
        // "According to the ministry, they met on June 18": what follows the source's comma
        // is the reported content, dates included.
        if word.lower == "according"
            && text[cue_end..s.span.end]
                .find(',')
                .is_some_and(|i| span.start > cue_end + i)
        {
            continue;
        }
        match [complement, colon].into_iter().flatten().min() {
            Some(c) if span.start < c && span.start >= word.span.start.min(c) => return true,
            Some(c) if span.start < c && !trailing => return true,
            Some(_) => {}
            None if trailing && span.start < word.span.start => {}
            None if span.start < word.span.start && tokens_after(s, cue_end) <= 3 => {}
            // "On Nov 11, Peskov denied the report", "Peskov denied the call on Monday":
            // the date may be the denial's; cannot tell, so it is not the event's.
            None => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ArticleId, ArticleMeta};
    use crate::extract::entities::EntityMatcher;
    use crate::extract::tokens::stem;

    /// The one sentence of `text`, extracted, published Wednesday 13 November 2024.
    fn sentence(text: &str) -> (String, Sentence) {
        let meta = ArticleMeta {
            published: Some(jiff::civil::date(2024, 11, 13)),
            ..ArticleMeta::default()
        };
        let article = Article::plain(ArticleId(0), "t.txt", text.to_string(), meta);
        let mut claims = crate::extract::extract(&article, &EntityMatcher::new(None));
        (article.text, claims.sentences.remove(0))
    }

    /// The words of each date of the sentence that dates a report.
    fn report_dates(text: &str) -> Vec<String> {
        let (text, s) = sentence(text);
        s.dates
            .iter()
            .filter(|d| is_report_date(&text, &s, d.span, &[]))
            .map(|d| text[d.span.start..d.span.end].to_string())
            .collect()
    }

    #[test]
    fn reported_as_a_verb_dates_the_report_and_as_an_adjective_does_not() {
        assert_eq!(
            report_dates("The Post reported on Sunday that Trump had spoken with Putin."),
            ["on Sunday"]
        );
        assert_eq!(
            report_dates("Trump's call with Zelensky, first reported on Thursday, lasted an hour."),
            ["on Thursday"]
        );
        assert!(report_dates("The reported call on Thursday lasted an hour.").is_empty());
        assert!(report_dates("A widely reported call on Thursday lasted an hour.").is_empty());
    }

    #[test]
    fn a_date_in_a_clause_without_the_event_belongs_to_another_act() {
        let words = vec![stem("spoke"), stem("phone")];
        let (text, s) =
            sentence("Trump spoke by phone, and on Thursday he named a chief of staff.");
        assert!(in_other_clause(&text, &s, s.dates[0].span, &words));
        let (text, s) =
            sentence("On Thursday, Trump spoke by phone, and he named a chief of staff.");
        assert!(!in_other_clause(&text, &s, s.dates[0].span, &words));
        let (text, s) = sentence("Trump spoke by phone on Thursday, and aides were pleased.");
        assert!(!in_other_clause(&text, &s, s.dates[0].span, &words));
    }

    /// What `Merged` must equal: every finding reported, sorted by (article, start, kind)
    /// stably, neighbours with the same article, span and kind merged.
    fn merged_after_sorting(mut all: Vec<Finding>) -> Vec<Finding> {
        all.sort_by_key(|f| (f.article, f.span.start, f.kind));
        let mut out: Vec<(Finding, usize)> = Vec::new();
        for f in all {
            match out.last_mut() {
                Some((m, n)) if m.article == f.article && m.span == f.span && m.kind == f.kind => {
                    for r in f.related {
                        if !m.related.contains(&r) {
                            *n += 1;
                            if m.related.len() < MAX_RELATED {
                                m.related.push(r);
                            }
                        }
                    }
                }
                _ => {
                    let n = f.related.len();
                    out.push((f, n));
                }
            }
        }
        out.into_iter()
            .map(|(mut m, n)| {
                if n > 1 {
                    m.notes
                        .push(format!("{n} other articles disagree with this one"));
                }
                m
            })
            .collect()
    }

    proptest::proptest! {
        /// Findings merged as they are reported are those of sorting them all and merging
        /// neighbours: places that share a start but not an end, the same other article twice,
        /// more other articles than are listed, findings of several kinds at one place.
        #[test]
        fn merging_as_reported_equals_sorting_then_merging(
            reported in proptest::collection::vec(
                (0u32..3, 0usize..3, 0usize..2, 0usize..3, 0u32..8, 0u32..4),
                0..60,
            )
        ) {
            use crate::finding::Severity;
            let findings: Vec<Finding> = reported
                .iter()
                .enumerate()
                .map(|(i, &(article, start, longer, kind, other, at))| Finding {
                    kind: Kind::ALL[kind],
                    severity: Severity::Error,
                    confidence: 0.5,
                    fact: None,
                    article: ArticleId(article),
                    span: Span::new(start * 10, start * 10 + 3 + longer),
                    sentence: Span::new(0, 40),
                    found: format!("reported {i}"),
                    expected: None,
                    message: format!("finding {i}"),
                    related: vec![Related::Article {
                        article: ArticleId(other),
                        span: Span::new(at as usize, at as usize + 2),
                        sentence: Span::new(0, 9),
                        found: "x".into(),
                    }],
                    notes: Vec::new(),
                })
                .collect();
            let mut merged = Merged::default();
            for f in findings.clone() {
                merged.push(f);
            }
            proptest::prop_assert_eq!(merged.finish(), merged_after_sorting(findings));
        }
    }
}
