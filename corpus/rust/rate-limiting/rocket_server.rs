//! A rocket service: login takes a rate-limit request guard, the
//! registration route does not.

#[macro_use]
extern crate rocket;

use rocket::serde::json::Json;
use rocket_governor::{Method, Quota, RocketGovernable, RocketGovernor};
use serde::Deserialize;

pub struct LoginRateLimit;

impl<'r> RocketGovernable<'r> for LoginRateLimit {
    fn quota(_method: Method, _route_name: &str) -> Quota {
        Quota::per_minute(Self::nonzero(5u32))
    }
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[post("/login", data = "<body>")]
fn login(_limit: RocketGovernor<'_, LoginRateLimit>, body: Json<Credentials>) -> &'static str {
    let _ = (&body.email, &body.password);
    "ok"
}

// expect: rate-limiting/rust-auth-route-without-limiter
#[post("/register", data = "<body>")]
fn register(body: Json<Credentials>) -> &'static str {
    let _ = &body.email;
    "created"
}

// expect: rate-limiting/rust-auth-route-without-limiter
#[post("/forgot-password", data = "<body>")]
fn forgot_password(body: Json<Credentials>) -> &'static str {
    let _ = &body.email;
    "sent"
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[get("/tokens/help")]
fn token_help() -> &'static str {
    "docs"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![login, register, forgot_password, token_help])
}
