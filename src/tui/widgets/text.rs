//! Text in panels: word wrapping of styled lines (so a panel knows how tall its text is), and
//! scrolling with "more above / more below" marks on the border when the text overflows.

use std::ops::Range;

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

    /// While following, rests so that the lines `point` (what the step changed) are all in
    /// view, as near the anchor as that allows; a point taller than the panel is read from
    /// its start.
    pub fn follow_range(&mut self, point: &Range<usize>, total: usize, height: usize) {
        if !self.follow {
            return;
        }
        let max = total.saturating_sub(height);
        let anchor = if self.from_bottom { max } else { 0 };
        let first = if point.is_empty() {
            anchor
        } else if point.len() <= height {
            anchor.clamp(point.end.saturating_sub(height), point.start)
        } else {
            point.start
        };
        let first = first.min(max);
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
    render_scrolled_marked(block, lines, area, buf, scroll, theme, false);
}

/// `render_scrolled`, with the marks on the top border when `on_top` (a panel open at the
/// bottom, closed by the one stacked under it).
fn render_scrolled_marked(
    block: Block<'_>,
    lines: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
    scroll: &mut Scroll,
    theme: &Theme,
    on_top: bool,
) {
    let inner = block.inner(area);
    let total = lines.len();
    let height = inner.height as usize;
    let first = scroll.first(total, height);
    let above = first;
    let below = total.saturating_sub(first + height);
    let mut block = block;
    if above > 0 || below > 0 {
        // On top the marks share the rule with the title: short, so the title stays whole.
        let more = if on_top { "" } else { " more" };
        let mut marks = Vec::new();
        if above > 0 {
            marks.push(format!("↑ {above}{more}"));
        }
        if below > 0 {
            marks.push(format!("↓ {below}{more}"));
        }
        let marks = Line::styled(format!(" {} ", marks.join(" · ")), theme.dim).right_aligned();
        block = if on_top {
            block.title_top(marks)
        } else {
            block.title_bottom(marks)
        };
    }
    let shown: Vec<Line<'static>> = lines.into_iter().skip(first).take(height).collect();
    Paragraph::new(shown).block(block).render(area, buf);
}

/// What a panel shows at a given width: its title, its lines (wrapped to the width) and the
/// range of lines the step changed, which a layout keeps in view before anything else.
#[derive(Debug, Clone, Default)]
pub struct PanelText {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub point: Range<usize>,
}

impl PanelText {
    /// A panel's text from its rows, each wrapped to `width` (continuations under `indent`),
    /// the point spanning every row marked as changed by the step.
    pub fn from_rows(
        title: String,
        rows: Vec<(Line<'static>, bool)>,
        width: usize,
        indent: usize,
    ) -> Self {
        let mut lines = Vec::new();
        let mut point = None;
        for (line, marked) in rows {
            let start = lines.len();
            lines.extend(wrap(line, width, indent));
            if marked {
                widen(&mut point, start..lines.len());
            }
        }
        PanelText {
            title,
            lines,
            point: point.unwrap_or_default(),
        }
    }

    /// Rows the whole text wants, borders included.
    pub fn want(&self) -> u16 {
        rows_of(self.lines.len())
    }

    /// Rows the changed lines need, borders included; 0 when the step changed nothing here.
    pub fn need(&self) -> u16 {
        if self.point.is_empty() {
            0
        } else {
            rows_of(self.point.len())
        }
    }

    /// The widest line, in columns, borders included: the width the text would like.
    pub fn natural_width(&self) -> u16 {
        let widest = self.lines.iter().map(Line::width).max().unwrap_or(0);
        let title = self.title.width() + 6;
        u16::try_from(widest.max(title) + 2).unwrap_or(u16::MAX)
    }
}

/// Widens the range of changed lines `point` to take in `lines`.
/// The ids of the books that the events after `since` name: what a step changed, which the
/// office and the catalogs mark and bring into view.
pub fn touched_books(library: &crate::model::Library, since: u64) -> Vec<&str> {
    library
        .log()
        .after(since)
        .iter()
        .map(|e| e.book.as_str())
        .collect()
}

pub fn widen(point: &mut Option<Range<usize>>, lines: Range<usize>) {
    *point = Some(match point.take() {
        Some(p) => p.start.min(lines.start)..p.end.max(lines.end),
        None => lines,
    });
}

fn rows_of(lines: usize) -> u16 {
    u16::try_from(lines.max(1) + 2).unwrap_or(u16::MAX)
}

/// Draws a panel's text in its bordered block, scrolled so the changed lines are in view while
/// the learner has not scrolled it. Given a single row, the panel is its title alone, on a
/// rule: still a labelled box the focus can reach, never an unmarked gap.
pub fn render_panel(
    text: PanelText,
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
    scroll: &mut Scroll,
    theme: &Theme,
) {
    render_stacked(text, focused, area, buf, scroll, theme, Stacked::default());
}

/// How a panel meets its neighbours in a stack: boxes one above the other share the rule
/// between them, so a column of panels spends one row per panel on borders, not two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stacked {
    /// Another panel is drawn right under this one and closes it: no bottom border.
    pub open_bottom: bool,
    /// The box above is open at its bottom: this one's top rule closes it (├ ┤ corners).
    pub joined_top: bool,
}

impl Stacked {
    /// Rows of border a box stacked this way spends.
    pub fn borders(self) -> u16 {
        if self.open_bottom { 1 } else { 2 }
    }
}

/// `render_panel` for a panel in a stack (see `Stacked`).
pub fn render_stacked(
    text: PanelText,
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
    scroll: &mut Scroll,
    theme: &Theme,
    stacked: Stacked,
) {
    if area.height < stacked.borders() + 1 {
        // The title says why the panel is folded: the step left it alone, or (a tiny screen)
        // there was no room; the focus (Tab) opens it.
        let title = if text.point.is_empty() {
            format!("{} · unchanged", text.title)
        } else {
            format!("{} · {} lines folded", text.title, text.lines.len())
        };
        super::panel::panel(&title, focused, theme)
            .borders(ratatui::widgets::Borders::TOP)
            .render(area, buf);
        return;
    }
    let mut block = super::panel::panel(&text.title, focused, theme);
    if stacked.open_bottom {
        use ratatui::widgets::Borders;
        block = block.borders(Borders::TOP | Borders::LEFT | Borders::RIGHT);
    }
    if stacked.joined_top {
        let set = if focused {
            ratatui::symbols::border::THICK
        } else {
            ratatui::symbols::border::PLAIN
        };
        block = block.border_set(ratatui::symbols::border::Set {
            top_left: if focused { "┣" } else { "├" },
            top_right: if focused { "┫" } else { "┤" },
            ..set
        });
    }
    let height = block.inner(area).height as usize;
    scroll.follow_range(&text.point, text.lines.len(), height);
    render_scrolled_marked(
        block,
        text.lines,
        area,
        buf,
        scroll,
        theme,
        stacked.open_bottom,
    );
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
    fn following_keeps_the_changed_lines_in_view_nearest_the_anchor() {
        let mut top = Scroll {
            follow: true,
            ..Scroll::top()
        };
        top.follow_range(&(6..8), 10, 4);
        assert_eq!(top.first(10, 4), 4, "lines 6 and 7 end the view");
        top.follow_range(&(1..3), 10, 4);
        assert_eq!(top.first(10, 4), 0, "already in view from the top");
        let mut bottom = Scroll::bottom();
        bottom.follow_range(&(1..3), 10, 4);
        assert_eq!(bottom.first(10, 4), 1, "as near the bottom as shows them");
        bottom.follow_range(&(2..9), 10, 4);
        assert_eq!(bottom.first(10, 4), 2, "too tall: read from its start");
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
