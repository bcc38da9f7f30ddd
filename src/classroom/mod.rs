//! The classroom around a projected tour: a class's quiz results collected in one shared file,
//! and the presenter's speaker notes followed from a second terminal.

pub mod notes;
pub mod results;

/// Text from a shared file, made safe to print in a terminal: it may hold whatever a learner
/// typed, escape sequences included. Line breaks and tabs stay.
pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
