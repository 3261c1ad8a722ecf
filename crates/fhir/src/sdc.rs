//! SDC's FHIRPath expressions, evaluated on the server: `variable`, `calculatedExpression`,
//! `enableWhenExpression` and `answerExpression` (decision 0063). A calculated item's
//! value is the server's, whatever a client sent; `initialExpression` is left to the form
//! filler that opens a form (it prefills, and a person may change what it put there).

use std::collections::{BTreeMap, BTreeSet};

use carepath_fhirpath::{Env, Expression, Item as Value, Node};

use crate::questionnaire::{
    CALCULATED_EXPRESSION, ENABLE_WHEN_EXPRESSION, INITIAL_EXPRESSION, VARIABLE,
};
use crate::response::{Answer, Quantity};
use crate::{Coding, Extension, Item, ItemType, Questionnaire, QuestionnaireResponse};

pub const ANSWER_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression";

/// The language SDC names FHIRPath by.
const FHIRPATH: &str = "text/fhirpath";

/// One expression of a questionnaire as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The item, or `None` for the questionnaire itself.
    pub link_id: Option<String>,
    /// `variable`, `calculatedExpression`, ...
    pub what: &'static str,
    /// The variable's name, for a `variable`.
    pub name: Option<String>,
    pub language: String,
    pub expression: String,
}

impl Written {
    fn of(link_id: Option<&str>, what: &'static str, e: &Extension) -> Option<Self> {
        let value = e.rest.get("valueExpression")?;
        Some(Written {
            link_id: link_id.map(str::to_owned),
            what,
            name: value["name"].as_str().map(str::to_owned),
            language: value["language"].as_str().unwrap_or_default().to_owned(),
            expression: value["expression"].as_str()?.to_owned(),
        })
    }

    /// Whether carepath evaluates it: FHIRPath, other than `initialExpression`.
    pub fn evaluated(&self) -> bool {
        self.language == FHIRPATH && self.what != "initialExpression"
    }
}

const KINDS: [(&str, &str); 5] = [
    (VARIABLE, "variable"),
    (CALCULATED_EXPRESSION, "calculatedExpression"),
    (ENABLE_WHEN_EXPRESSION, "enableWhenExpression"),
    (ANSWER_EXPRESSION, "answerExpression"),
    (INITIAL_EXPRESSION, "initialExpression"),
];

fn written_on(link_id: Option<&str>, extensions: &[Extension], out: &mut Vec<Written>) {
    for e in extensions {
        if let Some((_, what)) = KINDS.iter().find(|(url, _)| *url == e.url)
            && let Some(w) = Written::of(link_id, what, e)
        {
            out.push(w);
        }
    }
}

/// Every SDC expression of `q`, the questionnaire's own first, then each item's in order.
pub fn expressions(q: &Questionnaire) -> Vec<Written> {
    let mut out = Vec::new();
    written_on(None, &q.extension, &mut out);
    for item in q.all_items() {
        written_on(Some(&item.link_id), &item.extension, &mut out);
    }
    out
}

/// The FHIRPath expressions of `q` that do not parse, with why.
pub fn unparsable(q: &Questionnaire) -> Vec<(Written, String)> {
    expressions(q)
        .into_iter()
        .filter(|w| w.language == FHIRPATH)
        .filter_map(|w| match Expression::parse(&w.expression) {
            Ok(_) => None,
            Err(e) => Some((w, e.to_string())),
        })
        .collect()
}

/// A calculated item the server filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Calculated {
    pub link_id: String,
    /// The value computed; `None` when the expression gave nothing (the item is left empty).
    pub value: Option<Answer>,
    /// What the client had sent instead, when it differed and was replaced.
    pub replaced: Option<Vec<Answer>>,
}

/// An expression that could not be evaluated on this response.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub link_id: Option<String>,
    pub what: &'static str,
    /// The evaluator's message (about the expression, never about the answers).
    pub why: String,
}

/// What the expressions said about one response.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluated {
    pub calculated: Vec<Calculated>,
    /// Items an `enableWhenExpression` turns off (with everything under them).
    pub disabled: BTreeSet<String>,
    /// The answers an `answerExpression` allows, by item.
    pub allowed: BTreeMap<String, Vec<Answer>>,
    pub failed: Vec<Failed>,
}

/// Whether `q` has an `enableWhenExpression` or an `answerExpression`: the expressions that
/// decide which answers are valid.
pub fn has_conditions(q: &Questionnaire) -> bool {
    expressions(q)
        .iter()
        .any(|w| w.evaluated() && matches!(w.what, "enableWhenExpression" | "answerExpression"))
}

/// Whether evaluating `q` with `scored` items left to a scoring definition has anything to
/// compute or decide (the shipped instruments, scored by their definitions, have not).
fn has_work(q: &Questionnaire, scored: &[&str]) -> bool {
    has_conditions(q)
        || expressions(q).iter().any(|w| {
            w.evaluated()
                && w.what == "calculatedExpression"
                && !w.link_id.as_deref().is_some_and(|l| scored.contains(&l))
        })
}

/// Evaluates the expressions of `q` on `response`, writing every calculated value into it
/// but those of the items in `scored` (a scoring definition fills them, and says when a
/// score is missing). Calculations run in the questionnaire's order and again until they
/// settle (at most as many rounds as there are calculated items), so a total may use a
/// subtotal.
pub fn evaluate(
    q: &Questionnaire,
    response: &mut QuestionnaireResponse,
    scored: &[&str],
) -> Evaluated {
    let mut out = Evaluated::default();
    if !has_work(q, scored) {
        return out;
    }
    let Ok(q_json) = serde_json::to_value(q) else {
        return out;
    };
    let sent = response.answers_by_link_id();
    let calculated_items: Vec<&Item> = q
        .all_items()
        .into_iter()
        .filter(|i| i.extension.iter().any(|e| e.url == CALCULATED_EXPRESSION))
        .filter(|i| !scored.contains(&i.link_id.as_str()))
        .collect();
    let mut values: BTreeMap<String, Option<Answer>> = BTreeMap::new();
    for _ in 0..=calculated_items.len() {
        let Ok(r_json) = serde_json::to_value(&*response) else {
            return out;
        };
        let mut round = Round::new(&q_json, &r_json);
        let mut next = BTreeMap::new();
        round.walk(q, &mut out.failed, |item, env, context, failed| {
            if let Some(w) = find(item, CALCULATED_EXPRESSION, "calculatedExpression")
                && !scored.contains(&item.link_id.as_str())
            {
                let result = run(&w, context, env, failed);
                next.insert(
                    item.link_id.clone(),
                    result.and_then(|r| answer_of(item, &r)),
                );
            }
        });
        let settled = next == values;
        values = next;
        for (link_id, value) in &values {
            match value {
                Some(v) => response.set_answer(q, link_id, v.clone()),
                None => response.clear_answer(link_id),
            }
        }
        if settled {
            break;
        }
    }
    // Failures repeat each round; one of each is enough.
    let mut seen = BTreeSet::new();
    out.failed
        .retain(|f| seen.insert((f.link_id.clone(), f.what, f.why.clone())));
    out.calculated = values
        .into_iter()
        .map(|(link_id, value)| {
            let before = sent.get(&link_id).cloned().unwrap_or_default();
            let after: Vec<Answer> = value.clone().into_iter().collect();
            let replaced = (!before.is_empty() && before != after).then_some(before);
            Calculated {
                link_id,
                value,
                replaced,
            }
        })
        .collect();
    // Conditions and answer lists on the response as calculated.
    let Ok(r_json) = serde_json::to_value(&*response) else {
        return out;
    };
    let mut round = Round::new(&q_json, &r_json);
    let mut disabled = BTreeSet::new();
    let mut allowed = BTreeMap::new();
    let mut failed = Vec::new();
    round.walk(q, &mut failed, |item, env, context, failed| {
        if let Some(w) = find(item, ENABLE_WHEN_EXPRESSION, "enableWhenExpression")
            && let Some(result) = run(&w, context, env, failed)
            && carepath_fhirpath::truth(&result).ok().flatten() != Some(true)
        {
            for i in std::iter::once(item).chain(descendants(item)) {
                disabled.insert(i.link_id.clone());
            }
        }
        if let Some(w) = find(item, ANSWER_EXPRESSION, "answerExpression")
            && let Some(result) = run(&w, context, env, failed)
        {
            let answers = result
                .iter()
                .filter_map(|r| answer_of(item, std::slice::from_ref(r)));
            allowed.insert(item.link_id.clone(), answers.collect());
        }
    });
    out.disabled = disabled;
    out.allowed = allowed;
    out.failed.extend(failed);
    out
}

fn descendants(item: &Item) -> Vec<&Item> {
    let mut out = Vec::new();
    for child in &item.item {
        out.push(child);
        out.extend(descendants(child));
    }
    out
}

fn find(item: &Item, url: &str, what: &'static str) -> Option<Written> {
    item.extension
        .iter()
        .find(|e| e.url == url)
        .and_then(|e| Written::of(Some(&item.link_id), what, e))
        .filter(|w| w.language == FHIRPATH)
}

/// One pass over the questionnaire with the variables in scope.
struct Round<'a> {
    response: Value<'a>,
    env: Env<'a>,
}

impl<'a> Round<'a> {
    fn new(q_json: &'a serde_json::Value, r_json: &'a serde_json::Value) -> Self {
        let response = Value::Node(Node::root(r_json));
        let mut env = Env {
            questionnaire: Some(q_json),
            resource: Some(response.clone()),
            ..Env::default()
        };
        env.variables.insert(
            "questionnaire".into(),
            vec![Value::Node(Node::root(q_json))],
        );
        Round { response, env }
    }

    /// Visits every item with the variables in scope there and the response items it
    /// answers (the whole response when none does) as the context.
    fn walk(
        &mut self,
        q: &Questionnaire,
        failed: &mut Vec<Failed>,
        mut visit: impl FnMut(&Item, &Env<'a>, &[Value<'a>], &mut Vec<Failed>),
    ) {
        let root = vec![self.response.clone()];
        let mut env = self.env.clone();
        define(&q.extension, None, &root, &mut env, failed);
        fn items<'a>(
            list: &[Item],
            env: &Env<'a>,
            parents: &[Value<'a>],
            root: &[Value<'a>],
            failed: &mut Vec<Failed>,
            visit: &mut impl FnMut(&Item, &Env<'a>, &[Value<'a>], &mut Vec<Failed>),
        ) {
            for item in list {
                let answering = answering(parents, &item.link_id);
                let context = if answering.is_empty() {
                    root.to_vec()
                } else {
                    answering.clone()
                };
                let mut env = env.clone();
                define(
                    &item.extension,
                    Some(&item.link_id),
                    &context,
                    &mut env,
                    failed,
                );
                visit(item, &env, &context, failed);
                let parents = if answering.is_empty() {
                    parents.to_vec()
                } else {
                    answering
                };
                items(&item.item, &env, &parents, root, failed, visit);
            }
        }
        items(&q.item, &env, &root, &root, failed, &mut visit);
    }
}

/// The response items for an item: directly under its parents, or under their answers.
static ANSWERING: std::sync::LazyLock<Option<Expression>> = std::sync::LazyLock::new(|| {
    Expression::parse("(item | answer.item).where(linkId = %linkId)").ok()
});

/// The response items (directly under `parents`, or under their answers) for `link_id`.
fn answering<'a>(parents: &[Value<'a>], link_id: &str) -> Vec<Value<'a>> {
    let Some(e) = ANSWERING.as_ref() else {
        return Vec::new();
    };
    let mut env = Env::default();
    env.variables
        .insert("linkId".into(), vec![Value::String(link_id.to_owned())]);
    e.evaluate(parents.to_vec(), &env).unwrap_or_default()
}

/// Adds the `variable`s among `extensions` to `env`, in order.
fn define<'a>(
    extensions: &[Extension],
    link_id: Option<&str>,
    context: &[Value<'a>],
    env: &mut Env<'a>,
    failed: &mut Vec<Failed>,
) {
    for e in extensions.iter().filter(|e| e.url == VARIABLE) {
        let Some(w) = Written::of(link_id, "variable", e).filter(|w| w.language == FHIRPATH) else {
            continue;
        };
        let Some(name) = w.name.clone() else { continue };
        let value = run(&w, context, env, failed).unwrap_or_default();
        env.variables.insert(name, value);
    }
}

fn run<'a>(
    w: &Written,
    context: &[Value<'a>],
    env: &Env<'a>,
    failed: &mut Vec<Failed>,
) -> Option<Vec<Value<'a>>> {
    let result = Expression::parse(&w.expression).and_then(|e| {
        let env = Env {
            context: Some(context.to_vec()),
            ..env.clone()
        };
        e.evaluate(context.to_vec(), &env)
    });
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            failed.push(Failed {
                link_id: w.link_id.clone(),
                what: w.what,
                why: e.to_string(),
            });
            None
        }
    }
}

/// The answer an expression's result gives an item of its type; `None` for nothing, or
/// for a result the item cannot hold.
fn answer_of(item: &Item, result: &[Value<'_>]) -> Option<Answer> {
    let [one] = result else {
        return None;
    };
    let kind = item.kind()?;
    if let Value::Node(n) = one
        && n.ty == "Coding"
    {
        return serde_json::from_value::<Coding>(n.value.clone())
            .ok()
            .map(Answer::ValueCoding);
    }
    let number = |v: &Value<'_>| -> Option<f64> {
        use rust_decimal::prelude::ToPrimitive;
        match v {
            Value::Integer(i) => Some(*i as f64),
            Value::Decimal(d) => d.to_f64(),
            _ => None,
        }
    };
    Some(match (kind, one.system()) {
        (ItemType::Boolean, Value::Boolean(b)) => Answer::ValueBoolean(b),
        (ItemType::Integer, Value::Integer(i)) => Answer::ValueInteger(i),
        (ItemType::Integer, v @ Value::Decimal(_)) => {
            let f = number(&v)?;
            // A whole decimal fits an integer item; 2.5 does not.
            if f.fract() != 0.0 {
                return None;
            }
            Answer::ValueInteger(f as i64)
        }
        (ItemType::Decimal, v @ (Value::Integer(_) | Value::Decimal(_))) => {
            Answer::ValueDecimal(number(&v)?)
        }
        (ItemType::Quantity, Value::Quantity(v, unit)) => {
            use rust_decimal::prelude::ToPrimitive;
            Answer::ValueQuantity(Quantity {
                value: v.to_f64()?,
                unit: Some(unit.clone()),
                system: Some("http://unitsofmeasure.org".into()),
                code: Some(unit),
            })
        }
        (ItemType::String | ItemType::Text, Value::String(s)) => Answer::ValueString(s),
        (ItemType::Url, Value::String(s)) => Answer::ValueUri(s),
        (ItemType::Date, Value::Temporal(t)) => Answer::ValueDate(t.to_string()),
        (ItemType::DateTime, Value::Temporal(t)) => Answer::ValueDateTime(t.to_string()),
        (ItemType::Time, Value::Temporal(t)) => Answer::ValueTime(t.to_string()),
        (ItemType::OpenChoice, Value::String(s)) => Answer::ValueString(s),
        _ => return None,
    })
}

/// The numbers calculated into items that carry a `code`, as scores to store as
/// Observations: the rule is named by the item's linkId and titled by its text, and
/// carries the item's codes (a LOINC total, say).
pub fn coded_scores(
    q: &Questionnaire,
    evaluated: &Evaluated,
) -> Vec<(crate::scoring::ScoreRule, crate::scoring::Score)> {
    evaluated
        .calculated
        .iter()
        .filter_map(|c| {
            let item = q.find(&c.link_id)?;
            let coding: Vec<Coding> =
                serde_json::from_value(item.extra.get("code")?.clone()).ok()?;
            if coding.is_empty() {
                return None;
            }
            let value = match c.value.as_ref()? {
                Answer::ValueInteger(i) => *i as f64,
                Answer::ValueDecimal(d) => *d,
                Answer::ValueQuantity(q) => q.value,
                _ => return None,
            };
            let rule = crate::scoring::ScoreRule {
                code: c.link_id.clone(),
                title: item.text.clone().unwrap_or_else(|| c.link_id.clone()),
                explanation: None,
                link_id: Some(c.link_id.clone()),
                coding,
                items: Vec::new(),
                source: Default::default(),
                combine: Default::default(),
                max_missing: 0,
                add: 0.0,
                multiply: 1.0,
                bands: Vec::new(),
                responder: None,
                quiet: false,
            };
            let score = crate::scoring::Score {
                code: c.link_id.clone(),
                value: Some(value),
                band: None,
                missing: 0,
            };
            Some((rule, score))
        })
        .collect()
}
