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
        Outcome::Accepted { .. } => ModelPanel::Log,
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
    /// At the end of the tour, start again from the first lesson.
    pub looping: bool,
    /// Timer frames since the last move.
    frames: u32,
}

impl Presenter {
    pub fn new(autoplay: Option<Duration>, looping: bool) -> Presenter {
        Presenter {
            zoom: ModelPanel::Catalogs,
            blank: false,
            autoplay,
            looping,
            frames: 0,
        }
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

    /// Counts a timer frame; true when autoplay's time on this step is up.
    pub fn frame(&mut self) -> bool {
        let Some(every) = self.autoplay else {
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
    pub fn wants_timer(&self, finished: bool) -> bool {
        self.autoplay.is_some() && !self.blank && (self.looping || !finished)
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
        let fired: Vec<bool> = (0..40).map(|_| p.frame()).collect();
        assert_eq!(fired.iter().filter(|f| **f).count(), 2);
        assert!(fired[19] && fired[39]);
        assert!(!Presenter::new(None, false).frame());
    }

    #[test]
    fn the_timer_is_wanted_only_while_autoplay_has_somewhere_to_go() {
        let mut p = Presenter::new(Some(Duration::from_secs(5)), false);
        assert!(p.wants_timer(false));
        assert!(!p.wants_timer(true), "the end of a tour that does not loop");
        p.blank = true;
        assert!(!p.wants_timer(false), "a blank screen waits for a key");
        let looping = Presenter::new(Some(Duration::from_secs(5)), true);
        assert!(looping.wants_timer(true));
        assert!(!Presenter::new(None, true).wants_timer(false));
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
}
