//! The pre-filter on the built-in rules: what makes a file worth parsing,
//! and what keywords let through.

use super::*;
use crate::builtin;
use crate::rules::catalog::{ControlCatalog, Policy};
use crate::rules::load::{compile_rule_set, PackSource};

fn builtin_rules() -> crate::rules::RuleSet {
    let packs: Vec<PackSource> = builtin::PACKS
        .iter()
        .map(|(name, text)| PackSource {
            origin: name.to_string(),
            builtin: true,
            text: text.to_string(),
            json: None,
        })
        .collect();
    let catalog = ControlCatalog::parse("controls", builtin::CONTROLS).unwrap();
    let policy = Policy::parse("policy", builtin::POLICY).unwrap();
    compile_rule_set(&packs, catalog, policy).unwrap()
}

#[test]
fn a_callee_needs_all_its_words_to_be_worth_parsing() {
    let set = builtin_rules();
    let pf = set.prefilter();
    let parse = |lang, text: &str| pf.should_parse(lang, &pf.scan(text));
    // `hash` alone is everywhere in Rust code; `bcrypt` must be there too.
    assert!(!parse(
        Language::Rust,
        "fn hash(&self) { self.map.hash(state) }"
    ));
    assert!(parse(
        Language::Rust,
        "use bcrypt::hash; fn f() { hash(p, 4); }"
    ));
    assert!(parse(
        Language::JavaScript,
        "const b = require('bcryptjs'); b.hash(p, 4)"
    ));
    assert!(parse(
        Language::Rust,
        "builder.danger_accept_invalid_certs(true)"
    ));
    assert!(
        !parse(Language::Text, "bcrypt.hash(p, 4)"),
        "no structural rule for text"
    );
    assert!(parse(Language::Dotenv, "NODE_TLS_REJECT_UNAUTHORIZED=0"));
    // A key glob's literal runs (`url` of `**.*url`) and its value's
    // literal (`http://`) must both be there; config globs never make
    // a source file worth parsing.
    assert!(parse(Language::Dotenv, "API_URL=http://api.acme.io"));
    assert!(parse(
        Language::Json,
        "{\"apiUrl\": \"http:\\/\\/api.acme.io\"}"
    ));
    assert!(!parse(Language::Dotenv, "API_URL=https://api.acme.io"));
    assert!(!parse(
        Language::Dotenv,
        "PORT=3000\nHOME_PAGE=http://acme.io"
    ));
    assert!(parse(Language::Yaml, "ssl_protocols: TLSv1 TLSv1.2"));
    assert!(!parse(
        Language::Rust,
        "fn url() -> &'static str { \"http://x\" }"
    ));
}

#[test]
fn pagination_and_plain_get_calls_are_not_worth_parsing() {
    let set = builtin_rules();
    let pf = set.prefilter();
    let parse = |lang, text: &str| pf.should_parse(lang, &pf.scan(text));
    // A data-access module: `.limit(n)` is no limiter, `client.get` with
    // no `http://` in the file is no plain-http call.
    let service = "const db = require('../lib/db');\n\
                       async function list(limit) { return db('t').limit(limit); }\n\
                       async function one(client, id) { return client.get(`/items/${id}`); }";
    assert!(!parse(Language::JavaScript, service));
    assert!(parse(
        Language::Rust,
        "use reqwest::Client; fn f(c: Client) { c.get(\"http://api.acme.io/x\"); }"
    ));
    assert!(parse(Language::JavaScript, "fetch('http://api.acme.io/x')"));
    assert!(parse(
        Language::JavaScript,
        "module.exports = rateLimit({ windowMs: 60000, max: 5 });"
    ));
    assert!(parse(Language::TypeScript, "router.post('/login', login);"));
}

#[test]
fn a_chain_needs_its_scope_and_value_literal_too() {
    let pack = "rules:
  - id: transport/demo-plain-http-builder
    title: Demo builder with a plain http base
    family: transport
    likelihood: 2
    impact: 2
    controls: [SOC2 CC6.7]
    languages: [rust]
    match:
      chain:
        root: [Client.builder]
        imports: [acme_http]
        where:
          - arg: 0
            matches: '^http://'
        has: [build]
    message: plain http
    fix: use https
    docs:
      why: traffic in clear
";
    let source = PackSource {
        origin: "demo.yaml".into(),
        builtin: false,
        text: pack.into(),
        json: None,
    };
    let catalog = ControlCatalog::parse("controls", builtin::CONTROLS).unwrap();
    let policy = Policy::parse("policy", builtin::POLICY).unwrap();
    let set = compile_rule_set(&[source], catalog, policy).unwrap();
    let pf = set.prefilter();
    let parse = |text: &str| pf.should_parse(Language::Rust, &pf.scan(text));
    let call = "Client::builder(\"http://api.acme.io\").build()";
    assert!(parse(&format!(
        "use acme_http::Client; fn f() {{ {call}; }}"
    )));
    assert!(!parse(&format!("fn f() {{ {call}; }}")), "no import");
    assert!(
        !parse("use acme_http::Client; fn f() { Client::builder(base).build(); }"),
        "no http:// anywhere"
    );
}

#[test]
fn regex_keywords_are_found_case_insensitively() {
    let set = builtin_rules();
    let found = set.prefilter().scan("key = akia7klfyylbeg3rhdsv");
    assert!(found.any_of(&["akia".to_string()]));
    assert!(!found.any_of(&["private key".to_string()]));
}
