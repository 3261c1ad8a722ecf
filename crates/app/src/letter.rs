//! Letters to the GP (decision 0034). A patient's answer at a program's letter point
//! makes a draft on the unit's worklist; a clinician of the unit that runs the enrollment
//! reads the scores (start against now, band, responder), edits the suggested assessment
//! and signs; a job sets the PDF and the Dialogmelding, and the outbox delivers it once.
//! Sending a sent letter again is a choice of its own. The letter's words are bokmål: it
//! is read by the GP.

use carepath_document::{dialogmelding, pdf};
use carepath_domain::activity::{ActivityKind, CodeLists};
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::enrollment::Enrollment;
use carepath_domain::letter::{
    self, Hold, Letter, LetterFacts, LetterPoint, LetterStatus, ScoreAt, ScoreLine, SignProblem,
};
use carepath_domain::message::{Channel, Content};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::{Offset, ProgramVersion};
use carepath_domain::user::Role;
use carepath_domain::{Id, Lang};
use carepath_i18n::{t, t_args};
use carepath_store::activity::NewActivity;
use carepath_store::letter::{NewLetter, Signing};
use carepath_store::outbox::NewMessage;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

use crate::access::Actor;

/// The language of letters.
const LANG: Lang = Lang::Nb;

/// Why a letter could not be opened, saved or signed.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// No such letter, or another unit's (its existence is not revealed).
    #[error("no such letter")]
    NotFound,
    /// Only a clinician of the unit signs.
    #[error("only a clinician of the unit may sign")]
    NotClinician,
    #[error("the letter cannot be signed: {0:?}")]
    Problem(SignProblem),
    /// The activity code is not one of the year's codes for letters.
    #[error("not a code for letters")]
    UnknownCode,
    /// Someone changed it since it was read.
    #[error("the letter changed")]
    Conflict,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for LetterError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => LetterError::Conflict,
            StoreError::NotFound(_) => LetterError::NotFound,
            e => LetterError::Store(e),
        }
    }
}

/// A letter as its page shows it.
#[derive(Debug, Clone)]
pub struct LetterView {
    pub letter: Letter,
    pub patient: Patient,
    pub unit: Unit,
    pub point: LetterPoint,
    /// What it reports: as signed, or for a draft as the record stands now.
    pub facts: LetterFacts,
    /// What keeps it from going, if anything (for a draft, from the record now).
    pub hold: Option<Hold>,
    /// The saved assessment, or for a new draft one suggested from the scores.
    pub assessment: String,
    /// Whether the reader may sign it (a clinician of the unit).
    pub may_sign: bool,
}

fn zero(o: Offset) -> bool {
    matches!(o, Offset::Days(0) | Offset::Weeks(0) | Offset::Months(0))
}

/// After a completed response to `key` in `e`: makes the drafts of the letter points
/// whose timepoint it answered (once per point). Returns how many were new.
pub async fn drafts_after_response(
    store: &Store,
    e: &Enrollment,
    key: &str,
    response_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let version = store.program_version_shared(e.program_version_id).await?;
    let def = &version.definition;
    if def.letters.is_empty() {
        return Ok(0);
    }
    let Some(at) = answered_at(store, &version, e, key, response_id).await? else {
        return Ok(0);
    };
    let drafts: Vec<NewLetter> = letter::points_at(&def.letters, at)
        .map(|p| NewLetter {
            enrollment: e.id,
            patient: e.patient_id,
            unit: e.unit_id,
            point: p.key.clone(),
        })
        .collect();
    store.create_letter_drafts(&drafts, now).await
}

/// After the scheduler closed tasks unanswered: makes the drafts of the letter points
/// whose timepoint passed without an answer, so the GP still hears (the letter says what
/// was not answered). Looks at what closed in the last two days; a draft is made once per
/// point. Returns how many were new.
pub async fn drafts_after_closing(store: &Store, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let with_letters: Vec<ProgramVersion> = store
        .all_program_versions()
        .await?
        .into_iter()
        .filter(|v| !v.definition.letters.is_empty())
        .collect();
    let ids: Vec<_> = with_letters.iter().map(|v| v.id).collect();
    let closed = store
        .tasks_closed_unanswered(&ids, (now - chrono::Duration::days(2), now), 10_000)
        .await?;
    let mut drafts = Vec::new();
    for (enrollment, patient, unit, version, entry) in closed {
        let Some(v) = with_letters.iter().find(|v| v.id == version) else {
            continue;
        };
        let Some(at) = v
            .definition
            .schedule
            .get(entry)
            .filter(|s| s.every.is_none())
            .map(|s| s.at)
        else {
            continue;
        };
        drafts.extend(
            letter::points_at(&v.definition.letters, at).map(|p| NewLetter {
                enrollment,
                patient,
                unit,
                point: p.key.clone(),
            }),
        );
    }
    store.create_letter_drafts(&drafts, now).await
}

/// The timepoint (a once-only schedule entry's offset) a response answered: the task it
/// completed, else the timepoint open when it was written.
async fn answered_at(
    store: &Store,
    version: &ProgramVersion,
    e: &Enrollment,
    key: &str,
    response_id: &str,
) -> Result<Option<Offset>, StoreError> {
    let def = &version.definition;
    let responses = store.enrollment_scores(e.id, key).await?;
    let Some(r) = responses.iter().find(|r| r.id == response_id) else {
        return Ok(None);
    };
    let entry = r.schedule_entry.or_else(|| {
        carepath_domain::schedule::timepoint_of(&def.schedule, key, e.started_at?, r.authored_at)
    });
    Ok(entry
        .and_then(|i| def.schedule.get(i))
        .filter(|s| s.every.is_none())
        .map(|s| s.at))
}

/// What a letter at `point` reports from `e`'s record now: each score of the
/// questionnaires asked at the point, at the start and at the point.
pub async fn facts(
    store: &Store,
    e: &Enrollment,
    version: &ProgramVersion,
    point: &LetterPoint,
) -> Result<LetterFacts, StoreError> {
    let def = &version.definition;
    let mut keys: Vec<&str> = Vec::new();
    for s in def
        .schedule
        .iter()
        .filter(|s| s.at == point.at && s.every.is_none())
    {
        if !keys.contains(&s.questionnaire.as_str()) {
            keys.push(&s.questionnaire);
        }
    }
    let mut scores = Vec::new();
    for key in keys {
        let q = store.questionnaire(version.id, key).await?;
        let Some(scoring) = &q.scoring else { continue };
        let responses = store.enrollment_scores(e.id, key).await?;
        let at_of = |r: &carepath_store::response::ScoredResponse| {
            r.schedule_entry
                .or_else(|| {
                    carepath_domain::schedule::timepoint_of(
                        &def.schedule,
                        key,
                        e.started_at?,
                        r.authored_at,
                    )
                })
                .and_then(|i| def.schedule.get(i))
                .filter(|s| s.every.is_none())
                .map(|s| s.at)
        };
        let start = responses.iter().find(|r| at_of(r).is_some_and(zero));
        let asked_at_start = def
            .schedule
            .iter()
            .any(|s| s.questionnaire == key && zero(s.at));
        let now = responses
            .iter()
            .rev()
            .find(|r| at_of(r) == Some(point.at) && !zero(point.at));
        for rule in scoring.scores.iter().filter(|r| !r.quiet) {
            let value_in = |r: Option<&carepath_store::response::ScoredResponse>| {
                let r = r?;
                let value = r
                    .scores
                    .iter()
                    .find(|(code, _)| *code == rule.code)
                    .and_then(|(_, v)| *v)?;
                Some(ScoreAt {
                    value,
                    band: rule.band_of(value).map(|b| b.label.clone()),
                    date: carepath_domain::schedule::local_date(r.authored_at),
                })
            };
            let (start, now) = (value_in(start), value_in(now));
            let responder = match (&start, &now) {
                (Some(s), Some(n)) => rule.is_responder(s.value, n.value),
                _ => None,
            };
            scores.push(ScoreLine {
                title: rule.title.clone(),
                start,
                now,
                responder,
                asked_at_start,
            });
        }
    }
    Ok(LetterFacts {
        program: def.title.get(LANG).to_owned(),
        point: point.clone(),
        started: e.started_at.map(carepath_domain::schedule::local_date),
        scores,
    })
}

fn number(n: f64) -> String {
    carepath_i18n::number(LANG, n)
}

fn signed(n: f64) -> String {
    if n > 0.0 {
        format!("+{}", number(n))
    } else {
        number(n)
    }
}

fn with_band(at: &ScoreAt) -> String {
    match &at.band {
        Some(b) => format!("{} – {b}", number(at.value)),
        None => number(at.value),
    }
}

/// An assessment suggested from the scores, for the clinician to edit: a sentence per
/// score (start against now, the band's change, the responder rule).
pub fn suggested_assessment(facts: &LetterFacts) -> String {
    facts
        .scores
        .iter()
        .map(|s| {
            let title = s.title.as_str();
            let mut sentence = match (&s.start, &s.now) {
                (Some(start), Some(now)) => t_args(
                    LANG,
                    "letter-suggest-change",
                    &[
                        ("title", title.into()),
                        ("start", with_band(start).into()),
                        ("now", with_band(now).into()),
                        ("change", signed(now.value - start.value).into()),
                    ],
                ),
                (None, Some(now)) => t_args(
                    LANG,
                    "letter-suggest-now",
                    &[("title", title.into()), ("now", with_band(now).into())],
                ),
                _ => t_args(LANG, "letter-suggest-missing", &[("title", title.into())]),
            };
            if let Some(r) = s.responder {
                sentence.push(' ');
                sentence.push_str(&t(
                    LANG,
                    if r {
                        "letter-suggest-responder"
                    } else {
                        "letter-suggest-not-responder"
                    },
                ));
            }
            sentence
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The letter `id` for `actor`, who works in its unit: with what it reports and what
/// keeps it, and the access-log event of reading it, for the caller to record.
pub async fn open(
    store: &Store,
    actor: &Actor,
    id: Id<Letter>,
) -> Result<(LetterView, AuditEvent), LetterError> {
    let letter = store.letter(id).await?.ok_or(LetterError::NotFound)?;
    if !actor.works_in(letter.unit_id) {
        return Err(LetterError::NotFound);
    }
    let view = view(store, actor, letter).await?;
    let event = actor.event_in(
        view.letter.unit_id,
        view.letter.patient_id,
        AuditAction::Read,
        "DocumentReference",
        view.letter.id,
    );
    Ok((view, event))
}

async fn view(store: &Store, actor: &Actor, letter: Letter) -> Result<LetterView, LetterError> {
    let e = store.enrollment(letter.enrollment_id).await?;
    let version = store.program_version_shared(e.program_version_id).await?;
    let point = version
        .definition
        .letters
        .iter()
        .find(|p| p.key == letter.point)
        .cloned()
        .ok_or(LetterError::NotFound)?;
    let patient = store.patient(letter.patient_id).await?;
    let unit = store.unit(letter.unit_id).await?;
    let contacts = store.unit_contacts(letter.unit_id).await?;
    let facts = match (&letter.facts, letter.status) {
        (Some(f), LetterStatus::Sending | LetterStatus::Sent) => f.clone(),
        _ => facts(store, &e, &version, &point).await?,
    };
    let hold = match letter.status {
        LetterStatus::Draft => letter::hold(
            patient.gp_name.as_deref(),
            patient.gp_her_id.as_ref(),
            contacts.her_id.as_ref(),
        ),
        _ => None,
    };
    let assessment = letter
        .assessment
        .clone()
        .unwrap_or_else(|| suggested_assessment(&facts));
    Ok(LetterView {
        may_sign: actor.role_in(letter.unit_id) == Role::Clinician,
        letter,
        patient,
        unit,
        point,
        facts,
        hold,
        assessment,
    })
}

/// Saves a draft's assessment without signing it.
pub async fn save(
    store: &Store,
    actor: &Actor,
    id: Id<Letter>,
    version: i64,
    assessment: &str,
    now: DateTime<Utc>,
) -> Result<(), LetterError> {
    let letter = store.letter(id).await?.ok_or(LetterError::NotFound)?;
    if !actor.works_in(letter.unit_id) {
        return Err(LetterError::NotFound);
    }
    if assessment.chars().count() > letter::ASSESSMENT_MAX {
        return Err(LetterError::Problem(SignProblem::AssessmentTooLong));
    }
    let event = actor.event_in(
        letter.unit_id,
        letter.patient_id,
        AuditAction::Update,
        "DocumentReference",
        id,
    );
    store
        .save_letter_assessment(id, version, assessment, now, &[event])
        .await?;
    Ok(())
}

/// What a clinician signs: the letter at the version they saw, the assessment, whether a
/// sent letter goes again on purpose, and the activity code of the work, if chosen.
#[derive(Debug, Clone, Copy)]
pub struct Sign<'a> {
    pub letter: Id<Letter>,
    pub version: i64,
    pub assessment: &'a str,
    pub again: bool,
    pub code: Option<&'a str>,
}

/// Signs the letter for sending: a draft, or a sent letter `again` on purpose. The facts
/// are frozen as the record stands; the GP is the record's now; the code must be one of
/// the year's codes for letters.
pub async fn sign(
    store: &Store,
    actor: &Actor,
    request: Sign<'_>,
    codes: &CodeLists,
    now: DateTime<Utc>,
) -> Result<(), LetterError> {
    let Sign {
        letter: id,
        version,
        assessment,
        again,
        code,
    } = request;
    let letter = store.letter(id).await?.ok_or(LetterError::NotFound)?;
    if !actor.works_in(letter.unit_id) {
        return Err(LetterError::NotFound);
    }
    if actor.role_in(letter.unit_id) != Role::Clinician {
        return Err(LetterError::NotClinician);
    }
    if letter.version != version {
        return Err(LetterError::Conflict);
    }
    let patient = store.patient(letter.patient_id).await?;
    let contacts = store.unit_contacts(letter.unit_id).await?;
    let held = letter::hold(
        patient.gp_name.as_deref(),
        patient.gp_her_id.as_ref(),
        contacts.her_id.as_ref(),
    );
    letter::may_sign(&letter, assessment, again, held).map_err(LetterError::Problem)?;
    let (Some(gp_name), Some(gp_her_id)) = (&patient.gp_name, &patient.gp_her_id) else {
        return Err(LetterError::Problem(SignProblem::Held(Hold::NoGpHerId)));
    };
    let e = store.enrollment(letter.enrollment_id).await?;
    let program = store.program_version_shared(e.program_version_id).await?;
    let point = program
        .definition
        .letters
        .iter()
        .find(|p| p.key == letter.point)
        .ok_or(LetterError::NotFound)?;
    let facts = facts(store, &e, &program, point).await?;
    let activity = match code.filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => {
            let coded = codes
                .check(ActivityKind::Letter, code, now)
                .ok_or(LetterError::UnknownCode)?;
            Some(NewActivity {
                unit: letter.unit_id,
                patient: letter.patient_id,
                by: actor.account,
                kind: ActivityKind::Letter,
                code: coded.code.clone(),
                system: coded.system.clone(),
                at: now,
                source_type: "DocumentReference",
                source_id: id.to_string(),
            })
        }
    };
    let event = actor.event_in(
        letter.unit_id,
        letter.patient_id,
        AuditAction::Update,
        "DocumentReference",
        id,
    );
    store
        .sign_letter(
            &Signing {
                letter: id,
                version,
                assessment: assessment.trim(),
                facts: &facts,
                gp_name,
                gp_her_id,
                by: actor.account,
                activity,
            },
            now,
            &[event],
        )
        .await?;
    Ok(())
}

/// The PDF's content for a signed letter.
pub fn document(
    letter: &Letter,
    patient: &Patient,
    unit: &Unit,
    unit_phone: Option<&str>,
    signer: (&str, Option<&str>),
) -> pdf::Document {
    let Some(facts) = &letter.facts else {
        return pdf::Document::default();
    };
    let date = letter
        .signed_at
        .map(|at| carepath_i18n::date(LANG, carepath_domain::schedule::local_date(at)))
        .unwrap_or_default();
    let mut from = vec![unit.name.clone()];
    from.extend(unit_phone.map(|p| t_args(LANG, "letter-phone", &[("phone", p.into())])));
    let mut to = vec![t(LANG, "letter-to-gp")];
    to.extend(letter.gp_name.clone());
    to.extend(
        letter
            .gp_her_id
            .as_ref()
            .map(|h| t_args(LANG, "letter-her-id", &[("id", h.as_str().into())])),
    );
    let mut facts_rows = vec![
        [t(LANG, "letter-patient"), patient.name.clone()],
        [t(LANG, "letter-nin"), patient.nin.expose()],
        [t(LANG, "letter-program"), facts.program.clone()],
    ];
    if let Some(started) = facts.started {
        facts_rows.push([
            t(LANG, "letter-started"),
            carepath_i18n::date(LANG, started),
        ]);
    }
    let cell = |at: &Option<ScoreAt>, asked: bool| {
        if !asked {
            return t(LANG, "letter-not-asked");
        }
        at.as_ref()
            .map(|a| {
                format!(
                    "{}{}",
                    with_band(a),
                    format_args!(" – {}", carepath_i18n::date(LANG, a.date))
                )
            })
            .unwrap_or_else(|| t(LANG, "letter-not-answered"))
    };
    let rows = facts
        .scores
        .iter()
        .map(|s| {
            vec![
                s.title.clone(),
                cell(&s.start, s.asked_at_start),
                cell(&s.now, true),
                s.change().map(signed).unwrap_or_default(),
                match s.responder {
                    Some(true) => t(LANG, "letter-yes"),
                    Some(false) => t(LANG, "letter-no"),
                    None => String::new(),
                },
            ]
        })
        .collect();
    let (signer_name, hpr) = signer;
    let mut signature = vec![t(LANG, "letter-regards"), signer_name.to_owned()];
    signature.extend(hpr.map(|h| t_args(LANG, "letter-hpr", &[("hpr", h.into())])));
    signature.push(unit.name.clone());
    pdf::Document {
        title: facts.point.title.clone(),
        lang: LANG.code().to_owned(),
        from,
        date,
        to,
        facts: facts_rows,
        blocks: vec![
            pdf::Block::Paragraph {
                text: facts.point.intro.clone(),
            },
            pdf::Block::Heading {
                text: t(LANG, "letter-results"),
            },
            pdf::Block::Table {
                columns: vec![
                    t(LANG, "letter-col-score"),
                    t(LANG, "letter-col-start"),
                    t(LANG, "letter-col-now"),
                    t(LANG, "letter-col-change"),
                    t(LANG, "letter-col-responder"),
                ],
                rows,
            },
            pdf::Block::Heading {
                text: t(LANG, "letter-assessment"),
            },
            pdf::Block::Paragraph {
                text: letter.assessment.clone().unwrap_or_default(),
            },
            pdf::Block::Paragraph {
                text: facts.point.closing.clone(),
            },
            pdf::Block::Signature { lines: signature },
        ],
        footer: format!("{} – {}", facts.program, unit.name),
    }
}

/// The family and given names of a name as written (the last word is the family name),
/// unless the record keeps the parts.
fn name_parts(patient: &Patient) -> (String, String) {
    if let Some(family) = &patient.name_parts.family {
        return (family.clone(), patient.name_parts.given.join(" "));
    }
    match patient.name.rsplit_once(' ') {
        Some((given, family)) => (family.to_owned(), given.to_owned()),
        None => (patient.name.clone(), String::new()),
    }
}

/// Sets each signed letter as a PDF and a Hodemelding and puts it in the outbox (the
/// letter job; a node that loses the race for a letter leaves it). Returns how many.
pub async fn render_signed(store: &Store, now: DateTime<Utc>) -> Result<u64, LetterError> {
    let mut done = 0;
    for letter in store.letters_to_render(20).await? {
        let patient = store.patient(letter.patient_id).await?;
        let unit = store.unit(letter.unit_id).await?;
        let contacts = store.unit_contacts(letter.unit_id).await?;
        let signer = match letter.signed_by {
            Some(by) => store.staff_member(by, now).await?,
            None => None,
        };
        let (signer_name, hpr) = signer
            .as_ref()
            .map(|s| (s.account.display_name.as_str(), s.hpr_number.as_deref()))
            .unwrap_or_default();
        let doc = document(
            &letter,
            &patient,
            &unit,
            contacts.phone.as_deref(),
            (signer_name, hpr),
        );
        // Setting a letter is CPU work: off the async workers, so requests are not held up.
        // A fault in the layout leaves the letter waiting (it is reported, never its text).
        let pdf = match tokio::task::spawn_blocking(move || pdf::render(&doc)).await {
            Ok(Ok(pdf)) => pdf,
            Ok(Err(e)) => {
                tracing::error!(letter = %letter.id, error = %e, "a letter could not be set");
                continue;
            }
            Err(e) => {
                tracing::error!(letter = %letter.id, error = %e, "setting a letter stopped");
                continue;
            }
        };
        let (Some(gp_her), Some(unit_her)) = (&letter.gp_her_id, &contacts.her_id) else {
            tracing::warn!(letter = %letter.id, "a signed letter has no HER-id to go to or from");
            continue;
        };
        let message_id = uuid::Uuid::now_v7().to_string();
        let (family, given) = name_parts(&patient);
        let (s_family, s_given) = match signer_name.rsplit_once(' ') {
            Some((g, f)) => (f.to_owned(), g.to_owned()),
            None => (signer_name.to_owned(), String::new()),
        };
        let sender = dialogmelding::Party {
            organisation: unit.name.clone(),
            her_id: unit_her.to_string(),
            person: (!signer_name.is_empty()).then(|| dialogmelding::Professional {
                family: s_family,
                given: s_given,
                hpr: hpr.map(str::to_owned),
            }),
        };
        let receiver = dialogmelding::Party {
            organisation: letter.gp_name.clone().unwrap_or_default(),
            her_id: gp_her.to_string(),
            person: None,
        };
        let title = letter
            .facts
            .as_ref()
            .map(|f| f.point.title.clone())
            .unwrap_or_default();
        let xml = dialogmelding::build(&dialogmelding::Note {
            message_id: &message_id,
            generated: now.with_timezone(&chrono_tz::Europe::Oslo).naive_local(),
            sender: &sender,
            receiver: &receiver,
            patient: &dialogmelding::Patient {
                family,
                given,
                nin: patient.nin.expose(),
                d_number: patient.nin.kind() == carepath_domain::nin::NinKind::DNumber,
            },
            subject: &title,
            text: &t(LANG, "letter-note-text"),
            pdf: &pdf,
            pdf_description: &title,
        });
        let outgoing = NewMessage {
            idempotency_key: format!("letter:{}:{}", letter.id, letter.sends),
            patient: Some(letter.patient_id),
            channel: Channel::Dialogmelding,
            recipient: gp_her.to_string(),
            content: Content::Letter {
                letter: letter.id.to_string(),
            },
            lang: LANG,
            message_id,
        };
        if store
            .letter_rendered(&letter, &pdf, &xml, &outgoing, now)
            .await?
        {
            done += 1;
        }
    }
    Ok(done)
}

/// A sent letter's PDF for `actor`: the patient themselves, a member of the unit that
/// wrote it, or someone under emergency access; the read is recorded. `None` for anyone
/// else (a refused read is recorded too) and for a letter not sent.
pub async fn pdf(
    store: &Store,
    actor: &Actor,
    id: Id<Letter>,
    now: DateTime<Utc>,
) -> Result<Option<(Letter, Vec<u8>)>, StoreError> {
    let Some(letter) = store.letter(id).await? else {
        return Ok(None);
    };
    let Some(reach) = actor
        .patient_or_emergency(store, letter.patient_id, now)
        .await?
    else {
        return Ok(None);
    };
    if !reach.may_read(Some(letter.unit_id), &[]) {
        if let Err(e) = actor
            .refused(
                store,
                letter.patient_id,
                "DocumentReference",
                &letter.id.to_string(),
                now,
            )
            .await
        {
            tracing::warn!(error = %e, "could not record a refused read");
        }
        return Ok(None);
    }
    if letter.status != LetterStatus::Sent {
        return Ok(None);
    }
    let Some(bytes) = store.letter_pdf(id).await? else {
        return Ok(None);
    };
    let event = reach.event(actor, AuditAction::Read, "DocumentReference", letter.id);
    store.audit_all(&[event], now).await?;
    Ok(Some((letter, bytes)))
}

/// Records that a letter's message reached the GP's message folder (the outbox's
/// delivery of `Content::Letter`).
pub async fn delivered(store: &Store, letter: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    let Ok(id) = letter.parse::<Id<Letter>>() else {
        return Ok(());
    };
    store.letter_delivered(id, now).await
}

/// A letter's title, from its program's letter point (its key when the point is gone).
pub async fn title(store: &Store, letter: &Letter) -> Result<String, StoreError> {
    let e = store.enrollment(letter.enrollment_id).await?;
    title_in(store, e.program_version_id, &letter.point).await
}

/// The title of letter point `point` of program version `version` (the point's key if
/// the version has no such point).
pub async fn title_in(
    store: &Store,
    version: Id<ProgramVersion>,
    point: &str,
) -> Result<String, StoreError> {
    let v = store.program_version_shared(version).await?;
    Ok(v.definition
        .letters
        .iter()
        .find(|p| p.key == point)
        .map(|p| p.title.clone())
        .unwrap_or_else(|| point.to_owned()))
}
