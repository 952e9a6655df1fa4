//! Demonstration data, written through the use cases in [`crate::services`] exactly as
//! people's work would be: the sample agency a new desk can load ([`sample`]) and the
//! deterministic data-set generator behind `account-desk gen` and the benchmarks
//! ([`generate`]). Nothing in the use cases depends on it.

pub mod generate;
pub mod sample;
