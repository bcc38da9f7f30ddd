//! The tour's state apart from drawing: where the learner is, the model at that step, the
//! prediction or challenge in progress, and a rebuild being animated. The model is always
//! derived (a replay of the lesson's commands up to the step), so going back is exact.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::content::lesson::run_lines;
use crate::content::{Content, Lesson, Step};
use crate::model::language::{Command, ParseError, ScriptLine, parse_line};
use crate::model::{Answer, Delivery, Library, Outcome, RebuildJob, Session};

/// Frames a rebuild animation lasts, however long the log: long enough to be seen, short
/// enough not to hold up a class.
pub const REBUILD_FRAMES: u32 = 24;

/// Words the challenge prompt understands besides the command language.
pub const PROMPT_WORDS: [&str; 4] = ["hint", "show solution", "run solution", "reset"];

/// One command run in this step and what it came to.
#[derive(Debug, Clone)]
pub struct Entry {
    pub input: String,
    pub outcome: Outcome,
    /// Typed (or ticked) by the learner, as opposed to run by the lesson.
    pub mine: bool,
    /// The catalog the command names, if any: where the catalogs panel should look.
    pub catalog: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The step asks nothing.
    Plain,
    /// A prediction is asked; the step's commands have not run, so the model is the one of the
    /// step before.
    Asking,
    /// The prediction was answered (`Some(choice)`) or skipped (`None`); the step has run.
    Revealed { picked: Option<usize> },
}

/// A rebuild being shown: the library as it stood before it (whose old catalog keeps
/// answering meanwhile) and the replay into a fresh copy, advanced frame by frame.
#[derive(Debug, Clone)]
pub struct RebuildAnimation {
    pub before: Library,
    pub job: RebuildJob,
    pub frame: u32,
}

/// What the challenge prompt did with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// A blank line or a comment.
    Nothing,
    /// A command ran (accepted, rejected, answered or done).
    Ran,
    /// The line did not parse or named something the library lacks: see `error`.
    Error,
    /// One of the prompt's own words.
    Word,
}

/// Where a move took the tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// To another step (perhaps of another lesson).
    Step,
    /// Past the last step of the last lesson: the end of the tour.
    End,
    /// Nowhere: already at the first step, or at the end.
    Stay,
}

/// A challenge in progress.
#[derive(Debug, Clone, Default)]
pub struct ChallengeState {
    pub hint: bool,
    pub solution: bool,
    /// The app ran the solution: reaching the goal that way is not the learner's.
    pub ran_solution: bool,
    /// The learner reached the goal in this visit.
    pub solved: bool,
    /// The last line that failed, with its error.
    pub error: Option<(String, ParseError)>,
}

#[derive(Debug, Clone)]
pub struct TourState {
    pub lesson: usize,
    pub step: usize,
    pub session: Session,
    /// The log head when the step was entered: events after it are this step's.
    pub start_head: u64,
    pub entries: Vec<Entry>,
    pub phase: Phase,
    pub challenge: ChallengeState,
    pub rebuild: Option<RebuildAnimation>,
    /// The learner went past the last step of the last lesson.
    pub finished: bool,
    /// Predictions answered while the tour is open, so going back does not ask again.
    answers: HashMap<(usize, usize), Option<usize>>,
    /// For each condition of the step's challenge, whether it held when the challenge began.
    keep: Vec<bool>,
    /// For each condition, whether it holds in the session now; `None` once the session
    /// changes. A frame asks several times, and a condition like `matches its replay` replays
    /// the whole log, so it is worked out once per change.
    holds: RefCell<Option<Vec<bool>>>,
    /// How many times `holds` was worked out: the tests hold it to once per change.
    holds_computed: Cell<u32>,
}

/// One condition of a challenge's checklist (see `TourState::conditions`).
#[derive(Debug, Clone, Copy)]
pub struct Item<'c> {
    pub condition: &'c crate::model::Condition,
    pub holds: bool,
    /// It held when the challenge began: the learner is to keep it so.
    pub keep: bool,
}

/// Which conditions of a step's challenge hold as the step's commands leave the model,
/// where the challenge begins.
/// `before` is `session_before(lesson, step)`: the step's commands are run on a copy rather
/// than the lesson replayed again.
fn kept_at_start(lesson: &Lesson, step: usize, before: &Session) -> Vec<bool> {
    let Some(challenge) = &lesson.steps[step].challenge else {
        return Vec::new();
    };
    let mut start = before.clone();
    run_lines(&mut start, &lesson.steps[step].run);
    challenge
        .done_when
        .iter()
        .map(|(_, c)| c.holds(&start))
        .collect()
}

/// The session before a step's commands run: the replay of the steps before it.
fn session_before(lesson: &Lesson, step: usize) -> Session {
    if step == 0 {
        Session::new()
    } else {
        lesson.replay(step - 1).0
    }
}

impl TourState {
    /// The tour at a lesson (by index) and step (from 0); `None` when either does not exist.
    pub fn new(content: &Content, lesson: usize, step: usize) -> Option<TourState> {
        let l = content.lessons.get(lesson)?;
        l.steps.get(step)?;
        let mut state = TourState {
            lesson,
            step,
            session: Session::new(),
            start_head: 0,
            entries: Vec::new(),
            phase: Phase::Plain,
            challenge: ChallengeState::default(),
            rebuild: None,
            finished: false,
            answers: HashMap::new(),
            keep: Vec::new(),
            holds: RefCell::new(None),
            holds_computed: Cell::new(0),
        };
        state.enter(content, lesson, step);
        Some(state)
    }

    pub fn lesson<'c>(&self, content: &'c Content) -> &'c Lesson {
        &content.lessons[self.lesson]
    }

    pub fn current<'c>(&self, content: &'c Content) -> &'c Step {
        &self.lesson(content).steps[self.step]
    }

    pub fn is_last_step(&self, content: &Content) -> bool {
        self.step + 1 == self.lesson(content).steps.len()
    }

    /// Enters a step: the model is replayed from the lesson; a prediction not yet answered is
    /// asked before the step's commands run.
    fn enter(&mut self, content: &Content, lesson: usize, step: usize) {
        let l = &content.lessons[lesson];
        self.lesson = lesson;
        self.step = step;
        self.session = session_before(l, step);
        self.keep = kept_at_start(l, step, &self.session);
        self.changed();
        self.start_head = self.session.library().head();
        self.entries.clear();
        self.challenge = ChallengeState::default();
        self.rebuild = None;
        self.finished = false;
        let s = &l.steps[step];
        self.phase = match (&s.predict, self.answers.get(&(lesson, step))) {
            (None, _) => Phase::Plain,
            (Some(_), None) => Phase::Asking,
            (Some(_), Some(picked)) => Phase::Revealed { picked: *picked },
        };
        if self.phase != Phase::Asking {
            self.run(&s.run, false);
        }
    }

    /// Runs lines through the session (the same path as `Lesson::replay`), keeping their
    /// outcomes; the last rebuild among them is animated.
    fn run(&mut self, lines: &[ScriptLine], mine: bool) {
        let last_rebuild = lines
            .iter()
            .rposition(|l| matches!(l.command, Command::Rebuild { .. }));
        match last_rebuild {
            Some(i) => {
                self.run_plain(&lines[..i], mine);
                let before = self.session.library().clone();
                self.run_plain(&lines[i..], mine);
                self.animate_rebuild(before, &lines[i].command);
            }
            None => self.run_plain(lines, mine),
        }
    }

    /// Every change of the session comes through here: the holds cached are stale.
    fn changed(&mut self) {
        *self.holds.get_mut() = None;
    }

    fn run_plain(&mut self, lines: &[ScriptLine], mine: bool) {
        self.changed();
        for ran in run_lines(&mut self.session, lines) {
            self.entries.push(Entry {
                catalog: ran.line.command.catalog().map(str::to_string),
                input: ran.line.text,
                outcome: ran.outcome,
                mine,
            });
        }
    }

    fn animate_rebuild(&mut self, before: Library, command: &Command) {
        let Command::Rebuild { catalog } = command else {
            return;
        };
        // A state-stored office rebuilds from its tables at once: there is no replay to show.
        if before.office_mode().is_state_stored() {
            return;
        }
        self.rebuild = before
            .start_rebuild(catalog)
            .ok()
            .map(|job| RebuildAnimation {
                before,
                job,
                frame: 0,
            });
    }

    /// Goes to a lesson and step; false when they do not exist.
    pub fn jump(&mut self, content: &Content, lesson: usize, step: usize) -> bool {
        let exists = content
            .lessons
            .get(lesson)
            .is_some_and(|l| step < l.steps.len());
        if exists {
            self.enter(content, lesson, step);
        }
        exists
    }

    /// The next step, the first step of the next lesson, or the end of the tour. A prediction
    /// being asked is revealed (skipped) first.
    pub fn next(&mut self, content: &Content) -> Move {
        if self.phase == Phase::Asking {
            self.skip(content);
            return Move::Stay;
        }
        if self.finished {
            return Move::Stay;
        }
        if !self.is_last_step(content) {
            self.enter(content, self.lesson, self.step + 1);
            Move::Step
        } else if self.lesson + 1 < content.lessons.len() {
            self.enter(content, self.lesson + 1, 0);
            Move::Step
        } else {
            self.finished = true;
            Move::End
        }
    }

    /// The step before, or the last step of the lesson before.
    pub fn prev(&mut self, content: &Content) -> Move {
        if self.finished {
            self.finished = false;
            return Move::Step;
        }
        if self.step > 0 {
            self.enter(content, self.lesson, self.step - 1);
            Move::Step
        } else if self.lesson > 0 {
            let lesson = self.lesson - 1;
            let last = content.lessons[lesson].steps.len() - 1;
            self.enter(content, lesson, last);
            Move::Step
        } else {
            Move::Stay
        }
    }

    /// Back to the first step of the first lesson with every prediction asked afresh: a looping
    /// presenter's next round is for a new audience.
    pub fn start_over(&mut self, content: &Content) {
        self.answers.clear();
        self.enter(content, 0, 0);
    }

    /// Back to the first step of the lesson, with its predictions asked afresh.
    pub fn restart(&mut self, content: &Content) {
        let lesson = self.lesson;
        self.answers.retain(|(l, _), _| *l != lesson);
        self.enter(content, lesson, 0);
    }

    /// Answers the prediction being asked: the step's commands run and the answer is revealed.
    /// Returns whether it was right; `None` when nothing is asked or the choice does not exist.
    pub fn answer(&mut self, content: &Content, choice: usize) -> Option<bool> {
        if self.phase != Phase::Asking {
            return None;
        }
        let step = self.current(content);
        let right = step.predict.as_ref()?.choices.get(choice)?.correct;
        self.reveal(content, Some(choice));
        Some(right)
    }

    /// Reveals the prediction's answer without a guess.
    pub fn skip(&mut self, content: &Content) {
        if self.phase == Phase::Asking {
            self.reveal(content, None);
        }
    }

    fn reveal(&mut self, content: &Content, picked: Option<usize>) {
        self.answers.insert((self.lesson, self.step), picked);
        self.phase = Phase::Revealed { picked };
        let lines = &self.current(content).run;
        self.run(lines, false);
    }

    /// Ticks the clock once, as if the learner typed `tick`. Not while a prediction is asked:
    /// the step's commands have not run yet.
    pub fn tick(&mut self) -> bool {
        if self.phase == Phase::Asking || self.finished {
            return false;
        }
        let command = Command::Tick { ticks: 1 };
        self.changed();
        if let Ok(outcome) = self.session.execute(&command) {
            self.entries.push(Entry {
                input: command.to_string(),
                outcome,
                mine: true,
                catalog: None,
            });
        }
        true
    }

    /// Runs a line typed at the challenge prompt: one of `PROMPT_WORDS`, or a command.
    pub fn submit(&mut self, content: &Content, text: &str) -> Submitted {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        match words.join(" ").as_str() {
            "hint" => {
                self.challenge.hint = true;
                self.challenge.error = None;
                return Submitted::Word;
            }
            "show solution" => {
                self.challenge.solution = true;
                self.challenge.error = None;
                return Submitted::Word;
            }
            "run solution" | "reset" => {
                let run_solution = words.first().is_some_and(|w| w == "run");
                let keep = self.challenge.clone();
                let (lesson, step) = (self.lesson, self.step);
                self.enter(content, lesson, step);
                self.challenge = ChallengeState {
                    error: None,
                    ran_solution: run_solution,
                    solution: keep.solution || run_solution,
                    ..keep
                };
                if run_solution && let Some(challenge) = &self.current(content).challenge {
                    self.run(&challenge.solution, true);
                }
                return Submitted::Word;
            }
            _ => {}
        }
        let command = match parse_line(text, 1) {
            Ok(Some(command)) => command,
            Ok(None) => return Submitted::Nothing,
            Err(e) => {
                self.challenge.error = Some((text.to_string(), e));
                return Submitted::Error;
            }
        };
        let before =
            matches!(command, Command::Rebuild { .. }).then(|| self.session.library().clone());
        self.changed();
        match self.session.execute(&command) {
            Ok(outcome) => {
                self.challenge.error = None;
                self.entries.push(Entry {
                    input: text.trim().to_string(),
                    outcome,
                    mine: true,
                    catalog: command.catalog().map(str::to_string),
                });
                if let Some(before) = before {
                    self.animate_rebuild(before, &command);
                }
                Submitted::Ran
            }
            Err(e) => {
                self.challenge.error = Some((text.to_string(), e.at_line(1)));
                Submitted::Error
            }
        }
    }

    /// Each condition of the step's challenge as the learner's checklist has it: its
    /// condition, whether it holds now, and whether it held already when the challenge began
    /// (a condition to keep, not one to reach).
    pub fn conditions<'c>(&self, content: &'c Content) -> Vec<Item<'c>> {
        let Some(challenge) = &self.current(content).challenge else {
            return Vec::new();
        };
        challenge
            .done_when
            .iter()
            .zip(&self.keep)
            .zip(self.holds(content))
            .map(|(((_, condition), keep), holds)| Item {
                condition,
                holds,
                keep: *keep,
            })
            .collect()
    }

    /// Whether each condition of the step's challenge holds now, from the cache when the
    /// session has not changed since.
    fn holds(&self, content: &Content) -> Vec<bool> {
        let mut cached = self.holds.borrow_mut();
        cached
            .get_or_insert_with(|| {
                self.holds_computed.set(self.holds_computed.get() + 1);
                self.current(content)
                    .challenge
                    .as_ref()
                    .map_or_else(Vec::new, |c| {
                        c.done_when
                            .iter()
                            .map(|(_, condition)| condition.holds(&self.session))
                            .collect()
                    })
            })
            .clone()
    }

    /// Whether the learner has run anything of their own at the prompt since the challenge
    /// began (or the app ran the solution): before that, nothing is ticked as done.
    pub fn typed(&self) -> bool {
        self.challenge.ran_solution || self.entries.iter().any(|e| e.mine)
    }

    /// Whether the step has a challenge and every condition holds in the model.
    pub fn goal_reached(&self, content: &Content) -> bool {
        self.current(content).challenge.is_some() && self.holds(content).iter().all(|h| *h)
    }

    /// The goal reached as the screen shows it: while a rebuild's animation runs the old
    /// catalog is still drawn, so "reached" waits for the swap.
    pub fn goal_shown(&self, content: &Content) -> bool {
        !self.animating() && self.goal_reached(content)
    }

    /// Marks the challenge solved when the learner (not the solution) has just reached its
    /// goal. True only the first time in this visit, so progress is recorded once.
    pub fn check_goal(&mut self, content: &Content) -> bool {
        if self.challenge.solved || self.challenge.ran_solution || !self.goal_shown(content) {
            return false;
        }
        self.challenge.solved = true;
        true
    }

    pub fn animating(&self) -> bool {
        self.rebuild.is_some()
    }

    /// Advances a rebuild animation one frame; at the last frame the rebuilt catalog (already
    /// in the session) is what the screen shows.
    pub fn animate(&mut self) {
        let Some(anim) = &mut self.rebuild else {
            return;
        };
        anim.frame += 1;
        if anim.frame >= REBUILD_FRAMES {
            self.rebuild = None;
            return;
        }
        let due = (anim.job.target * u64::from(anim.frame)).div_ceil(u64::from(REBUILD_FRAMES));
        let more = due.saturating_sub(anim.job.done());
        anim.job.step(anim.before.log(), more);
    }

    /// The library the catalogs panel shows: the one from before a rebuild while it animates
    /// (the old catalog keeps answering until the fresh one is swapped in).
    pub fn shown_catalogs(&self) -> &Library {
        match &self.rebuild {
            Some(anim) => &anim.before,
            None => self.session.library(),
        }
    }

    /// The catalog the newest command that names one is about, the one to bring into view,
    /// with the drawer it looked in when it was a `find`.
    pub fn spotlight(&self) -> (Option<&str>, Option<&str>) {
        let Some(entry) = self.entries.iter().rev().find(|e| e.catalog.is_some()) else {
            return (None, None);
        };
        let key = match &entry.outcome {
            Outcome::Answered(Answer::Find(found)) => Some(found.key.as_str()),
            _ => None,
        };
        (entry.catalog.as_deref(), key)
    }

    /// What the projectors filed during this step.
    pub fn filed(&self) -> Vec<Delivery> {
        self.entries
            .iter()
            .flat_map(|e| e.outcome.delivered().iter().cloned())
            .collect()
    }

    /// The step's commands, while a prediction holds them back.
    pub fn pending<'c>(&self, content: &'c Content) -> Vec<&'c str> {
        if self.phase != Phase::Asking {
            return Vec::new();
        }
        self.current(content)
            .run
            .iter()
            .map(|l| l.text.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Health;

    fn content() -> Content {
        Content::load(None, None).unwrap().0
    }

    fn index(content: &Content, id: &str) -> usize {
        content.lessons.iter().position(|l| l.id == id).unwrap()
    }

    /// The index of a lesson's first challenge, so tests follow the content when steps move.
    fn first_challenge(content: &Content, id: &str) -> usize {
        let lesson = &content.lessons[index(content, id)];
        lesson
            .steps
            .iter()
            .position(|s| s.challenge.is_some())
            .unwrap()
    }

    /// The state at a step, its prediction (if any) skipped so the step has run.
    fn at(content: &Content, id: &str, step: usize) -> TourState {
        let mut state = TourState::new(content, index(content, id), step).unwrap();
        state.skip(content);
        state
    }

    fn same_model(a: &Session, b: &Session) -> bool {
        let (a, b) = (a.library(), b.library());
        a.log().events() == b.log().events()
            && a.projectors() == b.projectors()
            && a.now() == b.now()
            && a.office().books().eq(b.office().books())
    }

    #[test]
    fn every_step_forwards_and_backwards_is_the_replay_of_its_lesson() {
        let content = content();
        let mut state = TourState::new(&content, 0, 0).unwrap();
        let mut visited = Vec::new();
        loop {
            state.skip(&content);
            let lesson = state.lesson(&content);
            assert!(
                same_model(&state.session, &lesson.replay(state.step).0),
                "{} step {}",
                lesson.id,
                state.step + 1
            );
            visited.push((state.lesson, state.step));
            if state.next(&content) == Move::End {
                break;
            }
        }
        let steps: usize = content.lessons.iter().map(|l| l.steps.len()).sum();
        assert_eq!(visited.len(), steps);
        assert!(state.finished);
        assert_eq!(state.prev(&content), Move::Step);
        while let Some((lesson, step)) = visited.pop() {
            assert_eq!((state.lesson, state.step), (lesson, step));
            let replayed = content.lessons[lesson].replay(step).0;
            assert!(
                same_model(&state.session, &replayed),
                "back to {lesson}/{step}"
            );
            state.prev(&content);
        }
        assert_eq!(state.prev(&content), Move::Stay);
    }

    #[test]
    fn every_lesson_command_runs_without_an_error() {
        let content = content();
        for lesson in &content.lessons {
            let mut session = Session::new();
            for (i, step) in lesson.steps.iter().enumerate() {
                for line in &step.run {
                    assert!(
                        session.execute(&line.command).is_ok(),
                        "{} step {}: {}",
                        lesson.id,
                        i + 1,
                        line.text
                    );
                }
            }
        }
    }

    #[test]
    fn every_challenge_solution_typed_at_the_prompt_reaches_its_goal() {
        let content = content();
        let mut challenges = 0;
        for (l, lesson) in content.lessons.iter().enumerate() {
            for (s, step) in lesson.steps.iter().enumerate() {
                let Some(challenge) = &step.challenge else {
                    continue;
                };
                challenges += 1;
                let mut state = at(&content, &lesson.id, s);
                assert_eq!((state.lesson, state.step), (l, s));
                assert!(
                    !state.goal_reached(&content),
                    "{} step {}",
                    lesson.id,
                    s + 1
                );
                for line in &challenge.solution {
                    assert_eq!(state.submit(&content, &line.text), Submitted::Ran);
                }
                if state.animating() {
                    assert!(
                        !state.check_goal(&content),
                        "not before the rebuild is shown"
                    );
                }
                while state.animating() {
                    state.animate();
                }
                let holds: Vec<bool> = state.conditions(&content).iter().map(|i| i.holds).collect();
                assert!(
                    holds.iter().all(|h| *h),
                    "{} step {}: {holds:?}",
                    lesson.id,
                    s + 1
                );
                assert!(state.check_goal(&content), "solved the first time");
                assert!(!state.check_goal(&content), "and only once");
            }
        }
        assert!(challenges > 0);
    }

    #[test]
    fn the_conditions_kept_at_the_start_are_those_of_the_lessons_replay() {
        let content = content();
        for lesson in &content.lessons {
            for (s, step) in lesson.steps.iter().enumerate() {
                let Some(challenge) = &step.challenge else {
                    continue;
                };
                let replayed = lesson.replay(s).0;
                let expected: Vec<bool> = challenge
                    .done_when
                    .iter()
                    .map(|(_, c)| c.holds(&replayed))
                    .collect();
                let before = session_before(lesson, s);
                assert_eq!(
                    kept_at_start(lesson, s, &before),
                    expected,
                    "{} step {}",
                    lesson.id,
                    s + 1
                );
            }
        }
    }

    #[test]
    fn the_holds_are_worked_out_once_per_change_of_the_session() {
        let content = content();
        let lesson = &content.lessons[index(&content, "rebuild")];
        let s = first_challenge(&content, "rebuild");
        let challenge = lesson.steps[s].challenge.as_ref().unwrap();
        let mut state = at(&content, "rebuild", s);
        let start = state.holds_computed.get();
        for _ in 0..3 {
            state.conditions(&content);
            state.goal_reached(&content);
            state.goal_shown(&content);
        }
        assert_eq!(state.holds_computed.get(), start + 1);
        let line = &challenge.solution[0];
        assert_eq!(state.submit(&content, &line.text), Submitted::Ran);
        let now: Vec<bool> = state.conditions(&content).iter().map(|i| i.holds).collect();
        state.goal_reached(&content);
        assert_eq!(state.holds_computed.get(), start + 2);
        let fresh: Vec<bool> = challenge
            .done_when
            .iter()
            .map(|(_, c)| c.holds(&state.session))
            .collect();
        assert_eq!(now, fresh, "the cache follows the session");
        state.tick();
        state.conditions(&content);
        assert_eq!(state.holds_computed.get(), start + 3);
    }

    #[test]
    fn a_prediction_holds_the_step_back_until_it_is_answered() {
        let content = content();
        let lesson = index(&content, "command-side");
        let mut state = TourState::new(&content, lesson, 1).unwrap();
        assert_eq!(state.phase, Phase::Asking);
        assert!(state.entries.is_empty());
        assert_eq!(state.pending(&content), vec!["lend b1 to ada"]);
        assert!(!state.tick(), "the clock waits for the answer");
        assert_eq!(state.answer(&content, 0), Some(true));
        assert_eq!(state.phase, Phase::Revealed { picked: Some(0) });
        assert_eq!(state.entries.len(), 1);
        assert!(matches!(state.entries[0].outcome, Outcome::Rejected(_)));
        assert_eq!(state.answer(&content, 1), None, "answered once");
    }

    #[test]
    fn a_wrong_answer_is_kept_and_a_choice_that_does_not_exist_is_ignored() {
        let content = content();
        let lesson = index(&content, "command-side");
        let mut state = TourState::new(&content, lesson, 1).unwrap();
        assert_eq!(state.answer(&content, 9), None);
        assert_eq!(state.phase, Phase::Asking);
        assert_eq!(state.answer(&content, 2), Some(false));
        assert_eq!(state.phase, Phase::Revealed { picked: Some(2) });
    }

    #[test]
    fn an_answered_prediction_is_not_asked_again_until_the_lesson_restarts() {
        let content = content();
        let lesson = index(&content, "command-side");
        let mut state = TourState::new(&content, lesson, 1).unwrap();
        state.answer(&content, 1);
        state.next(&content);
        state.prev(&content);
        assert_eq!(state.phase, Phase::Revealed { picked: Some(1) });
        state.restart(&content);
        assert_eq!(state.step, 0);
        state.next(&content);
        assert_eq!(state.phase, Phase::Asking);
    }

    #[test]
    fn next_on_a_question_reveals_it_without_a_guess_and_stays() {
        let content = content();
        let lesson = index(&content, "command-side");
        let mut state = TourState::new(&content, lesson, 1).unwrap();
        assert_eq!(state.next(&content), Move::Stay);
        assert_eq!(state.phase, Phase::Revealed { picked: None });
        assert_eq!(state.step, 1);
    }

    #[test]
    fn a_tick_lets_the_catalogs_catch_up_and_is_listed_as_the_learners() {
        let content = content();
        let mut state = at(&content, "query-side", 1);
        let shelf = |s: &TourState| s.session.library().projector("shelf").unwrap().checkpoint;
        assert_eq!(shelf(&state), 0);
        assert!(state.tick());
        assert_eq!(shelf(&state), 6);
        let last = state.entries.last().unwrap();
        assert!(last.mine);
        assert_eq!(last.input, "tick");
        assert!(
            state
                .filed()
                .iter()
                .any(|d| d.catalog == "shelf" && d.to == 6)
        );
    }

    #[test]
    fn a_typo_at_the_prompt_is_an_error_with_a_column_and_a_suggestion() {
        let content = content();
        let mut state = at(
            &content,
            "command-side",
            first_challenge(&content, "command-side"),
        );
        assert_eq!(state.submit(&content, "retrun b1"), Submitted::Error);
        let (text, error) = state.challenge.error.clone().unwrap();
        assert_eq!(text, "retrun b1");
        assert_eq!(error.col, 1);
        assert_eq!(error.suggestion.as_deref(), Some("return"));
        assert_eq!(
            state.submit(&content, "find shlef \"b1\""),
            Submitted::Error
        );
        let (_, error) = state.challenge.error.clone().unwrap();
        assert_eq!(error.col, 6);
        assert_eq!(error.suggestion.as_deref(), Some("shelf"));
        assert_eq!(state.submit(&content, "return b1"), Submitted::Ran);
        assert!(state.challenge.error.is_none());
        assert_eq!(state.submit(&content, "# a comment"), Submitted::Nothing);
    }

    #[test]
    fn hint_and_solution_are_shown_on_request_and_a_run_solution_is_not_the_learners() {
        let content = content();
        let mut state = at(
            &content,
            "command-side",
            first_challenge(&content, "command-side"),
        );
        assert_eq!(state.submit(&content, "hint"), Submitted::Word);
        assert!(state.challenge.hint);
        assert_eq!(state.submit(&content, "Show  Solution"), Submitted::Word);
        assert!(state.challenge.solution);
        state.submit(&content, "lend b2 to cy");
        assert_eq!(state.submit(&content, "run solution"), Submitted::Word);
        assert!(state.goal_reached(&content));
        assert!(
            !state.check_goal(&content),
            "the app's solution is not recorded"
        );
        assert!(
            state.entries.iter().all(|e| e.input != "lend b2 to cy"),
            "the solution runs from the step's start"
        );
        assert_eq!(state.submit(&content, "reset"), Submitted::Word);
        assert!(!state.goal_reached(&content));
        assert!(state.challenge.hint, "what was shown stays shown");
    }

    #[test]
    fn a_rebuild_is_animated_from_the_old_catalog_to_the_rebuilt_one() {
        let content = content();
        let mut state = at(&content, "rebuild", 4);
        assert!(state.animating());
        let before = state.shown_catalogs().projector("authors").unwrap();
        assert!(
            before.damaged,
            "the old copy answers while the fresh one fills"
        );
        let mut done = Vec::new();
        while state.animating() {
            done.push(state.rebuild.as_ref().unwrap().job.done());
            state.animate();
        }
        assert!(done.windows(2).all(|w| w[0] <= w[1]), "{done:?}");
        let head = state.session.library().head();
        let authors = state.shown_catalogs().projector("authors").unwrap();
        assert_eq!(authors.health(head), Health::CaughtUp);
        assert_eq!(authors.catalog.card_count(), 3);
    }

    #[test]
    fn the_end_of_the_tour_comes_after_the_last_step_of_the_last_lesson() {
        let content = content();
        let last = content.lessons.len() - 1;
        let steps = content.lessons[last].steps.len();
        let mut state = TourState::new(&content, last, steps - 1).unwrap();
        state.skip(&content);
        assert_eq!(state.next(&content), Move::End);
        assert!(state.finished);
        assert_eq!(state.next(&content), Move::Stay);
        assert!(!state.tick(), "nothing to tick at the end");
        assert_eq!(state.prev(&content), Move::Step);
        assert!(!state.finished);
        assert_eq!(state.step, steps - 1);
    }

    #[test]
    fn starting_over_goes_to_the_first_step_and_asks_every_prediction_again() {
        let content = content();
        let lesson = index(&content, "command-side");
        let mut state = TourState::new(&content, lesson, 1).unwrap();
        state.answer(&content, 0);
        state.start_over(&content);
        assert_eq!((state.lesson, state.step), (0, 0));
        assert!(!state.finished);
        assert!(state.jump(&content, lesson, 1));
        assert_eq!(state.phase, Phase::Asking, "a new round asks again");
    }

    #[test]
    fn a_lesson_or_step_that_does_not_exist_opens_nothing() {
        let content = content();
        assert!(TourState::new(&content, 99, 0).is_none());
        assert!(TourState::new(&content, 0, 99).is_none());
        let mut state = TourState::new(&content, 0, 0).unwrap();
        assert!(!state.jump(&content, 0, 99));
        assert_eq!((state.lesson, state.step), (0, 0));
    }
}
