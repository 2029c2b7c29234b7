//! Integration tests: the real `factmark` binary in temporary folders, and the repository's
//! own samples and architecture rules.

mod architecture;
mod export;
mod faults;
mod import;
mod interop;
mod json;
mod merge;
mod pages;
mod reanchor;
mod samples;
mod scales;
mod stats;
mod util;
mod validate;
mod writes;
