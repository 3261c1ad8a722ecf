//! FHIR R4 `Questionnaire` with the SDC extensions carepath renders, validates and
//! scores. The elements carepath uses are typed; everything else (unknown elements,
//! extensions, FHIRPath expressions) is kept as JSON and survives a round trip unchanged.

use crate::response::Answer;
use crate::{Coding, Extension, extension_value};

pub const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
pub const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
pub const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
pub const SLIDER_STEP: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-sliderStepValue";
pub const UNIT: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
pub const UNIT_OPTION: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";
pub const ENTRY_FORMAT: &str = "http://hl7.org/fhir/StructureDefinition/entryFormat";
pub const HIDDEN: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden";
pub const CALCULATED_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
pub const INITIAL_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression";
pub const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
pub const VARIABLE: &str = "http://hl7.org/fhir/StructureDefinition/variable";
/// carepath's own extension: marks the boolean item that asks "do you want an
/// appointment?" in need-driven follow-up; "yes" puts a request on the unit's worklist.
pub const CONSULTATION_QUESTION: &str =
    "https://carepath.no/fhir/StructureDefinition/consultation-question";
/// carepath's own extension: labels at the low and high end of a slider.
pub const SLIDER_LABELS: &str = "https://carepath.no/fhir/StructureDefinition/slider-labels";

/// A FHIR R4 Questionnaire.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub status: String,
    /// Contained resources; carepath reads contained `ValueSet`s for `answerValueSet`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contained: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Why a Questionnaire cannot be used. Worded by [`QuestionnaireError::text`], in English
/// for the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionnaireError {
    ResourceType(String),
    NoCanonical,
    Status(String),
    /// The position (1-based) of an item without a linkId.
    NoLinkId(usize),
    DuplicateLinkId(String),
    /// Marked as the consultation question but not a boolean question.
    ConsultationQuestion(String),
    UnsupportedType {
        link_id: String,
        kind: String,
    },
    NoOptions(String),
    ExternalValueSet {
        link_id: String,
        value_set: String,
    },
    EnableWhenUnknownItem {
        link_id: String,
        question: String,
    },
    EnableWhenOperator {
        link_id: String,
        operator: String,
    },
    EnableWhenNoAnswer {
        link_id: String,
    },
    AnswersOnNonQuestion {
        link_id: String,
    },
    /// A FHIRPath expression that does not parse.
    Expression {
        link_id: Option<String>,
        what: &'static str,
        why: String,
    },
}

impl QuestionnaireError {
    /// What is wrong, to be worded in the reader's language.
    pub fn text(&self) -> carepath_i18n::Text {
        use QuestionnaireError as E;
        use carepath_i18n::Text as I18n;
        match self {
            E::ResourceType(found) => {
                I18n::new("api-q-resource-type").with("found", found.as_str())
            }
            E::NoCanonical => I18n::new("api-q-no-url"),
            E::Status(found) => I18n::new("api-q-status").with("found", found.as_str()),
            E::NoLinkId(n) => I18n::new("api-q-no-link-id").with("n", *n),
            E::DuplicateLinkId(l) => I18n::new("api-q-duplicate-link-id").with("item", l.as_str()),
            E::ConsultationQuestion(l) => I18n::new("api-q-consultation").with("item", l.as_str()),
            E::UnsupportedType { link_id, kind } => I18n::new("api-q-type")
                .with("item", link_id.as_str())
                .with("type", kind.as_str()),
            E::NoOptions(l) => I18n::new("api-q-no-options").with("item", l.as_str()),
            E::ExternalValueSet { link_id, value_set } => I18n::new("api-q-value-set")
                .with("item", link_id.as_str())
                .with("valueset", value_set.as_str()),
            E::EnableWhenUnknownItem { link_id, question } => I18n::new("api-q-enable-when-item")
                .with("item", link_id.as_str())
                .with("question", question.as_str()),
            E::EnableWhenOperator { link_id, operator } => I18n::new("api-q-enable-when-operator")
                .with("item", link_id.as_str())
                .with("operator", operator.as_str()),
            E::EnableWhenNoAnswer { link_id } => {
                I18n::new("api-q-enable-when-answer").with("item", link_id.as_str())
            }
            E::AnswersOnNonQuestion { link_id } => {
                I18n::new("api-q-answers-on-group").with("item", link_id.as_str())
            }
            E::Expression { link_id, what, why } => I18n::new("api-q-expression")
                .with("item", link_id.as_deref().unwrap_or("-"))
                .with("what", *what)
                .with("why", why.as_str()),
        }
    }
}

impl std::fmt::Display for QuestionnaireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().words(carepath_i18n::Lang::En))
    }
}

impl std::error::Error for QuestionnaireError {}

/// Something carepath stores and returns unchanged but does not act on (yet). Import
/// reports these so nobody relies on a score or a condition carepath does not compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unevaluated {
    /// The item, or `None` for the questionnaire itself.
    pub link_id: Option<String>,
    /// The extension's name, e.g. `calculatedExpression`.
    pub what: &'static str,
}

impl Unevaluated {
    /// What is kept but not acted on, to be worded in the reader's language.
    pub fn text(&self) -> carepath_i18n::Text {
        match &self.link_id {
            Some(l) => carepath_i18n::Text::new("api-q-unevaluated-item")
                .with("item", l.as_str())
                .with("what", self.what),
            None => carepath_i18n::Text::new("api-q-unevaluated").with("what", self.what),
        }
    }
}

impl std::fmt::Display for Unevaluated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().words(carepath_i18n::Lang::En))
    }
}

impl Questionnaire {
    /// Checks a questionnaire, reporting every problem that stops carepath using it.
    pub fn check(&self) -> Vec<QuestionnaireError> {
        let mut problems = Vec::new();
        if self.resource_type != "Questionnaire" {
            problems.push(QuestionnaireError::ResourceType(self.resource_type.clone()));
        }
        if self.url.as_deref().is_none_or(str::is_empty) {
            problems.push(QuestionnaireError::NoCanonical);
        }
        if !["draft", "active", "retired", "unknown"].contains(&self.status.as_str()) {
            problems.push(QuestionnaireError::Status(self.status.clone()));
        }
        let mut seen = std::collections::BTreeSet::new();
        let items = self.all_items();
        for (n, item) in items.iter().enumerate() {
            let link_id = || item.link_id.clone();
            if item.link_id.is_empty() {
                problems.push(QuestionnaireError::NoLinkId(n + 1));
            } else if !seen.insert(item.link_id.as_str()) {
                problems.push(QuestionnaireError::DuplicateLinkId(link_id()));
            }
            let Some(kind) = item.kind() else {
                problems.push(QuestionnaireError::UnsupportedType {
                    link_id: link_id(),
                    kind: item.type_.clone(),
                });
                continue;
            };
            if matches!(kind, ItemType::Choice | ItemType::OpenChoice) {
                match &item.answer_value_set {
                    Some(vs) if self.contained_value_set(vs).is_none() => {
                        problems.push(QuestionnaireError::ExternalValueSet {
                            link_id: link_id(),
                            value_set: vs.clone(),
                        })
                    }
                    Some(_) => {}
                    None if item.answer_option.is_empty()
                        && kind == ItemType::Choice
                        && !item
                            .extension
                            .iter()
                            .any(|e| e.url == crate::sdc::ANSWER_EXPRESSION) =>
                    {
                        problems.push(QuestionnaireError::NoOptions(link_id()))
                    }
                    None => {}
                }
            }
            if item.marked(CONSULTATION_QUESTION)
                && (kind != ItemType::Boolean
                    || self.consultation_question().map(|c| &c.link_id) != Some(&item.link_id))
            {
                problems.push(QuestionnaireError::ConsultationQuestion(link_id()));
            }
            if !item.is_question() && (!item.answer_option.is_empty() || !item.initial.is_empty()) {
                problems.push(QuestionnaireError::AnswersOnNonQuestion { link_id: link_id() });
            }
            for condition in &item.enable_when {
                if !items.iter().any(|i| i.link_id == condition.question) {
                    problems.push(QuestionnaireError::EnableWhenUnknownItem {
                        link_id: link_id(),
                        question: condition.question.clone(),
                    });
                }
                if Operator::parse(&condition.operator).is_none() {
                    problems.push(QuestionnaireError::EnableWhenOperator {
                        link_id: link_id(),
                        operator: condition.operator.clone(),
                    });
                }
                if condition.answer().is_none() {
                    problems.push(QuestionnaireError::EnableWhenNoAnswer { link_id: link_id() });
                }
            }
        }
        problems.extend(crate::sdc::unparsable(self).into_iter().map(|(w, why)| {
            QuestionnaireError::Expression {
                link_id: w.link_id,
                what: w.what,
                why,
            }
        }));
        problems
    }

    /// The SDC expressions carepath keeps but does not evaluate: `initialExpression` (the
    /// form filler's, to prefill) and any not written in FHIRPath. Items whose
    /// `calculatedExpression` a scoring definition fills (`filled`) are left out.
    pub fn unevaluated(&self, filled: &[&str]) -> Vec<Unevaluated> {
        let mut out: Vec<Unevaluated> = Vec::new();
        for w in crate::sdc::expressions(self) {
            let filled_by_scoring = w.what == "calculatedExpression"
                && w.link_id.as_deref().is_some_and(|l| filled.contains(&l));
            let u = Unevaluated {
                link_id: w.link_id.clone(),
                what: w.what,
            };
            if !w.evaluated() && !filled_by_scoring && !out.contains(&u) {
                out.push(u);
            }
        }
        out
    }

    /// The language its texts are written in, as an HTML `lang` (`no` and `nb-NO` as
    /// `nb`); `nb` when it does not say.
    pub fn language(&self) -> &str {
        match self.extra.get("language").and_then(|l| l.as_str()) {
            None | Some("no" | "nb-NO") => "nb",
            Some("nn-NO") => "nn",
            Some(other) => other,
        }
    }

    /// `url|version` (or the `url` alone when the questionnaire has no version), the key
    /// a response and a scoring definition are bound to.
    pub fn canonical(&self) -> String {
        let url = self.url.as_deref().unwrap_or_default();
        match self.version.as_deref() {
            Some(v) if !v.is_empty() => format!("{url}|{v}"),
            _ => url.to_owned(),
        }
    }

    /// Every item, depth first.
    /// The item marked as the consultation question (the first, if several are).
    pub fn consultation_question(&self) -> Option<&Item> {
        self.all_items()
            .into_iter()
            .find(|i| i.marked(CONSULTATION_QUESTION))
    }

    /// The answer a response gives to the consultation question: `Some(true)` for yes,
    /// `Some(false)` for no, `None` when there is no such question or no answer.
    pub fn consultation_answer(&self, response: &crate::QuestionnaireResponse) -> Option<bool> {
        let item = self.consultation_question()?;
        response
            .answers_by_link_id()
            .get(&item.link_id)?
            .iter()
            .find_map(|a| match a {
                crate::response::Answer::ValueBoolean(b) => Some(*b),
                _ => None,
            })
    }

    pub fn all_items(&self) -> Vec<&Item> {
        fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
            for item in items {
                out.push(item);
                walk(&item.item, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.item, &mut out);
        out
    }

    /// The item with `link_id`, wherever it is.
    pub fn find(&self, link_id: &str) -> Option<&Item> {
        self.all_items().into_iter().find(|i| i.link_id == link_id)
    }

    /// The permitted answers of a choice item: its `answerOption`s, or the concepts of
    /// its contained `answerValueSet` (expansion first, else `compose.include.concept`).
    pub fn options(&self, item: &Item) -> Vec<AnswerOption> {
        if !item.answer_option.is_empty() {
            return item.answer_option.clone();
        }
        let Some(vs) = item
            .answer_value_set
            .as_deref()
            .and_then(|r| self.contained_value_set(r))
        else {
            return Vec::new();
        };
        let coding = |system: Option<&serde_json::Value>, c: &serde_json::Value| Coding {
            system: system
                .or_else(|| c.get("system"))
                .and_then(|s| s.as_str())
                .map(str::to_owned),
            code: c.get("code").and_then(|s| s.as_str()).map(str::to_owned),
            display: c.get("display").and_then(|s| s.as_str()).map(str::to_owned),
            extra: serde_json::Map::new(),
        };
        let option = |c: Coding| AnswerOption {
            value_coding: Some(c),
            value_string: None,
            value_integer: None,
            extension: Vec::new(),
            extra: serde_json::Map::new(),
        };
        let array = |v: Option<&serde_json::Value>| -> Vec<serde_json::Value> {
            v.and_then(|v| v.as_array()).cloned().unwrap_or_default()
        };
        let contains = array(vs.get("expansion").and_then(|e| e.get("contains")));
        if !contains.is_empty() {
            return contains.iter().map(|c| option(coding(None, c))).collect();
        }
        array(vs.get("compose").and_then(|c| c.get("include")))
            .iter()
            .flat_map(|include| {
                array(include.get("concept"))
                    .into_iter()
                    .map(|c| option(coding(include.get("system"), &c)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn contained_value_set(&self, reference: &str) -> Option<&serde_json::Value> {
        let id = reference.strip_prefix('#')?;
        self.contained.iter().find(|r| {
            r.get("resourceType").and_then(|t| t.as_str()) == Some("ValueSet")
                && r.get("id").and_then(|i| i.as_str()) == Some(id)
        })
    }
}

/// The FHIR R4 item types carepath renders and validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    Group,
    Display,
    Boolean,
    Decimal,
    Integer,
    Date,
    DateTime,
    Time,
    String,
    Text,
    Url,
    Choice,
    OpenChoice,
    Quantity,
}

/// One item of a questionnaire.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Required by FHIR; an item without one is read (to report it) and refused by
    /// [`Questionnaire::check`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_value_set: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// `initial.value[x]`, kept as JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initial: Vec<serde_json::Map<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Item {
    pub fn kind(&self) -> Option<ItemType> {
        Some(match self.type_.as_str() {
            "group" => ItemType::Group,
            "display" => ItemType::Display,
            "boolean" => ItemType::Boolean,
            "decimal" => ItemType::Decimal,
            "integer" => ItemType::Integer,
            "date" => ItemType::Date,
            "dateTime" => ItemType::DateTime,
            "time" => ItemType::Time,
            "string" => ItemType::String,
            "text" => ItemType::Text,
            "url" => ItemType::Url,
            "choice" => ItemType::Choice,
            "open-choice" => ItemType::OpenChoice,
            "quantity" => ItemType::Quantity,
            _ => return None,
        })
    }

    pub fn is_required(&self) -> bool {
        self.required.unwrap_or(false)
    }

    pub fn repeats(&self) -> bool {
        self.repeats.unwrap_or(false)
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.unwrap_or(false)
    }

    /// Whether `enableWhen` needs every condition (`all`, the default) or one (`any`).
    pub fn enable_any(&self) -> bool {
        self.enable_behavior.as_deref() == Some("any")
    }

    /// Whether the item expects an answer (not a group or display text).
    pub fn is_question(&self) -> bool {
        !matches!(
            self.kind(),
            Some(ItemType::Group | ItemType::Display) | None
        )
    }

    pub fn min_value(&self) -> Option<f64> {
        extension_value(&self.extension, MIN_VALUE)?.as_f64()
    }

    pub fn max_value(&self) -> Option<f64> {
        extension_value(&self.extension, MAX_VALUE)?.as_f64()
    }

    pub fn slider_step(&self) -> Option<f64> {
        extension_value(&self.extension, SLIDER_STEP)?.as_f64()
    }

    /// Whether a boolean extension `url` is set to true on this item.
    pub fn marked(&self, url: &str) -> bool {
        extension_value(&self.extension, url).and_then(|v| v.as_bool()) == Some(true)
    }

    /// Whether the SDC `questionnaire-hidden` extension hides the item from people.
    pub fn is_hidden(&self) -> bool {
        self.marked(HIDDEN)
    }

    /// The SDC `entryFormat` hint, e.g. `dd.mm.åååå`.
    pub fn entry_format(&self) -> Option<&str> {
        extension_value(&self.extension, ENTRY_FORMAT)?.as_str()
    }

    /// The unit of a number or quantity item (`questionnaire-unit`, or the first
    /// `unitOption`).
    pub fn unit(&self) -> Option<Coding> {
        let v = extension_value(&self.extension, UNIT)
            .or_else(|| extension_value(&self.extension, UNIT_OPTION))?;
        serde_json::from_value(v.clone()).ok()
    }

    /// The SDC itemControl code (`slider`, `radio-button`, `drop-down`, `check-box`, ...).
    pub fn item_control(&self) -> Option<&str> {
        let concept = extension_value(&self.extension, ITEM_CONTROL)?;
        concept.get("coding")?.get(0)?.get("code")?.as_str()
    }

    /// Texts at the low and high end of a slider, e.g. "no pain" and "very severe".
    pub fn slider_labels(&self) -> Option<(String, String)> {
        let v = extension_value(&self.extension, SLIDER_LABELS)?.as_str()?;
        let (low, high) = v.split_once('|')?;
        Some((low.trim().to_owned(), high.trim().to_owned()))
    }

    /// The initial answers (`initial.value[x]`, or options marked `initialSelected`).
    pub fn initial_answers(&self) -> Vec<Answer> {
        let from_initial = self.initial.iter().filter_map(Answer::from_prefixed);
        let selected = self
            .answer_option
            .iter()
            .filter(|o| o.extra.get("initialSelected").and_then(|v| v.as_bool()) == Some(true))
            .filter_map(AnswerOption::answer);
        from_initial.chain(selected).collect()
    }
}

/// One condition of `enableWhen`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EnableWhen {
    pub question: String,
    pub operator: String,
    /// `answer[x]` and anything else, kept as JSON.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

impl EnableWhen {
    /// The `answer[x]` compared with.
    pub fn answer(&self) -> Option<Answer> {
        let (key, value) = self.rest.iter().find(|(k, _)| k.starts_with("answer"))?;
        let mut m = serde_json::Map::new();
        m.insert(format!("value{}", &key["answer".len()..]), value.clone());
        Answer::from_prefixed(&m)
    }
}

/// The `enableWhen` operators of FHIR R4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Exists,
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
}

impl Operator {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "exists" => Self::Exists,
            "=" => Self::Equal,
            "!=" => Self::NotEqual,
            ">" => Self::Greater,
            "<" => Self::Less,
            ">=" => Self::GreaterOrEqual,
            "<=" => Self::LessOrEqual,
            _ => return None,
        })
    }
}

/// One permitted answer of a choice item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl AnswerOption {
    /// The value as sent by a form: the code, the string, the integer, or the date or
    /// time as written.
    pub fn key(&self) -> String {
        if let Some(c) = &self.value_coding {
            c.code.clone().unwrap_or_default()
        } else if let Some(s) = &self.value_string {
            s.clone()
        } else if let Some(i) = self.value_integer {
            i.to_string()
        } else {
            ["valueDate", "valueTime"]
                .iter()
                .find_map(|k| self.extra.get(*k).and_then(|v| v.as_str()))
                .unwrap_or_default()
                .to_owned()
        }
    }

    /// What the person reading the form sees.
    pub fn label(&self) -> String {
        if let Some(c) = &self.value_coding {
            c.display
                .clone()
                .or_else(|| c.code.clone())
                .unwrap_or_default()
        } else {
            self.key()
        }
    }

    /// The option as an answer value.
    pub fn answer(&self) -> Option<Answer> {
        if let Some(c) = &self.value_coding {
            Some(Answer::ValueCoding(c.clone()))
        } else if let Some(s) = &self.value_string {
            Some(Answer::ValueString(s.clone()))
        } else if let Some(i) = self.value_integer {
            Some(Answer::ValueInteger(i))
        } else if let Some(d) = self.extra.get("valueDate").and_then(|v| v.as_str()) {
            Some(Answer::ValueDate(d.to_owned()))
        } else {
            let t = self.extra.get("valueTime").and_then(|v| v.as_str())?;
            Some(Answer::ValueTime(t.to_owned()))
        }
    }

    /// Whether `answer` is this option (codings by system and code; a missing system
    /// on either side matches any).
    pub fn matches(&self, answer: &Answer) -> bool {
        self.answer().is_some_and(|mine| mine.same_as(answer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r##"{
      "resourceType": "Questionnaire",
      "url": "https://example.org/q", "version": "1", "status": "active",
      "meta": {"profile": ["http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire"]},
      "contained": [{"resourceType": "ValueSet", "id": "yn", "status": "active",
        "compose": {"include": [{"system": "http://example.org/yn", "concept": [{"code": "y", "display": "Yes"}, {"code": "n", "display": "No"}]}]}}],
      "item": [
        {"linkId": "1", "type": "integer", "text": "How many?", "required": true,
         "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
                       {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10}],
         "_text": {"extension": [{"url": "http://example.org/x", "valueString": "kept"}]}},
        {"linkId": "2", "type": "choice", "answerOption": [{"valueCoding": {"code": "a", "display": "A"}, "initialSelected": true}]},
        {"linkId": "3", "type": "choice", "answerValueSet": "#yn",
         "enableWhen": [{"question": "1", "operator": ">", "answerInteger": 2}], "enableBehavior": "all"},
        {"linkId": "4", "type": "decimal", "readOnly": true,
         "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
                        "valueExpression": {"language": "text/fhirpath", "expression": "1 + 1"}}]}
      ]
    }"##;

    #[test]
    fn unknown_elements_survive_a_round_trip() {
        let q: Questionnaire = serde_json::from_str(SAMPLE).unwrap();
        let back = serde_json::to_value(&q).unwrap();
        let original: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(back, original);
        assert!(q.check().is_empty(), "{:?}", q.check());
        assert_eq!(q.item[0].max_value(), Some(10.0));
        assert_eq!(
            q.item[1].initial_answers().len(),
            1,
            "initialSelected counts"
        );
        let yn = q.options(&q.item[2]);
        assert_eq!(yn.len(), 2);
        assert_eq!(
            yn[0].value_coding.as_ref().unwrap().system.as_deref(),
            Some("http://example.org/yn")
        );
        assert_eq!(
            q.item[2].enable_when[0].answer(),
            Some(Answer::ValueInteger(2))
        );
    }

    #[test]
    fn expressions_carepath_does_not_evaluate_are_reported_unless_scoring_fills_them() {
        let mut q: Questionnaire = serde_json::from_str(SAMPLE).unwrap();
        // FHIRPath is evaluated: nothing to report.
        assert!(q.unevaluated(&[]).is_empty());
        // Another language (CQL) and an initialExpression are kept but not evaluated.
        let calculated = q.item[3].extension[0].clone();
        let mut cql = calculated.clone();
        cql.rest["valueExpression"]["language"] = "text/cql".into();
        let mut initial = calculated;
        initial.url = INITIAL_EXPRESSION.into();
        q.item[3].extension = vec![cql, initial];
        let un = q.unevaluated(&[]);
        assert_eq!(un.len(), 2, "{un:?}");
        assert!(un[0].to_string().contains("Item `4`"), "{}", un[0]);
        assert_eq!(
            q.unevaluated(&["4"]).len(),
            1,
            "scoring fills the calculated one"
        );
    }

    #[test]
    fn check_reports_every_problem() {
        let mut q: Questionnaire = serde_json::from_str(SAMPLE).unwrap();
        q.url = None;
        q.item[1].answer_option.clear();
        q.item[2].answer_value_set = Some("http://loinc.org/vs/LL1-9".into());
        q.item[2].enable_when[0].question = "nope".into();
        q.item[2].enable_when[0].operator = "~".into();
        q.item.push(q.item[0].clone());
        q.item[0].type_ = "attachment".into();
        let problems = q.check();
        assert_eq!(problems.len(), 7, "{problems:?}");
    }
}
