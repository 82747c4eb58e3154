//! Sign-in and registration, behind an actix-governor limiter on the scope.

use actix_governor::{Governor, GovernorConfigBuilder};
use actix_web::{post, web, HttpResponse, Responder};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[post("/login")]
async fn login(form: web::Json<Credentials>) -> impl Responder {
    if form.username.is_empty() || form.password.is_empty() {
        return HttpResponse::BadRequest().finish();
    }
    HttpResponse::Ok().finish()
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[post("/register")]
async fn register(form: web::Json<Credentials>) -> impl Responder {
    if form.username.is_empty() {
        return HttpResponse::BadRequest().finish();
    }
    HttpResponse::Created().finish()
}

pub fn config(cfg: &mut web::ServiceConfig) {
    let governor = GovernorConfigBuilder::default()
        .seconds_per_request(2)
        .burst_size(5)
        .finish()
        .expect("valid governor configuration");
    cfg.service(
        web::scope("/auth")
            .wrap(Governor::new(&governor))
            .service(login)
            .service(register),
    );
}
