//! actix-web account service logging through the `log` facade.

use actix_web::{post, web, HttpRequest, HttpResponse, Responder};
use log::{error, info, warn};
use serde::Deserialize;

use crate::accounts::{Account, AccountStore};

#[derive(Deserialize, Debug)]
pub struct SignupForm {
    pub email: String,
    pub phone_number: Option<String>,
    pub password: String,
    pub date_of_birth: String,
}

#[post("/signup")]
pub async fn signup(
    req: HttpRequest,
    form: web::Json<SignupForm>,
    store: web::Data<AccountStore>,
) -> impl Responder {
    // expect: logging/whole-object-in-log
    log::debug!("signup headers: {:?}", req.headers());
    // ok: logging/whole-object-in-log
    log::debug!("signup from {:?} with {} headers", req.peer_addr(), req.headers().len());
    // expect: logging/personal-data-in-log
    info!("signup for {} born {}", form.email, form.date_of_birth);
    // ok: logging/personal-data-in-log
    info!("signup received, phone given: {}", form.phone_number.is_some());
    match store.create(&form).await {
        Ok(account) => {
            // expect: logging/whole-object-in-log
            dbg!(&account.user);
            // expect: logging/personal-data-in-log
            println!("new account {} for {}", account.id, account.user.phone_number.as_deref().unwrap_or("-"));
            // ok: logging/personal-data-in-log
            println!("new account {} ({} accounts)", account.id, store.count());
            HttpResponse::Created().json(account.id)
        }
        Err(err) => {
            // expect: logging/secret-in-log
            error!("signup failed for {:?}: {err}", form.password);
            // ok: logging/secret-in-log
            error!("signup failed, password length {}: {err}", form.password.len());
            HttpResponse::BadRequest().finish()
        }
    }
}

pub fn rotate_keys(account: &Account, api_key: &str) {
    // expect: logging/secret-in-log
    eprintln!("rotating key {api_key} for account {}", account.id);
    // ok: logging/secret-in-log
    warn!("rotating api key for account {} (key id {})", account.id, account.api_key_id);
}
