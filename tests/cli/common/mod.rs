//! Helpers shared by the integration tests (`mod common;`).
#![allow(dead_code)]

pub mod book;
pub mod fill;
pub mod workdir;
