//! The FHIR R4 element table: which type each element has, and each type's base type.
//! Generated into `r4.types` by `tests/conformance/fhirpath_model.py`.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug)]
pub(crate) struct Element {
    pub types: Vec<&'static str>,
    /// A choice element (`value[x]`): its JSON name ends in the type's name.
    pub choice: bool,
}

#[derive(Debug)]
struct Model {
    /// `Owner.element` to its definition.
    elements: HashMap<&'static str, Element>,
    bases: HashMap<&'static str, &'static str>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let mut elements = HashMap::new();
    let mut bases = HashMap::new();
    for line in include_str!("r4.types").lines() {
        let mut parts = line.split('\t');
        let (Some(first), Some(second)) = (parts.next(), parts.next()) else {
            continue;
        };
        if parts.next().is_some() {
            let (path, choice) = match first.strip_suffix("[x]") {
                Some(path) => (path, true),
                None => (first, false),
            };
            let types = second.split('|').collect();
            elements.insert(path, Element { types, choice });
        } else {
            bases.insert(first, second);
        }
    }
    // FHIR's primitive specialisations, which the table does not list.
    for (ty, base) in [
        ("code", "string"),
        ("id", "string"),
        ("markdown", "string"),
        ("url", "uri"),
        ("canonical", "uri"),
        ("oid", "uri"),
        ("uuid", "uri"),
        ("positiveInt", "integer"),
        ("unsignedInt", "integer"),
    ] {
        bases.insert(ty, base);
    }
    Model { elements, bases }
});

/// The definition of `name` on `owner`, looking through its base types.
pub(crate) fn element(owner: &str, name: &str) -> Option<&'static Element> {
    let mut ty = owner;
    loop {
        if let Some(e) = MODEL.elements.get(format!("{ty}.{name}").as_str()) {
            return Some(e);
        }
        ty = base(ty)?;
    }
}

pub(crate) fn base(ty: &str) -> Option<&'static str> {
    MODEL.bases.get(ty).copied()
}

/// Whether the table knows the type (so that an unknown element is a mistake).
pub(crate) fn known(ty: &str) -> bool {
    MODEL.bases.contains_key(ty)
}

/// Whether `ty` is `target` or derives from it.
pub(crate) fn derives(ty: &str, target: &str) -> bool {
    let mut ty = ty;
    loop {
        if ty == target {
            return true;
        }
        match base(ty) {
            Some(b) => ty = b,
            None => return false,
        }
    }
}
