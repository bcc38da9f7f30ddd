//! What a screen shows instead of itself when the terminal is smaller than it needs.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::theme::Theme;

pub struct TooSmall<'a> {
    pub need: (u16, u16),
    pub theme: &'a Theme,
}

impl Widget for &TooSmall<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = vec![
            Line::styled(
                format!("Terminal {}×{} is too small:", area.width, area.height),
                self.theme.title,
            ),
            Line::styled(
                format!("needs {}×{}.", self.need.0, self.need.1),
                self.theme.title,
            ),
            Line::styled("Enlarge it, or press Ctrl+C to quit.", self.theme.dim),
        ];
        let height = (lines.len() as u16 + 1).min(area.height);
        let y = area.y + area.height.saturating_sub(height) / 2;
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(Rect { y, height, ..area }, buf);
    }
}
