//! Small helpers for words shown to people, shared by the model's errors and every screen:
//! the "did you mean" suggestion, plurals, and control characters made visible.

use std::borrow::Cow;

/// The most edits a word can be from a candidate and still count as its typo, by its length.
fn typo_limit(chars: usize) -> usize {
    match chars {
        0..=2 => 1,
        3..=5 => 2,
        _ => 3,
    }
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo (case is
/// ignored). A word much longer than every candidate cannot be a typo of one, so it is never
/// compared: a 10 MB word costs a length check, not an edit-distance matrix.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let longest = candidates.iter().map(|c| c.chars().count()).max()?;
    if word.len() > 4 * (longest + typo_limit(longest)) {
        return None; // more bytes than any close word could take, even in 4-byte characters
    }
    let word = word.to_lowercase();
    let length = word.chars().count();
    let limit = typo_limit(length);
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (strsim::osa_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

/// ` (did you mean "lend"?)`, to append to an error, or nothing when no candidate is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates).map_or_else(String::new, |n| suggesting(&n))
}

/// ` (did you mean "lend"?)` for a suggestion found already.
pub fn suggesting(word: &str) -> String {
    format!(" (did you mean {word:?}?)")
}

/// As [`did_you_mean`], for the key of a file, quoted as code: " (did you mean `summary`?)".
pub fn did_you_mean_key<'a>(key: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(key, candidates).map_or_else(String::new, |n| format!(" (did you mean `{n}`?)"))
}

/// The "s" of a regular noun after a count, inside a format string: `"{n} card{}"`, or
/// `"delay\u{a0}{n}\u{a0}tick{}"`. [`plural`] builds the phrase itself, for a noun that may
/// take "es".
pub fn plural_s<N: PartialEq + From<u8>>(count: N) -> &'static str {
    if count == N::from(1) { "" } else { "s" }
}

/// "1 lesson", "3 lessons", "2 quizzes": a count with its noun.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        return format!("1 {noun}");
    }
    let plural = if noun.ends_with('z') {
        format!("{noun}zes")
    } else if noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("ch") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    };
    format!("{count} {plural}")
}

/// Text from a script or a file, safe to print to a terminal: control characters (an escape
/// sequence, a bell) are shown as `\x1b`, `\u{9b}` instead of acting on the terminal. Tabs
/// stay.
pub fn visible(text: &str) -> Cow<'_, str> {
    // A byte scan first, as `run` passes every line of a transcript through here: a control
    // character is an ASCII byte below 0x20 or 0x7f, or U+0080-U+009F, which UTF-8 writes as
    // 0xc2 and a second byte; other text after 0xc2 (`£`, `½`) only takes the closer look.
    // The bytes are taken a block at a time without stopping early, which the compiler turns
    // into a few vector instructions per block.
    let suspect = |b: u8| ((b < 0x20) & (b != b'\t')) | (b == 0x7f) | (b == 0xc2);
    let clean = |block: &[u8]| !block.iter().fold(false, |any, &b| any | suspect(b));
    if text.as_bytes().chunks(32).all(clean) || !text.chars().any(|c| c.is_control() && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            c if u32::from(c) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The lower-case form for matching without regard to case, borrowed when the text is lower
/// case already (most ids, patrons, statuses and typed words are), so that matching allocates
/// only for the rare word that needs it.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

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
        assert_eq!(nearest("lend", []), None);
    }

    #[test]
    fn suggestions_ignore_case() {
        assert_eq!(
            nearest("AUTHRS", ["authors", "titles"]),
            Some("authors".into())
        );
    }

    #[test]
    fn a_huge_word_gets_no_suggestion() {
        let word = "a".repeat(10 << 20);
        assert_eq!(nearest(&word, ["acquire", "lend", "return"]), None);
        let long = "acquirexyz".repeat(1000);
        assert_eq!(did_you_mean(&long, ["acquire"]), "");
    }

    #[test]
    fn the_hint_quotes_the_suggestion() {
        assert_eq!(did_you_mean("tikc", ["tick"]), " (did you mean \"tick\"?)");
    }

    #[test]
    fn plurals_follow_the_noun() {
        assert_eq!(
            [
                plural(1, "quiz"),
                plural(2, "quiz"),
                plural(0, "lesson"),
                plural(3, "match")
            ],
            ["1 quiz", "2 quizzes", "0 lessons", "3 matches"]
        );
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible("find \u{1b}[2J\u{7}x\ty"), "find \\x1b[2J\\x07x\ty");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn letters_that_share_a_first_byte_with_the_c1_controls_stay_as_they_are() {
        // U+00A3 and U+00BD are written 0xc2 0xa3 and 0xc2 0xbd, as U+009B is 0xc2 0x9b.
        assert!(matches!(
            visible("£5, ½ price"),
            Cow::Borrowed("£5, ½ price")
        ));
        assert_eq!(visible("£\u{9b}½\u{7f}"), "£\\u{9b}½\\x7f");
        assert_eq!(visible("\u{85}"), "\\u{85}", "NEL, a C1 control");
    }
}
