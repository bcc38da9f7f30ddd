//! A command prompt: the line being typed (scrolled sideways to keep the cursor in view) and,
//! under it, the last error with a caret under the column it names and the did-you-mean.

use ratatui::layout::Position;
use ratatui::text::{Line, Span};

use crate::model::language::{Names, ParseError, complete};
use crate::tui::line_input::{Completion, LineInput};
use crate::tui::theme::Theme;

use super::text::wrap;

const SIGN: &str = "› ";

/// What Tab offers for the text before the cursor: the language's commands, catalogs, books
/// and patrons (`names`), and, for the first word, the screen's own prompt words. Where the
/// word being completed starts, and the candidates, sorted.
pub fn candidates(before: &str, names: &Names<'_>, words: &[&str]) -> (usize, Vec<String>) {
    let (start, mut options) = complete(before, names);
    if before.split_whitespace().count() <= 1 && !before.ends_with(' ') {
        let word = before.trim().to_lowercase();
        options.extend(
            words
                .iter()
                .filter(|w| w.starts_with(&word))
                .map(|w| w.to_string()),
        );
        options.sort();
        options.dedup();
    }
    (start, options)
}

pub struct Prompt<'a> {
    pub input: &'a LineInput,
    /// Tab's candidates while completing, listed under the line.
    pub completion: Option<&'a Completion>,
    /// The error of the last submission, and the text that caused it.
    pub error: Option<(&'a str, &'a ParseError)>,
    /// Whether keys go to the prompt now.
    pub active: bool,
    /// Shown in place of the text when the prompt is empty and not active.
    pub placeholder: &'a str,
    pub theme: &'a Theme,
}

impl Prompt<'_> {
    /// The prompt's lines at `width`, and where the cursor goes (relative to the first line)
    /// when the prompt is active.
    pub fn lines(&self, width: usize) -> (Vec<Line<'static>>, Option<Position>) {
        let t = self.theme;
        let chars: Vec<char> = self.input.text().chars().collect();
        let cursor = self.input.cursor();
        let view = View::of(
            &chars,
            cursor,
            width.saturating_sub(SIGN.chars().count() + 1),
        );
        let (start, room, lead) = (view.start, view.room, view.verb.chars().count());
        let shown: String = chars.iter().skip(start).take(room).collect();
        let sign_style = if self.active { t.focus } else { t.dim };
        let text_style = if self.input.is_selected() {
            t.selected
        } else {
            t.text
        };
        let mut lines = vec![if chars.is_empty() && !self.active {
            Line::from(vec![
                Span::styled(SIGN, sign_style),
                Span::styled(self.placeholder.to_string(), t.dim),
            ])
        } else {
            Line::from(vec![
                Span::styled(SIGN, sign_style),
                Span::styled(view.verb.clone(), t.accent),
                Span::styled(shown, text_style),
            ])
        }];
        let cursor_at = self.active.then(|| Position {
            x: (SIGN.chars().count() + lead + cursor - start) as u16,
            y: 0,
        });
        if let Some((text, error)) = self.error {
            let message = format!("✗ {}", error.describe());
            // The caret only means something under the text it was computed for.
            let col = error.col.saturating_sub(1);
            if text == self.input.text() && col >= start && col - start < room + 1 {
                let pad = SIGN.chars().count() + lead + col - start;
                lines.push(Line::styled(format!("{}^", " ".repeat(pad)), t.bad));
            }
            lines.extend(wrap(Line::styled(message, t.bad), width, 2));
        }
        if let Some(completion) = self.completion {
            lines.extend(candidate_lines(completion, width, t));
        }
        (lines, cursor_at)
    }
}

/// The part of a line shown in `room` columns: scrolled to keep the cursor in view and, once
/// scrolled, led by the command's verb ("acquire …") so the line still says what it is.
struct View {
    verb: String,
    /// The first character shown after the verb, and how many fit.
    start: usize,
    room: usize,
}

impl View {
    fn of(chars: &[char], cursor: usize, room: usize) -> View {
        let room = room.max(1);
        let start = (cursor + 1).saturating_sub(room);
        let verb: String = chars.iter().take_while(|c| !c.is_whitespace()).collect();
        let lead = verb.chars().count() + 3;
        if start == 0 || verb.is_empty() || lead * 2 > room {
            return View {
                verb: String::new(),
                start,
                room,
            };
        }
        let room = room - lead;
        let start = (cursor + 1).saturating_sub(room).max(lead - 2);
        View {
            verb: format!("{verb} … "),
            start,
            room,
        }
    }
}

/// Tab's candidates: the one in place marked with ▸ and reversed, not by color alone.
fn candidate_lines(completion: &Completion, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut spans = vec![Span::styled("Tab:", t.dim)];
    for (i, option) in completion.options.iter().enumerate() {
        if completion.chosen == Some(i) {
            spans.push(Span::styled(" ▸", t.focus));
            spans.push(Span::styled(option.clone(), t.selected));
        } else {
            spans.push(Span::styled(format!("  {option}"), t.accent));
        }
    }
    wrap(Line::from(spans), width, 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::{Theme, ThemeName};

    #[test]
    fn the_caret_stands_under_the_column_of_the_error() {
        let theme = Theme::new(ThemeName::Mono);
        let mut input = LineInput::new();
        input.set("lend b1 ot ada");
        let error = ParseError::new(1, 9, "expected `to`, found `ot`");
        let prompt = Prompt {
            input: &input,
            completion: None,
            error: Some(("lend b1 ot ada", &error)),
            active: true,
            placeholder: "",
            theme: &theme,
        };
        let (lines, cursor) = prompt.lines(40);
        assert_eq!(lines[0].to_string(), "› lend b1 ot ada");
        assert_eq!(lines[1].to_string(), "          ^");
        assert!(lines[2].to_string().contains("expected `to`"));
        assert_eq!(cursor, Some(Position { x: 16, y: 0 }));
    }

    /// The lines of an active prompt `width` wide with `text` typed, the cursor at its end.
    fn typed(text: &str, width: usize) -> (Vec<Line<'static>>, Option<Position>) {
        let theme = Theme::new(ThemeName::Mono);
        let mut input = LineInput::new();
        input.set(text);
        let prompt = Prompt {
            input: &input,
            completion: None,
            error: None,
            active: true,
            placeholder: "",
            theme: &theme,
        };
        prompt.lines(width)
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let (lines, cursor) = typed("acquire b9 \"A very long title indeed\" by \"Someone\"", 20);
        assert!(lines[0].to_string().ends_with("\"Someone\""));
        assert!(cursor.unwrap().x < 20);
    }

    #[test]
    fn a_long_line_keeps_its_verb_in_view() {
        let (lines, cursor) = typed(
            "acquire b9 \"A very long title indeed\" by \"Someone Else\"",
            36,
        );
        let line = lines[0].to_string();
        assert!(line.starts_with("› acquire … "), "{line}");
        assert!(line.ends_with("\"Someone Else\""), "{line}");
        assert!(line.chars().count() <= 36, "{line}");
        assert_eq!(cursor.unwrap().x as usize, line.chars().count());
    }
}
