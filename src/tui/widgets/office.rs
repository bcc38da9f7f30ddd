//! The back-office panel: every book as the librarians record it, with where it stands
//! (acquired, available, lent to someone, withdrawn). Books an event changed since a given
//! point are marked with `+` and the theme's fresh style.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::model::{BookState, Library};
use crate::transcript::book_state;
use crate::tui::theme::Theme;

use super::narration::marked;
use super::text::{PanelText, touched_books};

pub struct OfficePanel<'a> {
    pub library: &'a Library,
    pub theme: &'a Theme,
    /// Events after this sequence number are new: the books they touched are marked.
    pub since: u64,
}

impl OfficePanel<'_> {
    /// The panel's title, lines wrapped to `width`, and the books the step changed.
    pub fn text(&self, width: usize) -> PanelText {
        let count = self.library.office().len();
        let name = if self.library.office_mode().is_state_stored() {
            "Back office tables"
        } else {
            "Back office"
        };
        let title = match count {
            0 => name.to_string(),
            1 => format!("{name} · 1 book"),
            n => format!("{name} · {n} books"),
        };
        PanelText::from_rows(title, self.rows(), width, 4)
    }

    /// A line per book, and whether the step changed it.
    fn rows(&self) -> Vec<(Line<'static>, bool)> {
        let t = self.theme;
        let books: Vec<_> = self.library.office().books().collect();
        if books.is_empty() {
            return vec![(
                Line::from(marked("No books yet: `acquire` records one.", t.dim, t)),
                false,
            )];
        }
        let touched = touched_books(self.library, self.since);
        let unpublished = self.library.unpublished();
        let id_width = books
            .iter()
            .map(|b| b.id.as_str().width())
            .max()
            .unwrap_or(2);
        let states: Vec<String> = books.iter().map(|b| book_state(&b.state)).collect();
        let state_width = states.iter().map(|s| s.width()).max().unwrap_or(0);
        let version_width = books
            .iter()
            .map(|b| b.version.to_string().len())
            .max()
            .unwrap_or(1);
        books
            .iter()
            .zip(states)
            .map(|(book, state)| {
                let new = touched.contains(&book.id.as_str());
                let state_style = match book.state {
                    BookState::Available => t.ok,
                    BookState::Lent { .. } => t.warn,
                    BookState::Withdrawn => t.dim,
                    BookState::Acquired => t.text,
                };
                let (mark, id_style) = if new {
                    ("+ ", t.fresh)
                } else {
                    ("  ", t.accent)
                };
                let mut spans = vec![
                    Span::styled(mark, t.fresh),
                    Span::styled(format!("{:<id_width$} ", book.id.as_str()), id_style),
                    // The version `expecting` compares with: the number of the book's commits.
                    Span::styled(format!("v{:<version_width$} ", book.version), t.dim),
                    Span::styled(format!("{state:<state_width$} "), state_style),
                    Span::styled(book.title.to_string(), t.text),
                    Span::styled(format!(" · {}", book.author), t.dim),
                ];
                // A commit the stream lacks is what the catalogs cannot know: said on the
                // book, so the table and the stream can be seen to disagree.
                let (waiting, lost) = unpublished
                    .get(book.id.as_str())
                    .copied()
                    .unwrap_or_default();
                if waiting > 0 {
                    spans.push(Span::styled(format!(" · ⋯ {waiting} in outbox"), t.warn));
                }
                if lost > 0 {
                    spans.push(Span::styled(format!(" · ✗ {lost} never published"), t.bad));
                }
                (Line::from(spans), new || waiting > 0 || lost > 0)
            })
            .collect()
    }
}
