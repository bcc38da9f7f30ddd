//! Presenting the tour to a room: which panel is zoomed, whether the screen is blanked, and
//! autoplay that advances on its own (and may loop, for a kiosk or a lab screen). Counted in
//! the app's timer frames, not read off a clock, so it behaves the same in tests.

use std::time::Duration;

use crate::model::{Answer, Outcome};
use crate::tui::widgets::model_panels::ModelPanel;

/// The panels `z` cycles through, in the order a talk usually needs them.
const ZOOMS: [ModelPanel; 4] = [
    ModelPanel::Catalogs,
    ModelPanel::Log,
    ModelPanel::Office,
    ModelPanel::Commands,
];

/// The panel a command's outcome is best seen in, for the room: what was appended in the
/// log, a lookup's drawer in the catalogs, a refusal's rule or a status table among the
/// commands.
pub fn answered_in(outcome: &Outcome) -> ModelPanel {
    match outcome {
        Outcome::Accepted { .. } | Outcome::Committed { .. } => ModelPanel::Log,
        Outcome::Rejected(_) | Outcome::Answered(Answer::Status(_)) => ModelPanel::Commands,
        Outcome::Answered(_) | Outcome::Done { .. } => ModelPanel::Catalogs,
    }
}

/// How often the app's timer wakes a screen that animates (`app::FRAME`).
pub const FRAME: Duration = Duration::from_millis(50);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presenter {
    /// The panel shown beside the narration.
    pub zoom: ModelPanel,
    /// Nothing on the screen until the next key: the room looks at the speaker.
    pub blank: bool,
    /// Advance after this long on a step; `None` waits for a key.
    pub autoplay: Option<Duration>,
    /// How long autoplay leaves a prediction or a challenge to the room; `None` waits for →.
    pub questions: Option<Duration>,
    /// At the end of the tour, start again from the first lesson.
    pub looping: bool,
    /// The step's challenge is still open for the room (its solution not yet run).
    pub challenge_pending: bool,
    /// Timer frames since the last move.
    frames: u32,
}

impl Presenter {
    pub fn new(autoplay: Option<Duration>, looping: bool) -> Presenter {
        Presenter {
            zoom: ModelPanel::Catalogs,
            blank: false,
            autoplay,
            questions: None,
            looping,
            challenge_pending: false,
            frames: 0,
        }
    }

    /// Gives predictions and challenges a dwell of their own (`--autoplay-questions`) instead
    /// of waiting for → while the room answers.
    pub fn questions(mut self, dwell: Option<Duration>) -> Presenter {
        self.questions = dwell;
        self
    }

    /// How long autoplay stays on a step; `None` waits for a key. `question`: the step asks
    /// the room something (a prediction not yet revealed, a challenge not yet solved).
    fn dwell(&self, question: bool) -> Option<Duration> {
        let every = self.autoplay?;
        if question {
            self.questions
        } else {
            Some(every)
        }
    }

    /// What autoplay will do, for the header: "next in 3 s", or that it waits for →.
    pub fn countdown(&self, question: bool) -> Option<String> {
        self.autoplay?;
        let Some(dwell) = self.dwell(question) else {
            return Some("waits for the room (→)".into());
        };
        let passed = u128::from(self.frames) * FRAME.as_millis();
        let left = dwell.as_millis().saturating_sub(passed).div_ceil(1000);
        Some(format!("next in {left} s"))
    }

    /// The next panel in the cycle.
    pub fn cycle_zoom(&mut self) {
        let i = ZOOMS
            .iter()
            .position(|f| *f == self.zoom)
            .map_or(0, |i| (i + 1) % ZOOMS.len());
        self.zoom = ZOOMS[i];
    }

    /// A step arrived: zoom what the step points at (a model panel), and restart the count.
    pub fn arrived(&mut self, panel: Option<ModelPanel>) {
        if let Some(panel) = panel {
            self.zoom = panel;
        }
        self.frames = 0;
    }

    /// Counts a timer frame; true when autoplay's time on this step is up. A question with
    /// no dwell of its own never is: the room answers, and the presenter moves on.
    pub fn frame(&mut self, question: bool) -> bool {
        let Some(every) = self.dwell(question) else {
            return false;
        };
        self.frames += 1;
        if u128::from(self.frames) * FRAME.as_millis() >= every.as_millis() {
            self.frames = 0;
            return true;
        }
        false
    }

    /// Whether autoplay needs the app's timer now. Not while the screen is blank (the room is
    /// listening to the speaker; nothing moves until a key), nor at the end of a tour that
    /// does not loop: the app then blocks on input and costs no CPU.
    pub fn wants_timer(&self, finished: bool, question: bool) -> bool {
        self.dwell(question).is_some() && !self.blank && (self.looping || !finished)
    }

    /// Any key: the count starts over, so autoplay never jumps right after the presenter acts.
    pub fn touched(&mut self) {
        self.frames = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoplay_fires_once_its_time_is_up_and_not_before() {
        let mut p = Presenter::new(Some(Duration::from_secs(1)), false);
        let fired: Vec<bool> = (0..40).map(|_| p.frame(false)).collect();
        assert_eq!(fired.iter().filter(|f| **f).count(), 2);
        assert!(fired[19] && fired[39]);
        assert!(!Presenter::new(None, false).frame(false));
    }

    #[test]
    fn the_timer_is_wanted_only_while_autoplay_has_somewhere_to_go() {
        let mut p = Presenter::new(Some(Duration::from_secs(5)), false);
        assert!(p.wants_timer(false, false));
        assert!(
            !p.wants_timer(true, false),
            "the end of a tour that does not loop"
        );
        assert!(!p.wants_timer(false, true), "a question waits for the room");
        p.blank = true;
        assert!(
            !p.wants_timer(false, false),
            "a blank screen waits for a key"
        );
        let looping = Presenter::new(Some(Duration::from_secs(5)), true);
        assert!(looping.wants_timer(true, false));
        assert!(!Presenter::new(None, true).wants_timer(false, false));
    }

    #[test]
    fn the_zoom_follows_where_a_commands_outcome_shows() {
        let mut session = crate::model::Session::new();
        let outcomes = session
            .execute_script("acquire b1 \"Dune\" by \"Frank Herbert\"\nlend b1 to ada\nstatus\n")
            .unwrap();
        let panels: Vec<ModelPanel> = outcomes.iter().map(|(_, o)| answered_in(o)).collect();
        assert_eq!(
            panels,
            [ModelPanel::Log, ModelPanel::Commands, ModelPanel::Commands]
        );
    }

    #[test]
    fn zoom_cycles_through_every_model_panel_and_follows_a_step() {
        let mut p = Presenter::new(None, false);
        let mut seen = vec![p.zoom];
        for _ in 0..3 {
            p.cycle_zoom();
            seen.push(p.zoom);
        }
        assert_eq!(seen, ZOOMS.to_vec());
        p.arrived(Some(ModelPanel::Log));
        assert_eq!(p.zoom, ModelPanel::Log);
        p.arrived(None);
        assert_eq!(
            p.zoom,
            ModelPanel::Log,
            "the narration is always shown; the zoom stays"
        );
    }

    #[test]
    fn a_question_waits_for_the_room_unless_it_has_a_dwell_of_its_own() {
        let mut p = Presenter::new(Some(Duration::from_secs(1)), false);
        assert!(
            (0..400).all(|_| !p.frame(true)),
            "a question never times out"
        );
        assert_eq!(p.countdown(true).as_deref(), Some("waits for the room (→)"));
        let mut p = p.questions(Some(Duration::from_secs(3)));
        p.touched();
        let fired = (0..60).position(|_| p.frame(true));
        assert_eq!(fired, Some(59), "after its own three seconds");
    }

    #[test]
    fn the_countdown_says_how_long_a_step_has_left() {
        let mut p = Presenter::new(Some(Duration::from_secs(5)), false);
        assert_eq!(p.countdown(false).as_deref(), Some("next in 5 s"));
        for _ in 0..21 {
            p.frame(false);
        }
        assert_eq!(p.countdown(false).as_deref(), Some("next in 4 s"));
        assert_eq!(Presenter::new(None, false).countdown(false), None);
    }
}
