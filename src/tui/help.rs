//! The help overlay: every key of the screen in front, then the keys that work everywhere,
//! read from the same table as the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::keys::{Action, Keymap};
use super::theme::Theme;
use super::widgets::panel::panel;

/// The lines of the overlay: the screen's own keys, then the global ones.
pub fn lines(
    screen_title: &str,
    screen_keys: &[(String, String)],
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
    lines.push(row("Ctrl+C", "quit at once, even while typing"));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Press {} or {} to close.",
            keys.label(Action::Help),
            keys.label(Action::Back)
        ),
        theme.dim,
    ));
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, theme: &Theme) {
    let width = area.width.saturating_sub(4).min(78);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel("Help", true, theme)),
        rect,
    );
}
