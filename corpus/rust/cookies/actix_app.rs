//! actix-web app with actix-session backed by Redis.

use actix_session::config::PersistentSession;
use actix_session::storage::RedisSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{time::Duration, Cookie, Key, SameSite};
use actix_web::{web, App, HttpResponse, HttpServer};

fn sessions(store: RedisSessionStore, key: Key) -> SessionMiddleware<RedisSessionStore> {
    SessionMiddleware::builder(store, key)
        .cookie_name("app_session".to_owned())
        // expect: cookies/secure-disabled
        .cookie_secure(false)
        // expect: cookies/httponly-disabled
        .cookie_http_only(false)
        .session_lifecycle(PersistentSession::default().session_ttl(Duration::hours(12)))
        .build()
}

fn strict_sessions(store: RedisSessionStore, key: Key) -> SessionMiddleware<RedisSessionStore> {
    SessionMiddleware::builder(store, key)
        // ok: cookies/secure-disabled
        .cookie_secure(true)
        // ok: cookies/httponly-disabled
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Strict)
        .build()
}

async fn login(id: web::Path<String>) -> HttpResponse {
    // expect: cookies/secure-missing, cookies/httponly-missing
    let cookie = Cookie::build("session", id.into_inner()).path("/").finish();
    HttpResponse::Ok().cookie(cookie).finish()
}

async fn preferences(lang: web::Path<String>) -> HttpResponse {
    // ok: cookies/secure-missing, cookies/httponly-missing
    let cookie = Cookie::build("lang", lang.into_inner()).path("/").finish();
    HttpResponse::Ok().cookie(cookie).finish()
}

pub async fn serve(store: RedisSessionStore, key: Key) -> std::io::Result<()> {
    HttpServer::new(move || {
        App::new()
            .wrap(sessions(store.clone(), key.clone()))
            .wrap(strict_sessions(store.clone(), key.clone()))
            // expect: rate-limiting/rust-auth-route-without-limiter
            .route("/login/{id}", web::post().to(login))
            .route("/prefs/{lang}", web::post().to(preferences))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
