//! Helpers shared by several integration-test crates.
#![allow(dead_code)]

pub mod markers;
pub mod report;
