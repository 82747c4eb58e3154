use super::*;
use crate::engine::{load_engine, EngineOptions};
use crate::lang::log_slice_check::{assert_corpus_logs_the_same, hits_both_ways};
use crate::lang::Language;
use crate::rules::RuleSet;

fn rules() -> RuleSet {
    load_engine(&EngineOptions::default()).unwrap().rules
}

/// The slice of `text`: the runs of kept text, or `None` when the slicer
/// gave up.
fn kept(text: &str) -> Option<Vec<String>> {
    let rules = rules();
    let words = rules
        .prefilter()
        .log_words(Language::Rust)
        .expect("the built-in packs slice Rust");
    match rust_log_slice(text, words)? {
        RustLogSlice::Nothing => Some(Vec::new()),
        RustLogSlice::Masked(masked) => {
            assert_eq!(masked.len(), text.len());
            let lines = |t: &str| t.bytes().filter(|&b| b == b'\n').count();
            assert_eq!(lines(&masked), lines(text));
            Some(
                masked
                    .lines()
                    .flat_map(|line| line.split("  "))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            )
        }
    }
}

#[test]
fn keeps_uses_and_the_calls_that_may_log_where_they_stand() {
    let text = "use tracing::{info, warn};\n\
                use crate::audit::record as log;\n\
                \n\
                pub async fn login(state: State, user: User) -> Result<()> {\n    \
                    let token = issue(&user)?;\n    \
                    info!(user_id = %user.id, \"signed in\");\n    \
                    warn!(\"token {}\", token);\n    \
                    log(password);\n    \
                    state.log().error(format!(\"{}\", secret)).await;\n    \
                    db.save(&token).await?;\n    \
                    Ok(())\n\
                }\n";
    assert_eq!(
        kept(text).unwrap(),
        [
            "use tracing::{info, warn};",
            "use crate::audit::record as log;",
            "fn f(){",
            "warn!(\"token {}\", token);",
            "log(password);",
            "state.log().error(format!(\"{}\", secret));}",
        ]
    );
}

#[test]
fn a_file_without_a_sensitive_logging_call_needs_no_parse() {
    let text = "use tracing::info;\nfn f(n: usize) {\n    info!(count = n, \"done\");\n    \
                let token = make();\n    store(token);\n}\n";
    assert_eq!(kept(text), Some(Vec::new()));
}

#[test]
fn what_the_lexer_cannot_be_sure_of_gives_up() {
    for text in [
        // A logger factory's result bound to a name.
        "fn f() { let l = Logger::root(); l.info(token); }",
        // A bare callee renamed by a `use` read after some calls.
        "fn f() { log(token); }\nfn g() { use audit::record as log; log(token); }",
        // A receiver the lexer cannot bound.
        "fn f() { match x { _ => y }.info(token); }",
        // Text left open, brackets that do not pair.
        "fn f() { info!(\"{}\", token); let s = \"open; }",
        "fn f() { info!(\"{}\", token); ",
    ] {
        assert_eq!(kept(text), None, "{text}");
    }
}

#[test]
fn tricky_logging_reads_the_same_in_pieces() {
    let rules = rules();
    let cases = [
        // Logging inside another macro, a closure, a spawned task.
        "fn f() { let v = vec![info!(\"{}\", token)]; }\n\
         fn g() { tokio::spawn(async move { tracing::warn!(%password, \"retry\") }); }\n",
        // A macro definition and a quoted body are not logging calls.
        "macro_rules! audit { ($t:expr) => { info!(\"{}\", $t); info!(\"{}\", token) } }\n\
         fn f() { let q = quote::quote! { info!(\"{}\", secret) }; error!(\"{}\", secret); }\n",
        // Receivers: fields, calls, turbofish, `?` and `.await`.
        "fn f() -> Result<()> {\n    self.log.info(token);\n    \
         state.logger()?.warn(email);\n    \
         crate::log::info(serde_json::to_string::<User>(&user)?);\n    \
         client.get().await?.log.error(api_key);\n    \
         <Audit as Sink>::log(password);\n    Ok(())\n}\n",
        // Attributes, spans, strings and comments that look like calls.
        "#[instrument(skip(password))]\nfn f() {\n    \
         let _s = tracing::info_span!(\"login\", user = ?user).entered();\n    \
         let t = r#\"info!(token)\"#; // warn!(secret)\n    \
         /* error!(password) */ debug!(?credentials);\n}\n",
        // Uses in a module, and a renamed logger.
        "mod api {\n    use tracing::info as note;\n    \
         pub fn f() { note!(\"{}\", token); log::warn!(\"{}\", token); }\n}\n",
        // A definition and a pattern that read like calls.
        "fn info(token: &str) {}\nfn f() { if let Some(token) = t { warn!(\"{}\", token) } }\n",
        // A `use` that makes a logger's word name something else.
        "use crate::audit::record as log;\nfn f() { log(password); warn!(\"{}\", token); }\n",
        // Method calls chained on a logging call.
        "fn f() { logger.info(password).flush(); }\n",
    ];
    for (n, text) in cases.iter().enumerate() {
        let (whole, sliced, how) = hits_both_ways(&rules, "a.rs", text);
        assert_eq!(whole, sliced, "case {n} ({how}):\n{text}");
        assert_eq!(how, "pieces", "case {n}:\n{text}");
        assert!(!whole.is_empty(), "case {n} logs something:\n{text}");
    }
}

#[test]
fn calls_that_only_mention_a_sensitive_word_read_the_same() {
    let rules = rules();
    let cases = [
        // Ids, fields and opaque calls: no finding, and no parse.
        "fn f() { info!(user_id = %user.id, tenant = %user.tenant_id, \"signed in\"); \
         warn!(\"{}\", mask(&user.email)); }\n",
        // Field names, inline format arguments, serialisers, getters.
        "fn f() { info!(password = %mask(&pw), \"x\"); warn!(\"{password}\"); }\n",
        "fn f() -> Result<()> { info!(\"{}\", serde_json::to_string(&user)?); \
         warn!(\"{:?}\", headers.get(AUTHORIZATION)); Ok(()) }\n",
        // A bare callee a `use` makes a serialiser.
        "use serde_json::to_string as json;\nfn f() { info!(\"{}\", json(&user)); }\n",
    ];
    let mut logged = 0;
    for (n, text) in cases.iter().enumerate() {
        let (whole, sliced, how) = hits_both_ways(&rules, "a.rs", text);
        assert_eq!(whole, sliced, "case {n} ({how}):\n{text}");
        logged += whole.len();
        if n == 0 {
            assert_eq!(how, "nothing", "case {n}:\n{text}");
        }
    }
    assert!(logged >= 3, "{logged}");
}

#[test]
fn the_corpus_logs_the_same_whether_parsed_whole_or_in_pieces() {
    let rules = rules();
    let ways = assert_corpus_logs_the_same(&rules, |l| l == Language::Rust, 5);
    assert!(ways.get("pieces").copied().unwrap_or(0) >= 3, "{ways:?}");
}
