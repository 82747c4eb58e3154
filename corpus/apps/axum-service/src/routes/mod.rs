//! The service's routers, one module per area.

pub mod auth;
pub mod recovery;
pub mod users;
