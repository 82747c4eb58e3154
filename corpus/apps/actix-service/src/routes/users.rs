//! Account management, registered under `/users` with no limiter.

use actix_web::{get, post, web, HttpResponse, Responder};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct NewPassword {
    password: String,
}

// expect: rate-limiting/rust-auth-route-without-limiter
#[post("/{id}/password")]
async fn change_password(path: web::Path<u64>, form: web::Json<NewPassword>) -> impl Responder {
    if form.password.len() < 12 {
        return HttpResponse::UnprocessableEntity().finish();
    }
    HttpResponse::NoContent().body(path.into_inner().to_string())
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[get("/{id}")]
async fn show(path: web::Path<u64>) -> impl Responder {
    HttpResponse::Ok().body(path.into_inner().to_string())
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(change_password).service(show);
}
