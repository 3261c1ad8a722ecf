//! Appointments (decision 0036): booked, moved, cancelled and recorded as held by the
//! unit that owns them, with their patients. Every change checks the version the person
//! saw, so two people never book the last place of a group twice. Nothing here decides
//! whether a booking is allowed; `carepath_domain::appointment` does.

use std::collections::HashMap;

use carepath_domain::Id;
use carepath_domain::appointment::{Appointment, AppointmentKind, AppointmentStatus, Participant};
use carepath_domain::audit::AuditEvent;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::activity::NewActivity;
use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// A new appointment, with its first patient (if any) and the request it answers.
#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub id: Id<Appointment>,
    pub unit: Id<Unit>,
    pub kind: AppointmentKind,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub capacity: u32,
    pub place: Option<String>,
    pub join_url: Option<String>,
    /// The program a group course is for (its key).
    pub program: Option<String>,
    pub booked_by: Id<UserAccount>,
    pub patient: Option<(Id<Patient>, Id<Enrollment>)>,
    /// The open request for an appointment it answers, marked handled with this note.
    pub request: Option<(String, String)>,
}

/// A change to an appointment at the version its author saw.
#[derive(Debug, Clone)]
pub enum Change {
    Move(DateTime<Utc>),
    Cancel,
    /// Adds the patient of an enrollment; from their open request (marked handled with
    /// the note) when given.
    Add {
        patient: Id<Patient>,
        enrollment: Id<Enrollment>,
        request: Option<(String, String)>,
    },
    Remove(Id<Patient>),
    /// Held: who came, the coded work of each patient who did, and the questionnaire
    /// each is asked about it (a group course's satisfaction questionnaire).
    Record {
        attended: Vec<(Id<Patient>, bool)>,
        activities: Vec<NewActivity>,
        asked: Vec<AskAfter>,
    },
}

/// A questionnaire asked of a patient about an appointment they came to (decision 0046):
/// a task outside the program's schedule that names the appointment, open from `due`
/// and gone at `expires`. The scheduler's next pass sends its one reminder.
#[derive(Debug, Clone)]
pub struct AskAfter {
    pub enrollment: Id<Enrollment>,
    pub patient: Id<Patient>,
    pub unit: Id<Unit>,
    pub questionnaire: String,
    pub due: DateTime<Utc>,
    pub overdue: DateTime<Utc>,
    pub expires: DateTime<Utc>,
}

/// The schedule entry of tasks asked after an appointment: none of the program's.
pub const ASKED_AFTER_APPOINTMENT: i64 = -1;

/// What the outcome report counts of a program's group courses: per participant of a
/// held session, when it was, whether they came, and the band of their "would you
/// recommend it?" answer when they gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCourseSeat {
    pub session: Id<Appointment>,
    pub start: DateTime<Utc>,
    pub attended: bool,
    pub recommend_band: Option<String>,
}
#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    unit_id: String,
    kind: String,
    status: String,
    start_at: DateTime<Utc>,
    minutes: i64,
    capacity: i64,
    place: Option<String>,
    join_url: Option<String>,
    program_key: Option<String>,
    booked_by: String,
    created_at: DateTime<Utc>,
    version: i64,
}

const COLUMNS: &str = "a.id, a.unit_id, a.kind, a.status, a.start_at, a.minutes, a.capacity,
     a.place, a.join_url, a.program_key, a.booked_by, a.created_at, a.version";

fn appointment(r: Row) -> Result<Appointment> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("an appointment's {what} is unknown"));
    Ok(Appointment {
        id: parse_id(&r.id)?,
        unit_id: parse_id(&r.unit_id)?,
        kind: AppointmentKind::parse(&r.kind).ok_or_else(|| corrupt("kind"))?,
        status: AppointmentStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
        start: r.start_at,
        minutes: u32::try_from(r.minutes).unwrap_or(0),
        capacity: u32::try_from(r.capacity).unwrap_or(0),
        place: r.place,
        join_url: r.join_url,
        program: r.program_key,
        booked_by: parse_id(&r.booked_by)?,
        created_at: r.created_at,
        version: r.version,
        participants: Vec::new(),
    })
}

/// Adds a patient to an appointment inside a transaction.
macro_rules! insert_participant {
    ($tx:expr, $appointment:expr, $patient:expr, $enrollment:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO appointment_participants (appointment_id, patient_id, enrollment_id, added_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind($appointment.to_string())
        .bind($patient.to_string())
        .bind($enrollment.to_string())
        .bind($now)
        .execute(&mut **$tx)
        .await?
    };
}

/// Marks an open request for an appointment handled by the booking, inside a
/// transaction.
macro_rules! handle_request {
    ($tx:expr, $request:expr, $by:expr, $note:expr, $now:expr) => {
        sqlx::query(
            "UPDATE consultation_answers SET status = 'handled', handled_by = $2,
                    handled_at = $3, note = $4, version = version + 1
             WHERE id = $1 AND status = 'open'",
        )
        .bind($request)
        .bind($by.to_string())
        .bind($now)
        .bind($note)
        .execute(&mut **$tx)
        .await?
    };
}

impl Store {
    /// Loads `rows` with their participants (one query for all of them).
    async fn with_participants(&self, rows: Vec<Row>) -> Result<Vec<Appointment>> {
        let mut found: Vec<Appointment> =
            rows.into_iter().map(appointment).collect::<Result<_>>()?;
        if found.is_empty() {
            return Ok(found);
        }
        let ids: Vec<String> = found.iter().map(|a| a.id.to_string()).collect();
        type PRow = (String, String, String, String, Option<i64>);
        let rows: Vec<PRow> = on_pool!(self, |pool| {
            let mut query = sqlx::QueryBuilder::new(
                "SELECT ap.appointment_id, ap.patient_id, ap.enrollment_id, p.name, ap.attended
                 FROM appointment_participants ap JOIN patients p ON p.id = ap.patient_id
                 WHERE ap.appointment_id IN (",
            );
            let mut list = query.separated(", ");
            for id in &ids {
                list.push_bind(id.as_str());
            }
            query.push(") ORDER BY ap.added_at, p.name");
            query
                .build_query_as()
                .persistent(false)
                .fetch_all(pool)
                .await
        })?;
        let mut by: HashMap<String, Vec<Participant>> = HashMap::new();
        for (appointment, patient, enrollment, name, attended) in rows {
            by.entry(appointment).or_default().push(Participant {
                patient_id: parse_id(&patient)?,
                enrollment_id: parse_id(&enrollment)?,
                name,
                attended: attended.map(|a| a != 0),
            });
        }
        for a in &mut found {
            a.participants = by.remove(&a.id.to_string()).unwrap_or_default();
        }
        Ok(found)
    }

    /// One appointment, with its patients.
    pub async fn appointment(&self, id: Id<Appointment>) -> Result<Option<Appointment>> {
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM appointments a WHERE a.id = $1"
            )))
            .bind(id.to_string())
            .fetch_all(pool)
            .await
        })?;
        Ok(self.with_participants(rows).await?.pop())
    }

    /// The appointments of `unit` that end after `from` (cancelled ones too), by start.
    pub async fn unit_appointments(
        &self,
        unit: Id<Unit>,
        from: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<Appointment>> {
        // The longest appointment is 8 hours: one that began that long ago has ended.
        let since = from
            .checked_sub_signed(chrono::Duration::hours(8))
            .unwrap_or(from);
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM appointments a WHERE a.unit_id = $1 AND a.start_at >= $2
                 ORDER BY a.start_at, a.id LIMIT $3"
            )))
            .bind(unit.to_string())
            .bind(since)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        let mut found = self.with_participants(rows).await?;
        found.retain(|a| a.end() > from);
        Ok(found)
    }

    /// Every appointment `patient` is in, by start.
    pub async fn patient_appointments(&self, patient: Id<Patient>) -> Result<Vec<Appointment>> {
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM appointments a
                 WHERE a.id IN (SELECT ap.appointment_id FROM appointment_participants ap
                                WHERE ap.patient_id = $1)
                 ORDER BY a.start_at, a.id"
            )))
            .bind(patient.to_string())
            .fetch_all(pool)
            .await
        })?;
        self.with_participants(rows).await
    }

    /// Books `a`, marks the request it answers handled, with the access-log `audit`
    /// events, in one transaction.
    pub async fn book_appointment(
        &self,
        a: &NewAppointment,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO appointments (id, unit_id, kind, status, start_at, minutes, capacity,
                     place, join_url, booked_by, created_at, updated_at, program_key)
                 VALUES ($1, $2, $3, 'booked', $4, $5, $6, $7, $8, $9, $10, $10, $11)",
            )
            .bind(a.id.to_string())
            .bind(a.unit.to_string())
            .bind(a.kind.as_str())
            .bind(a.start)
            .bind(i64::from(a.minutes))
            .bind(i64::from(a.capacity))
            .bind(&a.place)
            .bind(&a.join_url)
            .bind(a.booked_by.to_string())
            .bind(now)
            .bind(&a.program)
            .execute(&mut **tx)
            .await?;
            if let Some((patient, enrollment)) = a.patient {
                insert_participant!(tx, a.id, patient, enrollment, now);
            }
            if let Some((request, note)) = &a.request {
                handle_request!(tx, request, a.booked_by, note, now);
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        if a.request.is_some() {
            self.worklist_changed();
        }
        Ok(())
    }

    /// Applies `change` by `by` to appointment `id` if it is still at `version` (else
    /// `Conflict`), with the access-log `audit` events.
    pub async fn change_appointment(
        &self,
        (id, version): (Id<Appointment>, i64),
        by: Id<UserAccount>,
        change: &Change,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        let status = match change {
            Change::Cancel => "cancelled",
            Change::Record { .. } => "fulfilled",
            _ => "booked",
        };
        let start = match change {
            Change::Move(start) => Some(*start),
            _ => None,
        };
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE appointments SET status = $3, start_at = COALESCE($4, start_at),
                        version = version + 1, updated_at = $5
                 WHERE id = $1 AND version = $2 AND status = 'booked'",
            )
            .bind(id.to_string())
            .bind(version)
            .bind(status)
            .bind(start)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            match change {
                Change::Add {
                    patient,
                    enrollment,
                    request,
                } => {
                    insert_participant!(tx, id, *patient, *enrollment, now);
                    if let Some((request, note)) = request {
                        handle_request!(tx, request, by, note, now);
                    }
                }
                Change::Remove(patient) => {
                    sqlx::query(
                        "DELETE FROM appointment_participants
                         WHERE appointment_id = $1 AND patient_id = $2",
                    )
                    .bind(id.to_string())
                    .bind(patient.to_string())
                    .execute(&mut **tx)
                    .await?;
                }
                Change::Record {
                    attended,
                    activities,
                    asked,
                } => {
                    for (patient, came) in attended {
                        sqlx::query(
                            "UPDATE appointment_participants SET attended = $3
                             WHERE appointment_id = $1 AND patient_id = $2",
                        )
                        .bind(id.to_string())
                        .bind(patient.to_string())
                        .bind(i64::from(*came))
                        .execute(&mut **tx)
                        .await?;
                    }
                    for activity in activities {
                        crate::activity::insert_activity!(tx, activity);
                    }
                    for ask in asked {
                        sqlx::query(
                            "INSERT INTO tasks (id, enrollment_id, patient_id, unit_id, questionnaire_key,
                                 schedule_entry, occurrence, status, due_at, overdue_at, expires_at,
                                 version, updated_at, next_reminder_at, appointment_id)
                             SELECT $1, $2, $3, $4, $5, $6, COALESCE(MAX(occurrence), 0) + 1, 'open',
                                    $7, $8, $9, 1, $10, $10, $11
                             FROM tasks WHERE enrollment_id = $2 AND schedule_entry = $6",
                        )
                        .bind(Id::<crate::task::Task>::new().to_string())
                        .bind(ask.enrollment.to_string())
                        .bind(ask.patient.to_string())
                        .bind(ask.unit.to_string())
                        .bind(&ask.questionnaire)
                        .bind(ASKED_AFTER_APPOINTMENT)
                        .bind(ask.due)
                        .bind(ask.overdue)
                        .bind(ask.expires)
                        .bind(now)
                        .bind(id.to_string())
                        .execute(&mut **tx)
                        .await?;
                    }
                }
                Change::Move(_) | Change::Cancel => {}
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        if matches!(
            change,
            Change::Add {
                request: Some(_),
                ..
            }
        ) {
            self.worklist_changed();
        }
        Ok(())
    }

    /// The patients of booked appointments that start within `before` of `now` and whose
    /// reminder for this start has not gone: (appointment, patient, start).
    pub async fn appointment_reminders_due(
        &self,
        now: DateTime<Utc>,
        before: chrono::Duration,
        limit: i64,
    ) -> Result<Vec<(Id<Appointment>, Id<Patient>, DateTime<Utc>)>> {
        let rows: Vec<(String, String, DateTime<Utc>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT a.id, ap.patient_id, a.start_at
                 FROM appointments a JOIN appointment_participants ap ON ap.appointment_id = a.id
                 WHERE a.status = 'booked' AND a.start_at > $1 AND a.start_at <= $2
                   AND (ap.reminded_start IS NULL OR ap.reminded_start <> a.start_at)
                 ORDER BY a.start_at, a.id, ap.patient_id LIMIT $3",
            )
            .bind(now)
            .bind(now + before)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(a, p, start)| Ok((parse_id(&a)?, parse_id(&p)?, start)))
            .collect()
    }

    /// The participants of the held group courses of program `program` in `units` (every
    /// unit when `None`), whose enrollment is of one of `versions`; only patients who
    /// consented to research when `consenting_only`. With the band of the score
    /// `recommend` of the questionnaire they answered about the session, if any.
    pub async fn group_course_seats(
        &self,
        program: &str,
        versions: &[String],
        units: Option<&[String]>,
        consenting_only: bool,
        recommend: &str,
    ) -> Result<Vec<GroupCourseSeat>> {
        if versions.is_empty() {
            return Ok(Vec::new());
        }
        type SeatRow = (String, DateTime<Utc>, Option<i64>, Option<String>);
        let rows: Vec<SeatRow> = on_pool!(self, |pool| {
            let mut q = sqlx::QueryBuilder::new(
                "SELECT a.id, a.start_at, ap.attended, o.band
                 FROM appointments a
                 JOIN appointment_participants ap ON ap.appointment_id = a.id
                 JOIN enrollments e ON e.id = ap.enrollment_id
                 LEFT JOIN tasks t ON t.appointment_id = a.id AND t.enrollment_id = e.id
                      AND t.status = 'completed'
                 LEFT JOIN observations o ON o.response_id = t.response_id AND o.code = ",
            );
            q.push_bind(recommend.to_owned());
            q.push(
                " WHERE a.kind = 'group-course' AND a.status = 'fulfilled' AND a.program_key = ",
            );
            q.push_bind(program.to_owned());
            q.push(" AND e.program_version_id IN (");
            let mut list = q.separated(", ");
            for v in versions {
                list.push_bind(v.clone());
            }
            q.push(")");
            if let Some(units) = units {
                q.push(" AND a.unit_id IN (");
                let mut list = q.separated(", ");
                for u in units {
                    list.push_bind(u.clone());
                }
                q.push(")");
            }
            if consenting_only {
                q.push(
                    " AND EXISTS (SELECT 1 FROM research_consents c
                                  WHERE c.patient_id = e.patient_id AND c.status = 'active')",
                );
            }
            q.push(" ORDER BY a.start_at, a.id");
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(id, start, attended, band)| {
                Ok(GroupCourseSeat {
                    session: parse_id(&id)?,
                    start,
                    attended: attended == Some(1),
                    recommend_band: band,
                })
            })
            .collect()
    }

    /// Notes that `patient`'s reminder of the appointment starting at `start` went.
    pub async fn appointment_reminded(
        &self,
        id: Id<Appointment>,
        patient: Id<Patient>,
        start: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE appointment_participants SET reminded_start = $3
                 WHERE appointment_id = $1 AND patient_id = $2",
            )
            .bind(id.to_string())
            .bind(patient.to_string())
            .bind(start)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }
}
