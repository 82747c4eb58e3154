//! Tests of the front end through `parse_js`: calls, callees, imports and
//! aliases, assignments, dialects; shared helpers for the themed submodules.

use super::extractor::fact_start;
use super::literals::parse_number;
use super::*;
use crate::facts::{Assign, Call, Extraction, Fact, Span, Value};

mod hostile;
mod values;

fn facts(src: &str, dialect: JsDialect) -> Extraction {
    parse_js(src, dialect).extraction
}

fn calls(src: &str) -> Vec<Call> {
    calls_in(src, JsDialect::JavaScript)
}

fn calls_in(src: &str, dialect: JsDialect) -> Vec<Call> {
    let extraction = facts(src, dialect);
    extraction
        .facts
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Call(call) => Some(call),
            _ => None,
        })
        .collect()
}

fn callees(src: &str) -> Vec<String> {
    calls(src).into_iter().map(|call| call.callee).collect()
}

fn assigns_in(src: &str, dialect: JsDialect) -> Vec<Assign> {
    facts(src, dialect)
        .facts
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Assign(assign) => Some(assign),
            _ => None,
        })
        .collect()
}

fn imports(src: &str, dialect: JsDialect) -> Vec<String> {
    facts(src, dialect)
        .facts
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Import(import) => Some(import.module),
            _ => None,
        })
        .collect()
}

fn slice(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

/// The value bound to the first assignment of `target`.
fn value_of(src: &str, target: &str) -> Value {
    assigns_in(src, JsDialect::JavaScript)
        .into_iter()
        .find(|assign| assign.target == target)
        .map(|assign| assign.value.value)
        .unwrap_or_else(|| panic!("no assignment to {target}"))
}

#[test]
fn default_and_namespace_imports_resolve_receivers() {
    let src = "import bcrypt from 'bcryptjs';\nbcrypt.hash(p, 10);";
    assert_eq!(callees(src), ["bcryptjs.hash"]);
    let src = "import * as b from 'bcryptjs';\nb.hashSync(p, 8);";
    assert_eq!(callees(src), ["bcryptjs.hashSync"]);
}

#[test]
fn named_imports_resolve_bare_calls() {
    let src = "import { hash } from 'bcrypt';\nhash(p, 4);";
    assert_eq!(callees(src), ["bcrypt.hash"]);
    let src = "import { hash as h, default as d } from 'bcrypt';\nh(p); d.x();";
    assert_eq!(callees(src), ["bcrypt.hash", "bcrypt.x"]);
}

#[test]
fn require_forms_resolve() {
    let src = "const b = require('bcryptjs');\nb.hash(p, 10);";
    assert_eq!(callees(src), ["require", "bcryptjs.hash"]);
    let src = "const { hash, compare: cmp } = require('bcrypt');\nhash(p); cmp(p, h);";
    assert_eq!(callees(src), ["require", "bcrypt.hash", "bcrypt.compare"]);
    let src = "const c = require('node:crypto').webcrypto;\nc.subtle();";
    assert_eq!(callees(src), ["require", "crypto.webcrypto.subtle"]);
}

#[test]
fn default_import_called_directly_is_the_module() {
    let src = "import session from 'express-session';\napp.use(session({ secret: 's' }));";
    let found = calls(src);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].callee, "app.use");
    let inner = Value::Call {
        callee: "express-session".to_string(),
    };
    assert_eq!(found[0].args[0].value, inner);
    assert_eq!(found[1].callee, "express-session");
}

#[test]
fn aliases_apply_before_the_import_line_and_only_to_the_first_segment() {
    let src = "hash(x); crypto.hash(y);\nconst { hash } = require('bcrypt');";
    assert_eq!(callees(src), ["bcrypt.hash", "crypto.hash", "require"]);
    let src = "import x from 'm';\nfoo.x(); y.x();";
    assert_eq!(callees(src), ["foo.x", "y.x"]);
}

#[test]
fn callee_chains_are_normalised() {
    let src = "ctx.cookies.set('a', b); this.x.y(); a?.b(); a.b?.(); a['b']();";
    assert_eq!(
        callees(src),
        ["ctx.cookies.set", "this.x.y", "a.b", "a.b", "a.b"]
    );
    assert_eq!(callees("a.b().c();"), ["a.b().c", "a.b"]);
    assert_eq!(
        callees("(x || y).foo(); a[0].b(); 'lit'.trim();"),
        ["?.foo", "?.b", "?.trim"]
    );
    assert_eq!(callees("(a as any).b();").len(), 1);
}

#[test]
fn new_expressions_are_calls_on_the_constructor() {
    let src = "const agent = new https.Agent({ rejectUnauthorized: false });";
    let found = calls(src);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].callee, "https.Agent");
    assert_eq!(slice(src, found[0].callee_span), "https.Agent");
    assert_eq!(
        slice(src, found[0].span),
        "new https.Agent({ rejectUnauthorized: false })"
    );
    assert_eq!(callees("new Foo;"), ["Foo"]);
}

#[test]
fn cookie_call_has_arguments_properties_and_spans() {
    let src = "res.cookie('sid', t, { httpOnly: false, secure: true });";
    let found = calls(src);
    assert_eq!(found.len(), 1);
    let call = &found[0];
    assert_eq!(call.callee, "res.cookie");
    assert_eq!(slice(src, call.callee_span), "res.cookie");
    assert_eq!(slice(src, call.span), &src[..src.len() - 1]);
    assert_eq!(call.args.len(), 3);
    assert_eq!(call.args[0].value, Value::Str("sid".to_string()));
    assert_eq!(slice(src, call.args[0].span), "'sid'");
    assert_eq!(call.args[1].value, Value::Ident("t".to_string()));
    let Value::Object(props) = &call.args[2].value else {
        panic!("third argument is not an object: {:?}", call.args[2]);
    };
    assert_eq!(props.len(), 2);
    assert_eq!(props[0].key, "httpOnly");
    assert_eq!(props[0].value.value, Value::Bool(false));
    assert_eq!(slice(src, props[0].span), "httpOnly: false");
    assert_eq!(slice(src, props[0].value.span), "false");
    assert_eq!(props[1].key, "secure");
    assert_eq!(props[1].value.value, Value::Bool(true));
}

#[test]
fn spread_arguments_are_unknown() {
    let found = calls("f(...xs, 1);");
    assert_eq!(found[0].args[0].value, Value::Unknown);
    assert_eq!(found[0].args[1].value, Value::Num(1.0));
}

#[test]
fn assignments_of_every_form() {
    let src = "const jwtSecret = \"s3cret\";\n\
               config.password = 'pw';\n\
               process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n\
               const o = { password: \"x\", token };\n\
               class A { secret = 'k'; #p = 1; m() {} }\n\
               const { a } = b; [c] = d; let e;";
    let found = assigns_in(src, JsDialect::JavaScript);
    let targets: Vec<&str> = found.iter().map(|assign| assign.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "jwtSecret",
            "config.password",
            "process.env.NODE_TLS_REJECT_UNAUTHORIZED",
            "o",
            "password",
            "token",
            "secret",
            "#p",
        ]
    );
    assert_eq!(slice(src, found[0].span), "jwtSecret = \"s3cret\"");
    assert_eq!(found[0].value.value, Value::Str("s3cret".to_string()));
    assert_eq!(found[2].value.value, Value::Str("0".to_string()));
    assert_eq!(slice(src, found[4].span), "password: \"x\"");
    assert_eq!(found[5].value.value, Value::Ident("token".to_string()));
    assert_eq!(found[6].value.value, Value::Str("k".to_string()));
}

#[test]
fn import_facts_for_every_form() {
    let src = "import a from 'a';\nimport 'side';\nimport * as c from 'node:c';\n\
               const d = require('d');\nconst e = import('e');\nexport { f } from 'f';\n\
               require(dynamicName);";
    assert_eq!(
        imports(src, JsDialect::JavaScript),
        ["a", "side", "c", "d", "e", "f"]
    );
    let ts = "import x = require('legacy');\nx.run();";
    assert_eq!(imports(ts, JsDialect::TypeScript), ["legacy"]);
    assert_eq!(calls_in(ts, JsDialect::TypeScript)[0].callee, "legacy.run");
}

#[test]
fn typescript_types_decorators_and_casts() {
    let src = "import { Injectable } from '@nestjs/common';\n\
               @Injectable()\n\
               export class Auth {\n\
                 private readonly secret: string = 'hardcoded';\n\
                 constructor(private http: HttpClient) {}\n\
                 run(): void {\n\
                   const opts = { rounds: 4 } as const;\n\
                   const n = (cfg as any).cost!;\n\
                   this.http.get<User>(url, opts satisfies Opts);\n\
                   const agent = new https.Agent(<AgentOptions>{ rejectUnauthorized: false });\n\
                 }\n\
               }";
    let extraction = facts(src, JsDialect::TypeScript);
    assert!(extraction.problem.is_none(), "{:?}", extraction.problem);
    let found = calls_in(src, JsDialect::TypeScript);
    let names: Vec<&str> = found.iter().map(|call| call.callee.as_str()).collect();
    assert_eq!(
        names,
        ["@nestjs/common.Injectable", "this.http.get", "https.Agent"]
    );
    assert_eq!(found[1].args[1].value, Value::Ident("opts".to_string()));
    let Value::Object(props) = &found[2].args[0].value else {
        panic!("cast object lost: {:?}", found[2].args);
    };
    assert_eq!(props[0].value.value, Value::Bool(false));
    let assigns = assigns_in(src, JsDialect::TypeScript);
    let secret = assigns
        .iter()
        .find(|assign| assign.target == "secret")
        .expect("secret field");
    assert_eq!(secret.value.value, Value::Str("hardcoded".to_string()));
    let n = assigns
        .iter()
        .find(|assign| assign.target == "n")
        .expect("n");
    assert_eq!(n.value.value, Value::Member("cfg.cost".to_string()));
    let opts = assigns
        .iter()
        .find(|assign| assign.target == "opts")
        .expect("opts");
    assert!(matches!(opts.value.value, Value::Object(_)));
}

#[test]
fn tsx_with_jsx() {
    let src = "import React from 'react';\n\
               export const App = (p: Props) => (\n\
                 <div onClick={() => track('click', { id: p.id })}>\n\
                   <input type=\"password\" value={p.pw as string} />\n\
                 </div>\n\
               );";
    let extraction = facts(src, JsDialect::Tsx);
    assert!(extraction.problem.is_none(), "{:?}", extraction.problem);
    let found = calls_in(src, JsDialect::Tsx);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].callee, "track");
    assert_eq!(imports(src, JsDialect::Tsx), ["react"]);
    let jsx = "const el = <a href={url}>{t('x')}</a>;";
    assert_eq!(callees(jsx), ["t"]);
}

#[test]
fn facts_are_in_source_order() {
    let src = "const a = f(g(1), { k: h() });\nimport x from 'x';\nx.y = 2;";
    let extraction = facts(src, JsDialect::JavaScript);
    let starts: Vec<usize> = extraction.facts.iter().map(fact_start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    assert_eq!(extraction.facts.len(), 7);
}

#[test]
fn grammar_matches_dialect() {
    let ts = grammar(JsDialect::TypeScript);
    let js = grammar(JsDialect::JavaScript);
    assert!(ts.node_kind_count() != js.node_kind_count());
    assert_eq!(
        parse_js("let a;", JsDialect::Tsx)
            .tree
            .language()
            .node_kind_count(),
        grammar(JsDialect::Tsx).node_kind_count()
    );
}
