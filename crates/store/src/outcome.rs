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

/// What [`Store::outcome_rows`] reads in one pass.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutcomeRows {
    pub enrollments: Vec<EnrollmentFacts>,
    pub tasks: Vec<TaskCount>,
    pub scores: Vec<ScoreAt>,
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

/// Referrals of one source and one answer to how the patient heard of the program,
/// received in one hour (counted by the database: a referral a row would cost a report
/// more than its figures). Norway's offsets from UTC are whole hours, so the hour falls
/// in one local day and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralFacts {
    pub source: String,
    pub heard_about: String,
    /// The referring GP's region code, when the referral says.
    pub region: Option<String>,
    /// The start of the hour (UTC).
    pub received_at: DateTime<Utc>,
    pub count: i64,
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

/// Enrollments a page of SQLite's outcome read holds.
const PAGE: i64 = 1000;
/// Separators of the outcome read's text (ASCII's own separators, never in the data).
const ENROLLMENT: char = '\u{19}';
const ENROLLMENT_FIELD: char = '\u{1a}';
const RECORD: char = '\u{1e}';
const UNIT: char = '\u{1f}';
const GROUP: char = '\u{1d}';
const FIELD: char = '\u{1c}';

/// How many tasks are in each status (a handful of statuses).
type StatusCounts = Vec<(String, i64)>;

/// The outcome read as it comes in: enrollments numbered in order, tasks counted, scores.
#[derive(Default)]
struct Rows {
    out: OutcomeRows,
    versions: Vec<(String, Id<ProgramVersion>)>,
    /// Tasks per version and schedule entry, counted per status (a handful each).
    counts: std::collections::HashMap<(Id<ProgramVersion>, usize), StatusCounts>,
}

impl Rows {
    fn version(&mut self, v: &str) -> Result<Id<ProgramVersion>> {
        if let Some((_, parsed)) = self.versions.iter().find(|(id, _)| id == v) {
            return Ok(*parsed);
        }
        let parsed = parse_id(v)?;
        self.versions.push((v.to_owned(), parsed));
        Ok(parsed)
    }

    /// One enrollment of the outcome read's text: version, status, start, birth date,
    /// gender and tasks, apart by [`ENROLLMENT_FIELD`].
    fn enrollment(&mut self, text: &str) -> Result<()> {
        let corrupt = || StoreError::Corrupt("an outcome enrollment".into());
        let mut f = text.splitn(6, ENROLLMENT_FIELD);
        let (Some(v), Some(status), Some(started), Some(birth), Some(gender), Some(tasks)) =
            (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            return Err(corrupt());
        };
        let facts = EnrollmentFacts {
            status: status.to_owned(),
            started_at: DateTime::parse_from_rfc3339(started)
                .map_err(|_| corrupt())?
                .with_timezone(&Utc),
            birth_date: birth.parse().map_err(|_| corrupt())?,
            gender: Some(gender.to_owned()).filter(|g| !g.is_empty()),
        };
        let version = self.version(v)?;
        self.add(version, facts, tasks)
    }

    /// One enrollment with its tasks' text (tasks apart by [`RECORD`], a task's entry,
    /// status and scores by [`UNIT`], its scores by [`GROUP`], a score's code, value and
    /// band by [`FIELD`]).
    fn add(
        &mut self,
        version: Id<ProgramVersion>,
        facts: EnrollmentFacts,
        tasks: &str,
    ) -> Result<()> {
        let enrollment = u32::try_from(self.out.enrollments.len()).unwrap_or(u32::MAX);
        self.out.enrollments.push(facts);
        for task in tasks.split(RECORD).filter(|t| !t.is_empty()) {
            let mut f = task.split(UNIT);
            let (Some(n), Some(status), Some(its)) = (f.next(), f.next(), f.next()) else {
                return Err(StoreError::Corrupt("an outcome task".into()));
            };
            let entry = entry(n.parse().unwrap_or(-1));
            let statuses = self.counts.entry((version, entry)).or_default();
            match statuses.iter_mut().find(|(s, _)| s == status) {
                Some((_, count)) => *count += 1,
                None => statuses.push((status.to_owned(), 1)),
            }
            for score in its.split(GROUP).filter(|s| !s.is_empty()) {
                let mut f = score.split(FIELD);
                let (Some(code), Some(value), Some(band)) = (f.next(), f.next(), f.next()) else {
                    return Err(StoreError::Corrupt("an outcome score".into()));
                };
                self.out.scores.push(ScoreAt {
                    enrollment,
                    version,
                    entry,
                    code: code.to_owned(),
                    value: value.parse().ok(),
                    band: Some(band.to_owned()).filter(|b| !b.is_empty()),
                });
            }
        }
        Ok(())
    }

    fn finish(mut self) -> OutcomeRows {
        self.out.tasks = self
            .counts
            .into_iter()
            .flat_map(|((version, entry), statuses)| {
                statuses.into_iter().map(move |(status, count)| TaskCount {
                    version,
                    entry,
                    status,
                    count,
                })
            })
            .collect();
        self.out
            .tasks
            .sort_by(|a, b| (a.entry, &a.status).cmp(&(b.entry, &b.status)));
        self.out
    }
}

fn entry(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl Store {
    /// The scope's enrollments, their tasks of `questionnaires` (keys) counted per
    /// version, schedule entry and status, and the scores of the completed ones, numbered
    /// per enrollment so a million rows never hold a million ids.
    ///
    /// Each database in the way it does fast (decision 0041). SQLite: one pass over the
    /// tasks, a nested loop over indexes, each enrollment's facts, tasks and their scores
    /// joined in one text by the database and a page of [`PAGE`] enrollments sent as one
    /// row (the driver hops threads per row, which cost more than the reading), two
    /// connections reading half the enrollments each while the pages are parsed. PostgreSQL:
    /// hash joins in three reads side by side (the facts, the scores one row per
    /// enrollment, the tasks counted); one pass there was slower.
    pub async fn outcome_rows(
        &self,
        scope: &Scope,
        questionnaires: &[String],
    ) -> Result<OutcomeRows> {
        if scope.versions.is_empty() {
            return Ok(OutcomeRows::default());
        }
        let mut rows = Rows::default();
        match self.backend() {
            crate::Backend::Sqlite => self.outcome_pages(scope, questionnaires, &mut rows).await?,
            crate::Backend::Postgres => {
                let (facts, scores, tasks) = tokio::try_join!(
                    self.enrollment_facts(scope),
                    self.scores_by_enrollment(scope, questionnaires),
                    self.task_counts(scope, questionnaires),
                )?;
                return Ok(OutcomeRows {
                    enrollments: facts,
                    tasks,
                    scores,
                });
            }
        }
        Ok(rows.finish())
    }

    /// SQLite: the scope's enrollments a page at a time, each page one row of text.
    async fn outcome_pages(
        &self,
        scope: &Scope,
        questionnaires: &[String],
        rows: &mut Rows,
    ) -> Result<()> {
        let ids = ScopeIds::from(scope);
        let (us, rs, gs, fs) = (UNIT, RECORD, GROUP, FIELD);
        let (es, ef) = (ENROLLMENT, ENROLLMENT_FIELD);
        let select = format!(
            "SELECT max(x.id), group_concat(x.row, '{es}') FROM (
               SELECT e.id AS id, e.program_version_id || '{ef}' || e.status || '{ef}' || e.started_at
                 || '{ef}' || p.birth_date || '{ef}' || COALESCE(p.gender, '') || '{ef}' || COALESCE(
                   (SELECT group_concat(t.schedule_entry || '{us}' || t.status || '{us}' || COALESCE(
                       CASE WHEN t.status = 'completed' THEN
                         (SELECT group_concat(o.code || '{fs}' || CASE
                                     WHEN o.value IS NULL THEN ''
                                     WHEN o.value = CAST(o.value AS INTEGER) THEN CAST(CAST(o.value AS INTEGER) AS TEXT)
                                     ELSE printf('%!.17g', o.value) END
                                   || '{fs}' || COALESCE(o.band, ''), '{gs}')
                          FROM observations o WHERE o.response_id = t.response_id)
                       END, ''), '{rs}')
                    FROM tasks t WHERE t.enrollment_id = e.id AND t.questionnaire_key IN ("
        );
        // Two connections read half of the enrollments each (by rowid), and the pages are
        // parsed here while the database reads the next ones.
        let (pages, mut received) = tokio::sync::mpsc::channel::<String>(2);
        let (select, ids) = (&select, &ids);
        let read = |half: i64, pages: tokio::sync::mpsc::Sender<String>| async move {
            let mut after = String::new();
            loop {
                let page: Option<(Option<String>, Option<String>)> = on_pool!(self, |pool| {
                    let mut q = QueryBuilder::new(select.clone());
                    let mut list = q.separated(", ");
                    for k in questionnaires {
                        list.push_bind(k.clone());
                    }
                    if questionnaires.is_empty() {
                        list.push("NULL");
                    }
                    q.push(")), '') AS row FROM enrollments e JOIN patients p ON p.id = e.patient_id WHERE e.id > ");
                    q.push_bind(after.clone());
                    q.push(" AND (e.rowid & 1) = ");
                    q.push_bind(half);
                    q.push(" AND");
                    push_scope!(&mut q, ids);
                    q.push(" ORDER BY e.id LIMIT ");
                    q.push_bind(PAGE);
                    q.push(") x");
                    q.build_query_as()
                        .persistent(false)
                        .fetch_optional(pool)
                        .await
                })?;
                let Some((Some(last), Some(text))) = page else {
                    return Ok::<(), StoreError>(());
                };
                if pages.send(text).await.is_err() {
                    return Ok(());
                }
                after = last;
            }
        };
        let (first, second) = (read(0, pages.clone()), read(1, pages));
        let parse = async {
            while let Some(text) = received.recv().await {
                for enrollment in text.split(es) {
                    rows.enrollment(enrollment)?;
                }
            }
            Ok(())
        };
        tokio::try_join!(first, second, parse)?;
        Ok(())
    }

    /// The scores of the scope's completed tasks of `questionnaires` (keys), numbered per
    /// enrollment, so a million rows never hold a million ids. The database sends one row
    /// per enrollment with its scores joined in one text (a row costs far more to pass
    /// than its bytes; about seven times fewer rows here).
    async fn scores_by_enrollment(
        &self,
        scope: &Scope,
        questionnaires: &[String],
    ) -> Result<Vec<ScoreAt>> {
        if scope.versions.is_empty() || questionnaires.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ScopeIds::from(scope);
        // Fields apart by U+001F, scores by U+001E; the value at full precision.
        let (joined, value) = match self.backend() {
            crate::Backend::Sqlite => (
                "group_concat",
                "CASE WHEN o.value IS NULL THEN '' ELSE printf('%!.17g', o.value) END",
            ),
            crate::Backend::Postgres => ("string_agg", "COALESCE(CAST(o.value AS TEXT), '')"),
        };
        let (unit, record) = match self.backend() {
            crate::Backend::Sqlite => ("char(31)", "char(30)"),
            crate::Backend::Postgres => ("chr(31)", "chr(30)"),
        };
        let select = format!(
            "SELECT e.id, e.program_version_id,
                    {joined}(CAST(t.schedule_entry AS TEXT) || {unit} || o.code || {unit} || {value}
                             || {unit} || COALESCE(o.band, ''), {record})
             FROM enrollments e JOIN tasks t ON t.enrollment_id = e.id
             JOIN observations o ON o.response_id = t.response_id
             WHERE t.status = 'completed' AND t.questionnaire_key IN ("
        );
        let mut numbers = Numbering::default();
        let mut versions: Vec<(String, Id<ProgramVersion>)> = Vec::new();
        let mut out = Vec::new();
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
            while let Some((e, v, scores)) = rows.try_next().await? {
                let enrollment = numbers.of(e);
                let version = match versions.iter().find(|(id, _)| *id == v) {
                    Some((_, parsed)) => *parsed,
                    None => {
                        let parsed = parse_id(&v)?;
                        versions.push((v, parsed));
                        parsed
                    }
                };
                for score in scores.split('\u{1e}') {
                    let mut f = score.split('\u{1f}');
                    let (Some(n), Some(code), Some(value), Some(band)) =
                        (f.next(), f.next(), f.next(), f.next())
                    else {
                        return Err(StoreError::Corrupt("an outcome score row".into()));
                    };
                    out.push(ScoreAt {
                        enrollment,
                        version,
                        entry: entry(n.parse().unwrap_or(-1)),
                        code: code.to_owned(),
                        value: value.parse().ok(),
                        band: Some(band.to_owned()).filter(|b| !b.is_empty()),
                    });
                }
            }
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// The scope's tasks of `questionnaires`, counted per version, schedule entry and
    /// status.
    async fn task_counts(
        &self,
        scope: &Scope,
        questionnaires: &[String],
    ) -> Result<Vec<TaskCount>> {
        if scope.versions.is_empty() || questionnaires.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ScopeIds::from(scope);
        let rows: Vec<(String, i64, String, i64)> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT e.program_version_id, t.schedule_entry, t.status, COUNT(*)
                 FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
                 WHERE t.questionnaire_key IN (",
            );
            let mut list = q.separated(", ");
            for k in questionnaires {
                list.push_bind(k.clone());
            }
            q.push(") AND");
            push_scope!(&mut q, &ids);
            q.push(" GROUP BY e.program_version_id, t.schedule_entry, t.status");
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(v, n, status, count)| {
                Ok(TaskCount {
                    version: parse_id(&v)?,
                    entry: entry(n),
                    status,
                    count,
                })
            })
            .collect()
    }

    /// The scope's enrollments.
    async fn enrollment_facts(&self, scope: &Scope) -> Result<Vec<EnrollmentFacts>> {
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
        let hour = match self.backend() {
            crate::Backend::Sqlite => "substr(r.received_at, 1, 13)",
            crate::Backend::Postgres => {
                "to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24')"
            }
        };
        let rows: Vec<(String, String, Option<String>, String, i64)> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(format!(
                "SELECT r.source, r.heard_about, r.region, {hour}, COUNT(*) FROM referrals r WHERE r.program_id = "
            ));
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
            q.push(" GROUP BY 1, 2, 3, 4");
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(source, heard_about, region, hour, count)| {
                let received_at =
                    chrono::NaiveDateTime::parse_from_str(&format!("{hour}:00"), "%Y-%m-%dT%H:%M")
                        .map_err(|_| StoreError::Corrupt("a referral's time".into()))?
                        .and_utc();
                Ok(ReferralFacts {
                    source,
                    heard_about,
                    region,
                    received_at,
                    count,
                })
            })
            .collect()
    }

    /// When each of the scope's enrollments had a measurement of the program's (`codes`)
    /// registered (the patient's own values owned by the enrollment's unit, from its
    /// start; by code, so the index skips the scores): (a number per
    /// enrollment, its start, the time measured), streamed.
    pub async fn outcome_measurements(
        &self,
        scope: &Scope,
        codes: &[String],
    ) -> Result<Vec<(u32, DateTime<Utc>, DateTime<Utc>)>> {
        if scope.versions.is_empty() || codes.is_empty() {
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
                 WHERE o.response_id IS NULL AND o.effective_at >= e.started_at AND o.code IN (",
            );
            let mut list = q.separated(", ");
            for c in codes {
                list.push_bind(c.clone());
            }
            q.push(") AND");
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
