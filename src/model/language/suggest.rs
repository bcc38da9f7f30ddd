//! Nearest-word suggestions for misspellings ("lned" -> "lend"), for the language's errors.
//! The one helper lives in `crate::words` (tested there); the language names it here.

/// The candidate closest to `word`, if it is close enough to be a plausible typo: the one
/// helper every "did you mean" of the app uses (see `crate::words`).
pub use crate::words::nearest;
