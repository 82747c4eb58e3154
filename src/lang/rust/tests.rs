//! Tests of calls and imports: callee normalisation, receiver chains, `use`
//! aliases, macros and attributes as calls, and import facts. Also holds the
//! helpers shared with `tests_values_spans`.

use super::extract_rust;
use crate::facts::{Assign, Call, Fact, Node, Span, Value};

fn calls(src: &str) -> Vec<Call> {
    let ex = extract_rust(src);
    assert!(ex.problem.is_none(), "unexpected problem: {:?}", ex.problem);
    ex.facts
        .into_iter()
        .filter_map(|f| match f {
            Fact::Call(c) => Some(c),
            _ => None,
        })
        .collect()
}

pub(super) fn callees(src: &str) -> Vec<String> {
    calls(src).into_iter().map(|c| c.callee).collect()
}

pub(super) fn call(src: &str, callee: &str) -> Call {
    let all = calls(src);
    let names: Vec<String> = all.iter().map(|c| c.callee.clone()).collect();
    all.into_iter()
        .find(|c| c.callee == callee)
        .unwrap_or_else(|| panic!("no call {callee} in {names:?}"))
}

pub(super) fn assigns(src: &str) -> Vec<Assign> {
    extract_rust(src)
        .facts
        .into_iter()
        .filter_map(|f| match f {
            Fact::Assign(a) => Some(a),
            _ => None,
        })
        .collect()
}

fn assign(src: &str, target: &str) -> Assign {
    assigns(src)
        .into_iter()
        .find(|a| a.target == target)
        .unwrap_or_else(|| panic!("no assign {target}"))
}

pub(super) fn at(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

pub(super) fn in_fn(body: &str) -> String {
    format!("fn f() {{ {body} }}")
}

#[test]
fn path_callees_are_dotted_and_normalised() {
    let src = in_fn(
        "bcrypt::hash(pw, 4); Argon2::new(a); argon2::Params::new(1); crate::auth::check(); \
         self::local(); super::super::up(); ::std::mem::drop(x); Vec::<u8>::new(); <Foo>::make();",
    );
    assert_eq!(
        callees(&src),
        [
            "bcrypt.hash",
            "Argon2.new",
            "argon2.Params.new",
            "auth.check",
            "local",
            "up",
            "std.mem.drop",
            "Vec.new",
            "Foo.make"
        ]
    );
}

#[test]
fn method_callees_render_receivers() {
    let src = in_fn(
        "client.get(url); self.pool.get(); a().b().c(); foo().await?.bar(); (a + b).len(); \
         foo().x.bar(); (&x).y(); (*p).z(); \"s\".len(); v[0].w();",
    );
    let all = callees(&src);
    for expected in [
        "client.get",
        "self.pool.get",
        "a().b().c",
        "a().b",
        "foo().bar",
        "?.len",
        "?.bar",
        "x.y",
        "p.z",
        "?.w",
    ] {
        assert!(
            all.contains(&expected.to_string()),
            "{expected} missing from {all:?}"
        );
    }
    assert!(!all.iter().any(|c| c.contains("await")));
}

#[test]
fn builder_chain_keeps_call_markers() {
    let src = in_fn("reqwest::Client::builder().danger_accept_invalid_certs(true).build();");
    let all = callees(&src);
    assert_eq!(
        all,
        [
            "reqwest.Client.builder().danger_accept_invalid_certs().build",
            "reqwest.Client.builder().danger_accept_invalid_certs",
            "reqwest.Client.builder"
        ]
    );
}

#[test]
fn cookie_builder_argument_value_and_span() {
    let src = in_fn("let c = Cookie::build((\"sid\", v)).http_only(false);");
    let c = call(&src, "Cookie.build().http_only");
    assert_eq!(c.args[0].value, Value::Bool(false));
    assert_eq!(at(&src, c.args[0].span), "false");
    assert_eq!(at(&src, c.callee_span), "http_only");
    assert_eq!(
        at(&src, c.span),
        "Cookie::build((\"sid\", v)).http_only(false)"
    );
    let inner = call(&src, "Cookie.build");
    assert_eq!(
        inner.args[0].value,
        Value::Array(vec![
            Node {
                value: Value::Str("sid".into()),
                span: inner.args[0].value_span(0)
            },
            Node {
                value: Value::Ident("v".into()),
                span: inner.args[0].value_span(1)
            },
        ])
    );
    assert_eq!(at(&src, inner.callee_span), "Cookie::build");
}

trait ElementSpan {
    fn value_span(&self, i: usize) -> Span;
}

impl ElementSpan for Node {
    fn value_span(&self, i: usize) -> Span {
        match &self.value {
            Value::Array(items) => items[i].span,
            _ => Span::default(),
        }
    }
}

#[test]
fn bcrypt_cost_argument_span_is_exact() {
    let src = in_fn("let h = bcrypt::hash(pw, 4)?;");
    let c = call(&src, "bcrypt.hash");
    assert_eq!(c.args.len(), 2);
    assert_eq!(c.args[0].value, Value::Ident("pw".into()));
    assert_eq!(c.args[1].value, Value::Num(4.0));
    assert_eq!(at(&src, c.args[1].span), "4");
    assert_eq!(at(&src, c.span), "bcrypt::hash(pw, 4)");
}

#[test]
fn use_aliases_resolve_bare_callees_only() {
    let src = "use bcrypt::{hash, DEFAULT_COST};\n\
               use argon2::hash_encoded as ahash;\n\
               use a::{self, b::{c, d as e}};\n\
               use glob::*;\n\
               use cookie::Cookie;\n\
               fn f() { hash(p, DEFAULT_COST); ahash(x); c(); e(); Cookie::build(x); \
               bcrypt::hash(p, 4); later(); hash.len(); }\n\
               use z::later;";
    assert_eq!(
        callees(src),
        [
            "bcrypt.hash",
            "argon2.hash_encoded",
            "a.b.c",
            "a.b.d",
            "Cookie.build",
            "bcrypt.hash",
            "z.later",
            "hash.len"
        ]
    );
    let c = call(src, "bcrypt.hash");
    assert_eq!(c.args[1].value, Value::Ident("DEFAULT_COST".into()));
}

#[test]
fn resolved_callee_appears_in_chains_and_values() {
    let src = "use bcrypt::hash;\nfn f() { let h = hash(p, 4).unwrap(); }";
    assert!(callees(src).contains(&"bcrypt.hash().unwrap".to_string()));
    assert_eq!(
        assign(src, "h").value.value,
        Value::Call {
            callee: "bcrypt.hash().unwrap".into()
        }
    );
}

#[test]
fn format_macro_first_literal_is_template() {
    let src = in_fn("println!(\"user {email} logged in {} {{x}} {n:?}\", user.id);");
    let c = call(&src, "println");
    assert_eq!(
        c.args[0].value,
        Value::Template {
            text: "user ${} logged in ${} {x} ${}".into(),
            names: vec!["email".into(), "n".into()],
        }
    );
    assert_eq!(c.args[1].value, Value::Member("user.id".into()));
    assert_eq!(at(&src, c.callee_span), "println");
    assert!(at(&src, c.span).starts_with("println!(") && at(&src, c.span).ends_with(".id)"));
}

#[test]
fn tracing_fields_become_single_property_objects() {
    let src =
        in_fn("tracing::info!(user.email = %email, ?token, target: \"audit\", \"login {name}\");");
    let c = call(&src, "tracing.info");
    assert_eq!(c.args.len(), 4);
    let Value::Object(props) = &c.args[0].value else {
        panic!("{:?}", c.args[0])
    };
    assert_eq!(props[0].key, "user.email");
    assert_eq!(props[0].value.value, Value::Ident("email".into()));
    assert_eq!(at(&src, props[0].span), "user.email = %email");
    assert_eq!(c.args[1].value, Value::Ident("token".into()));
    assert_eq!(at(&src, c.args[1].span), "token");
    let Value::Object(target) = &c.args[2].value else {
        panic!()
    };
    assert_eq!(target[0].value.value, Value::Str("audit".into()));
    assert!(matches!(&c.args[3].value, Value::Template { names, .. } if names == &["name"]));
    // A keyed argument is not an assignment.
    assert!(assigns(&src).is_empty());
}

#[test]
fn macro_paths_and_nested_calls() {
    let src = in_fn(
        "log::error!(\"x\"); dbg!(a); let v = vec![bcrypt::hash(p, 4)]; \
         println!(\"{}\", bcrypt::hash(p, 5).unwrap()); weird!(@@ #);",
    );
    let all = callees(&src);
    for name in [
        "log.error",
        "dbg",
        "vec",
        "bcrypt.hash",
        "bcrypt.hash().unwrap",
        "println",
    ] {
        assert!(
            all.contains(&name.to_string()),
            "{name} missing from {all:?}"
        );
    }
    assert_eq!(all.iter().filter(|c| *c == "bcrypt.hash").count(), 2);
    assert!(call(&src, "weird").args.is_empty());
    let v = assign(&src, "v");
    assert!(matches!(&v.value.value, Value::Array(items)
        if items[0].value == Value::Call { callee: "bcrypt.hash".into() }));
}

#[test]
fn item_macros_are_read_as_items() {
    let src = "lazy_static! { static ref KEY: String = \"abc\".to_string(); }\n\
               thread_local! { static N: u32 = compute(); }";
    assert_eq!(assign(src, "KEY").value.value, Value::Str("abc".into()));
    assert!(callees(src).contains(&"compute".to_string()));
    assert!(call(src, "lazy_static").args.is_empty());
}

#[test]
fn attributes_are_calls() {
    let src = "#[tracing::instrument(skip(password))]\n/// doc\nasync fn login() {}";
    let all = callees(src);
    assert_eq!(all, ["tracing.instrument", "skip"]);
    let c = call(src, "tracing.instrument");
    assert_eq!(at(src, c.span), "#[tracing::instrument(skip(password))]");
}

#[test]
fn imports_per_use_item() {
    let src = "use tower_governor::GovernorLayer;\nuse crate::x;\nuse {a::b, c, a::d};\n\
               pub use std::io;\nextern crate serde;\nuse super::*;";
    let imports: Vec<(String, String)> = extract_rust(src)
        .facts
        .into_iter()
        .filter_map(|f| match f {
            Fact::Import(i) => Some((i.module, at(src, i.span).to_string())),
            _ => None,
        })
        .collect();
    let modules: Vec<&str> = imports.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(modules, ["tower_governor", "a", "c", "std", "serde"]);
    assert_eq!(imports[0].1, "use tower_governor::GovernorLayer;");
    assert_eq!(imports[3].1, "pub use std::io;");
    assert_eq!(imports[4].1, "extern crate serde;");
}

#[test]
fn calls_everywhere() {
    let src =
        "const X: u8 = c1();\nmod m { fn g() { let f = |x| c2(x); async { c3().await }; } }\n\
               #[cfg(test)] mod tests { #[test] fn t() { c4(); } }\n\
               impl T { fn m(&self) -> u8 { c5() } }\ntrait Tr { fn d() { c6(); } }";
    let all = callees(src);
    for name in ["c1", "c2", "c3", "c4", "c5", "c6"] {
        assert!(
            all.contains(&name.to_string()),
            "{name} missing from {all:?}"
        );
    }
}
