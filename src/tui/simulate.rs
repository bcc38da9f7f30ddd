//! The simulator screen: the real model under generated load, run in steps so the screen stays
//! responsive, with lag and stale reads plotted over the same time axis and the load's
//! parameters on sliders that take effect live. It only wakes on a timer while running;
//! paused or finished, it costs nothing.

use crate::sim::ParamError;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Padding, Paragraph, Wrap};

use crate::sim::report::Struck;
use crate::sim::{FAULT_PRESETS, Faults, PRESETS, Params, Sample, Simulation, Summary};
use crate::tui::keys::Action;
use crate::tui::screen::{Ctx, HelpRow, Hint, Screen, Transition};
use crate::tui::theme::Theme;
use crate::tui::widgets::panel::panel;
use crate::tui::widgets::text::wrap;

/// Simulated milliseconds per timer wake-up (every 50 ms): four simulated seconds a real one,
/// slow enough to watch the lag build, fast enough that a minute takes fifteen seconds.
const MS_PER_FRAME: u64 = 200;

/// How much faster than real time the run goes at most (a frame is 50 ms). A frame of the
/// ecommerce preset costs a few ms of wall time in a release build, so that pace is kept; the
/// heaviest slider settings fall behind it. The run is never tied to the wall clock, so a run
/// is the same run wherever it is shown.
const SPEED: u64 = MS_PER_FRAME / 50;

/// Values a slider steps through: roughly 1-2-5 per decade, so one key moves a visible amount
/// at any scale; each ladder stops at what the simulator accepts, so no step is refused.
const WRITES: [u64; 14] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000,
];
const READS: [u64; 19] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
    200_000, 500_000, 1_000_000,
];
const CAPACITIES: [u64; 19] = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
    200_000, 500_000, 1_000_000,
];
const DELAYS: [u64; 12] = [
    0, 10, 20, 50, 100, 200, 300, 500, 1_000, 2_000, 5_000, 10_000,
];

/// The rows of the load panel that ← and → change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Knob {
    Preset,
    Writes,
    Reads,
    Capacity,
    Delay,
    Faults,
}

impl Knob {
    const ALL: [Knob; 6] = [
        Knob::Preset,
        Knob::Writes,
        Knob::Reads,
        Knob::Capacity,
        Knob::Delay,
        Knob::Faults,
    ];

    fn label(self) -> &'static str {
        match self {
            Knob::Preset => "preset",
            Knob::Writes => "writes/s",
            Knob::Reads => "reads/s",
            Knob::Capacity => "capacity/s",
            Knob::Delay => "delay ms",
            Knob::Faults => "faults",
        }
    }

    fn ladder(self) -> &'static [u64] {
        match self {
            Knob::Preset | Knob::Faults => &[],
            Knob::Writes => &WRITES,
            Knob::Reads => &READS,
            Knob::Capacity => &CAPACITIES,
            Knob::Delay => &DELAYS,
        }
    }

    fn value(self, p: &Params) -> u64 {
        match self {
            Knob::Preset | Knob::Faults => 0,
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

/// A round number at or above `v` (1, 2 or 5 times a power of ten), for an axis's top.
fn nice_ceiling(v: u64) -> u64 {
    let mut power = 1u64;
    loop {
        for m in [1, 2, 5] {
            if power.saturating_mul(m) >= v {
                return power * m;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// A count with thousands separated, as people read figures: 12,000.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub struct Simulate {
    preset: usize,
    /// The fault preset the run's faults are, if they are one (the command line may give others).
    faults: Option<usize>,
    sim: Simulation,
    running: bool,
    knob: usize,
    /// The last refusal of a slider change, or what changed.
    message: Option<String>,
}

impl Simulate {
    /// A simulation of `params`, running from the start.
    pub fn new(params: Params) -> Result<Simulate, ParamError> {
        let preset = PRESETS
            .iter()
            .position(|p| p.name == params.preset)
            .unwrap_or(0);
        let faults = FAULT_PRESETS.iter().position(|f| f.faults == params.faults);
        Ok(Simulate {
            preset,
            faults,
            sim: Simulation::new(params)?,
            running: true,
            // The first slider, not the preset: a newcomer's first ← → changes the load.
            knob: 1,
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
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// The next (or previous) preset, from the start.
    fn change_preset(&mut self, forward: bool) {
        let n = PRESETS.len();
        self.preset = if forward {
            (self.preset + 1) % n
        } else {
            (self.preset + n - 1) % n
        };
        let mut params = PRESETS[self.preset].params();
        params.faults = self.sim.params().faults;
        self.restart(params);
        if self.message.is_none() {
            self.message = Some(format!(
                "preset {}: started afresh",
                PRESETS[self.preset].name
            ));
        }
    }

    /// The next (or previous) fault preset, from the start with the same load: a fault's harm
    /// shows only over a whole run, checked at its end.
    fn change_faults(&mut self, forward: bool) {
        let n = FAULT_PRESETS.len();
        let i = match (self.faults, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        let chosen = &FAULT_PRESETS[i];
        let mut params = self.sim.params().clone();
        params.faults = chosen.faults;
        self.restart(params);
        if self.message.is_none() {
            self.faults = Some(i);
            self.message = Some(chosen.about.to_string());
        }
    }

    /// Moves the selected slider one rung; the running simulation takes it from the next
    /// millisecond on.
    fn adjust(&mut self, up: bool) {
        let knob = Knob::ALL[self.knob];
        match knob {
            Knob::Preset => return self.change_preset(up),
            Knob::Faults => return self.change_faults(up),
            _ => {}
        }
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
            Knob::Preset | Knob::Faults => Ok(()),
            Knob::Writes => self.sim.set_rates(v, p.reads_per_sec),
            Knob::Reads => self.sim.set_rates(p.writes_per_sec, v),
            Knob::Capacity => self.sim.set_capacity(v),
            Knob::Delay => self.sim.set_delay(v, p.spread_ms),
        };
        self.message = Some(match result {
            Ok(()) if v == knob.value(&p) => format!(
                "{} is at its {}",
                knob.label(),
                if up { "top" } else { "bottom" }
            ),
            Ok(()) => format!("{} now {}, from this moment on", knob.label(), grouped(v)),
            Err(e) => e.to_string(),
        });
    }

    fn state_word(&self) -> &'static str {
        if self.sim.is_done() {
            "■ finished"
        } else if self.running {
            "▶ running"
        } else {
            "‖ paused"
        }
    }

    /// The rows ← → change: the preset and the faults as choices, the rest as sliders.
    fn knob_lines(&self, width: u16, t: &Theme) -> Vec<Line<'static>> {
        let p = self.sim.params();
        let bar_width = width.saturating_sub(27).clamp(4, 20) as usize;
        let choice = |name: &str, of: String| {
            vec![
                Span::styled(format!("◀ {name} ▶"), t.accent),
                Span::styled(of, t.dim),
            ]
        };
        let mut lines = Vec::new();
        for (i, knob) in Knob::ALL.iter().enumerate() {
            let chosen = i == self.knob;
            let mut spans = vec![
                Span::styled(if chosen { "▶ " } else { "  " }, t.focus),
                Span::styled(
                    format!("{:<11}", knob.label()),
                    if chosen { t.selected } else { t.text },
                ),
            ];
            match knob {
                Knob::Preset => spans.extend(choice(
                    p.preset,
                    format!(" {} of {}", self.preset + 1, PRESETS.len()),
                )),
                Knob::Faults => spans.extend(match self.faults {
                    Some(f) => choice(FAULT_PRESETS[f].name, String::new()),
                    None => choice("custom", String::new()),
                }),
                _ => {
                    let ladder = knob.ladder();
                    let filled = (rung(ladder, knob.value(p)) + 1) * bar_width / ladder.len();
                    spans.push(Span::styled("█".repeat(filled), t.accent));
                    spans.push(Span::styled("░".repeat(bar_width - filled), t.dim));
                    spans.push(Span::styled(format!(" {}", self.knob_value(*knob)), t.text));
                }
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    /// A slider's value as shown: the delay as the range the catalogs are spread over.
    fn knob_value(&self, knob: Knob) -> String {
        let p = self.sim.params();
        match knob {
            Knob::Delay if p.spread_ms > 0 => format!(
                "{}-{}",
                grouped(p.delay_ms),
                grouped(p.delay_ms + p.spread_ms)
            ),
            _ => grouped(knob.value(p)),
        }
    }

    /// The run's totals in words. The lag figures are the lag plot's: now, its title, and
    /// its peak.
    fn figure_lines(&self, s: &Summary, t: &Theme) -> Vec<Line<'static>> {
        let figure = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<9}"), t.dim),
                Span::styled(value, t.text),
            ])
        };
        let (now, peak) = lag_now_and_peak(self.sim.samples());
        let mut lines = vec![
            figure(
                "writes",
                format!(
                    "{} · {} rejected at the desk",
                    grouped(s.writes),
                    grouped(s.rejected)
                ),
            ),
            figure(
                "reads",
                format!(
                    "{} · {} stale ({:.2}%)",
                    grouped(s.reads),
                    grouped(s.stale_reads),
                    s.stale_share * 100.0
                ),
            ),
            figure(
                "lag",
                format!("now {} · peak {} ms", grouped(now), grouped(peak)),
            ),
            figure(
                "filings",
                format!(
                    "p50 {} · p99 {} ms",
                    grouped(s.lag_ms_p50),
                    grouped(s.lag_ms_p99)
                ),
            ),
        ];
        if self.sim.params().faults.any() {
            lines.push(figure("faults", fault_counts(s, &self.sim.params().faults)));
            let catalogs = self.sim.library().projectors().len();
            lines.push(figure("diverged", diverged_words(s, catalogs)));
        }
        if let Some(a) = &s.amplification {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Write amplification", t.title));
            lines.push(figure(
                "on write",
                format!("{:.1} cards pinned per event", a.cards_per_event),
            ));
            lines.push(figure(
                "on read",
                format!("{:.1} lookups per board read", a.lookups_per_read_on_read),
            ));
        }
        lines
    }

    fn draw_knobs(&self, area: Rect, frame: &mut Frame, ctx: &Ctx) {
        let t = ctx.theme;
        let p = self.sim.params();
        let mut lines = self.knob_lines(area.width, t);
        lines.push(Line::raw(""));
        let now = self.sim.elapsed_ms() / 1_000;
        lines.push(Line::styled(
            format!("{} · {now} of {} simulated s", self.state_word(), p.seconds),
            t.title,
        ));
        lines.extend(self.figure_lines(&self.sim.summary(), t));
        if let Some(m) = &self.message {
            lines.push(Line::raw(""));
            lines.push(Line::styled(m.clone(), t.warn));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(panel("Load · ↑↓ pick · ←→ change", true, t)),
            area,
        );
    }
}

/// The furthest-behind catalog's lag at the last second, and the highest it reached.
fn lag_now_and_peak(samples: &[Sample]) -> (u64, u64) {
    let now = samples.last().map_or(0, |s| s.lag_ms);
    let peak = samples.iter().map(|s| s.lag_ms).max().unwrap_or(0);
    (now, peak)
}

/// How often each fault the run injects has struck (only those it injects, so one fits a row).
fn fault_counts(s: &Summary, f: &Faults) -> String {
    let injected = [
        (f.duplicates > 0, &[Struck::Redelivered][..]),
        (f.crash_every_ms > 0, &[Struck::Crashes]),
        (f.poison > 0, &[Struck::Parked]),
        (
            f.office_crash_every_ms > 0,
            &[Struck::OfficeCrashes, Struck::Lost],
        ),
    ];
    let parts: Vec<String> = injected
        .iter()
        .filter(|(on, _)| *on)
        .flat_map(|(_, counts)| counts.iter().map(|c| c.words(s, grouped)))
        .collect();
    if parts.is_empty() {
        return format!("none; the back office {}", f.office.word());
    }
    parts.join(" · ")
}

/// Which catalogs differ from the record, once the run has ended and been caught up.
fn diverged_words(s: &Summary, catalogs: usize) -> String {
    match &s.diverged {
        None => "checked at the end".into(),
        Some(d) if d.is_empty() => format!("none of {catalogs} catalogs"),
        Some(d) => format!("{} of {catalogs}: {}", d.len(), d.join(", ")),
    }
}

/// One plot of a value over simulated time. The two plots share the x axis's bounds and the
/// width of their y labels, so a second stands at the same column in both.
struct Plot<'a> {
    title: String,
    points: Vec<(f64, f64)>,
    top: u64,
    style: Style,
    graph: GraphType,
    /// Only the lower plot labels the time axis.
    time_labels: bool,
    seconds: u64,
    label_width: usize,
    theme: &'a Theme,
}

impl Plot<'_> {
    fn y_labels(top: u64) -> [String; 3] {
        [String::from("0"), grouped(top / 2), grouped(top)]
    }

    fn render(&self, area: Rect, frame: &mut Frame) {
        let t = self.theme;
        let pad = |s: String| format!("{s:>w$}", w = self.label_width);
        let y_labels: Vec<Line> = Plot::y_labels(self.top)
            .into_iter()
            .map(|s| Line::raw(pad(s)))
            .collect();
        let seconds = self.seconds.max(1);
        let x_labels: Vec<Line> = if self.time_labels {
            vec![
                Line::raw("0"),
                Line::raw(format!("{}", seconds / 2)),
                Line::raw(format!("{seconds} s")),
            ]
        } else {
            Vec::new()
        };
        let dataset = Dataset::default()
            .marker(Marker::Braille)
            .graph_type(self.graph)
            .style(self.style)
            .data(&self.points);
        let chart = Chart::new(vec![dataset])
            // The chart's canvas paints its own background: the theme's paper.
            .style(t.base)
            .block(panel(&self.title, false, t))
            .legend_position(None)
            .x_axis(
                Axis::default()
                    .style(t.dim)
                    .bounds([0.0, seconds as f64])
                    .labels(x_labels),
            )
            .y_axis(
                Axis::default()
                    .style(t.dim)
                    .bounds([0.0, self.top as f64])
                    .labels(y_labels),
            );
        frame.render_widget(chart, area);
    }
}

impl Screen for Simulate {
    fn title(&self) -> String {
        "the simulator".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = ctx.theme;
        let p = self.sim.params();
        let about = PRESETS.get(self.preset).map_or("", |pr| pr.about);
        let head = Line::from(vec![
            Span::styled(format!("Simulator · {} · ", p.preset), t.title),
            Span::styled(about, t.dim),
        ]);
        // The preset's story is the point of the screen: it gets the rows it needs (up to
        // four), one column in like the other screens' headers.
        let head = wrap(head, area.width.saturating_sub(1) as usize, 0);
        let rows = (head.len() as u16).clamp(1, 4);
        let [header, body] =
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(area);
        frame.render_widget(
            Paragraph::new(head).block(Block::default().padding(Padding::left(1))),
            header,
        );
        let knob_width = if body.width >= 110 { 46 } else { 42 };
        let [knobs, plots] =
            Layout::horizontal([Constraint::Length(knob_width), Constraint::Fill(1)]).areas(body);
        self.draw_knobs(knobs, frame, ctx);

        let samples = self.sim.samples();
        let last = samples.last();
        let lag_top = nice_ceiling(samples.iter().map(|s| s.lag_ms).max().unwrap_or(0).max(10));
        let stale_top = nice_ceiling(
            samples
                .iter()
                .map(|s| s.stale_reads)
                .max()
                .unwrap_or(0)
                .max(10),
        );
        let label_width = Plot::y_labels(lag_top)
            .iter()
            .chain(Plot::y_labels(stale_top).iter())
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(1);
        let series = |f: fn(&Sample) -> u64| -> Vec<(f64, f64)> {
            samples.iter().map(|s| (s.t as f64, f(s) as f64)).collect()
        };
        // Stale reads are counted per second: each second is drawn as a bar as wide as the
        // second, so a short run reads as a histogram rather than a few hairlines. (A braille
        // cell is two dots wide: two points per column fill a bar.)
        let dots = u64::from(plots.width.saturating_sub(2)) * 2;
        let per_second = dots.div_ceil(p.seconds.max(1)).max(1);
        let bars: Vec<(f64, f64)> = samples
            .iter()
            .flat_map(|s| {
                (0..per_second).map(move |k| {
                    let x = (s.t - 1) as f64 + (k as f64 + 0.5) / per_second as f64;
                    (x, s.stale_reads as f64)
                })
            })
            .collect();
        let lag = Plot {
            title: match last {
                Some(s) => format!("Lag · now {} ms ({})", grouped(s.lag_ms), s.worst),
                None => "Lag, ms".into(),
            },
            points: series(|s| s.lag_ms),
            top: lag_top,
            style: t.accent,
            graph: GraphType::Line,
            time_labels: false,
            seconds: p.seconds,
            label_width,
            theme: t,
        };
        let stale = Plot {
            title: match last {
                Some(s) if s.reads > 0 => format!(
                    "Stale reads/s · {} now ({:.1}%)",
                    grouped(s.stale_reads),
                    s.stale_reads as f64 * 100.0 / s.reads as f64
                ),
                _ => "Stale reads/s".into(),
            },
            points: bars,
            top: stale_top,
            style: t.warn,
            graph: GraphType::Bar,
            time_labels: true,
            seconds: p.seconds,
            label_width,
            theme: t,
        };
        let [lag_area, stale_area] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(plots);
        lag.render(lag_area, frame);
        stale.render(stale_area, frame);
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
            self.message = Some("started afresh with the same load".into());
        } else if is(Action::FocusNext) {
            self.change_preset(true);
        } else if is(Action::Back) {
            return Transition::Back;
        }
        Transition::Stay
    }

    fn footer(&self, ctx: &Ctx) -> Vec<Hint> {
        vec![
            (
                "Space",
                match (self.sim.is_done(), self.running) {
                    (true, _) => "again",
                    (false, true) => "pause",
                    (false, false) => "run",
                },
            ),
            ("↑↓", "pick"),
            ("←→", "change"),
            (ctx.keys.label(Action::FocusNext), "preset"),
            (ctx.keys.label(Action::Restart), "restart"),
            (ctx.keys.label(Action::Back), "home"),
        ]
    }

    fn help(&self, ctx: &Ctx) -> Vec<HelpRow> {
        let k = |a: Action| ctx.keys.label(a).to_string();
        // Space is bound to Next as well as Toggle; here it pauses, so it is not shown as a
        // key that changes a slider.
        let toggle = k(Action::Toggle);
        let without_toggle = |a: Action| {
            k(a).split(' ')
                .filter(|key| !toggle.split(' ').any(|t| t == *key))
                .collect::<Vec<_>>()
                .join(" ")
        };
        vec![
            (
                format!("{toggle} Enter"),
                "pause or run the simulation (at the end: run it again)".into(),
            ),
            (
                format!("{} {}", k(Action::Up), k(Action::Down)),
                "pick a row: preset, writes, reads, capacity, delay, faults".into(),
            ),
            (
                format!(
                    "{} {}",
                    without_toggle(Action::Prev),
                    without_toggle(Action::Next)
                ),
                "change it; the running simulation takes it at once".into(),
            ),
            (
                k(Action::FocusNext),
                "the next preset: azure, booking, ecommerce, twitter".into(),
            ),
            (k(Action::Restart), "start this load again from zero".into()),
            (
                "delay".into(),
                "the fastest catalog's; a preset spreads the others above it, the shelf slowest"
                    .into(),
            ),
            (
                "faults".into(),
                "none, duplicates, crashes with the checkpoint saved with or apart from the cards, \
                 poison events, or a back office that crashes between commit and publish (dual \
                 write) or keeps an outbox; each starts the run afresh"
                    .into(),
            ),
            (
                "stale read".into(),
                "a catalog's answer that differs from the back office".into(),
            ),
            (
                "diverged".into(),
                "catalogs that differ from the record once caught up (checked at the end): a \
                 replay of the log, or the tables of a state-stored office"
                    .into(),
            ),
            (
                "pace".into(),
                format!("up to {SPEED} simulated seconds a real one (less when heavy)").into(),
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
        assert_eq!(Knob::ALL[s.knob], Knob::Writes);
        let before = s.sim.params().writes_per_sec;
        s.adjust(true);
        assert!(s.sim.params().writes_per_sec > before);
        s.knob = 4;
        let delay = s.sim.params().delay_ms;
        s.adjust(false);
        assert!(s.sim.params().delay_ms < delay);
    }

    #[test]
    fn every_rung_of_every_ladder_is_accepted_by_the_simulator() {
        let mut s = Simulate::new(small()).unwrap();
        for (i, knob) in Knob::ALL.iter().enumerate() {
            if knob.ladder().is_empty() {
                continue;
            }
            s.knob = i;
            for _ in 0..knob.ladder().len() {
                s.adjust(true);
                let m = s.message.clone().unwrap();
                assert!(m.contains(knob.label()), "{m}");
            }
            assert_eq!(knob.value(s.sim.params()), *knob.ladder().last().unwrap());
            for _ in 0..knob.ladder().len() {
                s.adjust(false);
            }
            assert_eq!(knob.value(s.sim.params()), knob.ladder()[0]);
        }
    }

    #[test]
    fn the_preset_row_and_tab_go_through_every_preset_and_back() {
        let mut s = Simulate::new(small()).unwrap();
        for _ in 0..PRESETS.len() {
            s.change_preset(true);
            assert!(
                s.message.as_deref().unwrap().starts_with("preset "),
                "{:?}",
                s.message
            );
        }
        assert_eq!(s.sim.params().preset, "azure");
        s.knob = 0;
        s.adjust(false);
        assert_eq!(s.sim.params().preset, "twitter");
    }

    #[test]
    fn axis_tops_are_round_and_figures_are_grouped() {
        assert_eq!(nice_ceiling(0), 1);
        assert_eq!(nice_ceiling(10), 10);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(499), 500);
        assert_eq!(nice_ceiling(4_781), 5_000);
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(3_000_000), "3,000,000");
    }

    #[test]
    fn the_faults_row_goes_through_every_fault_preset_keeping_the_load() {
        let mut s = Simulate::new(small()).unwrap();
        s.knob = 1;
        s.adjust(true);
        let writes = s.sim.params().writes_per_sec;
        s.knob = 5;
        for f in FAULT_PRESETS
            .iter()
            .skip(1)
            .chain(FAULT_PRESETS.iter().take(1))
        {
            s.adjust(true);
            assert_eq!(s.sim.params().faults, f.faults);
            assert_eq!(s.sim.params().writes_per_sec, writes, "the same load");
            assert_eq!(s.message.as_deref(), Some(f.about));
        }
        s.change_preset(true);
        s.knob = 5;
        s.adjust(false);
        let last = FAULT_PRESETS.last().unwrap();
        s.change_preset(true);
        assert_eq!(
            s.sim.params().faults,
            last.faults,
            "a new preset keeps the faults"
        );
    }

    #[test]
    fn faults_from_the_command_line_that_are_no_preset_show_as_custom() {
        let mut p = small();
        p.faults.duplicates = 7;
        let mut s = Simulate::new(p).unwrap();
        assert_eq!(s.faults, None);
        s.knob = 5;
        s.adjust(true);
        assert_eq!(s.faults, Some(0), "the first preset next");
    }

    #[test]
    fn the_lag_plots_title_and_the_totals_give_the_same_figure() {
        let mut s = Simulate::new(small()).unwrap();
        s.sim.advance(2_000);
        let (now, peak) = lag_now_and_peak(s.sim.samples());
        let last = s.sim.samples().last().unwrap();
        assert_eq!(now, last.lag_ms);
        assert!(peak >= now);
        let lines = s.figure_lines(
            &s.sim.summary(),
            &Theme::new(crate::tui::theme::ThemeName::Mono),
        );
        let lag = lines
            .iter()
            .map(|l| l.to_string())
            .find(|l| l.starts_with("lag"))
            .unwrap();
        assert!(lag.contains(&format!("now {} ", grouped(now))), "{lag}");
    }
}
