//! Calendar arithmetic for the date resolver: weeks, weekends, weekdays and the year of a
//! date written without one, all relative to an article's publication date.

use crate::values::DateRange;
use jiff::Span;
use jiff::civil::Date;

/// Which way a sentence points from its publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    Past,
    Future,
}

/// How far a date written with a day number may fall on the "wrong" side of the publication
/// date and still be read in the publication's month or year. Past: reporting lag, time zones
/// and future sentences our tense cues miss ("the vote on November 14" in a November 10
/// article). Future: sentences that mix a past event with a coming one ("won on November 5 and
/// will take office on January 20"). A week keeps both within reach while a date a month
/// away still flips to the other year.
pub(super) const GRACE_DAYS: i64 = 7;

/// Years accepted as written years. Narrow on purpose: "on November 3, 1200 people" must not
/// read 1200 as a year.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;

pub(super) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

pub(super) fn range(start: Date, end: Date) -> DateRange {
    DateRange { start, end }
}

/// A valid date, or `None` for "February 30" and out-of-range numbers.
pub(super) fn ymd(year: i32, month: u32, day: u32) -> Option<Date> {
    let year = i16::try_from(year).ok()?;
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    Date::new(year, month, day).ok()
}

/// Whether `day` can ever be a day of `month` (February 29 can; February 30 cannot).
pub(super) fn day_exists(month: u32, day: u32) -> bool {
    ymd(2000, month, day).is_some()
}

/// The whole month `month` of `year`.
pub(super) fn month_range(year: i32, month: u32) -> Option<DateRange> {
    let first = ymd(year, month, 1)?;
    Some(range(first, first.last_of_month()))
}

pub(super) fn year_range(year: i32) -> Option<DateRange> {
    Some(range(ymd(year, 1, 1)?, ymd(year, 12, 31)?))
}

/// Days from Monday: 0 for Monday … 6 for Sunday.
pub(super) fn weekday_index(d: Date) -> i64 {
    i64::from(d.weekday().to_monday_zero_offset())
}

/// The Monday–Sunday week containing `d`, shifted by `weeks` weeks.
pub(super) fn week_of(d: Date, weeks: i64) -> Option<DateRange> {
    let monday = add_days(d, weeks * 7 - weekday_index(d))?;
    Some(range(monday, add_days(monday, 6)?))
}

/// Weekday `wd` (0 = Monday) nearest to `published` in direction `dir`. The publication day
/// counts when `same_day` is true; otherwise the answer is a full week away.
pub(super) fn weekday_near(published: Date, wd: i64, dir: Dir, same_day: bool) -> Option<Date> {
    let today = weekday_index(published);
    let step = match dir {
        Dir::Past => (today - wd).rem_euclid(7),
        Dir::Future => (wd - today).rem_euclid(7),
    };
    let step = if step == 0 && !same_day { 7 } else { step };
    add_days(published, if dir == Dir::Past { -step } else { step })
}

/// The Saturday–Sunday weekend nearest to `published`: in the past, the latest one starting on
/// or before the publication day; in the future, the first one ending on or after it.
/// `skip` moves one more weekend along ("next weekend" said on a Saturday).
pub(super) fn weekend_near(published: Date, dir: Dir, skip: bool) -> Option<DateRange> {
    let saturday = weekday_near(published, 5, Dir::Past, true)?;
    let saturday = match (dir, skip) {
        (Dir::Past, false) => saturday,
        (Dir::Past, true) => add_days(saturday, -7)?,
        // The weekend that has begun still lies ahead of a Saturday or Sunday article.
        (Dir::Future, false) if weekday_index(published) >= 5 => saturday,
        (Dir::Future, _) if weekday_index(published) >= 5 => add_days(saturday, 7)?,
        (Dir::Future, false) => add_days(saturday, 7)?,
        (Dir::Future, true) => add_days(saturday, 14)?,
    };
    Some(range(saturday, add_days(saturday, 1)?))
}

/// The year-less day `month`/`day` nearest to `published` in direction `dir`, allowing
/// [`GRACE_DAYS`] on the other side. `None` when no such day exists nearby.
pub(super) fn infer_day(published: Date, month: u32, day: u32, dir: Dir) -> Option<Date> {
    let year = i32::from(published.year());
    let mut candidates = (year - 4..=year + 4).filter_map(|y| ymd(y, month, day));
    match dir {
        Dir::Past => {
            let limit = add_days(published, GRACE_DAYS)?;
            candidates.rfind(|d| *d <= limit)
        }
        Dir::Future => {
            let limit = add_days(published, -GRACE_DAYS)?;
            candidates.find(|d| *d >= limit)
        }
    }
}

/// The year-less month `month` nearest to `published`: in the past, the latest one that has
/// begun (with the same grace); in the future, the first one that has not ended.
pub(super) fn infer_month(published: Date, month: u32, dir: Dir) -> Option<DateRange> {
    let year = i32::from(published.year());
    let mut candidates = (year - 1..=year + 1).filter_map(|y| month_range(y, month));
    match dir {
        Dir::Past => {
            let limit = add_days(published, GRACE_DAYS)?;
            candidates.rfind(|r| r.start <= limit)
        }
        Dir::Future => candidates.find(|r| r.end >= published),
    }
}

/// The month `month` strictly before (`Past`) or after (`Future`) the publication month:
/// "last November", "next January".
pub(super) fn adjacent_month(published: Date, month: u32, dir: Dir) -> Option<DateRange> {
    let current = u32::try_from(published.month()).ok()?;
    let year = i32::from(published.year());
    let year = match dir {
        Dir::Past if month < current => year,
        Dir::Past => year - 1,
        Dir::Future if month > current => year,
        Dir::Future => year + 1,
    };
    month_range(year, month)
}

/// Day `day` of the month nearest to `published` ("on the 10th"), with the same grace as
/// [`infer_day`]. Months too short for the day are skipped.
pub(super) fn infer_day_of_month(published: Date, day: u32, dir: Dir) -> Option<Date> {
    let year = i32::from(published.year());
    let month = i32::from(published.month());
    let index = year * 12 + month - 1;
    let mut candidates = (index - 13..=index + 13).filter_map(|i| {
        ymd(
            i.div_euclid(12),
            u32::try_from(i.rem_euclid(12) + 1).ok()?,
            day,
        )
    });
    match dir {
        Dir::Past => {
            let limit = add_days(published, GRACE_DAYS)?;
            candidates.rfind(|d| *d <= limit)
        }
        Dir::Future => {
            let limit = add_days(published, -GRACE_DAYS)?;
            candidates.find(|d| *d >= limit)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_resolve_in_both_directions() {
        let monday = date(2024, 11, 11);
        assert_eq!(
            weekday_near(monday, 6, Dir::Past, true),
            Some(date(2024, 11, 10))
        );
        assert_eq!(weekday_near(monday, 0, Dir::Past, true), Some(monday));
        assert_eq!(
            weekday_near(monday, 0, Dir::Past, false),
            Some(date(2024, 11, 4))
        );
        assert_eq!(
            weekday_near(monday, 3, Dir::Future, false),
            Some(date(2024, 11, 14))
        );
        assert_eq!(
            weekday_near(monday, 0, Dir::Future, false),
            Some(date(2024, 11, 18))
        );
    }

    #[test]
    fn weekends_and_weeks() {
        let monday = date(2024, 11, 11);
        let past = weekend_near(monday, Dir::Past, false).expect("weekend");
        assert_eq!(
            (past.start, past.end),
            (date(2024, 11, 9), date(2024, 11, 10))
        );
        let sunday = date(2024, 11, 10);
        let same = weekend_near(sunday, Dir::Past, false).expect("weekend");
        assert_eq!(same.start, date(2024, 11, 9));
        let ahead = weekend_near(monday, Dir::Future, false).expect("weekend");
        assert_eq!(ahead.start, date(2024, 11, 16));
        let last = week_of(monday, -1).expect("week");
        assert_eq!(
            (last.start, last.end),
            (date(2024, 11, 4), date(2024, 11, 10))
        );
    }

    #[test]
    fn year_inference_with_grace() {
        let jan = date(2025, 1, 8);
        assert_eq!(infer_day(jan, 12, 30, Dir::Past), Some(date(2024, 12, 30)));
        let nov = date(2024, 11, 11);
        assert_eq!(infer_day(nov, 1, 20, Dir::Future), Some(date(2025, 1, 20)));
        assert_eq!(infer_day(nov, 11, 14, Dir::Past), Some(date(2024, 11, 14)));
        assert_eq!(infer_day(nov, 11, 30, Dir::Past), Some(date(2023, 11, 30)));
        assert_eq!(infer_day(nov, 11, 5, Dir::Future), Some(date(2024, 11, 5)));
        assert_eq!(infer_day(nov, 2, 29, Dir::Past), Some(date(2024, 2, 29)));
        assert_eq!(
            infer_day(date(2025, 3, 1), 2, 29, Dir::Past),
            Some(date(2024, 2, 29))
        );
        assert_eq!(infer_day(nov, 2, 30, Dir::Past), None);
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let last = date(9999, 12, 31);
        let first = date(-9999, 1, 1);
        for d in [last, first] {
            let _ = weekday_near(d, 3, Dir::Future, false);
            let _ = weekday_near(d, 3, Dir::Past, false);
            let _ = weekend_near(d, Dir::Future, true);
            let _ = week_of(d, 1);
            let _ = infer_day(d, 2, 29, Dir::Future);
            let _ = infer_month(d, 12, Dir::Past);
            let _ = infer_day_of_month(d, 31, Dir::Future);
            let _ = adjacent_month(d, 1, Dir::Future);
        }
    }
}
