//! The demo's course roles and participants (issue 17, `docs/contracts.md`): a course
//! owner, a committee member, a local organiser at the home follow-up centre, and
//! participants: one halfway through part 1, one who has done the whole course, and five
//! colleagues of theirs at the same day who evaluated both parts.
//! Everything goes through the course use cases, at the times it would have happened.

use anyhow::Context;
use carepath_app::access::Actor;
use carepath_app::course;
use carepath_domain::course::offering::{OfferingStep, Proposal};
use carepath_domain::course::participation::{Profession, Profile};
use carepath_domain::course::{CourseVersion, PartContent};
use carepath_domain::organization::Unit;
use carepath_domain::region::Region;
use carepath_domain::user::{Role, SignInKind, UserAccount};
use carepath_store::Store;
use chrono::{DateTime, Duration, Utc};

async fn user(
    store: &Store,
    username: &str,
    name: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<UserAccount> {
    let user = store.create_user(username, name, now).await?;
    store
        .add_sign_in_key(user.id, SignInKind::Demo, username)
        .await?;
    Ok(user)
}

async fn actor(store: &Store, user: &UserAccount) -> anyhow::Result<Actor> {
    Ok(Actor {
        account: user.id,
        roles: store.roles(user.id).await?,
        session: String::new(),
    })
}

/// Every lesson of the course's e-learning parts, with answers written for the demo.
fn lessons(v: &CourseVersion) -> Vec<(String, usize)> {
    v.definition
        .parts
        .iter()
        .flat_map(|p| match &p.content {
            PartContent::Elearning { lessons } => lessons
                .iter()
                .map(|l| (l.key.clone(), l.reflections.len()))
                .collect(),
            PartContent::Day { .. } => Vec::new(),
        })
        .collect()
}

async fn do_lessons(
    store: &Store,
    who: &Actor,
    v: &CourseVersion,
    count: usize,
    from: DateTime<Utc>,
) -> anyhow::Result<()> {
    for (i, (key, questions)) in lessons(v).into_iter().take(count).enumerate() {
        let answers: Vec<String> = (1..=questions)
            .map(|q| format!("Demosvar {q}: slik vi gjør det hos oss, og det vil jeg prøve ut."))
            .collect();
        let at = from + Duration::days(i64::try_from(i).unwrap_or(0));
        course::finish_lesson(store, who, v, &key, &answers, at).await?;
    }
    Ok(())
}

/// The course roles, two offerings and two participants of the shipped course.
pub(super) async fn seed(
    store: &Store,
    v: &CourseVersion,
    unit: &Unit,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let owner = user(store, "kurseier1", "Kåre Kurseier", now).await?;
    store
        .grant_course_role(owner.id, Role::CourseOwner, v.course_id, None)
        .await?;
    let committee = user(store, "komite1", "Kari Komité", now).await?;
    store
        .grant_course_role(committee.id, Role::CourseCommittee, v.course_id, None)
        .await?;
    let organiser = user(store, "arrangor1", "Arne Arrangør", now).await?;
    store
        .grant_course_role(organiser.id, Role::Organiser, v.course_id, Some(unit.id))
        .await?;
    let (organiser, committee) = (
        actor(store, &organiser).await?,
        actor(store, &committee).await?,
    );
    let day = v
        .definition
        .parts
        .iter()
        .find(|p| p.is_day())
        .context("the demo course has a day part")?;
    let speakers = match &day.content {
        PartContent::Day { sessions } => sessions
            .iter()
            .take(2)
            .map(|s| (s.key.clone(), "Hanne Hjemmeoppfølging".to_owned()))
            .collect(),
        PartContent::Elearning { .. } => Vec::new(),
    };
    // A day that took place three weeks ago, proposed and approved months before.
    let long_ago = now - Duration::days(120);
    let today = |t: DateTime<Utc>| carepath_domain::schedule::local_date(t);
    let past = course::propose(
        store,
        &organiser,
        v,
        &day.key,
        unit.id,
        Proposal {
            date: today(now) - Duration::days(21),
            place: "Møterom Fjorden".into(),
            capacity: 24,
            deadline: today(now) - Duration::days(35),
            speakers: speakers.clone(),
        },
        long_ago,
    )
    .await?;
    let decide = |id, version, step, comment: &'static str, at| {
        let committee = &committee;
        async move { course::step(store, committee, v, id, version, step, comment, None, at).await }
    };
    decide(
        past,
        1,
        OfferingStep::Approve,
        "Godkjent. Programmet følger kursplanen.",
        long_ago + Duration::days(3),
    )
    .await?;
    // An open one, approved last week, and one waiting for the committee.
    let open = course::propose(
        store,
        &organiser,
        v,
        &day.key,
        unit.id,
        Proposal {
            date: today(now) + Duration::days(45),
            place: "Auditoriet".into(),
            capacity: 30,
            deadline: today(now) + Duration::days(30),
            speakers: speakers.clone(),
        },
        now - Duration::days(10),
    )
    .await?;
    decide(
        open,
        1,
        OfferingStep::Approve,
        "Godkjent. Husk å melde inn lokale foredragsholdere for de siste øktene.",
        now - Duration::days(7),
    )
    .await?;
    course::propose(
        store,
        &organiser,
        v,
        &day.key,
        unit.id,
        Proposal {
            date: today(now) + Duration::days(100),
            place: "Kantina".into(),
            capacity: 40,
            deadline: today(now) + Duration::days(85),
            speakers: Vec::new(),
        },
        now - Duration::days(1),
    )
    .await?;

    // deltaker1: registered last week, three of seven lessons done.
    let d1 = user(store, "deltaker1", "Dina Deltaker", now).await?;
    store.grant_role(d1.id, Role::Participant, None).await?;
    let d1 = actor(store, &d1).await?;
    let profile = |profession, workplace: &str, region: &str| -> anyhow::Result<Profile> {
        Ok(Profile {
            profession,
            workplace: workplace.into(),
            region: Region::parse(region).context("a demo region")?,
        })
    };
    course::register(
        store,
        &d1,
        v,
        profile(Profession::Nurse, "Fjell kommune, hjemmetjenesten", "46")?,
        now - Duration::days(8),
    )
    .await?;
    do_lessons(store, &d1, v, 3, now - Duration::days(7)).await?;

    // deltaker2: part 1 done months ago, attended the day three weeks ago.
    let d2 = user(store, "deltaker2", "David Deltaker", now).await?;
    store.grant_role(d2.id, Role::Participant, None).await?;
    let d2 = actor(store, &d2).await?;
    course::register(
        store,
        &d2,
        v,
        profile(Profession::Doctor, "Sentrum legekontor", "46")?,
        long_ago + Duration::days(5),
    )
    .await?;
    do_lessons(store, &d2, v, usize::MAX, long_ago + Duration::days(6)).await?;
    course::book(store, &d2, v, past, long_ago + Duration::days(20)).await?;
    course::mark_attendance(
        store,
        &organiser,
        v,
        past,
        d2.account,
        true,
        now - Duration::days(21),
    )
    .await?;
    course::certificate(store, &d2, v, now - Duration::days(20)).await?;
    // They evaluated part 1 when they finished it; part 2 is still theirs to evaluate.
    evaluate(store, &d2, v, "del-1", 0, long_ago + Duration::days(13)).await?;

    // deltaker3-7: colleagues at the same day, each with both parts evaluated, so the
    // owner's results have a day with enough answers to show.
    let colleagues = [
        (
            "deltaker3",
            "Trine Trondsen",
            Profession::Nurse,
            "Fjell kommune, responssenteret",
            "46",
        ),
        (
            "deltaker4",
            "Fredrik Fjeld",
            Profession::Doctor,
            "Havn legesenter",
            "46",
        ),
        (
            "deltaker5",
            "Siri Solberg",
            Profession::Physiotherapist,
            "Fjell kommune, rehabilitering",
            "46",
        ),
        (
            "deltaker6",
            "Jonas Lie",
            Profession::Nurse,
            "Dalen sykehjem",
            "helse-vest",
        ),
        (
            "deltaker7",
            "Maria Berg",
            Profession::HealthSecretary,
            "Sentrum legekontor",
            "46",
        ),
    ];
    for (i, (username, name, profession, workplace, region)) in colleagues.into_iter().enumerate() {
        let u = user(store, username, name, now).await?;
        store.grant_role(u.id, Role::Participant, None).await?;
        let who = actor(store, &u).await?;
        let start = long_ago + Duration::days(7 + i64::try_from(i).unwrap_or(0));
        course::register(
            store,
            &who,
            v,
            profile(profession, workplace, region)?,
            start,
        )
        .await?;
        do_lessons(store, &who, v, usize::MAX, start).await?;
        evaluate(store, &who, v, "del-1", i + 1, start + Duration::days(8)).await?;
        course::book(store, &who, v, past, start + Duration::days(9)).await?;
        course::mark_attendance(
            store,
            &organiser,
            v,
            past,
            who.account,
            true,
            now - Duration::days(21),
        )
        .await?;
        evaluate(store, &who, v, "del-2", i + 1, now - Duration::days(20)).await?;
    }
    Ok(())
}

/// An evaluation written for the demo; `n` varies the answers between participants.
async fn evaluate(
    store: &Store,
    who: &Actor,
    v: &CourseVersion,
    part: &str,
    n: usize,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    const OVERALL: [&str; 6] = ["5", "4", "5", "4", "3", "5"];
    const USEFUL: [&str; 6] = ["5", "4", "4", "5", "3", "4"];
    const LEVEL: [&str; 6] = [
        "passe",
        "passe",
        "for-lett",
        "passe",
        "passe",
        "for-vanskelig",
    ];
    const BEST: [&str; 6] = [
        "Eksemplene fra kommuner som allerede er i gang.",
        "",
        "Å jobbe med refleksjonsspørsmålene sammen med kollegene.",
        "Gruppearbeidet om hvordan vi kommer i gang.",
        "",
        "Praktiske råd om ansvarsdeling med fastlegen.",
    ];
    const CHANGE: [&str; 6] = [
        "",
        "Mer tid til spørsmål på slutten.",
        "",
        "Litteraturlista kunne vært kortere.",
        "Flere eksempler fra fastlegekontor.",
        "",
    ];
    let i = n % OVERALL.len();
    let mut answers = carepath_fhir::FormAnswers::new();
    for (key, value) in [
        ("helhet", OVERALL[i]),
        ("nytte", USEFUL[i]),
        ("niva", LEVEL[i]),
        ("anbefale", if i == 4 { "false" } else { "true" }),
        ("best", BEST[i]),
        ("endre", CHANGE[i]),
    ] {
        if !value.is_empty() {
            answers.insert(key.to_owned(), vec![value.to_owned()]);
        }
    }
    course::evaluation::evaluate(store, who, v, part, &answers, at).await?;
    Ok(())
}
