//! A rocket service whose rate limit is a fairing attached to the whole
//! instance: every route it mounts is covered.

#[macro_use]
extern crate rocket;

mod limits;

use limits::AuthRateLimiter;
use rocket::serde::json::Json;
use serde::Deserialize;

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[post("/auth/token", data = "<body>")]
fn token(body: Json<Credentials>) -> &'static str {
    let _ = (&body.email, &body.password);
    "token"
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[post("/password/reset", data = "<body>")]
fn reset(body: Json<Credentials>) -> &'static str {
    let _ = &body.email;
    "sent"
}

#[launch]
fn rocket() -> _ {
    rocket::build()
        .attach(AuthRateLimiter::fairing(5, 60))
        .mount("/", routes![token, reset])
}
