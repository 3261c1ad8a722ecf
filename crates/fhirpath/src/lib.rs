//! FHIRPath (normative release 2.0.0 with FHIR R4's additions) over FHIR JSON.
//!
//! ```
//! use carepath_fhirpath::{Env, Expression, Item};
//! let patient = serde_json::json!({"resourceType": "Patient", "name": [{"given": ["Kari"]}]});
//! let expr = Expression::parse("Patient.name.given.first() = 'Kari'").unwrap();
//! let out = expr.evaluate_on(&patient, &Env::default()).unwrap();
//! assert!(matches!(out[..], [Item::Boolean(true)]));
//! ```
//!
//! Types come from the FHIR R4 element table (`r4.types`), so `birthDate < @2000-01-01`
//! compares dates and `value.ofType(Quantity)` finds `valueQuantity`. The SDC functions
//! `ordinal()` and `weight()` read the answer option's `ordinalValue` or `itemWeight` in the
//! questionnaire given in [`Env::questionnaire`].

mod eval;
mod model;
mod parse;
mod sdc;
mod temporal;
mod value;

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::Value;

pub use value::{Item, Node, TemporalValue};

/// Why an expression could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("FHIRPath syntax: {0}")]
    Syntax(String),
    /// Found in strict mode: a path the model says cannot exist.
    #[error("FHIRPath: {0}")]
    Semantic(String),
    #[error("FHIRPath evaluation: {0}")]
    Evaluation(String),
}

impl Error {
    fn syntax(message: impl Into<String>) -> Self {
        Error::Syntax(message.into())
    }
    fn semantic(message: impl Into<String>) -> Self {
        Error::Semantic(message.into())
    }
    fn eval(message: impl Into<String>) -> Self {
        Error::Evaluation(message.into())
    }
}

/// What an expression can see besides its input: `%` variables, `%resource`, the
/// questionnaire behind `ordinal()`.
#[derive(Debug, Default, Clone)]
pub struct Env<'a> {
    /// Named variables (`%score`), as SDC's `variable` extension defines them.
    pub variables: HashMap<String, Vec<Item<'a>>>,
    /// `%context` when it is not the input.
    pub context: Option<Vec<Item<'a>>>,
    /// `%resource` when it is not the input.
    pub resource: Option<Item<'a>>,
    /// The questionnaire whose answer options give `ordinal()` and `weight()`.
    pub questionnaire: Option<&'a Value>,
    /// A path to an element the model does not have is an error rather than empty.
    pub strict: bool,
}

impl<'a> Env<'a> {
    fn weight(&self, item: &Item<'a>) -> Option<Decimal> {
        sdc::weight(item, self.questionnaire)
    }

    fn resolve(&self, item: &Item<'a>) -> Option<Item<'a>> {
        sdc::resolve_contained(item, self.resource.as_ref())
    }
}

/// A parsed FHIRPath expression, ready to evaluate many times.
#[derive(Debug, Clone)]
pub struct Expression {
    expr: parse::Expr,
}

impl Expression {
    pub fn parse(text: &str) -> Result<Self, Error> {
        Ok(Expression {
            expr: parse::parse(text)?,
        })
    }

    /// Evaluates with `input` as the focus (and `%context`).
    pub fn evaluate<'a>(
        &self,
        input: Vec<Item<'a>>,
        env: &Env<'a>,
    ) -> Result<Vec<Item<'a>>, Error> {
        let evaluator = eval::Evaluator { env };
        let scope = eval::Scope {
            term: input.clone(),
            this: input.first().cloned().filter(|_| input.len() == 1),
            index: None,
            total: None,
        };
        if env.context.is_none() {
            let env = Env {
                context: Some(input),
                ..env.clone()
            };
            let evaluator = eval::Evaluator { env: &env };
            return evaluator.eval(&self.expr, &scope);
        }
        evaluator.eval(&self.expr, &scope)
    }

    /// Evaluates on a resource (which is also `%resource` unless `env` says otherwise).
    pub fn evaluate_on<'a>(
        &self,
        resource: &'a Value,
        env: &Env<'a>,
    ) -> Result<Vec<Item<'a>>, Error> {
        let root = Item::Node(Node::root(resource));
        let env = Env {
            resource: env.resource.clone().or_else(|| Some(root.clone())),
            ..env.clone()
        };
        self.evaluate(vec![root], &env)
    }
}

/// The result in a boolean place: `Some(true)` for `true` or one non-boolean item, `None`
/// for an empty collection; an error for several items.
pub fn truth(items: &[Item<'_>]) -> Result<Option<bool>, Error> {
    eval::truth(items)
}
