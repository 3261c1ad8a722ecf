//! When a program's questionnaires come due for an enrollment: one-off timepoints and
//! repeating series, counted in Europe/Oslo calendar days so that "every Monday at 08:00"
//! stays at 08:00 across daylight-saving changes and "1 month after 31 January" is the
//! last day of February. Occurrences are computed one at a time, on demand: the scheduler
//! makes each task when it comes due, never a whole series in advance.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::program::{Offset, ScheduledQuestionnaire};

/// The time zone every schedule is counted in.
pub const ZONE: Tz = chrono_tz::Europe::Oslo;

/// The time of day a task opens unless the schedule says otherwise.
pub const DEFAULT_TIME: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// How long a one-off task can be answered unless the schedule says otherwise.
pub const DEFAULT_WINDOW: Offset = Offset::Days(14);

/// After how long an unanswered task is overdue (reminders, the worklist), unless the
/// schedule says otherwise; never later than its window.
pub const DEFAULT_OVERDUE: Offset = Offset::Days(3);

/// One occurrence of a schedule entry: when it opens, when it is overdue, and when it can
/// no longer be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// 0 for the first.
    pub number: u32,
    pub due_at: DateTime<Utc>,
    pub overdue_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The status of a task, as stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    /// Open for answering.
    Open,
    /// Still open, past the time it should have been answered.
    Overdue,
    Completed,
    /// Its window closed unanswered.
    Expired,
    /// The enrollment ended or was withdrawn first.
    Cancelled,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 5] = [
        Self::Open,
        Self::Overdue,
        Self::Completed,
        Self::Expired,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Overdue => "overdue",
            Self::Completed => "completed",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Open or overdue: the patient can still answer.
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Open | Self::Overdue)
    }
}

/// The calendar date in Oslo of an instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&ZONE).date_naive()
}

/// The instant of a local date and time in Oslo. A time skipped by the spring change
/// (02:00-03:00) is taken as the first instant after it; a time repeated in autumn as the
/// first of the two.
pub fn local_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    match ZONE.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => {
            // In the gap: an hour later exists.
            let later = naive + chrono::Duration::hours(1);
            ZONE.from_local_datetime(&later)
                .earliest()
                .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
        }
    }
}

/// `date` moved by `offset` in calendar terms (months clamp to the month's last day).
pub fn add(date: NaiveDate, offset: Offset, times: u32) -> Option<NaiveDate> {
    match offset {
        Offset::Days(n) => date.checked_add_days(Days::new(u64::from(n) * u64::from(times))),
        Offset::Weeks(n) => date.checked_add_days(Days::new(7 * u64::from(n) * u64::from(times))),
        Offset::Months(n) => date.checked_add_months(Months::new(n.checked_mul(times)?)),
    }
}

/// The first date on or after `date` that falls on `weekday`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Days::new(u64::from(ahead))
}

/// When an enrollment that started at `start` ends: the program's duration later, at the
/// end of that Oslo day.
pub fn program_end(start: DateTime<Utc>, duration_months: u32) -> DateTime<Utc> {
    let last = add(local_date(start), Offset::Months(duration_months), 1)
        .unwrap_or(NaiveDate::MAX)
        .succ_opt()
        .unwrap_or(NaiveDate::MAX);
    local_instant(last, NaiveTime::MIN)
}

impl ScheduledQuestionnaire {
    /// The `number`th occurrence for an enrollment started at `start`, or `None` when the
    /// entry has fewer occurrences or it would open after `end` (the program's end).
    /// Each occurrence is computed from the start, so months never drift (31 January,
    /// 28 February, 31 March).
    pub fn occurrence(
        &self,
        number: u32,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Option<Occurrence> {
        let repeats = self.every.is_some();
        if !repeats && number > 0 {
            return None;
        }
        if self.times.is_some_and(|t| number >= t) {
            return None;
        }
        let start_date = local_date(start);
        let weekday = |d: NaiveDate| match self.weekday {
            Some(day) => on_or_after(d, day.into()),
            None => d,
        };
        let date = match (self.at, self.every) {
            // Months from the start, so a clamped month does not shorten the later ones.
            (Offset::Months(at), Some(Offset::Months(every))) => add(
                start_date,
                Offset::Months(at.checked_add(every.checked_mul(number)?)?),
                1,
            )?,
            // A daily series starts on the weekday and then runs every day.
            (at, Some(every @ Offset::Days(_))) => {
                add(weekday(add(start_date, at, 1)?), every, number)?
            }
            (at, Some(every)) => add(add(start_date, at, 1)?, every, number)?,
            (at, None) => add(start_date, at, 1)?,
        };
        // Weekly and monthly ones move each time to the weekday (a no-op after the first
        // for a weekly series).
        let date = match self.every {
            Some(Offset::Days(_)) => date,
            _ => weekday(date),
        };
        let time = self.time.unwrap_or(DEFAULT_TIME);
        // The baseline opens at once; later ones at their time of day.
        let due_at = if self.at == Offset::Days(0) && number == 0 && self.weekday.is_none() {
            start
        } else {
            local_instant(date, time)
        };
        if due_at > end {
            return None;
        }
        let window = self.window.or(self.every).unwrap_or(DEFAULT_WINDOW);
        let expires_at = local_instant(add(date, window, 1)?, time).max(due_at);
        let overdue_at = local_instant(
            add(date, self.overdue_after.unwrap_or(DEFAULT_OVERDUE), 1)?,
            time,
        )
        .clamp(due_at, expires_at);
        Some(Occurrence {
            number,
            due_at,
            overdue_at,
            expires_at,
        })
    }
}

/// The first occurrence of each entry of `program`'s schedule for an enrollment that
/// started at `start`, by entry index: where the scheduler begins.
pub fn first_occurrences(
    program: &crate::program::ProgramDefinition,
    start: DateTime<Utc>,
) -> Vec<(u32, Occurrence)> {
    let end = program_end(start, program.duration_months);
    program
        .schedule
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| Some((u32::try_from(i).ok()?, entry.occurrence(0, start, end)?)))
        .collect()
}

/// What the scheduler does with an entry whose next occurrence has come (`now`): make its
/// task, or skip it when its window closed while nobody ran the scheduler, and go on to
/// the next occurrence, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The task to make, if its window is still open.
    pub task: Option<Occurrence>,
    /// The next occurrence to wait for; `None` when the entry is done.
    pub next: Option<Occurrence>,
}

impl ScheduledQuestionnaire {
    /// The scheduler's step for occurrence `number`, which is due by `now`. Occurrences
    /// whose windows have all closed by `now` are skipped, not made as tasks.
    pub fn step(
        &self,
        number: u32,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Step {
        let mut n = number;
        let mut task = None;
        let mut current = self.occurrence(n, start, end);
        while let Some(o) = current {
            if o.due_at > now {
                break;
            }
            if o.expires_at > now {
                task = Some(o);
                current = self.occurrence(n + 1, start, end);
                break;
            }
            n += 1;
            current = self.occurrence(n, start, end);
        }
        Step {
            task,
            next: current,
        }
    }
}

impl Occurrence {
    /// The status a task of this occurrence starts in when it is made at `now`: overdue
    /// when its overdue time has passed already (a late pass of the scheduler).
    pub fn status_at(&self, now: DateTime<Utc>) -> TaskStatus {
        if self.overdue_at <= now {
            TaskStatus::Overdue
        } else {
            TaskStatus::Open
        }
    }
}

impl ScheduledQuestionnaire {
    /// The colour of the alert raised when a task of this entry closes unanswered, if the
    /// program asks for one.
    pub fn alert_when_closed(&self) -> Option<crate::threshold::Colour> {
        self.alert_when_expired
            .as_deref()
            .and_then(crate::threshold::Colour::parse)
    }

    /// When reminder `n` (0 for the first) of an occurrence is due: its offset after the
    /// task opens; `None` when there is no such reminder or the window has closed by then.
    pub fn reminder_at(&self, n: usize, o: &Occurrence) -> Option<DateTime<Utc>> {
        let at = match *self.reminders.get(n)? {
            Offset::Days(d) => o.due_at + chrono::Duration::days(i64::from(d)),
            Offset::Weeks(w) => o.due_at + chrono::Duration::weeks(i64::from(w)),
            Offset::Months(m) => o.due_at.checked_add_months(Months::new(m))?,
        };
        (at < o.expires_at).then_some(at)
    }
}

/// A day of the week in a schedule, written in English in `program.toml` (`monday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScheduleWeekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<ScheduleWeekday> for Weekday {
    fn from(d: ScheduleWeekday) -> Self {
        match d {
            ScheduleWeekday::Monday => Weekday::Mon,
            ScheduleWeekday::Tuesday => Weekday::Tue,
            ScheduleWeekday::Wednesday => Weekday::Wed,
            ScheduleWeekday::Thursday => Weekday::Thu,
            ScheduleWeekday::Friday => Weekday::Fri,
            ScheduleWeekday::Saturday => Weekday::Sat,
            ScheduleWeekday::Sunday => Weekday::Sun,
        }
    }
}

/// The one-off entry of `schedule` that asked for questionnaire `key` when it was
/// answered at `at` by an enrollment started at `start`: the one that had opened last by
/// then. For an answer that completed no task (sent on paper through the API, or before
/// tasks existed); `None` when none had opened.
pub fn timepoint_of(
    schedule: &[ScheduledQuestionnaire],
    key: &str,
    start: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Option<usize> {
    schedule
        .iter()
        .enumerate()
        .filter(|(_, e)| e.questionnaire == key && e.every.is_none())
        .filter_map(|(i, e)| {
            let due = e.occurrence(0, start, DateTime::<Utc>::MAX_UTC)?.due_at;
            (due <= at).then_some((due, i))
        })
        .max()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn task_statuses_keep_their_stored_codes_and_only_open_ones_are_pending() {
        let codes: Vec<&str> = TaskStatus::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(
            codes,
            ["open", "overdue", "completed", "expired", "cancelled"]
        );
        for t in TaskStatus::ALL {
            assert_eq!(TaskStatus::parse(t.as_str()), Some(t));
            assert_eq!(
                t.is_pending(),
                matches!(t, TaskStatus::Open | TaskStatus::Overdue),
                "{t:?}"
            );
        }
        assert_eq!(TaskStatus::parse("ready"), None);
    }

    #[test]
    fn a_task_made_at_its_overdue_time_or_later_starts_overdue_and_a_closed_one_may_alert() {
        let due = Utc.with_ymd_and_hms(2027, 1, 4, 7, 0, 0).unwrap();
        let o = Occurrence {
            number: 0,
            due_at: due,
            overdue_at: due + chrono::Duration::days(3),
            expires_at: due + chrono::Duration::days(14),
        };
        assert_eq!(o.status_at(due), TaskStatus::Open);
        assert_eq!(
            o.status_at(o.overdue_at - chrono::Duration::seconds(1)),
            TaskStatus::Open
        );
        assert_eq!(o.status_at(o.overdue_at), TaskStatus::Overdue);
        let mut entry = entry("0d");
        assert_eq!(entry.alert_when_closed(), None);
        entry.alert_when_expired = Some("yellow".into());
        assert_eq!(
            entry.alert_when_closed(),
            Some(crate::threshold::Colour::Yellow)
        );
        entry.alert_when_expired = Some("purple".into());
        assert_eq!(entry.alert_when_closed(), None);
    }

    #[test]
    fn an_occurrence_due_exactly_at_the_programs_end_is_still_made() {
        let e = entry("3m");
        let start = oslo("2027-01-10 09:30");
        let due = e.occurrence(0, start, FAR).unwrap().due_at;
        assert_eq!(e.occurrence(0, start, due).map(|o| o.due_at), Some(due));
        let just_before = due - chrono::Duration::seconds(1);
        assert_eq!(e.occurrence(0, start, just_before), None);
    }

    #[test]
    fn a_step_makes_the_task_at_its_due_time_and_skips_it_once_its_window_closed() {
        let e = entry("3m");
        let start = oslo("2027-01-10 09:30");
        let o = e.occurrence(0, start, FAR).unwrap();
        assert_eq!(e.step(0, start, FAR, o.due_at).task, Some(o), "due now");
        let before = o.due_at - chrono::Duration::seconds(1);
        assert_eq!(e.step(0, start, FAR, before).task, None, "not yet");
        assert_eq!(e.step(0, start, FAR, before).next, Some(o));
        assert_eq!(e.step(0, start, FAR, o.expires_at).task, None, "closed");
        let last = o.expires_at - chrono::Duration::seconds(1);
        assert_eq!(e.step(0, start, FAR, last).task, Some(o), "still open");
    }

    #[test]
    fn reminders_come_at_their_offsets_while_the_window_is_open() {
        let mut e = entry("3m");
        e.window = Some(Offset::Days(7));
        e.reminders = vec![Offset::Days(2), Offset::Weeks(1), Offset::Months(1)];
        // Mid April to mid May: no change of summer time inside the window.
        let start = oslo("2027-01-15 09:30");
        let o = e.occurrence(0, start, FAR).unwrap();
        assert_eq!(o.expires_at - o.due_at, chrono::Duration::days(7));
        assert_eq!(
            e.reminder_at(0, &o),
            Some(o.due_at + chrono::Duration::days(2))
        );
        assert_eq!(e.reminder_at(1, &o), None, "at the close itself: too late");
        assert_eq!(e.reminder_at(2, &o), None, "after the close");
        assert_eq!(e.reminder_at(3, &o), None, "no such reminder");
        e.window = Some(Offset::Months(2));
        let o = e.occurrence(0, start, FAR).unwrap();
        assert_eq!(
            e.reminder_at(1, &o),
            Some(o.due_at + chrono::Duration::weeks(1))
        );
        assert_eq!(
            e.reminder_at(2, &o),
            o.due_at.checked_add_months(Months::new(1))
        );
    }

    #[test]
    fn a_program_begins_with_the_first_occurrence_of_each_entry() {
        let mut program: crate::program::ProgramDefinition = toml::from_str(
            r#"
            key = "p"
            version_label = "1"
            title = "P"
            summary = ""
            duration_months = 6
            terms = ""
            modules = []
            schedule = []
            measurements = []
            thresholds = []
            missing_data = []
            score_rules = []
            trend_rules = []
            [escalation]
            [eligibility]
            min_age = 18
            too_young_message = ""
            exception_message = ""
            exclusion_questions = []
            "#,
        )
        .expect("a definition");
        program.schedule = vec![entry("0d"), entry("3m"), entry("7m")];
        let start = oslo("2027-01-10 09:30");
        let firsts = first_occurrences(&program, start);
        let indexes: Vec<u32> = firsts.iter().map(|(i, _)| *i).collect();
        assert_eq!(indexes, [0, 1], "7 months is after the program's end");
        assert_eq!(firsts[0].1.due_at, start);
    }

    #[test]
    fn an_answer_is_placed_at_the_last_timepoint_that_had_opened() {
        let mut diary = entry("1w");
        diary.every = Some(Offset::Weeks(1));
        let mut other = entry("3m");
        other.questionnaire = "other".into();
        let schedule = [entry("0d"), entry("3m"), entry("6m"), diary, other];
        let start = oslo("2027-01-10 09:30");
        let at = |s| timepoint_of(&schedule, "q", start, oslo(s));
        assert_eq!(at("2027-01-10 09:29"), None, "before the start");
        assert_eq!(at("2027-01-10 09:30"), Some(0));
        assert_eq!(at("2027-04-10 07:59"), Some(0), "3 months opens at 08:00");
        assert_eq!(at("2027-04-10 08:00"), Some(1));
        assert_eq!(at("2027-07-09 23:00"), Some(1));
        assert_eq!(at("2027-07-10 08:00"), Some(2));
        assert_eq!(
            at("2030-01-01 08:00"),
            Some(2),
            "a series is never a timepoint"
        );
        assert_eq!(
            timepoint_of(&schedule, "none", start, oslo("2030-01-01 08:00")),
            None
        );
    }

    fn entry(at: &str) -> ScheduledQuestionnaire {
        ScheduledQuestionnaire {
            questionnaire: "q".into(),
            at: at.parse().unwrap_or(Offset::Days(0)),
            required_before_modules: false,
            every: None,
            weekday: None,
            times: None,
            time: None,
            window: None,
            overdue_after: None,
            reminders: Vec::new(),
            alert_when_expired: None,
        }
    }

    fn oslo(s: &str) -> DateTime<Utc> {
        let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default();
        local_instant(naive.date(), naive.time())
    }

    const FAR: DateTime<Utc> = DateTime::<Utc>::MAX_UTC;

    #[test]
    fn a_month_after_the_31st_is_the_last_day_of_the_shorter_month_and_never_drifts() {
        let mut monthly = entry("1m");
        monthly.every = Some(Offset::Months(1));
        let start = oslo("2027-01-31 10:00");
        let dates: Vec<String> = (0..3)
            .filter_map(|n| monthly.occurrence(n, start, FAR))
            .map(|o| {
                o.due_at
                    .with_timezone(&ZONE)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(
            dates,
            ["2027-02-28 08:00", "2027-03-31 08:00", "2027-04-30 08:00"]
        );
    }

    #[test]
    fn a_weekly_series_keeps_its_weekday_and_local_time_across_daylight_saving() {
        let mut weekly = entry("0d");
        weekly.every = Some(Offset::Weeks(1));
        weekly.weekday = Some(ScheduleWeekday::Sunday);
        weekly.time = NaiveTime::from_hms_opt(2, 30, 0);
        // Summer time starts at 02:00 on Sunday 28 March 2027: 02:30 does not exist.
        let start = oslo("2027-03-17 12:00");
        let shown: Vec<String> = (0..3)
            .filter_map(|n| weekly.occurrence(n, start, FAR))
            .map(|o| {
                o.due_at
                    .with_timezone(&ZONE)
                    .format("%a %Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(
            shown,
            [
                "Sun 2027-03-21 02:30",
                "Sun 2027-03-28 03:30",
                "Sun 2027-04-04 02:30"
            ]
        );
    }

    #[test]
    fn the_baseline_opens_at_the_start_and_one_off_entries_happen_once() {
        let start = oslo("2027-05-05 13:14");
        let base = entry("0d");
        let first = base
            .occurrence(0, start, FAR)
            .unwrap_or_else(|| unreachable!());
        assert_eq!(first.due_at, start);
        assert_eq!(first.overdue_at, oslo("2027-05-08 08:00"));
        assert_eq!(first.expires_at, oslo("2027-05-19 08:00"));
        assert_eq!(base.occurrence(1, start, FAR), None);
    }

    #[test]
    fn a_series_stops_at_the_program_end_or_after_its_count() {
        let start = oslo("2027-01-10 09:00");
        let end = program_end(start, 6);
        assert_eq!(end, oslo("2027-07-11 00:00"));
        let mut daily = entry("1d");
        daily.every = Some(Offset::Days(1));
        let count = (0..400)
            .take_while(|n| daily.occurrence(*n, start, end).is_some())
            .count();
        // 11 January to 10 July.
        assert_eq!(count, 181);
        daily.times = Some(5);
        assert!(daily.occurrence(4, start, end).is_some());
        assert_eq!(daily.occurrence(5, start, end), None);
        let six_months = entry("6m");
        assert!(
            six_months.occurrence(0, start, end).is_some(),
            "the last day counts"
        );
    }

    #[test]
    fn the_scheduler_makes_the_task_that_is_open_and_skips_windows_closed_meanwhile() {
        let start = oslo("2027-01-04 09:00");
        let end = program_end(start, 6);
        let mut daily = entry("1d");
        daily.every = Some(Offset::Days(1));
        // Run for the first time ten days late: days 1-8 closed, day 9 is open (until day
        // 10's opens), day 10 comes next.
        let now = oslo("2027-01-13 12:00");
        let step = daily.step(0, start, end, now);
        assert_eq!(step.task.map(|o| o.number), Some(8));
        assert_eq!(step.next.map(|o| o.number), Some(9));
        assert_eq!(step.next.map(|o| o.due_at), Some(oslo("2027-01-14 08:00")));
        // Before it is due: nothing to make, the same occurrence next.
        let early = daily.step(9, start, end, now);
        assert_eq!((early.task, early.next.map(|o| o.number)), (None, Some(9)));
    }

    proptest! {
        #[test]
        fn occurrences_rise_keep_their_order_of_deadlines_and_land_on_their_weekday(
            days in 0i64..3000,
            minutes in 0i64..1440,
            every in 1u32..5,
            unit in 0u8..3,
            weekday in proptest::option::of(0u8..7),
        ) {
            let start = oslo("2026-01-01 00:00")
                + chrono::Duration::days(days)
                + chrono::Duration::minutes(minutes);
            let mut series = entry("1d");
            series.every = Some(match unit {
                0 => Offset::Days(every),
                1 => Offset::Weeks(every),
                _ => Offset::Months(every),
            });
            series.weekday = weekday.map(|d| [
                ScheduleWeekday::Monday, ScheduleWeekday::Tuesday, ScheduleWeekday::Wednesday,
                ScheduleWeekday::Thursday, ScheduleWeekday::Friday, ScheduleWeekday::Saturday,
                ScheduleWeekday::Sunday,
            ][usize::from(d)]);
            let mut previous: Option<Occurrence> = None;
            for n in 0..30 {
                let o = series.occurrence(n, start, FAR);
                prop_assert!(o.is_some());
                let o = o.unwrap_or_else(|| unreachable!());
                prop_assert!(o.due_at > start);
                prop_assert!(o.due_at <= o.overdue_at && o.overdue_at <= o.expires_at);
                let local = o.due_at.with_timezone(&ZONE);
                prop_assert_eq!(local.time(), DEFAULT_TIME);
                if let (Some(d), Some(Offset::Weeks(_))) = (series.weekday, series.every) {
                    prop_assert_eq!(local.weekday(), Weekday::from(d));
                }
                if let Some(p) = previous {
                    prop_assert!(o.due_at > p.due_at);
                    prop_assert!(p.expires_at <= o.expires_at);
                }
                previous = Some(o);
            }
        }

        #[test]
        fn adding_months_lands_in_the_right_month_on_the_same_or_the_last_day(
            days in 0i64..20000,
            months in 0u32..40,
        ) {
            let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
            let later = add(date, Offset::Months(months), 1).unwrap_or_default();
            let month_index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
            prop_assert_eq!(month_index(later), month_index(date) + months as i32);
            let last_of_month = later.succ_opt().is_none_or(|n| n.month() != later.month());
            prop_assert!(later.day() == date.day() || (later.day() < date.day() && last_of_month));
        }
    }
}
