//! The `log` matcher on real JS and Rust snippets, through the front ends,
//! with a small vocabulary written the way a pack writes it.

use super::*;
use crate::lang::{parse, Language};
use crate::rules::raw::parse_yaml;

const PACK: &str = r#"
callee: [console.*, "**.logger.*", info, println, dbg]
keywords: [console., logger, "info!", "println!", "dbg!", debuglog]
factories: [util.debuglog]
names: [password, token, email, api key, user]
objects: [req.body, req.headers]
safe: [id, count, length, len, has, masked]
transparent: [clone, toLowerCase, unwrap_or, "0"]
serializers: [JSON.stringify]
getters: [get, header]
"#;

fn matcher() -> LogMatcher {
    let raw: RawLog = parse_yaml("test", PACK).unwrap_or_else(|e| panic!("{e:?}"));
    LogMatcher::compile(&raw).unwrap_or_else(|e| panic!("{}", e.message))
}

/// The names reported in `src`, in order.
fn found(language: Language, src: &str) -> Vec<String> {
    let parsed = parse(language, src).expect("a code language");
    let mut hits = Vec::new();
    match_logs(0, &matcher(), &parsed.extraction.facts, src, &mut hits);
    hits.sort_by_key(|h| h.span);
    hits.into_iter()
        .map(|h| h.vars[0].1.clone())
        .collect::<Vec<_>>()
}

fn js(src: &str) -> Vec<String> {
    found(Language::JavaScript, src)
}

fn rust(src: &str) -> Vec<String> {
    found(Language::Rust, &format!("fn f() {{ {src} }}"))
}

#[test]
fn js_arguments_carry_names_in_every_shape() {
    assert_eq!(js("console.log(user.password)"), ["user.password"]);
    assert_eq!(js("logger.info({ email }, 'signup')"), ["email"]);
    assert_eq!(js("logger.info({ email: e })"), ["email"]);
    assert_eq!(js("this.logger.warn({ ...req.body })"), ["req.body"]);
    assert_eq!(
        js("console.log(`reset ${user.password}`)"),
        ["user.password"]
    );
    assert_eq!(js("console.log('token: ' + token)"), ["token"]);
    assert_eq!(
        js("console.log(JSON.stringify(req.headers))"),
        ["req.headers"]
    );
    assert_eq!(js("console.log(email.toLowerCase())"), ["email"]);
    assert_eq!(js("console.log({ a: { b: [apiKey] } })"), ["apiKey"]);
}

#[test]
fn getters_are_judged_by_the_field_they_read() {
    assert_eq!(js("console.log(req.get('X-Api-Key'))"), ["X-Api-Key"]);
    assert_eq!(
        rust("info!(\"{:?}\", headers.get(header::AUTHORIZATION_TOKEN));"),
        ["AUTHORIZATION_TOKEN"]
    );
    assert!(js("console.log(req.get('user-agent'), cache.get(token), get('password'))").is_empty());
}

#[test]
fn js_ids_counts_redactions_and_constant_messages_are_not_findings() {
    for src in [
        "console.log(userId, user.id, emailCount, email.length)",
        "console.log(mask(email), redact(req.body), hash(token))",
        "logger.info('password reset requested for', { userId })",
        "logger.info({ user: user.id, hasPassword, maskedEmail })",
        "logger.info({ password: '***' }, `${tokens} tokens`)",
        "console.log(token.slice(0, 6))",
        "audit(password)",
    ] {
        assert_eq!(js(src), Vec::<String>::new(), "{src}");
    }
}

#[test]
fn a_factory_result_is_a_logger() {
    let src = "const debug = util.debuglog('auth');\ndebug('login %s', email);";
    assert_eq!(js(src), ["email"]);
    assert!(js("const debug = makeDebug('auth');\ndebug('login %s', email);").is_empty());
}

#[test]
fn the_finding_points_at_the_interpolation_and_names_no_value() {
    let src = "console.log(`user ${user.email} logged in`, 'hunter2')";
    let parsed = parse(Language::JavaScript, src).unwrap();
    let mut hits = Vec::new();
    match_logs(7, &matcher(), &parsed.extraction.facts, src, &mut hits);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].rule, 7);
    assert_eq!(&src[hits[0].span.start..hits[0].span.end], "user.email");
    assert_eq!(hits[0].vars, [("name", "user.email".to_string())]);
}

#[test]
fn rust_macros_fields_captures_and_format_args() {
    assert_eq!(
        rust(r#"info!(email = %user.email, "login");"#),
        ["user.email"]
    );
    assert_eq!(rust(r#"info!(?user, "created");"#), ["user"]);
    assert_eq!(rust("info!(%token);"), ["token"]);
    assert_eq!(
        rust(r#"info!("user {} logged in", user.email);"#),
        ["user.email"]
    );
    assert_eq!(rust(r#"info!("user {email} logged in");"#), ["email"]);
    assert_eq!(
        rust(r#"println!("{}", secret.password.clone());"#),
        ["secret.password"]
    );
    assert_eq!(rust("dbg!(&api_key.0);"), ["api_key"]);
    assert_eq!(
        rust(r#"println!("{}", phone.email().unwrap_or("-"));"#),
        ["phone.email"]
    );
}

#[test]
fn rust_ids_lengths_redactions_and_attributes_are_not_findings() {
    for src in [
        r#"info!(user_id = %user.id, count = emails.len(), "ok");"#,
        r#"info!(email = %mask(&user.email), "login");"#,
        r#"info!("password reset requested");"#,
        r#"info!("{}", email.len());"#,
        r#"other!("{}", user.password);"#,
    ] {
        assert_eq!(rust(src), Vec::<String>::new(), "{src}");
    }
    let attribute =
        "#[derive(Debug)]\nenum E { #[info(\"bad {password}\")] Bad { password: String } }";
    assert!(found(Language::Rust, attribute).is_empty());
}

#[test]
fn the_prefilter_needs_a_logger_keyword_and_a_sensitive_word() {
    let alternatives = matcher().alternatives();
    let wanted: BTreeSet<String> = ["info!", "api", "key"].map(String::from).into();
    assert!(alternatives.contains(&wanted));
    let objects: BTreeSet<String> = ["console.", "req", "body"].map(String::from).into();
    assert!(alternatives.contains(&objects));
    assert!(alternatives.iter().all(|set| set.len() >= 2));
}

#[test]
fn badly_written_vocabulary_is_refused() {
    for (pack, says) in [
        ("callee: [info]\nnames: [apiKey]", "lower-case words"),
        (
            "callee: [info]\nnames: [password]\nsafe: [user id]",
            "one lower-case word",
        ),
        ("callee: [info]", "needs `names`, `objects` or both"),
        ("callee: []\nnames: [password]", "at least one `callee`"),
    ] {
        let raw: RawLog = parse_yaml("test", pack).unwrap_or_else(|e| panic!("{e:?}"));
        let err = LogMatcher::compile(&raw).expect_err(pack);
        assert!(err.message.contains(says), "{pack}: {}", err.message);
    }
}

#[test]
fn interpolation_can_be_left_out() {
    let text = format!("{PACK}interpolated: false\n");
    let raw: RawLog = parse_yaml("test", &text).unwrap_or_else(|e| panic!("{e:?}"));
    let m = LogMatcher::compile(&raw).unwrap_or_else(|e| panic!("{}", e.message));
    let src = "console.log(`owner ${user}`, 'for ' + user, user)";
    let parsed = parse(Language::JavaScript, src).unwrap();
    let mut hits = Vec::new();
    match_logs(0, &m, &parsed.extraction.facts, src, &mut hits);
    assert_eq!(hits.len(), 1);
    assert_eq!(&src[hits[0].span.start..hits[0].span.end], "user");
    assert_eq!(hits[0].span.start, src.rfind("user").unwrap());
}

#[test]
fn a_logger_module_of_the_project_is_named_by_its_file() {
    // Import resolution turns `logger.info` into `../lib/logger.info`.
    assert_eq!(
        js("const logger = require('../lib/logger'); logger.info({ email })"),
        ["email"]
    );
    assert_eq!(
        js("import logger from './logger.js'; logger.warn(user.password)"),
        ["user.password"]
    );
    // Another name for it, and a module that is no logger.
    assert_eq!(
        js("const log = require('./logger'); log.error(token)"),
        ["token"]
    );
    assert!(js("const audit = require('./audit'); audit.info(token)").is_empty());
    assert_eq!(
        local_module_callee("../lib/logger.info").as_deref(),
        Some("logger.info")
    );
    assert_eq!(
        local_module_callee("./logger.mjs.child().info").as_deref(),
        Some("logger.child().info")
    );
    assert_eq!(local_module_callee("winston.info"), None);
}
