//! FHIR R4 `QuestionnaireResponse`: validation against its exact Questionnaire version
//! (types, required items, ranges, options, repeats and `enableWhen`), with every
//! problem reported against its item, and turning the raw answers of a form into one.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::Coding;
use crate::questionnaire::{Item, ItemType, Operator, Questionnaire};

/// Raw answers from a form: linkId -> the values sent (several for repeating items).
pub type FormAnswers = BTreeMap<String, Vec<String>>;

/// A FHIR R4 QuestionnaireResponse.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The canonical `url|version` of the questionnaire answered (required by carepath,
    /// optional in FHIR).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub questionnaire: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One answered item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    pub link_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<ResponseAnswer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ResponseItem {
    fn new(item: &Item, answer: Vec<Answer>, children: Vec<ResponseItem>) -> Self {
        Self {
            link_id: item.link_id.clone(),
            text: item.text.clone(),
            answer: answer
                .into_iter()
                .map(|value| ResponseAnswer {
                    value,
                    item: Vec::new(),
                })
                .collect(),
            item: children,
            extra: serde_json::Map::new(),
        }
    }
}

/// One answer, with the items nested under it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResponseAnswer {
    #[serde(flatten)]
    pub value: Answer,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// FHIR's `Quantity`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One answer value (`value[x]`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Answer {
    ValueBoolean(bool),
    ValueDecimal(f64),
    ValueInteger(i64),
    ValueDate(String),
    ValueDateTime(String),
    ValueTime(String),
    ValueString(String),
    ValueUri(String),
    ValueCoding(Coding),
    ValueQuantity(Quantity),
}

impl Answer {
    /// Reads the one `value[x]` of a JSON object (other keys are ignored).
    pub fn from_prefixed(m: &serde_json::Map<String, serde_json::Value>) -> Option<Self> {
        let (k, v) = m.iter().find(|(k, _)| k.starts_with("value"))?;
        let mut one = serde_json::Map::new();
        one.insert(k.clone(), v.clone());
        serde_json::from_value(serde_json::Value::Object(one)).ok()
    }

    /// The value as a form would send it back (to refill a form).
    pub fn form_value(&self) -> String {
        match self {
            Answer::ValueBoolean(b) => b.to_string(),
            Answer::ValueInteger(i) => i.to_string(),
            Answer::ValueDecimal(d) => d.to_string(),
            Answer::ValueQuantity(q) => q.value.to_string(),
            Answer::ValueTime(t) => t.get(..5).unwrap_or(t).to_owned(),
            Answer::ValueDateTime(t) => local_date_time(t).unwrap_or_else(|| t.clone()),
            Answer::ValueDate(s) | Answer::ValueString(s) | Answer::ValueUri(s) => s.clone(),
            Answer::ValueCoding(c) => c.code.clone().unwrap_or_default(),
        }
    }

    /// The number of an integer, decimal or quantity answer.
    pub fn number(&self) -> Option<f64> {
        match self {
            Answer::ValueInteger(i) => Some(*i as f64),
            Answer::ValueDecimal(d) => Some(*d),
            Answer::ValueQuantity(q) => Some(q.value),
            _ => None,
        }
    }

    /// Equality as FHIR means it for answers: codings by system and code (a missing
    /// system on either side matches any), numbers by value.
    pub fn same_as(&self, other: &Answer) -> bool {
        match (self, other) {
            (Answer::ValueCoding(a), Answer::ValueCoding(b)) => {
                a.code == b.code
                    && (a.system.is_none() || b.system.is_none() || a.system == b.system)
            }
            _ => self.compare(other) == Some(Ordering::Equal),
        }
    }

    /// Ordering where FHIR defines one: numbers, dates and times (ISO text), strings.
    pub fn compare(&self, other: &Answer) -> Option<Ordering> {
        use Answer::*;
        if let (Some(a), Some(b)) = (self.number(), other.number()) {
            return a.partial_cmp(&b);
        }
        match (self, other) {
            (ValueBoolean(a), ValueBoolean(b)) => Some(a.cmp(b)),
            (ValueDate(a), ValueDate(b))
            | (ValueDateTime(a), ValueDateTime(b))
            | (ValueTime(a), ValueTime(b))
            | (ValueString(a), ValueString(b))
            | (ValueUri(a), ValueUri(b)) => Some(a.cmp(b)),
            (ValueCoding(a), ValueCoding(b)) if a.code == b.code => Some(Ordering::Equal),
            _ => None,
        }
    }

    /// What a person reads for the answer.
    pub fn display(&self) -> String {
        match self {
            Answer::ValueBoolean(true) => "Ja".into(),
            Answer::ValueBoolean(false) => "Nei".into(),
            Answer::ValueCoding(c) => c
                .display
                .clone()
                .or_else(|| c.code.clone())
                .unwrap_or_default(),
            Answer::ValueQuantity(q) => match &q.unit {
                Some(u) => format!("{} {u}", number_text(q.value)),
                None => number_text(q.value),
            },
            Answer::ValueDecimal(d) => number_text(*d),
            other => other.form_value(),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string().replace('.', ",")
    }
}

/// A FHIR dateTime as `YYYY-MM-DDTHH:MM` in Norwegian time, for an HTML field.
fn local_date_time(t: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(t).ok()?;
    Some(
        at.with_timezone(&chrono_tz::Europe::Oslo)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    )
}

/// What is wrong with the answer to one item.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    Required,
    NotBoolean,
    NotInteger,
    NotNumber,
    NotADate,
    NotATime,
    NotAUrl,
    /// The answer's `value[x]` is not the type the item asks for.
    WrongType(&'static str),
    BelowMin(f64),
    AboveMax(f64),
    NotAnOption,
    TooLong(u32),
    UnknownItem,
    /// An answer to an item its `enableWhen` turns off.
    Disabled,
    /// More than one answer to an item that does not repeat.
    NotRepeating,
    /// An answer to a group or display item.
    NotAQuestion,
}

impl ProblemKind {
    /// What is wrong with the answer, to be worded in the reader's language: the words a
    /// patient reads on the form, and for the API the structural problems a form never
    /// makes.
    pub fn text(&self) -> carepath_i18n::Text {
        use carepath_i18n::Text;
        match self {
            ProblemKind::Required => Text::new("q-problem-required"),
            ProblemKind::NotBoolean => Text::new("q-problem-yes-no"),
            ProblemKind::NotInteger => Text::new("q-problem-integer"),
            ProblemKind::NotNumber => Text::new("q-problem-number"),
            ProblemKind::NotADate => Text::new("q-problem-date"),
            ProblemKind::NotATime => Text::new("q-problem-time"),
            ProblemKind::NotAUrl => Text::new("q-problem-url"),
            ProblemKind::WrongType(t) => Text::new("api-item-type").with("type", *t),
            ProblemKind::BelowMin(v) => Text::new("q-problem-below").with("min", *v),
            ProblemKind::AboveMax(v) => Text::new("q-problem-above").with("max", *v),
            ProblemKind::NotAnOption => Text::new("q-problem-option"),
            ProblemKind::TooLong(n) => Text::new("q-problem-too-long").with("max", *n),
            ProblemKind::UnknownItem => Text::new("api-item-unknown"),
            ProblemKind::Disabled => Text::new("api-item-disabled"),
            ProblemKind::NotRepeating => Text::new("q-problem-one-answer"),
            ProblemKind::NotAQuestion => Text::new("api-item-not-a-question"),
        }
    }
}

/// A problem with one item, with the item's FHIR path for API clients.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemProblem {
    pub link_id: String,
    pub path: String,
    pub kind: ProblemKind,
}

impl QuestionnaireResponse {
    /// Makes a response sent by a client fit to keep and serve to others: the narrative
    /// (`text`, free HTML no one checked) and the `display` of its references (a name the
    /// sender typed, which need not be the referenced person's) are dropped, and
    /// `contained` resources (an unchecked Patient or Practitioner riding along) are
    /// refused. The references themselves are kept; readers resolve them.
    pub fn take_from_client(&mut self) -> Result<(), crate::outcome::Issue> {
        if self.extra.contains_key("contained") {
            return Err(crate::outcome::Issue {
                code: "not-supported",
                diagnostics: carepath_i18n::Text::new("api-contained"),
                expression: Some("QuestionnaireResponse.contained".into()),
            });
        }
        self.extra.remove("text");
        for reference in ["subject", "author", "source", "encounter"] {
            if let Some(r) = self
                .extra
                .get_mut(reference)
                .and_then(|r| r.as_object_mut())
            {
                r.remove("display");
            }
        }
        Ok(())
    }

    /// Checks the response against its questionnaire: every problem, each against its
    /// item. Required items are only required of a `completed` or `amended` response.
    /// Its SDC expressions count: an `enableWhenExpression` turns items off, an
    /// `answerExpression` lists the answers allowed.
    pub fn validate(&self, q: &Questionnaire) -> Vec<ItemProblem> {
        let sdc = if crate::sdc::has_conditions(q) {
            crate::sdc::evaluate(q, &mut self.clone(), &[])
        } else {
            crate::sdc::Evaluated::default()
        };
        let mut enabled = enabled_items(q, &self.answers_by_link_id());
        enabled.retain(|l| !sdc.disabled.contains(l));
        let mut v = Validator {
            q,
            enabled: &enabled,
            allowed: &sdc.allowed,
            check_required: matches!(self.status.as_str(), "completed" | "amended"),
            problems: Vec::new(),
        };
        v.items(&self.item, &q.item, "QuestionnaireResponse");
        v.problems
    }

    /// Checks `answers` against `questionnaire` and builds a response with `status`
    /// (`completed`, or `in-progress` to save a form half done), or returns every
    /// problem found. Answers to items that `enableWhen` turns off are dropped (the
    /// person changed their mind about the question that opened them).
    pub fn from_form_with_status(
        questionnaire: &Questionnaire,
        answers: &FormAnswers,
        authored: &str,
        status: &str,
    ) -> Result<Self, Vec<ItemProblem>> {
        let mut problems = Vec::new();
        for link_id in answers.keys() {
            if questionnaire
                .find(link_id)
                .is_none_or(|i| !i.is_question() || i.is_read_only())
            {
                problems.push(ItemProblem {
                    link_id: link_id.clone(),
                    path: "QuestionnaireResponse.item".into(),
                    kind: ProblemKind::UnknownItem,
                });
            }
        }
        let (mut parsed, parse_problems) = parse_form(questionnaire, answers);
        problems.extend(parse_problems);
        let enabled = enabled_items(questionnaire, &parsed);
        parsed.retain(|link_id, _| enabled.contains(link_id));
        let mut response = Self {
            resource_type: "QuestionnaireResponse".into(),
            id: None,
            questionnaire: questionnaire.canonical(),
            status: status.to_owned(),
            authored: Some(authored.to_owned()),
            item: build_items(&questionnaire.item, &parsed),
            extra: serde_json::Map::new(),
        };
        // Answers to items an enableWhenExpression turns off are dropped too.
        if crate::sdc::has_conditions(questionnaire) {
            let off = crate::sdc::evaluate(questionnaire, &mut response.clone(), &[]).disabled;
            if !off.is_empty() {
                parsed.retain(|link_id, _| !off.contains(link_id));
                response.item = build_items(&questionnaire.item, &parsed);
            }
        }
        let unparsed: BTreeSet<String> = problems.iter().map(|p| p.link_id.clone()).collect();
        problems.extend(
            response
                .validate(questionnaire)
                .into_iter()
                .filter(|p| !unparsed.contains(&p.link_id)),
        );
        if problems.is_empty() {
            Ok(response)
        } else {
            Err(problems)
        }
    }

    /// [`Self::from_form_with_status`] for a completed response.
    pub fn from_form(
        questionnaire: &Questionnaire,
        answers: &FormAnswers,
        authored: &str,
    ) -> Result<Self, Vec<ItemProblem>> {
        Self::from_form_with_status(questionnaire, answers, authored, "completed")
    }

    /// Each answered question of `questionnaire` in its order: the question's text and the
    /// answers in words (a chosen option's display), joined by commas (a summary for people).
    pub fn answered_items(&self, questionnaire: &crate::Questionnaire) -> Vec<(String, String)> {
        let by_id = self.answers_by_link_id();
        questionnaire
            .all_items()
            .into_iter()
            .filter_map(|item| {
                let answers = by_id.get(&item.link_id)?;
                // A chosen option reads as its words, not its code.
                let text = answers
                    .iter()
                    .map(|a| match a {
                        Answer::ValueCoding(c) => c
                            .display
                            .clone()
                            .or_else(|| c.code.clone())
                            .unwrap_or_default(),
                        other => other.form_value(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                Some((item.text.clone().unwrap_or_default(), text))
            })
            .collect()
    }

    /// The answers by linkId, depth first, to refill a form or show a summary.
    pub fn answers_by_link_id(&self) -> BTreeMap<String, Vec<Answer>> {
        fn walk(items: &[ResponseItem], out: &mut BTreeMap<String, Vec<Answer>>) {
            for i in items {
                if !i.answer.is_empty() {
                    out.entry(i.link_id.clone())
                        .or_default()
                        .extend(i.answer.iter().map(|a| a.value.clone()));
                }
                walk(&i.item, out);
                for a in &i.answer {
                    walk(&a.item, out);
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(&self.item, &mut out);
        out
    }

    /// The answers as a form sends them, to refill a form saved half done.
    pub fn form_answers(&self) -> FormAnswers {
        self.answers_by_link_id()
            .into_iter()
            .map(|(k, v)| (k, v.iter().map(Answer::form_value).collect()))
            .collect()
    }

    /// Reads a text option as text: a coding with only a `display` that is the text of one
    /// of the item's `valueString` options becomes that string (LHC-Forms, NLM's SDC form
    /// renderer, answers text options so).
    pub fn adopt_option_texts(&mut self, q: &Questionnaire) {
        fn walk(items: &mut [ResponseItem], q: &Questionnaire) {
            for i in items {
                if let Some(item) = q.find(&i.link_id) {
                    let options = q.options(item);
                    for a in &mut i.answer {
                        if let Answer::ValueCoding(c) = &a.value
                            && c.code.is_none()
                            && c.system.is_none()
                            && let Some(text) = &c.display
                            && options
                                .iter()
                                .any(|o| o.value_string.as_ref() == Some(text))
                        {
                            a.value = Answer::ValueString(text.clone());
                        }
                        walk(&mut a.item, q);
                    }
                }
                walk(&mut i.item, q);
            }
        }
        walk(&mut self.item, q);
    }

    /// Removes the answers of every item `link_id` (a calculated item whose expression gave
    /// nothing), and the item with them when nothing is left under it.
    pub fn clear_answer(&mut self, link_id: &str) {
        fn walk(items: &mut Vec<ResponseItem>, link_id: &str) {
            for i in items.iter_mut() {
                if i.link_id == link_id {
                    i.answer.clear();
                }
                walk(&mut i.item, link_id);
                for a in &mut i.answer {
                    walk(&mut a.item, link_id);
                }
            }
            items.retain(|i| i.link_id != link_id || !i.answer.is_empty() || !i.item.is_empty());
        }
        walk(&mut self.item, link_id);
    }

    /// Sets the answer of the item `link_id` (a calculated score, by the SDC
    /// convention), adding the item where the questionnaire puts it.
    pub fn set_answer(&mut self, q: &Questionnaire, link_id: &str, value: Answer) {
        fn path<'a>(items: &'a [Item], link_id: &str, out: &mut Vec<&'a Item>) -> bool {
            for item in items {
                out.push(item);
                if item.link_id == link_id || path(&item.item, link_id, out) {
                    return true;
                }
                out.pop();
            }
            false
        }
        let mut chain = Vec::new();
        if !path(&q.item, link_id, &mut chain) {
            return;
        }
        let mut items = &mut self.item;
        for (depth, item) in chain.iter().enumerate() {
            let at = match items.iter().position(|i| i.link_id == item.link_id) {
                Some(at) => at,
                None => {
                    // Keep the questionnaire's order among the siblings.
                    let siblings: Vec<&str> = if depth == 0 {
                        q.item.iter().map(|i| i.link_id.as_str()).collect()
                    } else {
                        chain[depth - 1]
                            .item
                            .iter()
                            .map(|i| i.link_id.as_str())
                            .collect()
                    };
                    let rank = |l: &str| siblings.iter().position(|s| *s == l);
                    let mine = rank(&item.link_id);
                    let at = items
                        .iter()
                        .position(|i| rank(&i.link_id) > mine)
                        .unwrap_or(items.len());
                    items.insert(at, ResponseItem::new(item, vec![], vec![]));
                    at
                }
            };
            if depth + 1 == chain.len() {
                items[at].answer = vec![ResponseAnswer {
                    value,
                    item: vec![],
                }];
                return;
            }
            items = &mut items[at].item;
        }
    }
}

/// The answers of a form read as their items' types, with a problem for each value that
/// cannot be read (unknown names are ignored here).
pub fn parse_form(
    questionnaire: &Questionnaire,
    answers: &FormAnswers,
) -> (BTreeMap<String, Vec<Answer>>, Vec<ItemProblem>) {
    let mut parsed = BTreeMap::new();
    let mut problems = Vec::new();
    for item in questionnaire.all_items() {
        let Some(kind) = item
            .kind()
            .filter(|_| item.is_question() && !item.is_read_only())
        else {
            continue;
        };
        let mut values = Vec::new();
        for raw in answers.get(&item.link_id).into_iter().flatten() {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            match parse_form_value(questionnaire, item, kind, raw) {
                Ok(a) => values.push(a),
                Err(kind) => problems.push(ItemProblem {
                    link_id: item.link_id.clone(),
                    path: format!(
                        "QuestionnaireResponse.item.where(linkId='{}')",
                        item.link_id
                    ),
                    kind,
                }),
            }
        }
        if !values.is_empty() {
            parsed.insert(item.link_id.clone(), values);
        }
    }
    (parsed, problems)
}

/// The linkIds of the items enabled by `answers`: an item is enabled when its parent is
/// and its `enableWhen` holds (all conditions, or any with `enableBehavior` `any`),
/// counting only the answers of enabled questions.
pub fn enabled_items(
    q: &Questionnaire,
    answers: &BTreeMap<String, Vec<Answer>>,
) -> BTreeSet<String> {
    fn walk(
        items: &[Item],
        parent_on: bool,
        answers: &BTreeMap<String, Vec<Answer>>,
        known: &BTreeSet<String>,
        out: &mut BTreeSet<String>,
    ) {
        for item in items {
            let holds = |c: &crate::questionnaire::EnableWhen| {
                let given: &[Answer] = if known.contains(&c.question) {
                    answers.get(&c.question).map(Vec::as_slice).unwrap_or(&[])
                } else {
                    &[]
                };
                condition_holds(c, given)
            };
            let on = parent_on
                && (item.enable_when.is_empty()
                    || if item.enable_any() {
                        item.enable_when.iter().any(holds)
                    } else {
                        item.enable_when.iter().all(holds)
                    });
            if on {
                out.insert(item.link_id.clone());
            }
            walk(&item.item, on, answers, known, out);
        }
    }
    // Start with every item on and repeat until nothing changes, so a question that is
    // itself turned off does not turn others on (enableWhen may point forwards).
    let mut known: BTreeSet<String> = q.all_items().iter().map(|i| i.link_id.clone()).collect();
    for _ in 0..=known.len() {
        let mut next = BTreeSet::new();
        walk(&q.item, true, answers, &known, &mut next);
        if next == known {
            break;
        }
        known = next;
    }
    known
}

/// Whether one `enableWhen` condition holds for the answers `given` to its question.
pub fn condition_holds(c: &crate::questionnaire::EnableWhen, given: &[Answer]) -> bool {
    let Some(op) = Operator::parse(&c.operator) else {
        return false;
    };
    let Some(expected) = c.answer() else {
        return false;
    };
    if op == Operator::Exists {
        return matches!(expected, Answer::ValueBoolean(b) if b != given.is_empty());
    }
    given.iter().any(|a| match op {
        Operator::Equal => a.same_as(&expected),
        Operator::NotEqual => !a.same_as(&expected),
        Operator::Greater => a.compare(&expected) == Some(Ordering::Greater),
        Operator::Less => a.compare(&expected) == Some(Ordering::Less),
        Operator::GreaterOrEqual => matches!(
            a.compare(&expected),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        Operator::LessOrEqual => {
            matches!(a.compare(&expected), Some(Ordering::Less | Ordering::Equal))
        }
        Operator::Exists => unreachable!("handled above"),
    })
}

struct Validator<'a> {
    q: &'a Questionnaire,
    enabled: &'a BTreeSet<String>,
    /// The answers an `answerExpression` allows, by item.
    allowed: &'a BTreeMap<String, Vec<Answer>>,
    check_required: bool,
    problems: Vec<ItemProblem>,
}

impl Validator<'_> {
    fn problem(&mut self, link_id: &str, path: String, kind: ProblemKind) {
        self.problems.push(ItemProblem {
            link_id: link_id.to_owned(),
            path,
            kind,
        });
    }

    fn items(&mut self, given: &[ResponseItem], defined: &[Item], parent: &str) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (n, r) in given.iter().enumerate() {
            let path = format!("{parent}.item[{n}]");
            let Some(item) = defined.iter().find(|i| i.link_id == r.link_id) else {
                self.problem(&r.link_id, path, ProblemKind::UnknownItem);
                continue;
            };
            let count = seen.entry(item.link_id.as_str()).or_default();
            *count += 1;
            if *count == 2 && !item.repeats() {
                self.problem(&r.link_id, path.clone(), ProblemKind::NotRepeating);
            }
            if !self.enabled.contains(&item.link_id) {
                self.problem(&r.link_id, path, ProblemKind::Disabled);
                continue;
            }
            if item.is_question() {
                if r.answer.len() > 1 && !item.repeats() {
                    self.problem(&r.link_id, path.clone(), ProblemKind::NotRepeating);
                }
                for (m, a) in r.answer.iter().enumerate() {
                    let apath = format!("{path}.answer[{m}]");
                    if let Err(kind) = self.answer(item, &a.value) {
                        self.problem(&r.link_id, apath.clone(), kind);
                    }
                    self.items(&a.item, &item.item, &apath);
                }
                if r.answer.is_empty() {
                    self.required(item, &path);
                }
                self.items(&r.item, &item.item, &path);
            } else {
                if !r.answer.is_empty() {
                    self.problem(&r.link_id, path.clone(), ProblemKind::NotAQuestion);
                }
                self.items(&r.item, &item.item, &path);
            }
        }
        if self.check_required {
            for item in defined {
                if !given.iter().any(|r| r.link_id == item.link_id) {
                    self.required(item, &format!("{parent}.item"));
                }
            }
        }
    }

    /// Reports `item` (not answered) when it is required and enabled; a required group
    /// needs at least one answered item.
    fn required(&mut self, item: &Item, path: &str) {
        if self.check_required
            && item.is_required()
            && self.enabled.contains(&item.link_id)
            && !item.is_read_only()
            && item.kind() != Some(ItemType::Display)
        {
            self.problem(
                &item.link_id,
                format!("{path}.where(linkId='{}')", item.link_id),
                ProblemKind::Required,
            );
        }
    }

    fn answer(&self, item: &Item, a: &Answer) -> Result<(), ProblemKind> {
        let kind = item.kind().ok_or(ProblemKind::NotAQuestion)?;
        let in_range = |n: f64| match (item.min_value(), item.max_value()) {
            (Some(min), _) if n < min => Err(ProblemKind::BelowMin(min)),
            (_, Some(max)) if n > max => Err(ProblemKind::AboveMax(max)),
            _ => Ok(()),
        };
        let length = |s: &str| {
            let limit =
                item.max_length
                    .unwrap_or(if kind == ItemType::Text { 10_000 } else { 500 });
            if s.chars().count() > limit as usize {
                Err(ProblemKind::TooLong(limit))
            } else {
                Ok(())
            }
        };
        match (kind, a) {
            (ItemType::Boolean, Answer::ValueBoolean(_)) => Ok(()),
            (ItemType::Boolean, _) => Err(ProblemKind::NotBoolean),
            (ItemType::Integer, Answer::ValueInteger(i)) => in_range(*i as f64),
            (ItemType::Integer, _) => Err(ProblemKind::NotInteger),
            (ItemType::Decimal, Answer::ValueDecimal(d)) if d.is_finite() => in_range(*d),
            (ItemType::Decimal, _) => Err(ProblemKind::NotNumber),
            (ItemType::Quantity, Answer::ValueQuantity(q)) if q.value.is_finite() => {
                in_range(q.value)
            }
            (ItemType::Quantity, _) => Err(ProblemKind::WrongType("valueQuantity")),
            (ItemType::Date, Answer::ValueDate(d)) if is_date(d) => Ok(()),
            (ItemType::Date, _) => Err(ProblemKind::NotADate),
            (ItemType::DateTime, Answer::ValueDateTime(d)) if is_date_time(d) => Ok(()),
            (ItemType::DateTime, _) => Err(ProblemKind::WrongType("valueDateTime")),
            (ItemType::Time, Answer::ValueTime(t)) if is_time(t) => Ok(()),
            (ItemType::Time, _) => Err(ProblemKind::NotATime),
            (ItemType::String | ItemType::Text, Answer::ValueString(s)) => length(s),
            (ItemType::String | ItemType::Text, _) => Err(ProblemKind::WrongType("valueString")),
            (ItemType::Url, Answer::ValueUri(u)) if is_url(u) => length(u),
            (ItemType::Url, _) => Err(ProblemKind::NotAUrl),
            (ItemType::Choice, a) => self.is_option(item, a),
            (ItemType::OpenChoice, Answer::ValueString(s)) => length(s),
            (ItemType::OpenChoice, a) => self.is_option(item, a),
            (ItemType::Group | ItemType::Display, _) => Err(ProblemKind::NotAQuestion),
        }
    }

    fn is_option(&self, item: &Item, a: &Answer) -> Result<(), ProblemKind> {
        if let Some(allowed) = self.allowed.get(&item.link_id) {
            return if allowed.iter().any(|x| same_answer(x, a)) {
                Ok(())
            } else {
                Err(ProblemKind::NotAnOption)
            };
        }
        if self.q.options(item).iter().any(|o| o.matches(a)) {
            Ok(())
        } else {
            Err(ProblemKind::NotAnOption)
        }
    }
}

/// Two answers are the same choice: codings by system and code, others by value.
fn same_answer(a: &Answer, b: &Answer) -> bool {
    match (a, b) {
        (Answer::ValueCoding(x), Answer::ValueCoding(y)) => {
            x.code == y.code && (x.system.is_none() || y.system.is_none() || x.system == y.system)
        }
        _ => a == b,
    }
}

fn is_date(d: &str) -> bool {
    match d.len() {
        4 => d.parse::<u16>().is_ok(),
        7 => chrono::NaiveDate::parse_from_str(&format!("{d}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
        _ => false,
    }
}

fn is_date_time(d: &str) -> bool {
    is_date(d) || chrono::DateTime::parse_from_rfc3339(d).is_ok()
}

fn is_time(t: &str) -> bool {
    chrono::NaiveTime::parse_from_str(t, "%H:%M:%S%.f").is_ok()
}

fn is_url(u: &str) -> bool {
    u.split_once(':').is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
            && !u.chars().any(char::is_whitespace)
    })
}

/// Reads one value of a form field as the item's type. Ranges, lengths and required
/// items are checked afterwards by [`QuestionnaireResponse::validate`], as for the API.
fn parse_form_value(
    q: &Questionnaire,
    item: &Item,
    kind: ItemType,
    value: &str,
) -> Result<Answer, ProblemKind> {
    let decimal = || -> Result<f64, ProblemKind> {
        // Norwegians write decimal commas.
        let n: f64 = value
            .replace(',', ".")
            .parse()
            .map_err(|_| ProblemKind::NotNumber)?;
        if n.is_finite() {
            Ok(n)
        } else {
            Err(ProblemKind::NotNumber)
        }
    };
    let option = || {
        q.options(item)
            .iter()
            .find(|o| o.key() == value)
            .and_then(|o| o.answer())
    };
    match kind {
        ItemType::Boolean => match value {
            "true" | "ja" => Ok(Answer::ValueBoolean(true)),
            "false" | "nei" => Ok(Answer::ValueBoolean(false)),
            _ => Err(ProblemKind::NotBoolean),
        },
        ItemType::Integer => value
            .parse()
            .map(Answer::ValueInteger)
            .map_err(|_| ProblemKind::NotInteger),
        ItemType::Decimal => decimal().map(Answer::ValueDecimal),
        ItemType::Quantity => {
            let unit = item.unit();
            Ok(Answer::ValueQuantity(Quantity {
                value: decimal()?,
                unit: unit
                    .as_ref()
                    .and_then(|u| u.display.clone().or_else(|| u.code.clone())),
                system: unit.as_ref().and_then(|u| u.system.clone()),
                code: unit.and_then(|u| u.code),
            }))
        }
        ItemType::Date => parse_date(value)
            .map(|d| Answer::ValueDate(d.format("%Y-%m-%d").to_string()))
            .ok_or(ProblemKind::NotADate),
        ItemType::DateTime => {
            let local = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
                .or_else(|_| chrono::NaiveDateTime::parse_from_str(value, "%d.%m.%Y %H:%M"))
                .map_err(|_| ProblemKind::WrongType("valueDateTime"))?;
            let at = local
                .and_local_timezone(chrono_tz::Europe::Oslo)
                .earliest()
                .ok_or(ProblemKind::WrongType("valueDateTime"))?;
            Ok(Answer::ValueDateTime(
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            ))
        }
        ItemType::Time => chrono::NaiveTime::parse_from_str(value, "%H:%M")
            .or_else(|_| chrono::NaiveTime::parse_from_str(value, "%H:%M:%S"))
            .or_else(|_| chrono::NaiveTime::parse_from_str(value, "%H.%M"))
            .map(|t| Answer::ValueTime(t.format("%H:%M:%S").to_string()))
            .map_err(|_| ProblemKind::NotATime),
        ItemType::String | ItemType::Text => Ok(Answer::ValueString(value.to_owned())),
        ItemType::Url => Ok(Answer::ValueUri(value.to_owned())),
        ItemType::Choice => option().ok_or(ProblemKind::NotAnOption),
        ItemType::OpenChoice => {
            Ok(option().unwrap_or_else(|| Answer::ValueString(value.to_owned())))
        }
        ItemType::Group | ItemType::Display => Err(ProblemKind::NotAQuestion),
    }
}

/// A date as `2026-11-23` (an HTML date field) or `23.11.2026` (typed by hand).
fn parse_date(value: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .ok()
}

fn build_items(items: &[Item], answers: &BTreeMap<String, Vec<Answer>>) -> Vec<ResponseItem> {
    let mut out = Vec::new();
    for item in items {
        let children = build_items(&item.item, answers);
        let given = answers.get(&item.link_id).cloned().unwrap_or_default();
        if item.is_question() {
            if !given.is_empty() {
                // Items under a question belong under its (first) answer.
                let mut r = ResponseItem::new(item, given, vec![]);
                if let Some(first) = r.answer.first_mut() {
                    first.item = children;
                }
                out.push(r);
            } else if !children.is_empty() {
                out.push(ResponseItem::new(item, vec![], children));
            }
        } else if !children.is_empty() {
            out.push(ResponseItem::new(item, vec![], children));
        }
    }
    out
}

#[cfg(test)]
mod tests;
