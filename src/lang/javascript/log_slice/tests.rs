use super::*;
use crate::engine::{load_engine, EngineOptions};
use crate::lang::log_slice_check::{assert_corpus_logs_the_same, hits_both_ways};
use crate::lang::Language;
use crate::rules::RuleSet;

fn rules() -> RuleSet {
    load_engine(&EngineOptions::default()).unwrap().rules
}

/// The pieces as text, or `None` when the slicer gave up.
fn pieces(text: &str, typescript: bool) -> Option<Vec<String>> {
    let rules = rules();
    let words = rules
        .prefilter()
        .log_words(Language::JavaScript)
        .expect("the built-in packs slice");
    match log_slice(text, words, typescript)? {
        LogSlice::Nothing => Some(Vec::new()),
        LogSlice::Pieces(p) => Some(p.iter().map(|r| text[r.clone()].to_string()).collect()),
    }
}

#[test]
fn only_logging_calls_with_sensitive_arguments_and_the_imports_they_use() {
    let text = "const express = require('express');\n\
                const logger = require('../lib/logger');\n\
                const router = express.Router();\n\
                router.post('/orders', async (req, res) => {\n\
                  const order = await create(req.user.id, req.body.items);\n\
                  logger.info('order created', { orderId: order.id, by: req.user.id });\n\
                  logger.warn('rejected', { by: req.user.id, reason: mask(req.body) });\n\
                  logger.info('order created', { orderId: order.id, user });\n\
                  logger.debug('count', items.length);\n\
                  res.json(order);\n\
                });\n\
                module.exports = router;\n";
    assert_eq!(
        pieces(text, false).unwrap(),
        vec![
            "const logger = require('../lib/logger')",
            "logger.info('order created', { orderId: order.id, user })",
        ]
    );
}

#[test]
fn a_file_whose_logging_calls_name_nothing_sensitive_needs_no_parse() {
    let text = "import { Logger } from '@nestjs/common';\n\
                export class Jobs {\n\
                  private readonly logger = new Logger(Jobs.name);\n\
                  run(user: User) { this.logger.log('ran', { jobs: 3 }); save(user); }\n\
                }\n";
    assert_eq!(pieces(text, true).unwrap(), Vec::<String>::new());
}

#[test]
fn factory_bindings_and_aliases_come_along() {
    let text = "const util = require('util');\n\
                const d = util.debuglog('auth');\n\
                d('login', password);\n";
    assert_eq!(
        pieces(text, false).unwrap(),
        vec![
            "const util = require('util')",
            "const d = util.debuglog('auth')",
            "d('login', password)",
        ]
    );
    // A name imported from a module whose text says `logger` may be one.
    let text = "import { write as w } from './logger';\nw(session.token);\n";
    assert_eq!(
        pieces(text, false).unwrap(),
        vec!["import { write as w } from './logger'", "w(session.token)"]
    );
    // A class field bound to a factory, and a NestJS logger.
    let text = "class A {\n  private readonly audit = pino();\n  \
                f(u) { this.audit.info({ email: u.email }); }\n}\n";
    assert_eq!(
        pieces(text, true).unwrap(),
        vec!["audit = pino()", "this.audit.info({ email: u.email })"]
    );
}

#[test]
fn definitions_are_no_calls() {
    let text = "class L {\n  debug(token) {\n    return 1;\n  }\n  \
                info(user: User): void {}\n}\nfunction warn(password) {}\n\
                const f = async (user) => 1;\n";
    assert_eq!(pieces(text, true).unwrap(), Vec::<String>::new());
    // A call in a conditional's branch is one.
    let text = "const r = ok ? console.log(user) : null;\n";
    assert_eq!(pieces(text, false).unwrap(), vec!["console.log(user)"]);
}

#[test]
fn chains_optional_calls_and_type_arguments() {
    let text = "this.logger?.warn(user.email);\n\
                getLogger('a').child({}).info<string>(token);\n\
                new Audit(console).log(req.body);\n";
    assert_eq!(
        pieces(text, true).unwrap(),
        vec![
            "this.logger?.warn(user.email)",
            "getLogger('a').child({}).info<string>(token)",
            "new Audit(console).log(req.body)",
        ]
    );
}

#[test]
fn what_the_lexer_cannot_be_sure_of_gives_up() {
    for text in [
        // JSX, and a TypeScript cast.
        "const a = <p onClick={() => console.log(user)}>x</p>;",
        "const b = <User>console.log(user);",
        // A call, or a method in Allman style?
        "logger.info(user)\n{\n}\n",
        // A factory bound under a type, or through a pattern.
        "const l: Logger = pino();\nl.info(token);",
        "const { info } = pino();\ninfo(token);",
        // A binding whose value goes on past the call.
        "const l = pino() || other;\nl.info(token);",
        // A tagged template that may log.
        "logger.info`${user}`;",
        // Brackets that do not pair up.
        "console.log(user;",
    ] {
        assert_eq!(pieces(text, text.contains(": Logger")), None, "{text}");
    }
}

#[test]
fn the_corpus_logs_the_same_whether_parsed_whole_or_in_pieces() {
    let rules = rules();
    let ways = assert_corpus_logs_the_same(&rules, |l| l.js_dialect().is_some(), 20);
    assert!(ways.get("pieces").copied().unwrap_or(0) >= 5, "{ways:?}");
}

#[test]
fn tricky_logging_reads_the_same_in_pieces() {
    let rules = rules();
    let cases = [
        "const { createLogger } = require('winston');\nconst log = createLogger();\n\
         log.info('x', { password });\n",
        "import debugFactory from 'debug';\nimport { inspect as i } from 'util';\n\
         const dbg = debugFactory('a');\nconsole.log(i(user));\n",
        "export class S {\n  private readonly logger = new Logger(S.name);\n  \
         a(dto) { this.logger.log(`reset for ${dto.email}`); }\n  \
         b(req) { this.logger.warn({ headers: req.headers }); }\n}\n",
        "app.post('/login', (req, res) => {\n  if (!ok) console.warn('bad', req.body)\n  \
         else logger.info(user.email)\n});\n",
        "const x = a\n(console.log(token))\n",
        "foo(function () { logger.error(err, { token: t }) }, 1);\n",
        "const l = require('./logger').info;\nl(secret);\n",
        "const a = 1, logger = require('../lib/logger');\nlogger.info(apiKey);\n",
        "label: logger.info(password);\n",
        "const m = { log: pino() };\nm.log.info(user.phone);\n",
    ];
    for (n, text) in cases.iter().enumerate() {
        for path in ["a.js", "a.ts"] {
            let (whole, sliced, how) = hits_both_ways(&rules, path, text);
            assert_eq!(whole, sliced, "case {n} as {path} ({how}):\n{text}");
            assert!(
                !whole.is_empty() || n == 1,
                "case {n} logs something:\n{text}"
            );
        }
    }
}

#[test]
fn calls_that_only_mention_a_sensitive_word_read_the_same() {
    let rules = rules();
    let cases = [
        // Opaque calls, ids and counts: no finding, whole or sliced (and
        // no parse, but in a template, which the slicer takes whole).
        "console.log(Object.keys(req.body).length, req.user.id, mask(user.email));\n",
        "logger.info(`reset for ${hash(user.email)} by ${req.user.id}`);\n",
        // Serialisers, getters, transparent members: findings.
        "console.log(JSON.stringify(req.body));\nlogger.info(req.get('authorization'));\n",
        "logger.info(user.email.trim(), user.getPassword());\n",
        "logger.warn(headers.get(AUTHORIZATION), { email: addr });\n",
        // A called import that resolves to a sensitive name, or a serialiser.
        "import { readToken as t } from './token-store';\nlogger.info(t());\n",
        "import { inspect as i } from 'util';\nconsole.log(i(req.headers));\n",
    ];
    let mut logged = 0;
    for (n, text) in cases.iter().enumerate() {
        for path in ["a.js", "a.ts"] {
            let (whole, sliced, how) = hits_both_ways(&rules, path, text);
            assert_eq!(whole, sliced, "case {n} as {path} ({how}):\n{text}");
            logged += whole.len();
            if n == 0 {
                assert_eq!(how, "nothing", "case {n}:\n{text}");
            }
        }
    }
    assert!(logged >= 10, "{logged}");
}
