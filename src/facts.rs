//! The language-neutral fact vocabulary that every front end produces and every
//! structural matcher consumes.
//!
//! Rules match facts, never a language's syntax tree: that is what lets one rule
//! cover Express and axum, and what keeps a new language an addition of one
//! front end. This module only defines the vocabulary; it never parses or matches.

use std::fmt;

/// A half-open byte range `[start, end)` into a file's text.
///
/// Everything upstream of the reporters speaks in byte spans; only reporters
/// convert them to lines and columns (through `source::LineIndex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the construct.
    pub start: usize,
    /// One past the last byte of the construct.
    pub end: usize,
}

impl Span {
    /// Builds a span from its two byte offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length of the span in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a value is, as far as syntax alone can tell.
///
/// Anything syntax cannot know (a computed expression, a function) is
/// `Unknown`; matchers treat unknown values as "cannot decide", never as a finding.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string literal, with escapes resolved where the front end can.
    Str(String),
    /// A numeric literal (integers included; `1_000` and `0x10` are decoded).
    Num(f64),
    /// `true` / `false`.
    Bool(bool),
    /// `null`, `undefined`, `None`, YAML `~`, an empty `.env` value is `Str("")`.
    Null,
    /// A bare identifier (`cost`, `SALT_ROUNDS`).
    Ident(String),
    /// A dotted member path (`process.env.JWT_SECRET`, `config.bcryptRounds`,
    /// Rust `bcrypt::DEFAULT_COST` becomes `bcrypt.DEFAULT_COST`).
    Member(String),
    /// An object literal or struct literal, keys in source order.
    Object(Vec<Property>),
    /// An array, list or tuple literal.
    Array(Vec<Node>),
    /// A template or format string: its literal text (interpolations replaced
    /// by `${}`) and the names interpolated into it.
    Template {
        /// The literal parts with each interpolation written as `${}`.
        text: String,
        /// The interpolated expressions, as dotted paths where they are paths.
        names: Vec<String>,
    },
    /// A call expression; its own `Call` fact carries the arguments.
    Call {
        /// The normalised callee of the nested call.
        callee: String,
    },
    /// Anything else.
    Unknown,
}

impl Value {
    /// The value as a string literal, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a number, if it is a numeric literal.
    pub fn as_num(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }
}

/// A value together with where it stands in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the value is.
    pub value: Value,
    /// The whole expression's span.
    pub span: Span,
}

/// One `key: value` of an object literal, struct literal or mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The key as written, without quotes (`httpOnly`, `max_age`); `...`
    /// for a spread (`{ ...req.body }`), whose value is the spread expression.
    pub key: String,
    /// The value.
    pub value: Node,
    /// The whole `key: value` pair, so a finding can point at it.
    pub span: Span,
}

/// A call of a function, method, constructor or macro.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The callee as a dotted path, import aliases resolved
    /// (`b.hash` after `const b = require('bcryptjs')` is `bcryptjs.hash`;
    /// Rust `bcrypt::hash` is `bcrypt.hash`; `info!` is `info`).
    /// A receiver that is itself a call is written `callee()`
    /// (`Cookie.build().http_only`); any other receiver that is not a path is `?`.
    pub callee: String,
    /// The positional arguments, in order.
    pub args: Vec<Node>,
    /// The callee expression, where a finding about a missing option points.
    pub callee_span: Span,
    /// The whole call expression.
    pub span: Span,
}

/// A binding of a literal-looking value to a name: variable declarations,
/// assignments, object-literal properties, struct-literal fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Assign {
    /// The name bound (`jwtSecret`, `config.password`, `password`).
    pub target: String,
    /// The value bound.
    pub value: Node,
    /// The whole declaration, assignment or property.
    pub span: Span,
}

/// One key of a configuration file with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key path from the document root: mapping keys, and sequence indexes
    /// as decimal segments (`spec.containers.0.env.0.value`).
    pub key_path: Vec<String>,
    /// The scalar value (or `Unknown` for templates and non-scalars).
    pub value: Node,
    /// The last key of the path, where a finding points.
    pub key_span: Span,
    /// The whole entry.
    pub span: Span,
}

/// A module imported by the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The module specifier or Rust path root (`express-rate-limit`, `tower_governor`).
    pub module: String,
    /// The import statement.
    pub span: Span,
}

/// One fact a front end found in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    /// A call expression.
    Call(Call),
    /// A binding of a value to a name.
    Assign(Assign),
    /// A configuration key with its value.
    Entry(Entry),
    /// An import.
    Import(Import),
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// What a front end reports when a file did not parse cleanly.
///
/// A file with a problem still gets its text rules and whatever facts the
/// tolerant parsers recovered; the problem is shown to the user once per file,
/// never swallowed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseProblem {
    /// One line saying what went wrong, in the parser's terms.
    pub message: String,
    /// Where, when the parser says.
    pub span: Option<Span>,
}

/// The facts a front end extracted from one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// Facts in source order.
    pub facts: Vec<Fact>,
    /// Set when the parser met a syntax error (facts may then be partial).
    pub problem: Option<ParseProblem>,
}
