//! Tests of the date extractor: every form with its exact span and range.

use super::*;
use jiff::civil::date;

/// Monday 11 November 2024, the seed article's day.
const MON: Date = Date::constant(2024, 11, 11);
/// Friday 15 November 2024.
const FRI: Date = Date::constant(2024, 11, 15);
/// Sunday 10 November 2024.
const SUN: Date = Date::constant(2024, 11, 10);
/// Wednesday 8 January 2025.
const JAN: Date = Date::constant(2025, 1, 8);

/// The mentions as (covered text, range as printed or "none").
/// Both readers run: from the text alone and from the sentence's tokens, which must agree.
fn run(text: &str, published: Option<Date>, future: bool) -> Vec<(String, String)> {
    let found = extract_dates(text, published, future);
    let tokens = crate::extract::tokens::tokenize(text);
    assert_eq!(
        extract_dates_in(text, &tokens, published, future),
        found,
        "read from tokens: {text:?}"
    );
    found
        .into_iter()
        .map(|m| {
            let words = text
                .get(m.span.start..m.span.end)
                .expect("span on char boundaries")
                .to_string();
            let range = m.range.map_or("none".to_string(), |r| r.to_string());
            (words, range)
        })
        .collect()
}

/// Asserts the sentence holds exactly the expected (words, range) mentions, in order.
#[track_caller]
fn check(text: &str, published: Option<Date>, future: bool, expected: &[(&str, &str)]) {
    let got = run(text, published, future);
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(w, r)| (w.to_string(), r.to_string()))
        .collect();
    assert_eq!(got, want, "in {text:?}");
}

#[track_caller]
fn past(text: &str, published: Date, expected: &[(&str, &str)]) {
    check(text, Some(published), false, expected);
}

#[track_caller]
fn future(text: &str, published: Date, expected: &[(&str, &str)]) {
    check(text, Some(published), true, expected);
}

#[track_caller]
fn none_found(text: &str) {
    check(text, Some(MON), false, &[]);
}

#[test]
fn iso_and_slash_dates() {
    past(
        "It began on 2024-11-10.",
        MON,
        &[("on 2024-11-10", "2024-11-10")],
    );
    past(
        "Logged 2024-11-10T06:00Z.",
        MON,
        &[("2024-11-10", "2024-11-10")],
    );
    past(
        "Dated 15/11/2024 and 11/15/2024.",
        MON,
        &[("15/11/2024", "2024-11-15"), ("11/15/2024", "2024-11-15")],
    );
    // Ambiguous: either the 10th of November or the 11th of October.
    none_found("Filed 11/10/2024 in court.");
    none_found("Filed 13/13/2024 in court.");
}

#[test]
fn month_then_day() {
    past(
        "Scholz spoke with Trump on November 10, and agreed.",
        MON,
        &[("on November 10", "2024-11-10")],
    );
    past(
        "It happened Nov. 3 in Kyiv.",
        MON,
        &[("Nov. 3", "2024-11-03")],
    );
    past(
        "It happened Nov 3 in Kyiv.",
        MON,
        &[("Nov 3", "2024-11-03")],
    );
    past(
        "It happened November 3rd in Kyiv.",
        MON,
        &[("November 3rd", "2024-11-03")],
    );
    past("The Sept. 11 attacks.", MON, &[("Sept. 11", "2024-09-11")]);
    past(
        "Held Thursday, Nov. 7, 2024, in Paris.",
        FRI,
        &[("Thursday, Nov. 7, 2024", "2024-11-07")],
    );
    past(
        "It happened on November 3, 2024.",
        MON,
        &[("on November 3, 2024", "2024-11-03")],
    );
    past(
        "It happened on November 3, 2021, in Kyiv.",
        MON,
        &[("on November 3, 2021", "2021-11-03")],
    );
    past(
        "This came after a November 6 phone call.",
        MON,
        &[("November 6", "2024-11-06")],
    );
    past(
        "On Sunday, November 3, voters met.",
        MON,
        &[("On Sunday, November 3", "2024-11-03")],
    );
}

#[test]
fn day_then_month() {
    past(
        "It happened on 3 November.",
        MON,
        &[("on 3 November", "2024-11-03")],
    );
    past(
        "It happened 3 November 2024 at dawn.",
        MON,
        &[("3 November 2024", "2024-11-03")],
    );
    past(
        "It happened 3 Nov. at dawn.",
        MON,
        &[("3 Nov.", "2024-11-03")],
    );
    past(
        "Polls closed on Sunday, 3 November.",
        MON,
        &[("on Sunday, 3 November", "2024-11-03")],
    );
    past(
        "Signed on the 5th of November.",
        MON,
        &[("on the 5th of November", "2024-11-05")],
    );
    past(
        "Signed on 5th November.",
        MON,
        &[("on 5th November", "2024-11-05")],
    );
}

#[test]
fn day_ranges_and_nights() {
    past(
        "Drones flew on 9–10 November.",
        MON,
        &[("on 9–10 November", "2024-11-09/2024-11-10")],
    );
    past(
        "Drones flew the night of 9-10 November.",
        MON,
        &[("the night of 9-10 November", "2024-11-09/2024-11-10")],
    );
    past(
        "Drones flew the night of 9 November.",
        MON,
        &[("the night of 9 November", "2024-11-09/2024-11-10")],
    );
    past(
        "Talks ran between November 9 and 11.",
        MON,
        &[("between November 9 and 11", "2024-11-09/2024-11-11")],
    );
    past(
        "Talks ran between 9 and 11 November 2024.",
        MON,
        &[("between 9 and 11 November 2024", "2024-11-09/2024-11-11")],
    );
    past(
        "Talks ran Nov. 4-6.",
        MON,
        &[("Nov. 4-6", "2024-11-04/2024-11-06")],
    );
    // A backwards range is not a date.
    none_found("Talks ran 11-9 November.");
}

#[test]
fn month_and_year_grain() {
    past(
        "It happened in November.",
        MON,
        &[("in November", "2024-11")],
    );
    past(
        "It happened in November 2023.",
        MON,
        &[("in November 2023", "2023-11")],
    );
    past(
        "Prices rose in March 2024 again.",
        MON,
        &[("in March 2024", "2024-03")],
    );
    past(
        "The war began in February 2022.",
        MON,
        &[("in February 2022", "2022-02")],
    );
    past("Output fell in 2024.", MON, &[("in 2024", "2024")]);
    past("In 2022, Russia invaded.", MON, &[("In 2022", "2022")]);
    past(
        "Output fell November 2024 and Feb. 2023.",
        MON,
        &[("November 2024", "2024-11"), ("Feb. 2023", "2023-02")],
    );
    past(
        "Output fell in mid-November.",
        MON,
        &[("in mid-November", "2024-11")],
    );
    past(
        "Output fell in early 2023.",
        MON,
        &[("in early 2023", "2023")],
    );
    past("It happened in May.", MON, &[("in May", "2024-05")]);
    past(
        "It opened last November.",
        MON,
        &[("last November", "2023-11")],
    );
    past("It opened last March.", MON, &[("last March", "2024-03")]);
    future(
        "It opens next November.",
        MON,
        &[("next November", "2025-11")],
    );
    // A month still to come in a past sentence, read a year back; with a future cue, ahead.
    past(
        "It was signed in December.",
        MON,
        &[("in December", "2023-12")],
    );
    future(
        "It will be signed in December.",
        MON,
        &[("in December", "2024-12")],
    );
    future(
        "Deliveries will end by the end of March.",
        MON,
        &[("the end of March", "2025-03")],
    );
}

#[test]
fn bare_weekdays_in_past_reporting() {
    // Monday 11 November 2024.
    past(
        "The attack came on Sunday.",
        MON,
        &[("on Sunday", "2024-11-10")],
    );
    past(
        "The attack came on Monday.",
        MON,
        &[("on Monday", "2024-11-11")],
    );
    past(
        "The attack came on Tuesday.",
        MON,
        &[("on Tuesday", "2024-11-05")],
    );
    past(
        "Officials met Thursday in Paris.",
        MON,
        &[("Thursday", "2024-11-07")],
    );
    past(
        "Thursday's meeting was tense.",
        MON,
        &[("Thursday's", "2024-11-07")],
    );
    past(
        "It ended last Monday.",
        MON,
        &[("last Monday", "2024-11-04")],
    );
    past(
        "It ended early Friday.",
        MON,
        &[("early Friday", "2024-11-08")],
    );
    // Friday 15 November 2024.
    past(
        "Officials met on Tuesday.",
        FRI,
        &[("on Tuesday", "2024-11-12")],
    );
    past(
        "Officials met on Friday.",
        FRI,
        &[("on Friday", "2024-11-15")],
    );
    past(
        "Officials met on Saturday.",
        FRI,
        &[("on Saturday", "2024-11-09")],
    );
    // Sunday 10 November 2024.
    past(
        "Officials met on Sunday.",
        SUN,
        &[("on Sunday", "2024-11-10")],
    );
    past(
        "Officials met on Monday.",
        SUN,
        &[("on Monday", "2024-11-04")],
    );
}

#[test]
fn nights_span_two_days() {
    past(
        "Drones struck Saturday night.",
        MON,
        &[("Saturday night", "2024-11-09/2024-11-10")],
    );
    past(
        "Drones struck on Saturday night.",
        MON,
        &[("on Saturday night", "2024-11-09/2024-11-10")],
    );
    past(
        "Drones struck Sunday morning.",
        MON,
        &[("Sunday morning", "2024-11-10")],
    );
    past(
        "Drones struck last night.",
        MON,
        &[("last night", "2024-11-10/2024-11-11")],
    );
    past(
        "Drones struck overnight.",
        MON,
        &[("overnight", "2024-11-10/2024-11-11")],
    );
    past(
        "He will speak tonight.",
        MON,
        &[("tonight", "2024-11-11/2024-11-12")],
    );
}

#[test]
fn days_around_publication() {
    past("Peskov spoke today.", MON, &[("today", "2024-11-11")]);
    past(
        "Peskov spoke earlier in the day.",
        MON,
        &[("earlier in the day", "2024-11-11")],
    );
    past(
        "Peskov spoke this morning.",
        MON,
        &[("this morning", "2024-11-11")],
    );
    past(
        "Yesterday, Peskov spoke.",
        MON,
        &[("Yesterday", "2024-11-10")],
    );
    past(
        "Peskov spoke yesterday evening.",
        MON,
        &[("yesterday evening", "2024-11-10")],
    );
    past(
        "Peskov spoke the day before yesterday.",
        MON,
        &[("the day before yesterday", "2024-11-09")],
    );
    future(
        "Peskov will speak tomorrow.",
        MON,
        &[("tomorrow", "2024-11-12")],
    );
    past(
        "Peskov spoke two days ago.",
        MON,
        &[("two days ago", "2024-11-09")],
    );
    past(
        "Peskov spoke a week ago.",
        MON,
        &[("a week ago", "2024-11-01/2024-11-07")],
    );
    // Across a month and a year boundary.
    past(
        "It fell yesterday.",
        date(2025, 1, 1),
        &[("yesterday", "2024-12-31")],
    );
}

#[test]
fn weeks_weekends_months_years() {
    past(
        "Talks stalled last week.",
        MON,
        &[("last week", "2024-11-04/2024-11-10")],
    );
    past(
        "Talks stalled last week.",
        FRI,
        &[("last week", "2024-11-04/2024-11-10")],
    );
    past(
        "Talks stalled this week.",
        FRI,
        &[("this week", "2024-11-11/2024-11-17")],
    );
    past(
        "Talks stalled earlier this week.",
        FRI,
        &[("earlier this week", "2024-11-11/2024-11-15")],
    );
    future(
        "Talks resume next week.",
        MON,
        &[("next week", "2024-11-18/2024-11-24")],
    );
    past(
        "Over the weekend, both sides launched drones.",
        MON,
        &[("Over the weekend", "2024-11-09/2024-11-10")],
    );
    past(
        "Both sides launched drones at the weekend.",
        FRI,
        &[("at the weekend", "2024-11-09/2024-11-10")],
    );
    past(
        "Both sides launched drones last weekend.",
        SUN,
        &[("last weekend", "2024-11-09/2024-11-10")],
    );
    future(
        "Both sides will meet this weekend.",
        MON,
        &[("this weekend", "2024-11-16/2024-11-17")],
    );
    future(
        "Both sides will meet next weekend.",
        SUN,
        &[("next weekend", "2024-11-16/2024-11-17")],
    );
    past("Prices rose last month.", MON, &[("last month", "2024-10")]);
    past("Prices rose last month.", JAN, &[("last month", "2024-12")]);
    past(
        "Prices rose earlier this month.",
        MON,
        &[("earlier this month", "2024-11-01/2024-11-11")],
    );
    past("Prices rose last year.", MON, &[("last year", "2023")]);
    past(
        "Prices rose earlier this year.",
        MON,
        &[("earlier this year", "2024-01-01/2024-11-11")],
    );
    future(
        "Prices will rise next month.",
        MON,
        &[("next month", "2024-12")],
    );
}

#[test]
fn day_of_month() {
    past(
        "The convoy left on the 10th.",
        MON,
        &[("on the 10th", "2024-11-10")],
    );
    past(
        "The convoy left on the 20th.",
        MON,
        &[("on the 20th", "2024-10-20")],
    );
    past(
        "The convoy left on the 31st.",
        MON,
        &[("on the 31st", "2024-10-31")],
    );
    past(
        "The convoy left on the 31st.",
        date(2024, 12, 5),
        &[("on the 31st", "2024-10-31")],
    );
    future(
        "The convoy will leave on the 3rd.",
        MON,
        &[("on the 3rd", "2024-12-03")],
    );
    none_found("They met on the 10th anniversary.");
    none_found("They met on the 3rd floor.");
}

#[test]
fn future_sentences_point_forward() {
    let s = "Trump will take office on January 20.";
    assert!(is_future(s));
    future(s, MON, &[("on January 20", "2025-01-20")]);
    // Monday article: the coming Thursday.
    future(
        "Talks will be held on Thursday.",
        MON,
        &[("on Thursday", "2024-11-14")],
    );
    // Said on a Thursday, a future "on Thursday" is a week later.
    let thu = date(2024, 11, 14);
    future(
        "Talks will be held on Thursday.",
        thu,
        &[("on Thursday", "2024-11-21")],
    );
    future(
        "Talks will be held next Thursday.",
        thu,
        &[("next Thursday", "2024-11-21")],
    );
    future(
        "Talks will be held this Thursday.",
        thu,
        &[("this Thursday", "2024-11-14")],
    );
    // A past report in a future sentence dates the report.
    future(
        "Peskov said on Monday that talks will be held on Thursday.",
        FRI,
        &[("on Monday", "2024-11-11"), ("on Thursday", "2024-11-21")],
    );
    // "will be announced on Monday" is not a past report.
    future(
        "Results will be announced on Monday.",
        FRI,
        &[("on Monday", "2024-11-18")],
    );
    // A past verb before the date: the date is that event's, in the past.
    future(
        "The ministers who met in Kardel on Friday will reconvene in September.",
        date(2025, 6, 21),
        &[("on Friday", "2025-06-20"), ("in September", "2025-09")],
    );
    // Not when an auxiliary makes it a plan: "will be held on Friday".
    future(
        "The talks, which will be held in Kardel on Friday, will decide it.",
        date(2025, 6, 21),
        &[("on Friday", "2025-06-27")],
    );
    // A recent date in a future sentence stays recent (grace).
    future(
        "Trump, who won on November 5, will take office on January 20.",
        MON,
        &[
            ("on November 5", "2024-11-05"),
            ("on January 20", "2025-01-20"),
        ],
    );
}

#[test]
fn year_less_dates_across_a_year_boundary() {
    // A January article looking back at December.
    past(
        "The strike on December 30 killed five.",
        JAN,
        &[("on December 30", "2024-12-30")],
    );
    past(
        "The strike on 30 December killed five.",
        JAN,
        &[("on 30 December", "2024-12-30")],
    );
    past(
        "The strike in December killed five.",
        JAN,
        &[("in December", "2024-12")],
    );
    // A December article announcing January.
    future(
        "Parliament will meet on January 9.",
        date(2024, 12, 20),
        &[("on January 9", "2025-01-09")],
    );
    // Grace: a date a few days after publication in a past sentence stays this year.
    past(
        "The vote on November 14 was close.",
        MON,
        &[("on November 14", "2024-11-14")],
    );
    past(
        "The vote on November 30 was close.",
        MON,
        &[("on November 30", "2023-11-30")],
    );
    // February 29 without a year takes the nearest leap year.
    past(
        "It fell on February 29.",
        date(2025, 3, 10),
        &[("on February 29", "2024-02-29")],
    );
}

#[test]
fn relative_flag_and_missing_publication_date() {
    let m = extract_dates("It happened on November 10, 2024.", None, false);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].range, Some(DateRange::day(date(2024, 11, 10))));
    assert!(!m[0].relative);
    check(
        "On Thursday and yesterday, after November 3 and in March, last week.",
        None,
        false,
        &[
            ("On Thursday", "none"),
            ("yesterday", "none"),
            ("November 3", "none"),
            ("in March", "none"),
            ("last week", "none"),
        ],
    );
    let m = extract_dates("It happened on November 3.", Some(MON), false);
    assert!(m[0].relative, "the year came from the publication date");
    let m = extract_dates("It happened on Thursday.", Some(MON), false);
    assert!(m[0].relative);
    let m = extract_dates("It happened in 2024.", None, false);
    assert!(!m[0].relative);
    assert!(m[0].range.is_some());
}

#[test]
fn invalid_dates_are_skipped() {
    none_found("It happened on February 30.");
    none_found("It happened on 31 April 2024.");
    none_found("It happened in 31 April 2024.");
    none_found("It happened between 12 and 40 November 2024.");
    none_found("It happened on 2024-02-30.");
    none_found("It happened on 2023-02-29.");
    none_found("It happened on 0000-00-00.");
    none_found("It happened on November 0.");
    none_found("It happened on November 32.");
    past(
        "It happened on 2024-02-29.",
        MON,
        &[("on 2024-02-29", "2024-02-29")],
    );
}

#[test]
fn look_alikes_are_not_dates() {
    none_found("May said the deal was dead.");
    none_found("Theresa May said the deal was dead.");
    none_found("The March of the soldiers began.");
    none_found("They march on the capital.");
    none_found("Protesters may march on Parliament.");
    none_found("Jan said it was over.");
    none_found("In May's cabinet, nobody agreed.");
    none_found("Polls show 3 of May's ministers resigned.");
    none_found("In 2000 cases the courts agreed.");
    none_found("Sales rose in 40 percent of shops.");
    none_found("A 145 drones attack, a 20-minute call, 12 over the capital.");
    none_found("The weekend was quiet in Kyiv, a week of talks.");
    none_found("He flew to Mar-a-Lago in Mar-a-Lago style.");
    none_found("The Good Friday Agreement held.");
    none_found("Black Friday sales fell.");
    none_found("The Sunday Times reported the call.");
    none_found("He wrote in the Sunday Telegraph.");
    none_found("The Monday Club met.");
    past(
        "On Sunday Trump spoke.",
        MON,
        &[("On Sunday", "2024-11-10")],
    );
    past("Sunday Trump spoke.", MON, &[("Sunday", "2024-11-10")]);
    past(
        "The Friday meeting was tense.",
        MON,
        &[("Friday", "2024-11-08")],
    );
    // The number is a count, not a day; the month stands.
    past("In May 2,000 people left.", MON, &[("In May", "2024-05")]);
    // A written year outside the plausible range is not a year.
    past(
        "It happened on November 3, 1200 people said.",
        MON,
        &[("on November 3", "2024-11-03")],
    );
}

#[test]
fn several_dates_in_one_sentence_are_sorted() {
    past(
        "The Post reported on Sunday that Trump called Putin on Thursday, days after a \
         November 6 call with Zelensky.",
        MON,
        &[
            ("on Sunday", "2024-11-10"),
            ("on Thursday", "2024-11-07"),
            ("November 6", "2024-11-06"),
        ],
    );
}

#[test]
fn seed_article_sentences() {
    past(
        "On November 11, Kremlin spokesperson Dmitry Peskov firmly denied a report.",
        MON,
        &[("On November 11", "2024-11-11")],
    );
    let s = "the Biden administration has intensified its efforts to support Ukraine before \
             Trump assumes office on January 20.";
    check(
        s,
        Some(MON),
        is_future(s),
        &[("on January 20", "2025-01-20")],
    );
}

#[test]
fn spans_are_on_char_boundaries_with_unicode() {
    let s = "«Überraschung» — on Thursday’s call, 9–10 November, “yesterday”.";
    past(
        s,
        MON,
        &[
            ("on Thursday’s", "2024-11-07"),
            ("9–10 November", "2024-11-09/2024-11-10"),
            ("yesterday", "2024-11-10"),
        ],
    );
}

#[test]
fn month_forms_far_into_long_sentences() {
    let filler = "é, “quoted” words and more words ".repeat(8);
    let text = format!(
        "{filler}on Saturday, the night of 9–10 November 2024, {filler}and then in March, \
         {filler}until May 5."
    );
    past(
        &text,
        MON,
        &[
            (
                "on Saturday, the night of 9–10 November 2024",
                "2024-11-09/2024-11-10",
            ),
            ("in March", "2024-03"),
            ("May 5", "2024-05-05"),
        ],
    );
    for cut in 0..text.len() {
        if text.is_char_boundary(cut) {
            let _ = extract_dates(&text[cut..], Some(MON), false);
        }
    }
}

#[test]
fn odd_input_never_panics() {
    let long_digits = "1234567890".repeat(4);
    let odd = [
        String::new(),
        " ".into(),
        "0000-00-00".into(),
        "9999-99-99".into(),
        "9999-12-31".into(),
        "2199-12-31 and 1800-01-01".into(),
        long_digits.clone(),
        format!("{long_digits}-{long_digits}-{long_digits}"),
        format!("November {long_digits}"),
        format!("on the {long_digits}th"),
        format!("{long_digits} days ago"),
        "99 days ago, 99 weeks ago".into(),
        "31/31/2024 12/31/9999 99/99/99".into(),
        "on the 0th, on the 99th, on the 31st".into(),
        "February 29, February 30, 29 February 2023".into(),
        "between 31 and 1 December; 0-0 May".into(),
        "Montag, 3. November — ３ November, ٣ November".into(),
        "日本語のテキスト 2024年11月10日".into(),
        "Saturday night Sunday morning Monday's".into(),
        "\u{0}\u{FEFF}\u{200B} Nov.\u{A0}3".into(),
        "last weekend next weekend this weekend over the weekend".into(),
        "in in in May May May 2024 2024".into(),
    ];
    let published = [
        None,
        Some(MON),
        Some(date(9999, 12, 31)),
        Some(date(-9999, 1, 1)),
        Some(date(2024, 2, 29)),
    ];
    for text in &odd {
        for p in published {
            for fut in [false, true] {
                for m in extract_dates(text, p, fut) {
                    assert!(text.is_char_boundary(m.span.start), "{text:?}");
                    assert!(text.is_char_boundary(m.span.end), "{text:?}");
                    assert!(m.span.start < m.span.end);
                    if let Some(r) = m.range {
                        assert!(r.start <= r.end, "{text:?}");
                    }
                }
                let _ = is_future(text);
            }
        }
    }
}

#[test]
fn sentences_without_triggers_exit_early() {
    assert!(!cues("Peskov denied the report.").any());
    assert!(cues("Peskov denied it on Monday.").weekday);
    assert!(cues("It rose 5%.").digit);
    assert!(cues("YESTERDAY it rose.").phrase);
    assert!(cues("Two days AGO.").ago);
    assert!(cues("In Nov. it rose.").month);
}

#[test]
fn only_whole_month_words_are_month_cues() {
    for text in [
        "Mayor Marta Decker met Mardelford's Junior League.",
        "The RePort came in XMay.",
        "It was Mar_ch.",
    ] {
        let c = cues(text);
        assert!(!c.month && c.months.is_none(), "{text}");
    }
    for (text, at) in [
        ("March", 0),
        ("In May, it rose.", 3),
        ("Since Sept. 3 it rose.", 6),
        ("Late-Dec figures", 5),
        ("\u{a0}Jan", 2),
    ] {
        let c = cues(text);
        assert!(c.month, "{text}");
        assert_eq!(c.months.map(|m| m.0), Some(at), "{text}");
    }
    // A false cue before a real one leaves the window where the real one is.
    assert_eq!(cues("Mayor Lee left on 3 May.").months, Some((20, 23)));
}

#[test]
fn a_space_before_the_year_comma_still_gives_the_year() {
    check(
        "The premiere took place on January 31 , 1892 , in Munich.",
        None,
        false,
        &[("on January 31 , 1892", "1892-01-31")],
    );
    check(
        "Jay Sekulow ( born June 10 , 1945 ) is a lawyer.",
        None,
        false,
        &[("June 10 , 1945", "1945-06-10")],
    );
}

#[test]
fn sentences_in_capitals_are_read_in_title_case() {
    past(
        "TRUMP SPOKE WITH ZELENSKY BY PHONE ON NOVEMBER 7.",
        MON,
        &[("ON NOVEMBER 7", "2024-11-07")],
    );
    past(
        "PUTIN'S CALL ON THURSDAY",
        MON,
        &[("ON THURSDAY", "2024-11-07")],
    );
    // Mixed case keeps its rules: "may" in lower case is a verb, "MAY" in a normal
    // sentence is not read as the month either.
    none_found("Talks may resume, the MAY group said.");
    // Capitals that title case leaves as they are.
    none_found("A B C");
}

#[test]
fn a_year_named_after_a_date_without_one_sets_its_year() {
    // Published Monday 11 November 2024: "March 3" alone is the nearest March 3 (2024), but
    // "next year" moves it on and "last year" back.
    check(
        "The ferry capsized on March 3 last year.",
        Some(MON),
        false,
        &[("on March 3 last year", "2023-03-03")],
    );
    check(
        "The ferry capsized on 3 March, last year.",
        Some(MON),
        false,
        &[("on 3 March, last year", "2023-03-03")],
    );
    check(
        "Elections are due in May next year.",
        Some(MON),
        true,
        &[("in May next year", "2025-05")],
    );
    check(
        "The line opened on June 2 this year.",
        Some(MON),
        false,
        &[("on June 2 this year", "2024-06-02")],
    );
    // "Last year's" belongs to another noun.
    check(
        "The talks began on March 3, last year's talks having failed.",
        Some(MON),
        false,
        &[("on March 3", "2024-03-03"), ("last year", "2023")],
    );
    // Without a publication date there is nothing to count back from.
    check(
        "The ferry capsized on March 3 last year.",
        None,
        false,
        &[("on March 3 last year", "none")],
    );
}

#[test]
fn cues_from_tokens_meet_the_text_search() {
    let both = |text: &str| {
        let tokens = crate::extract::tokens::tokenize(text);
        (cues(text), cues_of_tokens(text, &tokens))
    };
    // Months where the search finds them, and only whole words.
    for text in [
        "On 3 Nov. and on May 4, the Mayor met Marta in Mardelford.",
        "O'Nov 3, éNovember 4, _May 5, May_ 6, May's 7th, Dec-3, DEC 3, 3 Sept.",
    ] {
        let (text_cues, token_cues) = both(text);
        assert_eq!(token_cues.months, text_cues.months, "{text:?}");
        assert!(token_cues.months.is_some());
    }
    // "the day" spans two words and one space only.
    for (text, phrase) in [
        ("bathe daylong", true),
        ("THE DAY", true),
        ("The day", true),
        ("the  day", false),
        ("the Day", false),
        ("THE day", false),
        ("yesterdays", true),
        ("Tonight", true),
    ] {
        let (text_cues, token_cues) = both(text);
        assert_eq!(text_cues.phrase, phrase, "{text:?}");
        assert_eq!(token_cues.phrase, phrase, "{text:?}");
    }
}

/// [`word_cues`]' families by plain search for every form of every listed cue.
fn word_cues_by_search(raw: &str) -> u16 {
    let mut cues = 0;
    for p in PHRASE_CUES.iter().filter(|p| !p.contains(' ')) {
        let mut capital = p.to_string();
        capital[..1].make_ascii_uppercase();
        if [p.to_string(), capital, p.to_ascii_uppercase()]
            .iter()
            .any(|f| raw.contains(f.as_str()))
        {
            cues |= word::PHRASE;
        }
    }
    if WEEKDAY_CUES.iter().any(|w| raw.contains(w)) {
        cues |= word::WEEKDAY;
    }
    if raw.contains("ago") || raw.contains("AGO") {
        cues |= word::AGO;
    }
    cues
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

    /// A word's weekday, phrase and "ago" cues are every form of every listed cue in it.
    #[test]
    fn word_cues_hold_every_listed_cue(
        raw in "([a-zA-Z'é]{0,3}(today|TOMORROW|Yesterday|night|Week|month|YEAR|morning|Afternoon|evening|ago|AGO|Monday|TUESDAY|wednesday|Thursday|Friday|saturday|Sunday|ToDay|weEK|day|the)?){1,3}",
    ) {
        let families = word::PHRASE | word::WEEKDAY | word::AGO;
        proptest::prop_assert_eq!(word_cues(&raw) & families, word_cues_by_search(&raw));
    }

    /// A sentence's cues from its tokens: the text search's month cues exactly, the other
    /// families at least where it finds them, and the same dates read either way.
    #[test]
    fn dates_read_from_tokens_are_the_texts(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                4 => proptest::sample::select(vec![
                    "November", "Nov", "Nov.", "May", "Mayor", "Sept", "Sep", "March", "Dec",
                    "DECEMBER", "Monday", "Sunday", "Thursday's", "MONDAY", "today", "Today",
                    "TODAY", "yesterday", "the", "The", "THE", "day", "Day", "DAY", "days",
                    "night", "tonight", "week", "weekend", "Month", "year", "YEAR", "morning",
                    "ago", "AGO", "Chicago", "on", "in", "last", "next", "early", "between",
                    "earlier", "later", "before", "after", "tomorrow", "this", "over", "in the day",
                    "of", "to", "and", "through", "will", "said", "3", "10th", "22", "2024",
                    "1999", "9", "11", "2024-11-10", "12/25/2024", "3rd",
                ]),
                2 => proptest::sample::select(vec![
                    " ", " ", " ", ", ", ". ", "-", "–", "'", "’", "_", "é", "\u{a0}",
                    "\u{ad}", "  ", "\n", "s", "O'", "x",
                ]),
            ],
            1..14,
        ),
        published in proptest::option::of(proptest::sample::select(vec![MON, FRI, SUN, JAN])),
        future in proptest::bool::ANY,
    ) {
        let text = parts.concat();
        let tokens = crate::extract::tokens::tokenize(&text);
        let (by_text, by_tokens) = (cues(&text), cues_of_tokens(&text, &tokens));
        proptest::prop_assert_eq!(by_tokens.months, by_text.months);
        proptest::prop_assert_eq!(by_tokens.month, by_text.month);
        proptest::prop_assert_eq!(by_tokens.digit, by_text.digit);
        proptest::prop_assert!(by_tokens.weekday >= by_text.weekday);
        proptest::prop_assert!(by_tokens.phrase >= by_text.phrase);
        proptest::prop_assert!(by_tokens.ago >= by_text.ago);
        proptest::prop_assert_eq!(
            extract_dates_in(&text, &tokens, published, future),
            extract_dates(&text, published, future)
        );
    }
}

/// Text around month names: phrases built slot by slot in the order of the patterns
/// (leading words, weekday, lead, day, ordinal, joiner, second day, "of", month, year), each
/// slot filled, left empty or filled with a near miss, and joined by white space, nothing or
/// punctuation.
fn month_form_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::sample::select;
    // Each slot empty about half the time.
    let slot = |words: Vec<&'static str>| {
        proptest::prop_oneof![proptest::strategy::Just(""), select(words)]
    };
    let phrase = (
        slot(vec![
            "",
            "",
            "on",
            "On",
            "from",
            "in",
            "In",
            "at the end of",
            "in early",
            "mid",
            "last",
            "this",
            "through",
            "throughout",
            "the",
            "x",
            "end of",
            "in the middle of",
        ]),
        slot(vec![
            "", "", "", "Sunday", "Sunday,", "Friday", "Mondays", "sunday",
        ]),
        slot(vec![
            "",
            "",
            "",
            "the night of",
            "the nights between",
            "the night between",
            "between",
            "the nights of",
            "The Night Of",
            "the",
        ]),
        slot(vec!["", "3", "10", "9", "31", "123", "x9", "1", "12"]),
        slot(vec!["", "", "st", "th", "nd", "rd", "x", "rough"]),
        slot(vec![
            "", "", "", "-", "–", "—", "to", "and", "until", "through", "TO", "to the", "the",
            "-the",
        ]),
        slot(vec!["", "11", "4", "123", "11th", "2nd", "11x", "11am"]),
        slot(vec!["", "", "", "of", "OF", "of the"]),
        slot(vec![
            "November",
            "Nov",
            "Nov.",
            "May",
            "Mayor",
            "Sept.",
            "Sept",
            "Sep",
            "March",
            "Dec",
            "June",
            "Mar-a-Lago",
            "November's",
            "NOV",
            "January",
        ]),
        slot(vec![
            "", "", "3", "3rd", "10", "123", "2024", ", 2024", " , 2024", ",2024", "20245",
            "2024x", "9 and 11", "9-11th", "9 to 11x", "3x", "3 ,",
        ]),
        slot(vec![
            "", "", "2024", "1999", "20245", ",", "x", "'s", "’s", "-",
        ]),
    );
    let sep = || {
        select(vec![
            " ", " ", " ", " ", "", "  ", "\t", "\u{a0}", "\u{2028}", ",", "-", "\n",
        ])
    };
    let glued = proptest::strategy::Strategy::prop_map(
        (phrase, proptest::collection::vec(sep(), 11)),
        |(p, seps)| {
            let parts = [p.0, p.1, p.2, p.3, p.4, p.5, p.6, p.7, p.8, p.9, p.10];
            let mut out = String::new();
            for (part, sep) in parts.iter().zip(&seps) {
                if !part.is_empty() {
                    out.push_str(part);
                    out.push_str(sep);
                }
            }
            out
        },
    );
    let filler = select(vec![
        "", "said ", "é ", "x", "_", "“", "the ", "9 ", "Talks ",
    ]);
    proptest::strategy::Strategy::prop_map(proptest::collection::vec((filler, glued), 1..4), |v| {
        v.into_iter().map(|(f, g)| format!("{f}{g}")).collect()
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// Each month form read by hand: the pattern's matches, one after another, with the
    /// same groups.
    #[test]
    fn forms_read_by_hand_match_the_patterns(text in month_form_text()) {
        proptest::prop_assert!(forms::readable(&text));
        for (reader, pattern) in [
            (forms::day_month as fn(&[u8], &str, usize) -> Option<forms::Form>, &*absolute::DAY_MONTH),
            (forms::month_day, &*absolute::MONTH_DAY),
            (forms::month_only, &*absolute::MONTH_ONLY),
        ] {
            let by_hand = forms::matches(&text, &forms::months(&text), reader);
            let by_pattern: Vec<forms::Form> =
                pattern.captures_iter(&text).map(|c| absolute::form_of(&c)).collect();
            proptest::prop_assert_eq!(by_hand, by_pattern, "{}", pattern.as_str());
        }
    }
}

/// The month forms' readers against their patterns on text where a choice is undone: an
/// ordinal "th" that starts "through", "nights" before "of", a day of three digits, a
/// year of five, a second day glued to a word.
#[test]
fn forms_read_by_hand_undo_what_the_patterns_undo() {
    for text in [
        "9through 11 November",
        "9th through 11th November",
        "the nights of 9 November",
        "the night of the 9th of November",
        "on Sunday, 123 November",
        "Nov 3 to 11x, 2024",
        "Nov 3 , 2024 and 4 Dec 20245",
        "in the middle of March, at the end of May 2024",
        "mid-March and in mid-June, throughout July",
        "Mayor May 3rd",
        "9thto11 November, 9 tothe 11th November, 9ththrough the 11th of December",
        "on Sunday,\u{a0}3 November and 9–10\u{2028}November",
    ] {
        for (reader, pattern) in [
            (
                forms::day_month as fn(&[u8], &str, usize) -> Option<forms::Form>,
                &*absolute::DAY_MONTH,
            ),
            (forms::month_day, &*absolute::MONTH_DAY),
            (forms::month_only, &*absolute::MONTH_ONLY),
        ] {
            let by_hand = forms::matches(text, &forms::months(text), reader);
            let by_pattern: Vec<forms::Form> = pattern
                .captures_iter(text)
                .map(|c| absolute::form_of(&c))
                .collect();
            assert_eq!(by_hand, by_pattern, "{text:?} {}", pattern.as_str());
        }
    }
}

#[test]
fn text_with_a_long_s_or_a_kelvin_sign_is_left_to_the_patterns() {
    assert!(forms::readable("on 3 November, in “late” March"));
    assert!(!forms::readable("laſt March"));
    assert!(!forms::readable("3 \u{212A}m on 3 March"));
    // The pattern reads the long s as an s.
    past("It began laſt March.", MON, &[("laſt March", "2024-03")]);
}

/// Text around weekday names: the words the weekday pattern takes before and after them,
/// near misses, and the characters between.
fn weekday_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::sample::select;
    let piece = proptest::prop_oneof![
        3 => select(vec![
            "Monday", "Sunday", "Thursday", "Mondays", "MONDAY", "Friday_", "on", "On", "ON",
            "last", "Last", "this", "next", "early", "late", "from", "Baton", "9on", "_on",
            "night", "Night", "nights", "morning", "afternoon", "evening", "evenings",
            "Good", "Times", "said", "x",
        ]),
        3 => select(vec![
            " ", " ", " ", "  ", "", "\t", "\u{a0}", "\u{2028}", "'s", "’s", "'sx", "'", ",",
            ".", "é", "-", "\n",
        ]),
    ];
    proptest::strategy::Strategy::prop_map(proptest::collection::vec(piece, 1..14), |p| p.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// Weekdays read by hand: the weekday pattern's matches, one after another, with the
    /// same groups.
    #[test]
    fn weekdays_read_by_hand_match_the_pattern(text in weekday_text()) {
        let by_pattern: Vec<forms::WeekdayForm> = relative::WEEKDAY_RE
            .captures_iter(&text)
            .filter_map(|c| relative::weekday_form_of(&c))
            .collect();
        proptest::prop_assert_eq!(forms::weekdays(&text), by_pattern);
    }
}

#[test]
fn weekdays_read_by_hand_undo_what_the_pattern_undoes() {
    for text in [
        "on Monday's night, last Sunday's nights, Baton Monday, this  Friday morning",
        "Monday'sx evening and on\u{a0}Thursday\u{2028}night, from Sunday evenings",
        "9on Monday, éon Tuesday",
    ] {
        let by_pattern: Vec<forms::WeekdayForm> = relative::WEEKDAY_RE
            .captures_iter(text)
            .filter_map(|c| relative::weekday_form_of(&c))
            .collect();
        assert_eq!(forms::weekdays(text), by_pattern, "{text:?}");
    }
}

/// Sentences around the future tense's stems: the stems in several cases, near misses, the
/// words around "to be" and "'ll", and the characters between.
fn tense_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::sample::select;
    let piece = proptest::prop_oneof![
        3 => select(vec![
            "will", "Will", "WILL", "shall", "won't", "won’t", "they", "they'll", "we’ll",
            "ll", "LL", "'ll", "’ll", "to", "To", "TO", "be", "Be", "BE", "is", "are", "expected",
            "Scheduled", "set", "slated", "planning", "plans", "plan", "going", "about",
            "due", "intends", "coming", "ahead", "of", "next", "week", "tomorrow", "later",
            "this", "month", "takes", "office", "sworn", "in", "inaugurated", "the", "people",
            "laſt", "ſet", "upcoming", "all", "still", "said", "Smith", "x",
        ]),
        3 => select(vec![" ", " ", " ", "  ", "", "'", "’", ",", ".", "?", "\u{a0}", "é", "-"]),
    ];
    proptest::strategy::Strategy::prop_map(proptest::collection::vec(piece, 1..12), |p| p.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// The future tense read with the stems found in the tokens is the text's.
    #[test]
    fn future_tense_from_tokens_is_the_texts(text in tense_text()) {
        let tokens = crate::extract::tokens::tokenize(&text);
        proptest::prop_assert_eq!(is_future_in(&text, &tokens), is_future(&text));
    }

    /// A word holds a stem as the stems' pattern finds one in it (text with a long s or a
    /// Kelvin sign is left to the pattern).
    #[test]
    fn words_hold_the_stems_the_pattern_finds(word in "[a-zA-Z'’]{0,4}(will|WON|shall|Due|to be|'ll|’ll|plan|office|[a-z]{1,3})?[a-zA-Z'’]{0,4}") {
        static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
            let stems: Vec<String> = tense::STEM_WORDS
                .iter()
                .filter(|w| !w.contains(' '))
                .map(|w| regex::escape(w))
                .collect();
            Regex::new(&format!("(?i:{})", stems.join("|"))).expect("escaped literals")
        });
        proptest::prop_assert_eq!(tense::has_stem(word.as_bytes()), PATTERN.is_match(&word));
    }
}
