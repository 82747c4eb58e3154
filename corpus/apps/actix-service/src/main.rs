//! The actix-web service: each area registers its routes through
//! `configure`; the auth area wraps its scope in a governor, the users
//! scope has none.

mod routes;

use actix_web::middleware::Logger;
use actix_web::{web, App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    env_logger::init();
    let bind = std::env::var("BIND_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_string());
    HttpServer::new(|| {
        App::new()
            .wrap(Logger::default())
            .configure(routes::auth::config)
            .service(web::scope("/users").configure(routes::users::config))
    })
    .bind(bind)?
    .run()
    .await
}
