//! The help overlay: every key of the screen in front, then the keys that work everywhere,
//! read from the same table as the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::keys::{Action, Keymap};
use super::screen::HelpRow;
use super::theme::Theme;
use super::widgets::panel::panel;
use super::widgets::text::{Scroll, render_scrolled, wrap_all};

/// The lines of the overlay: the screen's own keys, then the global ones.
pub fn lines(
    screen_title: &str,
    screen_keys: &[HelpRow],
    keys: &Keymap,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let row = |k: &str, doc: &str| {
        Line::from(vec![
            Span::styled(format!("{k:>12}  "), theme.key),
            Span::styled(doc.to_string(), theme.text),
        ])
    };
    let mut lines = vec![Line::styled(format!("Keys on {screen_title}"), theme.title)];
    lines.extend(screen_keys.iter().map(|(k, doc)| row(k, doc)));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Everywhere", theme.title));
    for action in [Action::Help, Action::Back, Action::Quit] {
        if let Some(b) = keys.binding(action) {
            lines.push(row(b.label, b.doc));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks on the panels", theme.title));
    for (mark, meaning) in LEGEND {
        lines.push(row(mark, meaning));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} {} scroll this help. Press {} or {} to close.",
            keys.short(Action::Up),
            keys.short(Action::Down),
            keys.label(Action::Help),
            keys.label(Action::Back)
        ),
        theme.dim,
    ));
    lines
}

/// What the glyphs of the model's panels mean.
const LEGEND: [(&str, &str); 12] = [
    ("+", "appended, changed or filed by this step"),
    ("✓", "a catalog caught up; a command accepted"),
    ("⋯", "a catalog behind; an event waiting in the outbox"),
    ("‖", "a catalog paused: it files nothing until resumed"),
    ("✗", "a catalog damaged; a command rejected; a commit lost"),
    (
        "↻",
        "a catalog being rebuilt, or retrying an event it could not file",
    ),
    ("⊘", "a catalog that parked an event it could not file"),
    ("t0", "the tick an event was appended at"),
    (
        "#4/#6",
        "a catalog's checkpoint (last event filed) / the log head",
    ),
    ("○", "a challenge's condition not met yet"),
    (
        "= keep:",
        "a condition that held from the start: keep it so",
    ),
    ("(you)", "a command you typed"),
];

/// Draws the overlay, scrolled by `scroll` when it is taller than the screen (the border
/// then says how much more there is).
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: &mut Scroll,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).min(78);
    let inner = usize::from(width.saturating_sub(2));
    let lines = wrap_all(lines, inner, 14);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    render_scrolled(
        panel("Help", true, theme),
        lines,
        rect,
        frame.buffer_mut(),
        scroll,
        theme,
    );
}

#[cfg(test)]
mod tests {
    use super::LEGEND;
    use crate::model::Health;
    use crate::tui::theme::{Theme, ThemeName};
    use crate::tui::widgets::catalogs::health_mark;

    #[test]
    fn the_legend_explains_every_glyph_a_catalog_can_show() {
        let theme = Theme::new(ThemeName::Mono);
        let healths = [
            Health::CaughtUp,
            Health::Behind,
            Health::Paused,
            Health::Damaged,
            Health::Retrying {
                seq: 1,
                next_try: 2,
            },
            Health::Parked { seq: 1, more: 0 },
        ];
        for health in healths {
            let (glyph, word, _) = health_mark(health, &theme);
            assert!(
                LEGEND.iter().any(|(mark, _)| *mark == glyph),
                "{glyph} ({word}) is not in the help's legend"
            );
        }
    }
}
