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

/// An HTTP route registration: `app.post('/login', limiter, h)`, NestJS
/// `@Post('login')`, axum `.route("/login", post(h))`, actix/rocket
/// `#[post("/login")]`. Only the project pass reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The router the route belongs to, as the file names it: a local
    /// variable (`router`), a NestJS controller class, or the Rust function
    /// that builds the router (the handler itself for attribute routes).
    pub router: String,
    /// Lower-case HTTP method (`post`, `get`, `all`; `any` when not said).
    pub method: String,
    /// The path as written, relative to the router.
    pub path: String,
    /// What else the route names: middleware, guards, decorators,
    /// request-guard types, route options, handlers.
    pub middleware: Vec<Node>,
    /// The registration, where a finding points.
    pub span: Span,
}

/// How far something attached to a router reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MountScope {
    /// Routes and routers registered after it (Express/Koa `use`).
    Following,
    /// Routes and routers added before it in the chain (axum `layer`).
    Preceding,
    /// The whole router (actix `wrap`, fastify `register`, NestJS class guards).
    Whole,
    /// The whole application the router belongs to (NestJS `APP_GUARD`).
    App,
}

/// Something attached to a router: middleware, layers, guards, fairings,
/// or child routers, under an optional path prefix. Which items are routers
/// and which are middleware is decided by the project pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Mount {
    /// The router it is attached to (see [`Route::router`]).
    pub router: String,
    /// The path prefix (`app.use('/auth', r)`, `.nest("/auth", r)`).
    pub prefix: Option<String>,
    /// What is attached, in order.
    pub items: Vec<Node>,
    /// How far it reaches.
    pub scope: MountScope,
    /// The attaching call.
    pub span: Span,
}

/// A router-like object the file defines with a known origin: a Rust
/// function that builds a router, a NestJS controller or module, an app.
#[derive(Debug, Clone, PartialEq)]
pub struct RouterDef {
    /// Its name (see [`Route::router`]).
    pub name: String,
    /// What makes it, as a call (`Router.new`, `App.new`, `Controller`, `Module`).
    pub origin: Node,
    /// Whether code outside the file may use it (`pub`, `export`).
    pub exported: bool,
    /// The definition.
    pub span: Span,
}

/// A name a JS/TS file exports: `module.exports = router` is `default`,
/// `export const limiter = …` is `limiter`.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The exported name (`default` for the module's main export).
    pub name: String,
    /// The value exported (an identifier, a call, …).
    pub value: Node,
    /// The export.
    pub span: Span,
}

/// A local name bound to a module (`const r = require('./auth')`) or to a
/// member of one (`import { loginLimiter } from './limits'`).
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The local name.
    pub local: String,
    /// The module specifier as written (`./routes/auth`, `express-rate-limit`).
    pub module: String,
    /// The member imported, `None` for the module itself or its default export.
    pub member: Option<String>,
    /// The import.
    pub span: Span,
}

/// Joins a router prefix and a route path with one slash between them
/// (`auth` + `/login` is `auth/login`).
pub fn join_route_paths(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}/{path}"),
    }
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
    /// An HTTP route registration.
    Route(Route),
    /// Something attached to a router: middleware, a layer, a child router.
    Mount(Mount),
    /// A router, app, controller or module defined in the file.
    RouterDef(RouterDef),
    /// A name the file exports.
    Export(Export),
    /// A local name bound to a module or one of its members.
    Binding(Binding),
}

impl Fact {
    /// Where the fact starts, for keeping facts in source order.
    pub fn start(&self) -> usize {
        match self {
            Fact::Call(c) => c.span.start,
            Fact::Assign(a) => a.span.start,
            Fact::Entry(e) => e.span.start,
            Fact::Import(i) => i.span.start,
            Fact::Route(r) => r.span.start,
            Fact::Mount(m) => m.span.start,
            Fact::RouterDef(d) => d.span.start,
            Fact::Export(e) => e.span.start,
            Fact::Binding(b) => b.span.start,
        }
    }
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
