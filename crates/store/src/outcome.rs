//! What an outcome report counts (decision 0037): the scores at each timepoint of a
//! program's schedule, the tasks asked and answered, the enrollments and referrals, and
//! the alerts of the patients in a scope (program versions, units, a start period, and for
//! research only patients who consented). Rows come as the database holds them; the
//! statistics are the domain's, the report the application's.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::program::{Program, ProgramVersion};
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use sqlx::QueryBuilder;

use crate::db::on_pool;
use crate::{Result, Store, StoreError, parse_id};

/// Whose data a report counts.
#[derive(Debug, Clone)]
pub struct Scope {
    pub program: Id<Program>,
    /// The versions counted (all of the program's, or one).
    pub versions: Vec<Id<ProgramVersion>>,
    /// The units counted; `None` is every unit (research).
    pub units: Option<Vec<Id<Unit>>>,
    /// Enrollments started from the first until before the second.
    pub started: (DateTime<Utc>, DateTime<Utc>),
    /// Only patients whose research consent is given.
    pub consenting_only: bool,
}

/// A score of a completed task: which enrollment, which schedule entry of which version,
/// the score's code, value and band.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreAt {
    /// A number per enrollment, the same for each of its rows (not its id).
    pub enrollment: u32,
    pub version: Id<ProgramVersion>,
    pub entry: usize,
    pub code: String,
    pub value: Option<f64>,
    pub band: Option<String>,
}

/// How many tasks of a schedule entry are in a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskCount {
    pub version: Id<ProgramVersion>,
    pub entry: usize,
    pub status: String,
    pub count: i64,
}

/// One enrollment's facts: status, start, the patient's birth date and gender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentFacts {
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub birth_date: NaiveDate,
    pub gender: Option<String>,
}

/// One referral: its source, how the patient heard of the program, when it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralFacts {
    pub source: String,
    pub heard_about: String,
    pub received_at: DateTime<Utc>,
}

/// One alert: its colour, when raised and when acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertFacts {
    pub colour: String,
    pub raised_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// Adds the scope's conditions on enrollment `e` (joined as `e`) to the query builder
/// `$q`, binding the values of `$scope` (`&ScopeIds`).
macro_rules! push_scope {
    ($q:expr, $scope:expr) => {{
        let q = $q;
        let scope: &ScopeIds = $scope;
        q.push(" e.program_version_id IN (");
        let mut list = q.separated(", ");
        for v in &scope.versions {
            list.push_bind(v.clone());
        }
        q.push(")");
        if let Some(units) = &scope.units {
            q.push(" AND e.unit_id IN (");
            let mut list = q.separated(", ");
            for u in units {
                list.push_bind(u.clone());
            }
            q.push(")");
        }
        q.push(" AND e.started_at >= ");
        q.push_bind(scope.from);
        q.push(" AND e.started_at < ");
        q.push_bind(scope.until);
        if scope.consenting_only {
            q.push(
                " AND EXISTS (SELECT 1 FROM research_consents c
                              WHERE c.patient_id = e.patient_id AND c.status = 'active')",
            );
        }
    }};
}

/// The scope as the values bound into SQL.
struct ScopeIds {
    versions: Vec<String>,
    units: Option<Vec<String>>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    consenting_only: bool,
}

impl From<&Scope> for ScopeIds {
    fn from(s: &Scope) -> Self {
        Self {
            versions: s.versions.iter().map(ToString::to_string).collect(),
            units: s
                .units
                .as_ref()
                .map(|u| u.iter().map(ToString::to_string).collect()),
            from: s.started.0,
            until: s.started.1,
            consenting_only: s.consenting_only,
        }
    }
}

/// A small number per enrollment id, in the order first seen: a million rows never hold a
/// million ids.
#[derive(Default)]
struct Numbering(std::collections::HashMap<String, u32>);

impl Numbering {
    fn of(&mut self, id: String) -> u32 {
        let next = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        *self.0.entry(id).or_insert(next)
    }
}

fn entry(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl Store {
    /// The scope's tasks of `questionnaires` (keys), counted per version, schedule entry
    /// and status, and the scores of the completed ones, numbered per enrollment so a
    /// million rows never hold a million ids. One pass over the tasks: the database sends
    /// one row per enrollment, its tasks and their scores joined in one text (a row costs
    /// far more to pass than its bytes; about seven times fewer rows here).
    pub async fn outcome_tasks_and_scores(
        &self,
        scope: &Scope,
        questionnaires: &[String],
    ) -> Result<(Vec<TaskCount>, Vec<ScoreAt>)> {
        if scope.versions.is_empty() || questionnaires.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let ids = ScopeIds::from(scope);
        // Tasks apart by U+001E, a task's fields by U+001F, its scores by U+001D and a
        // score's fields by U+001C; values at full precision.
        let (joined, value, sep) = match self.backend() {
            crate::Backend::Sqlite => (
                "group_concat",
                "CASE WHEN o.value IS NULL THEN '' ELSE printf('%!.17g', o.value) END",
                "char",
            ),
            crate::Backend::Postgres => {
                ("string_agg", "COALESCE(CAST(o.value AS TEXT), '')", "chr")
            }
        };
        let select = format!(
            "SELECT e.id, e.program_version_id,
                    {joined}(CAST(t.schedule_entry AS TEXT) || {sep}(31) || t.status || {sep}(31)
                      || CASE WHEN t.status = 'completed' THEN
                           COALESCE((SELECT {joined}(o.code || {sep}(28) || {value} || {sep}(28)
                                                     || COALESCE(o.band, ''), {sep}(29))
                                     FROM observations o WHERE o.response_id = t.response_id), '')
                         ELSE '' END,
                      {sep}(30))
             FROM enrollments e JOIN tasks t ON t.enrollment_id = e.id
             WHERE t.questionnaire_key IN ("
        );
        let mut numbers = Numbering::default();
        let mut versions: Vec<(String, Id<ProgramVersion>)> = Vec::new();
        let mut counts: std::collections::HashMap<(Id<ProgramVersion>, usize, String), i64> =
            std::collections::HashMap::new();
        let mut scores = Vec::new();
        on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(select.clone());
            let mut list = q.separated(", ");
            for k in questionnaires {
                list.push_bind(k.clone());
            }
            q.push(") AND");
            push_scope!(&mut q, &ids);
            q.push(" GROUP BY e.id, e.program_version_id");
            let mut rows = q
                .build_query_as::<(String, String, String)>()
                .persistent(false)
                .fetch(pool);
            while let Some((e, v, tasks)) = rows.try_next().await? {
                let enrollment = numbers.of(e);
                let version = match versions.iter().find(|(id, _)| *id == v) {
                    Some((_, parsed)) => *parsed,
                    None => {
                        let parsed = parse_id(&v)?;
                        versions.push((v, parsed));
                        parsed
                    }
                };
                for task in tasks.split('\u{1e}') {
                    let mut f = task.split('\u{1f}');
                    let (Some(n), Some(status), Some(its)) = (f.next(), f.next(), f.next()) else {
                        return Err(StoreError::Corrupt("an outcome task row".into()));
                    };
                    let entry = entry(n.parse().unwrap_or(-1));
                    match counts.get_mut(&(version, entry, status.to_owned())) {
                        Some(count) => *count += 1,
                        None => {
                            counts.insert((version, entry, status.to_owned()), 1);
                        }
                    }
                    for score in its.split('\u{1d}').filter(|s| !s.is_empty()) {
                        let mut f = score.split('\u{1c}');
                        let (Some(code), Some(value), Some(band)) = (f.next(), f.next(), f.next())
                        else {
                            return Err(StoreError::Corrupt("an outcome score row".into()));
                        };
                        scores.push(ScoreAt {
                            enrollment,
                            version,
                            entry,
                            code: code.to_owned(),
                            value: value.parse().ok(),
                            band: Some(band.to_owned()).filter(|b| !b.is_empty()),
                        });
                    }
                }
            }
            Ok::<_, StoreError>(())
        })?;
        let mut tasks: Vec<TaskCount> = counts
            .into_iter()
            .map(|((version, entry, status), count)| TaskCount {
                version,
                entry,
                status,
                count,
            })
            .collect();
        tasks.sort_by(|a, b| (a.entry, &a.status).cmp(&(b.entry, &b.status)));
        Ok((tasks, scores))
    }

    /// The scope's enrollments.
    pub async fn outcome_enrollments(&self, scope: &Scope) -> Result<Vec<EnrollmentFacts>> {
        if scope.versions.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ScopeIds::from(scope);
        let rows: Vec<(String, DateTime<Utc>, NaiveDate, Option<String>)> =
            on_pool!(self, |pool| {
                let mut q = QueryBuilder::new(
                    "SELECT e.status, e.started_at, p.birth_date, p.gender
                 FROM enrollments e JOIN patients p ON p.id = e.patient_id WHERE",
                );
                push_scope!(&mut q, &ids);
                q.build_query_as().persistent(false).fetch_all(pool).await
            })?;
        Ok(rows
            .into_iter()
            .map(|(status, started_at, birth_date, gender)| EnrollmentFacts {
                status,
                started_at,
                birth_date,
                gender,
            })
            .collect())
    }

    /// The referrals to the scope's program (in its units) received in its period, of
    /// consenting patients when it asks for them.
    pub async fn outcome_referrals(&self, scope: &Scope) -> Result<Vec<ReferralFacts>> {
        let ids = ScopeIds::from(scope);
        let program = scope.program.to_string();
        let rows: Vec<(String, String, DateTime<Utc>)> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT r.source, r.heard_about, r.received_at FROM referrals r WHERE r.program_id = ",
            );
            q.push_bind(program.clone());
            if let Some(units) = &ids.units {
                q.push(" AND r.unit_id IN (");
                let mut list = q.separated(", ");
                for u in units {
                    list.push_bind(u.clone());
                }
                q.push(")");
            }
            q.push(" AND r.received_at >= ");
            q.push_bind(ids.from);
            q.push(" AND r.received_at < ");
            q.push_bind(ids.until);
            if ids.consenting_only {
                q.push(
                    " AND EXISTS (SELECT 1 FROM research_consents c
                                  WHERE c.patient_id = r.patient_id AND c.status = 'active')",
                );
            }
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(|(source, heard_about, received_at)| ReferralFacts {
                source,
                heard_about,
                received_at,
            })
            .collect())
    }

    /// When each of the scope's enrollments had a measurement registered (the patient's
    /// own values owned by the enrollment's unit, from its start): (a number per
    /// enrollment, its start, the time measured), streamed.
    pub async fn outcome_measurements(
        &self,
        scope: &Scope,
    ) -> Result<Vec<(u32, DateTime<Utc>, DateTime<Utc>)>> {
        if scope.versions.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ScopeIds::from(scope);
        let mut numbers = Numbering::default();
        let mut out = Vec::new();
        on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT e.id, e.started_at, o.effective_at
                 FROM observations o JOIN enrollments e
                   ON e.patient_id = o.patient_id AND e.unit_id = o.unit_id
                 WHERE o.response_id IS NULL AND o.effective_at >= e.started_at AND",
            );
            push_scope!(&mut q, &ids);
            let mut rows = q
                .build_query_as::<(String, DateTime<Utc>, DateTime<Utc>)>()
                .persistent(false)
                .fetch(pool);
            while let Some((e, start, at)) = rows.try_next().await? {
                out.push((numbers.of(e), start, at));
            }
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// The alerts of the scope's enrollments.
    pub async fn outcome_alerts(&self, scope: &Scope) -> Result<Vec<AlertFacts>> {
        if scope.versions.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ScopeIds::from(scope);
        let rows: Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT a.colour, a.raised_at, a.acknowledged_at
                 FROM alerts a JOIN enrollments e ON e.id = a.enrollment_id WHERE",
            );
            push_scope!(&mut q, &ids);
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(|(colour, raised_at, acknowledged_at)| AlertFacts {
                colour,
                raised_at,
                acknowledged_at,
            })
            .collect())
    }
}
