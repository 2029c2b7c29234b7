//! A problem found in a file, located by claim and field.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Loading can still proceed; the file is valid but something is worth a look.
    Warning,
    /// The file is invalid: it is not opened for editing and never written.
    Error,
}

/// One problem, displayed as `claim ID: field: what is wrong` (the caller puts the file
/// name in front).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The claim's id, or `#N` (1-based position in the file) when it has no usable id.
    pub claim: Option<String>,
    /// Path of the field inside the claim or document, such as `sources[1].url`.
    pub field: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(claim: Option<&str>, field: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            claim: claim.map(str::to_owned),
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }

    pub fn warning(claim: Option<&str>, field: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(claim, field, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if let Some(claim) = &self.claim {
            write!(f, "claim {claim}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}
