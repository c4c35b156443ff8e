//! The frames of one article: numbers with their measure, actor and scope; dates with their
//! event and participants; stances with their voice.

use super::names::{self, ArticleWords, Role};
use super::sym::{self, Sym};
use super::{Claim, DateClaim, Frame, Name, Named, QuantityClaim, SentenceStance, Slot, Topic};
use crate::align::clauses::clause_of;
use crate::align::frames::{act_class, event_of_stem};
use crate::article::Article;
use crate::claims::{ArticleClaims, Polarity, Quantity, Sentence, StanceCue};
use crate::extract::numbers::is_number_word;
use crate::extract::stance::{DENY_VERBS, denies_a_detail};
use crate::extract::tokens::{Token, stem};
use crate::span::Span;
use crate::values::DateRange;

/// Units that name an act: "12 deaths" counts people killed.
const ACT_UNITS: &[(&str, &str)] = &[
    ("death", "kill"),
    ("dead", "kill"),
    ("fatality", "kill"),
    ("injured", "injure"),
    ("injury", "injure"),
    ("wounded", "injure"),
    ("recovery", "recover"),
    ("recovered", "recover"),
    ("arrest", "arrest"),
    ("evacuee", "evacuate"),
];

/// Words that make a count the state of things at the time of writing, which the next
/// report may move either way: "ten people are still missing", "40 remain in hospital".
const RUNNING: &[&str] = &["still", "remain", "remains", "remained", "remaining"];

/// Nouns that count people in general; the act says what the count measures.
pub(super) const PEOPLE: &[&str] = &[
    "people",
    "person",
    "resident",
    "civilian",
    "passenger",
    "villager",
    "inhabitant",
    "individual",
    "victim",
];

/// Acts that only articles compared with each other tell apart (a fact names its own
/// keywords): box office and sales.
const MORE_ACTS: &[(&str, &[&str])] = &[
    ("earn", &["gros", "earn"]),
    ("sell", &["sell", "sold"]),
    ("recover", &["recover"]),
];

/// The act class of a stem.
fn act_of(stem: &str) -> Option<&'static str> {
    act_class(stem).or_else(|| {
        MORE_ACTS
            .iter()
            .find(|(_, words)| words.iter().any(|w| stem.starts_with(w)))
            .map(|(class, _)| *class)
    })
}

/// Acts whose counts later reports revise upwards.
const TOLL_ACTS: &[&str] = &["kill", "injure", "evacuate", "arrest", "recover"];

/// Past forms that do not end in -ed.
const IRREGULAR_PAST: &[&str] = &[
    "sold", "made", "won", "lost", "took", "gave", "spent", "paid", "grew", "fell", "rose", "hit",
    "cut", "built", "held", "left", "sent", "shot", "struck", "bought", "brought", "fought", "met",
    "ran", "drew", "beat", "began", "became", "saw", "froze", "stood", "kept", "led",
];

/// Words ending like verbs that are not the verb of a count.
const NOT_VERBS: &[&str] = &[
    "including",
    "according",
    "during",
    "following",
    "morning",
    "evening",
    "building",
    "meeting",
    "something",
    "nothing",
    "anything",
    "everything",
    "thing",
    "ring",
    "king",
    "spring",
    "bring",
    "hundred",
    "red",
    "bed",
    "shed",
    "need",
    "seed",
    "speed",
    "feed",
    "united",
    "limited",
    "related",
    "based",
    "estimated",
    "expected",
    "reported",
    "said",
    "confirmed",
    "announced",
];

/// Verbs of having: the subject of "Aviva has 31 million customers" is whose count it is,
/// its scope, not an actor.
const HAVING: &[&str] = &[
    "has",
    "have",
    "had",
    "holds",
    "held",
    "counts",
    "recorded",
    "registered",
    "reported",
    "confirmed",
    "employs",
    "employed",
];

/// The sentences of the article before the current one, as far as references back need.
#[derive(Default)]
struct History {
    /// Places and other names of the last two sentences, nearest last.
    places: Vec<Vec<Named>>,
    actors: Vec<Vec<Named>>,
    /// Whether any earlier sentence named anything at all.
    any: bool,
}

impl History {
    fn push(&mut self, roles: &[Role]) {
        let pick = |place: bool| -> Vec<Named> {
            roles
                .iter()
                .filter(|r| !r.speaker && !r.circumstantial && r.place == place)
                .map(|r| r.named.clone())
                .collect()
        };
        self.places.push(pick(true));
        self.actors.push(pick(false));
        for v in [&mut self.places, &mut self.actors] {
            if v.len() > 2 {
                v.remove(0);
            }
        }
        self.any |= !roles.is_empty();
    }

    /// What "there" or "in the region" refers to: the nearest earlier place, else the names
    /// of the sentence before.
    fn place(&self) -> Slot {
        if let Some(p) = self.places.iter().rev().find(|p| !p.is_empty()) {
            return strong(p);
        }
        match self.actors.last() {
            Some(a) if !a.is_empty() => strong(a),
            _ if self.any => Slot::Empty,
            _ => Slot::Unresolved,
        }
    }

    /// What "it" or "the film" refers to: the nearest earlier actors.
    fn actor(&self) -> Slot {
        if let Some(a) = self.actors.iter().rev().find(|a| !a.is_empty()) {
            return strong(a);
        }
        if self.any {
            Slot::Empty
        } else {
            Slot::Unresolved
        }
    }
}

/// Names taken up again by a reference are as good as written out.
fn strong(names: &[Named]) -> Slot {
    Slot::Names(
        names
            .iter()
            .map(|n| Named {
                name: n.name.clone(),
                weak: false,
            })
            .collect(),
    )
}

fn slot(names: Vec<Named>) -> Slot {
    if names.is_empty() {
        Slot::Empty
    } else {
        Slot::Names(names.into_boxed_slice())
    }
}

/// The frames of one article. `skip` says which claims of a sentence (by index) a fact file
/// already covers; `event_date` gives a sentence's event date (not the date of a report).
pub fn frames(
    article: &Article,
    claims: &ArticleClaims,
    event_date: &dyn Fn(&Sentence) -> Option<DateRange>,
    skip: &dyn Fn(usize, &Claim) -> bool,
) -> Vec<Frame> {
    let text = &article.text;
    let words = ArticleWords::new(&claims.sentences);
    let mut history = History::default();
    let mut out = Vec::new();
    for (si, s) in claims.sentences.iter().enumerate() {
        let region = content_region(s, text);
        let roles = names::roles(s, text, region, &words);
        if !(s.question || s.modal) {
            let from = out.len();
            let base = Base {
                article,
                si,
                s,
                when: event_date(s),
                roles: &roles,
                history: &history,
                region,
            };
            base.quantities(&mut out);
            base.events(&mut out);
            let new = out.split_off(from);
            out.extend(new.into_iter().filter(|f| !skip(si, &f.claim)));
        }
        history.push(&roles);
    }
    out
}

/// What every frame of one sentence shares.
struct Base<'a> {
    article: &'a Article,
    si: usize,
    s: &'a Sentence,
    when: Option<DateRange>,
    roles: &'a [Role],
    history: &'a History,
    region: Span,
}

impl Base<'_> {
    fn text(&self, span: Span) -> &str {
        self.article
            .text
            .get(span.start..span.end)
            .unwrap_or_default()
    }

    fn frame(&self, topic: Topic, claim: Claim, who: Slot, scope: Slot, within: Span) -> Frame {
        let context: Vec<Sym> = self
            .roles
            .iter()
            .filter(|r| !r.speaker && within.contains(r.span))
            .flat_map(|r| match &r.named.name {
                Name::Words(w) => w.to_vec(),
                Name::Known(_) => Vec::new(),
            })
            .collect();
        Frame {
            article: self.article.id,
            sentence: self.si,
            sentence_span: self.s.span,
            published: self.article.meta.published,
            when: self.when,
            topic,
            claim,
            who,
            scope,
            context: context.into_boxed_slice(),
            signature: signature(self.s, within),
        }
    }

    /// The clause of `span` within the reported content. "and" before a place does not
    /// open a clause ("in the United States and Canada").
    fn clause(&self, span: Span) -> Span {
        let text = &self.article.text;
        let mut c = clause_of(self.s, text, span);
        let joins_place = |at: usize| {
            self.s
                .tokens
                .iter()
                .find(|t| t.span.start >= at)
                .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"))
                && self
                    .roles
                    .iter()
                    .find(|r| r.span.start > at)
                    .is_some_and(|r| r.place && r.span.start <= at + 8)
        };
        for _ in 0..4 {
            if c.start > self.s.span.start && joins_place(c.start) {
                let before = clause_of(self.s, text, Span::new(c.start - 1, c.start - 1));
                c = before.cover(c);
            } else if c.end < self.s.span.end && joins_place(c.end) {
                let after = clause_of(self.s, text, Span::new(c.end + 1, c.end + 1));
                c = c.cover(after);
            } else {
                break;
            }
        }
        c.intersect(self.region)
    }

    fn quantities(&self, out: &mut Vec<Frame>) {
        let s = self.s;
        // The act of the sentence's last number, per unit: "grossed $74.8 million in the
        // United States, $18.6 million elsewhere, for a worldwide total of $93.4 million".
        let mut last_act: Vec<(Sym, Sym)> = Vec::new();
        // Who and where of the sentence's last number, per unit, for a number that takes its
        // noun from it and names neither ("…10,000 people attended the rally in Keswyn;
        // police put the figure at 3,000").
        let mut last_place: Vec<(Sym, Slot, Slot)> = Vec::new();
        for (qi, q) in s.quantities.iter().enumerate() {
            let (true, Some(unit)) = (q.kind.is_measure(), q.unit.as_deref()) else {
                continue;
            };
            if q.kind == crate::claims::QuantityKind::Percent || is_part(s, q) {
                continue;
            }
            let clause = self.clause(q.span);
            let toks: Vec<&Token> = s
                .tokens
                .iter()
                .filter(|t| clause.contains(t.span))
                .collect();
            let Some(anchor) = anchor_of(&toks, q) else {
                continue;
            };
            let money = q.kind == crate::claims::QuantityKind::Money;
            let unit_sym = sym::intern(unit);
            let lent = last_act
                .iter()
                .find(|(u, _)| *u == unit_sym)
                .map(|(_, a)| *a);
            let Some((unit, act)) = measure(unit, &toks, anchor, q, money, lent) else {
                continue;
            };
            last_act.retain(|(u, _)| *u != unit_sym);
            last_act.push((unit_sym, act));
            let having = toks[..anchor]
                .iter()
                .rev()
                .take(8)
                .any(|t| HAVING.contains(&t.lower.as_str()));
            let in_clause = |r: &&Role| clause.contains(r.span) && !r.speaker;
            let before = |r: &&Role| r.span.end <= q.span.start;
            let by_after = |r: &&Role| {
                r.span.start >= q.span.end
                    && s.tokens
                        .iter()
                        .rfind(|t| t.span.end <= r.span.start)
                        .is_some_and(|t| t.lower == "by")
            };
            let agents: Vec<Named> = self
                .roles
                .iter()
                .filter(in_clause)
                .filter(|r| !r.place && !r.circumstantial && (before(r) || by_after(r)))
                .map(|r| r.named.clone())
                .collect();
            // Scope terms of the clause, each with the token it starts at.
            let mut terms: Vec<(usize, Named)> = self
                .roles
                .iter()
                .filter(in_clause)
                .filter(|r| r.place)
                .filter_map(|r| {
                    let at = toks.iter().position(|t| t.span.start >= r.span.start)?;
                    Some((at, r.named.clone()))
                })
                .collect();
            let mut refs: Vec<usize> = Vec::new();
            for i in 0..toks.len() {
                if let Some(w) = names::scope_word(&toks, i) {
                    let name = Name::Words(Box::new([sym::intern(w)]));
                    terms.push((i, Named { name, weak: false }));
                }
                let from = i > 0 && toks[i - 1].lower == "from";
                if !from && names::place_reference(&toks, i) {
                    refs.push(i);
                }
            }
            // In a list of figures ("$59 million in the United States and Canada, and $68
            // million in other territories"), a term next to a number is that number's own;
            // the others belong to every number of the clause.
            let numbers: Vec<usize> = s
                .quantities
                .iter()
                .filter(|o| o.kind.is_measure())
                .filter_map(|o| anchor_of(&toks, o))
                .collect();
            let unit_end = q
                .unit_span
                .filter(|u| u.start >= q.span.end)
                .and_then(|u| toks.iter().rposition(|t| t.span.end <= u.end))
                .unwrap_or(anchor);
            let attached_to = |at: usize| -> Option<usize> {
                numbers.iter().copied().find(|&n| {
                    let after = at > n && at - n <= 6 && at <= n.max(unit_end) + 4;
                    let before = at < n && n - at <= 3;
                    (after || before)
                        && !numbers
                            .iter()
                            .any(|&m| m != n && m > at.min(n) && m < at.max(n))
                })
            };
            // "in the United States and Canada": a term joined to an attached one is attached.
            terms.sort_by_key(|(at, _)| *at);
            let mut owner: Vec<Option<usize>> = Vec::with_capacity(terms.len());
            for (k, (at, _)) in terms.iter().enumerate() {
                let joined = k > 0
                    && *at >= 2
                    && matches!(toks[at - 1].lower.as_str(), "and" | "or")
                    && terms[k - 1].0 + 4 >= *at;
                owner.push(if joined {
                    owner[k - 1]
                } else {
                    attached_to(*at)
                });
            }
            let pick = |want: Option<usize>| -> Vec<Named> {
                terms
                    .iter()
                    .zip(&owner)
                    .filter(|(_, o)| **o == want)
                    .map(|((_, n), _)| n.clone())
                    .collect()
            };
            let own = pick(Some(anchor));
            let places = if own.is_empty() { pick(None) } else { own };
            let scope_ref = refs
                .iter()
                .any(|&at| attached_to(at).is_none_or(|n| n == anchor));
            let subject = if !agents.is_empty() {
                slot(agents)
            } else if names::subject_reference(&toks[..anchor]) {
                self.history.actor()
            } else {
                Slot::Empty
            };
            let places = if !places.is_empty() {
                slot(places)
            } else if scope_ref {
                self.history.place()
            } else {
                Slot::Empty
            };
            // "Metro Manila has 650 recoveries": the subject is whose count it is (its
            // scope), not who did it.
            let (who, scope) = match (
                having && (act == sym::intern("have") || q_is_toll(act)),
                places,
            ) {
                (true, Slot::Empty) => (Slot::Empty, subject),
                (true, Slot::Names(p)) => {
                    let mut all = p.into_vec();
                    all.extend(subject.names().iter().cloned());
                    (Slot::Empty, slot(all))
                }
                (_, places) => (subject, places),
            };
            let lent_noun = q.unit_span.is_some_and(|u| u.end <= q.span.start);
            let (who, scope) = match last_place.iter().find(|(u, _, _)| *u == unit_sym) {
                Some((_, w, p)) if lent_noun && who == Slot::Empty && scope == Slot::Empty => {
                    (w.clone(), p.clone())
                }
                _ => (who, scope),
            };
            last_place.retain(|(u, _, _)| *u != unit_sym);
            last_place.push((unit_sym, who.clone(), scope.clone()));
            let shown = match q.unit_span {
                Some(u) if u.start >= q.span.end => q.span.cover(u),
                _ => q.span,
            };
            // A unit lent by an earlier number ("killing seven people and injuring 45") is
            // named after the number.
            let words = match q.unit_span {
                Some(u) if u.end <= q.span.start => {
                    format!("{} {}", self.text(shown), self.text(u))
                }
                _ => self.text(shown).to_string(),
            };
            let claim = Claim::Quantity(QuantityClaim {
                index: qi,
                interval: q.interval,
                span: q.span,
                shown,
                words: words.into(),
                toll: q_is_toll(act) || unit == sym::intern("person"),
                running: toks.iter().any(|t| RUNNING.contains(&t.lower.as_str())),
            });
            out.push(self.frame(Topic::Measure { unit, act }, claim, who, scope, clause));
        }
    }

    fn events(&self, out: &mut Vec<Frame>) {
        let s = self.s;
        let Some(kind) = event_kind(s, self.region) else {
            return;
        };
        // "Floods killed 12 people": a toll, not someone's death.
        if kind == "death" && s.quantities.iter().any(|q| q.kind.is_measure()) {
            return;
        }
        let roles: Vec<&Role> = self
            .roles
            .iter()
            .filter(|r| !r.speaker && !r.circumstantial)
            .collect();
        let places: Vec<Named> = roles
            .iter()
            .filter(|r| r.place)
            .map(|r| r.named.clone())
            .collect();
        let people: Vec<Named> = roles
            .iter()
            .filter(|r| !r.place)
            .map(|r| r.named.clone())
            .collect();
        let region_toks: Vec<&Token> = s
            .tokens
            .iter()
            .filter(|t| self.region.contains(t.span))
            .collect();
        let who = if !people.is_empty() {
            slot(people)
        } else if names::subject_reference(&region_toks) {
            self.history.actor()
        } else {
            Slot::Empty
        };
        let scope = slot(places);
        // Dates: one event date per sentence. A release or a birth is dated by the words
        // that would otherwise mark a publication ("released in 2003").
        let once = matches!(kind, "release" | "premiere" | "birth" | "death");
        let date = if once { self.once_date() } else { self.when };
        if let Some(range) = date
            && let Some((di, d)) = s
                .dates
                .iter()
                .enumerate()
                .find(|(_, d)| d.range == Some(range))
            && (!matches!(who, Slot::Empty) || !matches!(scope, Slot::Empty))
            // "Spoke by phone again on Sunday" dates another occasion.
            && !crate::align::clauses::repeated(s, &self.article.text, d.span)
        {
            let claim = Claim::Date(DateClaim {
                index: di,
                range,
                span: d.span,
                relative: d.relative,
                words: self.text(d.span).into(),
            });
            let mut f = self.frame(Topic::Date(kind), claim, who.clone(), scope.clone(), s.span);
            f.when = Some(range);
            out.push(f);
        }
        // Stances: an event between at least two named parties.
        if who.names().len() >= 2
            && let Some(stance) = self.stance(kind)
        {
            out.push(self.frame(
                Topic::Stance(kind),
                Claim::Stance(stance),
                who,
                scope,
                s.span,
            ));
        }
    }

    /// The one date of a sentence about a one-off event, publication words allowed.
    fn once_date(&self) -> Option<DateRange> {
        let mut ranges = self.s.dates.iter().filter_map(|d| d.range);
        match (ranges.next(), ranges.next()) {
            (Some(one), None) => Some(one),
            _ => self.when,
        }
    }

    /// One voice per sentence, or `None` when the sentence holds both sides (it reports the
    /// dispute itself) or negates something it is not about.
    fn stance(&self, kind: &str) -> Option<SentenceStance> {
        let s = self.s;
        let denies: Vec<_> = cues(s).filter(|c| c.polarity == Polarity::Denies).collect();
        // "Peskov denied that Putin had discussed Ukraine during the call" takes no side on
        // the call.
        let detail = |c: &&StanceCue| {
            s.tokens.iter().enumerate().any(|(d, t)| {
                c.span.contains(t.span)
                    && DENY_VERBS.contains(&t.lower.as_str())
                    && denies_a_detail(&s.tokens, d, |e| event_of_stem(e.stem()) == Some(kind))
            })
        };
        if denies.iter().any(detail) {
            return None;
        }
        // Beside a denial, an unnamed report is what is being denied ("reports of a call").
        let affirms: Vec<_> = cues(s)
            .filter(|c| c.polarity == Polarity::Affirms)
            .filter(|c| denies.is_empty() || c.source.is_some())
            .collect();
        let negation = self.negation(kind);
        let (polarity, cue) = match (denies.as_slice(), affirms.as_slice()) {
            ([d, ..], []) => (Polarity::Denies, Some(*d)),
            // "Acme and Borealis have not reached any agreement, spokeswoman Jane Ruiz said."
            ([], [a, ..]) if negation == Some(true) => (Polarity::Denies, Some(*a)),
            ([], [a, ..]) => (Polarity::Affirms, Some(*a)),
            ([], []) => match negation {
                None => (Polarity::Affirms, None),
                Some(true) => (Polarity::Denies, None),
                Some(false) => return None,
            },
            _ => return None,
        };
        let span = cue.map_or(s.span, |c| c.span);
        let source = cue.and_then(|c| c.source.clone());
        let source_role = source
            .as_ref()
            .and_then(|src| s.mentions.iter().find(|m| &m.entity == src).map(|m| m.span));
        let source_name = source_role.and_then(|sp| {
            self.roles
                .iter()
                .find(|r| r.span == sp)
                .map(|r| r.named.name.clone())
        });
        let attribution = source_role.map_or(span, |sp| sp.cover(span));
        Some(SentenceStance {
            polarity,
            source: source_name,
            attributed: cue.is_some_and(|c| c.attributed),
            span,
            words: self.text(span).into(),
            source_words: source_role.map(|sp| self.text(sp).into()),
            attribution,
            attribution_words: self.text(attribution).into(),
        })
    }

    /// `Some(true)` when a negation in the reported content governs the event word ("have
    /// not reached any agreement", "did not meet"), `Some(false)` when it negates something
    /// else, `None` without negation.
    fn negation(&self, kind: &str) -> Option<bool> {
        let toks: Vec<&Token> = self
            .s
            .tokens
            .iter()
            .filter(|t| self.region.contains(t.span))
            .collect();
        let negators: Vec<usize> = (0..toks.len())
            .filter(|&i| is_negator(&toks[i].lower))
            .collect();
        if negators.is_empty() {
            return None;
        }
        let governs = toks.iter().enumerate().any(|(k, t)| {
            event_of_stem(t.stem()) == Some(kind)
                && negators.iter().any(|&n| {
                    n < k
                        && k - n <= 4
                        && !self
                            .article
                            .text
                            .get(toks[n].span.end..t.span.start)
                            .is_none_or(|g| g.contains(','))
                })
        });
        Some(governs)
    }
}

fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "never"
            | "no"
            | "nor"
            | "didn't"
            | "hasn't"
            | "haven't"
            | "hadn't"
            | "wasn't"
            | "weren't"
            | "isn't"
            | "aren't"
            | "won't"
            | "wouldn't"
    )
}

trait Intersect {
    fn intersect(self, other: Span) -> Span;
}

impl Intersect for Span {
    fn intersect(self, other: Span) -> Span {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end).max(start);
        Span::new(start, end)
    }
}

fn q_is_toll(act: Sym) -> bool {
    TOLL_ACTS.iter().any(|a| sym::intern(a) == act)
}

/// The token of the number itself within the clause: its first digit or number word (past
/// the hedge: "less than $ 90 million" is at "90").
fn anchor_of(toks: &[&Token], q: &Quantity) -> Option<usize> {
    let inside: Vec<usize> = (0..toks.len())
        .filter(|&i| q.span.contains(toks[i].span))
        .collect();
    inside
        .iter()
        .copied()
        .find(|&i| {
            let w = toks[i].lower.as_str();
            w.chars().next().is_some_and(|c| c.is_ascii_digit()) || is_number_word(w)
        })
        .or_else(|| inside.last().copied())
}

/// The normalised unit and the act of a count: the unit's own act ("deaths"), else the act
/// word nearest the number in its clause, else the nearest verb, else a verb of having.
fn measure(
    unit: &str,
    toks: &[&Token],
    anchor: usize,
    q: &Quantity,
    money: bool,
    lent: Option<Sym>,
) -> Option<(Sym, Sym)> {
    if let Some((_, act)) = ACT_UNITS.iter().find(|(u, _)| *u == unit) {
        return Some((sym::intern("person"), sym::intern(act)));
    }
    let unit = if PEOPLE.contains(&unit) {
        "person"
    } else {
        unit
    };
    let in_unit = |t: &Token| q.unit_span.is_some_and(|u| u.contains(t.span)) || t.cap;
    // "33 were hurt": a number followed by an auxiliary is the subject of the verb after it,
    // which wins a tie with a verb before ("six died and 33 were hurt").
    let passive = toks
        .iter()
        .skip(anchor + 1)
        .find(|t| !in_unit(t) && !is_number_word(&t.lower))
        .is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "were" | "was" | "are" | "is" | "had" | "have" | "has" | "been"
            )
        });
    let by_distance = |limit: usize| {
        let mut order: Vec<usize> = (0..toks.len())
            .filter(|&i| i != anchor && i.abs_diff(anchor) <= limit)
            .collect();
        order.sort_by_key(|&i| (i.abs_diff(anchor), (i > anchor) != passive));
        order
    };
    let act = by_distance(6)
        .into_iter()
        .filter(|&i| !in_unit(toks[i]))
        .find_map(|i| act_of(&stem(&toks[i].lower)))
        .map(str::to_string)
        .or_else(|| {
            by_distance(4)
                .into_iter()
                .filter(|&i| !in_unit(toks[i]))
                .find(|&i| verb_like(&toks[i].lower))
                .map(|i| stem(&toks[i].lower))
        })
        .or_else(|| {
            // The number opens its clause as the subject and a phrase stands between it and
            // its verb: "More than 100 firefighters from across the region fought the blaze".
            let opens_phrase = toks
                .iter()
                .skip(anchor + 1)
                .find(|t| !in_unit(t))
                .is_some_and(|t| SUBJECT_PHRASE.contains(&t.lower.as_str()));
            if !opens_phrase {
                return None;
            }
            toks.iter()
                .skip(anchor + 1)
                .take(8)
                .filter(|t| !in_unit(t))
                .find(|t| verb_like(&t.lower))
                .map(|t| t.stem().to_string())
        })
        .map(|verb| {
            // A film that "made" or "took" a sum earned it.
            if money && matches!(verb.as_str(), "mad" | "take") {
                "earn".to_string()
            } else {
                verb
            }
        })
        .map(|a| sym::intern(&a))
        .or(lent)
        .or_else(|| {
            toks[..anchor]
                .iter()
                .rev()
                .take(8)
                .any(|t| HAVING.contains(&t.lower.as_str()))
                .then(|| sym::intern("have"))
        })?;
    Some((sym::intern(unit), act))
}

/// Words that open a phrase qualifying a number's unit before its verb ("100 firefighters
/// from across the region fought").
const SUBJECT_PHRASE: &[&str] = &["from", "of", "in", "at", "across", "with"];

/// Whether a word looks like a verb in the past or the present participle.
fn verb_like(w: &str) -> bool {
    if NOT_VERBS.contains(&w) || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    IRREGULAR_PAST.contains(&w)
        || (w.len() > 4 && w.ends_with("ed"))
        || (w.len() > 5 && w.ends_with("ing"))
}

/// Numbers marked as part of a larger whole: "12 of them", "of which 9", "three each",
/// "including 38 members".
fn is_part(s: &Sentence, q: &Quantity) -> bool {
    let after: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= q.span.end)
        .take(2)
        .map(|t| t.lower.as_str())
        .collect();
    let unit_end = q
        .unit_span
        .filter(|u| u.start >= q.span.end)
        .map_or(q.span.end, |u| u.end);
    let after_unit = s
        .tokens
        .iter()
        .find(|t| t.span.start >= unit_end)
        .map(|t| t.lower.as_str());
    let before: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.end <= q.span.start)
        .rev()
        .take(2)
        .map(|t| t.lower.as_str())
        .collect();
    matches!(
        after.as_slice(),
        ["of", "them" | "those" | "these" | "which" | "its" | "their"]
    ) || matches!(after_unit, Some("each" | "apiece" | "alone"))
        || matches!(
            before.as_slice(),
            ["including" | "among", ..] | ["which", "of"] | ["them", "among"]
        )
}

/// The event kind of the sentence's reported content, when exactly one kind is named.
/// "calling the report untrue" calls nothing.
fn event_kind(s: &Sentence, region: Span) -> Option<&'static str> {
    let toks: Vec<&Token> = s
        .tokens
        .iter()
        .filter(|t| region.contains(t.span))
        .collect();
    let mut kinds: Vec<&'static str> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if matches!(t.lower.as_str(), "calling" | "called" | "calls")
            && toks.get(i + 1).is_some_and(|n| {
                matches!(
                    n.lower.as_str(),
                    "the" | "it" | "this" | "that" | "them" | "these" | "those" | "such" | "a"
                )
            })
        {
            continue;
        }
        // "held talks" is a meeting; "talked" and "spoke" are calls.
        let kind = if t.lower == "talks" {
            Some("meeting")
        } else {
            event_of_stem(t.stem())
        };
        if let Some(k) = kind
            && !kinds.contains(&k)
        {
            kinds.push(k);
        }
    }
    // Deaths beside another event are its toll ("derailed …, killing seven people").
    if kinds.len() > 1 {
        kinds.retain(|k| *k != "death");
    }
    match kinds.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// A 64-bit signature of the content words within `span`: one bit per word stem.
fn signature(s: &Sentence, span: Span) -> u64 {
    s.tokens
        .iter()
        .filter(|t| span.contains(t.span) && !t.cap && !t.stop)
        .filter(|t| t.lower.chars().all(char::is_alphabetic))
        .fold(0u64, |acc, t| {
            let h = t.stem().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            acc | (1u64 << (h % 64))
        })
}

/// The sentence's stance cues, without capitalised words inside it that are part of a name
/// ("the United States" states nothing).
pub fn cues(s: &Sentence) -> impl Iterator<Item = &StanceCue> {
    let first = s.tokens.first().map(|t| t.span.start);
    s.stances.iter().filter(move |c| {
        Some(c.span.start) == first
            || !s
                .tokens
                .iter()
                .find(|t| t.span.start >= c.span.start)
                .is_some_and(|t| t.cap && t.lower != "according")
    })
}

/// Words that open reported content after a cue.
const COMPLEMENTIZERS: &[&str] = &["that", "whether", "if"];

/// The reported content of a sentence: without its attribution ("…, the Post reported";
/// "According to the Post, …"), and after "that" when a cue opens it ("Peskov denied that …").
pub fn content_region(s: &Sentence, text: &str) -> Span {
    let toks = &s.tokens;
    let mut region = s.span;
    for cue in cues(s).filter(|c| c.attributed) {
        // The cue's first word: a denial phrase merged into the cue must not hide what follows.
        let first = toks.iter().position(|t| t.span.start >= cue.span.start);
        let skip = match first {
            Some(i) if toks[i].lower == "according" => i + 2,
            Some(i) => i + 1,
            None => toks.len(),
        };
        let after: Vec<_> = toks.iter().skip(skip).collect();
        if let Some(c) = after
            .iter()
            .take(3)
            .find(|t| COMPLEMENTIZERS.contains(&t.lower.as_str()))
        {
            region = Span::new(region.start.max(c.span.end), region.end);
        } else if after.len() <= 4 || after.first().is_some_and(|t| t.lower == "in") {
            // Trailing attribution ("…, the Post reported", "…, according to aides"): the
            // speaker stands after the last comma before the cue.
            let from = region.start.min(cue.span.start);
            if let Some(comma) = text.get(from..cue.span.start).and_then(|t| t.rfind(',')) {
                region = Span::new(region.start, region.end.min(from + comma));
            }
        } else if toks.first().is_some_and(|t| t.lower == "according") {
            // "According to the Post, …": the speaker ends at the first comma after the cue.
            if let Some(comma) = text.get(cue.span.end..region.end).and_then(|t| t.find(',')) {
                region = Span::new(region.start.max(cue.span.end + comma), region.end);
            }
        }
    }
    region
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, ArticleMeta};
    use crate::extract::{self, entities::EntityMatcher};

    fn keys(text: &str) -> Vec<String> {
        let article = Article::plain(
            ArticleId(0),
            "a.txt",
            text.to_string(),
            ArticleMeta {
                published: Some(jiff::civil::date(2025, 5, 20)),
                ..ArticleMeta::default()
            },
        );
        let claims = extract::extract(&article, &EntityMatcher::new(None));
        let event_date = |s: &Sentence| crate::checks::event_date(&article.text, s);
        frames(&article, &claims, &event_date, &|_, _| false)
            .iter()
            .map(Frame::key)
            .collect()
    }

    #[test]
    fn each_number_takes_its_own_act_and_the_clause_scope() {
        assert_eq!(
            keys("A train derailed near Lodz on Monday, killing seven people and injuring 45."),
            [
                "q||person|kill|lodz",
                "q||person|injure|lodz",
                "d||derailment|lodz"
            ]
        );
    }

    #[test]
    fn a_phrase_between_a_number_and_its_verb_is_passed_over() {
        assert_eq!(
            keys("More than 100 firefighters from across the region fought the blaze."),
            keys("About 40 firefighters fought the blaze."),
        );
        assert_eq!(
            keys("About 40 firefighters fought the blaze."),
            ["q||firefighter|fight|"]
        );
    }

    #[test]
    fn there_takes_the_place_of_the_sentence_before() {
        assert_eq!(
            keys("Marn was worst hit. Floods killed four people there on Wednesday."),
            ["q|(flods)|person|kill|marn"]
        );
    }

    #[test]
    fn a_source_after_its_cue_mid_clause_does_not_break_anything() {
        // The cue's source stands before the cue's end here: no slicing backwards.
        keys(
            "The Kremlin on Monday dismissed a report that Vladimir Putin and Donald Trump had \
             spoken by phone since the U.S. election, calling it fiction.",
        );
        keys("Officials said Fenfalos group had recalled 33,801 vehicles in Mardelford.");
    }
}
