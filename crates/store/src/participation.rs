//! Taking courses (decision 0042): registrations with the participant's profile, the
//! lessons they finished with their answers, and their seats at local offerings. A seat
//! is given and a cancelled place handed to the first on the waiting list inside one
//! transaction that holds the offering's row, so two bookings never take the last place.

use carepath_domain::Id;
use carepath_domain::course::Course;
use carepath_domain::course::certificate::Certificate;
use carepath_domain::course::offering::{Offering, OfferingStatus, RegistrationClosed, Seat, seat};
use carepath_domain::course::participation::{Profession, Profile, Progress, SeatStatus};
use carepath_domain::region::Region;
use carepath_domain::user::{Role, UserAccount};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::types::Json;

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// One seat at an offering, as the organiser's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatRow {
    pub user: Id<UserAccount>,
    pub name: String,
    pub status: SeatStatus,
    /// The place in the queue (the order booked).
    pub seq: i64,
    /// `None` until the organiser marks it.
    pub present: Option<bool>,
    pub profile: Option<Profile>,
}

/// A booking of the participant's, with its offering.
#[derive(Debug, Clone)]
pub struct Booking {
    pub offering: Offering,
    pub status: SeatStatus,
    pub present: Option<bool>,
    /// For a place on the waiting list: how many are before it.
    pub ahead: i64,
}

fn profile(profession: &str, workplace: String, region: &str) -> Result<Profile> {
    Ok(Profile {
        profession: Profession::parse(profession)
            .ok_or_else(|| StoreError::Corrupt("a participant's profession".into()))?,
        workplace,
        region: Region::parse(region)
            .ok_or_else(|| StoreError::Corrupt("a participant's region".into()))?,
    })
}

fn seat_status(s: &str) -> Result<SeatStatus> {
    SeatStatus::parse(s).ok_or_else(|| StoreError::Corrupt("a seat's status".into()))
}

fn present(s: Option<&str>) -> Option<bool> {
    s.map(|s| s == "present")
}

impl Store {
    /// Registers `user` for `course`, or updates their profile when they already are.
    pub async fn register_participant(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
        p: &Profile,
        now: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO course_participants (course_id, user_id, profession, workplace, region, registered_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (course_id, user_id) DO UPDATE
                 SET profession = excluded.profession, workplace = excluded.workplace, region = excluded.region",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .bind(p.profession.as_str())
            .bind(p.workplace.trim())
            .bind(p.region.code())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// The profile `user` registered for `course` with, if they did.
    pub async fn participant(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
    ) -> Result<Option<Profile>> {
        let row: Option<(String, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT profession, workplace, region FROM course_participants
                 WHERE course_id = $1 AND user_id = $2",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(p, w, r)| profile(&p, w, &r)).transpose()
    }

    /// The courses `user` registered for.
    pub async fn courses_of(&self, user: Id<UserAccount>) -> Result<Vec<Id<Course>>> {
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT course_id FROM course_participants WHERE user_id = $1 ORDER BY registered_at",
            )
            .bind(user.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.iter().map(|(id,)| parse_id(id)).collect()
    }

    /// What `user` has done in `course`: lessons finished, day parts attended.
    pub async fn course_progress(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
    ) -> Result<Progress> {
        let lessons: Vec<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT part_key, lesson_key FROM course_lessons_done
                 WHERE course_id = $1 AND user_id = $2 ORDER BY done_at",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_all(pool)
            .await
        })?;
        let attended: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT DISTINCT o.part_key FROM course_seats s
                 JOIN course_offerings o ON o.id = s.offering_id
                 WHERE o.course_id = $1 AND s.user_id = $2 AND s.status = 'place'
                   AND s.attended = 'present'",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_all(pool)
            .await
        })?;
        Ok(Progress {
            lessons,
            attended: attended.into_iter().map(|(p,)| p).collect(),
        })
    }

    /// The answers `user` gave to a lesson's reflection questions, if they finished it.
    pub async fn lesson_answers(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
        part: &str,
        lesson: &str,
    ) -> Result<Option<Vec<String>>> {
        let row: Option<(Json<Vec<String>>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT answers FROM course_lessons_done
                 WHERE course_id = $1 AND user_id = $2 AND part_key = $3 AND lesson_key = $4",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .bind(part)
            .bind(lesson)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(a,)| a.0))
    }

    /// Keeps `user`'s answers to a lesson, which finishes it (answering again replaces
    /// them). The user must be registered for the course.
    pub async fn finish_lesson(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
        lesson: (&str, &str),
        answers: &[String],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let answers: Vec<&str> = answers.iter().map(|a| a.trim()).collect();
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO course_lessons_done (course_id, user_id, part_key, lesson_key, answers, done_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (course_id, user_id, part_key, lesson_key) DO UPDATE
                 SET answers = excluded.answers",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .bind(lesson.0)
            .bind(lesson.1)
            .bind(Json(&answers))
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Books `user` a seat at the offering on `today`: a place while there is one, else
    /// the waiting list ([`seat`] decides, on the count read under the offering's lock).
    /// A seat already held is kept as it is.
    pub async fn book_seat(
        &self,
        offering: Id<Offering>,
        user: Id<UserAccount>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<SeatStatus, RegistrationClosed>> {
        in_tx!(self, |tx| {
            // Holds the offering's row until the transaction ends (PostgreSQL; SQLite's
            // transaction already holds the database).
            let locked = sqlx::query("UPDATE course_offerings SET version = version WHERE id = $1")
                .bind(offering.to_string())
                .execute(&mut **tx)
                .await?
                .rows_affected();
            if locked == 0 {
                return Err(StoreError::NotFound("offering"));
            }
            let (status, deadline, capacity): (String, NaiveDate, i64) = sqlx::query_as(
                "SELECT status, deadline, capacity FROM course_offerings WHERE id = $1",
            )
            .bind(offering.to_string())
            .fetch_one(&mut **tx)
            .await?;
            let held: Option<(String,)> = sqlx::query_as(
                "SELECT status FROM course_seats WHERE offering_id = $1 AND user_id = $2",
            )
            .bind(offering.to_string())
            .bind(user.to_string())
            .fetch_optional(&mut **tx)
            .await?;
            if let Some((s,)) = &held {
                let s = seat_status(s)?;
                if s != SeatStatus::Cancelled {
                    return Ok(Ok(s));
                }
            }
            let (taken, last): (i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*) FILTER (WHERE status = 'place'), MAX(seq)
                 FROM course_seats WHERE offering_id = $1",
            )
            .bind(offering.to_string())
            .fetch_one(&mut **tx)
            .await?;
            let status = OfferingStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt("an offering's status".into()))?;
            let given = match seat(
                status,
                deadline,
                today,
                u32::try_from(taken).unwrap_or(u32::MAX),
                u32::try_from(capacity).unwrap_or(0),
            ) {
                Ok(Seat::Place) => SeatStatus::Place,
                Ok(Seat::Waiting) => SeatStatus::Waiting,
                Err(closed) => return Ok(Err(closed)),
            };
            sqlx::query(
                "INSERT INTO course_seats (offering_id, user_id, seq, status, booked_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (offering_id, user_id) DO UPDATE
                 SET seq = excluded.seq, status = excluded.status, booked_at = excluded.booked_at,
                     attended = NULL, marked_by = NULL, marked_at = NULL",
            )
            .bind(offering.to_string())
            .bind(user.to_string())
            .bind(last.unwrap_or(0) + 1)
            .bind(given.as_str())
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok(Ok(given))
        })
    }

    /// Cancels `user`'s seat. A place given up goes, in the same transaction, to the
    /// first on the waiting list, who is returned. Cancelling no seat does nothing.
    pub async fn cancel_seat(
        &self,
        offering: Id<Offering>,
        user: Id<UserAccount>,
    ) -> Result<Option<Id<UserAccount>>> {
        in_tx!(self, |tx| {
            sqlx::query("UPDATE course_offerings SET version = version WHERE id = $1")
                .bind(offering.to_string())
                .execute(&mut **tx)
                .await?;
            let held: Option<(String,)> = sqlx::query_as(
                "SELECT status FROM course_seats WHERE offering_id = $1 AND user_id = $2",
            )
            .bind(offering.to_string())
            .bind(user.to_string())
            .fetch_optional(&mut **tx)
            .await?;
            // Nothing held: nothing to commit, so returning early is safe.
            let Some((held,)) = held else {
                return Ok(None);
            };
            let held = seat_status(&held)?;
            if held == SeatStatus::Cancelled {
                return Ok(None);
            }
            sqlx::query(
                "UPDATE course_seats SET status = 'cancelled', attended = NULL
                 WHERE offering_id = $1 AND user_id = $2",
            )
            .bind(offering.to_string())
            .bind(user.to_string())
            .execute(&mut **tx)
            .await?;
            // Only a place given up moves the queue. (No early return: the transaction
            // commits at the end of this block.)
            let first: Option<(String,)> = if held == SeatStatus::Place {
                sqlx::query_as(
                    "SELECT user_id FROM course_seats WHERE offering_id = $1 AND status = 'waiting'
                     ORDER BY seq LIMIT 1",
                )
                .bind(offering.to_string())
                .fetch_optional(&mut **tx)
                .await?
            } else {
                None
            };
            if let Some((first,)) = &first {
                sqlx::query(
                    "UPDATE course_seats SET status = 'place' WHERE offering_id = $1 AND user_id = $2",
                )
                .bind(offering.to_string())
                .bind(first)
                .execute(&mut **tx)
                .await?;
            }
            first.map(|(f,)| parse_id(&f)).transpose()
        })
    }

    /// Every seat at the offering, in the order booked, with the participant's name and
    /// the profile they registered for the course with.
    pub async fn seats(&self, offering: Id<Offering>) -> Result<Vec<SeatRow>> {
        type Row = (
            String,
            String,
            String,
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT s.user_id, u.display_name, s.status, s.seq, s.attended,
                        p.profession, p.workplace, p.region
                 FROM course_seats s
                 JOIN users u ON u.id = s.user_id
                 JOIN course_offerings o ON o.id = s.offering_id
                 LEFT JOIN course_participants p ON p.course_id = o.course_id AND p.user_id = s.user_id
                 WHERE s.offering_id = $1 ORDER BY s.seq",
            )
            .bind(offering.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(user, name, status, seq, attended, p, w, r)| {
                Ok(SeatRow {
                    user: parse_id(&user)?,
                    name,
                    status: seat_status(&status)?,
                    seq,
                    present: present(attended.as_deref()),
                    profile: match (p, w, r) {
                        (Some(p), Some(w), Some(r)) => Some(profile(&p, w, &r)?),
                        _ => None,
                    },
                })
            })
            .collect()
    }

    /// `user`'s bookings in `course`, soonest day first.
    pub async fn bookings(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
    ) -> Result<Vec<Booking>> {
        let rows: Vec<(String, String, Option<String>, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT s.offering_id, s.status, s.attended,
                        (SELECT COUNT(*) FROM course_seats w
                         WHERE w.offering_id = s.offering_id AND w.status = 'waiting' AND w.seq < s.seq)
                 FROM course_seats s JOIN course_offerings o ON o.id = s.offering_id
                 WHERE o.course_id = $1 AND s.user_id = $2 ORDER BY o.day",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_all(pool)
            .await
        })?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, status, attended, ahead) in rows {
            let offering = self
                .offering(parse_id(&id)?)
                .await?
                .ok_or(StoreError::NotFound("offering"))?;
            out.push(Booking {
                offering,
                status: seat_status(&status)?,
                present: present(attended.as_deref()),
                ahead,
            });
        }
        Ok(out)
    }

    /// Marks whether `user`, holding a place, came. False when they hold no place.
    pub async fn mark_attendance(
        &self,
        offering: Id<Offering>,
        user: Id<UserAccount>,
        came: bool,
        by: Id<UserAccount>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE course_seats SET attended = $3, marked_by = $4, marked_at = $5
                 WHERE offering_id = $1 AND user_id = $2 AND status = 'place'",
            )
            .bind(offering.to_string())
            .bind(user.to_string())
            .bind(if came { "present" } else { "absent" })
            .bind(by.to_string())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(changed > 0)
    }
}

impl Store {
    /// How many hold a place at the offering, and how many wait.
    pub async fn seat_counts(&self, offering: Id<Offering>) -> Result<(i64, i64)> {
        on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FILTER (WHERE status = 'place'), COUNT(*) FILTER (WHERE status = 'waiting')
                 FROM course_seats WHERE offering_id = $1",
            )
            .bind(offering.to_string())
            .fetch_one(pool)
            .await
        })
        .map_err(Into::into)
    }
}

/// A fresh verification code: 80 random bits as 16 characters of base32.
fn new_code() -> String {
    base32::encode(
        base32::Alphabet::Rfc4648 { padding: false },
        &rand::random::<[u8; 10]>(),
    )
}

#[derive(sqlx::FromRow)]
struct CertificateRow {
    id: String,
    course_id: String,
    version_id: String,
    user_id: String,
    name: String,
    completed_on: NaiveDate,
    code: String,
    issued_at: DateTime<Utc>,
}

const CERTIFICATE_SQL: &str =
    "SELECT id, course_id, version_id, user_id, name, completed_on, code, issued_at
     FROM course_certificates";

impl Store {
    fn certificate_row(&self, r: CertificateRow) -> Result<(Certificate, String)> {
        Ok((
            Certificate {
                id: parse_id(&r.id)?,
                course_id: parse_id(&r.course_id)?,
                version_id: parse_id(&r.version_id)?,
                user_id: parse_id(&r.user_id)?,
                name: r.name,
                completed_on: r.completed_on,
                issued_at: r.issued_at,
            },
            self.crypto.decrypt(&r.code)?,
        ))
    }

    /// The last day on site `user` attended in `course`, if any.
    pub async fn attended_on(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
    ) -> Result<Option<NaiveDate>> {
        let row: Option<(Option<NaiveDate>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT MAX(o.day) FROM course_seats s JOIN course_offerings o ON o.id = s.offering_id
                 WHERE o.course_id = $1 AND s.user_id = $2 AND s.status = 'place' AND s.attended = 'present'",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.and_then(|(d,)| d))
    }

    /// `user`'s certificate of `course` with its code, if one was issued.
    pub async fn certificate_of(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
    ) -> Result<Option<(Certificate, String)>> {
        let row: Option<CertificateRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{CERTIFICATE_SQL} WHERE course_id = $1 AND user_id = $2"
            )))
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|r| self.certificate_row(r)).transpose()
    }

    /// Issues `c` with a new code, or returns the certificate already issued to the
    /// participant for the course (one each): the certificate and its code.
    pub async fn issue_certificate(&self, c: &Certificate) -> Result<(Certificate, String)> {
        let code = new_code();
        let inserted = on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO course_certificates (id, course_id, version_id, user_id, name, completed_on, code_index, code, issued_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (course_id, user_id) DO NOTHING",
            )
            .bind(c.id.to_string())
            .bind(c.course_id.to_string())
            .bind(c.version_id.to_string())
            .bind(c.user_id.to_string())
            .bind(&c.name)
            .bind(c.completed_on)
            .bind(self.crypto.index(&code))
            .bind(self.crypto.encrypt(&code))
            .bind(c.issued_at)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        if inserted == 0 {
            return self
                .certificate_of(c.course_id, c.user_id)
                .await?
                .ok_or(StoreError::NotFound("certificate"));
        }
        Ok((c.clone(), code))
    }

    /// The certificate a code (normalised) was printed on, if any.
    pub async fn certificate_by_code(&self, code: &str) -> Result<Option<Certificate>> {
        let index = self.crypto.index(code);
        let row: Option<CertificateRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{CERTIFICATE_SQL} WHERE code_index = $1"
            )))
            .bind(&index)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row
            .map(|r| self.certificate_row(r))
            .transpose()?
            .map(|(c, _)| c))
    }
}

/// What a request for a participant account did (decision 0044). Whoever asked is told
/// the same in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRequest {
    /// A new participant account, with a link to choose its password.
    Created,
    /// The participant account existed: a new link (a forgotten password).
    Renewed,
    /// The username belongs to a staff member or a patient: nothing was done.
    Refused,
}

impl Store {
    /// A participant account for `email` (its username) named `name`, and the e-mail with
    /// the link to choose its password, in one transaction. The link's token is made when
    /// the e-mail is delivered, so the outbox holds none. An account that exists gets a new
    /// link when it is a participant's only; a staff member's or a patient's is left alone.
    pub async fn request_participant_account(
        &self,
        email: &str,
        name: &str,
        lang: carepath_domain::Lang,
        public_url: &str,
        now: DateTime<Utc>,
    ) -> Result<AccountRequest> {
        use carepath_domain::message::{Channel, Content};
        let host = crate::outbox::message_host(public_url);
        let link = format!(
            "{}/logg-inn/nytt-passord/",
            public_url.trim_end_matches('/')
        );
        in_tx!(self, |tx| {
            let existing: Option<(String,)> =
                sqlx::query_as("SELECT id FROM users WHERE username = $1")
                    .bind(email)
                    .fetch_optional(&mut **tx)
                    .await?;
            let (user, outcome) = match existing {
                Some((id,)) => {
                    let roles: Vec<(String,)> =
                        sqlx::query_as("SELECT role FROM user_roles WHERE user_id = $1")
                            .bind(&id)
                            .fetch_all(&mut **tx)
                            .await?;
                    let participant = !roles.is_empty()
                        && roles.iter().all(|(r,)| r == Role::Participant.as_str());
                    let outcome = if participant {
                        AccountRequest::Renewed
                    } else {
                        AccountRequest::Refused
                    };
                    (id, outcome)
                }
                None => {
                    let id = Id::<UserAccount>::new().to_string();
                    sqlx::query(
                        "INSERT INTO users (id, username, display_name, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&id)
                    .bind(email)
                    .bind(name)
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO user_roles (id, user_id, role, unit_id) VALUES ($1, $2, $3, NULL)",
                    )
                    .bind(Id::<()>::new().to_string())
                    .bind(&id)
                    .bind(Role::Participant.as_str())
                    .execute(&mut **tx)
                    .await?;
                    (id, AccountRequest::Created)
                }
            };
            if outcome != AccountRequest::Refused {
                let message = crate::outbox::NewMessage::new(
                    // Each request is its own cause: asked twice, sent twice.
                    format!("account-link:{user}:{}", Id::<()>::new()),
                    None,
                    Channel::Email,
                    email.to_owned(),
                    Content::AccountLink {
                        user: user.clone(),
                        link: link.clone(),
                    },
                    lang,
                    &host,
                );
                crate::outbox::enqueue!(tx, &[message], now);
            }
            Ok::<_, StoreError>(outcome)
        })
    }
}

impl Store {
    /// The account that signs in with HelseID under `hpr`, made a participant account
    /// named `name` when no account holds the number (decision 0045): the user, its
    /// participant role and its sign-in key in one transaction. A disabled account is
    /// not signed in, nor replaced.
    pub async fn participant_by_hpr(
        &self,
        hpr: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserAccount>> {
        use carepath_domain::user::SignInKind;
        let held: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT user_id FROM sign_in_keys WHERE kind = $1 AND key = $2")
                .bind(SignInKind::HelseIdHpr.as_str())
                .bind(hpr)
                .fetch_optional(pool)
                .await
        })?;
        if held.is_some() {
            return self.user_by_sign_in_key(SignInKind::HelseIdHpr, hpr).await;
        }
        let id = Id::<UserAccount>::new();
        let made = in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.to_string())
            .bind(format!("helseid-hpr-{hpr}"))
            .bind(name)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "a user with that username"))?;
            sqlx::query(
                "INSERT INTO user_roles (id, user_id, role, unit_id) VALUES ($1, $2, $3, NULL)",
            )
            .bind(Id::<()>::new().to_string())
            .bind(id.to_string())
            .bind(Role::Participant.as_str())
            .execute(&mut **tx)
            .await?;
            sqlx::query("INSERT INTO sign_in_keys (kind, key, user_id) VALUES ($1, $2, $3)")
                .bind(SignInKind::HelseIdHpr.as_str())
                .bind(hpr)
                .bind(id.to_string())
                .execute(&mut **tx)
                .await
                .map_err(|e| StoreError::unique(e, "a sign-in with that HPR number"))?;
            Ok::<_, StoreError>(())
        });
        match made {
            Ok(()) => Ok(Some(self.user(id).await?)),
            // Another first sign-in with the same number won the race: its account.
            Err(StoreError::Duplicate(_)) => {
                self.user_by_sign_in_key(SignInKind::HelseIdHpr, hpr).await
            }
            Err(e) => Err(e),
        }
    }
}
