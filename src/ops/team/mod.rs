//! Team review: several reviewers' files of one text compared ([`stats`], with the
//! agreement [`measures`]). It stands on [`units`], the rule that says which claims of
//! different files are claims on the same words; [`merge`] makes one file of them on the
//! same rule.

pub mod curate;
pub mod measures;
pub mod merge;
pub mod stats;
pub mod units;

#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod tests;
