//! SDC's `ordinal()`/`weight()` and `resolve()` of a contained reference.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::value::Item;

/// The extensions that give an answer's score: R5's `itemWeight`, R4's `ordinalValue`
/// and the older ISO 21090 one.
const WEIGHTS: [&str; 3] = [
    "http://hl7.org/fhir/StructureDefinition/itemWeight",
    "http://hl7.org/fhir/StructureDefinition/ordinalValue",
    "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value",
];

fn weight_extension(element: &Value) -> Option<Decimal> {
    let extensions = element.get("extension")?.as_array()?;
    extensions.iter().find_map(|e| {
        let url = e.get("url")?.as_str()?;
        if !WEIGHTS.contains(&url) {
            return None;
        }
        let v = e.get("valueDecimal").or_else(|| e.get("valueInteger"))?;
        Decimal::from_str_exact(&v.to_string()).ok()
    })
}

fn same_coding(a: &Value, b: &Value) -> bool {
    let code = |v: &Value| v.get("code").and_then(Value::as_str).map(str::to_owned);
    let system = |v: &Value| v.get("system").and_then(Value::as_str).map(str::to_owned);
    code(a).is_some()
        && code(a) == code(b)
        && (system(a).is_none() || system(b).is_none() || system(a) == system(b))
}

fn find_item<'q>(items: &'q Value, link_id: &str) -> Option<&'q Value> {
    items.as_array()?.iter().find_map(|item| {
        if item.get("linkId").and_then(Value::as_str) == Some(link_id) {
            Some(item)
        } else {
            item.get("item").and_then(|i| find_item(i, link_id))
        }
    })
}

/// The weight of a coded answer: on the coding itself, else on the questionnaire's answer
/// option (or contained value set) for the response item the answer belongs to.
pub(crate) fn weight(item: &Item<'_>, questionnaire: Option<&Value>) -> Option<Decimal> {
    let Item::Node(node) = item else {
        return None;
    };
    let coding = node.value;
    if let Some(w) = weight_extension(coding) {
        return Some(w);
    }
    // Evaluated on a questionnaire: the answer option holding this coding.
    if let Some(parent) = &node.parent
        && parent.value.get("valueCoding").is_some()
        && let Some(w) = weight_extension(parent.value)
    {
        return Some(w);
    }
    let questionnaire = questionnaire?;
    let mut ancestor = node.parent.clone();
    let link_id = loop {
        let a = ancestor?;
        if let Some(id) = a.value.get("linkId").and_then(Value::as_str) {
            break id;
        }
        ancestor = a.parent.clone();
    };
    let q_item = find_item(questionnaire.get("item")?, link_id)?;
    if let Some(options) = q_item.get("answerOption").and_then(Value::as_array)
        && let Some(option) = options
            .iter()
            .find(|o| o.get("valueCoding").is_some_and(|c| same_coding(c, coding)))
    {
        return weight_extension(option)
            .or_else(|| option.get("valueCoding").and_then(weight_extension));
    }
    // A value set contained in the questionnaire: its concepts or its expansion.
    let reference = q_item.get("answerValueSet")?.as_str()?.strip_prefix('#')?;
    let set = questionnaire
        .get("contained")?
        .as_array()?
        .iter()
        .find(|c| c.get("id").and_then(Value::as_str) == Some(reference))?;
    let from_expansion = set
        .pointer("/expansion/contains")
        .and_then(Value::as_array)
        .and_then(|c| c.iter().find(|c| same_coding(c, coding)))
        .and_then(weight_extension);
    from_expansion.or_else(|| {
        set.pointer("/compose/include")?
            .as_array()?
            .iter()
            .find_map(|include| {
                let concept = include
                    .get("concept")?
                    .as_array()?
                    .iter()
                    .find(|c| c.get("code") == coding.get("code"))?;
                weight_extension(concept)
            })
    })
}

/// A `#id` reference to a resource contained in `%resource`.
pub(crate) fn resolve_contained<'a>(
    item: &Item<'a>,
    resource: Option<&Item<'a>>,
) -> Option<Item<'a>> {
    let reference = match item.system() {
        Item::String(s) => s,
        Item::Node(n) => n.value.get("reference")?.as_str()?.to_owned(),
        _ => return None,
    };
    let id = reference.strip_prefix('#')?;
    let Some(Item::Node(root)) = resource else {
        return None;
    };
    let mut contained = Vec::new();
    root.children("contained", &mut contained);
    contained.into_iter().find(|c| {
        c.node()
            .and_then(|n| n.value.get("id"))
            .and_then(Value::as_str)
            == Some(id)
    })
}
