//! Text in panels: word wrapping of styled lines (so a panel knows how tall its text is), and
//! scrolling with "more above / more below" marks on the border when the text overflows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::theme::Theme;

/// Wraps a styled line at `width` columns, at spaces where it can (a word may run across
/// styles, as in `(`code`)`, and is kept whole); continuation lines start with `indent`
/// spaces so a wrapped entry stays visibly one entry.
pub fn wrap(line: Line<'static>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width / 2);
    // Words and runs of spaces, each a list of styled pieces.
    let mut tokens: Vec<(bool, Vec<(Style, String)>)> = Vec::new();
    for span in &line.spans {
        for c in span.content.chars() {
            let space = c == ' ';
            match tokens.last_mut() {
                Some((was_space, pieces)) if *was_space == space => match pieces.last_mut() {
                    Some((style, text)) if *style == span.style => text.push(c),
                    _ => pieces.push((span.style, c.to_string())),
                },
                _ => tokens.push((space, vec![(span.style, c.to_string())])),
            }
        }
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    let new_line = |current: &mut Vec<Span<'static>>, out: &mut Vec<Line<'static>>| {
        out.push(Line::from(std::mem::take(current)).style(line.style));
        if indent > 0 {
            current.push(Span::raw(" ".repeat(indent)));
        }
        indent
    };
    for (space, pieces) in tokens {
        let w: usize = pieces.iter().map(|(_, t)| t.width()).sum();
        let line_start = if out.is_empty() { 0 } else { indent };
        if space {
            // Spaces where a continuation line starts are dropped; the author's leading
            // indent on the first line is kept.
            if used == line_start && !out.is_empty() {
                continue;
            }
            let fit = w.min(width.saturating_sub(used));
            if fit > 0 {
                let (style, _) = pieces[0];
                current.push(Span::styled(" ".repeat(fit), style));
                used += fit;
            }
            continue;
        }
        if used + w > width && used > line_start && w + indent <= width {
            used = new_line(&mut current, &mut out);
        }
        for (style, text) in pieces {
            let mut text = text;
            // A word longer than a line is cut where the line ends.
            while used + text.width() > width {
                let room = width.saturating_sub(used).max(1);
                let (head, tail) = split_at_width(&text, room);
                current.push(Span::styled(head, style));
                used = new_line(&mut current, &mut out);
                text = tail;
            }
            if !text.is_empty() {
                used += text.width();
                current.push(Span::styled(text, style));
            }
        }
    }
    if !current.is_empty() || out.is_empty() {
        out.push(Line::from(current).style(line.style));
    }
    out
}

fn split_at_width(word: &str, room: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room && i > 0 {
            return (word[..i].to_string(), word[i..].to_string());
        }
        used += w;
    }
    (word.to_string(), String::new())
}

/// Wraps every line.
pub fn wrap_all(lines: Vec<Line<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| wrap(l, width, indent))
        .collect()
}

/// Where a panel's view of its text rests: `offset` lines away from its anchor, the top (for
/// text read from the start) or the bottom (for logs, where the newest is what matters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub offset: usize,
    pub from_bottom: bool,
    /// The largest offset at the last draw: keys never scroll past the text.
    pub max: usize,
    /// Untouched by the learner since the text changed: the panel may pick where to rest
    /// (the start of the newest entry, say) instead of the anchor.
    pub follow: bool,
}

impl Scroll {
    pub fn top() -> Self {
        Scroll::default()
    }

    pub fn bottom() -> Self {
        Scroll {
            from_bottom: true,
            follow: true,
            ..Scroll::default()
        }
    }

    /// While following, rests so that `line` is the first shown if the text after it
    /// overflows, else at the anchor: the newest entry is read from its start.
    pub fn follow_line(&mut self, line: usize, total: usize, height: usize) {
        if !self.follow {
            return;
        }
        let max = total.saturating_sub(height);
        let first = line.min(max);
        self.offset = if self.from_bottom { max - first } else { first };
    }

    /// Shows `n` lines further down the text.
    pub fn down(&mut self, n: usize) {
        self.follow = false;
        self.offset = if self.from_bottom {
            self.offset.saturating_sub(n)
        } else {
            (self.offset + n).min(self.max)
        };
    }

    /// Shows `n` lines further up the text.
    pub fn up(&mut self, n: usize) {
        self.follow = false;
        self.offset = if self.from_bottom {
            (self.offset + n).min(self.max)
        } else {
            self.offset.saturating_sub(n)
        };
    }

    /// The first line shown, for text `total` lines long in `height` rows.
    fn first(&mut self, total: usize, height: usize) -> usize {
        self.max = total.saturating_sub(height);
        self.offset = self.offset.min(self.max);
        if self.from_bottom {
            self.max - self.offset
        } else {
            self.offset
        }
    }
}

/// Draws lines (already wrapped to the block's inner width) in a block, scrolled; when the text
/// overflows, the bottom border says how much more there is above and below.
pub fn render_scrolled(
    block: Block<'_>,
    lines: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
    scroll: &mut Scroll,
    theme: &Theme,
) {
    let inner = block.inner(area);
    let total = lines.len();
    let height = inner.height as usize;
    let first = scroll.first(total, height);
    let above = first;
    let below = total.saturating_sub(first + height);
    let mut block = block;
    if above > 0 || below > 0 {
        let mut marks = Vec::new();
        if above > 0 {
            marks.push(format!("↑ {above} more"));
        }
        if below > 0 {
            marks.push(format!("↓ {below} more"));
        }
        block = block.title_bottom(
            Line::styled(format!(" {} ", marks.join(" · ")), theme.dim).right_aligned(),
        );
    }
    let shown: Vec<Line<'static>> = lines.into_iter().skip(first).take(height).collect();
    Paragraph::new(shown).block(block).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_indents_continuations() {
        let lines = wrap(Line::raw("the quick brown fox jumps"), 11, 2);
        assert_eq!(text(&lines), vec!["the quick ", "  brown fox", "  jumps"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lines = wrap(Line::raw("abcdefghij"), 4, 0);
        assert_eq!(text(&lines), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn styles_survive_wrapping() {
        let style = ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(
            Line::from(vec![Span::raw("plain "), Span::styled("bold words", style)]),
            8,
            0,
        );
        assert_eq!(text(&lines), vec!["plain ", "bold ", "words"]);
        assert_eq!(lines[2].spans[0].style, style);
    }

    #[test]
    fn a_word_across_styles_is_kept_whole() {
        let style = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(
            Line::from(vec![
                Span::raw("run it ("),
                Span::styled("quiz recovery", style),
                Span::raw(")."),
            ]),
            10,
            0,
        );
        assert_eq!(text(&lines), vec!["run it ", "(quiz ", "recovery)."]);
    }

    #[test]
    fn a_leading_indent_is_kept() {
        assert_eq!(
            text(&wrap(Line::raw("  two words"), 20, 0)),
            vec!["  two words"]
        );
    }

    #[test]
    fn an_empty_line_stays_one_line() {
        assert_eq!(wrap(Line::raw(""), 10, 0).len(), 1);
    }

    #[test]
    fn scrolling_never_passes_the_text() {
        let mut s = Scroll::top();
        assert_eq!(s.first(10, 4), 0);
        s.down(100);
        assert_eq!(s.first(10, 4), 6);
        let mut b = Scroll::bottom();
        assert_eq!(b.first(10, 4), 6);
        b.up(2);
        assert_eq!(b.first(10, 4), 4);
    }
}
