//! Drawing the sandbox: a header that says now or which moment of the past is shown, the
//! commands typed with their outcomes above the prompt, and the model's panels beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};

use crate::tui::screen::Ctx;
use crate::tui::widgets::catalogs::CatalogsPanel;
use crate::tui::widgets::last_command::{CommandsPanel, Ran};
use crate::tui::widgets::log::LogPanel;
use crate::tui::widgets::office::OfficePanel;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::text::wrap;

use super::{Focus, Sandbox};

pub const MIN_WIDTH: u16 = 72;
pub const MIN_HEIGHT: u16 = 20;

pub fn draw(sandbox: &mut Sandbox, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.theme;
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_header(sandbox, frame, header, ctx);

    let left_share = if body.width >= 140 { 40 } else { 46 };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(left_share), Constraint::Fill(1)]).areas(body);

    // The prompt: the line, a caret under an error, notices and completion candidates.
    let width = left.width.saturating_sub(2) as usize;
    let error = sandbox.error.as_ref().map(|(text, e)| (text.as_str(), e));
    let prompt = Prompt {
        input: &sandbox.input,
        error,
        active: sandbox.typing,
        placeholder: "press i to type a command",
        theme: t,
    };
    let (mut lines, cursor) = prompt.lines(width);
    if !sandbox.candidates.is_empty() {
        let shown = sandbox.candidates.join("  ");
        lines.extend(wrap(
            Line::styled(format!("Tab: {shown}"), t.accent),
            width,
            5,
        ));
    }
    for notice in &sandbox.notice {
        lines.extend(wrap(Line::styled(notice.clone(), t.warn), width, 2));
    }
    let prompt_rows = (lines.len() as u16 + 2).min(left.height / 2).max(3);
    let [commands_area, prompt_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(prompt_rows)]).areas(left);

    let ran: Vec<Ran> = sandbox
        .ran
        .iter()
        .map(|(input, outcome)| Ran {
            input,
            outcome,
            // Everything here is the learner's own: no "(you)" marks.
            mine: false,
        })
        .collect();
    let shown = sandbox.shown().library();
    let mut scroll = sandbox.scroll;
    let commands = CommandsPanel {
        library: sandbox.session.library(),
        theme: t,
        focused: !sandbox.typing && sandbox.focus == Focus::Commands,
        ran: &ran,
        pending: &[],
        title: "Your commands",
    };
    commands.render(
        commands_area,
        frame.buffer_mut(),
        &mut scroll[Focus::Commands.index()],
    );

    let block = panel("Prompt", sandbox.typing, t);
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

    // The model: as it is now, or as it was at the moment scrubbed to.
    let books = shown.office().len().max(1) as u16 + 2;
    let events = shown.log().head().max(1) as u16 + 2;
    let office_rows = books.min(right.height / 4).max(3);
    let log_rows = events.min(right.height / 3).max(4);
    let [office_area, log_area, catalogs_area] = Layout::vertical([
        Constraint::Length(office_rows),
        Constraint::Length(log_rows),
        Constraint::Fill(1),
    ])
    .areas(right);
    let since = if sandbox.past.is_some() {
        shown.head()
    } else {
        sandbox.since
    };
    let focused = |f: Focus| !sandbox.typing && sandbox.focus == f;
    OfficePanel {
        library: shown,
        theme: t,
        focused: focused(Focus::Office),
        since,
    }
    .render(
        office_area,
        frame.buffer_mut(),
        &mut scroll[Focus::Office.index()],
    );
    LogPanel {
        library: shown,
        theme: t,
        focused: focused(Focus::Log),
        since,
    }
    .render(
        log_area,
        frame.buffer_mut(),
        &mut scroll[Focus::Log.index()],
    );
    let filed: &[_] = if sandbox.past.is_some() {
        &[]
    } else {
        &sandbox.filed
    };
    CatalogsPanel {
        library: shown,
        theme: t,
        focused: focused(Focus::Catalogs),
        filed,
        rebuilding: None,
        spotlight: None,
    }
    .render(
        catalogs_area,
        frame.buffer_mut(),
        &mut scroll[Focus::Catalogs.index()],
    );
    sandbox.scroll = scroll;
}

fn draw_header(sandbox: &Sandbox, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = ctx.theme;
    let library = sandbox.session.library();
    let mut spans = vec![Span::styled(" Sandbox", t.title)];
    if let Some(origin) = &sandbox.origin {
        spans.push(Span::styled(
            format!(" · from the end of “{origin}”"),
            t.dim,
        ));
    }
    spans.push(Span::styled(" · ", t.dim));
    match &sandbox.past {
        Some((seq, _)) => spans.push(Span::styled(
            format!(
                "◀ viewing the past: as of event #{seq} of #{} · ] later · Esc now",
                library.head()
            ),
            t.fresh,
        )),
        None => spans.push(Span::styled(
            format!("now: tick {}, log head #{}", library.now(), library.head()),
            t.dim,
        )),
    }
    Line::from(spans).render(area, frame.buffer_mut());
}
