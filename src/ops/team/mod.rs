//! Team review: several reviewers' files of one text compared ([`stats`], with the
//! agreement [`measures`]). It stands on [`units`], the rule that says which claims of
//! different files are claims on the same words; merging will stand on it too.

pub mod measures;
pub mod stats;
pub mod units;

#[cfg(test)]
mod tests;
