//! An axum service limited with tower's own `RateLimitLayer` (behind a
//! buffer, as axum needs a `Clone` service); the routes added after the
//! layer are not covered by it.

use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::Json;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{BoxError, Router};
use serde::Deserialize;
use tower::buffer::BufferLayer;
use tower::limit::RateLimitLayer;
use tower::ServiceBuilder;

#[derive(Deserialize)]
struct SignIn {
    email: String,
    password: String,
}

async fn sign_in(Json(body): Json<SignIn>) -> StatusCode {
    if body.email.is_empty() || body.password.is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

async fn verify_otp(Json(body): Json<SignIn>) -> StatusCode {
    let _ = body.email;
    StatusCode::NO_CONTENT
}

async fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn app() -> Router {
    Router::new()
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/sign-in", post(sign_in))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async { StatusCode::TOO_MANY_REQUESTS }))
                .layer(BufferLayer::new(1024))
                .layer(RateLimitLayer::new(5, Duration::from_secs(60))),
        )
        // expect: rate-limiting/rust-auth-route-without-limiter
        .route("/2fa/verify", post(verify_otp))
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/version", get(version))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.expect("bind");
    axum::serve(listener, app()).await.expect("serve");
}
