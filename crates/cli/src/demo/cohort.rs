//! A synthetic IBS-school cohort (issue 16, decision 0037): `carepath demo --cohort N
//! [--seed S]` adds N invented patients to a new demo database, spread over six years
//! before this one, each going through the program by the same use cases as a real
//! patient (referral, enrollment, the forms at the start, 3 and 6 months, satisfaction,
//! research consent, leaving early). The numbers are drawn so that the outcome report
//! reproduces the published figures (mission.md: none/mild 11 % -> 44 % and severe
//! 42 % -> 8 % after 3 months, 54 % responders, satisfaction 22 of 32, GP share 30 % ->
//! 47 % from one year to the next) within chance for the n it shows. Same seed, same
//! data.

use anyhow::Context;
use carepath_app::enrollment::{self, Change, Enroll};
use carepath_domain::Id;
use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::organization::UnitKind;
use carepath_domain::patient::{Gender, Patient};
use carepath_domain::referral::{HeardAbout, ReferralSource};
use carepath_domain::user::Role;
use carepath_store::Store;
use carepath_store::enrollment::NewReferral;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use statrs::distribution::{ContinuousCDF, Normal};

use super::Ctx;

/// The symptom score's bands (IBS-SSS structure): remission, mild, moderate, severe, as
/// the ranges values are drawn from.
const BANDS: [(u32, u32); 4] = [(5, 74), (75, 174), (175, 299), (300, 450)];

/// The band at the start, of everyone (Fig. 3, start): 2 % remission and 9 % mild
/// (11 % none or mild), 47 % moderate, 42 % severe.
const START: [f64; 4] = [0.02, 0.09, 0.47, 0.42];

/// The band at 3 months given the band at the start. With [`START`] it gives 14 % + 30 %
/// (44 %) none or mild, 48 % moderate and 8 % severe at 3 months (Fig. 3).
const THREE_MONTHS: [[f64; 4]; 4] = [
    [0.70, 0.30, 0.0, 0.0],
    [0.45, 0.45, 0.10, 0.0],
    [0.15, 0.40, 0.42, 0.03],
    [0.035, 0.15, 0.65, 0.165],
];

/// The chance of a fall of 50 points or more for a move of `bands` (negative: better):
/// with the tables above, 54 % responders.
fn responder_chance(bands: i32) -> f64 {
    match bands {
        i32::MIN..=-2 => 1.0,
        -1 => 0.70,
        0 => 0.12,
        _ => 0.0,
    }
}

/// The share of referrals from GPs in each of the six years (30 % -> 47 %, then
/// growing slowly).
const GP_SHARE: [f64; 6] = [0.30, 0.47, 0.50, 0.52, 0.54, 0.55];

/// How the cohort is spread over the six years (the service grows).
const PER_YEAR: [f64; 6] = [0.08, 0.12, 0.16, 0.18, 0.22, 0.24];

/// One patient's course, drawn before anything is written.
struct Course {
    referred: DateTime<Utc>,
    start: DateTime<Utc>,
    birth: NaiveDate,
    female: bool,
    source: ReferralSource,
    heard: HeardAbout,
    consent: bool,
    /// Days after the start they leave; none: they finish.
    leaves_after: Option<i64>,
    start_value: u32,
    three: Option<u32>,
    six: Option<u32>,
    /// CSQ-8-style answers, 1-4 each.
    satisfaction: Option<[u8; 8]>,
    /// PHQ-9 and GAD-7 answered at the start.
    mood: Option<([u8; 9], [u8; 7])>,
    /// Quality of life (IBS-QOL structure) at the start, 3 and 6 months, as points of
    /// 136 (34 items of 0-4, higher is better).
    qol: [Option<u32>; 3],
}

fn pick(rng: &mut StdRng, weights: &[f64]) -> usize {
    let mut u: f64 = rng.random::<f64>() * weights.iter().sum::<f64>();
    for (i, w) in weights.iter().enumerate() {
        if u < *w {
            return i;
        }
        u -= w;
    }
    weights.len() - 1
}

fn within(rng: &mut StdRng, band: usize) -> u32 {
    let (lo, hi) = BANDS[band];
    rng.random_range(lo..=hi)
}

/// The symptom values at the start and 3 months: bands by the tables, then values in
/// them whose fall is 50 or more exactly when the patient responds.
fn start_and_three(rng: &mut StdRng) -> (u32, u32) {
    let b0 = pick(rng, &START);
    let b3 = pick(rng, &THREE_MONTHS[b0]);
    let responds = rng.random::<f64>() < responder_chance(b3 as i32 - b0 as i32);
    for _ in 0..1000 {
        let (v0, v3) = (within(rng, b0), within(rng, b3));
        if (i64::from(v0) - i64::from(v3) >= 50) == responds {
            return (v0, v3);
        }
    }
    (within(rng, b0), within(rng, b3))
}

fn course(rng: &mut StdRng, index: u32, year: i32, this_year: i32) -> Course {
    let y = usize::try_from(year - (this_year - 6)).unwrap_or(0).min(5);
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let day = first + Duration::days(rng.random_range(0..334));
    let referred = carepath_domain::schedule::local_instant(
        day,
        NaiveTime::from_hms_opt(rng.random_range(8..15), 0, 0).unwrap_or_default(),
    );
    let start = referred + Duration::days(rng.random_range(14..=30));
    let age = Normal::new(38.0, 12.0)
        .map(|n| n.inverse_cdf(rng.random::<f64>().clamp(0.001, 0.999)))
        .unwrap_or(38.0)
        .clamp(18.0, 75.0);
    let birth = carepath_domain::schedule::local_date(start)
        - Duration::days((age * 365.25) as i64 + rng.random_range(0..365));
    let source = if rng.random::<f64>() < GP_SHARE[y] {
        ReferralSource::Gp
    } else if rng.random::<f64>() < 0.85 {
        ReferralSource::Hospital
    } else {
        ReferralSource::Other
    };
    let heard = [
        HeardAbout::Gp,
        HeardAbout::Hospital,
        HeardAbout::Website,
        HeardAbout::FriendOrFamily,
        HeardAbout::Media,
        HeardAbout::Other,
    ][pick(rng, &[0.35, 0.2, 0.25, 0.1, 0.05, 0.05])];
    let (start_value, three_value) = start_and_three(rng);
    let leaves_after = (rng.random::<f64>() < 0.12).then(|| rng.random_range(20..80));
    let stays = leaves_after.is_none();
    let three = (stays && rng.random::<f64>() < 0.80).then_some(three_value);
    let six = (stays && rng.random::<f64>() < 0.72).then(|| {
        let drift = rng.random_range(-40_i64..=25);
        u32::try_from((i64::from(three_value) + drift).clamp(0, 500)).unwrap_or(0)
    });
    // Quality of life, 0-100: about 52 at the start; 30 % improve by 15-35 points by
    // 3 months (the responder rule asks for 14), the others change by -10 to 13. Who
    // improves follows an even (golden-ratio) sequence over the cohort, so any large
    // part of it has close to 30 %.
    let qol_start = Normal::new(52.0, 15.0)
        .map(|n| n.inverse_cdf(rng.random::<f64>().clamp(0.001, 0.999)))
        .unwrap_or(52.0)
        .clamp(5.0, 80.0);
    let qol_three = qol_start
        + if (f64::from(index) * 0.618_033_988_749_895).fract() < 0.30 {
            rng.random_range(15.0..35.0)
        } else {
            rng.random_range(-10.0..13.0)
        };
    let qol_six = qol_three + rng.random_range(-6.0..8.0);
    let points = |score: f64| (score.clamp(0.0, 100.0) * 34.0 / 25.0).round() as u32;
    let qol = [
        Some(points(qol_start)),
        three.map(|_| points(qol_three)),
        six.map(|_| points(qol_six)),
    ];
    let item =
        |rng: &mut StdRng| u8::try_from(pick(rng, &[0.05, 0.30, 0.50, 0.15]) + 1).unwrap_or(3);
    let satisfaction = (stays && rng.random::<f64>() < 0.70).then(|| {
        let mut a = [0u8; 8];
        for x in &mut a {
            *x = item(rng);
        }
        a
    });
    let mood = (rng.random::<f64>() < 0.95).then(|| {
        let mut phq = [0u8; 9];
        for x in phq.iter_mut().take(8) {
            *x = u8::try_from(pick(rng, &[0.45, 0.35, 0.15, 0.05])).unwrap_or(0);
        }
        let mut gad = [0u8; 7];
        for x in &mut gad {
            *x = u8::try_from(pick(rng, &[0.45, 0.35, 0.15, 0.05])).unwrap_or(0);
        }
        (phq, gad)
    });
    Course {
        referred,
        start,
        birth,
        female: rng.random::<f64>() < 0.77,
        source,
        heard,
        consent: rng.random::<f64>() < 0.90,
        leaves_after,
        start_value,
        three,
        six,
        satisfaction,
        mood,
        qol,
    }
}

/// Every course of a cohort of `n` drawn from `seed`, by start.
fn courses(n: u32, seed: u64, this_year: i32) -> Vec<Course> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out: Vec<Course> = (0..n)
        .map(|i| {
            let year = this_year - 6 + i32::try_from(pick(&mut rng, &PER_YEAR)).unwrap_or(0);
            course(&mut rng, i, year, this_year)
        })
        .collect();
    out.sort_by_key(|c| c.start);
    out
}

/// The five answers of the symptom form adding up to `total` (pain, pain days of 10,
/// bloating, dissatisfaction, life), as the form takes them.
fn symptom_answers(total: u32) -> Vec<(&'static str, String)> {
    let days = (total / 50).min(10);
    let rest = total - days * 10;
    let each = rest / 4;
    let extra = rest % 4;
    let parts = [
        each + u32::from(extra > 0),
        each + u32::from(extra > 1),
        each + u32::from(extra > 2),
        each,
    ];
    let mut out = vec![("smerte-dager", days.to_string())];
    for (id, v) in [
        "smerte-styrke",
        "oppblasthet",
        "avforing-misnoye",
        "livet-pavirket",
    ]
    .into_iter()
    .zip(parts)
    {
        out.push((id, v.min(100).to_string()));
    }
    out
}

const PHQ_CODES: [&str; 4] = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

/// The 34 answers of the quality-of-life form worth `points` of 136 (each item 0-4, the
/// answer's code 5 minus its points).
fn qol_answers(points: u32) -> Vec<(String, String)> {
    let points = points.min(136);
    (0..34u32)
        .map(|i| {
            let w = points / 34 + u32::from(i < points % 34);
            (format!("qol-{:02}", i + 1), (5 - w).to_string())
        })
        .collect()
}

/// Answers the quality-of-life form worth `points` at `at`.
async fn qol(
    ctx: &Ctx<'_>,
    e: &carepath_domain::enrollment::Enrollment,
    points: Option<u32>,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(points) = points else { return Ok(()) };
    let answers = qol_answers(points);
    let refs: Vec<(&str, String)> = answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    ctx.answer_form(e, "livskvalitet", &refs, at).await
}

/// Adds the cohort to the demo database `store` (just made by [`super::create`]):
/// a unit of its own running the IBS school, where `koordinator1` and `kliniker1` also
/// work, and `n` patients. `progress` hears (done, of) as it goes.
pub async fn add(
    store: &Store,
    now: DateTime<Utc>,
    n: u32,
    seed: u64,
    progress: &mut dyn FnMut(u32, u32),
) -> anyhow::Result<()> {
    let kliniker1 = store
        .user_by_username("kliniker1")
        .await?
        .context("the demo's clinician")?;
    let unit1 = store
        .roles(kliniker1.id)
        .await?
        .iter()
        .find_map(|g| g.unit_id)
        .context("the demo's first unit")?;
    let unit1 = store.unit(unit1).await?;
    let unit = store
        .create_unit(
            unit1.organization_id,
            "Mage-tarmskolen, syntetisk kohort",
            UnitKind::Department,
            now,
        )
        .await?;
    let version = store
        .latest_program_version("ibs-school")
        .await?
        .context("the demo's IBS school")?;
    store.offer_program(unit.id, version.program_id).await?;
    let mut clinician = None;
    for (name, role) in [
        ("kliniker1", Role::Clinician),
        ("koordinator1", Role::Coordinator),
    ] {
        let user = store.user_by_username(name).await?.context("a demo user")?;
        store.grant_role(user.id, role, Some(unit.id)).await?;
        clinician.get_or_insert(user);
    }
    let clinician = clinician.context("the demo's clinician")?;
    let ctx = Ctx {
        store,
        unit,
        program_id: version.program_id,
        version,
        clinician,
        now,
        public_url: String::new(),
    };
    let this_year = carepath_domain::schedule::local_date(now).year();
    let mut born: std::collections::HashMap<NaiveDate, usize> = std::collections::HashMap::new();
    let all = courses(n, seed, this_year);
    let total = u32::try_from(all.len()).unwrap_or(u32::MAX);
    for (i, c) in all.iter().enumerate() {
        let k = born.entry(c.birth).or_insert(0);
        *k += 1;
        let nin = super::nth_synthetic_nin(c.birth, *k)
            .context("too many synthetic patients born on one day")?;
        one(&ctx, c, i + 1, nin).await?;
        progress(u32::try_from(i + 1).unwrap_or(u32::MAX), total);
    }
    store.run_scheduler(now, "").await?;
    Ok(())
}

/// The referring GP's region: half from Vestland, some from Rogaland, a few from further
/// away; fixed by the patient's number, so the random draws (and the cohort's published
/// figures) are those they were before regions were recorded.
fn referring_region(number: usize) -> Option<carepath_domain::region::Region> {
    const SPREAD: [&str; 20] = [
        "46", "46", "11", "46", "46", "15", "46", "11", "46", "03", "46", "46", "11", "50", "46",
        "42", "46", "11", "46", "18",
    ];
    carepath_domain::region::Region::parse(SPREAD[number % SPREAD.len()])
}

async fn one(
    ctx: &Ctx<'_>,
    c: &Course,
    number: usize,
    nin: carepath_domain::NationalIdNumber,
) -> anyhow::Result<()> {
    let store = ctx.store;
    let patient = Patient {
        updated_at: None,
        id: Id::new(),
        nin,
        name: format!("Syntetisk Pasient {number:05}"),
        birth_date: c.birth,
        user_id: None,
        gp_name: None,
        gp_her_id: None,
        managing_unit: None,
        version: 1,
        email: None,
        mobile: None,
        name_parts: Default::default(),
        gender: Some(if c.female {
            Gender::Female
        } else {
            Gender::Male
        }),
    };
    store.create_patient(&patient, c.referred, &[]).await?;
    store
        .create_referral(
            &NewReferral {
                id: Id::new(),
                patient: patient.id,
                unit: ctx.unit.id,
                program: ctx.program_id,
                source: c.source,
                heard_about: c.heard,
                region: referring_region(number),
                registered_by: ctx.clinician.id,
                received_at: c.referred,
            },
            &[],
        )
        .await?;
    let request = Enroll {
        patient: patient.id,
        unit: ctx.unit.id,
        version: &ctx.version,
        by: Some(ctx.clinician.id),
        audit: None,
        public_url: None,
    };
    let mut e = enrollment::enroll(store, request, c.referred + Duration::days(7)).await?;
    ctx.start(&mut e, ScreeningOutcome::Eligible, c.start)
        .await?;
    if c.consent {
        // Given on paper and recorded by the unit's clinician: the synthetic patients
        // have no accounts of their own.
        let actor = ctx.actor(ctx.clinician.id).await?;
        let reach = actor
            .patient(store, patient.id)
            .await?
            .context("the demo clinician cannot reach a cohort patient")?;
        carepath_app::research::decide_consent(store, &reach, &actor, true, 0, c.start).await?;
    }
    let t0 = c.start + Duration::hours(1);
    ctx.answer_form(&e, "ibs-symptomskaar", &symptom_answers(c.start_value), t0)
        .await?;
    if let Some((phq, gad)) = &c.mood {
        for (key, prefix, values, minutes) in [
            ("phq-9", "phq9", &phq[..], 10),
            ("gad-7", "gad7", &gad[..], 20),
        ] {
            let ids: Vec<String> = (1..=values.len())
                .map(|i| format!("{prefix}-{i}"))
                .collect();
            let answers: Vec<(&str, String)> = ids
                .iter()
                .zip(values)
                .map(|(id, v)| (id.as_str(), PHQ_CODES[usize::from(*v)].to_owned()))
                .collect();
            ctx.answer_form(&e, key, &answers, t0 + Duration::minutes(minutes))
                .await?;
        }
    }
    qol(ctx, &e, c.qol[0], t0 + Duration::minutes(30)).await?;
    if let Some(days) = c.leaves_after {
        enrollment::change(
            store,
            &e,
            Change::Withdraw,
            None,
            None,
            c.start + Duration::days(days),
        )
        .await?;
        return Ok(());
    }
    // Each time's tasks open whether or not they are answered (a form left unanswered
    // closes later, and the report counts it as missed).
    let three = carepath_domain::program::Offset::Months(3).after(c.start) + Duration::days(2);
    store.run_scheduler(three, "").await?;
    if let Some(v) = c.three {
        ctx.answer_form(&e, "ibs-symptomskaar", &symptom_answers(v), three)
            .await?;
    }
    qol(ctx, &e, c.qol[1], three + Duration::minutes(30)).await?;
    let six = carepath_domain::program::Offset::Months(6).after(c.start) + Duration::days(2);
    store.run_scheduler(six, "").await?;
    if let Some(v) = c.six {
        ctx.answer_form(&e, "ibs-symptomskaar", &symptom_answers(v), six)
            .await?;
    }
    qol(ctx, &e, c.qol[2], six + Duration::minutes(30)).await?;
    if let Some(items) = &c.satisfaction {
        let answers: Vec<(&str, String)> = [
            "kvalitet",
            "type-hjelp",
            "behov",
            "anbefale",
            "mengde",
            "mestring",
            "helhet",
            "igjen",
        ]
        .into_iter()
        .zip(items.iter().map(ToString::to_string))
        .collect();
        ctx.answer_form(&e, "tilfredshet", &answers, six + Duration::hours(1))
            .await?;
    }
    // The last forms' windows close (14 days) before the program ends.
    store.run_scheduler(six + Duration::days(16), "").await?;
    let e = store.enrollment(e.id).await?;
    enrollment::change(
        store,
        &e,
        Change::Finish,
        None,
        None,
        six + Duration::days(20),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symptom_answers_add_up_to_the_total() {
        for total in [0, 5, 74, 75, 174, 175, 299, 300, 450, 500] {
            let sum: u32 = symptom_answers(total)
                .iter()
                .map(|(id, v)| {
                    v.parse::<u32>().unwrap() * if *id == "smerte-dager" { 10 } else { 1 }
                })
                .sum();
            assert_eq!(sum, total);
        }
    }

    #[test]
    fn the_quality_of_life_answers_are_worth_their_points() {
        for points in [0, 1, 33, 34, 35, 70, 135, 136] {
            let sum: u32 = qol_answers(points)
                .iter()
                .map(|(_, code)| 5 - code.parse::<u32>().unwrap())
                .sum();
            assert_eq!(sum, points);
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_cohort() {
        let a: Vec<u32> = courses(50, 7, 2026).iter().map(|c| c.start_value).collect();
        let b: Vec<u32> = courses(50, 7, 2026).iter().map(|c| c.start_value).collect();
        let c: Vec<u32> = courses(50, 8, 2026).iter().map(|c| c.start_value).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
