//! Session and token settings for the axum and actix services.

use actix_session::config::{PersistentSession, SessionLifecycle};
use actix_web::cookie::time::Duration as CookieDuration;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use time::Duration;
use tower_sessions::{Expiry, MemoryStore, SessionManagerLayer};

pub fn web_sessions(store: MemoryStore) -> SessionManagerLayer<MemoryStore> {
    // expect: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(Duration::days(365)))
}

pub fn remember_sessions(store: MemoryStore) -> SessionManagerLayer<MemoryStore> {
    // expect: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(Duration::MAX))
}

pub fn short_sessions(store: MemoryStore) -> SessionManagerLayer<MemoryStore> {
    // ok: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(Duration::hours(8)))
}

pub fn configured_sessions(store: MemoryStore, idle: Duration) -> SessionManagerLayer<MemoryStore> {
    // ok: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(idle))
}

pub fn actix_lifecycle() -> SessionLifecycle {
    // expect: sessions/lifetime-above-policy
    PersistentSession::default().session_ttl(CookieDuration::days(400)).into()
}

pub fn actix_short_lifecycle() -> SessionLifecycle {
    // ok: sessions/lifetime-above-policy
    PersistentSession::default().session_ttl(CookieDuration::hours(12)).into()
}

pub fn lenient_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    // expect: sessions/jwt-expiry-not-checked
    validation.validate_exp = false;
    // ok: sessions/jwt-expiry-not-checked
    validation.validate_nbf = false;
    validation
}

pub fn strict_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    // ok: sessions/jwt-expiry-not-checked
    validation.validate_exp = true;
    validation.leeway = 30;
    validation
}

pub fn debug_validation() -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    // expect: sessions/jwt-alg-none
    validation.insecure_disable_signature_validation();
    validation
}

pub fn literal_validation() -> Validation {
    Validation {
        // expect: sessions/jwt-expiry-not-checked
        validate_exp: false,
        ..Validation::new(Algorithm::HS256)
    }
}

pub fn decoding_key(secret: &[u8]) -> DecodingKey {
    // ok: sessions/jwt-alg-none
    DecodingKey::from_secret(secret)
}
