//! Appointments (issue 15, item 2; decision 0036): a video consultation, a group video
//! session or a visit on site, booked by the care team of the unit that runs the
//! enrollment, for one patient or (a group session) up to its capacity. carepath does not
//! build video: a video appointment carries a link to the hospital's own video service,
//! made from a configured address. A group course on site (decision 0046) is a session
//! of one program that the unit plans without a patient and the program's patients sign
//! up for themselves. The rules of booking, moving and cancelling are here.

use chrono::{DateTime, Duration, Utc};

use crate::Id;
use crate::enrollment::Enrollment;
use crate::organization::Unit;
use crate::patient::Patient;
use crate::user::UserAccount;

/// What kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentKind {
    /// A video consultation with one patient.
    Video,
    /// A group session by video, with a capacity.
    Group,
    /// A visit at the hospital.
    OnSite,
    /// A group course on site for the patients of one program (the IBS school on site),
    /// with a place and a capacity; patients sign up themselves (decision 0046).
    GroupCourse,
}

impl AppointmentKind {
    pub const ALL: [AppointmentKind; 4] =
        [Self::Video, Self::Group, Self::OnSite, Self::GroupCourse];
    /// What is booked for one patient (a group course is planned without one).
    pub const BOOKED: [AppointmentKind; 3] = [Self::Video, Self::Group, Self::OnSite];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Video => "video",
            Self::Group => "group",
            Self::OnSite => "on-site",
            Self::GroupCourse => "group-course",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether it is held in the hospital's video service (and has a join link).
    pub fn is_video(self) -> bool {
        matches!(self, Self::Video | Self::Group)
    }

    /// Whether it takes several patients up to a capacity.
    pub fn is_group(self) -> bool {
        matches!(self, Self::Group | Self::GroupCourse)
    }

    /// The kind of work its activity code is for.
    pub fn activity(self) -> crate::activity::ActivityKind {
        use crate::activity::ActivityKind;
        match self {
            Self::Video => ActivityKind::Video,
            Self::Group | Self::GroupCourse => ActivityKind::Group,
            Self::OnSite => ActivityKind::OnSite,
        }
    }
}

/// Where an appointment stands (the FHIR `Appointment.status` of the same name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentStatus {
    Booked,
    /// Held, and recorded as such (with its activity codes).
    Fulfilled,
    Cancelled,
}

impl AppointmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Fulfilled => "fulfilled",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Booked, Self::Fulfilled, Self::Cancelled]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One patient in an appointment.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub patient_id: Id<Patient>,
    pub enrollment_id: Id<Enrollment>,
    /// The patient's name, for the care team's pages.
    pub name: String,
    /// Whether they came (set when the appointment is recorded as held).
    pub attended: Option<bool>,
}

/// An appointment with its participants.
#[derive(Debug, Clone, PartialEq)]
pub struct Appointment {
    pub id: Id<Appointment>,
    pub unit_id: Id<Unit>,
    pub kind: AppointmentKind,
    pub status: AppointmentStatus,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    /// How many patients a group session takes (1 for the other kinds).
    pub capacity: u32,
    /// Where, for a visit on site (a room, a floor), as the team wrote it.
    pub place: Option<String>,
    /// The link into the hospital's video service, for video kinds.
    pub join_url: Option<String>,
    /// The program whose patients a group course is for (its key).
    pub program: Option<String>,
    pub booked_by: Id<UserAccount>,
    pub created_at: DateTime<Utc>,
    pub version: i64,
    pub participants: Vec<Participant>,
}

impl Appointment {
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::minutes(self.minutes.into())
    }

    /// Places left in a group session (0 for a full one or another kind).
    pub fn free_places(&self) -> u32 {
        self.capacity
            .saturating_sub(u32::try_from(self.participants.len()).unwrap_or(u32::MAX))
    }

    pub fn has(&self, patient: Id<Patient>) -> bool {
        self.participants.iter().any(|p| p.patient_id == patient)
    }

    /// Still to come and not cancelled: what a patient's list of upcoming appointments
    /// shows and what may be moved, cancelled or joined.
    pub fn is_upcoming(&self, now: DateTime<Utc>) -> bool {
        self.status == AppointmentStatus::Booked && self.end() > now
    }
}

/// The shortest and longest appointment, in minutes.
pub const MINUTES: std::ops::RangeInclusive<u32> = 5..=480;
/// The largest group session.
pub const CAPACITY: std::ops::RangeInclusive<u32> = 2..=50;
/// The longest place text.
pub const PLACE_MAX: usize = 200;
/// A questionnaire asked after a group course is overdue this long after the session is
/// recorded as held, and closes unanswered after `ASKED_EXPIRES`.
pub const ASKED_OVERDUE: Duration = Duration::days(7);
pub const ASKED_EXPIRES: Duration = Duration::days(21);
/// How long before an appointment its reminder goes.
pub const REMIND_BEFORE: Duration = Duration::hours(24);

/// Why a booking or a change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingProblem {
    /// The time is not a date and time in the future.
    NotInFuture,
    /// The length is outside [`MINUTES`].
    Minutes,
    /// A group's capacity is outside [`CAPACITY`].
    Capacity,
    /// A visit on site needs a place; or the place is too long.
    Place,
    /// Video needs the hospital's video service, and none is configured.
    NoVideoService,
    /// The group session is full.
    Full,
    /// The patient is in it already.
    AlreadyIn,
    /// It was cancelled or held, or it is over: it cannot change.
    Closed,
}

/// A booking as asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub kind: AppointmentKind,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub capacity: u32,
    pub place: Option<String>,
}

/// Checks a new booking at `now`, with or without a video service configured.
pub fn check_booking(b: &Booking, video: bool, now: DateTime<Utc>) -> Result<(), BookingProblem> {
    if b.start <= now {
        return Err(BookingProblem::NotInFuture);
    }
    if !MINUTES.contains(&b.minutes) {
        return Err(BookingProblem::Minutes);
    }
    if b.kind.is_group() && !CAPACITY.contains(&b.capacity) {
        return Err(BookingProblem::Capacity);
    }
    let place = b.place.as_deref().map(str::trim).unwrap_or_default();
    let on_site = matches!(
        b.kind,
        AppointmentKind::OnSite | AppointmentKind::GroupCourse
    );
    if (on_site && place.is_empty()) || place.chars().count() > PLACE_MAX {
        return Err(BookingProblem::Place);
    }
    if b.kind.is_video() && !video {
        return Err(BookingProblem::NoVideoService);
    }
    Ok(())
}

/// Checks moving `a` to `start` at `now`.
pub fn check_move(
    a: &Appointment,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), BookingProblem> {
    if !a.is_upcoming(now) {
        return Err(BookingProblem::Closed);
    }
    if start <= now {
        return Err(BookingProblem::NotInFuture);
    }
    Ok(())
}

/// Checks adding `patient` to group session `a` at `now`.
pub fn check_join(
    a: &Appointment,
    patient: Id<Patient>,
    now: DateTime<Utc>,
) -> Result<(), BookingProblem> {
    if !a.is_upcoming(now) || !a.kind.is_group() {
        return Err(BookingProblem::Closed);
    }
    if a.has(patient) {
        return Err(BookingProblem::AlreadyIn);
    }
    if a.free_places() == 0 {
        return Err(BookingProblem::Full);
    }
    Ok(())
}

/// Checks a patient of program `program` signing up for group course `a` themselves at
/// `now`: a course of their program, not yet begun, with a free place.
pub fn check_sign_up(
    a: &Appointment,
    patient: Id<Patient>,
    program: &str,
    now: DateTime<Utc>,
) -> Result<(), BookingProblem> {
    if a.kind != AppointmentKind::GroupCourse
        || a.program.as_deref() != Some(program)
        || a.start <= now
    {
        return Err(BookingProblem::Closed);
    }
    check_join(a, patient, now)
}

/// Checks a patient taking themselves off group course `a` at `now`: until it begins.
pub fn check_withdraw(
    a: &Appointment,
    patient: Id<Patient>,
    now: DateTime<Utc>,
) -> Result<(), BookingProblem> {
    if a.kind != AppointmentKind::GroupCourse
        || a.status != AppointmentStatus::Booked
        || a.start <= now
        || !a.has(patient)
    {
        return Err(BookingProblem::Closed);
    }
    Ok(())
}

/// Whether `a` may be recorded as held at `now`: booked, and begun.
pub fn may_record(a: &Appointment, now: DateTime<Utc>) -> bool {
    a.status == AppointmentStatus::Booked && a.start <= now
}

/// The hospital's video service: an address with `{room}` where each meeting's own room
/// goes (`https://video.sykehus.no/rom/{room}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoService(String);

impl VideoService {
    /// The service at `template`, which must be an https address with `{room}` in it.
    pub fn new(template: &str) -> Option<Self> {
        let t = template.trim();
        (t.starts_with("https://") && t.contains("{room}") && !t.contains(char::is_whitespace))
            .then(|| Self(t.to_owned()))
    }

    /// The join link of `room`.
    pub fn link(&self, room: &str) -> String {
        self.0.replace("{room}", room)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("a time")
    }

    fn booking(kind: AppointmentKind) -> Booking {
        Booking {
            kind,
            start: at("2026-12-01T09:00:00Z"),
            minutes: 30,
            capacity: if kind.is_group() { 8 } else { 1 },
            place: matches!(kind, AppointmentKind::OnSite | AppointmentKind::GroupCourse)
                .then(|| "Poliklinikken".to_owned()),
        }
    }

    fn appointment(capacity: u32, patients: usize) -> Appointment {
        Appointment {
            id: Id::new(),
            unit_id: Id::new(),
            kind: AppointmentKind::Group,
            status: AppointmentStatus::Booked,
            start: at("2026-12-01T09:00:00Z"),
            minutes: 60,
            capacity,
            place: None,
            join_url: None,
            program: None,
            booked_by: Id::new(),
            created_at: at("2026-11-01T09:00:00Z"),
            version: 1,
            participants: (0..patients)
                .map(|_| Participant {
                    patient_id: Id::new(),
                    enrollment_id: Id::new(),
                    name: String::new(),
                    attended: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_booking_is_in_the_future_with_a_sane_length_and_place() {
        let now = at("2026-11-30T09:00:00Z");
        for kind in AppointmentKind::ALL {
            assert_eq!(check_booking(&booking(kind), true, now), Ok(()));
        }
        let past = Booking {
            start: now,
            ..booking(AppointmentKind::Video)
        };
        assert_eq!(
            check_booking(&past, true, now),
            Err(BookingProblem::NotInFuture)
        );
        for minutes in [4, 481] {
            let b = Booking {
                minutes,
                ..booking(AppointmentKind::Video)
            };
            assert_eq!(check_booking(&b, true, now), Err(BookingProblem::Minutes));
        }
        for capacity in [1, 51] {
            let b = Booking {
                capacity,
                ..booking(AppointmentKind::Group)
            };
            assert_eq!(check_booking(&b, true, now), Err(BookingProblem::Capacity));
        }
        let nowhere = Booking {
            place: Some("  ".into()),
            ..booking(AppointmentKind::OnSite)
        };
        assert_eq!(
            check_booking(&nowhere, true, now),
            Err(BookingProblem::Place)
        );
        assert_eq!(
            check_booking(&booking(AppointmentKind::Video), false, now),
            Err(BookingProblem::NoVideoService)
        );
        assert_eq!(
            check_booking(&booking(AppointmentKind::OnSite), false, now),
            Ok(())
        );
        // A group course is on site: a place and a capacity, no video service needed.
        assert_eq!(
            check_booking(&booking(AppointmentKind::GroupCourse), false, now),
            Ok(())
        );
        let course_nowhere = Booking {
            place: None,
            ..booking(AppointmentKind::GroupCourse)
        };
        assert_eq!(
            check_booking(&course_nowhere, false, now),
            Err(BookingProblem::Place)
        );
        let alone = Booking {
            capacity: 1,
            ..booking(AppointmentKind::GroupCourse)
        };
        assert_eq!(
            check_booking(&alone, false, now),
            Err(BookingProblem::Capacity)
        );
    }

    #[test]
    fn a_patient_signs_up_for_a_course_of_their_program_before_it_begins() {
        let now = at("2026-11-30T09:00:00Z");
        let course = Appointment {
            kind: AppointmentKind::GroupCourse,
            program: Some("ibs-school".into()),
            ..appointment(2, 1)
        };
        let me = Id::new();
        assert_eq!(check_sign_up(&course, me, "ibs-school", now), Ok(()));
        assert_eq!(
            check_sign_up(&course, me, "hjemmeoppfolging", now),
            Err(BookingProblem::Closed)
        );
        assert_eq!(
            check_sign_up(&course, me, "ibs-school", course.start),
            Err(BookingProblem::Closed)
        );
        let full = Appointment {
            kind: AppointmentKind::GroupCourse,
            program: Some("ibs-school".into()),
            ..appointment(1, 1)
        };
        assert_eq!(
            check_sign_up(&full, me, "ibs-school", now),
            Err(BookingProblem::Full)
        );
        // A video group is the team's to fill, not the patient's.
        let video = Appointment {
            program: Some("ibs-school".into()),
            ..appointment(3, 0)
        };
        assert_eq!(
            check_sign_up(&video, me, "ibs-school", now),
            Err(BookingProblem::Closed)
        );
        let inside = course.participants[0].patient_id;
        assert_eq!(check_withdraw(&course, inside, now), Ok(()));
        assert_eq!(
            check_withdraw(&course, me, now),
            Err(BookingProblem::Closed)
        );
        assert_eq!(
            check_withdraw(&course, inside, course.start),
            Err(BookingProblem::Closed)
        );
    }

    #[test]
    fn a_group_takes_patients_up_to_its_capacity_once_each() {
        let now = at("2026-11-30T09:00:00Z");
        let a = appointment(3, 2);
        assert_eq!(a.free_places(), 1);
        assert_eq!(check_join(&a, Id::new(), now), Ok(()));
        assert_eq!(
            check_join(&a, a.participants[0].patient_id, now),
            Err(BookingProblem::AlreadyIn)
        );
        let full = appointment(2, 2);
        assert_eq!(check_join(&full, Id::new(), now), Err(BookingProblem::Full));
        let cancelled = Appointment {
            status: AppointmentStatus::Cancelled,
            ..appointment(3, 0)
        };
        assert_eq!(
            check_join(&cancelled, Id::new(), now),
            Err(BookingProblem::Closed)
        );
    }

    #[test]
    fn only_a_booked_appointment_to_come_moves_and_only_a_begun_one_is_held() {
        let a = appointment(3, 1);
        let before = at("2026-11-30T09:00:00Z");
        let after = at("2026-12-01T11:00:00Z");
        assert_eq!(check_move(&a, at("2026-12-02T09:00:00Z"), before), Ok(()));
        assert_eq!(
            check_move(&a, before, before),
            Err(BookingProblem::NotInFuture)
        );
        assert_eq!(
            check_move(&a, at("2026-12-02T09:00:00Z"), after),
            Err(BookingProblem::Closed)
        );
        assert!(!may_record(&a, before));
        assert!(may_record(&a, at("2026-12-01T09:00:00Z")));
    }

    #[test]
    fn the_video_service_is_an_https_address_with_a_room() {
        let v = VideoService::new("https://video.sykehus.example/rom/{room}").expect("valid");
        assert_eq!(v.link("abc"), "https://video.sykehus.example/rom/abc");
        assert_eq!(VideoService::new("http://video.example/{room}"), None);
        assert_eq!(VideoService::new("https://video.example/"), None);
    }
}
