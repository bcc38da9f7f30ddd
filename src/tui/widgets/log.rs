//! The event-log panel: every event with its sequence number and the tick it was appended at,
//! newest last. Events after a given point (what this step appended) are marked with `+` and
//! the theme's fresh style, so they stand out without color too.

use ratatui::text::{Line, Span};

use crate::model::Library;
use crate::tui::theme::Theme;

use super::text::PanelText;

pub struct LogPanel<'a> {
    pub library: &'a Library,
    pub theme: &'a Theme,
    /// Events after this sequence number are new.
    pub since: u64,
    /// Scrubbing through time: the moment viewed. Later events are drawn dim below a marker,
    /// as what has not happened yet at that moment.
    pub viewing: Option<u64>,
}

impl LogPanel<'_> {
    /// The panel's title, its lines wrapped to `width` (an event is never cut: it goes on
    /// under its number), and the events the step appended, or the moment viewed.
    pub fn text(&self, width: usize) -> PanelText {
        let head = self.library.head();
        let name = crate::transcript::log_title(self.library);
        let title = match self.viewing {
            Some(at) => format!("{name} · viewing #{at} of #{head}"),
            None => {
                let now = self.library.now();
                let long = format!("{name} · head #{head} · tick {now} now");
                // A narrow panel keeps the clock, in the log's own short form, rather than
                // cutting it off the end (the outbox lesson is about the next tick).
                if long.chars().count() + 4 > width {
                    format!("{name} · head #{head} · t{now}")
                } else {
                    long
                }
            }
        };
        // A wrapped event goes on under its name; the "empty" sentence needs no indent.
        let indent = if head > 0 {
            format!("#{head}").len() + 3
        } else if self.library.outbox_len() > 0 {
            // Only an outbox's waiting events wrap here: under their name.
            "⋯ outbox ".chars().count()
        } else {
            0
        };
        PanelText::from_rows(title, self.rows(), width, indent)
    }

    /// A line per event, and whether it is marked: appended by the step, or (scrubbing) the
    /// "viewing" marker.
    fn rows(&self) -> Vec<(Line<'static>, bool)> {
        let t = self.theme;
        let events = self.library.log().events();
        let mut lines = self.event_rows();
        if events.is_empty() {
            let empty = if self.library.outbox_len() == 0 {
                "Empty: the back office has recorded nothing yet."
            } else {
                "Nothing published yet."
            };
            lines.push((Line::styled(empty, t.dim), false));
        }
        lines.extend(self.outbox_rows());
        lines
    }

    /// What an outbox office has committed but its relay has not yet published: below the
    /// stream, not numbered, since an event gets its number when it is published.
    fn outbox_rows(&self) -> Vec<(Line<'static>, bool)> {
        let t = self.theme;
        self.library
            .outbox()
            .map(|(book, kind)| {
                let details = crate::transcript::event_details(kind);
                let mut spans = vec![
                    Span::styled("⋯ outbox ", t.warn),
                    Span::styled(kind.name(), t.accent),
                    Span::styled(format!(" {}", book.as_str()), t.text),
                ];
                if !details.is_empty() {
                    spans.push(Span::styled(format!(" {details}"), t.dim));
                }
                (Line::from(spans), false)
            })
            .collect()
    }

    fn event_rows(&self) -> Vec<(Line<'static>, bool)> {
        let t = self.theme;
        let events = self.library.log().events();
        let seq_width = format!("#{}", self.library.head()).len();
        let mut lines = Vec::with_capacity(events.len() + 1);
        let mut marked = false;
        for e in events {
            if let Some(at) = self.viewing
                && !marked
                && e.seq > at
            {
                marked = true;
                lines.push((
                    Line::styled(
                        format!("◀ viewing #{at} · below: not yet happened"),
                        t.fresh,
                    ),
                    true,
                ));
            }
            let future = marked;
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
            lines.push((Line::from(spans), new));
        }
        lines
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
            since: 0,
            viewing: Some(2),
        };
        let shown = panel.text(80);
        let (lines, marker) = (shown.lines, shown.point);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(marker, 2..3);
        assert_eq!(text[2], "◀ viewing #2 · below: not yet happened");
        assert!(text[3].starts_with("  #3 t1 BookLent b1"), "{text:?}");
        assert_eq!(lines[3].spans[3].style, theme.dim);
        assert!(
            !text.iter().any(|l| l.starts_with('+')),
            "no event is new in the past"
        );
    }
}
