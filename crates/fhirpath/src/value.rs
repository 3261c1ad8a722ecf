//! The items of a FHIRPath collection: System values and nodes of a FHIR JSON resource.

use std::cmp::Ordering;
use std::rc::Rc;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde_json::Value;

use crate::model;
use crate::temporal::{Kind, Temporal};

/// One item of a collection.
#[derive(Debug, Clone)]
pub enum Item<'a> {
    Boolean(bool),
    Integer(i64),
    Decimal(Decimal),
    String(String),
    /// A date, date-time or time (FHIRPath's partial precision kept).
    Temporal(TemporalValue),
    Quantity(Decimal, String),
    /// An element or resource of the input.
    Node(Rc<Node<'a>>),
    /// What `type()` returns: a namespace and a name.
    Type(&'static str, String),
}

/// A date, date-time or time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemporalValue(pub(crate) Temporal);

impl std::fmt::Display for TemporalValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An element of a FHIR JSON resource, with its FHIR type and where it sits.
#[derive(Debug)]
pub struct Node<'a> {
    /// The element's JSON value (`null` for a primitive that has only an extension).
    pub value: &'a Value,
    /// A primitive's `_name` sibling with its id and extensions.
    pub extra: Option<&'a Value>,
    /// The FHIR type: `HumanName`, `string`, `Patient.contact` for a backbone element.
    pub ty: String,
    /// The element's name in its parent (`valueCoding`).
    pub name: String,
    pub parent: Option<Rc<Node<'a>>>,
}

static NULL: Value = Value::Null;

impl<'a> Node<'a> {
    /// A resource at the root of an evaluation.
    pub fn root(value: &'a Value) -> Rc<Node<'a>> {
        let ty = value
            .get("resourceType")
            .and_then(Value::as_str)
            .unwrap_or("Element");
        Rc::new(Node {
            value,
            extra: None,
            ty: ty.to_owned(),
            name: String::new(),
            parent: None,
        })
    }

    /// The children called `name`, as the model names them.
    pub(crate) fn children(self: &Rc<Self>, name: &str, out: &mut Vec<Item<'a>>) {
        let Value::Object(map) = self.value else {
            return;
        };
        match model::element(&self.ty, name) {
            Some(element) if element.choice => {
                for ty in &element.types {
                    let key = format!("{name}{}{}", ty[..1].to_uppercase(), &ty[1..]);
                    self.push(&key, ty, out);
                }
            }
            Some(element) => self.push(name, element.types[0], out),
            None if map.contains_key(name) || map.contains_key(&format!("_{name}")) => {
                let inferred = infer(map.get(name));
                self.push(name, inferred, out);
            }
            None => {}
        }
    }

    fn push(self: &Rc<Self>, key: &str, ty: &str, out: &mut Vec<Item<'a>>) {
        let Value::Object(map) = self.value else {
            return;
        };
        let value = map.get(key);
        let extra = map.get(&format!("_{key}"));
        if value.is_none() && extra.is_none() {
            return;
        }
        let node = |value: &'a Value, extra: Option<&'a Value>| {
            let ty = match value.get("resourceType").and_then(Value::as_str) {
                Some(resource) if ty == "Resource" => resource,
                _ => ty,
            };
            Item::Node(Rc::new(Node {
                value,
                extra,
                ty: ty.to_owned(),
                name: key.to_owned(),
                parent: Some(self.clone()),
            }))
        };
        match (value, extra) {
            (Some(Value::Array(items)), _) => {
                let extras = extra.and_then(Value::as_array);
                for (i, v) in items.iter().enumerate() {
                    let e = extras.and_then(|e| e.get(i)).filter(|e| !e.is_null());
                    if v.is_null() && e.is_none() {
                        continue;
                    }
                    out.push(node(v, e));
                }
            }
            (None, Some(Value::Array(extras))) => {
                for e in extras.iter().filter(|e| !e.is_null()) {
                    out.push(node(&NULL, Some(e)));
                }
            }
            (Some(v), e) => out.push(node(v, e)),
            (None, e) => out.push(node(&NULL, e)),
        }
    }

    /// Every child element, in document order.
    pub(crate) fn all_children(self: &Rc<Self>, out: &mut Vec<Item<'a>>) {
        let Value::Object(map) = self.value else {
            return;
        };
        let mut seen = Vec::new();
        for key in map.keys() {
            let key = key.strip_prefix('_').unwrap_or(key);
            if key == "resourceType" || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let ty = self.type_of_key(key);
            self.push(key, &ty, out);
        }
    }

    /// The type of a JSON key, choice suffixes included.
    fn type_of_key(&self, key: &str) -> String {
        if let Some(e) = model::element(&self.ty, key) {
            return e.types[0].to_owned();
        }
        for (i, _) in key.char_indices().filter(|(_, c)| c.is_ascii_uppercase()) {
            if let Some(e) = model::element(&self.ty, &key[..i]).filter(|e| e.choice) {
                let suffix = &key[i..];
                if let Some(ty) = e.types.iter().find(|t| t.eq_ignore_ascii_case(suffix)) {
                    return (*ty).to_owned();
                }
            }
        }
        let value = match &self.value {
            Value::Object(map) => map.get(key),
            _ => None,
        };
        infer(value).to_owned()
    }

    /// The System value of a primitive node.
    pub(crate) fn primitive(&self) -> Option<Item<'a>> {
        let ty = self.ty.as_str();
        match self.value {
            Value::Bool(b) => Some(Item::Boolean(*b)),
            Value::Number(n) => {
                if model::derives(ty, "decimal") || (ty == "decimal") {
                    Decimal::from_str_exact(&n.to_string())
                        .ok()
                        .map(Item::Decimal)
                } else if let Some(i) = n.as_i64() {
                    Some(Item::Integer(i))
                } else {
                    Decimal::from_str_exact(&n.to_string())
                        .ok()
                        .map(Item::Decimal)
                }
            }
            Value::String(s) => {
                let kind = match ty {
                    "date" => Some(Kind::Date),
                    "dateTime" | "instant" => Some(Kind::DateTime),
                    "time" => Some(Kind::Time),
                    _ => None,
                };
                match kind {
                    Some(kind) => Temporal::parse_fhir(kind, s)
                        .map(|t| Item::Temporal(TemporalValue(t)))
                        .or_else(|| Some(Item::String(s.clone()))),
                    None => Some(Item::String(s.clone())),
                }
            }
            _ => None,
        }
    }

    /// A Quantity element as a System quantity.
    fn quantity(&self) -> Option<Item<'a>> {
        if !model::derives(&self.ty, "Quantity") {
            return None;
        }
        let value = self.value.get("value")?;
        let value = Decimal::from_str_exact(&value.to_string()).ok()?;
        let unit = self
            .value
            .get("code")
            .or_else(|| self.value.get("unit"))
            .and_then(Value::as_str)
            .unwrap_or("1");
        Some(Item::Quantity(value, unit.to_owned()))
    }
}

fn infer(value: Option<&Value>) -> &'static str {
    match value {
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(n)) if n.is_i64() => "integer",
        Some(Value::Number(_)) => "decimal",
        Some(Value::String(_)) => "string",
        Some(Value::Object(m)) if m.contains_key("resourceType") => "Resource",
        _ => "Element",
    }
}

impl<'a> Item<'a> {
    /// The item as a System value: primitives and quantities of the input become values.
    pub fn system(&self) -> Item<'a> {
        match self {
            Item::Node(n) => n
                .primitive()
                .or_else(|| n.quantity())
                .unwrap_or(self.clone()),
            other => other.clone(),
        }
    }

    pub(crate) fn node(&self) -> Option<&Rc<Node<'a>>> {
        match self {
            Item::Node(n) => Some(n),
            _ => None,
        }
    }

    /// The type's namespace and name, as `type()` and `is` see them.
    pub(crate) fn type_name(&self) -> (&'static str, String) {
        match self {
            Item::Boolean(_) => ("System", "Boolean".into()),
            Item::Integer(_) => ("System", "Integer".into()),
            Item::Decimal(_) => ("System", "Decimal".into()),
            Item::String(_) => ("System", "String".into()),
            Item::Temporal(t) => (
                "System",
                match t.0.kind {
                    Kind::Date => "Date",
                    Kind::DateTime => "DateTime",
                    Kind::Time => "Time",
                }
                .into(),
            ),
            Item::Quantity(..) => ("System", "Quantity".into()),
            Item::Type(..) => ("System", "ClassInfo".into()),
            Item::Node(n) => {
                if n.ty.contains('.') {
                    ("FHIR", "BackboneElement".into())
                } else {
                    ("FHIR", n.ty.clone())
                }
            }
        }
    }

    /// Whether the item is of the named type (or derives from it).
    pub(crate) fn is(&self, namespace: Option<&str>, name: &str) -> bool {
        match self {
            Item::Node(n) => {
                if namespace == Some("System") {
                    return false;
                }
                let ty = if n.ty.contains('.') {
                    "BackboneElement"
                } else {
                    n.ty.as_str()
                };
                model::derives(ty, name)
                    || (n.parent.is_none() && name == "Resource")
                    || (model::derives(ty, "DomainResource") && name == "DomainResource")
            }
            other => {
                if namespace == Some("FHIR") {
                    return false;
                }
                let (_, own) = other.type_name();
                own == name
            }
        }
    }

    /// The text `toString()` gives, for System values.
    pub(crate) fn text(&self) -> Option<String> {
        Some(match self.system() {
            Item::Boolean(b) => b.to_string(),
            Item::Integer(i) => i.to_string(),
            Item::Decimal(d) => d.to_string(),
            Item::String(s) => s,
            Item::Temporal(t) => t.0.text(),
            Item::Quantity(v, u) => format!("{v} '{u}'"),
            _ => return None,
        })
    }
}

/// FHIRPath equality (`=`): `None` when unknown (dates of different precision).
pub(crate) fn equal(a: &Item<'_>, b: &Item<'_>) -> Option<bool> {
    let (a, b) = (a.system(), b.system());
    match (&a, &b) {
        (Item::Integer(x), Item::Decimal(y)) | (Item::Decimal(y), Item::Integer(x)) => {
            Some(Decimal::from(*x) == *y)
        }
        (Item::Integer(x), Item::Integer(y)) => Some(x == y),
        (Item::Decimal(x), Item::Decimal(y)) => Some(x == y),
        (Item::Boolean(x), Item::Boolean(y)) => Some(x == y),
        (Item::String(x), Item::String(y)) => Some(x == y),
        // A time is never equal to a date, nor a date to a date-time in a named zone.
        (Item::Temporal(x), Item::Temporal(y))
            if x.0.kind != y.0.kind
                && (x.0.kind == Kind::Time
                    || y.0.kind == Kind::Time
                    || x.0.has_zone()
                    || y.0.has_zone()) =>
        {
            Some(false)
        }
        (Item::Temporal(x), Item::Temporal(y)) => {
            let (x, y) = dates_together(x.0, y.0);
            x.compare(&y).map(|o| o == Ordering::Equal)
        }
        (Item::Quantity(..), Item::Quantity(..)) => {
            compare_quantities(&a, &b).map(|o| o == Ordering::Equal)
        }
        (Item::Node(x), Item::Node(y)) => Some(x.value == y.value),
        (Item::Type(n1, t1), Item::Type(n2, t2)) => Some(n1 == n2 && t1 == t2),
        _ => Some(false),
    }
}

/// A date against a date-time compares as two date-times.
fn dates_together(x: Temporal, y: Temporal) -> (Temporal, Temporal) {
    if x.kind != y.kind && x.kind != Kind::Time && y.kind != Kind::Time {
        (x.as_datetime(), y.as_datetime())
    } else {
        (x, y)
    }
}

/// FHIRPath equivalence (`~`).
pub(crate) fn equivalent(a: &Item<'_>, b: &Item<'_>) -> bool {
    let (a, b) = (a.system(), b.system());
    match (&a, &b) {
        (Item::String(x), Item::String(y)) => normalize(x) == normalize(y),
        (Item::Decimal(_) | Item::Integer(_), Item::Decimal(_) | Item::Integer(_)) => {
            let (x, y) = (decimal_of(&a), decimal_of(&b));
            let scale = x.scale().min(y.scale());
            x.round_dp(scale) == y.round_dp(scale)
        }
        (Item::Temporal(x), Item::Temporal(y)) => {
            let (x, y) = dates_together(x.0, y.0);
            x.same_precision_as(&y) && x.compare(&y) == Some(Ordering::Equal)
        }
        (Item::Quantity(v1, _), Item::Quantity(v2, _)) => {
            let scale = v1.scale().min(v2.scale());
            match (canonical(&a), canonical(&b)) {
                (Some((x, dx)), Some((y, dy))) if dx == dy => {
                    x.round_dp(scale) == y.round_dp(scale)
                }
                _ => false,
            }
        }
        (Item::Node(x), Item::Node(y)) => x.value == y.value,
        _ => equal(&a, &b).unwrap_or(false),
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) fn decimal_of(item: &Item<'_>) -> Decimal {
    match item {
        Item::Integer(i) => Decimal::from(*i),
        Item::Decimal(d) => *d,
        _ => Decimal::ZERO,
    }
}

/// The order of two values; `Err` when they cannot be compared, `Ok(None)` when unknown.
pub(crate) fn compare(a: &Item<'_>, b: &Item<'_>) -> Result<Option<Ordering>, ()> {
    let (a, b) = (a.system(), b.system());
    Ok(match (&a, &b) {
        (Item::Integer(x), Item::Integer(y)) => Some(x.cmp(y)),
        (Item::Integer(_) | Item::Decimal(_), Item::Integer(_) | Item::Decimal(_)) => {
            Some(decimal_of(&a).cmp(&decimal_of(&b)))
        }
        (Item::String(x), Item::String(y)) => Some(x.cmp(y)),
        (Item::Temporal(x), Item::Temporal(y)) => {
            let (x, y) = dates_together(x.0, y.0);
            x.compare(&y)
        }
        (Item::Quantity(..), Item::Quantity(..)) => compare_quantities(&a, &b),
        _ => return Err(()),
    })
}

/// A calendar duration's UCUM code (`7 days` compares as `7 'd'`).
pub(crate) fn ucum_unit(unit: &str) -> &str {
    match unit {
        "year" | "years" => "a",
        "month" | "months" => "mo",
        "week" | "weeks" => "wk",
        "day" | "days" => "d",
        "hour" | "hours" => "h",
        "minute" | "minutes" => "min",
        "second" | "seconds" => "s",
        "millisecond" | "milliseconds" => "ms",
        other => other,
    }
}

/// The value in base units with its dimension, through UCUM.
fn canonical(item: &Item<'_>) -> Option<(Decimal, [i8; 7])> {
    let Item::Quantity(value, unit) = item else {
        return None;
    };
    let unit = ucum_unit(unit);
    if unit == "1" || unit.is_empty() {
        return Some((*value, [0; 7]));
    }
    let analysis = octofhir_ucum::analyse(unit).ok()?;
    let factor = Decimal::from_f64(analysis.factor)?;
    Some((value * factor, analysis.dimension.0))
}

fn compare_quantities(a: &Item<'_>, b: &Item<'_>) -> Option<Ordering> {
    if let (Item::Quantity(x, u), Item::Quantity(y, w)) = (a, b)
        && ucum_unit(u) == ucum_unit(w)
    {
        return Some(x.cmp(y));
    }
    let ((x, dx), (y, dy)) = (canonical(a)?, canonical(b)?);
    if dx != dy {
        return None;
    }
    // UCUM's factors are binary floating point: compare at 12 significant places.
    let places = 12u32.saturating_sub(x.abs().max(y.abs()).to_f64()?.log10().max(0.0) as u32);
    Some(x.round_dp(places).cmp(&y.round_dp(places)))
}

/// `a * b` and `a / b` for quantities: the units combine as UCUM expressions.
pub(crate) fn quantity_product(
    a: &Item<'_>,
    b: &Item<'_>,
    divide: bool,
) -> Option<(Decimal, String)> {
    let (Item::Quantity(x, u), Item::Quantity(y, w)) = (a, b) else {
        return None;
    };
    let (u, w) = (ucum_unit(u), ucum_unit(w));
    if divide {
        let value = x.checked_div(*y)?;
        if u == w {
            return Some((value, "1".into()));
        }
        Some((value, format!("({u})/({w})")))
    } else {
        Some((x * y, format!("({u}).({w})")))
    }
}
