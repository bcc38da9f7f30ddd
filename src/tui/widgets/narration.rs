//! The narration panel: a step's text wrapped to the panel, paragraph by paragraph, with
//! `*emphasis*` and `` `code` `` shown in the theme's styles instead of their marks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use crate::content::markup::{Mark, paragraphs, pieces};
use crate::tui::theme::Theme;

use super::panel::panel;
use super::text::{Scroll, render_scrolled, wrap};

/// A line of content text as spans in `style`, its `` `code` `` in the theme's code style
/// and its `*emphasis*` emphasized, without their marks: predictions, quizzes, goals, hints.
pub fn marked(text: &str, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    pieces(text)
        .into_iter()
        .map(|p| {
            let style = match p.mark {
                Mark::Plain => style,
                Mark::Emphasis => theme.emphasis,
                Mark::Code => theme.key,
            };
            Span::styled(p.text, style)
        })
        .collect()
}

/// Styled, wrapped lines of a narration: a blank line between paragraphs.
pub fn narration_lines(text: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs(text).iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.extend(wrap(
            Line::from(marked(paragraph, theme.text, theme)),
            width,
            0,
        ));
    }
    lines
}

pub struct NarrationPanel<'a> {
    pub title: &'a str,
    /// A heading over the text (the step's title).
    pub heading: Option<&'a str>,
    pub text: &'a str,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl NarrationPanel<'_> {
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some(heading) = self.heading {
            lines.extend(wrap(
                Line::styled(heading.to_string(), self.theme.title),
                width,
                0,
            ));
            lines.push(Line::raw(""));
        }
        lines.extend(narration_lines(self.text, width, self.theme));
        lines
    }
}

impl StatefulWidget for &NarrationPanel<'_> {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let block = panel(self.title, self.focused, self.theme);
        let width = block.inner(area).width as usize;
        let lines = self.lines(width);
        render_scrolled(block, lines, area, buf, scroll, self.theme);
    }
}
