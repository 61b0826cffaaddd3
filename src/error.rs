//! Errors of the query API: a kind to branch on and a message to show.
//!
//! Every failure a caller can cause (a bad argument, an unknown field, a
//! corrupt bundle) is an [`Error`]; in JavaScript it becomes a thrown `Error`
//! whose `name` is `"YuliaoError"`, whose `kind` is [`ErrorKind::as_str`] and
//! whose `message` says what was wrong and what is allowed.

use core::fmt;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An argument has the wrong type or is out of range.
    InvalidArgument,
    /// The query text cannot be used (empty, too long, only exclusions).
    InvalidQuery,
    /// A filter names a field the corpus does not have.
    UnknownField,
    /// No document has the requested id.
    NotFound,
    /// The bundle bytes are not a usable bundle.
    InvalidBundle,
    /// A bundle could not be downloaded (network error, HTTP status).
    LoadFailed,
}

impl ErrorKind {
    /// The name JavaScript sees in `error.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalidArgument",
            ErrorKind::InvalidQuery => "invalidQuery",
            ErrorKind::UnknownField => "unknownField",
            ErrorKind::NotFound => "notFound",
            ErrorKind::InvalidBundle => "invalidBundle",
            ErrorKind::LoadFailed => "loadFailed",
        }
    }
}

/// A failure of a query API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    /// Where in the query it went wrong, in UTF-16 code units (CQL errors).
    at: Option<u32>,
}

impl Error {
    /// An error of `kind` with `message` (lowercase, stating the rule and the value).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), at: None }
    }

    /// The same error, located at UTF-16 offset `at` of the query (in
    /// JavaScript, `error.at`).
    pub fn at(mut self, at: u32) -> Self {
        self.at = Some(at);
        self
    }

    /// Where in the query the error is, in UTF-16 code units, if known.
    pub fn position(&self) -> Option<u32> {
        self.at
    }

    /// Shorthand for [`ErrorKind::InvalidArgument`].
    pub fn argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<crate::bundle::BundleError> for Error {
    fn from(e: crate::bundle::BundleError) -> Self {
        Error::new(ErrorKind::InvalidBundle, e.to_string())
    }
}
