//! Entry point of the orders service (axum).

use std::env;

use axum::{routing::get, Router};
use axum_extra::extract::cookie::Key;
use jsonwebtoken::{DecodingKey, EncodingKey};

// expect: secrets/hardcoded-password
const ADMIN_PASSWORD: &str = "3J1TWDtkwtDDb!xH";
// expect: secrets/hardcoded-secret
const WEBHOOK_SIGNING_KEY: &str = "o!799NksnRH9u*cA4xatws8phP";

struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

fn jwt_keys() -> Keys {
    Keys {
        // expect: secrets/rust-jwt-key-literal
        encoding: EncodingKey::from_secret(b"a9SkpXz9w3QlY7Zkbn-r3yBdGBL"),
        // expect: secrets/rust-jwt-key-literal
        decoding: DecodingKey::from_secret("a9SkpXz9w3QlY7Zkbn-r3yBdGBL".as_bytes()),
    }
}

fn jwt_keys_from_env() -> Keys {
    let secret = env::var("JWT_SECRET").expect("JWT_SECRET is set");
    Keys {
        // ok: secrets/rust-jwt-key-literal
        encoding: EncodingKey::from_secret(secret.as_bytes()),
        // ok: secrets/rust-jwt-key-literal
        decoding: DecodingKey::from_secret(secret.as_bytes()),
    }
}

fn cookie_key() -> Key {
    // expect: secrets/rust-cookie-key-literal
    Key::from(b"mY!uCu3^ZR1zTOlU_9%F*Hz5r1pY4OjEC_%QCyEZDz*#TddJ2hpChYgCfrL1spNx")
}

fn cookie_key_v2() -> Key {
    // expect: secrets/rust-cookie-key-literal
    Key::derive_from(b"YYZYn9ZhyiA4uoRg-sajAIxNKu8iS2G8")
}

fn cookie_key_from(master: &[u8]) -> Key {
    // ok: secrets/rust-cookie-key-literal
    Key::derive_from(master)
}

fn dev_cookie_key() -> Key {
    // ok: secrets/rust-cookie-key-literal
    Key::generate()
}

fn database_url() -> String {
    // ok: secrets/hardcoded-password
    let password = env::var("DB_PASSWORD").unwrap_or_default();
    // ok: secrets/postgres-url-password
    format!("postgres://orders:{password}@db.prod.internal/orders")
}

#[tokio::main]
async fn main() {
    let _ = (jwt_keys(), jwt_keys_from_env(), cookie_key(), cookie_key_v2(), dev_cookie_key());
    let _ = (ADMIN_PASSWORD, WEBHOOK_SIGNING_KEY, cookie_key_from(b"x"), database_url());
    // ok: secrets/hardcoded-secret
    let api_token = std::env::var("ORDERS_API_TOKEN").ok();
    let app: Router = Router::new().route("/health", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    let _ = api_token;
    axum::serve(listener, app).await.unwrap();
}
