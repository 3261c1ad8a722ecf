//! Evaluation of a parsed expression over a collection.

use std::cmp::Ordering;
use std::rc::Rc;

use rust_decimal::Decimal;
use rust_decimal::MathematicalOps;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use crate::parse::{Expr, Op, TypeName};
use crate::temporal::{Kind, Temporal};
use crate::value::{self, Item, Node, TemporalValue};
use crate::{Env, Error};

type Collection<'a> = Vec<Item<'a>>;
type Result<T> = std::result::Result<T, Error>;

/// What a sub-expression sees: the focus a term starts from, and `$this`, `$index`, `$total`.
#[derive(Clone)]
pub(crate) struct Scope<'a> {
    pub term: Collection<'a>,
    pub this: Option<Item<'a>>,
    pub index: Option<i64>,
    pub total: Option<Collection<'a>>,
}

pub(crate) struct Evaluator<'e, 'a> {
    pub env: &'e Env<'a>,
}

fn boolean<'a>(b: bool) -> Collection<'a> {
    vec![Item::Boolean(b)]
}

impl<'a> Evaluator<'_, 'a> {
    pub(crate) fn eval(&self, expr: &Expr, scope: &Scope<'a>) -> Result<Collection<'a>> {
        let focus = scope.term.clone();
        self.on(expr, &focus, scope)
    }

    /// Evaluates `expr` with `focus` as the input of its first step, on a stack that grows
    /// as nested functions need it (the parser bounds the depth; this bounds the bytes).
    fn on(&self, expr: &Expr, focus: &[Item<'a>], scope: &Scope<'a>) -> Result<Collection<'a>> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.step(expr, focus, scope))
    }

    fn step(&self, expr: &Expr, focus: &[Item<'a>], scope: &Scope<'a>) -> Result<Collection<'a>> {
        Ok(match expr {
            Expr::Empty => vec![],
            Expr::Boolean(b) => boolean(*b),
            Expr::String(s) => vec![Item::String(s.clone())],
            Expr::Integer(i) => vec![Item::Integer(*i)],
            Expr::Decimal(d) => vec![Item::Decimal(*d)],
            Expr::Temporal(t) => vec![Item::Temporal(TemporalValue(*t))],
            Expr::Quantity(v, u) => vec![Item::Quantity(*v, u.clone())],
            Expr::Member(name) => self.member(name, focus)?,
            Expr::Function(name, args) => self.function(name, args, focus, scope)?,
            Expr::Dot(left, right) => {
                let input = self.on(left, focus, scope)?;
                self.on(right, &input, scope)?
            }
            Expr::Index(left, index) => {
                let input = self.on(left, focus, scope)?;
                let index = self.eval(index, scope)?;
                match singleton(&index)? {
                    Some(Item::Integer(i)) => usize::try_from(i)
                        .ok()
                        .and_then(|i| input.get(i).cloned())
                        .into_iter()
                        .collect(),
                    Some(_) => return Err(Error::eval("an index must be an integer")),
                    None => vec![],
                }
            }
            Expr::Variable(name) => self.variable(name, scope)?,
            Expr::This => scope.this.clone().into_iter().collect(),
            Expr::IndexVar => scope.index.map(Item::Integer).into_iter().collect(),
            Expr::Total => scope.total.clone().unwrap_or_default(),
            Expr::Negate(inner) => {
                let v = self.on(inner, focus, scope)?;
                match singleton(&v)?.map(|i| i.system()) {
                    None => vec![],
                    Some(Item::Integer(i)) => vec![Item::Integer(-i)],
                    Some(Item::Decimal(d)) => vec![Item::Decimal(-d)],
                    Some(Item::Quantity(d, u)) => vec![Item::Quantity(-d, u)],
                    Some(_) => return Err(Error::eval("only a number can be negated")),
                }
            }
            Expr::Is(inner, ty) => {
                let v = self.on(inner, focus, scope)?;
                match singleton(&v)? {
                    None => vec![],
                    Some(item) => boolean(is_type(&item, ty)),
                }
            }
            Expr::As(inner, ty) => {
                let v = self.on(inner, focus, scope)?;
                if v.len() > 1 {
                    return Err(Error::eval("as needs a single item"));
                }
                v.into_iter().filter(|i| is_type(i, ty)).collect()
            }
            Expr::Binary(op, left, right) => self.binary(*op, left, right, focus, scope)?,
        })
    }

    fn member(&self, name: &str, focus: &[Item<'a>]) -> Result<Collection<'a>> {
        let mut out = Vec::new();
        for item in focus {
            if let Item::Type(namespace, type_name) = item {
                match name {
                    "namespace" => out.push(Item::String((*namespace).to_owned())),
                    "name" => out.push(Item::String(type_name.clone())),
                    _ => {}
                }
                continue;
            }
            let Item::Node(node) = item else { continue };
            if self.env.strict
                && crate::model::known(&node.ty)
                && crate::model::element(&node.ty, name).is_none()
                && !(node.parent.is_none() && item.is(None, name))
            {
                return Err(Error::semantic(format!(
                    "{} has no element {name}",
                    node.ty
                )));
            }
            // A type name at the start of a path selects the resource: `Patient.name`.
            if node.parent.is_none()
                && name.starts_with(|c: char| c.is_ascii_uppercase())
                && item.is(None, name)
            {
                out.push(item.clone());
                continue;
            }
            node.children(name, &mut out);
        }
        Ok(out)
    }

    fn variable(&self, name: &str, scope: &Scope<'a>) -> Result<Collection<'a>> {
        if let Some(v) = self.env.variables.get(name) {
            return Ok(v.clone());
        }
        Ok(match name {
            "context" => scope_root(scope, self.env),
            "resource" | "rootResource" => self
                .env
                .resource
                .clone()
                .map(|r| vec![r])
                .unwrap_or_else(|| scope_root(scope, self.env)),
            "ucum" => vec![Item::String("http://unitsofmeasure.org".into())],
            _ if name.starts_with("vs-") => vec![Item::String(format!(
                "http://hl7.org/fhir/ValueSet/{}",
                &name[3..]
            ))],
            _ if name.starts_with("ext-") => vec![Item::String(format!(
                "http://hl7.org/fhir/StructureDefinition/{}",
                &name[4..]
            ))],
            "sct" => vec![Item::String("http://snomed.info/sct".into())],
            "loinc" => vec![Item::String("http://loinc.org".into())],
            _ => return Err(Error::eval(format!("unknown variable %{name}"))),
        })
    }

    fn criteria(
        &self,
        expr: &Expr,
        item: &Item<'a>,
        index: usize,
        scope: &Scope<'a>,
    ) -> Result<Collection<'a>> {
        let inner = Scope {
            term: vec![item.clone()],
            this: Some(item.clone()),
            index: Some(index as i64),
            total: scope.total.clone(),
        };
        self.eval(expr, &inner)
    }

    fn binary(
        &self,
        op: Op,
        left: &Expr,
        right: &Expr,
        focus: &[Item<'a>],
        scope: &Scope<'a>,
    ) -> Result<Collection<'a>> {
        let l = self.on(left, focus, scope)?;
        // `and`, `or` and `implies` need not look right when the left side decides.
        match op {
            Op::And if truth(&l)? == Some(false) => return Ok(boolean(false)),
            Op::Or if truth(&l)? == Some(true) => return Ok(boolean(true)),
            Op::Implies if truth(&l)? == Some(false) => return Ok(boolean(true)),
            _ => {}
        }
        let r = self.on(right, focus, scope)?;
        Ok(match op {
            Op::Union => union(l, r),
            Op::And | Op::Or | Op::Xor | Op::Implies => {
                let (a, b) = (truth(&l)?, truth(&r)?);
                let v = match op {
                    Op::And => match (a, b) {
                        (Some(false), _) | (_, Some(false)) => Some(false),
                        (Some(true), Some(true)) => Some(true),
                        _ => None,
                    },
                    Op::Or => match (a, b) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (Some(false), Some(false)) => Some(false),
                        _ => None,
                    },
                    Op::Xor => a.zip(b).map(|(a, b)| a != b),
                    _ => match (a, b) {
                        (Some(false), _) | (_, Some(true)) => Some(true),
                        (Some(true), Some(false)) => Some(false),
                        _ => None,
                    },
                };
                v.map(boolean).unwrap_or_default()
            }
            Op::Eq | Op::Ne => {
                if l.is_empty() || r.is_empty() {
                    return Ok(vec![]);
                }
                let eq = collections_equal(&l, &r);
                match eq {
                    Some(e) => boolean(if op == Op::Eq { e } else { !e }),
                    None => vec![],
                }
            }
            Op::Equiv | Op::NotEquiv => {
                let eq = l.len() == r.len()
                    && l.iter().all(|a| r.iter().any(|b| value::equivalent(a, b)));
                boolean(if op == Op::Equiv { eq } else { !eq })
            }
            Op::In | Op::Contains => {
                let (needle, haystack) = if op == Op::In { (&l, &r) } else { (&r, &l) };
                match singleton(needle)? {
                    None => vec![],
                    Some(n) => boolean(haystack.iter().any(|h| value::equal(&n, h) == Some(true))),
                }
            }
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                let (Some(a), Some(b)) = (singleton(&l)?, singleton(&r)?) else {
                    return Ok(vec![]);
                };
                let order = value::compare(&a, &b)
                    .map_err(|()| Error::eval("these values cannot be compared"))?;
                match order {
                    None => vec![],
                    Some(o) => boolean(match op {
                        Op::Lt => o == Ordering::Less,
                        Op::Le => o != Ordering::Greater,
                        Op::Gt => o == Ordering::Greater,
                        _ => o != Ordering::Less,
                    }),
                }
            }
            Op::Concat => {
                let text = |c: &Collection<'a>| -> Result<String> {
                    Ok(match singleton(c)?.map(|i| i.system()) {
                        None => String::new(),
                        Some(Item::String(s)) => s,
                        Some(_) => return Err(Error::eval("& joins strings")),
                    })
                };
                vec![Item::String(text(&l)? + &text(&r)?)]
            }
            _ => {
                let (Some(a), Some(b)) = (singleton(&l)?, singleton(&r)?) else {
                    return Ok(vec![]);
                };
                arithmetic(op, a.system(), b.system())?
            }
        })
    }

    fn function(
        &self,
        name: &str,
        args: &[Expr],
        focus: &[Item<'a>],
        scope: &Scope<'a>,
    ) -> Result<Collection<'a>> {
        let arity = |n: std::ops::RangeInclusive<usize>| -> Result<()> {
            if n.contains(&args.len()) {
                Ok(())
            } else {
                Err(Error::eval(format!("{name}() takes {n:?} arguments")))
            }
        };
        // An argument evaluated once, against the term's focus.
        let arg = |i: usize| -> Result<Collection<'a>> { self.eval(&args[i], scope) };
        let string_arg = |i: usize| -> Result<Option<String>> {
            match singleton(&arg(i)?)?.map(|v| v.system()) {
                None => Ok(None),
                Some(Item::String(s)) => Ok(Some(s)),
                Some(_) => Err(Error::eval(format!("{name}() takes a string"))),
            }
        };
        let integer_arg = |i: usize| -> Result<Option<i64>> {
            match singleton(&arg(i)?)?.map(|v| v.system()) {
                None => Ok(None),
                Some(Item::Integer(n)) => Ok(Some(n)),
                Some(_) => Err(Error::eval(format!("{name}() takes an integer"))),
            }
        };
        let input_string = || -> Result<Option<String>> {
            match singleton(focus)?.map(|v| v.system()) {
                None => Ok(None),
                Some(Item::String(s)) => Ok(Some(s)),
                Some(_) => Err(Error::eval(format!("{name}() works on a string"))),
            }
        };
        Ok(match name {
            // Existence
            "empty" => {
                arity(0..=0)?;
                boolean(focus.is_empty())
            }
            "exists" => {
                arity(0..=1)?;
                if args.is_empty() {
                    boolean(!focus.is_empty())
                } else {
                    boolean(!self.filter(&args[0], focus, scope)?.is_empty())
                }
            }
            "all" => {
                arity(1..=1)?;
                let mut all = true;
                for (i, item) in focus.iter().enumerate() {
                    if truth(&self.criteria(&args[0], item, i, scope)?)? != Some(true) {
                        all = false;
                        break;
                    }
                }
                boolean(all)
            }
            "allTrue" | "anyTrue" | "allFalse" | "anyFalse" => {
                arity(0..=0)?;
                let mut values = Vec::new();
                for item in focus {
                    match item.system() {
                        Item::Boolean(b) => values.push(b),
                        _ => return Err(Error::eval(format!("{name}() works on booleans"))),
                    }
                }
                boolean(match name {
                    "allTrue" => values.iter().all(|b| *b),
                    "anyTrue" => values.iter().any(|b| *b),
                    "allFalse" => values.iter().all(|b| !*b),
                    _ => values.iter().any(|b| !*b),
                })
            }
            "subsetOf" | "supersetOf" => {
                arity(1..=1)?;
                let other = arg(0)?;
                let (small, big) = if name == "subsetOf" {
                    (focus, &other[..])
                } else {
                    (&other[..], focus)
                };
                boolean(small.iter().all(|a| contains(big, a)))
            }
            "count" => {
                arity(0..=0)?;
                vec![Item::Integer(focus.len() as i64)]
            }
            "distinct" => {
                arity(0..=0)?;
                distinct(focus.to_vec())
            }
            "isDistinct" => {
                arity(0..=0)?;
                boolean(distinct(focus.to_vec()).len() == focus.len())
            }
            // Filtering and projection
            "where" => {
                arity(1..=1)?;
                self.filter(&args[0], focus, scope)?
            }
            "select" => {
                arity(1..=1)?;
                let mut out = Vec::new();
                for (i, item) in focus.iter().enumerate() {
                    out.extend(self.criteria(&args[0], item, i, scope)?);
                }
                out
            }
            "repeat" => {
                arity(1..=1)?;
                let mut out: Collection<'a> = Vec::new();
                let mut queue: Collection<'a> = focus.to_vec();
                while !queue.is_empty() {
                    let mut next = Vec::new();
                    for (i, item) in queue.iter().enumerate() {
                        for found in self.criteria(&args[0], item, i, scope)? {
                            if !contains(&out, &found) {
                                out.push(found.clone());
                                next.push(found);
                            }
                        }
                    }
                    queue = next;
                }
                out
            }
            "ofType" => {
                arity(1..=1)?;
                let ty = type_arg(&args[0])?;
                focus.iter().filter(|i| is_type(i, &ty)).cloned().collect()
            }
            "is" | "as" => {
                arity(1..=1)?;
                let ty = type_arg(&args[0])?;
                if name == "is" {
                    match singleton(focus)? {
                        None => vec![],
                        Some(item) => boolean(is_type(&item, &ty)),
                    }
                } else {
                    if focus.len() > 1 {
                        return Err(Error::eval("as() needs a single item"));
                    }
                    focus.iter().filter(|i| is_type(i, &ty)).cloned().collect()
                }
            }
            "type" => {
                arity(0..=0)?;
                focus
                    .iter()
                    .map(|i| {
                        let (ns, name) = i.type_name();
                        Item::Type(ns, name)
                    })
                    .collect()
            }
            // Subsetting
            "single" => {
                arity(0..=0)?;
                singleton(focus)?.into_iter().collect()
            }
            "first" => focus.first().cloned().into_iter().collect(),
            "last" => focus.last().cloned().into_iter().collect(),
            "tail" => focus.iter().skip(1).cloned().collect(),
            "skip" => {
                arity(1..=1)?;
                let n = integer_arg(0)?.unwrap_or(0).max(0) as usize;
                focus.iter().skip(n).cloned().collect()
            }
            "take" => {
                arity(1..=1)?;
                let n = integer_arg(0)?.unwrap_or(0).max(0) as usize;
                focus.iter().take(n).cloned().collect()
            }
            "intersect" => {
                arity(1..=1)?;
                let other = arg(0)?;
                distinct(
                    focus
                        .iter()
                        .filter(|a| contains(&other, a))
                        .cloned()
                        .collect(),
                )
            }
            "exclude" => {
                arity(1..=1)?;
                let other = arg(0)?;
                focus
                    .iter()
                    .filter(|a| !contains(&other, a))
                    .cloned()
                    .collect()
            }
            "union" => {
                arity(1..=1)?;
                union(focus.to_vec(), arg(0)?)
            }
            "combine" => {
                arity(1..=1)?;
                let mut out = focus.to_vec();
                out.extend(arg(0)?);
                out
            }
            "iif" => {
                arity(2..=3)?;
                if focus.len() > 1 {
                    return Err(Error::eval("iif() on more than one item"));
                }
                let criterion = self.eval(&args[0], scope)?;
                if truth(&criterion)? == Some(true) {
                    self.eval(&args[1], scope)?
                } else if args.len() == 3 {
                    self.eval(&args[2], scope)?
                } else {
                    vec![]
                }
            }
            "not" => {
                arity(0..=0)?;
                // A number in a boolean place: 0 is false, 1 true (R4's suite).
                let number = match singleton(focus)?.map(|i| i.system()) {
                    Some(Item::Integer(0)) => Some(false),
                    Some(Item::Integer(1)) => Some(true),
                    _ => None,
                };
                match number.map(Some).map_or_else(|| truth(focus), Ok)? {
                    None => vec![],
                    Some(b) => boolean(!b),
                }
            }
            "trace" => {
                arity(1..=2)?;
                focus.to_vec()
            }
            "aggregate" => {
                arity(1..=2)?;
                let mut total = if args.len() == 2 {
                    self.eval(&args[1], scope)?
                } else {
                    vec![]
                };
                for (i, item) in focus.iter().enumerate() {
                    let inner = Scope {
                        term: vec![item.clone()],
                        this: Some(item.clone()),
                        index: Some(i as i64),
                        total: Some(total),
                    };
                    total = self.eval(&args[0], &inner)?;
                }
                total
            }
            // FHIRPath 3.0's aggregates, which SDC scoring uses: `%scores.sum()`.
            "sum" | "min" | "max" | "avg" => {
                arity(0..=0)?;
                let values: Collection<'a> = focus.iter().map(Item::system).collect();
                aggregate_numbers(name, values)?
            }
            // Conversions
            "toBoolean" | "convertsToBoolean" => convert(name, focus, |i| match i {
                Item::Boolean(b) => Some(Item::Boolean(b)),
                Item::Integer(0) => Some(Item::Boolean(false)),
                Item::Integer(1) => Some(Item::Boolean(true)),
                Item::Decimal(d) if d == Decimal::ZERO => Some(Item::Boolean(false)),
                Item::Decimal(d) if d == Decimal::ONE => Some(Item::Boolean(true)),
                Item::String(s) => match s.to_lowercase().as_str() {
                    "true" | "t" | "yes" | "y" | "1" | "1.0" => Some(Item::Boolean(true)),
                    "false" | "f" | "no" | "n" | "0" | "0.0" => Some(Item::Boolean(false)),
                    _ => None,
                },
                _ => None,
            })?,
            "toInteger" | "convertsToInteger" => convert(name, focus, |i| match i {
                Item::Integer(n) => Some(Item::Integer(n)),
                Item::Boolean(b) => Some(Item::Integer(b.into())),
                Item::String(s) => {
                    let t = s.strip_prefix(['+', '-']).unwrap_or(&s);
                    if !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()) {
                        s.parse().ok().map(Item::Integer)
                    } else {
                        None
                    }
                }
                _ => None,
            })?,
            "toDecimal" | "convertsToDecimal" => convert(name, focus, |i| match i {
                Item::Integer(n) => Some(Item::Decimal(Decimal::from(n))),
                Item::Decimal(d) => Some(Item::Decimal(d)),
                Item::Boolean(b) => {
                    Some(Item::Decimal(if b { Decimal::ONE } else { Decimal::ZERO }))
                }
                Item::String(s) => parse_decimal(&s).map(Item::Decimal),
                _ => None,
            })?,
            "toString" | "convertsToString" => {
                convert(name, focus, |i| i.text().map(Item::String))?
            }
            "toDate" | "convertsToDate" => convert(name, focus, |i| match i {
                Item::Temporal(t) if t.0.kind != Kind::Time => {
                    Some(Item::Temporal(TemporalValue(t.0.date_part())))
                }
                Item::String(s) => {
                    Temporal::parse_string(Kind::Date, &s).map(|t| Item::Temporal(TemporalValue(t)))
                }
                _ => None,
            })?,
            "toDateTime" | "convertsToDateTime" => convert(name, focus, |i| match i {
                Item::Temporal(t) if t.0.kind != Kind::Time => {
                    Some(Item::Temporal(TemporalValue(t.0.as_datetime())))
                }
                Item::String(s) => Temporal::parse_string(Kind::DateTime, &s)
                    .map(|t| Item::Temporal(TemporalValue(t))),
                _ => None,
            })?,
            "toTime" | "convertsToTime" => convert(name, focus, |i| match i {
                Item::Temporal(t) if t.0.kind == Kind::Time => Some(Item::Temporal(t)),
                Item::String(s) => {
                    Temporal::parse_string(Kind::Time, &s).map(|t| Item::Temporal(TemporalValue(t)))
                }
                _ => None,
            })?,
            "toQuantity" | "convertsToQuantity" => {
                arity(0..=1)?;
                let target = if args.is_empty() {
                    None
                } else {
                    string_arg(0)?
                };
                let converted = convert(name, focus, |i| match i {
                    Item::Integer(n) => Some(Item::Quantity(Decimal::from(n), "1".into())),
                    Item::Decimal(d) => Some(Item::Quantity(d, "1".into())),
                    Item::Boolean(b) => Some(Item::Quantity(
                        if b { Decimal::ONE } else { Decimal::ZERO },
                        "1".into(),
                    )),
                    Item::Quantity(v, u) => Some(Item::Quantity(v, u)),
                    Item::String(s) => parse_quantity(&s),
                    _ => None,
                })?;
                match (target, name) {
                    (Some(unit), "toQuantity") => converted
                        .into_iter()
                        .filter_map(|q| convert_quantity(&q, &unit))
                        .collect(),
                    (Some(unit), _) => {
                        let q = convert("toQuantity", focus, |i| match i {
                            Item::Quantity(v, u) => Some(Item::Quantity(v, u)),
                            Item::String(s) => parse_quantity(&s),
                            Item::Integer(n) => Some(Item::Quantity(Decimal::from(n), "1".into())),
                            Item::Decimal(d) => Some(Item::Quantity(d, "1".into())),
                            _ => None,
                        })?;
                        match q.first() {
                            None if focus.is_empty() => vec![],
                            None => boolean(false),
                            Some(q) => boolean(convert_quantity(q, &unit).is_some()),
                        }
                    }
                    _ => converted,
                }
            }
            // Strings
            "indexOf" => {
                arity(1..=1)?;
                match (input_string()?, string_arg(0)?) {
                    (Some(s), Some(sub)) => vec![Item::Integer(
                        s.find(&sub)
                            .map(|b| s[..b].chars().count() as i64)
                            .unwrap_or(-1),
                    )],
                    _ => vec![],
                }
            }
            "substring" => {
                arity(1..=2)?;
                let Some(s) = input_string()? else {
                    return Ok(vec![]);
                };
                let Some(start) = integer_arg(0)? else {
                    return Ok(vec![]);
                };
                let chars: Vec<char> = s.chars().collect();
                if start < 0 || start as usize >= chars.len() {
                    return Ok(vec![]);
                }
                let len = if args.len() == 2 {
                    integer_arg(1)?.unwrap_or(chars.len() as i64).max(0) as usize
                } else {
                    chars.len()
                };
                let end = (start as usize).saturating_add(len).min(chars.len());
                vec![Item::String(chars[start as usize..end].iter().collect())]
            }
            "startsWith" | "endsWith" | "contains" => {
                arity(1..=1)?;
                match (input_string()?, string_arg(0)?) {
                    (Some(s), Some(x)) => boolean(match name {
                        "startsWith" => s.starts_with(&x),
                        "endsWith" => s.ends_with(&x),
                        _ => s.contains(&x),
                    }),
                    _ => vec![],
                }
            }
            "upper" | "lower" | "trim" | "length" | "toChars" => {
                arity(0..=0)?;
                match input_string()? {
                    None => vec![],
                    Some(s) => match name {
                        "upper" => vec![Item::String(s.to_uppercase())],
                        "lower" => vec![Item::String(s.to_lowercase())],
                        "trim" => vec![Item::String(s.trim().to_owned())],
                        "length" => vec![Item::Integer(s.chars().count() as i64)],
                        _ => s.chars().map(|c| Item::String(c.to_string())).collect(),
                    },
                }
            }
            "replace" => {
                arity(2..=2)?;
                match (input_string()?, string_arg(0)?, string_arg(1)?) {
                    (Some(s), Some(from), Some(to)) => {
                        let out = if from.is_empty() {
                            let mut o = to.clone();
                            for c in s.chars() {
                                o.push(c);
                                o.push_str(&to);
                            }
                            o
                        } else {
                            s.replace(&from, &to)
                        };
                        vec![Item::String(out)]
                    }
                    _ => vec![],
                }
            }
            "matches" | "matchesFull" | "replaceMatches" => {
                let n = if name == "replaceMatches" { 2 } else { 1 };
                arity(n..=n)?;
                let (Some(s), Some(pattern)) = (input_string()?, string_arg(0)?) else {
                    return Ok(vec![]);
                };
                let anchored = if name == "matchesFull" {
                    format!("^(?:{pattern})$")
                } else {
                    format!("(?s){pattern}")
                };
                let re = regex::Regex::new(&anchored)
                    .map_err(|_| Error::eval("not a regular expression"))?;
                if name == "replaceMatches" {
                    let Some(with) = string_arg(1)? else {
                        return Ok(vec![]);
                    };
                    vec![Item::String(re.replace_all(&s, with.as_str()).into_owned())]
                } else {
                    boolean(re.is_match(&s))
                }
            }
            "split" => {
                arity(1..=1)?;
                match (input_string()?, string_arg(0)?) {
                    (Some(s), Some(sep)) => {
                        s.split(&sep).map(|p| Item::String(p.to_owned())).collect()
                    }
                    _ => vec![],
                }
            }
            "join" => {
                arity(0..=1)?;
                let sep = if args.is_empty() {
                    Some(String::new())
                } else {
                    string_arg(0)?
                };
                let parts: Option<Vec<String>> = focus
                    .iter()
                    .map(|i| match i.system() {
                        Item::String(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                match parts {
                    Some(p) => vec![Item::String(p.join(&sep.unwrap_or_default()))],
                    None => return Err(Error::eval("join() works on strings")),
                }
            }
            // Math
            "abs" | "ceiling" | "floor" | "exp" | "ln" | "sqrt" | "truncate" | "round" | "log"
            | "power" => self.math(name, args, focus, scope)?,
            // Tree navigation
            "children" => {
                let mut out = Vec::new();
                for item in focus {
                    if let Item::Node(n) = item {
                        n.all_children(&mut out);
                    }
                }
                out
            }
            "descendants" => {
                let mut out = Vec::new();
                let mut queue = focus.to_vec();
                while !queue.is_empty() {
                    let mut next = Vec::new();
                    for item in &queue {
                        if let Item::Node(n) = item {
                            n.all_children(&mut next);
                        }
                    }
                    out.extend(next.iter().cloned());
                    queue = next;
                }
                out
            }
            // Utilities
            "now" => vec![Item::Temporal(TemporalValue(Temporal::now()))],
            "today" => vec![Item::Temporal(TemporalValue(Temporal::now().date_part()))],
            "timeOfDay" => Temporal::now()
                .time_part()
                .map(|t| Item::Temporal(TemporalValue(t)))
                .into_iter()
                .collect(),
            // FHIR's additions
            "extension" => {
                arity(1..=1)?;
                let url = string_arg(0)?;
                let mut out = Vec::new();
                for item in focus {
                    let Item::Node(n) = item else { continue };
                    let mut exts = Vec::new();
                    n.children("extension", &mut exts);
                    if let Some(extra) = n.extra {
                        let holder = Rc::new(Node {
                            value: extra,
                            extra: None,
                            ty: "Element".into(),
                            name: n.name.clone(),
                            parent: n.parent.clone(),
                        });
                        holder.children("extension", &mut exts);
                    }
                    out.extend(exts.into_iter().filter(|e| {
                        e.node()
                            .and_then(|n| n.value.get("url"))
                            .and_then(|u| u.as_str())
                            == url.as_deref()
                    }));
                }
                out
            }
            "hasValue" => boolean(
                singleton(focus)?
                    .and_then(|i| {
                        i.node()
                            .map(|n| !n.value.is_null() && n.primitive().is_some())
                    })
                    .unwrap_or(false),
            ),
            "getValue" => singleton(focus)?
                .and_then(|i| i.node().and_then(|n| n.primitive()))
                .into_iter()
                .collect(),
            "ordinal" | "weight" => {
                arity(0..=0)?;
                let mut out = Vec::new();
                for item in focus {
                    if let Some(w) = self.env.weight(item) {
                        out.push(Item::Decimal(w));
                    }
                }
                out
            }
            "conformsTo" => {
                arity(1..=1)?;
                let Some(url) = string_arg(0)? else {
                    return Ok(vec![]);
                };
                let Some(ty) = url.strip_prefix("http://hl7.org/fhir/StructureDefinition/") else {
                    return Err(Error::eval(format!("unknown profile {url}")));
                };
                match singleton(focus)? {
                    None => vec![],
                    Some(item) => boolean(item.is(Some("FHIR"), ty)),
                }
            }
            "resolve" => {
                let mut out = Vec::new();
                for item in focus {
                    if let Some(found) = self.env.resolve(item) {
                        out.push(found);
                    }
                }
                out
            }
            _ => return Err(Error::eval(format!("unknown function {name}()"))),
        })
    }

    fn filter(&self, expr: &Expr, focus: &[Item<'a>], scope: &Scope<'a>) -> Result<Collection<'a>> {
        let mut out = Vec::new();
        for (i, item) in focus.iter().enumerate() {
            if truth(&self.criteria(expr, item, i, scope)?)? == Some(true) {
                out.push(item.clone());
            }
        }
        Ok(out)
    }

    fn math(
        &self,
        name: &str,
        args: &[Expr],
        focus: &[Item<'a>],
        scope: &Scope<'a>,
    ) -> Result<Collection<'a>> {
        let Some(input) = singleton(focus)?.map(|i| i.system()) else {
            return Ok(vec![]);
        };
        let number = |item: &Item<'a>| -> Result<Decimal> {
            match item {
                Item::Integer(_) | Item::Decimal(_) => Ok(value::decimal_of(item)),
                _ => Err(Error::eval(format!("{name}() works on numbers"))),
            }
        };
        if let Item::Quantity(v, u) = &input
            && name == "abs"
        {
            return Ok(vec![Item::Quantity(v.abs(), u.clone())]);
        }
        let x = number(&input)?;
        let is_int = matches!(input, Item::Integer(_));
        let arg = |i: usize| -> Result<Option<Item<'a>>> {
            Ok(match args.get(i) {
                None => None,
                Some(e) => singleton(&self.eval(e, scope)?)?.map(|v| v.system()),
            })
        };
        let int = |d: Decimal| -> Result<Collection<'a>> {
            d.to_i64()
                .map(|i| vec![Item::Integer(i)])
                .ok_or_else(|| Error::eval("out of range"))
        };
        let dec =
            |d: Option<Decimal>| -> Collection<'a> { d.map(Item::Decimal).into_iter().collect() };
        Ok(match name {
            "abs" if is_int => int(x.abs())?,
            "abs" => dec(Some(x.abs())),
            "ceiling" => int(x.ceil())?,
            "floor" => int(x.floor())?,
            "truncate" => int(x.trunc())?,
            "exp" => dec(x.checked_exp()),
            "ln" => dec((x > Decimal::ZERO).then(|| x.ln())),
            "sqrt" => dec(x.sqrt()),
            "round" => {
                let places = match arg(0)? {
                    Some(Item::Integer(p)) if p >= 0 => p as u32,
                    None => 0,
                    _ => return Err(Error::eval("round() takes a precision of 0 or more")),
                };
                dec(Some(x.round_dp_with_strategy(
                    places,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                )))
            }
            "log" => match arg(0)? {
                None => vec![],
                Some(b) => {
                    let base = number(&b)?;
                    if x <= Decimal::ZERO || base <= Decimal::ZERO || base == Decimal::ONE {
                        vec![]
                    } else {
                        let v = x.to_f64().unwrap_or(0.0).ln() / base.to_f64().unwrap_or(1.0).ln();
                        dec(Decimal::from_f64(v))
                    }
                }
            },
            _ => match arg(0)? {
                None => vec![],
                Some(e) => {
                    if let (Item::Integer(b), Item::Integer(n)) = (&input, &e)
                        && *n >= 0
                    {
                        return Ok(b
                            .checked_pow(u32::try_from(*n).unwrap_or(u32::MAX))
                            .map(Item::Integer)
                            .into_iter()
                            .collect());
                    }
                    let e = number(&e)?;
                    let v = x.to_f64().unwrap_or(0.0).powf(e.to_f64().unwrap_or(0.0));
                    if v.is_nan() {
                        vec![]
                    } else {
                        dec(Decimal::from_f64(v))
                    }
                }
            },
        })
    }
}

fn aggregate_numbers<'a>(name: &str, values: Collection<'a>) -> Result<Collection<'a>> {
    if values.is_empty() {
        return Ok(if name == "sum" {
            vec![Item::Integer(0)]
        } else {
            vec![]
        });
    }
    if name == "min" || name == "max" {
        let mut best = values[0].clone();
        for v in &values[1..] {
            let order = value::compare(v, &best)
                .map_err(|()| Error::eval(format!("{name}() needs comparable values")))?;
            match (name, order) {
                ("min", Some(Ordering::Less)) | ("max", Some(Ordering::Greater)) => {
                    best = v.clone()
                }
                (_, None) => return Ok(vec![]),
                _ => {}
            }
        }
        return Ok(vec![best]);
    }
    let mut total = values[0].clone();
    for v in &values[1..] {
        total = singleton(&arithmetic(Op::Add, total, v.clone())?)?
            .ok_or_else(|| Error::eval(format!("{name}() overflowed")))?;
    }
    if name == "avg" {
        let count = Item::Integer(values.len() as i64);
        let mean = arithmetic(Op::Div, total, count)?;
        return Ok(mean);
    }
    Ok(vec![total])
}

fn scope_root<'a>(scope: &Scope<'a>, env: &Env<'a>) -> Collection<'a> {
    env.context.clone().unwrap_or_else(|| scope.term.clone())
}

/// A collection of at most one item, or an error.
pub(crate) fn singleton<'a>(c: &[Item<'a>]) -> Result<Option<Item<'a>>> {
    match c {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(Error::eval("expected a single item, found several")),
    }
}

/// A collection in a boolean place: empty is unknown, one boolean is itself, one other item is true.
pub(crate) fn truth(c: &[Item<'_>]) -> Result<Option<bool>> {
    match singleton(c)? {
        None => Ok(None),
        Some(item) => match item.system() {
            Item::Boolean(b) => Ok(Some(b)),
            _ => Ok(Some(true)),
        },
    }
}

fn contains(c: &[Item<'_>], item: &Item<'_>) -> bool {
    c.iter().any(|x| value::equal(x, item) == Some(true))
}

fn distinct(items: Collection<'_>) -> Collection<'_> {
    let mut out: Collection<'_> = Vec::new();
    for item in items {
        if !contains(&out, &item) {
            out.push(item);
        }
    }
    out
}

fn union<'a>(mut l: Collection<'a>, r: Collection<'a>) -> Collection<'a> {
    l.extend(r);
    distinct(l)
}

fn collections_equal(l: &[Item<'_>], r: &[Item<'_>]) -> Option<bool> {
    if l.len() != r.len() {
        return Some(false);
    }
    let mut unknown = false;
    for (a, b) in l.iter().zip(r) {
        match value::equal(a, b) {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown { None } else { Some(true) }
}

fn type_arg(expr: &Expr) -> Result<TypeName> {
    match expr {
        Expr::Member(name) => Ok(TypeName {
            namespace: None,
            name: name.clone(),
        }),
        Expr::Dot(ns, name) => match (&**ns, &**name) {
            (Expr::Member(ns), Expr::Member(name)) => Ok(TypeName {
                namespace: Some(ns.clone()),
                name: name.clone(),
            }),
            _ => Err(Error::eval("expected a type name")),
        },
        _ => Err(Error::eval("expected a type name")),
    }
}

fn is_type(item: &Item<'_>, ty: &TypeName) -> bool {
    item.is(ty.namespace.as_deref(), &ty.name)
}

/// `toX()` returns the converted item (or nothing); `convertsToX()` says whether it would.
fn convert<'a>(
    name: &str,
    focus: &[Item<'a>],
    f: impl Fn(Item<'a>) -> Option<Item<'a>>,
) -> Result<Collection<'a>> {
    let Some(item) = singleton(focus)? else {
        return Ok(vec![]);
    };
    let converted = f(item.system());
    Ok(if name.starts_with("convertsTo") {
        boolean(converted.is_some())
    } else {
        converted.into_iter().collect()
    })
}

fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = t.splitn(2, '.');
    let whole = parts.next()?;
    let ok = !whole.is_empty()
        && whole.bytes().all(|c| c.is_ascii_digit())
        && parts
            .next()
            .is_none_or(|f| !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit()));
    if ok { s.parse().ok() } else { None }
}

/// A quantity's text: `10 'mg'`, `4 days`, `1.5`.
fn parse_quantity<'a>(s: &str) -> Option<Item<'a>> {
    let s = s.trim();
    let (number, unit) = match s.find(' ') {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    let value = parse_decimal(number)?;
    let unit = if unit.is_empty() {
        "1".to_owned()
    } else if let Some(u) = unit.strip_prefix('\'').and_then(|u| u.strip_suffix('\'')) {
        u.to_owned()
    } else if crate::parse::is_calendar_unit(unit) {
        unit.to_owned()
    } else {
        return None;
    };
    Some(Item::Quantity(value, unit))
}

fn convert_quantity<'a>(q: &Item<'a>, unit: &str) -> Option<Item<'a>> {
    let Item::Quantity(v, from) = q else {
        return None;
    };
    if value::ucum_unit(from) == value::ucum_unit(unit) {
        return Some(Item::Quantity(*v, unit.to_owned()));
    }
    let a = octofhir_ucum::analyse(value::ucum_unit(from)).ok()?;
    let b = octofhir_ucum::analyse(value::ucum_unit(unit)).ok()?;
    if a.dimension != b.dimension {
        return None;
    }
    let factor = Decimal::from_f64(a.factor / b.factor)?;
    Some(Item::Quantity((*v * factor).normalize(), unit.to_owned()))
}

fn arithmetic<'a>(op: Op, a: Item<'a>, b: Item<'a>) -> Result<Collection<'a>> {
    use Item::{Decimal as D, Integer as I, Quantity as Q, String as S, Temporal as T};
    let wrong = || Error::eval("these values cannot be combined with this operator");
    Ok(match (op, &a, &b) {
        (Op::Add, S(x), S(y)) => vec![S(format!("{x}{y}"))],
        (Op::Add | Op::Sub | Op::Mul, I(x), I(y)) => {
            let v = match op {
                Op::Add => x.checked_add(*y),
                Op::Sub => x.checked_sub(*y),
                _ => x.checked_mul(*y),
            };
            v.map(I).into_iter().collect()
        }
        (Op::IntDiv, I(x), I(y)) => x.checked_div(*y).map(I).into_iter().collect(),
        (Op::Mod, I(x), I(y)) => x.checked_rem(*y).map(I).into_iter().collect(),
        (_, I(_) | D(_), I(_) | D(_)) => {
            let (x, y) = (value::decimal_of(&a), value::decimal_of(&b));
            let v = match op {
                Op::Add => x.checked_add(y),
                Op::Sub => x.checked_sub(y),
                Op::Mul => x.checked_mul(y),
                // Division keeps eight decimal places, as FHIRPath's minimum.
                Op::Div => x.checked_div(y).map(|d| d.round_dp(8).normalize()),
                Op::IntDiv => x.checked_div(y).map(|d| d.trunc()),
                Op::Mod => x.checked_rem(y),
                _ => return Err(wrong()),
            };
            match (op, v) {
                (Op::IntDiv, Some(d)) => d.to_i64().map(I).into_iter().collect(),
                (_, v) => v.map(D).into_iter().collect(),
            }
        }
        (Op::Add | Op::Sub, T(t), Q(v, u)) => {
            let sign = if op == Op::Sub { -1 } else { 1 };
            let amount = v.trunc().to_i64().ok_or_else(wrong)? * sign;
            let unit = u.as_str();
            // Seconds with a fraction move by milliseconds.
            let moved = if v.fract() != Decimal::ZERO && matches!(unit, "second" | "seconds" | "s")
            {
                let ms = (*v * Decimal::from(1000))
                    .trunc()
                    .to_i64()
                    .ok_or_else(wrong)?
                    * sign;
                t.0.add(ms, "ms")
            } else {
                t.0.add(amount, unit)
            };
            match moved {
                Some(m) => vec![T(TemporalValue(m))],
                None => return Err(Error::eval("not a calendar duration")),
            }
        }
        (Op::Add | Op::Sub, Q(x, u), Q(y, w)) => {
            if value::ucum_unit(u) == value::ucum_unit(w) {
                vec![Q(if op == Op::Add { x + y } else { x - y }, u.clone())]
            } else {
                match convert_quantity(&b, u) {
                    Some(Q(y, _)) => vec![Q(if op == Op::Add { x + y } else { x - y }, u.clone())],
                    _ => vec![],
                }
            }
        }
        (Op::Mul | Op::Div, Q(..), Q(..)) => value::quantity_product(&a, &b, op == Op::Div)
            .map(|(v, u)| Q(v, u))
            .into_iter()
            .collect(),
        (Op::Mul | Op::Div, Q(v, u), I(_) | D(_)) => {
            let n = value::decimal_of(&b);
            let r = if op == Op::Mul {
                Some(*v * n)
            } else {
                v.checked_div(n)
            };
            r.map(|r| Q(r, u.clone())).into_iter().collect()
        }
        (Op::Mul, I(_) | D(_), Q(v, u)) => vec![Q(value::decimal_of(&a) * *v, u.clone())],
        _ => return Err(wrong()),
    })
}
