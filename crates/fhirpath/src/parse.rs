//! FHIRPath's grammar: a lexer and a precedence-climbing parser into [`Expr`].

use rust_decimal::Decimal;

use crate::Error;
use crate::temporal::Temporal;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Empty,
    Boolean(bool),
    String(String),
    Integer(i64),
    Decimal(Decimal),
    Temporal(Temporal),
    Quantity(Decimal, String),
    /// A name at the start of a path or after a dot: an element, or a type name.
    Member(String),
    /// A function called on the focus: `where(...)`, or `.where(...)` after a dot.
    Function(String, Vec<Expr>),
    /// `left.right`: the right side is evaluated on each result of the left.
    Dot(Box<Expr>, Box<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Variable(String),
    This,
    IndexVar,
    Total,
    Negate(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Is(Box<Expr>, TypeName),
    As(Box<Expr>, TypeName),
}

/// A type specifier: `Quantity`, `FHIR.string`, `System.Integer`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeName {
    pub namespace: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Op {
    Mul,
    Div,
    IntDiv,
    Mod,
    Add,
    Sub,
    Concat,
    Union,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Equiv,
    NotEquiv,
    In,
    Contains,
    And,
    Or,
    Xor,
    Implies,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    /// A `backticked` identifier: never a keyword.
    Quoted(String),
    String(String),
    Number(String),
    Temporal(Temporal),
    Variable(String),
    Special(&'static str),
    Symbol(&'static str),
}

const SYMBOLS: [&str; 22] = [
    "!=", "!~", "<=", ">=", ".", "[", "]", "(", ")", ",", "+", "-", "*", "/", "&", "|", "=", "~",
    "<", ">", "{", "}",
];

fn lex(text: &str) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            if i + 1 >= chars.len() {
                return Err(Error::syntax("unterminated comment"));
            }
            i += 2;
        } else if c == '\'' || c == '`' {
            let (s, next) = quoted(&chars, i)?;
            tokens.push(if c == '`' {
                Token::Quoted(s)
            } else {
                Token::String(s)
            });
            i = next;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            tokens.push(Token::Number(chars[start..i].iter().collect()));
        } else if c == '@' {
            let start = i + 1;
            i = start;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || matches!(chars[i], '-' | ':' | 'T' | 'Z' | '.'))
            {
                // A dot ends the literal unless digits follow (milliseconds).
                if chars[i] == '.' && !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                    break;
                }
                i += 1;
            }
            // A time zone offset: +hh:mm directly after a time.
            if matches!(chars.get(i), Some('+') | Some('-'))
                && chars[start..i].contains(&':')
                && chars.len() >= i + 6
                && chars[i + 1..i + 6].iter().enumerate().all(|(k, ch)| {
                    if k == 2 {
                        *ch == ':'
                    } else {
                        ch.is_ascii_digit()
                    }
                })
            {
                i += 6;
            }
            let literal: String = chars[start..i].iter().collect();
            let value = Temporal::parse_literal(&literal)
                .ok_or_else(|| Error::syntax(format!("not a date or time: @{literal}")))?;
            tokens.push(Token::Temporal(value));
        } else if c == '%' {
            i += 1;
            match chars.get(i) {
                Some('\'') | Some('`') => {
                    let (s, next) = quoted(&chars, i)?;
                    tokens.push(Token::Variable(s));
                    i = next;
                }
                _ => {
                    let start = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    if start == i {
                        return Err(Error::syntax("a % without a name"));
                    }
                    tokens.push(Token::Variable(chars[start..i].iter().collect()));
                }
            }
        } else if c == '$' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            tokens.push(Token::Special(match name.as_str() {
                "$this" => "$this",
                "$index" => "$index",
                "$total" => "$total",
                _ => return Err(Error::syntax(format!("unknown {name}"))),
            }));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let symbol = SYMBOLS
                .iter()
                .find(|s| rest.starts_with(**s))
                .ok_or_else(|| Error::syntax(format!("unexpected character {c}")))?;
            tokens.push(Token::Symbol(symbol));
            i += symbol.chars().count();
        }
    }
    Ok(tokens)
}

fn quoted(chars: &[char], start: usize) -> Result<(String, usize), Error> {
    let quote = chars[start];
    let mut out = String::new();
    let mut i = start + 1;
    loop {
        let Some(&c) = chars.get(i) else {
            return Err(Error::syntax("unterminated string"));
        };
        i += 1;
        if c == quote {
            return Ok((out, i));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = chars.get(i) else {
            return Err(Error::syntax("unterminated string"));
        };
        i += 1;
        match e {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'f' => out.push('\u{c}'),
            'u' => {
                let hex: String = chars.get(i..i + 4).unwrap_or_default().iter().collect();
                let code = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| Error::syntax("bad \\u escape"))?;
                out.push(code);
                i += 4;
            }
            other => out.push(other),
        }
    }
}

/// Parses a whole expression.
pub(crate) fn parse(text: &str) -> Result<Expr, Error> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let expr = parser.expression(0)?;
    if parser.pos != parser.tokens.len() {
        return Err(Error::syntax(format!(
            "unexpected {:?}",
            parser.tokens[parser.pos]
        )));
    }
    Ok(expr)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// How deep the expression nests: bounded, so that no input can exhaust the stack.
    depth: usize,
}

/// Deeper than any expression a person writes; far from what the stack can hold while
/// the parser reads it and the evaluator walks it.
const MAX_DEPTH: usize = 64;

/// How deep a parsed expression is (counted up to a little past [`MAX_DEPTH`]).
fn depth(expr: &Expr) -> usize {
    match expr {
        Expr::Function(_, args) => 1 + args.iter().map(depth).max().unwrap_or(0),
        Expr::Dot(a, b) | Expr::Index(a, b) | Expr::Binary(_, a, b) => 1 + depth(a).max(depth(b)),
        Expr::Negate(a) | Expr::Is(a, _) | Expr::As(a, _) => 1 + depth(a),
        _ => 1,
    }
}

/// Refuses an expression that has grown too deep.
fn bounded(expr: Expr) -> Result<Expr, Error> {
    if depth(&expr) > MAX_DEPTH {
        Err(Error::syntax("the expression nests too deeply"))
    } else {
        Ok(expr)
    }
}

const CALENDAR_UNITS: [&str; 16] = [
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "millisecond",
    "milliseconds",
];

pub(crate) fn is_calendar_unit(word: &str) -> bool {
    CALENDAR_UNITS.contains(&word)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Some(Token::Symbol(s)) if *s == symbol) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, symbol: &str) -> Result<(), Error> {
        if self.eat(symbol) {
            Ok(())
        } else {
            Err(Error::syntax(format!("expected {symbol}")))
        }
    }

    /// The binary operator at the cursor with its binding power.
    fn operator(&self) -> Option<(Op, u8)> {
        let op = match self.peek()? {
            Token::Symbol(s) => match *s {
                "*" => Op::Mul,
                "/" => Op::Div,
                "+" => Op::Add,
                "-" => Op::Sub,
                "&" => Op::Concat,
                "|" => Op::Union,
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                ">=" => Op::Ge,
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "~" => Op::Equiv,
                "!~" => Op::NotEquiv,
                _ => return None,
            },
            Token::Ident(s) => match s.as_str() {
                "div" => Op::IntDiv,
                "mod" => Op::Mod,
                "in" => Op::In,
                "contains" => Op::Contains,
                "and" => Op::And,
                "or" => Op::Or,
                "xor" => Op::Xor,
                "implies" => Op::Implies,
                _ => return None,
            },
            _ => return None,
        };
        let power = match op {
            Op::Implies => 1,
            Op::Or | Op::Xor => 2,
            Op::And => 3,
            Op::In | Op::Contains => 4,
            Op::Eq | Op::Ne | Op::Equiv | Op::NotEquiv => 5,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 6,
            Op::Union => 7,
            Op::Add | Op::Sub | Op::Concat => 9,
            Op::Mul | Op::Div | Op::IntDiv | Op::Mod => 10,
        };
        Some((op, power))
    }

    fn expression(&mut self, min: u8) -> Result<Expr, Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::syntax("the expression nests too deeply"));
        }
        let result = self.binary(min);
        self.depth -= 1;
        result
    }

    fn binary(&mut self, min: u8) -> Result<Expr, Error> {
        let mut left = self.unary()?;
        loop {
            // `is` and `as` take the whole comparison or union before them, as the
            // official suite reads `1 > 2 is Boolean` and `1 | 1 is Integer`.
            if let Some(Token::Ident(word)) = self.peek()
                && (word == "is" || word == "as")
                && min < 6
            {
                let is = word == "is";
                self.pos += 1;
                let ty = self.type_name()?;
                left = bounded(if is {
                    Expr::Is(Box::new(left), ty)
                } else {
                    Expr::As(Box::new(left), ty)
                })?;
                continue;
            }
            let Some((op, power)) = self.operator() else {
                break;
            };
            if power <= min {
                break;
            }
            self.pos += 1;
            let right = self.expression(power)?;
            left = bounded(Expr::Binary(op, Box::new(left), Box::new(right)))?;
        }
        Ok(left)
    }

    fn type_name(&mut self) -> Result<TypeName, Error> {
        let first = self.identifier()?;
        if self.eat(".") {
            let name = self.identifier()?;
            Ok(TypeName {
                namespace: Some(first),
                name,
            })
        } else {
            Ok(TypeName {
                namespace: None,
                name: first,
            })
        }
    }

    fn identifier(&mut self) -> Result<String, Error> {
        match self.next() {
            Some(Token::Ident(s)) | Some(Token::Quoted(s)) => Ok(s),
            other => Err(Error::syntax(format!("expected a name, found {other:?}"))),
        }
    }

    fn unary(&mut self) -> Result<Expr, Error> {
        if self.eat("-") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(Error::syntax("the expression nests too deeply"));
            }
            let operand = self.unary()?;
            self.depth -= 1;
            return Ok(match operand {
                Expr::Integer(i) => Expr::Integer(-i),
                Expr::Decimal(d) => Expr::Decimal(-d),
                Expr::Quantity(d, u) => Expr::Quantity(-d, u),
                other => bounded(Expr::Negate(Box::new(other)))?,
            });
        }
        if self.eat("+") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(Error::syntax("the expression nests too deeply"));
            }
            let operand = self.unary();
            self.depth -= 1;
            return operand;
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Result<Expr, Error> {
        let mut expr = self.term()?;
        loop {
            if self.eat(".") {
                let name = self.identifier()?;
                let right = self.member_or_call(name)?;
                expr = bounded(Expr::Dot(Box::new(expr), Box::new(right)))?;
            } else if self.eat("[") {
                let index = self.expression(0)?;
                self.expect("]")?;
                expr = bounded(Expr::Index(Box::new(expr), Box::new(index)))?;
            } else {
                return Ok(expr);
            }
        }
    }

    fn member_or_call(&mut self, name: String) -> Result<Expr, Error> {
        if !self.eat("(") {
            return Ok(Expr::Member(name));
        }
        let mut args = Vec::new();
        if !self.eat(")") {
            loop {
                args.push(self.expression(0)?);
                if self.eat(")") {
                    break;
                }
                self.expect(",")?;
            }
        }
        Ok(Expr::Function(name, args))
    }

    fn term(&mut self) -> Result<Expr, Error> {
        let Some(token) = self.next() else {
            return Err(Error::syntax("unexpected end of expression"));
        };
        Ok(match token {
            Token::Symbol("(") => {
                let inner = self.expression(0)?;
                self.expect(")")?;
                inner
            }
            Token::Symbol("{") => {
                self.expect("}")?;
                Expr::Empty
            }
            Token::Symbol(s) => return Err(Error::syntax(format!("unexpected {s}"))),
            Token::String(s) => Expr::String(s),
            Token::Temporal(t) => Expr::Temporal(t),
            Token::Variable(v) => Expr::Variable(v),
            Token::Special("$this") => Expr::This,
            Token::Special("$index") => Expr::IndexVar,
            Token::Special(_) => Expr::Total,
            Token::Number(n) => self.number(&n)?,
            Token::Quoted(name) => self.member_or_call(name)?,
            Token::Ident(word) => match word.as_str() {
                "true" => Expr::Boolean(true),
                "false" => Expr::Boolean(false),
                _ => self.member_or_call(word)?,
            },
        })
    }

    fn number(&mut self, text: &str) -> Result<Expr, Error> {
        let value: Decimal = text
            .parse()
            .map_err(|_| Error::syntax(format!("number out of range: {text}")))?;
        // A quantity: a number followed by a unit string or a calendar duration.
        match self.peek() {
            Some(Token::String(unit)) => {
                let unit = unit.clone();
                self.pos += 1;
                return Ok(Expr::Quantity(value, unit));
            }
            Some(Token::Ident(word)) if CALENDAR_UNITS.contains(&word.as_str()) => {
                let unit = word.clone();
                self.pos += 1;
                return Ok(Expr::Quantity(value, unit));
            }
            _ => {}
        }
        if text.contains('.') {
            Ok(Expr::Decimal(value))
        } else {
            text.parse()
                .map(Expr::Integer)
                .map_err(|_| Error::syntax(format!("integer out of range: {text}")))
        }
    }
}
