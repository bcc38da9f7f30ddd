//! Nearest-word suggestions for misspellings ("lned" -> "lend").
//! Plain edit distance is enough for a vocabulary of a few dozen words.

/// The candidate closest to `word`, if it is close enough to be a plausible typo: the one
/// helper every "did you mean" of the app uses (see `crate::words`).
pub use crate::words::nearest;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swapped_pair_of_letters_is_one_edit() {
        assert_eq!(
            nearest("lned", ["lend", "find", "tick"]),
            Some("lend".into())
        );
    }

    #[test]
    fn nothing_is_suggested_for_a_word_far_from_every_candidate() {
        assert_eq!(nearest("xylophone", ["lend", "find"]), None);
    }

    #[test]
    fn suggestions_ignore_case() {
        assert_eq!(
            nearest("AUTHRS", ["authors", "titles"]),
            Some("authors".into())
        );
    }
}
