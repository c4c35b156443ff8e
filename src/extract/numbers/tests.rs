//! Tests of the whole extractor: forms, hedges, kinds, units, spans, odd input.

use super::*;
use QuantityKind::*;

/// The quantities of `text` as (span text, kind, unit).
fn brief(text: &str) -> Vec<(&str, QuantityKind, Option<String>)> {
    extract_quantities(text)
        .into_iter()
        .map(|q| (&text[q.span.start..q.span.end], q.kind, q.unit))
        .collect()
}

/// The one quantity whose span reads `needle`.
fn find(text: &str, needle: &str) -> Quantity {
    let qs = extract_quantities(text);
    let found: Vec<_> = qs
        .iter()
        .filter(|q| &text[q.span.start..q.span.end] == needle)
        .cloned()
        .collect();
    assert_eq!(found.len(), 1, "{needle:?} in {text:?}: {:#?}", brief(text));
    found.into_iter().next().expect("checked above")
}

fn measure(text: &str, needle: &str) -> (f64, Option<String>, QuantityKind) {
    let q = find(text, needle);
    assert!(q.interval.is_exact(), "{needle}: {:?}", q.interval);
    (q.interval.lo, q.unit, q.kind)
}

fn unit(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn iv(lo: f64, hi: f64, lo_open: bool, hi_open: bool) -> NumInterval {
    NumInterval {
        lo,
        hi,
        lo_open,
        hi_open,
    }
}

#[test]
fn digits_and_separators() {
    assert_eq!(measure("1,200 people", "1,200").0, 1200.0);
    assert_eq!(measure("1 200 people", "1 200").0, 1200.0);
    assert_eq!(measure("a rise of 6.5 points", "6.5").0, 6.5);
    assert_eq!(measure("145 drones", "145"), (145.0, unit("drone"), Count));
    assert_eq!(measure("14\u{200B}5 drones", "14\u{200B}5").0, 145.0);
    // Two numbers that happen to sit side by side are not grouped.
    assert_eq!(brief("On November 10 100 drones flew").len(), 2);
}

#[test]
fn number_words() {
    assert_eq!(
        measure("thirty-four drones", "thirty-four"),
        (34.0, unit("drone"), Count)
    );
    assert_eq!(
        measure(
            "One hundred and forty-five drones",
            "One hundred and forty-five"
        )
        .0,
        145.0
    );
    assert_eq!(
        measure("two people died", "two"),
        (2.0, unit("people"), Count)
    );
    assert_eq!(measure("one drone hit", "one"), (1.0, unit("drone"), Count));
    assert_eq!(measure("a hundred people", "a hundred").0, 100.0);
    assert_eq!(measure("six billion dollars", "six billion").0, 6e9);
    let dozen = find("a dozen drones", "a dozen");
    assert_eq!(
        (dozen.hedge, dozen.unit.as_deref()),
        (Hedge::About, Some("drone"))
    );
    assert!(dozen.interval.overlaps(&NumInterval::exact(12.0)));
    assert!(!dozen.interval.overlaps(&NumInterval::exact(15.0)));
    assert_eq!(find("two dozen drones", "two dozen").hedge, Hedge::About);
    assert!(brief("No one was hurt; they blamed one another.").is_empty());
}

#[test]
fn scales_and_currency() {
    for (text, needle, value, code) in [
        ("$6 billion in funding", "$6 billion", 6e9, "usd"),
        ("raised 6bn last year", "6bn", 6e9, ""),
        ("a US$6B deal", "US$6B", 6e9, "usd"),
        ("6,000 million", "6,000 million", 6e9, ""),
        ("1.2m people", "1.2m", 1.2e6, ""),
        ("a €5m grant", "€5m", 5e6, "eur"),
        ("£3.2 billion for roads", "£3.2 billion", 3.2e9, "gbp"),
        ("6 billion dollars", "6 billion", 6e9, "usd"),
        ("USD 5 million", "USD 5 million", 5e6, "usd"),
        ("2.5 trillion roubles", "2.5 trillion", 2.5e12, "rub"),
        ("6 bn euros", "6 bn", 6e9, "eur"),
        ("A$300", "A$300", 300.0, "aud"),
    ] {
        let q = find(text, needle);
        assert_eq!(q.interval.lo, value, "{text}");
        if code.is_empty() {
            assert_eq!(q.kind, Count, "{text}");
        } else {
            assert_eq!((q.kind, q.unit.as_deref()), (Money, Some(code)), "{text}");
        }
    }
    let q = find("a US$6B deal", "US$6B");
    assert_eq!(
        q.unit_span.map(|s| &"a US$6B deal"[s.start..s.end]),
        Some("US$")
    );
    let text = "6 billion dollars";
    let q = find(text, "6 billion");
    assert_eq!(q.unit_span.map(|s| &text[s.start..s.end]), Some("dollars"));
}

#[test]
fn percentages() {
    for (text, needle, value) in [
        ("rose 1.5%", "1.5%", 1.5),
        ("rose 1.5 %", "1.5 %", 1.5),
        ("rose 1.5 percent", "1.5 percent", 1.5),
        ("rose 1.5 per cent", "1.5 per cent", 1.5),
        ("rose five percent", "five percent", 5.0),
    ] {
        assert_eq!(
            measure(text, needle),
            (value, unit("percent"), Percent),
            "{text}"
        );
    }
    assert_eq!(
        measure("up 2 percentage points", "2 percentage points"),
        (2.0, unit("percentage point"), Percent)
    );
}

#[test]
fn hedges_give_intervals() {
    let inf = f64::INFINITY;
    for (text, needle, interval, hedge) in [
        (
            "about 150 drones",
            "about 150",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "around 150",
            "around 150",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "approximately 150",
            "approximately 150",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "roughly 150",
            "roughly 150",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "some 150 drones",
            "some 150",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "an estimated 150",
            "an estimated 150",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "150 or so",
            "150 or so",
            iv(135.0, 165.0, false, false),
            Hedge::About,
        ),
        (
            "more than 140 drones",
            "more than 140",
            iv(140.0, inf, true, true),
            Hedge::MoreThan,
        ),
        (
            "Over 140 drones",
            "Over 140",
            iv(140.0, inf, true, true),
            Hedge::MoreThan,
        ),
        (
            "above 140",
            "above 140",
            iv(140.0, inf, true, true),
            Hedge::MoreThan,
        ),
        (
            "at least 20",
            "at least 20",
            iv(20.0, inf, false, true),
            Hedge::AtLeast,
        ),
        (
            "no fewer than 20",
            "no fewer than 20",
            iv(20.0, inf, false, true),
            Hedge::AtLeast,
        ),
        (
            "20 or more",
            "20 or more",
            iv(20.0, inf, false, true),
            Hedge::AtLeast,
        ),
        (
            "150+ drones",
            "150+",
            iv(150.0, inf, false, true),
            Hedge::AtLeast,
        ),
        (
            "up to 150",
            "up to 150",
            iv(0.0, 150.0, false, false),
            Hedge::UpTo,
        ),
        (
            "as many as 150",
            "as many as 150",
            iv(0.0, 150.0, false, false),
            Hedge::UpTo,
        ),
        (
            "at most 150",
            "at most 150",
            iv(0.0, 150.0, false, false),
            Hedge::AtMost,
        ),
        (
            "no more than 150",
            "no more than 150",
            iv(0.0, 150.0, false, false),
            Hedge::AtMost,
        ),
        (
            "less than 150",
            "less than 150",
            iv(0.0, 150.0, false, true),
            Hedge::LessThan,
        ),
        (
            "fewer than 150",
            "fewer than 150",
            iv(0.0, 150.0, false, true),
            Hedge::LessThan,
        ),
        (
            "under 150",
            "under 150",
            iv(0.0, 150.0, false, true),
            Hedge::LessThan,
        ),
        (
            "below 150",
            "below 150",
            iv(0.0, 150.0, false, true),
            Hedge::LessThan,
        ),
        (
            "nearly 150",
            "nearly 150",
            iv(135.0, 150.0, false, true),
            Hedge::Nearly,
        ),
        (
            "almost 150",
            "almost 150",
            iv(135.0, 150.0, false, true),
            Hedge::Nearly,
        ),
        (
            "just under 150",
            "just under 150",
            iv(135.0, 150.0, false, true),
            Hedge::Nearly,
        ),
        (
            "close to 60",
            "close to 60",
            iv(54.0, 60.0, false, false),
            Hedge::Nearly,
        ),
        (
            "nearly a dozen",
            "nearly a dozen",
            iv(10.8, 12.0, false, true),
            Hedge::Nearly,
        ),
    ] {
        let q = find(text, needle);
        assert_eq!(q.hedge, hedge, "{text}");
        assert!(
            (q.interval.lo - interval.lo).abs() < 1e-9
                && q.interval.hi == interval.hi
                && q.interval.lo_open == interval.lo_open
                && q.interval.hi_open == interval.hi_open,
            "{text}: {:?} != {interval:?}",
            q.interval
        );
    }
    // "at least 20" is compatible with 23; "20" is not.
    assert!(
        find("at least 20", "at least 20")
            .interval
            .overlaps(&NumInterval::exact(23.0))
    );
    assert!(
        !find("20 destroyed", "20")
            .interval
            .overlaps(&NumInterval::exact(23.0))
    );
}

#[test]
fn ranges() {
    for (text, needle, lo, hi) in [
        (
            "between 140 and 150 drones",
            "between 140 and 150",
            140.0,
            150.0,
        ),
        ("140-150 drones", "140-150", 140.0, 150.0),
        ("140–150 drones", "140–150", 140.0, 150.0),
        ("140 to 150 drones", "140 to 150", 140.0, 150.0),
        ("two or three drones", "two or three", 2.0, 3.0),
        ("$5-6 billion", "$5-6 billion", 5e9, 6e9),
        (
            "between 5 and 6 million people",
            "between 5 and 6 million",
            5e6,
            6e6,
        ),
        ("5% to 6%", "5% to 6%", 5.0, 6.0),
    ] {
        let q = find(text, needle);
        assert_eq!(q.interval, NumInterval::closed(lo, hi), "{text}");
        assert_eq!(q.hedge, Hedge::Range, "{text}");
        assert!(q.kind.is_measure(), "{text}");
    }
    assert_eq!(
        find("140-150 drones", "140-150").unit.as_deref(),
        Some("drone")
    );
    assert_eq!(find("$5-6 billion", "$5-6 billion").kind, Money);
    // A change, not a range.
    assert_eq!(
        brief("it rose from 140 to 150 drones")
            .iter()
            .map(|q| q.0)
            .collect::<Vec<_>>(),
        vec!["140", "150"]
    );
    // A change in points and a level in percent, not a range.
    assert_eq!(
        brief("raised rates by 0.25 percentage points to 5.75%"),
        vec![
            ("0.25 percentage points", Percent, unit("percentage point")),
            ("5.75%", Percent, unit("percent")),
        ]
    );
    // A score, not a range.
    assert_eq!(brief("they won 3-1"), vec![("3-1", Other, None)]);
    let about = find("about 140-150", "about 140-150");
    assert_eq!(about.interval, NumInterval::closed(126.0, 165.0));
}

#[test]
fn vague_plurals() {
    for (text, needle, lo, hi) in [
        ("dozens of drones", "dozens", 24.0, 100.0),
        ("hundreds of people", "hundreds", 200.0, 1000.0),
        ("thousands were displaced", "thousands", 2000.0, 10000.0),
        ("tens of thousands of troops", "tens of thousands", 2e4, 1e5),
        (
            "hundreds of thousands of people",
            "hundreds of thousands",
            2e5,
            1e6,
        ),
        ("several hundred soldiers", "several hundred", 200.0, 1000.0),
        ("millions of dollars", "millions", 2e6, 1e7),
    ] {
        let q = find(text, needle);
        assert_eq!(q.hedge, Hedge::Vague, "{text}");
        assert_eq!(q.interval, iv(lo, hi, false, true), "{text}");
    }
    assert_eq!(
        find("dozens of drones", "dozens").unit.as_deref(),
        Some("drone")
    );
    assert_eq!(find("millions of dollars", "millions").kind, Money);
    assert_eq!(
        find("hundreds of thousands of people", "hundreds of thousands")
            .unit
            .as_deref(),
        Some("people")
    );
}

#[test]
fn years() {
    assert_eq!(brief("in 2024"), vec![("2024", Year, None)]);
    assert_eq!(brief("Since 2014, it grew."), vec![("2014", Year, None)]);
    assert_eq!(brief("from 2022-2024"), vec![("2022-2024", Year, None)]);
    assert_eq!(brief("the 2022-23 season")[0].1, Year);
    assert_eq!(brief("in mid-2024")[0].1, Year);
    assert_eq!(brief("the 2024 election"), vec![("2024", Year, None)]);
    assert_eq!(brief("in the 1990s")[0].1, Year);
    assert_eq!(
        brief("2000 soldiers"),
        vec![("2000", Count, unit("soldier"))]
    );
    assert_eq!(brief("2,000 soldiers")[0].1, Count);
    assert_eq!(brief("in January 1891")[0], ("1891", Year, None));
    assert_eq!(
        brief("on January 31 , 1892 , in Munich")[1],
        ("1892", Year, None)
    );
    assert_eq!(brief("the band of the '90s")[0].1, Other);
    assert_eq!(brief("1850 people")[0].1, Count);
}

#[test]
fn date_parts() {
    for (text, needle) in [
        ("on November 10 they met", "10"),
        ("on 10 November they met", "10"),
        ("on Nov. 3 they met", "3"),
        ("on Nov 3", "3"),
        ("on the 10th of November", "10th"),
        ("on November 10th", "10th"),
        ("the night of 9-10 November", "9-10"),
        ("on 10/11/2024", "10/11/2024"),
    ] {
        assert_eq!(find(text, needle).kind, Other, "{text}");
    }
}

#[test]
fn times_of_day() {
    for (text, needle) in [
        ("at 0600 GMT", "0600"),
        ("at 10:30 local", "10:30"),
        ("at 10 a.m. on Monday", "10"),
        ("at 6pm", "6"),
        ("at 6 pm", "6"),
        ("at 10.30am", "10.30"),
        ("at 1800 hours", "1800"),
        ("at 9 o'clock", "9"),
        ("at 1400 UTC", "1400"),
    ] {
        assert_eq!(find(text, needle).kind, TimeOfDay, "{text}");
    }
}

#[test]
fn ages() {
    for (text, needle) in [
        ("a man aged 45 died", "45"),
        ("a 45-year-old man", "45"),
        ("he is 45 years old", "45"),
        ("John Smith, 45, said", "45"),
        ("a forty-five-year-old man", "forty-five"),
        ("at the age of 87, he died", "87"),
    ] {
        assert_eq!(find(text, needle).kind, Age, "{text}");
    }
}

#[test]
fn durations() {
    for (text, needle) in [
        ("a 40-minute meeting", "40"),
        ("for three years", "three"),
        ("10 days later", "10"),
        ("after 1,000 days of war", "1,000"),
        ("for more than two hours", "more than two"),
        ("ten straight nights", "ten"),
    ] {
        assert_eq!(find(text, needle).kind, Duration, "{text}");
    }
    assert_eq!(
        find("a 40-minute meeting", "40").unit.as_deref(),
        Some("minute")
    );
}

#[test]
fn ordinals() {
    for (text, needle) in [
        ("As the conflict approaches its third year", "third"),
        ("its 3rd year", "3rd"),
        ("the 1,000th day", "1,000th"),
        ("the twenty-first century", "twenty-first"),
        ("a second attack", "second"),
    ] {
        assert_eq!(find(text, needle).kind, Ordinal, "{text}");
    }
    assert!(
        extract_quantities("As the conflict approaches its third year")
            .iter()
            .all(|q| !q.kind.is_measure())
    );
}

#[test]
fn identifiers_and_scores() {
    for (text, needle) in [
        ("Su-34 jets", "34"),
        ("COVID-19 cases", "19"),
        ("flight 370 vanished", "370"),
        ("under Resolution 2334", "2334"),
        ("No. 5 said", "5"),
        ("#5 said", "5"),
        ("a 3D map", "3D"),
        ("version 1.2.3", "1.2.3"),
        ("an average rating of 9.0 out of 10", "9.0"),
        ("an average rating of 9.0 out of 10", "10"),
        ("at UFC 153.", "153"),
        ("the ZIP code 11102 area", "11102"),
        ("roads around the hall at 12 Marin Avenue were closed", "12"),
        ("protesters gathered outside 10 Downing Street", "10"),
        ("the office at 221 Old Kent Road", "221"),
    ] {
        assert_eq!(find(text, needle).kind, Other, "{text}");
    }
    assert!(brief("An A320 and MH17").is_empty());
    // A count before capitalised words that name no street stays a count.
    assert_eq!(
        find("12 Marin officers and 40 Red Cross workers", "12").kind,
        Count
    );
    assert_eq!(find("They sent 40 Red Cross workers", "40").kind, Count);
    assert_eq!(find("the 20 Supreme Court judges", "20").kind, Count);
}

#[test]
fn a_number_noun_compound_between_a_count_and_its_noun() {
    // The count is of the noun after the compound; the compound still reads as what each
    // one has ("four-car": 4 cars), as it does alone.
    for (text, count, head, modifier, per_each) in [
        (
            "will build 32 four-car trains",
            "32",
            "train",
            "four",
            "car",
        ),
        (
            "approved three 10-storey buildings",
            "three",
            "building",
            "10",
            "storey",
        ),
        (
            "ordered 20 two-bedroom flats",
            "20",
            "flat",
            "two",
            "bedroom",
        ),
    ] {
        let q = find(text, count);
        assert_eq!((q.kind, q.unit.as_deref()), (Count, Some(head)), "{text}");
        assert_eq!(
            find(text, modifier).unit.as_deref(),
            Some(per_each),
            "{text}"
        );
    }
    assert_eq!(
        measure("40 12-year-old pupils were evacuated", "40"),
        (40.0, unit("pupil"), Count)
    );
    assert_eq!(
        measure("a 12-member panel", "12"),
        (12.0, unit("member"), Count)
    );
    assert_eq!(find("a 40-minute meeting", "40").kind, Duration);
    // A range glued by a hyphen is not a compound.
    assert_eq!(
        find("between 10-12 people", "between 10-12")
            .unit
            .as_deref(),
        Some("people")
    );
}

#[test]
fn proportions_are_shares_not_counts() {
    for (text, ends) in [
        ("One in five voters backed the plan", ["One", "five"]),
        ("Six in 10 residents were evacuated", ["Six", "10"]),
    ] {
        for end in ends {
            assert_eq!(find(text, end).kind, Other, "{end:?} in {text:?}");
        }
    }
    // A year or a smaller number after "in" is not the other end of a proportion.
    assert_eq!(
        measure("The storms killed 12 people in 2024", "12"),
        (12.0, unit("people"), Count)
    );
    assert_eq!(find("They killed 12 in three attacks", "12").kind, Count);
    // Fractions are shares too.
    assert_eq!(find("two-thirds of the 40 drones", "two").kind, Other);
}

#[test]
fn a_part_counts_the_noun_of_its_counted_whole() {
    // The part does the act; the whole is not the act's count.
    let text = "Eight of the nine delegations at the summit signed the declaration";
    assert_eq!(measure(text, "Eight"), (8.0, unit("delegation"), Count));
    assert_eq!(find(text, "nine").kind, Other);
    for (text, whole) in [
        ("Half of the 400 homes were flooded", "400"),
        ("Most of the 12 ministers attended", "12"),
        ("Vardia shot down two-thirds of the 39 drones", "39"),
    ] {
        assert_eq!(find(text, whole).kind, Other, "{text}");
    }
    // "All of the 12 ministers" is the whole.
    assert_eq!(find("All of the 12 ministers attended", "12").kind, Count);
    // A participle or a relative clause describing the whole leaves the part without a noun
    // (and without one from an earlier count).
    for text in [
        "The ferry carried 214 people; only six of the 38 people released were civilians",
        "It had 214 people aboard, and nine of the 23 people who died were from the island",
    ] {
        let part = extract_quantities(text)
            .into_iter()
            .find(|q| q.interval.lo == 6.0 || q.interval.lo == 9.0)
            .expect("the part");
        assert_eq!(part.unit, None, "{text}");
    }
}

#[test]
fn incidental_sentence_has_no_measure() {
    let text = "a 40-minute meeting at 0600 GMT on November 10, 2024";
    let qs = extract_quantities(text);
    assert_eq!(qs.len(), 4, "{:#?}", brief(text));
    assert!(
        qs.iter().all(|q| !q.kind.is_measure()),
        "{:#?}",
        brief(text)
    );
    assert_eq!(
        brief(text).iter().map(|q| q.1).collect::<Vec<_>>(),
        vec![Duration, TimeOfDay, Other, Year]
    );
}

#[test]
fn two_counts_in_one_sentence() {
    let text = "Over the weekend, both sides launched massive drone assaults, with Russia sending \
                145 drones into Ukraine and Ukraine targeting Moscow with 34 drones.";
    assert_eq!(
        brief(text),
        vec![("145", Count, unit("drone")), ("34", Count, unit("drone"))]
    );
    let qs = extract_quantities(text);
    let us = qs[0].unit_span.expect("unit span");
    assert_eq!(&text[us.start..us.end], "drones");
    assert_eq!(qs[0].interval, NumInterval::exact(145.0));
}

#[test]
fn money_in_a_sentence() {
    let text = "Kyiv is waiting for the remaining $6 billion in approved funding.";
    let q = find(text, "$6 billion");
    assert_eq!(
        (q.kind, q.unit.as_deref(), q.interval),
        (Money, Some("usd"), NumInterval::exact(6e9))
    );
    assert_eq!(extract_quantities(text).len(), 1);
}

#[test]
fn units_bind_to_the_head_noun() {
    assert_eq!(measure("145 attack drones", "145").1, unit("drone"));
    assert_eq!(measure("34 drones into Ukraine", "34").1, unit("drone"));
    assert_eq!(measure("100 people were working", "100").1, unit("people"));
    assert_eq!(measure("145 Shahed drones", "145").1, unit("drone"));
    assert_eq!(measure("80 UAVs", "80").1, unit("drone"));
    assert_eq!(measure("12 casualties", "12").1, unit("casualty"));
    assert_eq!(measure("12 of the drones", "12").1, unit("drone"));
    assert_eq!(measure("5 km away", "5").1, unit("km"));
    assert_eq!(measure("145 more drones", "145").1, unit("drone"));
    assert_eq!(measure("sent 145 overnight", "145").1, None);
    assert_eq!(measure("one less", "one").1, None);
    assert_eq!(
        measure("made 16.6 crore rupees", "16.6 crore"),
        (1.66e8, unit("inr"), Money)
    );
    let text = "Russia launched 145 attack drones overnight";
    let q = find(text, "145");
    let us = q.unit_span.expect("unit span");
    assert_eq!(&text[us.start..us.end], "drones");
}

#[test]
fn elided_units_are_inherited() {
    let text = "Russia launched 21 drones: 12 over the capital, 9 over the border region and \
                three each over two others.";
    let got = brief(text);
    assert_eq!(
        got,
        vec![
            ("21", Count, unit("drone")),
            ("12", Count, unit("drone")),
            ("9", Count, unit("drone")),
            ("three", Count, unit("drone")),
            ("two", Count, None),
        ]
    );
    let qs = extract_quantities(text);
    assert_eq!(qs[1].unit_span, qs[0].unit_span);
    // Only counts lend and borrow.
    assert_eq!(brief("In 2024, 12 were hit")[1], ("12", Count, None));
}

#[test]
fn spans_are_sorted_and_on_char_boundaries() {
    let text = "Über 145 Drohnen — more than 140 drones, €5m, ≈ about 3 and 四 5.";
    let qs = extract_quantities(text);
    assert!(qs.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    for q in &qs {
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
    }
    assert_eq!(find(text, "more than 140").unit.as_deref(), Some("drone"));
}

#[test]
fn parse_value_reads_fact_values() {
    assert_eq!(parse_value("145"), Some((145.0, None)));
    assert_eq!(parse_value(" 6 billion "), Some((6e9, None)));
    assert_eq!(parse_value("1.5%"), Some((1.5, unit("percent"))));
    assert_eq!(parse_value("6.5 million"), Some((6.5e6, None)));
    assert_eq!(parse_value("$6bn"), Some((6e9, unit("usd"))));
    assert_eq!(parse_value("145 drones"), Some((145.0, unit("drone"))));
    assert_eq!(parse_value("thirty-four"), Some((34.0, None)));
    assert_eq!(parse_value("2024"), Some((2024.0, None)));
    assert_eq!(parse_value("-5"), Some((-5.0, None)));
    assert_eq!(parse_value("about 150"), None);
    assert_eq!(parse_value("drones"), None);
    assert_eq!(parse_value(""), None);
    assert_eq!(parse_value("inf"), None);
}

#[test]
fn odd_input_never_panics() {
    let long = "9".repeat(30);
    let huge = "9".repeat(500);
    let many = "1 ".repeat(2000);
    let inputs = [
        "",
        " ",
        "...!?,;:-–—",
        "1e308",
        "1e308 drones",
        long.as_str(),
        huge.as_str(),
        many.as_str(),
        "14\u{200B}5",
        "\u{200B}\u{200B}5\u{200B}",
        "$",
        "$$$ 5 $",
        "US$",
        "between and",
        "between 5 and",
        "5-",
        "-5-",
        "5 to",
        "or more",
        "a",
        "a dozen",
        "hundreds of",
        "tens of",
        "100%%%",
        "1,",
        "1,000,",
        "1.",
        ".5",
        "1..2",
        "10:",
        ":30",
        "9/",
        "Ünïcödé 5 ünïts",
        "五百 drones, 5 дронов, ٥ drones, ５ drones",
        "🚀 5 🚀 rockets",
        "one one one one one one one one one one one one one one",
        "nine hundred ninety-nine trillion trillion trillion",
        "\u{FEFF}1\u{00A0}000\u{2009}000",
        "1 000 000 000 000 000 000 000 000 000 000 000 000",
        "a.m. p.m. 5 a.",
        "No. #",
        "the 45-",
        "45-year",
    ];
    for text in inputs {
        for q in extract_quantities(text) {
            assert!(
                q.span.start < q.span.end && q.span.end <= text.len(),
                "{text:?}"
            );
            assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
            assert!(
                !q.interval.lo.is_nan() && !q.interval.hi.is_nan(),
                "{text:?}"
            );
        }
        let _ = parse_value(text);
        let _ = normalize_unit(text);
    }
    assert_eq!(
        extract_quantities("14\u{200B}5 drones")[0].interval,
        NumInterval::exact(145.0)
    );
}

#[test]
fn a_percentage_and_a_sum_are_two_numbers_not_a_range() {
    let qs = extract_quantities("Net profit dropped 28% to $312m in the quarter.");
    let kinds: Vec<_> = qs.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [QuantityKind::Percent, QuantityKind::Money],
        "{qs:?}"
    );
}

#[test]
fn one_of_the_superlatives_ranks_and_counts_nothing() {
    let text = "Russia launched 145 drones at Ukraine in one of the largest attacks of the war.";
    assert_eq!(find(text, "one").unit, None);
    assert_eq!(find(text, "145").unit, unit("drone"));
    // A partitive without a superlative still counts: "12 of the drones".
    assert_eq!(
        find("12 of the drones were shot down", "12").unit,
        unit("drone")
    );
}

#[test]
fn every_dash_between_numbers_is_a_range() {
    for dash in [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
        "\u{FE58}", "\u{FE63}", "\u{FF0D}",
    ] {
        let needle = format!("140{dash}150");
        let text = format!("{needle} drones");
        let q = find(&text, &needle);
        assert_eq!(q.interval, NumInterval::closed(140.0, 150.0), "{dash:?}");
        assert_eq!(q.hedge, Hedge::Range, "{dash:?}");
        assert_eq!(q.unit.as_deref(), Some("drone"), "{dash:?}");
    }
}
