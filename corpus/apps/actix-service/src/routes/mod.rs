//! Route registration, one module per area.

pub mod auth;
pub mod users;
