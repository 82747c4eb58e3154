//! Route, mount and router facts from axum, actix-web and rocket.

use crate::facts::{Fact, MountScope, Value};
use crate::lang::rust::extract_rust;

fn routes(facts: &[Fact]) -> Vec<(String, String, String)> {
    facts
        .iter()
        .filter_map(|f| match f {
            Fact::Route(r) => Some((r.router.clone(), r.method.clone(), r.path.clone())),
            _ => None,
        })
        .collect()
}

fn names(values: &[crate::facts::Node]) -> Vec<String> {
    values
        .iter()
        .map(|n| match &n.value {
            Value::Call { callee } => callee.clone(),
            Value::Ident(p) | Value::Member(p) => p.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

fn mounts(facts: &[Fact]) -> Vec<(String, Option<String>, Vec<String>, MountScope)> {
    facts
        .iter()
        .filter_map(|f| match f {
            Fact::Mount(m) => Some((m.router.clone(), m.prefix.clone(), names(&m.items), m.scope)),
            _ => None,
        })
        .collect()
}

#[test]
fn axum_chains_nests_and_layers() {
    let src = r#"
use axum::{routing::{get, post}, Router};
use tower_governor::GovernorLayer;
mod routes;

pub fn app() -> Router {
    Router::new()
        .route("/login", post(login).get(form))
        .nest("/auth", routes::auth::router().layer(GovernorLayer { config }))
        .merge(routes::users::router())
        .layer(TraceLayer::new_for_http())
}
"#;
    let facts = extract_rust(src).facts;
    assert_eq!(
        routes(&facts),
        [
            ("app".into(), "post".into(), "/login".into()),
            ("app".into(), "get".into(), "/login".into()),
        ]
    );
    let def = facts.iter().find_map(|f| match f {
        Fact::RouterDef(d) => Some(d),
        _ => None,
    });
    let def = def.expect("a router definition for app");
    assert_eq!((def.name.as_str(), def.exported), ("app", true));
    assert_eq!(
        def.origin.value,
        Value::Call {
            callee: "axum.Router.new".into()
        }
    );
    let mounts = mounts(&facts);
    let nested = mounts
        .iter()
        .find(|m| m.1.as_deref() == Some("/auth"))
        .expect("the /auth nest");
    assert!(nested.0 == "app" && nested.2.len() == 1 && nested.2[0].starts_with("app#"));
    let anon = nested.2[0].clone();
    assert!(mounts.contains(&(
        anon.clone(),
        None,
        vec!["routes.auth.router".into()],
        MountScope::Whole
    )));
    assert!(mounts.contains(&(
        anon,
        None,
        vec!["tower_governor.GovernorLayer".into(), "config".into()],
        MountScope::Preceding
    )));
    assert!(mounts.contains(&(
        "app".into(),
        None,
        vec!["routes.users.router".into()],
        MountScope::Whole
    )));
    assert!(mounts.contains(&(
        "app".into(),
        None,
        vec!["TraceLayer.new_for_http".into()],
        MountScope::Preceding
    )));
}

#[test]
fn actix_attributes_scopes_and_resources() {
    let src = r#"
use actix_governor::Governor;
use actix_web::{post, web, App};

#[post("/login", wrap = "Governor::new(&conf)")]
async fn login() -> &'static str { "ok" }

#[actix_web::route("/token", method = "POST")]
async fn token() -> &'static str { "ok" }

fn main() {
    App::new()
        .service(web::scope("/auth").wrap(Governor::new(&conf)).service(login))
        .service(web::resource("/reset").route(web::post().to(reset)));
}
"#;
    let facts = extract_rust(src).facts;
    let found = routes(&facts);
    assert!(found.contains(&("login".into(), "post".into(), "/login".into())));
    assert!(found.contains(&("token".into(), "post".into(), "/token".into())));
    let reset = found
        .iter()
        .find(|r| r.2 == "/reset")
        .expect("resource route");
    assert!(reset.0.starts_with("main#") && reset.1 == "post");
    let login = facts
        .iter()
        .find_map(|f| match f {
            Fact::Route(r) if r.router == "login" => Some(r),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        names(&login.middleware),
        ["actix_governor.Governor.new", "conf"]
    );
    let mounts = mounts(&facts);
    let scope = mounts
        .iter()
        .find(|m| m.1.as_deref() == Some("/auth"))
        .expect("scope mounted under its prefix");
    let key = scope.2[0].clone();
    assert!(mounts.contains(&(
        key.clone(),
        None,
        vec!["actix_governor.Governor.new".into(), "conf".into()],
        MountScope::Whole
    )));
    assert!(mounts.contains(&(key, None, vec!["login".into()], MountScope::Whole)));
}

#[test]
fn rocket_mounts_guards_and_fairings() {
    let src = r#"
#[post("/login", data = "<body>")]
fn login(_limit: RocketGovernor<'_, LoginLimit>, body: Json<Credentials>) -> &'static str { "ok" }

#[launch]
fn rocket() -> _ {
    rocket::build()
        .mount("/account", routes![login, auth::register])
        .attach(RateLimitFairing::default())
}
"#;
    let facts = extract_rust(src).facts;
    let login = facts
        .iter()
        .find_map(|f| match f {
            Fact::Route(r) => Some(r),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        (login.method.as_str(), login.path.as_str()),
        ("post", "/login")
    );
    assert!(names(&login.middleware).contains(&"LoginLimit".to_string()));
    let mounts = mounts(&facts);
    assert!(mounts.contains(&(
        "rocket".into(),
        Some("/account".into()),
        vec!["login".into(), "auth.register".into()],
        MountScope::Whole
    )));
    assert!(mounts.contains(&(
        "rocket".into(),
        None,
        vec!["RateLimitFairing.default".into()],
        MountScope::Whole
    )));
}

#[test]
fn hostile_chains_stay_bounded() {
    let mut src = String::from("fn f() { Router::new()");
    for i in 0..5000 {
        src.push_str(&format!(".route(\"/r{i}\", post(h))"));
    }
    src.push_str("; }");
    let facts = extract_rust(&src).facts;
    assert!(routes(&facts).len() <= 5000);
}
