//! axum authentication handlers instrumented with tracing.

use axum::extract::{Json, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use tracing::{debug, info, warn};

use crate::auth::{verify_password, AppState, Session};
use crate::redact::mask_email;

#[derive(Deserialize)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<LoginRequest>,
) -> Result<Json<Session>, StatusCode> {
    // expect: logging/personal-data-in-log
    info!(email = %body.email, "login attempt");
    // ok: logging/personal-data-in-log
    info!(email = %mask_email(&body.email), email_len = body.email.len(), "login attempt");
    // expect: logging/secret-in-log
    debug!(password = ?body.password, "checking credentials");
    let user = state
        .users
        .find_by_email(&body.email)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let Some(user) = user else {
        // ok: logging/secret-in-log
        warn!("password check failed: no such account");
        return Err(StatusCode::UNAUTHORIZED);
    };
    if !verify_password(&body.password, &user.password_hash) {
        // ok: logging/secret-in-log
        warn!(user_id = %user.id, attempts = user.failed_logins, "password check failed");
        return Err(StatusCode::UNAUTHORIZED);
    }
    // expect: logging/whole-object-in-log
    debug!(?user, "user loaded");
    let session = state.sessions.create(user.id).await;
    // expect: logging/secret-in-log
    info!(%session.token, "session created");
    // expect: logging/secret-in-log
    tracing::info!("session {} created with token {}", session.id, session.token);
    // ok: logging/secret-in-log
    info!(session_id = %session.id, token_type = "bearer", "session created");
    // ok: logging/whole-object-in-log
    debug!(user_agent = ?headers.get("user-agent"), header_count = headers.len(), "request metadata");
    Ok(Json(session))
}

pub async fn me(State(state): State<AppState>, headers: HeaderMap) -> StatusCode {
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok());
    // expect: logging/secret-in-log
    debug!("resolving session for {authorization:?}");
    match state.sessions.resolve(authorization).await {
        Some(user) => {
            // expect: logging/personal-data-in-log
            info!("request by {}", user.email.clone());
            // ok: logging/whole-object-in-log
            info!(user_id = %user.id, users_online = state.sessions.count(), "request");
            StatusCode::OK
        }
        None => StatusCode::UNAUTHORIZED,
    }
}
