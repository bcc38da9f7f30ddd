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
    /// Scrubbing through time: the moment viewed. Later events are drawn dim below a marker,
    /// as what has not happened yet at that moment.
    pub viewing: Option<u64>,
}

impl LogPanel<'_> {
    pub fn lines(&self) -> Vec<Line<'static>> {
        self.lines_and_marker().0
    }

    /// The lines, and where the "viewing" marker stands (when scrubbing).
    fn lines_and_marker(&self) -> (Vec<Line<'static>>, Option<usize>) {
        let t = self.theme;
        let events = self.library.log().events();
        if events.is_empty() {
            return (
                vec![Line::styled(
                    "Empty: the back office has recorded nothing yet.",
                    t.dim,
                )],
                None,
            );
        }
        let seq_width = format!("#{}", self.library.head()).len();
        let mut lines = Vec::with_capacity(events.len() + 1);
        let mut marker = None;
        for e in events {
            if let Some(at) = self.viewing
                && marker.is_none()
                && e.seq > at
            {
                marker = Some(lines.len());
                lines.push(Line::styled(
                    format!("◀ viewing #{at} · below: not yet happened"),
                    t.fresh,
                ));
            }
            let future = marker.is_some();
            let new = !future && self.viewing.is_none() && e.seq > self.since;
            let (mark, style) = if new { ("+ ", t.fresh) } else { ("  ", t.text) };
            let style = if future { t.dim } else { style };
            let details = crate::transcript::event_details(&e.kind);
            let name_style = match (future, new) {
                (true, _) => t.dim,
                (false, true) => t.fresh,
                (false, false) => t.accent,
            };
            let mut spans = vec![
                Span::styled(mark, t.fresh),
                Span::styled(format!("{:<seq_width$} ", format!("#{}", e.seq)), style),
                Span::styled(format!("t{} ", e.tick), t.dim),
                Span::styled(e.kind.name(), name_style),
                Span::styled(format!(" {}", e.book.as_str()), style),
            ];
            if !details.is_empty() {
                spans.push(Span::styled(format!(" {details}"), t.dim));
            }
            lines.push(Line::from(spans));
        }
        (lines, marker)
    }
}

impl StatefulWidget for &LogPanel<'_> {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let head = self.library.head();
        let title = match self.viewing {
            Some(at) => format!("Event log · viewing #{at} of #{head}"),
            None => format!("Event log · head #{head} · tick {} now", self.library.now()),
        };
        let block = panel(&title, self.focused, self.theme);
        let (lines, marker) = self.lines_and_marker();
        if let Some(at) = marker {
            // Keep the moment viewed in the middle of the panel as it moves.
            let height = block.inner(area).height as usize;
            scroll.follow_line(at.saturating_sub(height / 2), lines.len(), height);
        }
        render_scrolled(block, lines, area, buf, scroll, self.theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;
    use crate::tui::theme::{Theme, ThemeName};

    #[test]
    fn viewing_the_past_marks_where_it_stands_and_dims_what_came_later() {
        let mut session = Session::new();
        session
            .execute_script(
                "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\ntick\nlend b1 to ada\n",
            )
            .unwrap();
        let theme = Theme::new(ThemeName::Dark);
        let panel = LogPanel {
            library: session.library(),
            theme: &theme,
            focused: false,
            since: 0,
            viewing: Some(2),
        };
        let (lines, marker) = panel.lines_and_marker();
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(marker, Some(2));
        assert_eq!(text[2], "◀ viewing #2 · below: not yet happened");
        assert!(text[3].starts_with("  #3 t1 BookLent b1"), "{text:?}");
        assert_eq!(lines[3].spans[3].style, theme.dim);
        assert!(
            !text.iter().any(|l| l.starts_with('+')),
            "no event is new in the past"
        );
    }
}
