//! factdiff: checks news articles for factual consistency against a fact file and against
//! each other.
//!
//! Data flows one way through the stages, one folder each:
//! `load` (files) -> `extract` (claims) -> `align` (pairs) -> `checks` (findings) -> `report`.

pub mod align;
pub mod article;
pub mod atomic;
pub mod baseline;
pub mod bytes;
pub mod checks;
pub mod claims;
pub mod cli;
pub mod commands;
pub mod config;
pub mod edit;
pub mod extract;
pub mod facts;
pub mod finding;
pub mod lint;
pub mod load;
pub mod report;
pub mod revise;
pub mod span;
pub mod suggest;
pub mod suppress;
pub mod values;
