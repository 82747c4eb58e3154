//! Sign-in and registration. The governor layer is added in `main.rs`,
//! where this router is nested.

use axum::extract::{Json, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use serde::Deserialize;

use crate::AppState;

#[derive(Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
}

async fn login(State(state): State<AppState>, Json(body): Json<Credentials>) -> StatusCode {
    let found = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(&body.email)
        .fetch_optional(&state.pool)
        .await;
    match (found, body.password.is_empty()) {
        (Ok(Some(_)), false) => StatusCode::OK,
        _ => StatusCode::UNAUTHORIZED,
    }
}

async fn register(State(state): State<AppState>, Json(body): Json<Credentials>) -> StatusCode {
    let inserted = sqlx::query("INSERT INTO users (email) VALUES ($1)")
        .bind(&body.email)
        .execute(&state.pool)
        .await;
    if inserted.is_ok() {
        StatusCode::CREATED
    } else {
        StatusCode::CONFLICT
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/login", post(login))
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/register", post(register))
}
