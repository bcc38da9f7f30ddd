//! A bordered panel whose focus shows three ways: a thick border, a ▶ before the title and the
//! theme's focus color, so focus never rests on color alone.

use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::tui::theme::Theme;

pub fn panel<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    let (marker, set, style) = if focused {
        ("▶ ", border::THICK, theme.focus)
    } else {
        ("", border::PLAIN, theme.border)
    };
    Block::default()
        // The theme's paper under the whole panel, so one drawn over a cleared area (help,
        // the outline) is on the background its contrast was computed for.
        .style(theme.base)
        .borders(Borders::ALL)
        .border_set(set)
        .border_style(style)
        .title(Line::from(vec![Span::styled(
            format!(" {marker}{title} "),
            if focused { theme.focus } else { theme.title },
        )]))
}
