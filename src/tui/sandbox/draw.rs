//! Drawing the sandbox: a header that says now or which moment of the past is shown, the
//! commands typed with their outcomes above the prompt, and the model's panels beside them.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};

use crate::model::language::{Group, REFERENCE};
use crate::model::{Answer, Outcome};
use crate::tui::keys::Action;
use crate::tui::screen::Ctx;
use crate::tui::widgets::catalogs::CatalogsPanel;
use crate::tui::widgets::last_command::{CommandsPanel, Ran};
use crate::tui::widgets::log::LogPanel;
use crate::tui::widgets::model_panels::ModelPanels;
use crate::tui::widgets::office::OfficePanel;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::text::{Scroll, render_scrolled, wrap};

use super::{EMPTY, Focus, Sandbox, meta};

pub const MIN_WIDTH: u16 = 72;
pub const MIN_HEIGHT: u16 = 20;

pub fn draw(sandbox: &mut Sandbox, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_header(sandbox, frame, header, ctx);
    let left_share = match body.width {
        170.. => 34,
        140.. => 40,
        _ => 46,
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(left_share), Constraint::Fill(1)]).areas(body);
    let (lines, cursor) = prompt_lines(sandbox, left.width.saturating_sub(2) as usize, ctx);
    let prompt_rows = (lines.len() as u16 + 2).min(left.height / 2).max(3);
    let [commands_area, prompt_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(prompt_rows)]).areas(left);
    let mut scroll = sandbox.scroll;
    draw_history(sandbox, commands_area, frame.buffer_mut(), &mut scroll, ctx);
    let block = panel("Prompt", sandbox.typing, ctx.theme);
    let inner = block.inner(prompt_area);
    frame.render_widget(Paragraph::new(lines).block(block), prompt_area);
    if let Some(Position { x, y }) = cursor
        && x < inner.width
    {
        frame.set_cursor_position(Position {
            x: inner.x + x,
            y: inner.y + y,
        });
    }
    model_panels(sandbox, ctx).render(right, frame.buffer_mut(), &mut scroll);
    sandbox.scroll = scroll;
}

/// The prompt: the line, a caret under an error, notices and completion candidates; and
/// where the cursor goes.
fn prompt_lines(
    sandbox: &Sandbox,
    width: usize,
    ctx: &Ctx,
) -> (Vec<Line<'static>>, Option<Position>) {
    let t = ctx.theme;
    let error = sandbox.error.as_ref().map(|(text, e)| (text.as_str(), e));
    let placeholder = format!("press {} to type a command", ctx.keys.short(Action::Type));
    let prompt = Prompt {
        input: &sandbox.input,
        completion: sandbox.completion.as_ref(),
        error,
        active: sandbox.typing,
        placeholder: &placeholder,
        theme: t,
    };
    let (mut lines, cursor) = prompt.lines(width);
    for notice in &sandbox.notice {
        lines.extend(wrap(Line::styled(notice.clone(), t.warn), width, 2));
    }
    (lines, cursor)
}

/// Above the prompt: the commands typed with their outcomes, or the language's reference.
fn draw_history(
    sandbox: &Sandbox,
    area: Rect,
    buf: &mut Buffer,
    scroll: &mut [Scroll; 4],
    ctx: &Ctx,
) {
    let t = ctx.theme;
    let commands_scroll = &mut scroll[Focus::Commands.index()];
    let focused = !sandbox.typing && sandbox.focus == Focus::Commands;
    if sandbox.showing_help {
        let block = panel("The command language · help", focused, t);
        let lines = reference_lines(block.inner(area).width as usize, ctx);
        render_scrolled(block, lines, area, buf, commands_scroll, t);
        return;
    }
    // With commands replayed from a lesson or a file above them, the learner's own are
    // marked "(you)"; alone, every command is theirs and the mark would be noise.
    let replayed = sandbox.replayed().is_some();
    let ran: Vec<Ran> = sandbox
        .ran()
        .iter()
        .map(|e| Ran {
            input: &e.input,
            outcome: &e.outcome,
            mine: replayed && !e.replayed,
        })
        .collect();
    let title = sandbox.commands_title();
    CommandsPanel {
        library: sandbox.session().library(),
        theme: t,
        focused,
        ran: &ran,
        pending: &[],
        title: &title,
        empty: &EMPTY,
        one_step: false,
    }
    .render(area, buf, commands_scroll);
}

/// The model's panels: as it is now, or as it was at the moment scrubbed to. The log is drawn
/// whole even in the past: the moment viewed is marked in it, and what came after is dimmed,
/// so the learner sees where in the history they stand.
fn model_panels<'a>(sandbox: &'a Sandbox, ctx: &'a Ctx) -> ModelPanels<'a> {
    let t = ctx.theme;
    let shown = sandbox.shown().library();
    let viewing = sandbox.past.as_ref().map(|(seq, _)| *seq);
    let since = if viewing.is_some() {
        shown.head()
    } else {
        sandbox.since()
    };
    let filed: &[_] = if viewing.is_some() {
        &[]
    } else {
        sandbox.filed()
    };
    ModelPanels {
        office: OfficePanel {
            library: shown,
            theme: t,
            since,
        },
        log: LogPanel {
            library: sandbox.session().library(),
            theme: t,
            since,
            viewing,
        },
        catalogs: CatalogsPanel {
            library: shown,
            theme: t,
            filed,
            rebuilding: None,
            spotlight: sandbox.spotlight(),
            key: sandbox.ran().last().and_then(|e| match &e.outcome {
                Outcome::Answered(Answer::Find(found)) => Some(found.key.as_str()),
                _ => None,
            }),
            since,
        },
        commands: None,
        theme: t,
        focus: (!sandbox.typing).then_some(sandbox.focus),
        zoom: None,
    }
}

fn draw_header(sandbox: &Sandbox, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.theme;
    let library = sandbox.session().library();
    let mut spans = vec![Span::styled(" Sandbox", t.title)];
    match &sandbox.past {
        Some((seq, _)) => spans.push(Span::styled(
            format!(
                " · ◀ viewing #{seq} of #{} · [ ] step · Esc or `now` returns · commands wait",
                library.head()
            ),
            t.fresh,
        )),
        None => {
            spans.push(Span::styled(
                format!(
                    " · now: tick {}, {} head #{}",
                    library.now(),
                    crate::transcript::log_word(library),
                    library.head()
                ),
                t.dim,
            ));
            if let Some(origin) = &sandbox.record.origin {
                spans.push(Span::styled(
                    format!(" · from the end of “{origin}”"),
                    t.dim,
                ));
            }
        }
    }
    Line::from(spans).render(area, frame.buffer_mut());
}

/// The language's reference for the help panel: each group's heading, then each command's
/// form and what it does, then the sandbox's own words.
fn reference_lines(width: usize, ctx: &Ctx) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut lines = Vec::new();
    let own: Group = ("The sandbox's own words", &meta::DESCRIBED);
    for (heading, entries) in REFERENCE.iter().chain([&own]) {
        lines.extend(wrap(Line::styled(*heading, t.title), width, 2));
        for (form, what) in *entries {
            lines.extend(wrap(
                Line::from(vec![
                    Span::styled(format!("  {form}"), t.accent),
                    Span::styled(format!("  {what}"), t.dim),
                ]),
                width,
                6,
            ));
        }
    }
    lines.extend(wrap(
        Line::styled(
            "Words are case-insensitive; strings take double quotes; # starts a comment.",
            t.dim,
        ),
        width,
        0,
    ));
    lines
}
