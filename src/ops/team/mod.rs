//! Team review: several reviewers' files of one text compared ([`stats`]) and merged into
//! one ([`merge`]). Both stand on [`units`], the rule that says which claims of different
//! files are claims on the same words.

pub mod measures;
pub mod stats;
pub mod units;

#[cfg(test)]
mod tests;
