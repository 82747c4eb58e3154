//! Session lifetimes of the customer portal (tower-sessions) and the
//! back office (actix-session).

use actix_session::config::{BrowserSession, PersistentSession, SessionLifecycle};
use actix_web::cookie::time::Duration as CookieDuration;
use time::Duration;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_redis_store::RedisStore;

pub fn portal_sessions(store: RedisStore) -> SessionManagerLayer<RedisStore> {
    // expect: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(Duration::weeks(52)))
}

pub fn kiosk_sessions(store: RedisStore) -> SessionManagerLayer<RedisStore> {
    // ok: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnSessionEnd)
}

pub fn monthly_sessions(store: RedisStore) -> SessionManagerLayer<RedisStore> {
    // At the policy's limit, not over it.
    // ok: sessions/lifetime-above-policy
    SessionManagerLayer::new(store).with_expiry(Expiry::OnInactivity(Duration::days(30)))
}

pub fn back_office_lifecycle() -> SessionLifecycle {
    // expect: sessions/lifetime-above-policy
    PersistentSession::default().session_ttl(CookieDuration::MAX).into()
}

pub fn browser_lifecycle() -> SessionLifecycle {
    // ok: sessions/lifetime-above-policy
    BrowserSession::default().state_ttl(CookieDuration::hours(8)).into()
}
