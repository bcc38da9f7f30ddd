//! Drawing the tour: the header, the text column (narration with the prediction, challenge or
//! end of the tour) and the model's panels, laid out for the room there is: wide terminals get
//! three columns, narrow ones stack the model's panels and give the focused one the room.

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget};

use crate::content::Content;
use crate::model::Delivery;
use crate::tui::keys::Action;
use crate::tui::screen::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::catalogs::{CatalogsPanel, Rebuilding};
use crate::tui::widgets::last_command::{CommandsPanel, Ran};
use crate::tui::widgets::log::LogPanel;
use crate::tui::widgets::model_panels::{ModelPanel, ModelPanels};
use crate::tui::widgets::narration::{NarrationPanel, marked};
use crate::tui::widgets::office::OfficePanel;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::text::{
    PanelText, Scroll, Stacked, render_scrolled, render_stacked, wrap,
};

use crate::plain::checklist::sentence;
use crate::words::plural;

use super::state::{Item, Phase};
use super::{Focus, QUIZ_OFFER, Tour, choice_key};

pub const MIN_WIDTH: u16 = 72;
pub const MIN_HEIGHT: u16 = 20;

/// The presenter's body height (a 24-row terminal less its footer) from which the lesson's
/// title is drawn in big letters.
const BIG_TITLE_FROM: u16 = 23;

/// What the task panel under the narration holds.
enum Task {
    Lines(&'static str, Vec<Line<'static>>),
    Challenge {
        lines: Vec<Line<'static>>,
        prompt: Vec<Line<'static>>,
        cursor: Option<Position>,
    },
}

impl Task {
    fn rows(&self) -> u16 {
        let n = match self {
            Task::Lines(_, lines) => lines.len(),
            Task::Challenge { lines, prompt, .. } => lines.len() + prompt.len(),
        };
        n as u16 + 2
    }
}

/// The text column's share of the width: the model's panels get more as the screen widens,
/// the narration keeps a readable measure.
fn text_share(width: u16) -> u16 {
    match width {
        150.. => 32,
        120.. => 36,
        _ => 40,
    }
}

pub fn draw(tour: &mut Tour, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_header(tour, frame.buffer_mut(), header, ctx);
    let share = text_share(body.width);
    let [text, model] =
        Layout::horizontal([Constraint::Percentage(share), Constraint::Fill(1)]).areas(body);
    let cursor = draw_columns(tour, frame.buffer_mut(), [text, model], None, ctx);
    if let Some(outline) = &mut tour.outline {
        outline.draw(frame, body, ctx);
    } else if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// The text column and the model's panels (one zoomed, presenting); keeps where the panels
/// and a prediction's choices went, for the mouse. Returns the prompt's cursor.
fn draw_columns(
    tour: &mut Tour,
    buf: &mut Buffer,
    [text, model]: [Rect; 2],
    zoom: Option<ModelPanel>,
    ctx: &Ctx,
) -> Option<Position> {
    // Panels borrow the tour's state while their scroll positions change: work on a copy.
    let mut scroll = tour.scroll;
    let mut choices = Vec::new();
    // Narrow columns (and the presenter's) skip repeating the question just answered.
    let question = zoom.is_none() && text.width >= 40;
    let (ran, filed) = (ran_of(tour), tour.state.filed());
    let pending = tour.state.pending(ctx.content);
    let mut panels = model_panels(tour, (&ran, &filed, &pending), zoom, ctx);
    let beside = zoom
        .is_none()
        .then(|| commands_under_narration(tour, &panels, text, question, ctx))
        .flatten();
    let text = beside.as_ref().map_or(text, |(narration, ..)| *narration);
    let cursor = draw_text_column(tour, &mut scroll, &mut choices, buf, text, question, ctx);
    let [_, _, model_scroll @ ..] = &mut scroll;
    let mut placed = Vec::new();
    if let Some((_, area, commands)) = beside {
        let focused = panels.focus == Some(ModelPanel::Commands);
        let scroll = &mut model_scroll[ModelPanel::Commands.index()];
        render_stacked(
            commands,
            focused,
            area,
            buf,
            scroll,
            ctx.theme,
            Stacked::default(),
        );
        placed.push((ModelPanel::Commands, area));
        panels.commands = None;
    }
    placed.extend(panels.render(model, buf, model_scroll));
    tour.placed = placed
        .into_iter()
        .map(|(p, r)| (Focus::Panel(p), r))
        .collect();
    tour.scroll = scroll;
    tour.choices_at = choices;
    cursor
}

/// The presenter's layout: the lesson's title in big letters, the narration (with the step's
/// prediction or challenge) in the foreground, and one panel of the model zoomed beside it.
pub fn draw_presenting(
    tour: &mut Tour,
    zoom: ModelPanel,
    frame: &mut Frame,
    area: Rect,
    ctx: &Ctx,
) {
    let t = ctx.theme;
    // The room reads the step's title big; the header keeps the lesson's, small.
    let title = tour.state.current(ctx.content).title.clone();
    // Projectors are run with large fonts, so small grids are the common case: the title is
    // big from a 24-row terminal up (18 rows stay for the text), and dropped only below.
    let big_rows = if area.height >= BIG_TITLE_FROM { 4 } else { 0 };
    let [header, big, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(big_rows),
        Constraint::Fill(1),
    ])
    .areas(area);
    draw_header(tour, frame.buffer_mut(), header, ctx);
    if big_rows > 0 {
        // Quadrant pixels: four columns and four rows a letter. A title too long for the
        // width is shown as "Step N" instead, its words heading the narration.
        let number = format!("Step {}", tour.state.step + 1);
        let words = if title.chars().count() * 4 <= big.width as usize {
            title
        } else {
            number
        };
        let big_text = tui_big_text::BigText::builder()
            .pixel_size(tui_big_text::PixelSize::Quadrant)
            .style(t.title)
            .lines(vec![Line::raw(words)])
            .centered()
            .build();
        frame.render_widget(big_text, big);
    }
    let columns = Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(body);
    // A presenter may still open the prompt for a live demonstration.
    if let Some(position) = draw_columns(tour, frame.buffer_mut(), columns, Some(zoom), ctx) {
        frame.set_cursor_position(position);
    }
}

fn draw_header(tour: &Tour, buf: &mut Buffer, area: Rect, ctx: &Ctx) {
    let t = ctx.theme;
    let state = &tour.state;
    let lesson = state.lesson(ctx.content);
    let mut right = if state.finished {
        "end of the tour ".to_string()
    } else {
        format!("step {} of {} ", state.step + 1, lesson.steps.len())
    };
    // Autoplay says how long the step has left, or that it waits for the room.
    if let Some(countdown) = tour
        .present
        .as_ref()
        .and_then(|p| p.countdown(tour.waits_for_room()))
        && !state.finished
    {
        right = format!("{countdown} · {right}");
    }
    let left = Line::from(vec![
        Span::styled(
            format!(
                " Lesson {} of {} · ",
                state.lesson + 1,
                ctx.content.lessons.len()
            ),
            t.dim,
        ),
        Span::styled(lesson.title.clone(), t.title),
    ]);
    let right_width = right.chars().count() as u16 + 1;
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    left.render(l, buf);
    Line::styled(right, t.dim).right_aligned().render(r, buf);
}

/// The model's four panels as the tour shows them: this step's events, books and filings
/// marked new, its commands (or those waiting for a prediction's answer), the catalog and
/// drawer its last command was about brought into view.
fn model_panels<'a>(
    tour: &'a Tour,
    (ran, filed, pending): (&'a [Ran<'a>], &'a [Delivery], &'a [&'a str]),
    zoom: Option<ModelPanel>,
    ctx: &'a Ctx,
) -> ModelPanels<'a> {
    let (t, state) = (ctx.theme, &tour.state);
    let library = state.session.library();
    let since = state.start_head;
    let (spotlight, key) = state.spotlight();
    ModelPanels {
        office: OfficePanel {
            library,
            theme: t,
            since,
        },
        log: LogPanel {
            library,
            theme: t,
            since,
            viewing: None,
        },
        catalogs: CatalogsPanel {
            library: state.shown_catalogs(),
            theme: t,
            filed,
            rebuilding: state.rebuild.as_ref().map(|anim| Rebuilding {
                catalog: &anim.job.name,
                done: anim.job.done(),
                target: anim.job.target,
            }),
            spotlight,
            key,
            since,
        },
        commands: Some(CommandsPanel {
            library,
            theme: t,
            focused: false,
            ran,
            pending,
            title: if pending.is_empty() {
                "Commands of this step"
            } else {
                "Commands, after your answer"
            },
            empty: &["No commands in this step."],
            one_step: true,
        }),
        theme: t,
        focus: tour.focus.panel(),
        zoom,
    }
}
/// What of a model panel's point must be in view at a width (see `ModelPanels::essential`).
pub(super) fn panel_text(
    tour: &Tour,
    panel: ModelPanel,
    width: usize,
    brief: bool,
    ctx: &Ctx,
) -> PanelText {
    let (ran, filed) = (ran_of(tour), tour.state.filed());
    let pending = tour.state.pending(ctx.content);
    let panels = model_panels(tour, (&ran, &filed, &pending), None, ctx);
    if brief {
        panels.essential(panel, width)
    } else {
        panels.text(panel, width)
    }
}

fn ran_of(tour: &Tour) -> Vec<Ran<'_>> {
    tour.state
        .entries
        .iter()
        .map(|e| Ran {
            input: &e.input,
            outcome: &e.outcome,
            mine: e.mine,
        })
        .collect()
}

/// A step with nothing under its narration (no prediction, no challenge) often leaves rows of
/// the text column free: its commands go there when they fit whole, so the model's panels
/// keep every row for the events and cards. The narration's area, the commands', and their
/// text (brief if only that fits).
fn commands_under_narration(
    tour: &Tour,
    panels: &ModelPanels,
    area: Rect,
    question: bool,
    ctx: &Ctx,
) -> Option<(Rect, Rect, PanelText)> {
    let width = area.width.saturating_sub(2) as usize;
    if tour.state.phase == Phase::Asking || task(tour, ctx, width, question).is_some() {
        return None;
    }
    let narration_rows = narration_panel(tour, ctx).lines(width).len() as u16 + 2;
    let room = area.height.saturating_sub(narration_rows);
    let whole = panels.text(ModelPanel::Commands, width);
    let commands = if whole.want() <= room {
        whole
    } else {
        panels.essential(ModelPanel::Commands, width)
    };
    (commands.want() <= room).then(|| {
        let [narration, below] =
            Layout::vertical([Constraint::Length(narration_rows), Constraint::Fill(1)]).areas(area);
        (narration, below, commands)
    })
}

fn narration_panel<'a>(tour: &'a Tour, ctx: &'a Ctx) -> NarrationPanel<'a> {
    let step = tour.state.current(ctx.content);
    NarrationPanel {
        title: "Narration",
        heading: Some(&step.title),
        text: &step.text,
        theme: ctx.theme,
        focused: tour.focus == Focus::Narration,
    }
}

/// The text column: the narration (or the prediction that holds it back) and the step's
/// task under it. Returns where the prompt's cursor is while typing, and puts where each of a
/// prediction's choices was drawn in `choices`, for the mouse.
fn draw_text_column(
    tour: &Tour,
    scroll: &mut [Scroll; 6],
    choices: &mut Vec<(usize, Rect)>,
    buf: &mut Buffer,
    area: Rect,
    question: bool,
    ctx: &Ctx,
) -> Option<Position> {
    let t = ctx.theme;
    let width = area.width.saturating_sub(2) as usize;
    let task = task(tour, ctx, width, question);
    let narration = narration_panel(tour, ctx);
    let narration_rows = narration.lines(width).len() as u16 + 2;
    let [main, task_area] = split_text_column(tour, area, narration_rows, task.as_ref());
    if tour.state.phase == Phase::Asking {
        // The narration tells what happens, so it waits until the prediction is answered.
        let (lines, rows) = predict_lines(tour, ctx, width);
        let focused = matches!(tour.focus, Focus::Task | Focus::Narration);
        let block = panel("Predict, then see", focused, t);
        let inner = block.inner(main);
        let task_scroll = &mut scroll[Focus::Task.index()];
        render_scrolled(block, lines, main, buf, task_scroll, t);
        // The question reads from the top, so the first line shown is the scroll's offset.
        choices.extend(shown_rows(&rows, task_scroll.offset, inner));
    } else {
        narration.render(main, buf, &mut scroll[Focus::Narration.index()]);
    }
    let task = task?;
    draw_task(
        tour,
        task,
        task_area,
        buf,
        &mut scroll[Focus::Task.index()],
        ctx,
    )
}

/// Rows for the narration and the task under it. When both fit, the task stands right under
/// the narration and its box takes the rest of the column (no gap left unboxed); when not,
/// they share the column in proportion to what each needs, the one in focus at least half.
fn split_text_column(tour: &Tour, area: Rect, narration: u16, task: Option<&Task>) -> [Rect; 2] {
    let h = area.height;
    let Some(task) = task else {
        return Layout::vertical([Constraint::Fill(1), Constraint::Length(0)]).areas(area);
    };
    let want = task.rows();
    if narration + want <= h {
        return Layout::vertical([Constraint::Length(narration), Constraint::Fill(1)]).areas(area);
    }
    let share = (u32::from(h) * u32::from(want) / u32::from((narration + want).max(1))) as u16;
    // Presenting, the room watches the checklist turn to ✓ as the solution runs.
    let presented_challenge = tour.present.is_some() && matches!(task, Task::Challenge { .. });
    let share = if tour.typing || presented_challenge {
        // At the prompt the checklist matters most; the narration keeps a few lines.
        want.min(h.saturating_sub(6))
    } else {
        match tour.focus {
            Focus::Narration => share.min(h / 2),
            Focus::Task => share.max(h / 2),
            _ => share,
        }
    };
    let rows = share.max(5).min(h.saturating_sub(5));
    Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(area)
}

/// The task panel: lines to read, or a challenge with its prompt kept at the bottom whatever
/// scrolls above it. Returns the prompt's cursor.
fn draw_task(
    tour: &Tour,
    task: Task,
    area: Rect,
    buf: &mut Buffer,
    scroll: &mut Scroll,
    ctx: &Ctx,
) -> Option<Position> {
    let t = ctx.theme;
    let focused = tour.focus == Focus::Task;
    let (lines, prompt, cursor) = match task {
        Task::Lines(title, lines) => {
            render_scrolled(panel(title, focused, t), lines, area, buf, scroll, t);
            return None;
        }
        Task::Challenge {
            lines,
            prompt,
            cursor,
        } => (lines, prompt, cursor),
    };
    let title = match (tour.state.goal_shown(ctx.content), tour.typing) {
        (true, _) => "Challenge · goal reached ✓",
        (false, true) => "Challenge · typing",
        (false, false) => "Challenge",
    };
    let block = panel(title, focused, t);
    let inner = block.inner(area);
    block.render(area, buf);
    let prompt_rows = (prompt.len() as u16).min(inner.height);
    let [above, at] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(prompt_rows)]).areas(inner);
    render_scrolled(Block::default(), lines, above, buf, scroll, t);
    Paragraph::new(prompt).render(at, buf);
    cursor.filter(|_| at.height > 0).map(|c| Position {
        x: at.x + c.x.min(at.width.saturating_sub(1)),
        y: at.y + c.y,
    })
}

/// The task under the narration, if the step has one now.
fn task(tour: &Tour, ctx: &Ctx, width: usize, question: bool) -> Option<Task> {
    let (content, t) = (ctx.content, ctx.theme);
    let step = tour.state.current(content);
    if tour.state.finished {
        let room = tour.present.is_some();
        return Some(Task::Lines("End of the tour", end_lines(ctx, room, width)));
    }
    match tour.state.phase {
        Phase::Asking => None,
        // A challenge after a prediction: the verdict's headline leads, then the goal (in
        // view from the first moment), then the verdict's explanation.
        Phase::Revealed { picked } if step.challenge.is_some() => {
            let (mut lines, why) = verdict_parts(tour, content, picked, false, width, t);
            lines.extend(challenge_lines(tour, ctx, width));
            lines.push(Line::raw(""));
            lines.extend(why);
            let (prompt, cursor) = prompt_lines(tour, ctx, width);
            Some(Task::Challenge {
                lines,
                prompt,
                cursor,
            })
        }
        Phase::Revealed { picked } => {
            let right = step
                .predict
                .as_ref()
                .and_then(|p| p.choices.iter().position(|c| c.correct));
            let title = match picked {
                Some(i) if Some(i) == right => "Your prediction: right",
                Some(_) => "Your prediction: not quite",
                None => "The answer",
            };
            let (head, why) = verdict_parts(tour, content, picked, question, width, t);
            Some(Task::Lines(title, [head, why].concat()))
        }
        Phase::Plain if step.challenge.is_some() => {
            let lines = challenge_lines(tour, ctx, width);
            let (prompt, cursor) = prompt_lines(tour, ctx, width);
            Some(Task::Challenge {
                lines,
                prompt,
                cursor,
            })
        }
        Phase::Plain => None,
    }
}

/// Where each choice's lines, `rows[i]`, were drawn in `inner`, scrolled to show `first` at
/// the top; a choice scrolled out of view has no place.
fn shown_rows(
    rows: &[Range<usize>],
    first: usize,
    inner: Rect,
) -> impl Iterator<Item = (usize, Rect)> {
    let height = usize::from(inner.height);
    rows.iter().enumerate().filter_map(move |(i, r)| {
        let start = r.start.max(first);
        let end = r.end.min(first + height);
        (start < end).then(|| {
            // Both fit in u16: they lie within the inner area's rows.
            let y = inner.y + (start - first) as u16;
            (i, Rect::new(inner.x, y, inner.width, (end - start) as u16))
        })
    })
}

/// The question, its lettered choices and how to answer; with the range of lines each choice
/// takes, so a click can be told which one it hit.
fn predict_lines(tour: &Tour, ctx: &Ctx, width: usize) -> (Vec<Line<'static>>, Vec<Range<usize>>) {
    let (content, t, ctx_keys) = (ctx.content, ctx.theme, ctx.keys);

    let step = tour.state.current(content);
    let Some(predict) = &step.predict else {
        return (Vec::new(), Vec::new());
    };
    let mut lines = wrap(
        Line::from(marked(&predict.question, t.emphasis, t)),
        width,
        0,
    );
    lines.push(Line::raw(""));
    let mut rows = Vec::new();
    for (i, choice) in predict.choices.iter().enumerate() {
        let key = choice_key(i).map_or(" ".to_string(), |c| c.to_string());
        let start = lines.len();
        lines.extend(wrap(
            Line::from(
                [Span::styled(format!(" {key}) "), t.key)]
                    .into_iter()
                    .chain(marked(&choice.text, t.text, t))
                    .collect::<Vec<_>>(),
            ),
            width,
            4,
        ));
        rows.push(start..lines.len());
    }
    lines.push(Line::raw(""));
    let keys: Vec<String> = (0..predict.choices.len())
        .filter_map(choice_key)
        .map(|c| c.to_string())
        .collect();
    let how = if tour.present.is_some() {
        "Ask the room; the step's commands run once the answer is shown.".to_string()
    } else {
        format!(
            "Press {} to answer; the step's commands run after you do. {} skips the question.",
            or_list(&keys),
            ctx_keys.short(Action::Next)
        )
    };
    lines.extend(wrap(Line::styled(how, t.dim), width, 0));
    (lines, rows)
}

/// A prediction's verdict in two parts: the headline (the question when asked for, what was
/// picked, the right answer) and the explanation (the why, the reveal), wrapped at `width`.
fn verdict_parts(
    tour: &Tour,
    content: &Content,
    picked: Option<usize>,
    question: bool,
    width: usize,
    t: &Theme,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let step = tour.state.current(content);
    let Some(predict) = &step.predict else {
        return (Vec::new(), Vec::new());
    };
    let (mut head, mut why) = (Vec::new(), Vec::new());
    let right = predict.choices.iter().position(|c| c.correct);
    let choice = |mark: &'static str, style, i: usize| {
        let letter = format!("{}) ", choice_key(i).unwrap_or('?'));
        let mut spans = vec![Span::styled(mark, style), Span::styled(letter, t.text)];
        spans.extend(marked(&predict.choices[i].text, t.text, t));
        wrap(Line::from(spans), width, 2)
    };
    if question {
        head.extend(wrap(
            Line::from(marked(&predict.question, t.dim, t)),
            width,
            0,
        ));
    }
    let said = |text: String| wrap(Line::from(marked(&text, t.text, t)), width, 0);
    match picked {
        Some(i) if Some(i) == right => {
            head.extend(choice("✓ Right: ", t.ok, i));
            why.extend(said(predict.choices[i].why.clone()));
        }
        Some(i) => {
            head.extend(choice("✗ You picked ", t.bad, i));
            why.extend(said(predict.choices[i].why.clone()));
            if let Some(r) = right {
                head.extend(choice("✓ The answer: ", t.ok, r));
            }
        }
        None => {
            if let Some(r) = right {
                head.extend(choice("✓ The answer: ", t.ok, r));
                // Nobody answered (skipped, or a room): "Right." would praise nobody.
                why.extend(said(unpraised(&predict.choices[r].why)));
            }
        }
    }
    if let Some(reveal) = &predict.reveal {
        let reveal = match picked {
            None => unpraised(reveal),
            Some(_) => reveal.clone(),
        };
        why.extend(wrap(Line::from(marked(&reveal, t.emphasis, t)), width, 0));
    }
    (head, why)
}

/// An explanation without the "Right." that greets a learner's correct answer.
fn unpraised(text: &str) -> String {
    text.strip_prefix("Right. ").unwrap_or(text).to_string()
}

fn challenge_lines(tour: &Tour, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let (content, progress, t) = (ctx.content, &*ctx.progress, ctx.theme);
    let state = &tour.state;
    let step = state.current(content);
    let Some(challenge) = &step.challenge else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut add = |line: Line<'static>, indent: usize| lines.extend(wrap(line, width, indent));
    add(
        Line::from(
            vec![Span::styled("Goal: ", t.title)]
                .into_iter()
                .chain(marked(&challenge.goal, t.text, t))
                .collect::<Vec<_>>(),
        ),
        0,
    );
    let typed = state.typed();
    for item in state.conditions(content) {
        add(checklist_line(item, typed, t), 2);
    }
    let solved_before = progress.challenge_solved(state.lesson(content), state.step);
    if state.goal_shown(content) {
        let message = match (state.challenge.ran_solution, tour.present.is_some()) {
            // The room watched the solution run: the presenter moves on, nobody resets.
            (true, true) => format!(
                "Reached by the solution: every condition holds. {} goes on.",
                ctx.keys.short(Action::Next)
            ),
            (true, false) => "Reached by the solution. Type reset to try it your own way.".into(),
            // The presenter typed it live: the room's goal, not one learner's progress.
            (false, true) => format!(
                "★ Goal reached: every condition holds. {} goes on.",
                ctx.keys.short(Action::Next)
            ),
            (false, false) => format!(
                "★ Goal reached: every condition holds. Saved to your progress; {} goes on.",
                ctx.keys.short(Action::Next)
            ),
        };
        add(Line::styled(message, t.ok), 2);
    } else if solved_before && tour.present.is_none() {
        // One learner's past is not the room's.
        add(Line::styled("You solved this one before.", t.dim), 0);
    }
    if state.challenge.hint {
        add(
            Line::from(
                vec![Span::styled("Hint: ", t.title)]
                    .into_iter()
                    .chain(marked(&challenge.hint, t.text, t))
                    .collect::<Vec<_>>(),
            ),
            0,
        );
    }
    if state.challenge.solution {
        add(Line::styled("Solution:", t.title), 0);
        for line in &challenge.solution {
            add(Line::styled(format!("  {}", line.text), t.key), 4);
        }
        if !state.challenge.ran_solution {
            add(
                Line::styled("Type run solution to run it from the step's start.", t.dim),
                0,
            );
        }
    }
    lines
}

/// One condition of a challenge as a sentence. Nothing is ticked before the learner has
/// typed a command: a condition that already held is one to keep, said so; one to reach is
/// open (○) until then, and ✓ or ✗ after.
fn checklist_line(item: Item, typed: bool, t: &Theme) -> Line<'static> {
    let (mark, style) = match (typed, item.holds) {
        (false, true) => ("= ", t.dim),
        (false, false) => ("○ ", t.dim),
        (true, true) => ("✓ ", t.ok),
        (true, false) => ("✗ ", t.bad),
    };
    let mut spans = vec![Span::styled(mark, style)];
    if item.keep {
        spans.push(Span::styled("keep: ", t.title));
    }
    let text_style = if item.holds { t.text } else { t.dim };
    // A sentence may name a command (`verify shelf`): drawn in the code style, no backticks.
    spans.extend(marked(&sentence(item.condition), text_style, t));
    Line::from(spans)
}

/// The prompt, with a line of help under it while it is empty. A presenter's room does not
/// type: unless the presenter opened the prompt, it says which key runs the solution.
fn prompt_lines(tour: &Tour, ctx: &Ctx, width: usize) -> (Vec<Line<'static>>, Option<Position>) {
    let (t, keys) = (ctx.theme, ctx.keys);
    if tour.present.is_some() && !tour.typing {
        if tour.state.goal_reached(ctx.content) {
            return (Vec::new(), None);
        }
        let mut lines = wrap(
            Line::from(vec![
                Span::styled(format!("{} ", keys.short(Action::Next)), t.key),
                Span::styled("runs the solution for the room", t.text),
            ]),
            width,
            2,
        );
        lines.extend(wrap(
            Line::styled(
                format!("or {} types a command", keys.short(Action::Type)),
                t.dim,
            ),
            width,
            2,
        ));
        return (lines, None);
    }
    let placeholder = format!("press {} to type a command", keys.short(Action::Type));
    let error = tour
        .state
        .challenge
        .error
        .as_ref()
        .map(|(text, e)| (text.as_str(), e));
    let prompt = Prompt {
        input: &tour.input,
        completion: tour.completion.as_ref(),
        error,
        active: tour.typing,
        placeholder: &placeholder,
        theme: t,
    };
    let (mut lines, cursor) = prompt.lines(width);
    if error.is_none() {
        lines.extend(wrap(
            Line::styled("or: hint · show solution · reset", t.dim),
            width,
            2,
        ));
    }
    (lines, cursor)
}

/// The end of the tour: the quizzes on offer. To a room (`room`), nothing of one learner's
/// progress: no lessons counted, no best scores.
fn end_lines(ctx: &Ctx, room: bool, width: usize) -> Vec<Line<'static>> {
    let (content, progress, t, keys) = (ctx.content, &*ctx.progress, ctx.theme, ctx.keys);
    let mut lines = Vec::new();
    let total = content.lessons.len();
    let done = super::lessons_completed(content, progress);
    let skipped = match progress.skipped.len() {
        0 => String::new(),
        n => format!(", {} skipped", plural(n, "challenge")),
    };
    let opening = if room {
        format!("The end of the tour: {total} lessons. Check what stuck with a quiz:")
    } else {
        format!(
            "You have reached the end of the tour ({done} of {total} lessons read to the end{skipped}). Check what stuck with a quiz:"
        )
    };
    lines.extend(wrap(Line::styled(opening, t.text), width, 0));
    for (key, id) in QUIZ_OFFER {
        // A quiz missing from a teacher's own content is not offered.
        let Some(quiz) = content.quiz(id) else {
            continue;
        };
        let best = progress
            .quizzes
            .get(id)
            .filter(|_| !room)
            .map(|s| format!(" (best so far {} of {})", s.best, s.total))
            .unwrap_or_default();
        lines.extend(wrap(
            Line::from(vec![
                Span::styled(format!(" {key}) "), t.key),
                Span::styled(quiz.title.clone(), t.text),
                Span::styled(best, t.dim),
            ]),
            width,
            4,
        ));
    }
    lines.extend(wrap(
        Line::styled(
            format!(
                "Press a letter to start that quiz. {} goes back, {} opens the outline, {} leaves the tour.",
                keys.short(Action::Prev),
                keys.short(Action::Outline),
                keys.short(Action::Back)
            ),
            t.dim,
        ),
        width,
        0,
    ));
    lines
}

/// "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
