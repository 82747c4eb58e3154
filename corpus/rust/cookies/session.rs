//! Session cookies for the axum front end.

use axum::response::IntoResponse;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use time::Duration;

pub async fn login(jar: CookieJar, session_id: String) -> impl IntoResponse {
    let cookie = Cookie::build(("session", session_id))
        .path("/")
        .secure(true)
        // expect: cookies/httponly-disabled
        .http_only(false)
        .same_site(SameSite::Lax)
        .max_age(Duration::hours(8))
        .build();
    jar.add(cookie)
}

pub async fn remember(jar: CookieJar, token: String) -> impl IntoResponse {
    let cookie = Cookie::build(("remember", token))
        // ok: cookies/httponly-disabled
        .http_only(true)
        .secure(true)
        .build();
    jar.add(cookie)
}

pub fn legacy_cookie(value: String) -> Cookie<'static> {
    let mut cookie = Cookie::new("legacy_sid", value);
    // expect: cookies/httponly-disabled
    cookie.set_http_only(false);
    // Resetting to the default is not turning it off.
    // ok: cookies/httponly-disabled
    cookie.set_http_only(None);
    cookie
}
