//! The project pass over small in-memory projects: mount chains across
//! files, cycles, unknown pieces and deterministic output.

use std::path::PathBuf;

use crate::engine::{load_engine, EngineOptions};
use crate::scan::scan_buffers;
use crate::walk::Buffer;

/// Scans the files with the built-in packs; returns `path:line` of every
/// rate-limiting finding, in report order.
fn findings(files: &[(&str, &str)], jobs: usize) -> Vec<String> {
    let engine = load_engine(&EngineOptions::default()).expect("built-in packs load");
    let buffers = files
        .iter()
        .map(|(path, text)| Buffer {
            display: path.to_string(),
            path: PathBuf::from(path),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    let outcome = scan_buffers(&engine, buffers, Vec::new(), Some(jobs)).expect("scan");
    outcome
        .findings
        .iter()
        .filter(|f| f.family == "rate-limiting")
        .map(|f| format!("{}:{}", f.path, f.line))
        .collect()
}

const APP: &str = "const express = require('express');
const api = require('./routes/api');
const app = express();
app.use('/api', api);
app.listen(3000);
";

const AUTH: &str = "const express = require('express');
const router = express.Router();
router.post('/login', (req, res) => res.end());
module.exports = router;
";

fn api(limited: bool) -> String {
    let limiter = if limited {
        "router.use(rateLimit({ windowMs: 60000, max: 5 }));\n"
    } else {
        ""
    };
    format!(
        "const express = require('express');
const rateLimit = require('express-rate-limit');
const auth = require('./auth');
const router = express.Router();
{limiter}router.use('/auth', auth);
module.exports = router;
"
    )
}

#[test]
fn a_limiter_two_mounts_up_covers_the_route() {
    let limited = api(true);
    let files = [
        ("app.js", APP),
        ("routes/api.js", &limited),
        ("routes/auth.js", AUTH),
    ];
    assert!(findings(&files, 1).is_empty());
    let open = api(false);
    let files = [
        ("app.js", APP),
        ("routes/api.js", &open),
        ("routes/auth.js", AUTH),
    ];
    assert_eq!(findings(&files, 1), ["routes/auth.js:3"]);
}

#[test]
fn unknown_pieces_are_not_findings() {
    // The mounting app is not in the scan (a `--staged` subset).
    let open = api(false);
    assert!(findings(&[("routes/api.js", &open), ("routes/auth.js", AUTH)], 1).is_empty());
    // A middleware imported from a file outside the scan might be a limiter.
    let app = "const express = require('express');
const { guard } = require('./middleware/guard');
const app = express();
app.post('/login', guard, (req, res) => res.end());
app.post('/register', (req, res) => res.end());
";
    assert_eq!(findings(&[("app.js", app)], 1), ["app.js:5"]);
}

#[test]
fn cycles_between_files_terminate() {
    let a = "const express = require('express');
const b = require('./b');
const router = express.Router();
router.use('/b', b);
router.post('/login', (req, res) => res.end());
module.exports = router;
";
    let b = "const express = require('express');
const a = require('./a');
const router = express.Router();
router.use('/a', a);
router.post('/token', (req, res) => res.end());
module.exports = router;
";
    let app = "const express = require('express');
const a = require('./a');
const app = express();
app.use(a);
";
    // Reached from the app with no limiter: reported, cycle or not.
    assert_eq!(
        findings(&[("a.js", a), ("b.js", b), ("app.js", app)], 1),
        ["a.js:5", "b.js:5"]
    );
    // Only the cycle, no app: nothing is known to reach them.
    assert!(findings(&[("a.js", a), ("b.js", b)], 1).is_empty());
}

#[test]
fn output_is_sorted_and_independent_of_order_and_threads() {
    let open = api(false);
    let app = "const express = require('express');
const api = require('./routes/api');
const app = express();
app.post('/signup', (req, res) => res.end());
app.post('/password/reset', (req, res) => res.end());
app.use('/api', api);
";
    let forward = [
        ("app.js", app),
        ("routes/api.js", &open),
        ("routes/auth.js", AUTH),
    ];
    let backward = [
        ("routes/auth.js", AUTH),
        ("routes/api.js", &open),
        ("app.js", app),
    ];
    let expected = ["app.js:4", "app.js:5", "routes/auth.js:3"];
    assert_eq!(findings(&forward, 1), expected);
    assert_eq!(findings(&backward, 3), expected);
}

#[test]
fn rust_routers_resolve_by_module_path() {
    let main = "mod routes;
use axum::Router;
use tower_governor::GovernorLayer;
fn app() -> Router {
    Router::new()
        .nest(\"/auth\", routes::auth::router().layer(GovernorLayer { config }))
        .nest(\"/users\", routes::users::router())
}
";
    let auth = "use axum::{routing::post, Router};
pub fn router() -> Router {
    Router::new().route(\"/login\", post(login))
}
";
    let users = "use axum::{routing::put, Router};
pub fn router() -> Router {
    Router::new().route(\"/:id/password\", put(change))
}
";
    let files = [
        ("svc/src/main.rs", main),
        ("svc/src/routes/auth.rs", auth),
        ("svc/src/routes/users.rs", users),
    ];
    assert_eq!(findings(&files, 2), ["svc/src/routes/users.rs:3"]);
    // A public router nobody in the scan nests: unknown, not reported.
    assert!(findings(&[("svc/src/routes/users.rs", users)], 1).is_empty());
}

/// A route file using `preflight`, a name that says nothing about limits.
const SIGN_IN: &str = "const express = require('express');
const { preflight } = require('./attempts');
const app = express();
app.post('/login', preflight, (req, res) => res.end());
app.listen(3000);
";

#[test]
fn code_of_a_middleware_file_is_a_limiter_when_it_imports_a_limiter_package() {
    let guard = |import: &str| {
        format!(
            "{import}
const seen = new Map();
async function preflight(req, res, next) {{
  seen.set(req.ip, (seen.get(req.ip) || 0) + 1);
  return next();
}}
module.exports = {{ preflight }};
"
        )
    };
    let limited = guard("const { RateLimiterMemory } = require('rate-limiter-flexible');");
    assert!(findings(&[("server.js", SIGN_IN), ("attempts.js", &limited)], 2).is_empty());
    let plain = guard("const crypto = require('crypto');");
    assert_eq!(
        findings(&[("server.js", SIGN_IN), ("attempts.js", &plain)], 2),
        ["server.js:4"]
    );
    // Read for its routing facts, and exported as `{ preflight }`: the
    // shorthand names itself, which must not make the function unknown.
    let read = guard("const express = require('express');");
    assert_eq!(
        findings(&[("server.js", SIGN_IN), ("attempts.js", &read)], 2),
        ["server.js:4"]
    );
}
