//! actix-web handlers that build cookies with `CookieBuilder` and the
//! two-argument `Cookie::build(name, value)` of cookie 0.16.

use actix_web::cookie::{Cookie, CookieBuilder, SameSite};
use actix_web::{post, web, HttpResponse, Responder};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Issued {
    session_id: String,
    token: String,
    theme: String,
}

#[post("/session")]
pub async fn open_session(form: web::Json<Issued>) -> impl Responder {
    // expect: cookies/secure-missing, cookies/httponly-missing
    let session = CookieBuilder::new("session_id", form.session_id.clone()).path("/").finish();
    // expect: cookies/secure-missing
    let embed = CookieBuilder::new("embed_sid", form.session_id.clone())
        .http_only(true)
        // expect: cookies/samesite-none-insecure
        .same_site(SameSite::None)
        .finish();
    // ok: cookies/secure-missing, cookies/httponly-missing, cookies/samesite-none-insecure
    let partner = CookieBuilder::new("partner_session", form.session_id.clone())
        .secure(true)
        .http_only(true)
        .same_site(SameSite::None)
        .finish();
    let token = Cookie::build("auth_token", form.token.clone())
        .http_only(true)
        // expect: cookies/secure-disabled
        .secure(false)
        .finish();
    HttpResponse::Ok().cookie(session).cookie(embed).cookie(partner).cookie(token).finish()
}

#[post("/preferences")]
pub async fn preferences(form: web::Json<Issued>) -> impl Responder {
    // The page's script reads the theme; it carries no credential.
    let theme = Cookie::build("theme", form.theme.clone())
        // ok: cookies/httponly-disabled
        .http_only(false)
        // ok: cookies/secure-disabled
        .secure(false)
        .finish();
    let debug = Cookie::build("debug_token", form.token.clone())
        // expect: cookies/httponly-disabled
        .http_only(false)
        .secure(true)
        .finish();
    HttpResponse::Ok().cookie(theme).cookie(debug).finish()
}
