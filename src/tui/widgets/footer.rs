//! The one-line key footer at the bottom of every screen, or a flash message when there is one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

pub struct Footer<'a> {
    pub hints: &'a [(&'static str, &'static str)],
    pub flash: Option<&'a str>,
    pub theme: &'a Theme,
}

impl Widget for &Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let line = match self.flash {
            Some(message) => Line::from(Span::styled(format!(" ! {message}"), self.theme.warn)),
            None => {
                let mut spans = vec![Span::raw(" ")];
                for (i, (keys, what)) in self.hints.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::styled("  ", self.theme.dim));
                    }
                    spans.push(Span::styled(*keys, self.theme.key));
                    spans.push(Span::styled(format!(" {what}"), self.theme.dim));
                }
                Line::from(spans)
            }
        };
        line.render(area, buf);
    }
}
