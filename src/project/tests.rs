//! Tests of the project pass over small in-memory projects.
