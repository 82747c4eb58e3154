//! An axum service: the session routes carry a governor layer, the
//! account routes were added after it and do not.

use std::sync::Arc;

use axum::extract::{Json, State};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;

#[derive(Clone)]
struct AppState {
    pool: sqlx::PgPool,
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

async fn login(State(state): State<AppState>, Json(body): Json<Credentials>) -> &'static str {
    let _ = (&state.pool, &body.email, &body.password);
    "ok"
}

async fn register(State(state): State<AppState>, Json(body): Json<Credentials>) -> &'static str {
    let _ = (&state.pool, &body.email);
    "created"
}

async fn reset_password(Json(body): Json<Credentials>) -> &'static str {
    let _ = body.email;
    "sent"
}

async fn health() -> &'static str {
    "ok"
}

fn app(state: AppState) -> Router {
    let governor = Arc::new(
        GovernorConfigBuilder::default()
            .per_second(12)
            .burst_size(5)
            .finish()
            .expect("valid governor configuration"),
    );
    Router::new()
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/login", post(login))
        .layer(GovernorLayer { config: governor })
        // expect: rate-limiting/rust-auth-route-without-limiter
        .route("/register", post(register))
        // expect: rate-limiting/rust-auth-route-without-limiter
        .route("/password/reset", post(reset_password))
        // ok: rate-limiting/rust-auth-route-without-limiter
        .route("/auth/health", get(health))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let pool = sqlx::PgPool::connect_lazy(&std::env::var("DATABASE_URL").expect("DATABASE_URL"))
        .expect("pool");
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.expect("bind");
    axum::serve(listener, app(AppState { pool })).await.expect("serve");
}
