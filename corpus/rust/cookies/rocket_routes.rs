//! rocket handlers: rocket sets HttpOnly, SameSite=Strict and (under TLS)
//! Secure on cookies it adds, unless told otherwise.

use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::{post, routes, Route};

#[post("/login/<id>")]
fn login(jar: &CookieJar<'_>, id: String) {
    // ok: cookies/secure-missing, cookies/httponly-missing
    jar.add_private(Cookie::build(("session", id)).path("/"));
}

#[post("/insecure-login/<id>")]
fn insecure_login(jar: &CookieJar<'_>, id: String) {
    jar.add(
        Cookie::build(("session", id))
            // expect: cookies/secure-disabled
            .secure(false)
            // expect: cookies/httponly-disabled
            .http_only(false)
            .same_site(SameSite::Lax),
    );
}

#[post("/theme/<name>")]
fn theme(jar: &CookieJar<'_>, name: String) {
    // ok: cookies/secure-disabled, cookies/httponly-disabled
    jar.add(Cookie::build(("theme", name)).secure(true).http_only(true));
}

pub fn routes() -> Vec<Route> {
    routes![login, insecure_login, theme]
}
