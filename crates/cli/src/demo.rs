//! The demo database: one hospital with two units, staff in every role, five patients at
//! different points of the IBS school in unit 1 (contracts.md "Demo data"), and in unit 2
//! (the home follow-up centre) patients in home follow-up for heart failure and COPD and
//! in need-driven follow-up after a wrist fracture. All people are invented; national
//! identity numbers are synthetic (month + 80), never real.

use anyhow::{Context, bail};
use carepath_app::enrollment::{self, Change, Enroll};
use carepath_domain::appointment::AppointmentKind;
use carepath_domain::clock::Clock;
use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::measurement::Entry;
use carepath_domain::organization::{OrganizationKind, Unit, UnitKind};
use carepath_domain::patient::Patient;
use carepath_domain::program::ProgramVersion;
use carepath_domain::referral::{HeardAbout, ReferralSource};
use carepath_domain::user::{Role, SignInKind, UserAccount};
use carepath_domain::{Id, NationalIdNumber};
use carepath_fhir::{FormAnswers, QuestionnaireResponse};
use carepath_package::{Package, PackageFiles};
use carepath_store::Store;
use carepath_store::enrollment::NewReferral;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use include_dir::{Dir, include_dir};

pub mod cohort;
mod courses;

/// The shipped program packages, built into the binary.
static IBS_SCHOOL: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content/ibs-school");
static HOME_FOLLOW_UP: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content/hjemmeoppfolging");
static WRIST_FRACTURE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content/handleddsbrudd");

fn shipped(dir: &Dir<'_>, name: &str) -> anyhow::Result<Package> {
    let mut pairs = Vec::new();
    collect(dir, &mut pairs);
    carepath_package::load(&PackageFiles::from_pairs(pairs)).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "the built-in {name} package is invalid:\n{}",
            list.join("\n")
        )
    })
}

/// The shipped demo course on digital home follow-up.
static HOME_FOLLOW_UP_COURSE: Dir<'_> =
    include_dir!("$CARGO_MANIFEST_DIR/../../content/courses/digital-hjemmeoppfolging");

/// The shipped demo course (digital home follow-up, for health professionals).
pub fn home_follow_up_course() -> anyhow::Result<carepath_package::CoursePackage> {
    let mut pairs = Vec::new();
    collect(&HOME_FOLLOW_UP_COURSE, &mut pairs);
    carepath_package::load_course(&PackageFiles::from_pairs(pairs)).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the built-in course is invalid:\n{}", list.join("\n"))
    })
}

/// The shipped IBS school package.
pub fn ibs_school() -> anyhow::Result<Package> {
    shipped(&IBS_SCHOOL, "IBS school")
}

/// The shipped home follow-up package (heart failure and COPD).
pub fn home_follow_up() -> anyhow::Result<Package> {
    shipped(&HOME_FOLLOW_UP, "home follow-up")
}

/// The shipped need-driven wrist-fracture follow-up package.
pub fn wrist_fracture() -> anyhow::Result<Package> {
    shipped(&WRIST_FRACTURE, "wrist-fracture follow-up")
}

fn collect(dir: &Dir<'_>, out: &mut Vec<(String, Vec<u8>)>) {
    for file in dir.files() {
        out.push((
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        ));
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// Makes a database a demo database and fills it, once. A database that holds other
/// data is refused; a demo database that is already filled is left as it is.
pub async fn create(store: &Store, clock: &dyn Clock, public_url: &str) -> anyhow::Result<bool> {
    if !store.is_empty().await? {
        if store.is_demo().await? {
            return Ok(false);
        }
        bail!(
            "this database holds data and was not created as a demo database; use an empty --data-dir for the demo"
        );
    }
    store.mark_demo().await?;
    seed(store, clock, public_url)
        .await
        .context("filling the demo database")?;
    // What a running server's jobs would have done by today: the tasks that are due,
    // alerts for missing measurements, escalations.
    store.run_scheduler(clock.now(), public_url).await?;
    store.raise_missing_data_alerts(clock.now()).await?;
    store.escalate_alerts(clock.now(), public_url).await?;
    Ok(true)
}

async fn staff(
    store: &Store,
    username: &str,
    name: &str,
    role: Role,
    unit: Option<&Unit>,
    now: DateTime<Utc>,
) -> anyhow::Result<UserAccount> {
    let user = store.create_user(username, name, now).await?;
    store.grant_role(user.id, role, unit.map(|u| u.id)).await?;
    store
        .add_sign_in_key(user.id, SignInKind::Demo, username)
        .await?;
    Ok(user)
}

/// Registers `user` as health personnel with a (made-up) HPR number, so they can also
/// sign in through a HelseID provider.
async fn health_personnel(
    store: &Store,
    user: &UserAccount,
    hpr: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    store
        .create_practitioner(user.id, &user.display_name, Some(hpr), now)
        .await?;
    store
        .add_sign_in_key(user.id, SignInKind::HelseIdHpr, hpr)
        .await?;
    Ok(())
}

/// A synthetic number (month + 80) for someone born on `birth`.
/// The made-up HER-ids of the demo's GP offices (Dr. Birkeland's is not known, so a
/// letter to her waits on the worklist with that reason).
fn demo_her_id(gp: &str) -> Option<carepath_domain::letter::HerId> {
    let id = if gp.contains("Fjell") {
        "999999101"
    } else if gp.contains("Åsane") {
        "999999103"
    } else {
        return None;
    };
    carepath_domain::letter::HerId::parse(id).ok()
}

fn synthetic_nin(birth: NaiveDate) -> NationalIdNumber {
    nth_synthetic_nin(birth, 0)
        .unwrap_or_else(|| unreachable!("every date has a valid synthetic number"))
}

/// The `k`th valid synthetic number (month + 80) of someone born on `birth`: the demo's
/// own patients have the first, a synthetic cohort the next ones.
fn nth_synthetic_nin(birth: NaiveDate, k: usize) -> Option<NationalIdNumber> {
    let (from, to) = if birth.year() >= 2000 {
        (500, 999)
    } else {
        (0, 499)
    };
    let prefix = format!(
        "{:02}{:02}{:02}",
        birth.day(),
        birth.month() + 80,
        birth.year() % 100
    );
    (from..=to)
        .filter_map(|ind| NationalIdNumber::complete(&format!("{prefix}{ind:03}")))
        .nth(k)
}

struct Ctx<'a> {
    store: &'a Store,
    unit: Unit,
    version: ProgramVersion,
    program_id: Id<carepath_domain::program::Program>,
    clinician: UserAccount,
    now: DateTime<Utc>,
    /// For the links in reminders.
    public_url: String,
}

impl Ctx<'_> {
    async fn patient(
        &self,
        username: &str,
        name: &str,
        birth: NaiveDate,
        gp: &str,
    ) -> anyhow::Result<Patient> {
        let user = self.store.create_user(username, name, self.now).await?;
        self.store.grant_role(user.id, Role::Patient, None).await?;
        self.store
            .add_sign_in_key(user.id, SignInKind::Demo, username)
            .await?;
        let patient = Patient {
            updated_at: None,
            id: Id::new(),
            nin: synthetic_nin(birth),
            name: name.to_owned(),
            birth_date: birth,
            user_id: Some(user.id),
            gp_name: Some(gp.to_owned()),
            gp_her_id: demo_her_id(gp),
            managing_unit: None,
            version: 1,
            // Addresses that can never reach anyone (.invalid), for the reminders.
            email: Some(format!("{username}@demo.carepath.invalid")),
            mobile: (username == "pasient3").then(|| "+4740000003".to_owned()),
            name_parts: Default::default(),
            gender: None,
        };
        self.store.create_patient(&patient, self.now, &[]).await?;
        if username == "pasient3" {
            // She reads nynorsk: her pages and her reminders are in it.
            self.store
                .set_language(user.id, carepath_domain::Lang::Nn)
                .await?;
        }
        Ok(patient)
    }

    async fn enroll(
        &self,
        patient: &Patient,
        days_ago: i64,
        source: ReferralSource,
        heard: HeardAbout,
    ) -> anyhow::Result<Enrollment> {
        let at = self.now - Duration::days(days_ago);
        // The referral the enrollment is linked to (the unit's newest for the program).
        self.store
            .create_referral(
                &NewReferral {
                    id: carepath_domain::Id::new(),
                    patient: patient.id,
                    unit: self.unit.id,
                    program: self.program_id,
                    source,
                    heard_about: heard,
                    // The demo's GPs are in Vestland.
                    region: carepath_domain::region::Region::parse("46"),
                    registered_by: self.clinician.id,
                    received_at: at - Duration::days(7),
                },
                &[],
            )
            .await?;
        let request = Enroll {
            patient: patient.id,
            unit: self.unit.id,
            version: &self.version,
            by: Some(self.clinician.id),
            audit: None,
            public_url: None,
        };
        let e = enrollment::enroll(self.store, request, at).await?;
        Ok(e)
    }

    async fn start(
        &self,
        e: &mut Enrollment,
        outcome: ScreeningOutcome,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        *e = enrollment::change(self.store, e, Change::AcceptTerms, None, None, at).await?;
        *e = enrollment::change(self.store, e, Change::Screening(&outcome), None, None, at).await?;
        Ok(())
    }

    /// Answers the symptom form: pain, pain days of 10, bloating, dissatisfaction, life.
    async fn answer(
        &self,
        e: &Enrollment,
        values: [u32; 5],
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let ids = [
            "smerte-styrke",
            "smerte-dager",
            "oppblasthet",
            "avforing-misnoye",
            "livet-pavirket",
        ];
        let answers: Vec<(&str, String)> = ids
            .iter()
            .zip(values)
            .map(|(id, v)| (*id, v.to_string()))
            .collect();
        self.answer_form(e, "ibs-symptomskaar", &answers, at).await
    }

    /// Answers questionnaire `key` of the program with `answers` (linkId, form value) at
    /// `at`, scored as the patient's page would, completing its task.
    async fn answer_form(
        &self,
        e: &Enrollment,
        key: &str,
        answers: &[(&str, String)],
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        // The task this answer completes, made when the scheduler would have made it.
        self.store.run_scheduler(at, &self.public_url).await?;
        let q = self.store.questionnaire(self.version.id, key).await?;
        let answers: FormAnswers = answers
            .iter()
            .map(|(id, v)| ((*id).to_owned(), vec![v.clone()]))
            .collect();
        let mut response =
            QuestionnaireResponse::from_form(&q.questionnaire, &answers, &at.to_rfc3339())
                .map_err(|p| anyhow::anyhow!("demo answers do not fit the form: {p:?}"))?;
        response.id = Some(carepath_domain::Id::<QuestionnaireResponse>::new().to_string());
        // The same use case as the patient's page: scored, owned by the unit, alerts
        // only while the enrollment runs.
        carepath_app::response::submit(
            self.store,
            carepath_app::response::Submission {
                patient: e.patient_id,
                enrollment: Some(e),
                acting_unit: None,
                questionnaire: &q,
                response,
                by: None,
                audit: None,
                existed: false,
                public_url: None,
            },
            at,
        )
        .await?;
        Ok(())
    }

    /// Signs the letter at `point` of `e` as `by` with the assessment suggested from the
    /// scores, then sets it and records it delivered at `at`, as the letter job and the
    /// outbox would have.
    async fn send_letter(
        &self,
        by: &carepath_app::access::Actor,
        e: &Enrollment,
        point: &str,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        use carepath_app::letter;
        let Some(draft) = self
            .store
            .patient_letters(e.patient_id)
            .await?
            .into_iter()
            .find(|l| l.enrollment_id == e.id && l.point == point)
        else {
            anyhow::bail!("the demo's letter point {point} made no draft");
        };
        let (view, _) = letter::open(self.store, by, draft.id).await?;
        let assessment = format!(
            "{}\n\nPasienten har brukt modulene jevnt og gjennomført lav-FODMAP-utprøvingen. Vi anbefaler å fortsette med rådene fra kurset.",
            view.assessment
        );
        // Recorded with the year's code for letters (a placeholder in the shipped list).
        let codes = carepath_web::shipped_activity_codes();
        let sign = letter::Sign {
            letter: draft.id,
            version: draft.version,
            assessment: &assessment,
            again: false,
            code: codes
                .for_kind(carepath_domain::activity::ActivityKind::Letter, at)
                .first()
                .map(|c| c.code.as_str()),
        };
        letter::sign(self.store, by, sign, &codes, at).await?;
        letter::render_signed(self.store, at).await?;
        self.store
            .message_sent_by_key(&format!("letter:{}:1", draft.id), at)
            .await?;
        letter::delivered(self.store, &draft.id.to_string(), at).await?;
        Ok(())
    }

    /// Books an appointment of `kind` for the patient of `e`, `days` from now at `hour`
    /// o'clock, as the unit's clinician at `at` (through the booking use case, with the
    /// demo's video service).
    async fn book(
        &self,
        e: &Enrollment,
        kind: AppointmentKind,
        days: i64,
        hour: u32,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let by = self.actor(self.clinician.id).await?;
        let day = carepath_domain::schedule::local_date(self.now) + Duration::days(days);
        let start = carepath_domain::schedule::local_instant(
            day,
            chrono::NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default(),
        );
        let video = carepath_domain::appointment::VideoService::new(carepath_web::DEMO_VIDEO_URL);
        let booking = carepath_domain::appointment::Booking {
            kind,
            start,
            minutes: if kind == AppointmentKind::Group {
                90
            } else {
                30
            },
            capacity: 8,
            place: None,
        };
        carepath_app::appointment::book(
            self.store,
            &by,
            carepath_app::appointment::Book {
                enrollment: e.id,
                request: None,
                booking,
                history: true,
            },
            carepath_app::appointment::Setting {
                public_url: &self.public_url,
                video: video.as_ref(),
            },
            at,
        )
        .await?;
        Ok(())
    }

    /// The unit's group courses of the IBS school: one held 20 days ago that `patient` (of
    /// `e`) came to and answered the satisfaction questionnaire about, and one in nine
    /// days they signed up for themselves. Through the same use cases as the pages.
    async fn group_courses(&self, patient: &Patient, e: &Enrollment) -> anyhow::Result<()> {
        use carepath_app::appointment::{Action, PlanCourse, Setting};
        let staff = self.actor(self.clinician.id).await?;
        let own = self
            .actor(patient.user_id.context("demo patient without an account")?)
            .await?;
        let setting = Setting {
            public_url: &self.public_url,
            video: None,
        };
        let codes = carepath_domain::activity::CodeLists::default();
        let plan = |days: i64| {
            let day = carepath_domain::schedule::local_date(self.now) + Duration::days(days);
            PlanCourse {
                unit: self.unit.id,
                program: &self.version.definition.key,
                booking: carepath_domain::appointment::Booking {
                    kind: AppointmentKind::GroupCourse,
                    start: carepath_domain::schedule::local_instant(
                        day,
                        chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
                    ),
                    minutes: 150,
                    capacity: 12,
                    place: Some("Undervisningsrommet, 2. etasje, Medisinsk poliklinikk".into()),
                },
            }
        };
        let planned = self.now - Duration::days(40);
        let held =
            carepath_app::appointment::plan_course(self.store, &staff, plan(-20), planned).await?;
        let next =
            carepath_app::appointment::plan_course(self.store, &staff, plan(9), planned).await?;
        let joined = self.now - Duration::days(30);
        for id in [held, next] {
            let a = self
                .store
                .appointment(id)
                .await?
                .context("the planned course")?;
            carepath_app::appointment::sign_up(
                self.store,
                &own,
                e,
                (id, a.version),
                true,
                setting,
                joined,
            )
            .await?;
            // Made-up history: the confirmation reached no one.
            for channel in ["email", "sms"] {
                self.store
                    .message_sent_by_key(
                        &format!("appointment:{id}:{}:booked:{channel}", patient.id),
                        joined,
                    )
                    .await?;
            }
        }
        let a = self
            .store
            .appointment(held)
            .await?
            .context("the planned course")?;
        let recorded = a.end() + Duration::minutes(30);
        carepath_app::appointment::change(
            self.store,
            &staff,
            (held, a.version),
            Action::Record {
                attended: vec![patient.id],
                code: None,
            },
            (&codes, setting),
            recorded,
        )
        .await?;
        let answers: Vec<(&str, String)> = [
            ("kvalitet", "4"),
            ("type-hjelp", "4"),
            ("behov", "3"),
            ("anbefale", "4"),
            ("mengde", "3"),
            ("mestring", "3"),
            ("helhet", "4"),
            ("igjen", "4"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
        self.answer_form(e, "tilfredshet", &answers, recorded + Duration::hours(20))
            .await
    }

    /// The patient's research consent, given at `at` (as the patient would on
    /// `/pasient/forskning`), so `forsker1`'s project has data to report and export.
    async fn consent(&self, patient: &Patient, at: DateTime<Utc>) -> anyhow::Result<()> {
        let account = patient.user_id.context("demo patient without an account")?;
        let actor = self.actor(account).await?;
        let reach = actor
            .patient(self.store, patient.id)
            .await?
            .context("demo patient cannot reach their own record")?;
        carepath_app::research::decide_consent(self.store, &reach, &actor, true, 0, at).await?;
        Ok(())
    }

    /// A user of the demo as the access policy sees them.
    async fn actor(&self, account: Id<UserAccount>) -> anyhow::Result<carepath_app::access::Actor> {
        Ok(carepath_app::access::Actor {
            account,
            roles: self.store.roles(account).await?,
            session: String::new(),
        })
    }

    /// A message in the thread of `e`, from the patient (else from the unit's clinician),
    /// sent at `at` through the messaging use case; the sender has read what came before.
    async fn message(
        &self,
        patient: &Patient,
        e: &Enrollment,
        from_patient: bool,
        text: &str,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let account = if from_patient {
            patient.user_id.context("demo patient without an account")?
        } else {
            self.clinician.id
        };
        let actor = self.actor(account).await?;
        let reach = actor
            .patient(self.store, patient.id)
            .await?
            .context("the demo sender reaches the patient")?;
        self.store
            .mark_thread_read(e.id, from_patient, account, &[], at)
            .await?;
        let draft = carepath_app::message::Draft {
            body: text.to_owned(),
            history: true,
            code: None,
            ..Default::default()
        };
        carepath_app::message::send(self.store, &actor, &reach, e.id, draft, None, at).await?;
        Ok(())
    }

    /// A measurement the patient registered at `at`, judged by their plan.
    async fn measure(
        &self,
        patient: &Patient,
        key: &str,
        value: f64,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let kind = carepath_domain::measurement::MeasurementKind::from_key(key)
            .context("demo measurement")?;
        self.enter(patient, Entry::One(kind, value), at).await
    }

    /// An entry (one value, or blood pressure's two) the patient registered at `at`.
    async fn enter(
        &self,
        patient: &Patient,
        entry: Entry,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let user = patient.user_id.context("demo patient without an account")?;
        carepath_app::measurement::record(
            self.store,
            carepath_app::measurement::Measured {
                patient: patient.id,
                entry,
                effective: &at.to_rfc3339(),
                effective_at: at,
                by: Some(user),
                within: None,
                acting_unit: None,
                // Like the rest of the demo's story, not in the access log.
                audit: None,
            },
            at,
        )
        .await?;
        Ok(())
    }

    async fn read(
        &self,
        e: &Enrollment,
        module: &str,
        pages: usize,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let m = self
            .version
            .definition
            .module(module)
            .context("demo module")?;
        for (i, p) in m.pages.iter().take(pages).enumerate() {
            self.store
                .mark_page_read(e.id, module, &p.key, at + Duration::hours(i as i64), &[])
                .await?;
        }
        Ok(())
    }
}

/// The demo's approved research project on the IBS school, with `researcher` as its
/// member (contracts.md: in every demo).
async fn research_project(
    store: &Store,
    researcher: &UserAccount,
    program: Id<carepath_domain::program::Program>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let today = carepath_domain::schedule::local_date(now);
    store
        .save_project(
            &carepath_domain::research::Project {
                id: Id::new(),
                title: "Effekt av Mage-tarmskolen i klinisk drift (demo)".into(),
                approval_ref: "REK 000000 (oppdiktet)".into(),
                approved_at: Some(now),
                starts_on: NaiveDate::from_ymd_opt(today.year() - 8, 1, 1).unwrap_or(today),
                ends_on: NaiveDate::from_ymd_opt(today.year() + 2, 12, 31).unwrap_or(today),
                members: vec![researcher.id],
                programs: vec![program],
                version: 0,
            },
            now,
        )
        .await?;
    Ok(())
}

async fn seed(store: &Store, clock: &dyn Clock, public_url: &str) -> anyhow::Result<()> {
    let now = clock.now();
    let org = store
        .create_organization(
            "Vestland universitetssjukehus (demo)",
            OrganizationKind::Hospital,
            now,
        )
        .await?;
    let unit1 = store
        .create_unit(org.id, "Mage-tarm-poliklinikken", UnitKind::Department, now)
        .await?;
    // Its (made-up) HER-id, which its letters to GPs are sent from.
    store
        .set_unit_contacts(
            unit1.id,
            &carepath_store::organization::UnitContacts {
                her_id: carepath_domain::letter::HerId::parse("999999001").ok(),
                ..Default::default()
            },
        )
        .await?;
    let unit2 = store
        .create_unit(
            org.id,
            "Senter for hjemmeoppfølging",
            UnitKind::ResponseCentre,
            now,
        )
        .await?;
    let imported = store.import_package(&ibs_school()?, now).await?;
    // Run since January 2019 (decision 0054), with a contact for health professionals.
    store
        .set_program_place(
            unit1.id,
            imported.program_id,
            &carepath_domain::organization::PlaceDetails {
                status: carepath_domain::organization::PlaceStatus::Running,
                started_on: NaiveDate::from_ymd_opt(2019, 1, 7),
                contact: Some("mage-tarmskolen@sykehus.example".into()),
            },
        )
        .await?;
    let course = store.import_course(&home_follow_up_course()?, now).await?;
    let version = store.program_version(imported.version_id).await?;

    let kliniker1 = staff(
        store,
        "kliniker1",
        "Kari Klinisk (ernæringsfysiolog)",
        Role::Clinician,
        Some(&unit1),
        now,
    )
    .await?;
    health_personnel(store, &kliniker1, "9100001", now).await?;
    staff(
        store,
        "koordinator1",
        "Kristian Koordinator",
        Role::Coordinator,
        Some(&unit1),
        now,
    )
    .await?;
    let kliniker2 = staff(
        store,
        "kliniker2",
        "Kim Klinisk (sykepleier)",
        Role::Clinician,
        Some(&unit2),
        now,
    )
    .await?;
    health_personnel(store, &kliniker2, "9100003", now).await?;
    staff(
        store,
        "forfatter1",
        "Frida Forfatter",
        Role::Author,
        None,
        now,
    )
    .await?;
    let forsker1 = staff(
        store,
        "forsker1",
        "Fredrik Forsker",
        Role::Researcher,
        None,
        now,
    )
    .await?;
    research_project(store, &forsker1, imported.program_id, now).await?;
    staff(store, "admin", "Ada Administrator", Role::Admin, None, now).await?;

    let ctx = Ctx {
        store,
        unit: unit1,
        version,
        program_id: imported.program_id,
        clinician: kliniker1,
        now,
        public_url: public_url.to_owned(),
    };
    let unit2_programs = [home_follow_up()?, wrist_fracture()?];
    let today = now.date_naive();
    let years_ago = |y: i32, extra_days: i64| {
        NaiveDate::from_ymd_opt(today.year() - y, today.month(), today.day().min(28))
            .unwrap_or(today)
            - Duration::days(extra_days)
    };

    // pasient1: new, not screened.
    let p1 = ctx
        .patient(
            "pasient1",
            "Ingrid Demo Berg",
            years_ago(34, 40),
            "Dr. Aasen, Fjell legesenter",
        )
        .await?;
    ctx.enroll(&p1, 1, ReferralSource::Hospital, HeardAbout::Hospital)
        .await?;

    // pasient2: baseline answered, reading module 1.
    let p2 = ctx
        .patient(
            "pasient2",
            "Ola Demo Haugen",
            years_ago(41, 100),
            "Dr. Birkeland, Sentrum legekontor",
        )
        .await?;
    let mut e2 = ctx
        .enroll(&p2, 10, ReferralSource::Gp, HeardAbout::Gp)
        .await?;
    let t2 = now - Duration::days(9);
    ctx.start(&mut e2, ScreeningOutcome::Eligible, t2).await?;
    ctx.consent(&p2, t2).await?;
    ctx.answer(&e2, [65, 7, 70, 60, 55], t2).await?;
    ctx.read(&e2, "om-ibs", 1, t2 + Duration::days(1)).await?;
    // Replies the dietitian's unit starts from.
    for (title, body) in [
        (
            "Velkommen",
            "Velkommen til Mage-tarmskolen! Jeg er klinisk ernæringsfysiolog og følger deg gjennom kurset. Skriv hit hvis du lurer på noe om kostholdet eller modulene.",
        ),
        (
            "Ta kontakt med fastlegen",
            "Takk for meldingen. Det du beskriver bør fastlegen din se på. Bestill time hos fastlegen, og ta gjerne med deg denne meldingen.",
        ),
    ] {
        let actor = ctx.actor(ctx.clinician.id).await?;
        carepath_app::message::add_template(store, &actor, ctx.unit.id, title, body, now).await?;
    }
    // His thread with the dietitian: a welcome, a question, an answer he has not read.
    ctx.message(
        &p2,
        &e2,
        false,
        "Velkommen til Mage-tarmskolen! Jeg er klinisk ernæringsfysiolog og følger deg gjennom kurset. Skriv hit hvis du lurer på noe om kostholdet eller modulene.",
        t2 + Duration::hours(2),
    )
    .await?;
    ctx.message(
        &p2,
        &e2,
        true,
        "Hei! Jeg har begynt å bytte ut noen matvarer. Er det greit å spise havregryn til frokost?",
        now - Duration::days(2),
    )
    .await?;
    ctx.message(
        &p2,
        &e2,
        false,
        "Hei Ola. Havregryn tåles godt av mange i vanlige porsjoner, omtrent en halv kopp. Kjenn etter hvordan magen reagerer, og spør gjerne igjen om andre matvarer.",
        now - Duration::days(1),
    )
    .await?;

    // His video consultation with the dietitian in three days, booked yesterday.
    ctx.book(&e2, AppointmentKind::Video, 3, 10, now - Duration::days(1))
        .await?;

    // pasient3: three months in, optional modules chosen.
    let p3 = ctx
        .patient(
            "pasient3",
            "Sofie Demo Lie",
            years_ago(29, 10),
            "Dr. Dahle, Åsane legesenter",
        )
        .await?;
    let mut e3 = ctx
        .enroll(&p3, 95, ReferralSource::Gp, HeardAbout::Website)
        .await?;
    let t3 = now - Duration::days(94);
    ctx.start(&mut e3, ScreeningOutcome::Eligible, t3).await?;
    ctx.consent(&p3, t3).await?;
    ctx.answer(&e3, [80, 9, 75, 80, 70], t3).await?;
    for (i, m) in ["om-ibs", "holdning-og-pust", "kosthold-og-livsstil"]
        .iter()
        .enumerate()
    {
        ctx.read(&e3, m, 99, t3 + Duration::days(7 * (i as i64 + 1)))
            .await?;
    }
    let chosen = ["eksponering".to_owned(), "lavfodmap".to_owned()];
    let choice = Change::ChooseModules(&ctx.version.definition, &chosen);
    let e3 = enrollment::change(store, &e3, choice, None, None, t3 + Duration::days(30)).await?;
    ctx.read(&e3, "eksponering", 1, t3 + Duration::days(40))
        .await?;
    // The 3-month form (due 3 calendar months after the start, at most 92 days).
    ctx.answer(&e3, [45, 5, 40, 50, 35], now - Duration::days(1))
        .await?;
    // A group session on video for the school's patients in ten days; she has a place.
    ctx.book(
        &e3,
        AppointmentKind::Group,
        10,
        14,
        now - Duration::hours(3),
    )
    .await?;
    // The IBS school on site (decision 0046): she came to the course three weeks ago and
    // said what she thought; she has a place on the next one, which has places left.
    ctx.group_courses(&p3, &e3).await?;

    // pasient4: finished.
    let p4 = ctx
        .patient(
            "pasient4",
            "Jonas Demo Dahl",
            years_ago(52, 200),
            "Dr. Aasen, Fjell legesenter",
        )
        .await?;
    let mut e4 = ctx
        .enroll(
            &p4,
            200,
            ReferralSource::Hospital,
            HeardAbout::FriendOrFamily,
        )
        .await?;
    let t4 = now - Duration::days(199);
    ctx.start(&mut e4, ScreeningOutcome::Eligible, t4).await?;
    ctx.consent(&p4, t4).await?;
    ctx.answer(&e4, [70, 8, 65, 75, 60], t4).await?;
    for m in &ctx.version.definition.modules {
        if m.key != "eksponering" {
            ctx.read(&e4, &m.key, 99, t4 + Duration::days(20)).await?;
        }
    }
    let chosen = ["lavfodmap".to_owned()];
    let choice = Change::ChooseModules(&ctx.version.definition, &chosen);
    let e4 = enrollment::change(store, &e4, choice, None, None, t4 + Duration::days(21)).await?;
    // The 3- and 6-month forms answered a day after they opened, completing their tasks;
    // then the program ends.
    ctx.answer(&e4, [35, 3, 30, 35, 25], t4 + Duration::days(93))
        .await?;
    ctx.answer(&e4, [20, 2, 20, 25, 15], t4 + Duration::days(186))
        .await?;
    // And what he thought of the course (26 of 32).
    let satisfied: Vec<(&str, String)> = [
        ("kvalitet", "3"),
        ("type-hjelp", "4"),
        ("behov", "3"),
        ("anbefale", "4"),
        ("mengde", "3"),
        ("mestring", "3"),
        ("helhet", "3"),
        ("igjen", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect();
    ctx.answer_form(&e4, "tilfredshet", &satisfied, t4 + Duration::days(187))
        .await?;
    enrollment::change(
        store,
        &e4,
        Change::Finish,
        None,
        None,
        now - Duration::days(12),
    )
    .await?;

    // The letters to Jonas's GP after 3 months and at the end, signed by the dietitian and
    // sent (made-up history: set and recorded as delivered, reaching no one).
    let kari = ctx.actor(ctx.clinician.id).await?;
    for (point, day) in [("etter-3-maaneder", 95), ("avslutning", 188)] {
        ctx.send_letter(&kari, &e4, point, t4 + Duration::days(day))
            .await?;
    }

    // pasient5: 17 years old, waiting for the exception decision.
    let p5 = ctx
        .patient(
            "pasient5",
            "Emma Demo Solberg",
            years_ago(17, 60),
            "Dr. Birkeland, Sentrum legekontor",
        )
        .await?;
    let mut e5 = ctx
        .enroll(&p5, 3, ReferralSource::Gp, HeardAbout::Gp)
        .await?;
    ctx.start(
        &mut e5,
        ScreeningOutcome::NeedsException { age: 17 },
        now - Duration::days(2),
    )
    .await?;
    procedures(store, &kari, ctx.unit.id, now).await?;
    let course = store
        .latest_course_of(course.course_id)
        .await?
        .context("the demo course was just imported")?;
    courses::seed(store, &course, &unit2, now).await?;
    seed_unit2(store, &unit2, unit2_programs, kliniker2, now, public_url).await?;
    Ok(())
}

/// The unit's procedure registry (decision 0052): three endoscopic ultrasounds Kari
/// registered for patients in no program, one with a mild bleeding.
async fn procedures(
    store: &Store,
    kari: &carepath_app::access::Actor,
    unit: Id<Unit>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let forms = carepath_package::shipped_procedure_forms();
    let form = forms.first().context("the shipped procedure form")?;
    let form = carepath_app::procedure::Form {
        definition: &form.definition,
        questionnaire: &form.questionnaire,
    };
    let common = [("asa", "2"), ("sedasjon", "propofol"), ("fullfort", "ja")];
    // (the number's first nine digits, name, days ago, answers)
    type Case<'a> = (&'a str, &'a str, i64, &'a [(&'a str, &'a str)]);
    let cases: [Case<'_>; 3] = [
        (
            "040568224",
            "Ivar Demo Berge",
            41,
            &[
                ("indikasjon", "solid-pankreas"),
                ("vevsprove", "fnb"),
                ("nalpasseringer", "3"),
                ("prove-adekvat", "ja"),
                ("komplikasjon", "ingen"),
            ],
        ),
        (
            "170981223",
            "Sigrid Demo Vik",
            16,
            &[
                ("indikasjon", "galle"),
                ("vevsprove", "nei"),
                ("komplikasjon", "ingen"),
            ],
        ),
        (
            "250755223",
            "Arne Demo Lunde",
            4,
            &[
                ("indikasjon", "cyste-pankreas"),
                ("vevsprove", "fna"),
                ("nalpasseringer", "1"),
                ("prove-adekvat", "ukjent"),
                ("komplikasjon", "blodning"),
                ("alvorlighet", "mild"),
            ],
        ),
    ];
    for (nine, name, days, answers) in cases {
        let nin = NationalIdNumber::complete(nine)
            .context("a demo procedure patient's number")?
            .expose();
        let mut form_answers = FormAnswers::new();
        for (k, v) in common.iter().chain(answers) {
            form_answers
                .entry((*k).to_owned())
                .or_default()
                .push((*v).to_owned());
        }
        let at = now - Duration::days(days);
        let day = carepath_domain::schedule::local_date(at).to_string();
        let typed = carepath_app::procedure::Typed {
            nin: &nin,
            name,
            day: &day,
            answers: &form_answers,
        };
        carepath_app::procedure::register(store, kari, (form, unit), &typed, at)
            .await
            .map_err(|e| anyhow::anyhow!("a demo procedure: {e:?}"))?;
    }
    Ok(())
}

/// Unit 2, the home follow-up centre: home follow-up for heart failure and COPD (values
/// green, yellow and red, and a patient with her own limits) and need-driven follow-up
/// after a wrist fracture (yes, no and no answer to the appointment question).
async fn seed_unit2(
    store: &Store,
    unit: &Unit,
    [home, wrist]: [Package; 2],
    clinician: UserAccount,
    now: DateTime<Utc>,
    public_url: &str,
) -> anyhow::Result<()> {
    let today = now.date_naive();
    let born = |years: i32, days: i64| {
        NaiveDate::from_ymd_opt(today.year() - years, today.month(), today.day().min(28))
            .unwrap_or(today)
            - Duration::days(days)
    };
    let mut ctx = Vec::new();
    for package in [home, wrist] {
        let imported = store.import_package(&package, now).await?;
        store.offer_program(unit.id, imported.program_id).await?;
        ctx.push(Ctx {
            store,
            unit: unit.clone(),
            version: store.program_version(imported.version_id).await?,
            program_id: imported.program_id,
            clinician: clinician.clone(),
            now,
            public_url: public_url.to_owned(),
        });
    }
    let (home, wrist) = (&ctx[0], &ctx[1]);
    // Where alerts go that wait too long (an address that reaches no one).
    store
        .set_unit_contacts(
            unit.id,
            &carepath_store::organization::UnitContacts {
                alert_email: Some("vakt@demo.carepath.invalid".into()),
                ..Default::default()
            },
        )
        .await?;
    let morning = |days_ago: i64| {
        (today - Duration::days(days_ago))
            .and_hms_opt(7, 30, 0)
            .map(|t| t.and_utc())
            .unwrap_or(now)
            .min(now - Duration::hours(1))
    };
    let weekly = |tung: u32, hoste: u32, slapp: u32, hovne: bool| {
        vec![
            ("tung-pust", tung.to_string()),
            ("hoste", hoste.to_string()),
            ("slapp", slapp.to_string()),
            ("hovne-ben", hovne.to_string()),
            ("flere-puter", "false".to_owned()),
        ]
    };

    // pasient6: COPD, four weeks in, stable values until today's low oxygen (yellow).
    let p6 = home
        .patient(
            "pasient6",
            "Arne Demo Nilsen",
            born(71, 30),
            "Dr. Aasen, Fjell legesenter",
        )
        .await?;
    let mut e6 = home
        .enroll(&p6, 30, ReferralSource::Hospital, HeardAbout::Hospital)
        .await?;
    home.start(
        &mut e6,
        ScreeningOutcome::Eligible,
        now - Duration::days(29),
    )
    .await?;
    for d in (1..=14).rev() {
        let at = morning(d);
        let wobble = (d % 3) as f64;
        home.measure(&p6, "spo2", 94.0 + wobble, at).await?;
        home.measure(&p6, "puls", 74.0 + 2.0 * wobble, at).await?;
        home.enter(
            &p6,
            Entry::BloodPressure {
                systolic: 132.0 + wobble,
                diastolic: 82.0,
            },
            at,
        )
        .await?;
        home.measure(&p6, "vekt", 81.2 - 0.1 * wobble, at).await?;
        if d % 7 == 0 {
            home.answer_form(&e6, "ukeskjema", &weekly(2, 3, 2, false), at)
                .await?;
        }
    }
    home.measure(&p6, "spo2", 91.0, now - Duration::hours(1))
        .await?;

    // pasient7: heart failure, with her own oxygen limits (her normal is lower); a high
    // pulse this morning (red) and a slight fever yesterday (yellow).
    let p7 = home
        .patient(
            "pasient7",
            "Berit Demo Johansen",
            born(78, 120),
            "Dr. Birkeland, Sentrum legekontor",
        )
        .await?;
    let mut e7 = home
        .enroll(&p7, 60, ReferralSource::Gp, HeardAbout::Gp)
        .await?;
    home.start(
        &mut e7,
        ScreeningOutcome::Eligible,
        now - Duration::days(59),
    )
    .await?;
    store
        .set_patient_limits(
            e7.id,
            "spo2",
            Some(&carepath_domain::threshold::Limits {
                red_below: Some(87.0),
                yellow_below: Some(89.0),
                ..Default::default()
            }),
            clinician.id,
            now - Duration::days(58),
            &[],
        )
        .await?;
    for d in (1..=7).rev() {
        let at = morning(d);
        home.measure(&p7, "spo2", 90.0 + (d % 2) as f64, at).await?;
        home.measure(&p7, "vekt", 74.0 + 0.3 * (7 - d) as f64, at)
            .await?;
        home.measure(&p7, "puls", 82.0, at).await?;
    }
    home.answer_form(&e7, "ukeskjema", &weekly(6, 2, 6, true), morning(3))
        .await?;
    home.measure(&p7, "temperatur", 38.4, morning(1) + Duration::hours(9))
        .await?;
    home.measure(&p7, "puls", 124.0, morning(0)).await?;
    // A question waiting on the centre's worklist.
    home.message(
        &p7,
        &e7,
        true,
        "Jeg har gått opp litt i vekt denne uka og hovner mer opp i anklene. Skal jeg gjøre noe annerledes med tablettene?",
        now - Duration::hours(3),
    )
    .await?;

    // pasient8-10: twelve weeks after a wrist fracture: wants an appointment (yes), is
    // doing well (no), and did not answer before the form closed (no answer).
    let p8 = wrist
        .patient(
            "pasient8",
            "Per Demo Andersen",
            born(45, 200),
            "Dr. Dahle, Åsane legesenter",
        )
        .await?;
    let mut e8 = wrist
        .enroll(&p8, 89, ReferralSource::Hospital, HeardAbout::Hospital)
        .await?;
    wrist
        .start(
            &mut e8,
            ScreeningOutcome::Eligible,
            now - Duration::days(88),
        )
        .await?;
    let form = |v: [u32; 5], yes: bool| {
        let ids = [
            "smerte-hvile",
            "smerte-bruk",
            "stivhet",
            "hverdag",
            "arbeid",
        ];
        let mut a: Vec<(&str, String)> = ids
            .iter()
            .zip(v)
            .map(|(i, v)| (*i, v.to_string()))
            .collect();
        a.push(("onsker-time", yes.to_string()));
        a
    };
    wrist
        .answer_form(
            &e8,
            "handleddsskjema",
            &form([3, 6, 5, 5, 4], true),
            now - Duration::days(2),
        )
        .await?;
    let p9 = wrist
        .patient(
            "pasient9",
            "Liv Demo Hansen",
            born(62, 15),
            "Dr. Aasen, Fjell legesenter",
        )
        .await?;
    let mut e9 = wrist
        .enroll(&p9, 91, ReferralSource::Hospital, HeardAbout::Hospital)
        .await?;
    wrist
        .start(
            &mut e9,
            ScreeningOutcome::Eligible,
            now - Duration::days(90),
        )
        .await?;
    wrist
        .answer_form(
            &e9,
            "handleddsskjema",
            &form([0, 2, 1, 1, 0], false),
            now - Duration::days(4),
        )
        .await?;
    let p10 = wrist
        .patient(
            "pasient10",
            "Tor Demo Lunde",
            born(33, 70),
            "Dr. Birkeland, Sentrum legekontor",
        )
        .await?;
    let mut e10 = wrist
        .enroll(&p10, 111, ReferralSource::Hospital, HeardAbout::Hospital)
        .await?;
    wrist
        .start(
            &mut e10,
            ScreeningOutcome::Eligible,
            now - Duration::days(110),
        )
        .await?;
    // The form opened at 12 weeks (a scheduler pass then); it has closed since, and the
    // demo's last pass records "no answer".
    store
        .run_scheduler(now - Duration::days(110 - 85), public_url)
        .await?;
    Ok(())
}
