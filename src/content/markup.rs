//! The light markup of narration as authored: paragraphs split by blank lines, `*emphasis*`
//! and `` `code` `` marks. Screens style the pieces; plain text keeps the words.

use unicode_width::UnicodeWidthStr;

/// What a piece of narration is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    Emphasis,
    Code,
}

/// A run of text with one mark, markers removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub mark: Mark,
}

/// The paragraphs of a narration: lines within a paragraph are joined with a space, since
/// authors break lines for their editor, not for the reader.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Splits a paragraph into marked pieces. A marker with no partner is kept as text, so a
/// stray `*` in a sentence is shown as written rather than swallowing the rest of it.
pub fn pieces(paragraph: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut rest = paragraph;
    let push = |out: &mut Vec<Piece>, text: &str, mark: Mark| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(text),
            _ => out.push(Piece {
                text: text.to_string(),
                mark,
            }),
        }
    };
    while let Some(start) = rest.find(['*', '`']) {
        let marker = rest[start..].chars().next().unwrap_or('*');
        let after = &rest[start + 1..];
        match after.find(marker) {
            Some(end) if end > 0 => {
                push(&mut out, &rest[..start], Mark::Plain);
                let mark = if marker == '*' {
                    Mark::Emphasis
                } else {
                    Mark::Code
                };
                push(&mut out, &after[..end], mark);
                rest = &after[end + 1..];
            }
            _ => {
                push(&mut out, &rest[..=start], Mark::Plain);
                rest = after;
            }
        }
    }
    push(&mut out, rest, Mark::Plain);
    out
}

/// Wraps plain text at `width` terminal columns (a wide character takes two), for plain
/// output (`tour --plain`, the speaker notes); `tui::widgets::text::wrap` does the same for
/// styled lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        if !line.is_empty() && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_wrapping_counts_columns_not_characters() {
        // Four wide characters are eight columns: they do not fit beside "ab" in 10.
        assert_eq!(wrap("ab 図書目録", 10), vec!["ab", "図書目録"]);
        assert_eq!(wrap("ab cdef", 10), vec!["ab cdef"]);
    }

    #[test]
    fn blank_lines_split_paragraphs_and_single_breaks_do_not() {
        assert_eq!(
            paragraphs("one\ntwo\n\nthree\n"),
            vec!["one two".to_string(), "three".to_string()]
        );
    }

    #[test]
    fn stars_mark_emphasis_and_backticks_mark_code() {
        let p = pieces("health, *damaged*, after `damage authors`.");
        let marks: Vec<(&str, Mark)> = p.iter().map(|p| (p.text.as_str(), p.mark)).collect();
        assert_eq!(
            marks,
            vec![
                ("health, ", Mark::Plain),
                ("damaged", Mark::Emphasis),
                (", after ", Mark::Plain),
                ("damage authors", Mark::Code),
                (".", Mark::Plain),
            ]
        );
    }

    #[test]
    fn a_lone_star_stays_as_text() {
        let p = pieces("5 * 3 is fifteen");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "5 * 3 is fifteen");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
    }
}
