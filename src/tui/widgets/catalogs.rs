//! The catalogs panel: each read model with its checkpoint against the log head, its lag, its
//! health as a symbol and a word (caught up, behind, paused, damaged, rebuilding), what it
//! filed just now, and its cards drawer by drawer.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::model::language::Field;
use crate::model::{Card, Delivery, Health, Library, Projector, Status};
use crate::tui::theme::Theme;

use super::text::{PanelText, touched_books, widen, wrap};

/// A rebuild in progress, for the panel to show instead of the catalog's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilding<'a> {
    pub catalog: &'a str,
    /// Events replayed into the fresh copy so far, of `target`.
    pub done: u64,
    pub target: u64,
}

pub struct CatalogsPanel<'a> {
    pub library: &'a Library,
    pub theme: &'a Theme,
    /// What projectors filed lately (this step): marked on each catalog's line.
    pub filed: &'a [Delivery],
    pub rebuilding: Option<Rebuilding<'a>>,
    /// A catalog to bring into view (the one the last command was about).
    pub spotlight: Option<&'a str>,
    /// The drawer of the spotlit catalog the last command looked in (a `find`'s key).
    pub key: Option<&'a str>,
    /// Events after this sequence number are the step's: the drawers holding the books they
    /// touched are brought into view with their catalog.
    pub since: u64,
}

/// Below this inner width a catalog's standing is written the short way.
const ONE_LINE_WIDTH: usize = 60;

/// The symbol, word and style of a health, so meaning never rests on color alone.
pub fn health_mark(health: Health, theme: &Theme) -> (&'static str, &'static str, Style) {
    match health {
        Health::CaughtUp => ("✓", "caught up", theme.ok),
        Health::Behind => ("⋯", "behind", theme.warn),
        Health::Paused => ("‖", "paused", theme.warn),
        Health::Damaged => ("✗", "damaged", theme.bad),
        Health::Retrying { .. } => ("↻", "retrying", theme.warn),
        Health::Parked { .. } => ("⊘", "parked", theme.bad),
    }
}

fn progress_bar(done: u64, target: u64, cells: u64) -> String {
    // An empty log is rebuilt at once: a full bar.
    let filled = (done * cells)
        .checked_div(target)
        .map_or(cells, |f| f.min(cells));
    let mut bar = "▰".repeat(filled as usize);
    bar.push_str(&"▱".repeat((cells - filled) as usize));
    bar
}

/// A drawer label padded or cut (with …) to exactly `width` columns, so cards line up.
fn fit(label: &str, width: usize) -> String {
    if label.width() <= width {
        return format!("{label}{}", " ".repeat(width - label.width()));
    }
    let mut out = String::new();
    for c in label.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    format!("{out}{}", " ".repeat(width.saturating_sub(out.width())))
}

/// The part of a card a catalog's drawer label does not already say.
fn card_text(card: &Card, field: Field) -> String {
    let mut parts = Vec::new();
    if field != Field::Book {
        parts.push(card.book.as_str().to_string());
    }
    if field != Field::Title {
        parts.push(card.title.to_string());
    }
    let mut text = parts.join(" ");
    if field != Field::Status {
        // The word only, as `find` prints it: a card says a book is lent, not to whom (the
        // lessons rely on that; a catalog by patron is how a patron's loans are found).
        text.push_str(&format!(" · {}", card.status.word()));
    }
    text
}

/// A count catalog's numbers, a line per label: what it holds instead of cards.
fn count_lines(p: &Projector, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let counts = p.catalog.counts();
    if counts.is_empty() {
        return vec![Line::styled("  nothing counted", t.dim)];
    }
    let label_width = counts.iter().map(|(l, _)| l.width()).max().unwrap_or(1);
    let label_width = label_width.min(width * 2 / 5).max(1);
    counts
        .iter()
        .map(|(label, n)| {
            Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(label, label_width), t.accent),
                Span::styled(" │ ", t.dim),
                Span::styled(n.to_string(), t.text),
            ])
        })
        .collect()
}

impl CatalogsPanel<'_> {
    fn filed_range(&self, name: &str) -> Option<(u64, u64)> {
        self.filed
            .iter()
            .filter(|d| d.catalog == name && !d.parked)
            .fold(None, |acc, d| match acc {
                None => Some((d.from, d.to)),
                Some((from, to)) => Some((from.min(d.from), to.max(d.to))),
            })
    }

    fn standing(&self, p: &Projector, width: usize) -> Vec<Line<'static>> {
        let t = self.theme;
        let head = self.library.head();
        let behind = head.saturating_sub(p.checkpoint);
        let rebuilding = self.rebuilding.filter(|r| r.catalog == p.name);
        let mut status: Vec<Span<'static>> = match rebuilding {
            Some(r) => vec![
                Span::styled("↻ ", t.accent),
                Span::styled(p.name.clone(), t.title),
                Span::styled(
                    format!(
                        " rebuilding: {} replayed {} of {} events; the old copy answers until the swap",
                        progress_bar(r.done, r.target, 8),
                        r.done,
                        r.target
                    ),
                    t.accent,
                ),
            ],
            None => {
                let health = p.health(head);
                let (symbol, word, style) = health_mark(health, t);
                let word = match health {
                    Health::Behind => format!("behind\u{a0}by\u{a0}{behind}"),
                    Health::Retrying { .. } | Health::Parked { .. } => {
                        crate::transcript::health_label(health)
                    }
                    Health::Paused | Health::Damaged if behind > 0 => {
                        format!("{word}, {behind} behind")
                    }
                    _ => word.to_string(),
                };
                vec![
                    Span::styled(format!("{symbol} "), style),
                    Span::styled(p.name.clone(), t.title),
                    Span::styled(format!(" {word}"), style),
                ]
            }
        };
        if rebuilding.is_some() {
            return wrap(Line::from(status), width, 4);
        }
        // No-break spaces keep "delay 1 tick" and "#5/#7" whole when the line wraps. The
        // delay is the setting; "behind" above is how far the catalog actually is.
        let ticks = format!(
            "delay\u{a0}{}\u{a0}tick{}",
            p.delay,
            crate::words::plural_s(p.delay)
        );
        let numbers = if self.short_numbers(width) {
            // One separator fewer than the long form: "delay" is two letters longer than the
            // "lag" it replaced, and a narrow panel keeps its lines as they wrapped.
            format!(" #{}/#{head} · {ticks}", p.checkpoint)
        } else {
            format!(" · checkpoint #{} of head #{head} · {ticks}", p.checkpoint)
        };
        status.push(Span::styled(numbers, t.dim));
        let filed = self.filed_range(&p.name).map(|(from, to)| {
            let range = if from == to {
                format!("#{to}")
            } else {
                format!("#{from}-#{to}")
            };
            Span::styled(format!("+filed {range}"), t.fresh)
        });
        let used: usize = status.iter().map(|s| s.content.width()).sum();
        match filed {
            // What was just filed goes on the same line when there is room, else under it.
            Some(filed) if used + 1 + filed.content.width() <= width => {
                status.push(Span::raw(" "));
                status.push(filed);
                vec![Line::from(status)]
            }
            Some(filed) => {
                let mut lines = wrap(Line::from(status), width, 4);
                lines.extend(wrap(Line::from(vec![Span::raw("    "), filed]), width, 6));
                lines
            }
            None => wrap(Line::from(status), width, 4),
        }
    }

    /// Whether the panel writes a catalog's standing the short way (`#5/#7`) at this width,
    /// so its title can say what the numbers are.
    fn short_numbers(&self, width: usize) -> bool {
        width < ONE_LINE_WIDTH
    }

    /// A catalog's cards, drawer by drawer, and the lines of the drawers the step is about
    /// (the key looked up, or a drawer holding a book the step's events touched).
    fn cards(
        &self,
        p: &Projector,
        width: usize,
        touched: &[&str],
    ) -> (Vec<Line<'static>>, Range<usize>) {
        let t = self.theme;
        if p.catalog.is_count() {
            return (count_lines(p, width, t), 0..0);
        }
        let field = p.catalog.field();
        let drawers = p.catalog.drawers();
        if drawers.is_empty() {
            return (vec![Line::styled("  no cards", t.dim)], 0..0);
        }
        let label_width = drawers
            .iter()
            .map(|(label, _)| label.width())
            .max()
            .unwrap_or(0)
            .min(width * 2 / 5)
            .max(1);
        let key = self.key.filter(|_| self.spotlight == Some(p.name.as_str()));
        let mut lines = Vec::new();
        let mut point = None;
        for (label, cards) in drawers {
            let start = lines.len();
            let about = key.is_some_and(|k| k.eq_ignore_ascii_case(&label))
                || cards.iter().any(|c| touched.contains(&c.book.as_str()));
            for (i, card) in cards.iter().enumerate() {
                let label = if i == 0 {
                    fit(&label, label_width)
                } else {
                    " ".repeat(label_width)
                };
                let status_style = match card.status {
                    Status::Available => t.text,
                    Status::Lent { .. } => t.warn,
                    Status::Withdrawn => t.dim,
                };
                let line = Line::from(vec![
                    Span::raw("  "),
                    Span::styled(label, t.accent),
                    Span::styled(" │ ", t.dim),
                    Span::styled(card_text(card, field), status_style),
                ]);
                lines.extend(wrap(line, width, label_width + 5));
            }
            if about {
                widen(&mut point, start..lines.len());
            }
        }
        (lines, point.unwrap_or_default())
    }

    /// The panel's title, its lines at `width`, and the part the step is about: the spotlit
    /// catalog (else the first that filed something this step), from its standing down to
    /// the drawers the step touched.
    pub fn text(&self, width: usize) -> PanelText {
        let title = if self.short_numbers(width) {
            "Catalogs · #checkpoint/#head".to_string()
        } else {
            format!("Catalogs · {}", self.library.projectors().len())
        };
        let touched = touched_books(self.library, self.since);
        let about = self
            .spotlight
            .or_else(|| self.filed.first().map(|d| d.catalog.as_str()));
        let mut lines = Vec::new();
        let mut point = None;
        for p in self.library.projectors() {
            let start = lines.len();
            lines.extend(self.standing(p, width));
            if let Some(note) = crate::transcript::buffered_note(p) {
                let note = Line::from(vec![Span::raw("    "), Span::styled(note, self.theme.warn)]);
                lines.extend(wrap(note, width, 6));
            }
            let standing_end = lines.len();
            let (cards, drawers) = self.cards(p, width, &touched);
            lines.extend(cards);
            if about == Some(p.name.as_str()) {
                let end = if drawers.is_empty() {
                    standing_end
                } else {
                    standing_end + drawers.end
                };
                point = Some(start..end);
            }
        }
        PanelText {
            title,
            lines,
            point: point.unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_omits_what_its_drawer_label_says() {
        let card = Card {
            book: crate::model::BookId::new("b1"),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            subjects: std::sync::Arc::from(vec![]),
            status: Status::Lent {
                patron: "ada".into(),
            },
        };
        assert_eq!(card_text(&card, Field::Author), "b1 Dune · lent");
        assert_eq!(card_text(&card, Field::Title), "b1 · lent");
        assert_eq!(card_text(&card, Field::Book), "Dune · lent");
        assert_eq!(card_text(&card, Field::Patron), "b1 Dune · lent");
        assert_eq!(card_text(&card, Field::Status), "b1 Dune");
    }

    #[test]
    fn a_long_drawer_label_is_cut_to_keep_cards_aligned() {
        assert_eq!(fit("romance", 9), "romance  ");
        assert_eq!(fit("science fiction", 9), "science …");
    }

    #[test]
    fn the_progress_bar_fills_with_the_replay() {
        assert_eq!(progress_bar(0, 4, 4), "▱▱▱▱");
        assert_eq!(progress_bar(2, 4, 4), "▰▰▱▱");
        assert_eq!(progress_bar(4, 4, 4), "▰▰▰▰");
    }
}
