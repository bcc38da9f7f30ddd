//! A command prompt: the line being typed (scrolled sideways to keep the cursor in view) and,
//! under it, the last error with a caret under the column it names and the did-you-mean.

use ratatui::layout::Position;
use ratatui::text::{Line, Span};

use crate::model::language::ParseError;
use crate::tui::line_input::LineInput;
use crate::tui::theme::Theme;

use super::text::wrap;

const SIGN: &str = "› ";

pub struct Prompt<'a> {
    pub input: &'a LineInput,
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
        let room = width.saturating_sub(SIGN.chars().count() + 1).max(1);
        let chars: Vec<char> = self.input.text().chars().collect();
        let cursor = self.input.cursor();
        // Characters before `start` are scrolled out of view to the left.
        let start = (cursor + 1).saturating_sub(room);
        let shown: String = chars.iter().skip(start).take(room).collect();
        let sign_style = if self.active { t.focus } else { t.dim };
        let mut lines = vec![if chars.is_empty() && !self.active {
            Line::from(vec![
                Span::styled(SIGN, sign_style),
                Span::styled(self.placeholder.to_string(), t.dim),
            ])
        } else {
            Line::from(vec![
                Span::styled(SIGN, sign_style),
                Span::styled(shown, t.text),
            ])
        }];
        let cursor_at = self.active.then(|| Position {
            x: (SIGN.chars().count() + cursor - start) as u16,
            y: 0,
        });
        if let Some((text, error)) = self.error {
            let message = format!("✗ {}", error.describe());
            // The caret only means something under the text it was computed for.
            let col = error.col.saturating_sub(1);
            if text == self.input.text() && col >= start && col - start < room + 1 {
                let pad = SIGN.chars().count() + col - start;
                lines.push(Line::styled(format!("{}^", " ".repeat(pad)), t.bad));
            }
            lines.extend(wrap(Line::styled(message, t.bad), width, 2));
        }
        (lines, cursor_at)
    }
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

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let theme = Theme::new(ThemeName::Mono);
        let mut input = LineInput::new();
        input.set("acquire b9 \"A very long title indeed\" by \"Someone\"");
        let prompt = Prompt {
            input: &input,
            error: None,
            active: true,
            placeholder: "",
            theme: &theme,
        };
        let (lines, cursor) = prompt.lines(20);
        assert!(lines[0].to_string().ends_with("\"Someone\""));
        assert!(cursor.unwrap().x < 20);
    }
}
