//! The audit evidence bundle: for one reviewed revision, what was in scope,
//! what was checked against which control, what was found, who owns it, by
//! when it is fixed or who accepted the risk, and whether the release may go.
//!
//! `model` computes the content once; `scope`, `results`, `register` and
//! `render` turn it into the bundle's files; `bundle` writes them
//! atomically; `gates` and `review` decide the gates, at scan time and again
//! (`comply gate`) after the reviewer edited the assessment; `run` is the
//! command-line glue.

pub mod areas;
pub mod bundle;
pub mod compare;
pub mod controls;
pub mod files;
pub mod gate_command;
pub mod gates;
pub mod gitinfo;
pub mod model;
pub mod register;
pub mod render;
pub mod results;
pub mod review;
pub mod run;
pub mod scope;
pub mod settings;
