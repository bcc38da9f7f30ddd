//! The guided tour screen: a lesson's narration beside the live model (back office, event
//! log, catalogs, commands), step by step, with predictions, challenges and an outline.
//! State lives in `state`, drawing in `draw`, the outline overlay in `outline`.

mod commands;
mod draw;
mod outline;
pub mod present;
pub mod state;
pub mod visible;

use ratatui::Frame;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use crate::UsageError;
use crate::content::{Content, Panel, locate};
use crate::progress::Progress;

use super::keys::Action;
use super::line_input::{Completion, Edit, LineInput};
use super::screen::{Command, Ctx, Screen, Transition};
use super::widgets::model_panels::ModelPanel;
use super::widgets::prompt::candidates;
use super::widgets::text::Scroll;
use outline::Outline;
use present::Presenter;
use state::{Move, Phase, Submitted, TourState};

/// The quizzes the end of the tour offers (on the motivation for CQRS and on recovering read
/// models), picked with a letter like a prediction's choices.
pub const QUIZ_OFFER: [(char, &str); 2] = [('a', "motivation"), ('b', "recovery")];

/// The regions of the tour screen that can hold the focus (Tab cycles them; arrows and
/// PgUp/PgDn scroll the one in focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Narration,
    /// The prediction, the challenge, or the end of the tour, when the step has one.
    Task,
    /// One of the model's panels.
    Panel(ModelPanel),
}

impl Focus {
    const ALL: [Focus; 6] = [
        Focus::Narration,
        Focus::Task,
        Focus::Panel(ModelPanel::Office),
        Focus::Panel(ModelPanel::Log),
        Focus::Panel(ModelPanel::Catalogs),
        Focus::Panel(ModelPanel::Commands),
    ];
    const COMMANDS: Focus = Focus::Panel(ModelPanel::Commands);
    const CATALOGS: Focus = Focus::Panel(ModelPanel::Catalogs);

    /// Where its scroll position is kept: the text column's two, then the model's four.
    fn index(self) -> usize {
        match self {
            Focus::Narration => 0,
            Focus::Task => 1,
            Focus::Panel(p) => 2 + p.index(),
        }
    }

    fn panel(self) -> Option<ModelPanel> {
        match self {
            Focus::Panel(p) => Some(p),
            _ => None,
        }
    }

    fn from_panel(panel: Option<Panel>) -> Focus {
        match panel {
            None | Some(Panel::Narration) => Focus::Narration,
            Some(Panel::Office) => Focus::Panel(ModelPanel::Office),
            Some(Panel::Log) => Focus::Panel(ModelPanel::Log),
            Some(Panel::Catalogs) => Focus::CATALOGS,
            Some(Panel::Command) => Focus::COMMANDS,
        }
    }

    /// Logs and commands are read from their newest line; the rest from the top, except
    /// that the catalogs bring the one the step is about into view.
    fn scroll(self) -> Scroll {
        match self.panel() {
            Some(ModelPanel::Log | ModelPanel::Commands) => Scroll::bottom(),
            Some(_) => Scroll {
                follow: true,
                ..Scroll::top()
            },
            None => Scroll::top(),
        }
    }

    /// Scroll positions as a step starts, by `index`.
    fn scrolls() -> [Scroll; 6] {
        let mut all = [Scroll::top(); 6];
        for f in Focus::ALL {
            all[f.index()] = f.scroll();
        }
        all
    }
}

/// The key that picks a prediction's choice: letters that no tour key uses, in order.
pub fn choice_key(index: usize) -> Option<char> {
    "abcdefgmnpsuvwxyz".chars().nth(index)
}

fn choice_index(c: char) -> Option<usize> {
    "abcdefgmnpsuvwxyz".find(c.to_ascii_lowercase())
}

pub struct Tour {
    state: TourState,
    focus: Focus,
    scroll: [Scroll; 6],
    input: LineInput,
    /// Keys go to the challenge prompt.
    typing: bool,
    outline: Option<Outline>,
    /// Presenting to a room (`--present`): its layout, zoom, blanking and autoplay.
    present: Option<Presenter>,
    /// Where each panel of the model was drawn last, for the mouse.
    placed: Vec<(Focus, Rect)>,
    /// Where each choice of a prediction being asked was drawn last, for the mouse.
    choices_at: Vec<(usize, Rect)>,
    /// Tab completion cycling at the challenge's prompt.
    completion: Option<Completion>,
    /// "Next" was pressed once on this step's unsolved challenge: the learner was told that
    /// pressing it again skips the challenge.
    skip_warned: bool,
}

/// Opens the tour at a lesson (by id) and step (from 0, as `Progress` counts): what the quiz
/// offers as "review this lesson". `None` when the lesson or step does not exist. Progress is
/// read and saved through the context once the tour runs; it is taken here so callers need
/// not change should opening ever depend on it.
pub fn open(
    content: &Content,
    _progress: &Progress,
    lesson_id: &str,
    step: usize,
) -> Option<Box<dyn Screen>> {
    let lesson = content.lessons.iter().position(|l| l.id == lesson_id)?;
    Tour::new(content, lesson, step).map(|t| Box::new(t) as Box<dyn Screen>)
}

/// Opens the tour where the learner left off (the first lesson for a newcomer).
pub fn resume(content: &Content, progress: &Progress) -> Option<Box<dyn Screen>> {
    let (lesson, step) = saved_position(content, progress);
    Tour::new(content, lesson, step).map(|t| Box::new(t) as Box<dyn Screen>)
}

/// The saved lesson and step, as indices that exist in this content.
pub fn saved_position(content: &Content, progress: &Progress) -> (usize, usize) {
    progress
        .tour
        .lesson
        .as_deref()
        .and_then(|id| content.lessons.iter().position(|l| l.id == id))
        .map_or((0, 0), |i| {
            let last = content.lessons[i].steps.len().saturating_sub(1);
            (i, progress.tour.step.min(last))
        })
}

/// `cqrs-catalog tour [--lesson ID] [--step N]`: the tour at the lesson and step asked for
/// (the step counted from 1), or where the learner left off. A wrong id or step is a usage
/// error with the nearest id or the range.
pub fn start(
    content: &Content,
    progress: &mut Progress,
    lesson: Option<&str>,
    step: Option<usize>,
    present: Option<Presenter>,
) -> anyhow::Result<Box<dyn Screen>> {
    if content.lessons.is_empty() {
        return Err(UsageError("there are no lessons to tour".into()).into());
    }
    let usage = UsageError;
    let (lesson, step) = match lesson {
        Some(id) => {
            let (index, l) = locate::lesson(content, id)?;
            let step = step.map(|n| locate::step(l, n)).transpose()?;
            (index, step.unwrap_or(0))
        }
        None => saved_position(content, progress),
    };
    let mut tour =
        Tour::new(content, lesson, step).ok_or_else(|| usage("that lesson has no steps".into()))?;
    if let Some(presenter) = present {
        tour = tour.presenting(content, presenter);
    }
    progress.tour.lesson = Some(content.lessons[lesson].id.clone());
    progress.tour.step = step;
    Ok(Box::new(tour))
}

impl Tour {
    pub fn new(content: &Content, lesson: usize, step: usize) -> Option<Tour> {
        let state = TourState::new(content, lesson, step)?;
        let mut tour = Tour {
            state,
            focus: Focus::Narration,
            scroll: Focus::scrolls(),
            input: LineInput::new(),
            typing: false,
            outline: None,
            present: None,
            placed: Vec::new(),
            choices_at: Vec::new(),
            skip_warned: false,
            completion: None,
        };
        tour.arrived(content);
        Some(tour)
    }

    /// The same tour, presented to a room.
    pub fn presenting(mut self, content: &Content, presenter: Presenter) -> Tour {
        self.present = Some(presenter);
        self.arrived(content);
        self
    }

    /// A presenter's "next": a challenge runs its solution before the tour moves on (the
    /// room watches it reach the goal); at the end, a loop starts over.
    fn present_next(&mut self, ctx: &mut Ctx) {
        let content = ctx.content;
        if self.challenge_open(content) && !self.state.goal_reached(content) {
            if let Some(presenter) = &mut self.present {
                presenter.challenge_pending = false;
            }
            self.state.submit(content, "run solution");
            self.scroll[Focus::COMMANDS.index()] = Scroll::bottom();
            return;
        }
        if self.state.finished {
            if self.present.as_ref().is_some_and(|p| p.looping) {
                self.state.start_over(content);
                self.moved(Move::Step, ctx);
            }
            return;
        }
        let m = self.state.next(content);
        self.moved(m, ctx);
    }

    /// Keys a presenter has that a learner does not; `None` lets the key through.
    fn present_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Option<Transition> {
        let presenter = self.present.as_mut()?;
        presenter.touched();
        if presenter.blank {
            presenter.blank = false;
            return Some(Transition::Stay);
        }
        let actions = ctx.keys.actions(&key);
        let is = |a: Action| actions.contains(&a);
        if is(Action::Zoom) {
            presenter.cycle_zoom();
            // The arrows scroll the panel in focus: the one just zoomed is the one to read.
            self.focus = Focus::Panel(presenter.zoom);
        } else if is(Action::Blank) && self.state.phase != Phase::Asking {
            presenter.blank = true;
        } else if is(Action::Next) || is(Action::Select) {
            if self.state.phase == Phase::Asking {
                return None;
            }
            self.present_next(ctx);
        } else {
            return None;
        }
        Some(Transition::Stay)
    }

    /// Answers the prediction being asked with choice `i` (by key or click); false when none
    /// is asked or there is no such choice.
    fn answer(&mut self, i: usize, content: &Content) -> bool {
        if self.state.phase != Phase::Asking || self.state.answer(content, i).is_none() {
            return false;
        }
        // The focus stays where the step wants eyes: the panel that shows the answer; a
        // challenge the prediction held back opens with its prompt ready (a room's does not).
        self.scroll = Focus::scrolls();
        self.typing = self.challenge_open(content) && self.present.is_none();
        if let Some(presenter) = &mut self.present {
            presenter.touched();
            // The step has run now: its answer may be in another panel than the one zoomed.
            if let Some(entry) = self.state.entries.last()
                && Focus::from_panel(self.state.current(content).focus) == Focus::Narration
            {
                presenter.zoom = present::answered_in(&entry.outcome);
            }
        }
        true
    }

    /// Whether the step shows a task panel: a prediction, a challenge or the end of the tour.
    fn has_task(&self, content: &Content) -> bool {
        let step = self.state.current(content);
        self.state.finished || step.predict.is_some() || self.challenge_open(content)
    }

    /// A challenge is open once any prediction of its step has been answered.
    fn challenge_open(&self, content: &Content) -> bool {
        self.state.current(content).challenge.is_some() && self.state.phase != Phase::Asking
    }

    /// After a move: focus and scrolling as the step wants them, the prompt ready for a
    /// challenge.
    fn arrived(&mut self, content: &Content) {
        self.scroll = Focus::scrolls();
        self.focus = if self.state.finished {
            Focus::Task
        } else {
            Focus::from_panel(self.state.current(content).focus)
        };
        self.input.clear();
        self.skip_warned = false;
        self.typing = self.challenge_open(content);
        let pending = self.typing && !self.state.goal_reached(content);
        if let Some(presenter) = &mut self.present {
            // A room does not type: a challenge waits for a key that runs its solution.
            self.typing = false;
            presenter.challenge_pending = pending;
            // The author's panel, else the one the step's last command answers in.
            let answered = self
                .state
                .entries
                .last()
                .map(|e| present::answered_in(&e.outcome));
            presenter.arrived(self.focus.panel().or(answered));
        }
    }

    /// Whether the step asks the room something autoplay must not answer for it: a
    /// prediction not yet revealed, a challenge whose solution has not run.
    pub(crate) fn waits_for_room(&self) -> bool {
        self.state.phase == Phase::Asking
            || self.present.as_ref().is_some_and(|p| p.challenge_pending)
    }

    /// Saves where the learner is; reaching a lesson's last step completes it.
    fn record(&self, ctx: &mut Ctx) {
        let lesson = self.state.lesson(ctx.content);
        ctx.progress.tour.lesson = Some(lesson.id.clone());
        ctx.progress.tour.step = self.state.step;
        if self.state.is_last_step(ctx.content) {
            ctx.progress.complete_lesson(&lesson.id);
        }
        ctx.save();
        let lessons = &ctx.content.lessons;
        let next = lessons
            .iter()
            .position(|l| l.id == lesson.id)
            .and_then(|i| lessons.get(i + 1))
            .map(|l| l.title.as_str());
        let state = crate::classroom::notes::PresenterState::of_step(lesson, self.state.step, next);
        ctx.publish(&state);
    }

    fn moved(&mut self, m: Move, ctx: &mut Ctx) {
        match m {
            Move::Step | Move::End => {
                self.arrived(ctx.content);
                self.record(ctx);
            }
            Move::Stay => {}
        }
    }

    /// "Next" on a challenge not solved: the first press says that another skips it; the
    /// second lets the tour move on, noting the challenge as skipped in the progress. True
    /// while the tour stays.
    fn holds_back_skip(&mut self, ctx: &mut Ctx) -> bool {
        let (content, state) = (ctx.content, &self.state);
        let lesson = state.lesson(content);
        let solved = state.challenge.solved || ctx.progress.challenge_solved(lesson, state.step);
        if !self.challenge_open(content) || state.goal_reached(content) || solved {
            return false;
        }
        if !self.skip_warned {
            self.skip_warned = true;
            *ctx.flash = Some(format!(
                "The challenge is not solved yet: {} again skips it.",
                ctx.keys.short(Action::Next)
            ));
            return true;
        }
        ctx.progress.skip_challenge(lesson, self.state.step);
        false
    }

    /// After the learner changed the model: a goal reached is said and saved once.
    fn after_action(&mut self, ctx: &mut Ctx) {
        if self.state.check_goal(ctx.content) {
            let lesson = self.state.lesson(ctx.content);
            ctx.progress.solve_challenge(lesson, self.state.step);
            ctx.save();
        }
    }

    fn scroll_focused(&mut self, up: bool, lines: usize) {
        // While a prediction is asked, the narration's place holds the question.
        let focus = match self.focus {
            Focus::Narration if self.state.phase == Phase::Asking => Focus::Task,
            focus => focus,
        };
        let s = &mut self.scroll[focus.index()];
        if up { s.up(lines) } else { s.down(lines) }
    }

    fn cycle_focus(&mut self, content: &Content, back: bool) {
        let has_task = self.has_task(content);
        // Presenting, only the zoomed panel of the model is on screen to take the focus.
        let zoom = self.present.as_ref().map(|p| p.zoom);
        let shown = |f: Focus| match f {
            Focus::Task => has_task,
            Focus::Narration => true,
            Focus::Panel(panel) => zoom.is_none_or(|z| z == panel),
        };
        let mut i = Focus::ALL
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0);
        let n = Focus::ALL.len();
        loop {
            i = if back { (i + n - 1) % n } else { (i + 1) % n };
            if shown(Focus::ALL[i]) {
                break;
            }
        }
        self.focus = Focus::ALL[i];
    }

    fn typing_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        if matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
            self.complete(key.code == KeyCode::Tab);
            return Transition::Stay;
        }
        self.completion = None;
        if matches!(key.code, KeyCode::PageUp | KeyCode::PageDown) {
            let s = &mut self.scroll[Focus::Task.index()];
            if key.code == KeyCode::PageUp {
                s.up(5)
            } else {
                s.down(5)
            }
            return Transition::Stay;
        }
        match self.input.handle(key) {
            Edit::Submit(text) => {
                let submitted = self.state.submit(ctx.content, &text);
                if submitted == Submitted::Error {
                    // Leave the line to be corrected where the caret points, selected:
                    // typing a new line replaces it.
                    self.input.keep_failed(&text);
                }
                if submitted == Submitted::Word {
                    // A hint or the solution is added at the end of the challenge: show it.
                    self.scroll[Focus::Task.index()] = Scroll::bottom();
                }
                // Show the newest outcome, and the catalog it is about.
                self.scroll[Focus::COMMANDS.index()] = Scroll::bottom();
                self.scroll[Focus::CATALOGS.index()] = Focus::CATALOGS.scroll();
                self.after_action(ctx);
            }
            Edit::Leave => self.typing = false,
            Edit::Changed => {}
            Edit::Ignored if self.input.is_empty() => {
                // An empty prompt has no use for ← and →: they move through the tour.
                let m = match key.code {
                    KeyCode::Right => self.state.next(ctx.content),
                    KeyCode::Left => self.state.prev(ctx.content),
                    _ => Move::Stay,
                };
                self.moved(m, ctx);
            }
            Edit::Ignored => {}
        }
        Transition::Stay
    }

    /// Tab (`forward`) or Shift+Tab at the prompt: completes the word being typed from the
    /// names the library knows and the prompt's words, as the sandbox does; again, cycles.
    fn complete(&mut self, forward: bool) {
        let found = candidates(
            &self.input.before_cursor(),
            &self.state.session.names(),
            &state::PROMPT_WORDS,
        );
        self.input.tab(&mut self.completion, forward, found);
    }

    /// At the end of the tour, a letter opens the quiz offered under it; leaving the quiz
    /// comes back here.
    fn end_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Option<Transition> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        let (_, quiz) = QUIZ_OFFER.iter().find(|(k, _)| *k == c)?;
        super::quiz::open(ctx.content, quiz, ctx.quiz_seed).map(Transition::Push)
    }
}

impl Screen for Tour {
    fn title(&self) -> String {
        "the guided tour".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        match &self.present {
            Some(p) if p.blank => {}
            Some(p) if self.outline.is_none() => {
                let zoom = p.zoom;
                draw::draw_presenting(self, zoom, frame, area, ctx);
            }
            _ => draw::draw(self, frame, area, ctx),
        }
    }

    fn shown(&mut self, ctx: &mut Ctx) {
        self.record(ctx);
    }

    fn on_mouse(&mut self, event: MouseEvent, ctx: &mut Ctx) -> Transition {
        if let Some(outline) = &mut self.outline {
            if let Some((lesson, step)) = outline.mouse(event) {
                self.outline = None;
                if self.state.jump(ctx.content, lesson, step) {
                    self.moved(Move::Step, ctx);
                }
            }
            return Transition::Stay;
        }
        let at = Position::new(event.column, event.row);
        let under = self
            .placed
            .iter()
            .find(|(_, r)| r.contains(at))
            .map(|(f, _)| *f);
        match event.kind {
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let up = event.kind == MouseEventKind::ScrollUp;
                let s = &mut self.scroll[under.unwrap_or(self.focus).index()];
                if up { s.up(3) } else { s.down(3) }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let choice = self
                    .choices_at
                    .iter()
                    .find(|(_, r)| r.contains(at))
                    .map(|(i, _)| *i);
                if let Some(i) = choice {
                    self.answer(i, ctx.content);
                } else if let Some(focus) = under {
                    self.focus = focus;
                }
            }
            _ => {}
        }
        Transition::Stay
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        if let Some(outline) = &mut self.outline {
            match outline.handle(key, ctx) {
                outline::Outcome::Open => {}
                outline::Outcome::Close => self.outline = None,
                outline::Outcome::Jump(lesson, step) => {
                    self.outline = None;
                    if self.state.jump(ctx.content, lesson, step) {
                        self.moved(Move::Step, ctx);
                    }
                }
            }
            return Transition::Stay;
        }
        if self.typing {
            return self.typing_key(key, ctx);
        }
        if let Some(t) = self.present_key(key, ctx) {
            return t;
        }
        let actions = ctx.keys.actions(&key);
        let is = |a: Action| actions.contains(&a);
        // Letters answer a prediction. Of the presenter's keys among them, z (zoom) was taken
        // above (z would be a 17th choice), and b (blank) waits until no question is asked.
        if let KeyCode::Char(c) = key.code
            && !key.modifiers.contains(KeyModifiers::CONTROL)
            && let Some(i) = choice_index(c)
            && self.answer(i, ctx.content)
        {
            return Transition::Stay;
        }
        if self.state.finished
            && let Some(t) = self.end_key(key, ctx)
        {
            return t;
        }
        if is(Action::Next) || (is(Action::Select) && !self.challenge_open(ctx.content)) {
            if self.holds_back_skip(ctx) {
                return Transition::Stay;
            }
            let asking = self.state.phase == Phase::Asking;
            let m = self.state.next(ctx.content);
            self.moved(m, ctx);
            if asking {
                self.typing = self.challenge_open(ctx.content);
            }
        } else if is(Action::Prev) {
            let m = self.state.prev(ctx.content);
            self.moved(m, ctx);
        } else if is(Action::Tick) {
            if self.state.tick() {
                self.scroll[Focus::COMMANDS.index()] = Scroll::bottom();
                self.after_action(ctx);
            } else {
                *ctx.flash = Some("Answer the prediction first: the step has not run yet.".into());
            }
        } else if is(Action::Restart) {
            self.state.restart(ctx.content);
            self.moved(Move::Step, ctx);
        } else if is(Action::Outline) {
            self.outline = Some(Outline::new(
                ctx.content,
                self.state.lesson,
                self.state.step,
            ));
        } else if is(Action::FocusNext) || is(Action::FocusPrev) {
            self.cycle_focus(ctx.content, is(Action::FocusPrev));
        } else if is(Action::Up) {
            self.scroll_focused(true, 1);
        } else if is(Action::Down) {
            self.scroll_focused(false, 1);
        } else if is(Action::PageUp) {
            self.scroll_focused(true, 8);
        } else if is(Action::PageDown) {
            self.scroll_focused(false, 8);
        } else if is(Action::Type) || is(Action::Select) {
            if self.challenge_open(ctx.content) {
                self.typing = true;
            }
        } else if is(Action::Back) {
            // A `notes` follower should not go on showing a step nobody is on.
            ctx.clear_notes();
            return Transition::Back;
        }
        Transition::Stay
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Command> {
        self.command_list(ctx)
    }

    fn on_paste(&mut self, text: &str, _ctx: &mut Ctx) -> Transition {
        // Only the challenge's prompt takes a paste; elsewhere its letters are not keys.
        if self.typing() {
            self.input.paste(text);
        }
        Transition::Stay
    }

    fn typing(&self) -> bool {
        self.typing && self.outline.is_none()
    }

    fn animating(&self) -> bool {
        // Autoplay waits while the outline is open: the presenter is choosing where to go.
        let autoplay = self.outline.is_none()
            && self
                .present
                .as_ref()
                .is_some_and(|p| p.wants_timer(self.state.finished, self.waits_for_room()));
        self.state.animating() || autoplay
    }

    fn on_timer(&mut self, ctx: &mut Ctx) {
        if self.state.animating() {
            // A step's time on screen counts from the end of its rebuild: the room sees the
            // rebuilt catalog for the whole of it.
            self.state.animate();
            // The goal counts once the rebuilt catalog is on screen.
            if !self.state.animating() {
                self.after_action(ctx);
            }
            return;
        }
        let question = self.waits_for_room();
        let due = self.outline.is_none()
            && self
                .present
                .as_mut()
                .is_some_and(|p| !p.blank && p.frame(question));
        if due {
            if self.state.phase == Phase::Asking {
                // Autoplay reveals a prediction's answer, then moves on the next time.
                let m = self.state.next(ctx.content);
                self.moved(m, ctx);
            } else {
                self.present_next(ctx);
            }
        }
    }

    fn bare(&self) -> bool {
        self.present.as_ref().is_some_and(|p| p.blank)
    }

    fn min_size(&self) -> (u16, u16) {
        (draw::MIN_WIDTH, draw::MIN_HEIGHT)
    }
}

/// How many of the lessons there are now the learner has read to the end.
pub fn lessons_completed(content: &Content, progress: &Progress) -> usize {
    content
        .lessons
        .iter()
        .filter(|l| progress.tour.completed.contains(&l.id))
        .count()
}

/// The learner's progress on the tour in a few words, for the home screen.
pub fn progress_summary(ctx: &Ctx) -> String {
    let content = ctx.content;
    let progress = &*ctx.progress;
    let total = content.lessons.len();
    let done = lessons_completed(content, progress);
    let Some(id) = progress.tour.lesson.as_deref() else {
        return format!("{total} lessons · not started yet");
    };
    let (lesson, step) = saved_position(content, progress);
    let l = &content.lessons[lesson];
    let here = if l.id == id {
        format!(
            "resume at lesson {} of {total}, step {} of {}",
            lesson + 1,
            step + 1,
            l.steps.len()
        )
    } else {
        format!("{total} lessons")
    };
    format!("{here} · {done} of {total} lessons completed")
}
