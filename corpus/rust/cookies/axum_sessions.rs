//! axum service: tower-sessions for the web app, hand-built cookies for the API.

use axum::response::IntoResponse;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use tower_sessions::{Expiry, MemoryStore, SessionManagerLayer};

pub fn session_layer(store: MemoryStore) -> SessionManagerLayer<MemoryStore> {
    SessionManagerLayer::new(store)
        // expect: cookies/secure-disabled
        .with_secure(false)
        // expect: cookies/httponly-disabled
        .with_http_only(false)
        .with_expiry(Expiry::OnSessionEnd)
}

pub fn hardened_layer(store: MemoryStore) -> SessionManagerLayer<MemoryStore> {
    SessionManagerLayer::new(store)
        // ok: cookies/secure-disabled
        .with_secure(true)
        // ok: cookies/httponly-disabled
        .with_http_only(true)
}

pub async fn api_login(jar: CookieJar, session_id: String) -> impl IntoResponse {
    // expect: cookies/secure-missing
    let cookie = Cookie::build(("sid", session_id))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .build();
    jar.add(cookie)
}

pub async fn embed_login(jar: CookieJar, token: String) -> impl IntoResponse {
    // expect: cookies/secure-missing
    let cookie = Cookie::build(("auth_token", token))
        .http_only(true)
        // expect: cookies/samesite-none-insecure
        .same_site(SameSite::None)
        .build();
    jar.add(cookie)
}

pub async fn kiosk_login(jar: CookieJar, token: String) -> impl IntoResponse {
    // expect: cookies/httponly-missing
    let cookie = Cookie::build(("kiosk_session", token))
        // expect: cookies/secure-disabled
        .secure(false)
        // ok: cookies/samesite-none-insecure
        .same_site(SameSite::None)
        .build();
    jar.add(cookie)
}

pub async fn partner_login(jar: CookieJar, token: String) -> impl IntoResponse {
    // ok: cookies/secure-missing, cookies/httponly-missing
    let cookie = Cookie::build(("partner_session", token))
        .http_only(true)
        .secure(true)
        // ok: cookies/samesite-none-insecure
        .same_site(SameSite::None)
        .build();
    jar.add(cookie)
}

pub async fn remember_theme(jar: CookieJar, theme: String) -> impl IntoResponse {
    // ok: cookies/secure-missing, cookies/httponly-missing
    let cookie = Cookie::build(("theme", theme)).path("/").build();
    jar.add(cookie)
}

pub async fn legacy_login(jar: CookieJar, id: String, is_https: bool) -> impl IntoResponse {
    // ok: cookies/secure-missing, cookies/secure-disabled
    let cookie = Cookie::build(("legacy_session", id)).http_only(true).secure(is_https).build();
    jar.add(cookie)
}

pub async fn remember_locale(jar: CookieJar, locale: String) -> impl IntoResponse {
    // Read by the front end's date formatting: HttpOnly is off on purpose.
    // ok: cookies/httponly-disabled, cookies/secure-missing, cookies/httponly-missing
    let cookie = Cookie::build(("locale", locale)).path("/").http_only(false).build();
    jar.add(cookie)
}

pub async fn impersonate(jar: CookieJar, name: String, token: String) -> impl IntoResponse {
    // The name comes from the caller: not known to be a preference.
    // expect: cookies/httponly-disabled
    let cookie = Cookie::build((name, token)).secure(true).http_only(false).build();
    jar.add(cookie)
}
