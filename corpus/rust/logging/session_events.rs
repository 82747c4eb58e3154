//! Security events of the session service, emitted through tracing.

use std::fmt;

use tracing::{event, info, trace, warn, Level};

use crate::redact::redact;

pub struct User {
    pub id: u64,
    pub email: String,
    pub failed_logins: u32,
}

impl fmt::Display for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} <{}>", self.id, self.email)
    }
}

pub fn login_succeeded(user: &User, refresh_token: &str) {
    // expect: logging/personal-data-in-log
    event!(Level::INFO, email = %user.email, "login succeeded");
    // ok: logging/personal-data-in-log
    event!(Level::INFO, user_id = user.id, "login succeeded");
    // expect: logging/secret-in-log
    trace!("issued refresh token {}", refresh_token);
    // ok: logging/secret-in-log
    trace!(token_len = refresh_token.len(), "issued refresh token");
}

pub fn account_locked(user: &User) {
    // expect: logging/whole-object-in-log
    warn!(%user, "account locked");
    // ok: logging/whole-object-in-log, logging/personal-data-in-log
    warn!(user_id = user.id, attempts = user.failed_logins, "account locked");
    // ok: logging/personal-data-in-log
    warn!(email = %redact(&user.email), "account locked");
}

pub fn reset_requested(user: &User, reset_token: &str) {
    // ok: logging/secret-in-log
    info!("password reset requested");
    // expect: logging/secret-in-log
    tracing::event!(Level::DEBUG, %reset_token, user_id = user.id, "password reset requested");
    // expect: logging/personal-data-in-log
    println!("reset mail queued for {}", user.email);
    // ok: logging/personal-data-in-log
    println!("reset mail queued ({} chars of address)", user.email.len());
}
