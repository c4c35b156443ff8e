//! Pairs frames of different articles that claim something about the same thing.
//!
//! **Candidates** come from an index, never from all pairs. Frames are first blocked on their
//! topic (the measure, or the event kind). Within a topic, every frame is listed under each
//! word of its names (actors, participants, places, other names), or under "no names" when it
//! has none; each list is sorted by the frame's day (its event date, else its publication
//! date). A frame's candidates are the frames in its own lists within [`NEWS_CYCLE_DAYS`] of
//! its day (dates of one-off events such as a birth are not windowed), at most
//! [`MAX_PER_LIST`] per list, nearest in time first. So the cost is at most
//! frames × name words × [`MAX_PER_LIST`], however many articles share a topic.
//!
//! **Scoring.** A candidate pair must be compatible: the same actors when both name any (by
//! entity, or by name words: "Weber" matches "Anna Weber"), the same scope (a regional
//! figure is not compared with a national one), agreeing times (overlapping event dates, or
//! publication dates within a week), and for events enough shared participants (two, or one
//! for a birth or a release, or the place for a derailment). Compatible pairs are scored
//! `0.4 names + 0.2 scope + 0.2 time + 0.2 shared words` (each 0..1) and kept at or above
//! [`THRESHOLD`]. For each frame and each other article, the best candidate is paired, unless
//! another candidate of that article scores within [`MARGIN`] of it with a different value:
//! then it abstains.

use super::{Claim, Frame, NEWS_CYCLE_DAYS, Name, Named, Slot, Topic, sym::Sym};
use crate::align::frames::{Identity, identity};
use crate::checks::{OCCASION_DAYS, days_apart};
use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Least score for two frames to be paired.
pub const THRESHOLD: f64 = 0.4;
/// Two candidates closer than this are equally good.
pub const MARGIN: f64 = 0.05;
/// Most candidates taken from one index list for one frame.
pub const MAX_PER_LIST: usize = 64;

/// A pair of frames from different articles that claim something about the same thing.
#[derive(Clone, Copy, Debug)]
pub struct Pair<'a> {
    pub a: &'a Frame,
    pub b: &'a Frame,
    /// The frames' places in the run's frames, for [`Pairs::partners`].
    pub ia: usize,
    pub ib: usize,
    /// Found from `b`'s side: its score is `b`'s fit with `a`.
    reversed: bool,
}

impl Pair<'_> {
    /// How well the two frames fit, as [`score`] gave it when the pair was found. Worked out
    /// again when asked (only for a finding), so a stored pair needs no room for it.
    pub fn score(&self) -> f64 {
        let (x, y) = if self.reversed {
            (self.b, self.a)
        } else {
            (self.a, self.b)
        };
        // A kept pair scored at or above the threshold when it was found.
        score(x, y).unwrap_or(THRESHOLD)
    }
}

/// The top bit of a stored pair's second index: the pair was found from that frame's side.
const REVERSED: u32 = 1 << 31;

/// Every pair of a run, compact: a large run pairs each frame with tens of others (13 million
/// pairs of 362,000 frames on the 100k generated corpus), so a pair is kept as two indices (8
/// bytes; its score is worked out again for the few that become findings), each topic's pairs
/// stay in their own sorted list (one list for all would need room for two copies while it is
/// filled), and each frame's partners are found through its topic's list and an index by
/// second frame instead of a map of lists.
pub struct Pairs<'a> {
    frames: &'a [Frame],
    /// Per topic: (a, b), `a < b`, sorted; `b` with [`REVERSED`] set when the pair was found
    /// from `b`'s side. Frames are counted in `u32` less that bit: two billion a run.
    groups: Vec<Vec<(u32, u32)>>,
    /// Per frame, the group its pairs are in.
    group_of: Vec<u32>,
    /// Per frame, where its entries in `as_b` start (one more entry than frames).
    b_start: Vec<u32>,
    /// The `a` of every pair, grouped by `b`.
    as_b: Vec<u32>,
}

impl<'a> Pairs<'a> {
    fn new(frames: &'a [Frame], groups: Vec<Vec<(u32, u32)>>) -> Self {
        let mut group_of = vec![u32::MAX; frames.len()];
        let mut b_start = vec![0u32; frames.len() + 1];
        for (g, list) in groups.iter().enumerate() {
            for &(a, b) in list {
                let b = b & !REVERSED;
                group_of[a as usize] = g as u32;
                group_of[b as usize] = g as u32;
                b_start[b as usize + 1] += 1;
            }
        }
        for i in 1..b_start.len() {
            b_start[i] += b_start[i - 1];
        }
        let mut fill = b_start.clone();
        let mut as_b = vec![0u32; b_start.last().map_or(0, |&n| n as usize)];
        for &(a, b) in groups.iter().flatten() {
            let b = b & !REVERSED;
            as_b[fill[b as usize] as usize] = a;
            fill[b as usize] += 1;
        }
        Self {
            frames,
            groups,
            group_of,
            b_start,
            as_b,
        }
    }

    pub fn len(&self) -> usize {
        self.as_b.len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_b.is_empty()
    }

    /// The frame at `i` of the run's frames.
    pub fn frame(&self, i: usize) -> Option<&'a Frame> {
        self.frames.get(i)
    }

    /// The pairs, sorted by their frames' places (the topics' lists merged through a heap):
    /// the order [`Pairs::select`] keeps, which the tests hold it to.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = Pair<'a>> + '_ {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let mut heads: BinaryHeap<Reverse<(u32, u32, usize, usize)>> = self
            .groups
            .iter()
            .enumerate()
            .filter_map(|(g, l)| l.first().map(|&(a, b)| Reverse((a, b & !REVERSED, g, 0))))
            .collect();
        std::iter::from_fn(move || {
            let Reverse((a, _, g, k)) = heads.pop()?;
            let list = &self.groups[g];
            if let Some(&(na, nb)) = list.get(k + 1) {
                heads.push(Reverse((na, nb & !REVERSED, g, k + 1)));
            }
            Some(self.pair(a, list[k].1))
        })
    }

    /// The pairs `keep` picks, sorted by their frames' places. The checks look at every pair
    /// and keep a few (14 million pairs, 34 thousand findings on the bench's 100k articles),
    /// so the lists are read in parallel, in chunks, and only what is kept is put in order.
    pub fn select(&self, keep: impl Fn(&Pair<'a>) -> bool + Sync) -> Vec<Pair<'a>> {
        self.select_in_chunks(keep, 1 << 14)
    }

    fn select_in_chunks(
        &self,
        keep: impl Fn(&Pair<'a>) -> bool + Sync,
        chunk: usize,
    ) -> Vec<Pair<'a>> {
        let chunks: Vec<&[(u32, u32)]> = self.groups.iter().flat_map(|l| l.chunks(chunk)).collect();
        let mut kept: Vec<Pair<'a>> = chunks
            .par_iter()
            .flat_map_iter(|chunk| {
                chunk
                    .iter()
                    .map(|&(a, b)| self.pair(a, b))
                    .filter(|p| keep(p))
            })
            .collect();
        // A pair is in one list only, so its frames' places order it alone.
        kept.sort_unstable_by_key(|p| (p.ia, p.ib));
        kept
    }

    /// A stored pair, its frames looked up.
    fn pair(&self, a: u32, b: u32) -> Pair<'a> {
        let reversed = b & REVERSED != 0;
        let b = b & !REVERSED;
        Pair {
            a: &self.frames[a as usize],
            b: &self.frames[b as usize],
            ia: a as usize,
            ib: b as usize,
            reversed,
        }
    }

    /// The frames paired with the frame at `i`.
    pub fn partners(&self, i: usize) -> impl Iterator<Item = &'a Frame> + '_ {
        let list: &[(u32, u32)] = match self.group_of.get(i) {
            Some(&g) if g != u32::MAX => &self.groups[g as usize],
            _ => &[],
        };
        let lo = list.partition_point(|&(a, _)| (a as usize) < i);
        let hi = list.partition_point(|&(a, _)| a as usize <= i);
        let as_a = list[lo..hi].iter().map(|&(_, b)| b & !REVERSED);
        let (from, to) = match (self.b_start.get(i), self.b_start.get(i + 1)) {
            (Some(&f), Some(&t)) => (f as usize, t as usize),
            _ => (0, 0),
        };
        let as_b = self.as_b[from..to].iter().copied();
        as_a.chain(as_b).map(|j| &self.frames[j as usize])
    }
}

/// What an index list is keyed by, within one topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    Word(Sym),
    Entity(u32),
    /// Frames without names to match (and without a place).
    Nameless,
    /// Frames with actors, for a frame whose subject refers back to nothing ("It grossed").
    AnyNamed,
    /// Frames with a place, for a frame whose place refers back to nothing ("in the region").
    AnyPlaced,
}

fn name_keys(slot: &Slot, out: &mut Vec<Key>) {
    for n in slot.names() {
        match &n.name {
            Name::Known(id) => out.push(Key::Entity(id.0)),
            Name::Words(w) => out.extend(w.iter().map(|s| Key::Word(*s))),
        }
    }
}

/// The lists a frame is filed under.
fn keys(f: &Frame) -> Vec<Key> {
    let mut out = Vec::new();
    name_keys(&f.who, &mut out);
    name_keys(&f.scope, &mut out);
    out.extend(f.context.iter().map(|s| Key::Word(*s)));
    if !f.who.has_strong() && matches!(f.scope, Slot::Empty) {
        out.push(Key::Nameless);
    }
    if !f.who.names().is_empty() {
        out.push(Key::AnyNamed);
    }
    if !f.scope.names().is_empty() {
        out.push(Key::AnyPlaced);
    }
    let mut unique = Vec::with_capacity(out.len());
    for k in out {
        if !unique.contains(&k) {
            unique.push(k);
        }
    }
    unique
}

/// The lists a frame looks in for candidates.
fn probes(f: &Frame) -> Vec<Key> {
    let mut out: Vec<Key> = keys(f)
        .into_iter()
        .filter(|k| !matches!(k, Key::AnyNamed | Key::AnyPlaced))
        .collect();
    if f.who == Slot::Unresolved {
        out.push(Key::AnyNamed);
    }
    if f.scope == Slot::Unresolved {
        out.push(Key::AnyPlaced);
    }
    out
}

/// Whether dates of this topic say which occasion it is (a meeting this week, a toll this
/// week) or not (a birth, a film's release: one in a lifetime).
fn timed(topic: Topic) -> bool {
    match topic {
        Topic::Date(kind) => identity(kind) != Identity::OncePerParticipant,
        _ => true,
    }
}

fn day_number(d: Date) -> i64 {
    jiff::civil::date(1970, 1, 1)
        .until((jiff::Unit::Day, d))
        .map_or(0, |s| i64::from(s.get_days()))
}

/// The day a frame is filed at: its event's date, else its publication date.
fn day(f: &Frame) -> Option<i64> {
    if !timed(f.topic) {
        return None;
    }
    let event = match f.claim {
        Claim::Date(_) => None,
        _ => f.when.map(|w| w.start),
    };
    event.or(f.published).map(day_number)
}

/// One index list: dated frames sorted by day, then the undated ones.
#[derive(Default)]
struct List {
    dated: Vec<(i64, usize)>,
    undated: Vec<usize>,
}

impl List {
    /// Up to [`MAX_PER_LIST`] frames within a week of `day`, nearest first (all undated
    /// frames count as near).
    fn near(&self, day: Option<i64>, out: &mut Vec<usize>) {
        let before = out.len();
        match day {
            Some(d) => {
                let lo = self
                    .dated
                    .partition_point(|&(x, _)| x < d - NEWS_CYCLE_DAYS);
                let hi = self
                    .dated
                    .partition_point(|&(x, _)| x <= d + NEWS_CYCLE_DAYS);
                let mid = self.dated.partition_point(|&(x, _)| x < d);
                let (mut l, mut r) = (mid, mid);
                while out.len() - before < MAX_PER_LIST && (l > lo || r < hi) {
                    let take_right =
                        r < hi && (l == lo || (self.dated[r].0 - d) <= (d - self.dated[l - 1].0));
                    if take_right {
                        out.push(self.dated[r].1);
                        r += 1;
                    } else {
                        l -= 1;
                        out.push(self.dated[l].1);
                    }
                }
            }
            None => out.extend(self.dated.iter().map(|(_, i)| *i).take(MAX_PER_LIST)),
        }
        let room = (before + 2 * MAX_PER_LIST).saturating_sub(out.len());
        out.extend(self.undated.iter().take(room.min(MAX_PER_LIST)));
    }
}

/// Pairs of frames from different articles that claim something about the same thing. Each
/// pair appears once, `a` before `b` in `frames`, sorted.
pub fn pairs(frames: &[Frame]) -> Pairs<'_> {
    let mut groups: HashMap<Topic, Vec<usize>> = HashMap::default();
    for (i, f) in frames.iter().enumerate() {
        groups.entry(f.topic).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|g| g[0]);
    // A pair is found within its topic's group only, so each group's pairs are sorted on
    // their own.
    let found: Vec<Vec<(u32, u32)>> = groups
        .par_iter()
        .map(|g| {
            // Each pair once (`pair_group` keeps a pair found from both its frames once), so
            // an unstable sort, which needs no room of its own, gives the one order.
            let mut found = pair_group(frames, g, SCORED_AT_ONCE);
            found.sort_unstable_by_key(|&(a, b)| (a, b & !REVERSED));
            found
        })
        .collect();
    Pairs::new(frames, found)
}

fn pair_group(frames: &[Frame], group: &[usize], block: usize) -> Vec<(u32, u32)> {
    // One article alone has nothing to be compared with.
    let first = group.first().map(|&i| frames[i].article);
    if group.iter().all(|&i| Some(frames[i].article) == first) {
        return Vec::new();
    }
    // Frames are named by their place in the group from here on, which follows their place
    // in the run, so every order below is the same.
    let local: Vec<&Frame> = group.iter().map(|&i| &frames[i]).collect();
    let mut lists: HashMap<Key, List> = HashMap::default();
    for (p, f) in local.iter().enumerate() {
        let d = day(f);
        for k in keys(f) {
            let list = lists.entry(k).or_default();
            match d {
                Some(d) => list.dated.push((d, p)),
                None => list.undated.push(p),
            }
        }
    }
    for list in lists.values_mut() {
        list.dated.sort_unstable();
    }
    let mut out = Chunked::default();
    // Where each frame's own finds start in `out` (by place in the group), so a pair found
    // again from its second frame is not kept twice.
    let mut own: Vec<usize> = Vec::with_capacity(group.len() + 1);
    let mut torn: Vec<(usize, crate::article::ArticleId)> = Vec::new();
    // One topic may hold most frames of a run, so its frames are scored on all threads, a
    // block at a time (a frame's finds depend on the lists alone), and their finds are kept
    // in the group's order, as one thread finding them in turn would.
    for start in (0..group.len()).step_by(block) {
        let finds: Vec<Vec<Find>> = (start..group.len().min(start + block))
            .into_par_iter()
            .with_min_len(64)
            .map_init(Vec::new, |cands, p| finds_of(&local, &lists, p, cands))
            .collect();
        for (p, finds) in (start..).zip(finds) {
            let i = group[p];
            own.push(out.len);
            for find in finds {
                match find {
                    Find::Best(c) if c > p => out.push((i as u32, group[c] as u32)),
                    Find::Best(c) => {
                        // Found from `c` already (the first find is kept, as it comes first)?
                        let end = own.get(c + 1).copied().unwrap_or(out.len);
                        let found = (own[c]..end).any(|q| (out.get(q).1 & !REVERSED) as usize == i);
                        if !found {
                            out.push((group[c] as u32, i as u32 | REVERSED));
                        }
                    }
                    Find::Torn(article) => torn.push((i, article)),
                }
            }
        }
    }
    // Abstaining holds both ways: a frame torn between two of an article's claims is not
    // paired with either, even when that article's claim has no doubt about it.
    torn.sort_unstable();
    out.into_vec(|&(a, b)| {
        let (a, b) = (a as usize, (b & !REVERSED) as usize);
        torn.binary_search(&(a, frames[b].article)).is_err()
            && torn.binary_search(&(b, frames[a].article)).is_err()
    })
}

/// Frames of one topic scored on all threads at once before their finds are kept.
const SCORED_AT_ONCE: usize = 4096;

/// What a frame finds in one other article: the best candidate, or none because two fit
/// about equally well with different values.
enum Find {
    Best(usize),
    Torn(crate::article::ArticleId),
}

/// The finds of the frame at `p` of a group, one per other article with a candidate, in the
/// order of the articles; frames are named by their place in the group.
fn finds_of(
    frames: &[&Frame],
    lists: &HashMap<Key, List>,
    p: usize,
    cands: &mut Vec<usize>,
) -> Vec<Find> {
    let f = frames[p];
    cands.clear();
    for k in probes(f) {
        if let Some(list) = lists.get(&k) {
            list.near(day(f), cands);
        }
    }
    cands.sort_unstable();
    cands.dedup();
    let mut scored: Vec<(usize, f64)> = cands
        .iter()
        .filter(|&&c| frames[c].article != f.article)
        .filter_map(|&c| score(f, frames[c]).map(|s| (c, s)))
        .collect();
    scored.sort_by_key(|&(c, _)| (frames[c].article, c));
    scored
        .chunk_by(|x, y| frames[x.0].article == frames[y.0].article)
        .map(|same| match best_of(frames, same) {
            Some((c, _)) => Find::Best(c),
            None => Find::Torn(frames[same[0].0].article),
        })
        .collect()
}

/// A group's pairs as they are found, in fixed-size chunks: one topic may hold most of a
/// run's pairs (13 million of 13.4 on the 100k generated corpus), and a vector growing by
/// doubling would hold its old and new buffers at once, half again the pairs' size.
#[derive(Default)]
struct Chunked {
    chunks: Vec<Vec<(u32, u32)>>,
    len: usize,
}

impl Chunked {
    const CHUNK: usize = 1 << 16;

    fn push(&mut self, x: (u32, u32)) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < Self::CHUNK => c.push(x),
            _ => {
                let mut c = Vec::with_capacity(Self::CHUNK);
                c.push(x);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    fn get(&self, i: usize) -> (u32, u32) {
        self.chunks[i / Self::CHUNK][i % Self::CHUNK]
    }

    /// The pairs `keep` keeps, in one vector of their exact size.
    fn into_vec(self, keep: impl Fn(&(u32, u32)) -> bool) -> Vec<(u32, u32)> {
        let kept = self.chunks.iter().flatten().filter(|x| keep(x)).count();
        let mut out = Vec::with_capacity(kept);
        for c in self.chunks {
            out.extend(c.into_iter().filter(|x| keep(x)));
        }
        out
    }
}

/// The best candidate of one article, or `None` when another one fits about as well with a
/// different value, or stands in the same sentence with a different value (the article gives
/// two figures: "organisers said 10,000 attended; police put the figure at 3,000").
fn best_of(frames: &[&Frame], cands: &[(usize, f64)]) -> Option<(usize, f64)> {
    let &(best, top) = cands
        .iter()
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))?;
    let torn = cands.iter().any(|&(c, s)| {
        c != best
            && (s >= top - MARGIN || frames[c].sentence == frames[best].sentence)
            && !same_value(&frames[best].claim, &frames[c].claim)
    });
    (!torn).then_some((best, top))
}

/// Whether two claims say the same (overlapping values or dates, the same stance).
pub fn same_value(a: &Claim, b: &Claim) -> bool {
    match (a, b) {
        (Claim::Quantity(x), Claim::Quantity(y)) => x.interval.overlaps(&y.interval),
        (Claim::Date(x), Claim::Date(y)) => x.range.overlaps(&y.range),
        (Claim::Stance(x), Claim::Stance(y)) => x.polarity == y.polarity,
        _ => false,
    }
}

/// How well two frames fit, 0..1, or `None` when they cannot be about the same thing.
pub fn score(a: &Frame, b: &Frame) -> Option<f64> {
    if a.topic != b.topic {
        return None;
    }
    let time = time_fit(a, b)?;
    let (who, matched) = who_fit(a, b)?;
    let scope = scope_fit(a, b)?;
    if let Topic::Date(kind) | Topic::Stance(kind) = a.topic {
        let placed = scope >= 1.0;
        let wild = matches!(a.who, Slot::Unresolved) || matches!(b.who, Slot::Unresolved);
        let enough = match identity(kind) {
            Identity::OncePerParticipant => matched >= 1 || wild,
            Identity::AtPlace => placed || matched >= 2,
            Identity::BetweenParties => matched >= 2 || (matched >= 1 && placed),
        };
        let stance_parties = !matches!(a.topic, Topic::Stance(_)) || matched >= 2;
        if !(enough && stance_parties) {
            return None;
        }
    }
    let shared = f64::from((a.signature & b.signature).count_ones());
    let all = f64::from((a.signature | b.signature).count_ones());
    let words = if all > 0.0 { shared / all } else { 0.0 };
    let s = 0.4 * who + 0.2 * scope + 0.2 * time + 0.2 * words;
    (s >= THRESHOLD).then_some(s)
}

/// Time agreement: 1 for overlapping event dates, 0.75 for the same publication day, 0.5
/// within a week, 0.25 when unknown; `None` when the times disagree.
fn time_fit(a: &Frame, b: &Frame) -> Option<f64> {
    if !timed(a.topic) {
        return Some(0.5);
    }
    let dates = matches!(a.claim, Claim::Date(_));
    if let (Claim::Date(x), Claim::Date(y)) = (&a.claim, &b.claim)
        && days_apart(&x.range, &y.range) > OCCASION_DAYS
    {
        return None;
    }
    if !dates && let (Some(x), Some(y)) = (a.when, b.when) {
        return x.overlaps(&y).then_some(1.0);
    }
    match (a.published, b.published) {
        (Some(x), Some(y)) => {
            let gap = (day_number(x) - day_number(y)).abs();
            match gap {
                0 => Some(0.75),
                g if g <= NEWS_CYCLE_DAYS => Some(0.5),
                _ => None,
            }
        }
        _ => Some(0.25),
    }
}

/// How well two slots of names agree: (similarity 0..1, names matched), or `None` when a name
/// that must be matched is not. `strict` requires every strong name of each side to be
/// matched (the actors of a number); otherwise unmatched names only lower the score (the
/// participants of an event, where one article names more people).
fn names_fit(x: &Slot, y: &Slot, strict: bool) -> Option<(f64, usize)> {
    match (x, y) {
        (Slot::Unresolved, Slot::Unresolved) => None,
        (Slot::Unresolved, other) | (other, Slot::Unresolved) => {
            (!other.names().is_empty()).then_some((0.5, 0))
        }
        _ => {
            // Counted in place: this runs for every candidate pair, and lists of the strong
            // and weak names were eight allocations a pair.
            let (xn, yn) = (x.names(), y.names());
            let strong = |ns: &[Named]| ns.iter().filter(|n| !n.weak).count();
            let hits = |mine: &[Named], weak: bool, theirs: &[Named], only_strong: bool| {
                mine.iter()
                    .filter(|n| n.weak == weak)
                    .filter(|n| {
                        theirs
                            .iter()
                            .any(|o| !(only_strong && o.weak) && n.name.matches(&o.name))
                    })
                    .count()
            };
            let (xs, ys) = (strong(xn), strong(yn));
            let xs_hit = hits(xn, false, yn, false);
            let ys_hit = hits(yn, false, xn, false);
            // A weak name counts when the other side has it, weak or not.
            let xw_hit = hits(xn, true, yn, false);
            if strict && (xs_hit < xs || ys_hit < ys) {
                return None;
            }
            let x_eff = xs + xw_hit;
            let y_eff = ys + hits(yn, true, xn, false);
            // Weak names matching each other ("Floods" and "Floods") add to the identity of
            // an event only beside a strong match.
            let strong_hits = xs_hit + hits(xn, true, yn, true);
            let scored = xs_hit + xw_hit;
            let matched = if strong_hits > 0 { scored } else { 0 };
            // The share of names matched, on the side with more names and on the side with
            // fewer, averaged: one article naming more people lowers the score, not to zero.
            match (x_eff.min(y_eff), x_eff.max(y_eff)) {
                (_, 0) => Some((0.5, 0)),
                (least, most) => {
                    let m = scored.min(most) as f64;
                    Some((
                        (m / least.max(1) as f64).min(1.0) / 2.0 + m / most as f64 / 2.0,
                        matched,
                    ))
                }
            }
        }
    }
}

fn who_fit(a: &Frame, b: &Frame) -> Option<(f64, usize)> {
    let strict = matches!(a.topic, Topic::Measure { .. });
    names_fit(&a.who, &b.who, strict)
}

/// Scope agreement: 1 for the same place, 0.5 when neither has one (or one refers back to
/// nothing); `None` for different places, or a place against none for a number (a regional
/// figure is not the national one).
fn scope_fit(a: &Frame, b: &Frame) -> Option<f64> {
    let number = matches!(a.topic, Topic::Measure { .. });
    match (&a.scope, &b.scope) {
        (Slot::Empty, Slot::Empty) => Some(0.5),
        (Slot::Empty, _) | (_, Slot::Empty) if !number => Some(0.5),
        (Slot::Empty, _) | (_, Slot::Empty) => None,
        _ => {
            let (s, matched) = names_fit(&a.scope, &b.scope, number)?;
            if matched == 0 && s < 0.5 {
                return None;
            }
            Some(if matched > 0 { 1.0 } else { s })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::cross::{Named, QuantityClaim, sym};
    use crate::article::ArticleId;
    use crate::span::Span;
    use crate::values::NumInterval;

    fn name(words: &str, weak: bool) -> Named {
        Named {
            name: Name::Words(sym::intern_all(words.split(' ')).into_boxed_slice()),
            weak,
        }
    }

    fn count(article: u32, v: f64, who: Slot, scope: Slot) -> Frame {
        Frame {
            article: ArticleId(article),
            sentence: 0,
            sentence_span: Span::default(),
            published: Some(jiff::civil::date(2025, 3, 14)),
            when: None,
            topic: Topic::Measure {
                unit: sym::intern("person"),
                act: sym::intern("kill"),
            },
            claim: Claim::Quantity(QuantityClaim {
                index: 0,
                interval: NumInterval::exact(v),
                span: Span::default(),
                shown: Span::default(),
                words: "".into(),
                toll: true,
                running: false,
            }),
            who,
            scope,
            context: Box::new([]),
            signature: 0,
        }
    }

    fn names(n: &[Named]) -> Slot {
        Slot::Names(n.to_vec().into_boxed_slice())
    }

    #[test]
    fn surnames_and_full_names_match_other_names_do_not() {
        let kessa = names(&[name("kesa", false)]);
        let a = count(0, 12.0, names(&[name("ana veber", false)]), kessa.clone());
        let b = count(1, 14.0, names(&[name("veber", false)]), kessa.clone());
        let c = count(2, 14.0, names(&[name("novak", false)]), kessa);
        assert!(score(&a, &b).is_some());
        assert!(score(&a, &c).is_none());
    }

    #[test]
    fn a_regional_figure_is_not_compared_with_a_national_one() {
        let a = count(0, 12.0, Slot::Empty, names(&[name("kesa", false)]));
        let b = count(1, 14.0, Slot::Empty, Slot::Empty);
        let c = count(2, 14.0, Slot::Empty, names(&[name("marn", false)]));
        assert!(score(&a, &b).is_none());
        assert!(score(&a, &c).is_none());
        // A weak name ("Floods" opening a sentence) is passed over when the other lacks it.
        let d = count(
            3,
            14.0,
            names(&[name("flods", true)]),
            names(&[name("kesa", false)]),
        );
        assert!(score(&a, &d).is_some());
    }

    #[test]
    fn pairs_come_in_order_once_each_with_their_partners() {
        // Two topics, five articles: pairs of the two topics interleave in frame order.
        let kesa = names(&[name("kesa", false)]);
        let mut frames = Vec::new();
        for article in 0..5 {
            for unit in ["person", "drone"] {
                let mut f = count(article, 12.0, Slot::Empty, kesa.clone());
                f.topic = Topic::Measure {
                    unit: sym::intern(unit),
                    act: sym::intern("kill"),
                };
                frames.push(f);
            }
        }
        let found = pairs(&frames);
        let list: Vec<(usize, usize)> = found.iter().map(|p| (p.ia, p.ib)).collect();
        assert_eq!(list.len(), found.len());
        // Every two articles, per topic: 10 pairs each.
        assert_eq!(list.len(), 20);
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        for p in found.iter() {
            assert!(std::ptr::eq(p.a, &frames[p.ia]) && std::ptr::eq(p.b, &frames[p.ib]));
        }
        for i in 0..frames.len() {
            let mut want: Vec<usize> = list
                .iter()
                .filter_map(|&(a, b)| (a == i).then_some(b).or((b == i).then_some(a)))
                .collect();
            let mut got: Vec<usize> = found
                .partners(i)
                .map(|f| {
                    frames
                        .iter()
                        .position(|g| std::ptr::eq(g, f))
                        .unwrap_or(usize::MAX)
                })
                .collect();
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "partners of frame {i}");
        }
        assert_eq!(found.partners(frames.len()).count(), 0);
        // What `select` picks comes in the order `iter` gives, chunks of lists read apart.
        let fit = |p: &Pair| (p.ia, p.ib, p.score().to_bits());
        for chunk in [1, 3, 1 << 14] {
            for keep in [|p: &Pair| p.ia % 3 != 1, |_: &Pair| true, |_: &Pair| false] {
                let want: Vec<_> = found.iter().filter(keep).map(|p| fit(&p)).collect();
                let got: Vec<_> = found
                    .select_in_chunks(keep, chunk)
                    .iter()
                    .map(fit)
                    .collect();
                assert_eq!(got, want, "chunks of {chunk}");
            }
        }
    }

    #[test]
    fn frames_scored_in_blocks_pair_as_one_at_a_time() {
        // Articles out of order, several frames each, values that agree, differ and tear a
        // frame between two of an article's claims, names that match or not, a fortnight of
        // days: blocks of one frame are the frames found in turn, as on one thread.
        let who = [
            names(&[name("ana veber", false)]),
            names(&[name("veber", false)]),
            names(&[name("novak", false)]),
            Slot::Empty,
        ];
        let mut frames = Vec::new();
        for k in 0..90u32 {
            let article = (k * 37) % 41;
            let mut f = count(
                article,
                [12.0, 14.0, 12.0, 30.0][(k % 4) as usize],
                who[(k % 7 % 4) as usize].clone(),
                names(&[name("kesa", false)]),
            );
            f.sentence = (k % 3) as usize;
            f.published = Some(jiff::civil::date(2025, 3, 1 + (k % 14) as i8));
            frames.push(f);
        }
        let group: Vec<usize> = (0..frames.len()).collect();
        let one_at_a_time = pair_group(&frames, &group, 1);
        assert!(one_at_a_time.len() > 100, "{}", one_at_a_time.len());
        assert!(one_at_a_time.iter().any(|&(_, b)| b & REVERSED != 0));
        for block in [2, 7, 64, SCORED_AT_ONCE] {
            assert_eq!(
                pair_group(&frames, &group, block),
                one_at_a_time,
                "blocks of {block}"
            );
        }
    }

    #[test]
    fn chunked_pairs_read_back_across_chunks() {
        let mut c = Chunked::default();
        let n = Chunked::CHUNK + 10;
        for i in 0..n {
            c.push((i as u32, i as u32 + 1));
        }
        assert_eq!(c.len, n);
        assert_eq!(c.get(Chunked::CHUNK + 3).0 as usize, Chunked::CHUNK + 3);
        let kept = c.into_vec(|&(a, _)| a % 2 == 0);
        assert_eq!(kept.len(), n.div_ceil(2));
        assert!(kept.iter().all(|&(a, _)| a % 2 == 0));
    }

    #[test]
    fn two_equally_good_candidates_with_different_values_abstain() {
        let scope = names(&[name("kesa", false)]);
        let frames = vec![
            count(0, 12.0, Slot::Empty, scope.clone()),
            count(1, 14.0, Slot::Empty, scope.clone()),
            count(1, 12.0, Slot::Empty, scope.clone()),
            count(2, 14.0, Slot::Empty, scope),
        ];
        let found = pairs(&frames);
        let linked = |x: usize, y: usize| {
            found
                .iter()
                .any(|p| std::ptr::eq(p.a, &frames[x]) && std::ptr::eq(p.b, &frames[y]))
        };
        // Article 1 says both 12 and 14: frame 0 abstains from it, and so does frame 3.
        assert!(!linked(0, 1) && !linked(0, 2));
        assert!(!linked(1, 3) && !linked(2, 3));
        // Articles 0 and 2 are compared.
        assert!(linked(0, 3));
    }
}
