//! Whether every step of a tour shows its point with no key pressed: each step is drawn as a
//! learner first sees it (a prediction taken with →, a rebuild let finish), and what the step
//! changed (its commands with their outcomes, the events it appended, the books and the
//! catalog drawer it touched) must be on screen whole, in its panel. The tests run it over
//! the shipped lessons; it serves a teacher's own `--content` the same way, so an author
//! learns which step is too busy for a terminal size.

use std::fmt;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::content::Content;
use crate::progress::Progress;
use crate::tui::keys::Keymap;
use crate::tui::screen::Ctx;
use crate::tui::theme::{Theme, ThemeName};
use crate::tui::widgets::model_panels::ModelPanel;
use crate::tui::widgets::text::PanelText;

use super::state::Phase;
use super::{Focus, Tour, draw};

/// A step whose point is not all in view at a size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unseen {
    pub lesson: String,
    /// Counted from 1, as `--step` takes it.
    pub step: usize,
    pub size: (u16, u16),
    pub panel: ModelPanel,
    /// The text that should be there, as one line.
    pub missing: String,
}

impl fmt::Display for Unseen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} step {} at {}x{}: {:?} panel does not show {:?}",
            self.lesson, self.step, self.size.0, self.size.1, self.panel, self.missing
        )
    }
}

/// Every step of every lesson of `content`, drawn at `size` (a terminal's, footer included):
/// the parts of a step's point that are not visible whole.
pub fn unseen(content: &Content, size: (u16, u16)) -> Vec<Unseen> {
    with_ctx(content, |ctx| unseen_in(content, size, ctx))
}

/// A context as a learner's first visit has it: no progress, no store, the mono theme and
/// the default keys.
fn with_ctx<R>(content: &Content, f: impl FnOnce(&Ctx) -> R) -> R {
    let mut progress = Progress::default();
    let (theme, keys) = (Theme::new(ThemeName::Mono), Keymap::default());
    let mut flash = None;
    let ctx = Ctx {
        content,
        progress: &mut progress,
        store: None,
        theme: &theme,
        keys: &keys,
        flash: &mut flash,
        publish_notes: false,
        quiz_seed: None,
    };
    f(&ctx)
}

fn unseen_in(content: &Content, size: (u16, u16), ctx: &Ctx) -> Vec<Unseen> {
    let mut found = Vec::new();
    for (l, lesson) in content.lessons.iter().enumerate() {
        for s in 0..lesson.steps.len() {
            let Some(mut tour) = Tour::new(content, l, s) else {
                continue;
            };
            found.extend(
                step_unseen(&mut tour, size, ctx)
                    .into_iter()
                    .map(|(panel, missing)| Unseen {
                        lesson: lesson.id.clone(),
                        step: s + 1,
                        size,
                        panel,
                        missing,
                    }),
            );
        }
    }
    found
}

/// One step as a learner first sees it at `size` (footer row left blank), as text rows: for
/// an author checking a step by eye, and for tests.
pub fn first_screen(content: &Content, lesson: usize, step: usize, size: (u16, u16)) -> String {
    with_ctx(content, |ctx| {
        first_screen_in(content, lesson, step, size, ctx)
    })
}

fn first_screen_in(
    content: &Content,
    lesson: usize,
    step: usize,
    size: (u16, u16),
    ctx: &Ctx,
) -> String {
    let Some(mut tour) = Tour::new(content, lesson, step) else {
        return String::new();
    };
    let Some(terminal) = drawn(&mut tour, size, ctx) else {
        return String::new();
    };
    let buf = terminal.backend().buffer();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    rows.join("\n")
}

/// The step drawn as it first shows: a prediction taken with →, a rebuild let finish.
fn drawn(tour: &mut Tour, (w, h): (u16, u16), ctx: &Ctx) -> Option<Terminal<TestBackend>> {
    if tour.state.phase == Phase::Asking {
        // → skips the question: the step runs, as after any answer.
        tour.state.next(ctx.content);
        tour.typing = tour.challenge_open(ctx.content);
    }
    while tour.state.animating() {
        tour.state.animate();
    }
    let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
        Ok(terminal) => terminal,
        Err(never) => match never {},
    };
    // The app keeps the last row for the footer.
    let body = Rect::new(0, 0, w, h.saturating_sub(1));
    terminal.draw(|f| draw::draw(tour, f, body, ctx)).ok()?;
    Some(terminal)
}

/// One step as it first shows, and what of its point is missing from the screen.
fn step_unseen(tour: &mut Tour, size: (u16, u16), ctx: &Ctx) -> Vec<(ModelPanel, String)> {
    let Some(terminal) = drawn(tour, size, ctx) else {
        return Vec::new();
    };
    let buf = terminal.backend().buffer();
    let mut missing = Vec::new();
    for (focus, rect) in &tour.placed {
        // The promise names the commands, the log and the catalogs; the office's
        // changed books are marked, but give way first.
        let Focus::Panel(panel @ (ModelPanel::Commands | ModelPanel::Log | ModelPanel::Catalogs)) =
            *focus
        else {
            continue;
        };
        let inner = rect.width.saturating_sub(2) as usize;
        let seen = flat(&shown(buf, *rect));
        // Either form of the panel will do: its whole text, or the brief one it falls back to.
        let wants: Vec<String> = [false, true]
            .map(|brief| point_of(&draw::panel_text(tour, panel, inner, brief, ctx)))
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(want) = wants.last()
            && !wants.iter().any(|w| seen.contains(w))
        {
            missing.push((panel, want.clone()));
        }
    }
    missing
}

/// A panel's changed lines, as one line of text.
fn point_of(text: &PanelText) -> String {
    let lines: Vec<String> = text.lines[text.point.clone()]
        .iter()
        .map(|l| l.to_string())
        .collect();
    flat(&lines.join(" "))
}

/// The text inside a panel's borders, row after row.
fn shown(buf: &Buffer, rect: Rect) -> String {
    let mut rows = Vec::new();
    // The last row too: a panel stacked over another has no bottom border.
    for y in rect.y + 1..rect.bottom() {
        let row: String = (rect.x + 1..rect.right().saturating_sub(1))
            .map(|x| buf[(x, y)].symbol())
            .collect();
        rows.push(row);
    }
    rows.join(" ")
}

/// Text with every run of spaces (a wrapped line's break and indent) made one space.
fn flat(text: &str) -> String {
    text.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
