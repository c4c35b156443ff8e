//! A deterministic generator of synthetic corpora (fact file, articles, labels, alias list)
//! for speed benchmarks. The prose is built from sentence templates; it reads like news but
//! says nothing true.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::Path;

/// SplitMix64: tiny, fast, and the same stream on every platform for a given seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Org,
    Place,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: EntityKind,
}

/// A measure a value fact counts, with the verb that goes with it.
struct Measure {
    unit: &'static str,
    verb: &'static str,
    /// The value's range, and a scale word written after it.
    lo: u64,
    hi: u64,
    scale: &'static str,
}

const MEASURES: [Measure; 8] = [
    Measure {
        unit: "drones",
        verb: "launched",
        lo: 12,
        hi: 400,
        scale: "",
    },
    Measure {
        unit: "workers",
        verb: "laid off",
        lo: 40,
        hi: 9000,
        scale: "",
    },
    Measure {
        unit: "tonnes of grain",
        verb: "shipped",
        lo: 2,
        hi: 90,
        scale: "thousand",
    },
    Measure {
        unit: "homes",
        verb: "damaged",
        lo: 5,
        hi: 3000,
        scale: "",
    },
    Measure {
        unit: "residents",
        verb: "evacuated",
        lo: 100,
        hi: 20000,
        scale: "",
    },
    Measure {
        unit: "vehicles",
        verb: "recalled",
        lo: 300,
        hi: 90000,
        scale: "",
    },
    Measure {
        unit: "flights",
        verb: "cancelled",
        lo: 8,
        hi: 900,
        scale: "",
    },
    Measure {
        unit: "euros",
        verb: "invested",
        lo: 2,
        hi: 950,
        scale: "million",
    },
];

#[derive(Clone, Debug)]
pub enum FactBody {
    Value {
        measure: usize,
        value: u64,
    },
    /// A meeting on a day (days since 2024-01-01).
    Meeting {
        day: u32,
    },
    /// An agreement one source asserts and another denies.
    Disputed {
        asserts: usize,
        denies: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Fact {
    pub id: String,
    /// Entity indices: for values (org, place); meetings (person, person, place);
    /// disputes (person, org).
    pub about: Vec<usize>,
    pub body: FactBody,
}

/// The entities and facts articles are written about. Fact `i` only uses entities below
/// [`entities_for`]`(i + 1)`, so any prefix of the facts is a valid fact file on its own.
pub struct World {
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

/// How many entities the first `facts` facts may use.
pub fn entities_for(facts: usize) -> usize {
    12 + facts / 2
}

const FIRST: [&str; 32] = [
    "Anna", "Boris", "Clara", "Daniel", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Katya",
    "Luis", "Marta", "Nikolai", "Olga", "Pavel", "Rosa", "Samir", "Tereza", "Umar", "Vera",
    "Willem", "Yara", "Zoltan", "Agnes", "Bruno", "Chiara", "Dmitri", "Emil", "Freya", "Goran",
    "Hana",
];
const SYLLABLES: [&str; 40] = [
    "al", "ber", "cas", "dor", "en", "fal", "gar", "hol", "is", "jor", "kel", "lin", "mar", "nor",
    "os", "par", "quin", "ros", "sal", "tor", "ul", "ven", "wes", "yar", "zen", "bra", "cor",
    "del", "fen", "gil", "har", "ket", "lor", "mon", "nes", "ost", "ril", "sten", "tal", "vik",
];
const ORG_SUFFIX: [&str; 8] = [
    "Logistics",
    "Energy",
    "Holdings",
    "Shipping",
    "Motors",
    "Foods",
    "Aviation",
    "Group",
];
const PLACE_SUFFIX: [&str; 6] = ["", "burg", "ford", "port", "dale", "haven"];
const ROLES: [&str; 8] = [
    "minister",
    "mayor",
    "governor",
    "spokesperson",
    "envoy",
    "chief executive",
    "senator",
    "commissioner",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn coined(rng: &mut Rng, syllables: usize) -> String {
    let s: String = (0..syllables).map(|_| *rng.pick(&SYLLABLES)).collect();
    capitalise(&s)
}

/// A name nobody else has yet.
fn unique(rng: &mut Rng, taken: &mut HashSet<String>, make: impl Fn(&mut Rng) -> String) -> String {
    let mut tries = 0;
    loop {
        let mut n = make(rng);
        tries += 1;
        // When the templates run out of new names, lengthen them rather than loop forever.
        for _ in 0..tries / 50 {
            let extra = *rng.pick(&SYLLABLES);
            n.push_str(extra);
        }
        if taken.insert(n.clone()) {
            return n;
        }
    }
}

fn entity(rng: &mut Rng, i: usize, taken: &mut HashSet<String>) -> Entity {
    // Every third entity is a person, organisation, place in turn, so any prefix has all three.
    match i % 3 {
        0 => {
            let first = *rng.pick(&FIRST);
            let last = unique(rng, taken, |r| {
                let n = 2 + r.below(2);
                coined(r, n)
            });
            let role = *rng.pick(&ROLES);
            Entity {
                key: format!("p{i}"),
                name: format!("{first} {last}"),
                aliases: vec![last.clone(), format!("{} {last}", capitalise(role))],
                kind: EntityKind::Person,
            }
        }
        1 => {
            // Two syllables give only 1,600 stems: large worlds need three.
            let stem = unique(rng, taken, |r| {
                let n = 2 + r.below(2);
                coined(r, n)
            });
            let suffix = *rng.pick(&ORG_SUFFIX);
            Entity {
                key: format!("o{i}"),
                name: format!("{stem} {suffix}"),
                aliases: vec![stem.clone(), format!("{stem} group")],
                kind: EntityKind::Org,
            }
        }
        _ => {
            let name = unique(rng, taken, |r| {
                let n = 1 + r.below(2);
                let suffix = *r.pick(&PLACE_SUFFIX);
                format!("{}{suffix}", coined(r, n))
            });
            Entity {
                key: format!("l{i}"),
                aliases: vec![format!("the town of {name}")],
                name,
                kind: EntityKind::Place,
            }
        }
    }
}

impl World {
    pub fn new(rng: &mut Rng, n_facts: usize) -> World {
        let mut taken = HashSet::new();
        let entities: Vec<Entity> = (0..entities_for(n_facts))
            .map(|i| entity(rng, i, &mut taken))
            .collect();
        let mut facts = Vec::with_capacity(n_facts);
        for i in 0..n_facts {
            let pool = entities_for(i + 1);
            let of = |kind: EntityKind, rng: &mut Rng| loop {
                let e = rng.below(pool);
                if entities[e].kind == kind {
                    return e;
                }
            };
            let roll = rng.below(10);
            let fact = if roll < 6 {
                let measure = rng.below(MEASURES.len());
                let m = &MEASURES[measure];
                Fact {
                    id: format!("f{i}-{}", m.unit.split(' ').next().unwrap_or("value")),
                    about: vec![of(EntityKind::Org, rng), of(EntityKind::Place, rng)],
                    body: FactBody::Value {
                        measure,
                        value: rng.range(m.lo, m.hi),
                    },
                }
            } else if roll < 9 {
                let a = of(EntityKind::Person, rng);
                let b = loop {
                    let b = of(EntityKind::Person, rng);
                    if b != a {
                        break b;
                    }
                };
                Fact {
                    id: format!("f{i}-meeting"),
                    about: vec![a, b, of(EntityKind::Place, rng)],
                    body: FactBody::Meeting {
                        day: rng.range(0, 700) as u32,
                    },
                }
            } else {
                let person = of(EntityKind::Person, rng);
                let org = of(EntityKind::Org, rng);
                Fact {
                    id: format!("f{i}-agreement"),
                    about: vec![person, org],
                    body: FactBody::Disputed {
                        asserts: org,
                        denies: person,
                    },
                }
            };
            facts.push(fact);
        }
        World { entities, facts }
    }

    fn name(&self, e: usize) -> &str {
        &self.entities[e].name
    }

    /// The entity as an article would name it: its name or one of its aliases.
    fn mention(&self, rng: &mut Rng, e: usize) -> String {
        let ent = &self.entities[e];
        if rng.chance(0.5) {
            ent.name.clone()
        } else {
            rng.pick(&ent.aliases).clone()
        }
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A civil date from days since 2024-01-01 (no leap-second or calendar subtleties needed).
pub fn civil(day: i64) -> (i64, usize, i64) {
    let mut d = day;
    let mut year = 2024;
    loop {
        let len = if year % 4 == 0 { 366 } else { 365 };
        if d < 0 {
            year -= 1;
            d += if year % 4 == 0 { 366 } else { 365 };
        } else if d >= len {
            d -= len;
            year += 1;
        } else {
            break;
        }
    }
    let feb = if year % 4 == 0 { 29 } else { 28 };
    let months = [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    (year, m, d + 1)
}

fn iso(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{:02}-{d:02}", m + 1)
}

/// 2024-01-01 was a Monday.
fn weekday(day: i64) -> &'static str {
    WEEKDAYS[day.rem_euclid(7) as usize]
}

/// Writes the fact file with the first `n` facts of `world`.
pub fn write_facts(path: &Path, world: &World, n: usize) -> io::Result<()> {
    let mut s =
        String::from("# Synthetic fact file written by gen-corpus.\nversion: 1\nentities:\n");
    for e in &world.entities[..entities_for(n).min(world.entities.len())] {
        let aliases: Vec<String> = e.aliases.iter().map(|a| quote(a)).collect();
        let _ = writeln!(
            s,
            "  {}: {{ name: {}, aliases: [{}] }}",
            e.key,
            quote(&e.name),
            aliases.join(", ")
        );
    }
    s.push_str("facts:\n");
    for f in &world.facts[..n.min(world.facts.len())] {
        let about: Vec<&str> = f
            .about
            .iter()
            .map(|&e| world.entities[e].key.as_str())
            .collect();
        let _ = writeln!(s, "  - id: {}", f.id);
        match f.body {
            FactBody::Value { measure, value } => {
                let m = &MEASURES[measure];
                let _ = writeln!(
                    s,
                    "    claim: {}\n    about: [{}]\n    keywords: [{}]\n    value: {}\n    unit: {}\n    tolerance: 0",
                    quote(&format!(
                        "{} {} {} in {}",
                        world.name(f.about[0]),
                        m.verb,
                        m.unit,
                        world.name(f.about[1])
                    )),
                    about.join(", "),
                    m.verb,
                    quote(&format!(
                        "{value}{}",
                        if m.scale.is_empty() {
                            String::new()
                        } else {
                            format!(" {}", m.scale)
                        }
                    )),
                    quote(m.unit)
                );
            }
            FactBody::Meeting { day } => {
                let _ = writeln!(
                    s,
                    "    claim: {}\n    about: [{}]\n    keywords: [met, talks]\n    date: {}\n    status: asserted",
                    quote(&format!(
                        "{} met {} in {}",
                        world.name(f.about[0]),
                        world.name(f.about[1]),
                        world.name(f.about[2])
                    )),
                    about.join(", "),
                    iso(day as i64)
                );
            }
            FactBody::Disputed { asserts, denies } => {
                let _ = writeln!(
                    s,
                    "    claim: {}\n    about: [{}]\n    keywords: [agreement, signed]\n    status: disputed\n    sources:\n      - {{ by: {}, stance: asserts }}\n      - {{ by: {}, stance: denies }}",
                    quote(&format!(
                        "{} signed an agreement with {}",
                        world.name(f.about[0]),
                        world.name(f.about[1])
                    )),
                    about.join(", "),
                    world.entities[asserts].key,
                    world.entities[denies].key
                );
            }
        }
    }
    std::fs::write(path, s)
}

/// Writes every name and alias of the entities the first `n` facts may use, one a line.
pub fn write_aliases(path: &Path, world: &World, n: usize) -> io::Result<()> {
    let mut s = String::new();
    for e in &world.entities[..entities_for(n).min(world.entities.len())] {
        s.push_str(&e.name);
        s.push('\n');
        for a in &e.aliases {
            s.push_str(a);
            s.push('\n');
        }
    }
    std::fs::write(path, s)
}

/// What the article writer produced.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    pub articles: usize,
    pub bytes: u64,
    pub words: u64,
    pub contradictions: usize,
}

/// One article: its Markdown and the findings it should produce (fact id, kind).
struct Article {
    text: String,
    findings: Vec<(String, &'static str)>,
}

/// Share of fact mentions that are made wrong on purpose.
const MUTATION_RATE: f64 = 0.03;

fn fmt_number(rng: &mut Rng, v: u64) -> String {
    if v >= 1000 && rng.chance(0.7) {
        let s = v.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        v.to_string()
    }
}

/// A different value, far enough from `v` that no reader would call it rounding.
fn mutate_value(rng: &mut Rng, v: u64) -> u64 {
    let delta = (v as f64 * (0.15 + rng.below(40) as f64 / 100.0))
        .ceil()
        .max(2.0) as u64;
    if rng.chance(0.5) && v > delta {
        v - delta
    } else {
        v + delta
    }
}

fn value_sentence(
    world: &World,
    rng: &mut Rng,
    f: &Fact,
    measure: usize,
    value: u64,
    pub_day: i64,
    wrong: bool,
) -> String {
    let m = &MEASURES[measure];
    let v = if wrong {
        mutate_value(rng, value)
    } else {
        value
    };
    let scale = if m.scale.is_empty() {
        String::new()
    } else {
        format!(" {}", m.scale)
    };
    let org = world.mention(rng, f.about[0]);
    let place = world.mention(rng, f.about[1]);
    let when = weekday(pub_day - 1 - rng.below(3) as i64);
    match rng.below(4) {
        0 => format!(
            "{org} {} {}{scale} {} in {place}, according to officials.",
            m.verb,
            fmt_number(rng, v),
            m.unit
        ),
        1 => format!(
            "In {place}, {}{scale} {} were {}, {org} said on {when}.",
            fmt_number(rng, v),
            m.unit,
            m.verb
        ),
        2 if !wrong => {
            // A hedge the true value satisfies: never a finding.
            let lower = (value as f64 * 0.9).floor() as u64;
            format!(
                "Officials said {org} had {} at least {}{scale} {} in {place}.",
                m.verb,
                fmt_number(rng, lower),
                m.unit
            )
        }
        _ => format!(
            "The figure of {}{scale} {} {} in {place} was confirmed by {org} in a statement.",
            fmt_number(rng, v),
            m.unit,
            m.verb
        ),
    }
}

fn date_phrase(rng: &mut Rng, day: i64, pub_day: i64) -> String {
    let (y, m, d) = civil(day);
    let ago = pub_day - day;
    match rng.below(4) {
        0 if (1..=6).contains(&ago) => format!("on {}", weekday(day)),
        // Without a year a reader takes the one nearest the publication date: only safe
        // within a few months of it.
        1 if ago.abs() < 120 => format!("on {} {d}", MONTHS[m]),
        _ => format!("on {d} {} {y}", MONTHS[m]),
    }
}

fn meeting_sentence(
    world: &World,
    rng: &mut Rng,
    f: &Fact,
    day: u32,
    pub_day: i64,
    wrong: bool,
) -> String {
    let day = day as i64;
    let shown = if wrong {
        let shift = rng.range(2, 20) as i64;
        if rng.chance(0.5) {
            day - shift
        } else {
            day + shift
        }
    } else {
        day
    };
    let a = world.mention(rng, f.about[0]);
    let b = world.mention(rng, f.about[1]);
    let place = world.mention(rng, f.about[2]);
    let when = date_phrase(rng, shown, pub_day);
    match rng.below(3) {
        0 => format!("{a} met {b} in {place} {when}, their aides said."),
        1 => format!("The talks between {a} and {b} took place in {place} {when}."),
        _ => format!(
            "{when}, {a} and {b} met in {place} for talks that lasted {} minutes.",
            rng.range(20, 180)
        )
        .replacen("on", "On", 1),
    }
}

fn dispute_sentence(
    world: &World,
    rng: &mut Rng,
    f: &Fact,
    asserts: usize,
    denies: usize,
    wrong: bool,
) -> String {
    // `asserts` is the organisation (about[1]), `denies` the person (about[0]).
    let person = world.name(f.about[0]);
    let org = world.mention(rng, asserts);
    // The person is named in full once already: the denial uses an alias.
    let no = rng.pick(&world.entities[denies].aliases).clone();
    if wrong {
        // The denying source is made to confirm: an attribution flip.
        format!("{no} confirmed on Tuesday having signed an agreement with {org}.")
    } else if rng.chance(0.5) {
        format!(
            "{org} said that {person} had signed an agreement with the company, but {no} denied that any deal was signed."
        )
    } else {
        format!(
            "According to {org}, {person} signed an agreement with it last month; {no} dismissed the report as false."
        )
    }
}

/// An entity of `kind` from the story's facts, or any one from the world.
fn story_entity(world: &World, rng: &mut Rng, story: &[usize], kind: EntityKind) -> usize {
    let f = &world.facts[*rng.pick(story)];
    if let Some(&e) = f.about.iter().find(|&&e| world.entities[e].kind == kind) {
        return e;
    }
    loop {
        let e = rng.below(world.entities.len());
        if world.entities[e].kind == kind {
            return e;
        }
    }
}

/// A figure that belongs to an entity, the same in every article: background facts about a
/// place (its council, its population) do not change from one article to the next, so they
/// give the cross-source checks agreeing repetitions, not thousands of accidental conflicts.
fn fixed(entity: usize, salt: u64, lo: u64, hi: u64) -> u64 {
    let mut r = Rng::new((entity as u64) << 8 | salt);
    r.range(lo, hi)
}

fn filler(world: &World, rng: &mut Rng, story: &[usize]) -> String {
    let person = story_entity(world, rng, story, EntityKind::Person);
    let who = world.mention(rng, person);
    let place_id = story_entity(world, rng, story, EntityKind::Place);
    let place = world.name(place_id).to_string();
    match rng.below(12) {
        0 => format!(
            "{who}, {}, has worked in the region for {} years.",
            rng.range(28, 74),
            rng.range(2, 30)
        ),
        1 => format!(
            "The local council in {place}, founded in {}, has {} members.",
            fixed(place_id, 1, 1850, 1995),
            fixed(place_id, 2, 9, 60)
        ),
        2 => format!(
            "A meeting on the issue lasted {} minutes and ended shortly after {} p.m.",
            rng.range(20, 190),
            rng.range(1, 9)
        ),
        3 => format!(
            "It was the {} such announcement this year, analysts noted.",
            ["second", "third", "fourth", "fifth"][rng.below(4)]
        ),
        4 => format!(
            "Talks are due to resume in {} weeks, according to a person familiar with the plans.",
            rng.range(2, 12)
        ),
        5 => {
            "Analysts said the situation remained uncertain and that further changes were possible."
                .to_string()
        }
        6 => format!("Residents of {place} said they had been given little information."),
        7 => format!("{who} did not respond to a request for comment on Sunday."),
        8 => {
            "Opposition politicians called for an independent review of the decisions taken so far."
                .to_string()
        }
        9 => {
            let people = fixed(place_id, 3, 3000, 900000);
            format!(
                "The area has a population of about {} and relies heavily on a handful of employers.",
                fmt_number(rng, people)
            )
        }
        10 => "Officials stressed that the figures were preliminary and could still change."
            .to_string(),
        _ => format!(
            "Previous plans, drawn up in {}, were never carried out.",
            rng.range(1995, 2022)
        ),
    }
}

/// Facts an article picks from: mostly low indices, so every prefix fact file of a large
/// world still has articles about it (the benchmark checks one corpus against several sizes).
fn pick_fact(rng: &mut Rng, n_facts: usize) -> usize {
    let limits = [n_facts, n_facts.min(1000), n_facts.min(100)];
    let limit = *rng.pick(&limits);
    rng.below(limit)
}

fn article(world: &World, rng: &mut Rng, index: usize) -> Article {
    let n = world.facts.len();
    let base = pick_fact(rng, n);
    let story: Vec<usize> = (0..rng.range(2, 5) as usize)
        .map(|k| if k == 0 { base } else { pick_fact(rng, n) })
        .collect();
    // Published after every meeting the story reports, so all of them are in the past.
    let last_meeting = story
        .iter()
        .filter_map(|&i| match world.facts[i].body {
            FactBody::Meeting { day } => Some(day as i64),
            _ => None,
        })
        .max();
    let pub_day = match last_meeting {
        Some(day) => day + rng.range(1, 5) as i64,
        None => rng.range(0, 700) as i64,
    };
    let target = rng.range(600, 900) as usize;
    let mut findings: Vec<(String, &'static str)> = Vec::new();
    let mut body = String::new();
    let mut words = 0;
    let mut in_paragraph = 0;
    while words < target {
        let sentence = if rng.chance(0.35) {
            let f = &world.facts[*rng.pick(&story)];
            // A fact is made wrong at most once per article, so the labels stay one per key.
            let already = findings.iter().any(|(id, _)| *id == f.id);
            let wrong = !already && rng.chance(MUTATION_RATE);
            let (s, kind) = match f.body {
                FactBody::Value { measure, value } => (
                    value_sentence(world, rng, f, measure, value, pub_day, wrong),
                    "value-mismatch",
                ),
                FactBody::Meeting { day } => (
                    meeting_sentence(world, rng, f, day, pub_day, wrong),
                    "date-mismatch",
                ),
                FactBody::Disputed { asserts, denies } => (
                    dispute_sentence(world, rng, f, asserts, denies, wrong),
                    "stance-conflict",
                ),
            };
            if wrong {
                findings.push((f.id.clone(), kind));
            }
            s
        } else {
            filler(world, rng, &story)
        };
        words += sentence.split_whitespace().count();
        body.push_str(&sentence);
        in_paragraph += 1;
        if in_paragraph >= 3 + rng.below(3) {
            body.push_str("\n\n");
            in_paragraph = 0;
        } else {
            body.push(' ');
        }
    }
    let lead = &world.facts[base];
    let title = format!(
        "Report {index}: {} and {}",
        world.name(lead.about[0]),
        world.name(lead.about[1])
    );
    let text = format!(
        "---\ntitle: {}\noutlet: Synthetic Wire {}\npublished: {}\n---\n\n{}\n",
        quote(&title),
        index % 7,
        iso(pub_day),
        body.trim_end()
    );
    Article { text, findings }
}

/// The file name of article `i`.
pub fn article_name(i: usize) -> String {
    format!("a{i:06}.md")
}

/// Writes `n` articles into `dir/articles/` and their labels into `dir/expected.yaml`.
pub fn write_articles(dir: &Path, world: &World, rng: &mut Rng, n: usize) -> io::Result<Written> {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles)?;
    let mut labels = io::BufWriter::new(std::fs::File::create(dir.join("expected.yaml"))?);
    writeln!(
        labels,
        "# Labels of the contradictions gen-corpus planted.\nversion: 1\narticles:"
    )?;
    let mut w = Written::default();
    for i in 0..n {
        let a = article(world, rng, i);
        let name = article_name(i);
        std::fs::write(articles.join(&name), &a.text)?;
        w.articles += 1;
        w.bytes += a.text.len() as u64;
        w.words += a.text.split_whitespace().count() as u64;
        w.contradictions += a.findings.len();
        if a.findings.is_empty() {
            writeln!(labels, "  {name}: {{ silent: true }}")?;
        } else {
            writeln!(labels, "  {name}:\n    findings:")?;
            for (fact, kind) in &a.findings {
                writeln!(labels, "      - {{ fact: {fact}, kind: {kind} }}")?;
            }
        }
    }
    labels.flush()?;
    Ok(w)
}

/// Generates a whole corpus into `dir`: facts.yaml, articles/, expected.yaml, aliases.txt.
pub fn generate(
    dir: &Path,
    seed: u64,
    n_articles: usize,
    n_facts: usize,
) -> io::Result<(World, Written)> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    let world = World::new(&mut rng, n_facts.max(1));
    write_facts(&dir.join("facts.yaml"), &world, world.facts.len())?;
    write_aliases(&dir.join("aliases.txt"), &world, world.facts.len())?;
    let written = write_articles(dir, &world, &mut rng, n_articles)?;
    Ok((world, written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let a = tempfile::tempdir().expect("temp dir");
        let b = tempfile::tempdir().expect("temp dir");
        generate(a.path(), 42, 5, 20).expect("writes");
        generate(b.path(), 42, 5, 20).expect("writes");
        for f in [
            "facts.yaml",
            "aliases.txt",
            "expected.yaml",
            "articles/a000003.md",
        ] {
            let x = std::fs::read(a.path().join(f)).expect("written");
            let y = std::fs::read(b.path().join(f)).expect("written");
            assert_eq!(x, y, "{f}");
        }
        let c = tempfile::tempdir().expect("temp dir");
        generate(c.path(), 43, 5, 20).expect("writes");
        assert_ne!(
            std::fs::read(a.path().join("articles/a000000.md")).expect("written"),
            std::fs::read(c.path().join("articles/a000000.md")).expect("written")
        );
    }

    #[test]
    fn articles_have_front_matter_and_realistic_length() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_, w) = generate(dir.path(), 7, 20, 50).expect("writes");
        assert_eq!(w.articles, 20);
        let per = w.words / 20;
        assert!((580..=960).contains(&per), "{per} words per article");
        let text =
            std::fs::read_to_string(dir.path().join("articles/a000000.md")).expect("written");
        assert!(text.starts_with("---\ntitle: "));
        assert!(text.contains("\npublished: 20"));
    }

    #[test]
    fn prefix_fact_files_only_name_their_entities() {
        let mut rng = Rng::new(1);
        let world = World::new(&mut rng, 30_000);
        for (i, f) in world.facts.iter().enumerate() {
            assert!(f.about.iter().all(|&e| e < entities_for(i + 1)), "{}", f.id);
        }
        let names: HashSet<&str> = world.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names.len(), world.entities.len(), "names are unique");
    }

    #[test]
    fn calendar_and_weekdays() {
        assert_eq!(iso(0), "2024-01-01");
        assert_eq!(iso(59), "2024-02-29");
        assert_eq!(iso(366), "2025-01-01");
        assert_eq!(iso(-1), "2023-12-31");
        assert_eq!(weekday(0), "Monday");
        assert_eq!(weekday(366), "Wednesday"); // 2025-01-01
    }

    #[test]
    fn mutated_values_are_clearly_different() {
        let mut rng = Rng::new(9);
        for v in [3u64, 12, 145, 9000] {
            for _ in 0..50 {
                let m = mutate_value(&mut rng, v);
                assert!(
                    m.abs_diff(v) as f64 >= (v as f64 * 0.15).max(2.0),
                    "{v} -> {m}"
                );
            }
        }
    }
}
