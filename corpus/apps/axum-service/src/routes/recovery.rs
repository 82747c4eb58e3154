//! Account recovery, nested in `main.rs` at `/password-reset` without a
//! rate-limiting layer. Its own paths carry no words: the prefix makes both
//! endpoints authentication endpoints.

use axum::extract::{Json, Path};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use serde::Deserialize;

use crate::AppState;

#[derive(Deserialize)]
pub struct Start {
    email: String,
}

async fn start(Json(body): Json<Start>) -> StatusCode {
    if body.email.contains('@') {
        StatusCode::ACCEPTED
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

async fn finish(Path(nonce): Path<String>) -> StatusCode {
    if nonce.len() == 43 {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::GONE
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        // expect: rate-limiting/rust-auth-route-without-limiter
        .route("/", post(start))
        // expect: rate-limiting/rust-auth-route-without-limiter
        .route("/:nonce", post(finish))
}
