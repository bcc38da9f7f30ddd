//! The quiz screen: one question at a time, choices picked with letters or arrows, feedback
//! after each answer, and a summary that offers a retry of what was missed. `open` starts one.

mod draft;
pub mod picker;
pub mod view;

use ratatui::Frame;
use std::ops::Range;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Padding, Paragraph};

use crate::attempt::{Attempt, Feedback, time_seed};
use crate::content::{Content, Kind, Question, Quiz};
use crate::progress::today;
use crate::rng::Rng;

use super::home::Entry;
use super::keys::Action;
use super::screen::{Command, Ctx, Screen, Transition};
use super::widgets::panel::panel;
use draft::Draft;
use view::Summary;

/// Opens a quiz by id at its first question, its choices shuffled with `seed` or, without one,
/// a seed from the clock; `None` when no quiz has that id.
pub fn open(content: &Content, quiz_id: &str, seed: Option<u64>) -> Option<Box<dyn Screen>> {
    open_seeded(content, quiz_id, seed.unwrap_or_else(time_seed))
}

/// Opens a quiz with a given seed: the same seed shows the choices in the same order.
pub fn open_seeded(content: &Content, quiz_id: &str, seed: u64) -> Option<Box<dyn Screen>> {
    let quiz = content.quiz(quiz_id)?;
    Some(Box::new(QuizScreen::new(quiz.clone(), seed)))
}

/// The first screen of `cqrs-catalog quiz [ID]`: that quiz, or the picker without an id. An
/// unknown id is the same one-line error as in the plain mode.
pub fn first_screen(
    content: &Content,
    id: Option<&str>,
    seed: Option<u64>,
) -> anyhow::Result<Box<dyn Screen>> {
    let Some(id) = id else {
        return Ok(Box::new(picker::Picker::new(content).seeded(seed)));
    };
    let quiz = content.find_quiz(id)?;
    Ok(Box::new(QuizScreen::new(
        quiz.clone(),
        seed.unwrap_or_else(time_seed),
    )))
}

/// The home screen's way in: the picker, with the best scores so far.
pub fn entry() -> Entry {
    Entry {
        name: "Quiz",
        what: "check what stuck, with feedback on every answer",
        progress: best_scores,
        open: |ctx| Some(Box::new(picker::Picker::new(ctx.content))),
    }
}

/// "best: motivation 8/10, recovery 6/10 · 2 not taken yet", in quiz order.
fn best_scores(ctx: &Ctx) -> String {
    let quizzes = &ctx.content.quizzes;
    let scores: Vec<String> = quizzes
        .iter()
        .filter_map(|q| {
            let s = ctx.progress.quizzes.get(&q.id)?;
            Some(format!("{} {}/{}", q.id, s.best, s.total))
        })
        .collect();
    let questions: usize = quizzes.iter().map(|q| q.questions.len()).sum();
    if scores.is_empty() {
        return format!(
            "{} quizzes, {questions} questions · not taken yet",
            quizzes.len()
        );
    }
    let untaken = quizzes.len() - scores.len();
    let mut line = format!("best: {}", scores.join(", "));
    if untaken > 0 {
        line.push_str(&format!(" · {untaken} not taken yet"));
    }
    line
}

enum Phase {
    /// The learner is answering the question on screen.
    Asking(Draft),
    /// The answer is in; its feedback is on screen.
    Answered,
    /// Every question is answered.
    Done(Summary),
}

/// What the screen shows: its lines, the lines of the cursor's row (to keep in view), and the
/// lines each choice row takes (for the mouse).
type Text = (
    Vec<Line<'static>>,
    Option<(usize, usize)>,
    Vec<Range<usize>>,
);

pub struct QuizScreen {
    quiz: Quiz,
    rng: Rng,
    attempt: Attempt,
    /// The question on screen: an index into the attempt's questions.
    at: usize,
    phase: Phase,
    /// The first line shown, and the size of the text area at the last draw (for paging).
    scroll: usize,
    page: usize,
    /// Scroll the cursor's choice into view at the next draw (it just moved).
    follow: bool,
    /// Esc was pressed once mid-quiz: a second one leaves.
    leaving: bool,
    /// Where the text was drawn and which lines each choice row took, for the mouse.
    inner: Rect,
    rows_at: Vec<Range<usize>>,
}

impl QuizScreen {
    pub fn new(quiz: Quiz, seed: u64) -> QuizScreen {
        let mut rng = Rng::new(seed);
        let attempt = Attempt::whole(&quiz, &mut rng);
        let mut screen = QuizScreen {
            quiz,
            rng,
            attempt,
            at: 0,
            phase: Phase::Answered,
            scroll: 0,
            page: 1,
            follow: true,
            leaving: false,
            inner: Rect::default(),
            rows_at: Vec::new(),
        };
        screen.ask(0, None);
        screen
    }

    /// The keys while a question waits for its answer: by its kind, with the letters of its
    /// real number of choices.
    fn asking_commands(&self, ctx: &Ctx) -> Vec<Command> {
        let k = ctx.keys;
        let question = self.question();
        let letters = letters(question.map_or(0, |q| q.choices.len()));
        let bound = |a, hint, doc| Command::bound(k, a, hint, doc);
        let submit = bound(Action::Select, Some("submit"), "submit the answer");
        match question.map(|q| q.kind) {
            Some(Kind::Multiple) => vec![
                bound(Action::Toggle, Some("tick"), "tick or untick the choice"),
                Command::fixed(
                    letters,
                    Some("tick by letter"),
                    "tick a choice by its letter",
                ),
                submit,
            ],
            Some(Kind::Order) => vec![
                bound(Action::MoveUp, Some("move up"), "move the item up"),
                bound(Action::MoveDown, Some("move down"), "move the item down"),
                submit,
            ],
            _ => vec![
                Command::fixed(letters, Some("pick"), "pick a choice by its letter"),
                submit,
            ],
        }
    }

    fn question(&self) -> Option<&Question> {
        let asked = self.attempt.asked.get(self.at)?;
        self.quiz.questions.get(asked.question)
    }

    /// Shows question `at`, or the summary past the last one.
    fn ask(&mut self, at: usize, ctx: Option<&mut Ctx>) {
        self.at = at;
        self.scroll = 0;
        self.follow = true;
        self.phase = match self.attempt.asked.get(at) {
            Some(asked) => Phase::Asking(Draft::new(asked)),
            None => Phase::Done(self.finish(ctx)),
        };
    }

    /// Scores the attempt; a whole one is recorded with the progress (best score and date).
    fn finish(&mut self, ctx: Option<&mut Ctx>) -> Summary {
        let (right, total) = self.attempt.score(&self.quiz);
        let mut best_before = None;
        if let Some(ctx) = ctx {
            best_before = ctx.progress.quizzes.get(&self.quiz.id).cloned();
            if self.attempt.whole {
                ctx.progress
                    .record_quiz(&self.quiz.id, right, total, today());
                ctx.save();
            }
        }
        Summary {
            right,
            total,
            whole: self.attempt.whole,
            best_before,
            missed: self.attempt.missed(&self.quiz),
        }
    }

    fn submit(&mut self, ctx: &mut Ctx) {
        let Phase::Asking(draft) = &self.phase else {
            return;
        };
        let Some(kind) = self.question().map(|q| q.kind) else {
            return;
        };
        if kind == Kind::Multiple && !draft.any_ticked() {
            *ctx.flash = Some(format!(
                "nothing ticked yet: {} ticks the choice under the cursor, or press its letter",
                ctx.keys.label(Action::Toggle)
            ));
            return;
        }
        let given = draft.given(kind);
        if let Some(asked) = self.attempt.asked.get_mut(self.at) {
            asked.given = Some(given);
        }
        self.phase = Phase::Answered;
        self.scroll = 0;
    }

    /// Keys while answering: letters and arrows pick, Space ticks, Shift+arrows reorder.
    fn key_asking(&mut self, key: &KeyEvent, actions: &[Action], ctx: &mut Ctx) {
        let Some(kind) = self.question().map(|q| q.kind) else {
            return;
        };
        let letters: Vec<char> = {
            let asked = &self.attempt.asked[self.at];
            let Phase::Asking(draft) = &self.phase else {
                return;
            };
            draft.rows.iter().map(|&c| asked.letter_of(c)).collect()
        };
        let Phase::Asking(draft) = &mut self.phase else {
            return;
        };
        // A choice's letter is the learner's most direct way to it, so it comes first.
        if let (KeyCode::Char(c), false) = (
            key.code,
            key.modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
        ) && let Some(row) = letters.iter().position(|&l| l == c)
        {
            draft.pick(row, kind);
            self.follow = true;
            return;
        }
        let order = kind == Kind::Order;
        if actions.contains(&Action::Select) {
            self.submit(ctx);
            return;
        } else if order && actions.contains(&Action::MoveUp) {
            draft.move_up();
        } else if order && actions.contains(&Action::MoveDown) {
            draft.move_down();
        } else if actions.contains(&Action::Up) {
            draft.up();
        } else if actions.contains(&Action::Down) {
            draft.down();
        } else if kind == Kind::Multiple && actions.contains(&Action::Toggle) {
            draft.toggle();
        } else {
            self.key_scroll(actions);
            return;
        }
        self.follow = true;
    }

    /// PgUp / PgDn everywhere; ↑ ↓ too where no cursor needs them.
    fn key_scroll(&mut self, actions: &[Action]) {
        let line = !matches!(self.phase, Phase::Asking(_));
        if actions.contains(&Action::PageDown) {
            self.scroll += self.page.saturating_sub(1).max(1);
        } else if actions.contains(&Action::PageUp) {
            self.scroll = self
                .scroll
                .saturating_sub(self.page.saturating_sub(1).max(1));
        } else if line && actions.contains(&Action::Down) {
            self.scroll += 1;
        } else if line && actions.contains(&Action::Up) {
            self.scroll = self.scroll.saturating_sub(1);
        }
    }

    /// The tour at the first step of the lesson the question on screen links to.
    fn review_screen(&self, ctx: &Ctx) -> Option<Box<dyn Screen>> {
        let lesson = self.review_lesson(ctx.content)?;
        super::tour::open(ctx.content, ctx.progress, &lesson.id, 0)
    }

    /// The lesson the question on screen links to, if it exists.
    fn review_lesson<'c>(&self, content: &'c Content) -> Option<&'c crate::content::Lesson> {
        content.lesson(self.question()?.review.as_deref()?)
    }

    /// The screen's lines, the cursor's lines (to keep in view) and each choice row's lines.
    fn lines(&self, ctx: &Ctx, width: usize) -> Text {
        let theme = ctx.theme;
        match &self.phase {
            Phase::Asking(draft) => {
                let (Some(q), Some(asked)) = (self.question(), self.attempt.asked.get(self.at))
                else {
                    return (Vec::new(), None, Vec::new());
                };
                let (lines, focus, rows) = view::question(q, asked, draft, theme, width);
                (lines, Some((focus.start, focus.end)), rows)
            }
            Phase::Answered => {
                let (Some(q), Some(asked)) = (self.question(), self.attempt.asked.get(self.at))
                else {
                    return (Vec::new(), None, Vec::new());
                };
                let Some(given) = &asked.given else {
                    return (Vec::new(), None, Vec::new());
                };
                let feedback = Feedback::new(q, asked, given);
                let lines = view::feedback(
                    q,
                    &feedback,
                    self.review_lesson(ctx.content),
                    ctx.keys.label(Action::Review),
                    theme,
                    width,
                );
                (lines, None, Vec::new())
            }
            Phase::Done(summary) => (
                view::summary(&self.quiz.questions, summary, theme, width),
                None,
                Vec::new(),
            ),
        }
    }

    /// The panel's title: where the learner is first, so a narrow terminal cuts the quiz's
    /// name, not the progress.
    fn title(&self) -> String {
        let retry = if self.attempt.whole { "" } else { "retry · " };
        match &self.phase {
            Phase::Done(_) => format!("{retry}the end · {}", self.quiz.title),
            _ => format!(
                "{retry}question {} of {} · {}",
                self.at + 1,
                self.attempt.len(),
                self.quiz.title
            ),
        }
    }
}

impl Screen for QuizScreen {
    fn title(&self) -> String {
        "the quiz".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let block =
            panel(&QuizScreen::title(self), true, ctx.theme).padding(Padding::horizontal(1));
        let inner = block.inner(area);
        // Long lines are hard to read on a wide terminal: prose stops at 100 columns.
        let (lines, focus, rows) = self.lines(ctx, (inner.width as usize).min(100));
        self.rows_at = rows;
        self.inner = inner;
        self.page = (inner.height as usize).max(1);
        if self.follow
            && let Some((start, end)) = focus
        {
            if start < self.scroll {
                self.scroll = start;
            } else if end > self.scroll + self.page {
                self.scroll = end.saturating_sub(self.page).min(start);
            }
        }
        self.follow = false;
        let bottom = lines.len().saturating_sub(self.page);
        self.scroll = self.scroll.min(bottom);
        let more = match (self.scroll > 0, self.scroll < bottom) {
            (true, true) => Some(" ↑↓ more: PgUp PgDn "),
            (false, true) => Some(" ↓ more: PgDn "),
            (true, false) => Some(" ↑ more: PgUp "),
            (false, false) => None,
        };
        let block = match more {
            Some(m) => block.title_bottom(Line::styled(m, ctx.theme.dim).right_aligned()),
            None => block,
        };
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
    }

    fn on_mouse(&mut self, event: MouseEvent, _ctx: &mut Ctx) -> Transition {
        match event.kind {
            MouseEventKind::ScrollDown => self.scroll += 1,
            MouseEventKind::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            MouseEventKind::Down(MouseButton::Left)
                if self.inner.contains(Position::new(event.column, event.row)) =>
            {
                // A click on a choice does what its letter does.
                let line = self.scroll + usize::from(event.row - self.inner.y);
                let kind = self.question().map(|q| q.kind);
                if let (Phase::Asking(draft), Some(kind)) = (&mut self.phase, kind)
                    && let Some(row) = self.rows_at.iter().position(|r| r.contains(&line))
                {
                    draft.pick(row, kind);
                }
            }
            _ => {}
        }
        Transition::Stay
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        let actions = ctx.keys.actions(&key);
        let leaving = std::mem::take(&mut self.leaving);
        if actions.contains(&Action::Back) {
            let started = self.attempt.asked.iter().any(|a| a.given.is_some());
            if matches!(self.phase, Phase::Done(_)) || !started || leaving {
                return Transition::Back;
            }
            self.leaving = true;
            *ctx.flash = Some(format!(
                "press {} again to leave the quiz; this run will not be scored",
                ctx.keys.label(Action::Back)
            ));
            return Transition::Stay;
        }
        match &self.phase {
            Phase::Asking(_) => self.key_asking(&key, &actions, ctx),
            Phase::Answered => {
                if actions.contains(&Action::Select) || actions.contains(&Action::Next) {
                    self.ask(self.at + 1, Some(ctx));
                } else if actions.contains(&Action::Review) {
                    // The tour opens on top: leaving it comes back to this feedback.
                    if let Some(screen) = self.review_screen(ctx) {
                        return Transition::Push(screen);
                    }
                } else {
                    self.key_scroll(&actions);
                }
            }
            Phase::Done(summary) => {
                if actions.contains(&Action::Restart) {
                    let missed = summary.missed.clone();
                    self.attempt = if missed.is_empty() {
                        Attempt::whole(&self.quiz, &mut self.rng)
                    } else {
                        Attempt::of(&self.quiz, missed, &mut self.rng)
                    };
                    self.ask(0, Some(ctx));
                } else if actions.contains(&Action::Select) {
                    return Transition::Back;
                } else {
                    self.key_scroll(&actions);
                }
            }
        }
        Transition::Stay
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Command> {
        let k = ctx.keys;
        let bound = |a, hint, doc| Command::bound(k, a, hint, doc);
        let mut list = match &self.phase {
            Phase::Asking(_) => self.asking_commands(ctx),
            Phase::Answered => {
                let last = self.at + 1 >= self.attempt.len();
                let next = if last {
                    "see the score"
                } else {
                    "next question"
                };
                let mut list = vec![bound(Action::Select, Some(next), next)];
                if self.review_lesson(ctx.content).is_some() {
                    let doc = "open the lesson this question is about";
                    list.push(bound(Action::Review, Some("review the lesson"), doc));
                }
                list
            }
            Phase::Done(summary) => {
                let again = if summary.missed.is_empty() {
                    "take it again"
                } else {
                    "retry the ones I missed"
                };
                vec![
                    bound(Action::Restart, Some(again), again),
                    bound(Action::Select, Some("done"), "leave the quiz"),
                ]
            }
        };
        let mut scroll = Command::scroll(k, None);
        scroll.doc = "move between choices; scroll";
        list.push(scroll);
        if !matches!(self.phase, Phase::Done(_)) {
            let doc = "leave the quiz (mid-quiz: press twice)";
            list.push(bound(Action::Back, Some("leave"), doc));
        }
        list
    }
}

/// The letters of `n` choices as the footer shows them: "a b c", or "a-e" past three.
fn letters(n: usize) -> &'static str {
    let last = (b'a' + n.clamp(1, 26) as u8 - 1) as char;
    match n {
        0 | 1 => "a",
        2 => "a b",
        3 => "a b c",
        _ => crate::tui::keys::intern(format!("a-{last}")),
    }
}

#[cfg(test)]
mod letter_tests {
    /// The footer named "a b c" whatever the question had (issue 9): it now counts them.
    #[test]
    fn the_footer_letters_follow_the_number_of_choices() {
        assert_eq!(super::letters(2), "a b");
        assert_eq!(super::letters(3), "a b c");
        assert_eq!(super::letters(4), "a-d");
        assert_eq!(super::letters(5), "a-e");
    }
}
