//! Account management, nested in `main.rs` without a rate-limiting layer.

use axum::extract::{Json, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::Router;
use serde::Deserialize;

use crate::AppState;

#[derive(Deserialize)]
pub struct NewPassword {
    password: String,
}

async fn change_password(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(body): Json<NewPassword>,
) -> StatusCode {
    if body.password.len() < 12 {
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    let updated = sqlx::query("UPDATE users SET password_changed_at = now() WHERE id = $1")
        .bind(id)
        .execute(&state.pool)
        .await;
    if updated.is_ok() {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

async fn show(Path(id): Path<i64>) -> String {
    format!("user {id}")
}

pub fn router() -> Router<AppState> {
    Router::new()
        // expect: rate-limiting/rust-auth-route-without-limiter
        .route("/:id/password", put(change_password))
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/:id", get(show))
}
