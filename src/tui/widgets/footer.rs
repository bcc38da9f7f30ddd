//! The one-line key footer at the bottom of every screen, or a flash message when there is one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

pub struct Footer<'a> {
    pub hints: &'a [(&'static str, &'static str)],
    /// How many hints at the end (help, quit) must stay when the line is too narrow: the
    /// screen's own hints give way first, from the last.
    pub keep_last: usize,
    pub flash: Option<&'a str>,
    pub theme: &'a Theme,
}

impl Widget for &Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let line = match self.flash {
            Some(message) => Line::from(Span::styled(format!(" ! {message}"), self.theme.warn)),
            None => {
                let width = |h: &(&str, &str)| h.0.chars().count() + 1 + h.1.chars().count() + 2;
                let keep = self.keep_last.min(self.hints.len());
                let (own, global) = self.hints.split_at(self.hints.len() - keep);
                // Each hint costs its width and a two-space separator; the first has none.
                let mut room = (area.width as usize + 2)
                    .saturating_sub(1 + global.iter().map(width).sum::<usize>());
                let mut shown: Vec<&(&str, &str)> = Vec::new();
                for hint in own {
                    if width(hint) > room {
                        break;
                    }
                    room -= width(hint);
                    shown.push(hint);
                }
                shown.extend(global);
                let mut spans = vec![Span::raw(" ")];
                for (i, (keys, what)) in shown.into_iter().enumerate() {
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
