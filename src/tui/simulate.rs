//! The simulator screen: the real model under generated load, run in steps so the screen stays
//! responsive, with lag and stale reads plotted over time and the load's parameters on sliders
//! that take effect live. It only wakes on a timer while running; paused, it costs nothing.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Sparkline, Wrap};

use crate::sim::{PRESETS, Params, Simulation};
use crate::tui::keys::Action;
use crate::tui::screen::{Ctx, Hint, Screen, Transition};
use crate::tui::widgets::panel::panel;

/// Simulated milliseconds per timer wake-up (every 50 ms): four simulated seconds a real one,
/// slow enough to watch the lag build, fast enough that a minute takes fifteen seconds.
const MS_PER_FRAME: u64 = 200;

/// Values a slider steps through: roughly 1-2-5 per decade, so one key moves a visible amount
/// at any scale.
const RATES: [u64; 19] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
    200_000, 500_000, 1_000_000,
];
const DELAYS: [u64; 12] = [
    0, 10, 20, 50, 100, 200, 300, 500, 1_000, 2_000, 5_000, 10_000,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Knob {
    Writes,
    Reads,
    Capacity,
    Delay,
}

impl Knob {
    const ALL: [Knob; 4] = [Knob::Writes, Knob::Reads, Knob::Capacity, Knob::Delay];

    fn label(self) -> &'static str {
        match self {
            Knob::Writes => "writes/s",
            Knob::Reads => "reads/s",
            Knob::Capacity => "capacity/s",
            Knob::Delay => "delay ms",
        }
    }

    fn ladder(self) -> &'static [u64] {
        if self == Knob::Delay { &DELAYS } else { &RATES }
    }

    fn value(self, p: &Params) -> u64 {
        match self {
            Knob::Writes => p.writes_per_sec,
            Knob::Reads => p.reads_per_sec,
            Knob::Capacity => p.capacity,
            Knob::Delay => p.delay_ms,
        }
    }
}

/// The rung of the ladder nearest a value, so presets with values between rungs still work.
fn rung(ladder: &[u64], value: u64) -> usize {
    ladder
        .iter()
        .position(|&v| v >= value)
        .unwrap_or(ladder.len() - 1)
}

pub struct Simulate {
    preset: usize,
    sim: Simulation,
    running: bool,
    knob: usize,
    /// The last refusal of a slider change, or what changed.
    message: Option<String>,
}

impl Simulate {
    /// A simulation of `params`, running from the start.
    pub fn new(params: Params) -> Result<Simulate, String> {
        let preset = PRESETS
            .iter()
            .position(|p| p.name == params.preset)
            .unwrap_or(0);
        Ok(Simulate {
            preset,
            sim: Simulation::new(params)?,
            running: true,
            knob: 0,
            message: None,
        })
    }

    fn restart(&mut self, params: Params) {
        match Simulation::new(params) {
            Ok(sim) => {
                self.sim = sim;
                self.running = true;
                self.message = None;
            }
            Err(e) => self.message = Some(e),
        }
    }

    fn next_preset(&mut self) {
        self.preset = (self.preset + 1) % PRESETS.len();
        self.restart(PRESETS[self.preset].params());
    }

    /// Moves the selected slider one rung; the running simulation takes it from the next
    /// millisecond on.
    fn adjust(&mut self, up: bool) {
        let knob = Knob::ALL[self.knob];
        let p = self.sim.params().clone();
        let ladder = knob.ladder();
        let at = rung(ladder, knob.value(&p));
        let to = if up {
            (at + 1).min(ladder.len() - 1)
        } else {
            at.saturating_sub(1)
        };
        let v = ladder[to];
        let result = match knob {
            Knob::Writes => self.sim.set_rates(v, p.reads_per_sec),
            Knob::Reads => self.sim.set_rates(p.writes_per_sec, v),
            Knob::Capacity => self.sim.set_capacity(v),
            Knob::Delay => self.sim.set_delay(v, p.spread_ms),
        };
        self.message = Some(match result {
            Ok(()) => format!("{} now {v}", knob.label()),
            Err(e) => e,
        });
    }

    fn draw_knobs(&self, area: Rect, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.theme;
        let p = self.sim.params();
        let bar_width = area.width.saturating_sub(26).clamp(4, 20) as usize;
        let mut lines = Vec::new();
        for (i, knob) in Knob::ALL.iter().enumerate() {
            let ladder = knob.ladder();
            let filled = (rung(ladder, knob.value(p)) + 1) * bar_width / ladder.len();
            let chosen = i == self.knob;
            lines.push(Line::from(vec![
                Span::styled(if chosen { "▶ " } else { "  " }, t.focus),
                Span::styled(
                    format!("{:<11}", knob.label()),
                    if chosen { t.selected } else { t.text },
                ),
                Span::styled("█".repeat(filled), t.accent),
                Span::styled("░".repeat(bar_width - filled), t.dim),
                Span::styled(format!(" {}", knob.value(p)), t.text),
            ]));
        }
        lines.push(Line::raw(""));
        let s = self.sim.summary();
        let now = self.sim.elapsed_ms() / 1_000;
        let state = if self.sim.is_done() {
            "finished"
        } else if self.running {
            "▶ running"
        } else {
            "‖ paused"
        };
        lines.push(Line::styled(
            format!("{state} · {now} of {} s", p.seconds),
            t.title,
        ));
        lines.push(Line::raw(format!(
            "{} writes ({} rejected at the desk)",
            s.writes, s.rejected
        )));
        lines.push(Line::raw(format!(
            "{} reads, {} stale ({:.2}%)",
            s.reads,
            s.stale_reads,
            s.stale_share * 100.0
        )));
        lines.push(Line::raw(format!(
            "lag p50 {} ms · p99 {} ms · max {} ms",
            s.lag_ms_p50, s.lag_ms_p99, s.lag_ms_max
        )));
        if let Some(a) = &s.amplification {
            lines.push(Line::raw(format!(
                "fan-out on write: {:.1} cards per event",
                a.cards_per_event
            )));
            lines.push(Line::raw(format!(
                "fan-out on read: {:.1} lookups per read",
                a.lookups_per_read_on_read
            )));
        }
        if let Some(m) = &self.message {
            lines.push(Line::styled(m.clone(), t.warn));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(panel("Load · ↑↓ pick, ←→ change", true, t)),
            area,
        );
    }

    fn draw_lag(&self, area: Rect, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.theme;
        let samples = self.sim.samples();
        let points: Vec<(f64, f64)> = samples
            .iter()
            .map(|s| (s.t as f64, s.lag_ms as f64))
            .collect();
        let max_lag = samples.iter().map(|s| s.lag_ms).max().unwrap_or(0).max(10) as f64;
        let seconds = self.sim.params().seconds.max(1) as f64;
        let worst = samples.last().map_or(String::from("—"), |s| {
            format!("{} ms ({})", s.lag_ms, s.worst)
        });
        let chart = Chart::new(vec![
            Dataset::default()
                .name("worst lag, ms")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.accent)
                .data(&points),
        ])
        .block(panel(&format!("Worst catalog lag · {worst}"), false, t))
        .x_axis(
            Axis::default()
                .title("simulated s")
                .style(t.dim)
                .bounds([0.0, seconds])
                .labels(vec![
                    Line::raw("0"),
                    Line::raw(format!("{}", seconds as u64)),
                ]),
        )
        .y_axis(
            Axis::default()
                .style(t.dim)
                .bounds([0.0, max_lag * 1.1])
                .labels(vec![
                    Line::raw("0"),
                    Line::raw(format!("{}", max_lag as u64)),
                ]),
        );
        frame.render_widget(chart, area);
    }

    fn draw_stale(&self, area: Rect, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.theme;
        let samples = self.sim.samples();
        let inner_width = area.width.saturating_sub(2) as usize;
        let shown: Vec<u64> = samples
            .iter()
            .rev()
            .take(inner_width)
            .rev()
            .map(|s| s.stale_reads)
            .collect();
        let last = samples.last().map_or(0, |s| s.stale_reads);
        let title = format!("Stale reads/s · last {last}");
        frame.render_widget(
            Sparkline::default()
                .data(&shown)
                .style(t.warn)
                .block(panel(&title, false, t)),
            area,
        );
    }
}

impl Screen for Simulate {
    fn title(&self) -> String {
        "the simulator".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = ctx.theme;
        let p = self.sim.params();
        let [header, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let about = PRESETS.get(self.preset).map_or("", |pr| pr.about);
        let head = vec![
            Line::from(vec![
                Span::styled(format!(" Simulator · {}", p.preset), t.title),
                Span::styled(
                    format!(
                        " · {} writes/s, {} reads/s, each catalog files {}/s, delay {} ms, seed {}",
                        p.writes_per_sec, p.reads_per_sec, p.capacity, p.delay_ms, p.seed
                    ),
                    t.dim,
                ),
            ]),
            Line::styled(format!(" {about}"), t.dim),
        ];
        frame.render_widget(Paragraph::new(head), header);
        let knob_width = if body.width >= 110 { 44 } else { 38 };
        let [knobs, plots] =
            Layout::horizontal([Constraint::Length(knob_width), Constraint::Fill(1)]).areas(body);
        self.draw_knobs(knobs, frame, ctx);
        let [lag, stale] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(plots);
        self.draw_lag(lag, frame, ctx);
        self.draw_stale(stale, frame, ctx);
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        let actions = ctx.keys.actions(&key);
        let is = |a: Action| actions.contains(&a);
        if is(Action::Toggle) || is(Action::Select) {
            if self.sim.is_done() {
                self.restart(self.sim.params().clone());
            } else {
                self.running = !self.running;
            }
        } else if is(Action::Up) {
            self.knob = (self.knob + Knob::ALL.len() - 1) % Knob::ALL.len();
        } else if is(Action::Down) {
            self.knob = (self.knob + 1) % Knob::ALL.len();
        } else if is(Action::Next) {
            self.adjust(true);
        } else if is(Action::Prev) {
            self.adjust(false);
        } else if is(Action::Restart) {
            self.restart(self.sim.params().clone());
        } else if is(Action::FocusNext) {
            self.next_preset();
        } else if is(Action::Back) {
            return Transition::Back;
        }
        Transition::Stay
    }

    fn footer(&self, ctx: &Ctx) -> Vec<Hint> {
        vec![
            ("Space", if self.running { "pause" } else { "run" }),
            ("↑↓", "pick"),
            ("←→", "change"),
            (ctx.keys.label(Action::FocusNext), "next preset"),
            (ctx.keys.label(Action::Restart), "restart"),
            (ctx.keys.label(Action::Back), "home"),
        ]
    }

    fn help(&self, ctx: &Ctx) -> Vec<(String, String)> {
        let k = |a: Action| ctx.keys.label(a).to_string();
        vec![
            (
                "Space Enter".into(),
                "pause or run the simulation (at the end: run it again)".into(),
            ),
            (
                format!("{} {}", k(Action::Up), k(Action::Down)),
                "pick a slider: writes, reads, capacity, delay".into(),
            ),
            (
                format!("{} {}", k(Action::Prev), k(Action::Next)),
                "change it; the running simulation takes it at once".into(),
            ),
            (
                k(Action::FocusNext),
                "the next preset: azure, booking, ecommerce, twitter".into(),
            ),
            (k(Action::Restart), "start this load again from zero".into()),
            (
                "".into(),
                "a read is stale when the catalog's answer differs from the back office".into(),
            ),
        ]
    }

    fn animating(&self) -> bool {
        self.running && !self.sim.is_done()
    }

    fn on_timer(&mut self, _ctx: &mut Ctx) {
        if self.animating() {
            let left = (self.sim.params().seconds * 1_000).saturating_sub(self.sim.elapsed_ms());
            self.sim.advance(MS_PER_FRAME.min(left));
        }
    }

    fn min_size(&self) -> (u16, u16) {
        (72, 20)
    }
}

/// The home screen's way in: the default preset, running.
pub fn entry() -> crate::tui::home::Entry {
    crate::tui::home::Entry {
        name: "Simulate",
        what: "the same model under load: lag and stale reads over time",
        progress: |_| "presets from the article: azure, booking, ecommerce, twitter".into(),
        open: |_| {
            let params = crate::sim::preset(crate::sim::DEFAULT_PRESET)?.params();
            Simulate::new(params)
                .ok()
                .map(|s| Box::new(s) as Box<dyn Screen>)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Params {
        let mut p = crate::sim::preset("azure").unwrap().params();
        p.seconds = 3;
        p
    }

    #[test]
    fn the_timer_advances_the_simulation_only_while_running() {
        let mut s = Simulate::new(small()).unwrap();
        assert!(s.animating());
        s.running = false;
        assert!(!s.animating());
        s.running = true;
        while s.animating() {
            s.sim.advance(MS_PER_FRAME);
        }
        assert!(s.sim.is_done());
        assert_eq!(s.sim.samples().len(), 3);
    }

    #[test]
    fn sliders_step_along_their_ladder_and_reach_the_running_simulation() {
        let mut s = Simulate::new(small()).unwrap();
        let before = s.sim.params().writes_per_sec;
        s.adjust(true);
        assert!(s.sim.params().writes_per_sec > before);
        s.knob = 3;
        let delay = s.sim.params().delay_ms;
        s.adjust(false);
        assert!(s.sim.params().delay_ms < delay);
    }

    #[test]
    fn every_preset_opens() {
        let mut s = Simulate::new(small()).unwrap();
        for _ in 0..PRESETS.len() {
            s.next_preset();
            assert!(s.message.is_none(), "{:?}", s.message);
        }
    }
}
