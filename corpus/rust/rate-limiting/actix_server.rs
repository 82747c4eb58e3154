//! An actix-web service: the auth scope is wrapped in a governor, the
//! token resource is not.

use actix_governor::{Governor, GovernorConfigBuilder};
use actix_web::{post, web, App, HttpResponse, HttpServer, Responder};
use serde::Deserialize;

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

// ok: rate-limiting/rust-auth-route-without-limiter
#[post("/login")]
async fn login(form: web::Json<Login>) -> impl Responder {
    let _ = (&form.username, &form.password);
    HttpResponse::Ok().finish()
}

// expect: rate-limiting/rust-auth-route-without-limiter
#[post("/signup")]
async fn signup(form: web::Json<Login>) -> impl Responder {
    let _ = &form.username;
    HttpResponse::Created().finish()
}

async fn issue_token() -> impl Responder {
    HttpResponse::Ok().body("token")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let governor = GovernorConfigBuilder::default()
        .seconds_per_request(2)
        .burst_size(5)
        .finish()
        .expect("valid governor configuration");
    HttpServer::new(move || {
        App::new()
            .service(web::scope("/auth").wrap(Governor::new(&governor)).service(login))
            .service(signup)
            .service(
                web::resource("/oauth/token")
                    // expect: rate-limiting/rust-auth-route-without-limiter
                    .route(web::post().to(issue_token)),
            )
            .service(
                web::resource("/status")
                    // ok: rate-limiting/rust-auth-route-without-limiter
                    .route(web::get().to(issue_token)),
            )
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
