//! The axum service: the auth router is nested with a governor layer, the
//! users and recovery routers without one.

mod routes;

use std::sync::Arc;

use axum::Router;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;

#[derive(Clone)]
pub struct AppState {
    pub pool: sqlx::PgPool,
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
        .nest(
            "/auth",
            routes::auth::router().layer(GovernorLayer { config: governor }),
        )
        .nest("/users", routes::users::router())
        .nest("/password-reset", routes::recovery::router())
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL is set");
    let pool = sqlx::PgPool::connect_lazy(&url).expect("database pool");
    let addr = std::env::var("BIND_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_string());
    let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
    tracing::info!("listening");
    axum::serve(listener, app(AppState { pool })).await.expect("serve");
}
