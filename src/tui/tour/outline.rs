//! The outline overlay: every lesson and its steps, with what the learner has done (lessons
//! completed, challenges solved) and where they are; Enter jumps to the row chosen.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListState};

use crate::content::Content;
use crate::progress::Progress;
use crate::tui::keys::Action;
use crate::tui::screen::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::panel::panel;
use crate::words::plural;

/// A row: a lesson (jumps to its first step) or one of its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    lesson: usize,
    step: Option<usize>,
}

pub enum Outcome {
    Open,
    Close,
    Jump(usize, usize),
}

pub struct Outline {
    rows: Vec<Row>,
    /// The row chosen and the first row shown: ratatui's list keeps the choice in view,
    /// moving the window only when the choice would leave it.
    list: ListState,
    /// Where the tour stands, marked in the list.
    here: (usize, usize),
    /// Rows that fit, from the last draw.
    height: usize,
    /// Where the rows were drawn last, for the mouse.
    inner: Rect,
}

impl Outline {
    pub fn new(content: &Content, lesson: usize, step: usize) -> Outline {
        let mut rows = Vec::new();
        for (i, l) in content.lessons.iter().enumerate() {
            rows.push(Row {
                lesson: i,
                step: None,
            });
            rows.extend((0..l.steps.len()).map(|s| Row {
                lesson: i,
                step: Some(s),
            }));
        }
        let selected = rows
            .iter()
            .position(|r| r.lesson == lesson && r.step == Some(step))
            .unwrap_or(0);
        Outline {
            rows,
            list: ListState::default().with_selected(Some(selected)),
            here: (lesson, step),
            height: 10,
            inner: Rect::default(),
        }
    }

    /// A click on a row goes there; the wheel moves the selection.
    fn selected(&self) -> usize {
        self.list.selected().unwrap_or(0)
    }

    fn select(&mut self, row: usize) {
        self.list.select(Some(row));
    }

    pub fn mouse(&mut self, event: MouseEvent) -> Option<(usize, usize)> {
        let last = self.rows.len().saturating_sub(1);
        match event.kind {
            MouseEventKind::ScrollDown => self.select((self.selected() + 1).min(last)),
            MouseEventKind::ScrollUp => self.select(self.selected().saturating_sub(1)),
            MouseEventKind::Down(MouseButton::Left)
                if self.inner.contains(Position::new(event.column, event.row)) =>
            {
                let i = self.list.offset() + usize::from(event.row - self.inner.y);
                let row = self.rows.get(i)?;
                return Some((row.lesson, row.step.unwrap_or(0)));
            }
            _ => {}
        }
        None
    }

    pub fn handle(&mut self, key: KeyEvent, ctx: &Ctx) -> Outcome {
        let actions = ctx.keys.actions(&key);
        let is = |a: Action| actions.contains(&a);
        let last = self.rows.len().saturating_sub(1);
        let (selected, page) = (self.selected(), self.height.max(1));
        if is(Action::Down) {
            self.select((selected + 1).min(last));
        } else if is(Action::Up) {
            self.select(selected.saturating_sub(1));
        } else if is(Action::PageDown) {
            self.select((selected + page).min(last));
        } else if is(Action::PageUp) {
            self.select(selected.saturating_sub(page));
        } else if is(Action::Select) || is(Action::Next) {
            if let Some(row) = self.rows.get(selected) {
                return Outcome::Jump(row.lesson, row.step.unwrap_or(0));
            }
        } else if is(Action::Back) || is(Action::Outline) || is(Action::Prev) {
            return Outcome::Close;
        }
        Outcome::Open
    }

    fn line(
        &self,
        row: Row,
        selected: bool,
        content: &Content,
        progress: &Progress,
        theme: &Theme,
    ) -> Line<'static> {
        let t = theme;
        let lesson = &content.lessons[row.lesson];
        let cursor = if selected { "› " } else { "  " };
        let mut spans = vec![Span::styled(cursor, t.focus)];
        match row.step {
            None => {
                let done = progress.tour.completed.contains(&lesson.id);
                spans.push(Span::styled(if done { "✓ " } else { "  " }, t.ok));
                spans.push(Span::styled(
                    format!("{}. {}", row.lesson + 1, lesson.title),
                    t.title,
                ));
                let skipped = progress.skipped_in(&lesson.id).len();
                if done && skipped > 0 {
                    // Read to the end, but not as if every challenge had been solved.
                    let note = format!(
                        " (read to the end, {} skipped)",
                        plural(skipped, "challenge")
                    );
                    spans.push(Span::styled(note, t.dim));
                } else if done {
                    spans.push(Span::styled(" (completed)", t.dim));
                }
            }
            Some(s) => {
                let step = &lesson.steps[s];
                let here = self.here == (row.lesson, s);
                spans.push(Span::styled(if here { "  ▶ " } else { "    " }, t.fresh));
                spans.push(Span::styled(
                    format!("{}. {}", s + 1, step.title),
                    if here { t.fresh } else { t.text },
                ));
                if step.predict.is_some() {
                    spans.push(Span::styled(" · predict", t.dim));
                }
                if step.challenge.is_some() {
                    if progress.challenge_solved(lesson, s) {
                        spans.push(Span::styled(" · challenge ✓ solved", t.ok));
                    } else if progress.challenge_skipped(lesson, s) {
                        spans.push(Span::styled(" · challenge skipped", t.bad));
                    } else {
                        spans.push(Span::styled(" · challenge", t.dim));
                    }
                }
                if here {
                    spans.push(Span::styled(" (you are here)", t.dim));
                }
            }
        }
        let line = Line::from(spans);
        if selected {
            line.style(t.selected)
        } else {
            line
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let width = area.width.saturating_sub(4).min(90);
        let height = area.height.saturating_sub(2);
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        let block = panel("Outline · Enter goes there · Esc closes", true, ctx.theme);
        let inner = block.inner(rect);
        self.inner = inner;
        self.height = inner.height as usize;
        let selected = self.selected();
        let lines: Vec<Line<'static>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| self.line(*row, i == selected, ctx.content, &*ctx.progress, ctx.theme))
            .collect();
        frame.render_widget(Clear, rect);
        frame.render_stateful_widget(List::new(lines).block(block), rect, &mut self.list);
    }
}
