//! The event-log panel: every event with its sequence number and the tick it was appended at,
//! newest last. Events after a given point (what this step appended) are marked with `+` and
//! the theme's fresh style, so they stand out without color too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use crate::model::Library;
use crate::tui::theme::Theme;

use super::panel::panel;
use super::text::{Scroll, render_scrolled};

pub struct LogPanel<'a> {
    pub library: &'a Library,
    pub theme: &'a Theme,
    pub focused: bool,
    /// Events after this sequence number are new.
    pub since: u64,
}

impl LogPanel<'_> {
    pub fn lines(&self) -> Vec<Line<'static>> {
        let t = self.theme;
        let events = self.library.log().events();
        if events.is_empty() {
            return vec![Line::styled(
                "Empty: the back office has recorded nothing yet.",
                t.dim,
            )];
        }
        let seq_width = format!("#{}", self.library.head()).len();
        events
            .iter()
            .map(|e| {
                let new = e.seq > self.since;
                let (mark, style) = if new { ("+ ", t.fresh) } else { ("  ", t.text) };
                let details = e.kind.details();
                let mut spans = vec![
                    Span::styled(mark, t.fresh),
                    Span::styled(format!("{:<seq_width$} ", format!("#{}", e.seq)), style),
                    Span::styled(format!("t{} ", e.tick), t.dim),
                    Span::styled(e.kind.name(), if new { t.fresh } else { t.accent }),
                    Span::styled(format!(" {}", e.book.as_str()), style),
                ];
                if !details.is_empty() {
                    spans.push(Span::styled(format!(" {details}"), t.dim));
                }
                Line::from(spans)
            })
            .collect()
    }
}

impl StatefulWidget for &LogPanel<'_> {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let title = format!(
            "Event log · head #{} · tick {} now",
            self.library.head(),
            self.library.now()
        );
        render_scrolled(
            panel(&title, self.focused, self.theme),
            self.lines(),
            area,
            buf,
            scroll,
            self.theme,
        );
    }
}
