//! A projector: the clerk who files new cards into one catalog, later. It remembers the last
//! event it applied (the checkpoint), waits `delay` ticks before filing an event, and can be
//! paused, resumed or told to catch up at once.

use super::capacity::{Capacity, Pace};
use super::catalog::Catalog;
use super::event::{Event, EventKind};
use super::event_log::EventLog;
use super::field::Field;

/// A catalog's health, as `status` and the screens report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum Health {
    CaughtUp,
    Behind,
    Paused,
    Damaged,
}

impl Health {
    pub const WORDS: &'static [&'static str] = <Health as strum::VariantNames>::VARIANTS;

    /// The word used by conditions and JSON.
    pub fn word(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projector {
    pub name: String,
    pub catalog: Catalog,
    /// Sequence number of the last event applied.
    pub checkpoint: u64,
    /// The delivery delay: ticks an event waits after being appended before it is filed; 0
    /// files it at once. (How far behind the catalog actually is, its lag, is measured.)
    pub delay: u64,
    pub paused: bool,
    /// Set by `damage`, cleared by a rebuild: the model knows, as an audit would find out.
    pub damaged: bool,
    /// Whether the checkpoint is saved in a step of its own after the cards (`checkpoint ...
    /// apart`) rather than in the same transaction (`with-view`, the default).
    pub checkpoint_apart: bool,
    /// Set by `crash`: the projector dies after filing its next event, before saving its
    /// checkpoint, and restarts from the checkpoint it saved.
    pub crash_armed: bool,
    /// How many times the projector crashed.
    pub crashes: u64,
    /// The event being filed when it last crashed, until a delivery report takes it.
    pub(crate) crashed_at: Option<u64>,
    /// How many events the clerk can file in a span of ticks; `None` (the default) is no limit.
    capacity: Option<Capacity>,
    pace: Pace,
}

/// The delivery delay a new catalog starts with.
pub const DEFAULT_DELAY: u64 = 1;

impl Projector {
    pub fn new(name: &str, field: Field) -> Self {
        Projector {
            name: name.to_string(),
            catalog: Catalog::new(field),
            checkpoint: 0,
            delay: DEFAULT_DELAY,
            paused: false,
            damaged: false,
            checkpoint_apart: false,
            crash_armed: false,
            crashes: 0,
            crashed_at: None,
            capacity: None,
            pace: Pace::default(),
        }
    }

    pub fn capacity(&self) -> Option<Capacity> {
        self.capacity
    }

    /// Limits (or, with `None`, frees) how fast the clerk files, from tick `now` on.
    pub fn set_capacity(&mut self, capacity: Option<Capacity>, now: u64) {
        self.capacity = capacity;
        if let Some(capacity) = capacity {
            self.pace = Pace::starting(capacity, now);
        }
    }

    /// Applies an event if it is the next one after the checkpoint. An event already applied
    /// is ignored (delivery may repeat, projection must not), and one that would skip a gap is
    /// refused (N+1 is never filed before N).
    pub fn deliver(&mut self, event: &Event) -> bool {
        if event.seq != self.checkpoint + 1 {
            return false;
        }
        if self.crash_armed {
            self.crash(event);
        }
        self.catalog.apply(event);
        self.checkpoint = event.seq;
        true
    }

    /// Dies after filing `event`, before saving the checkpoint, and restarts from the one it
    /// saved, so `event` comes again. With the checkpoint kept with the view, the crash rolled
    /// the cards back too: the event is filed once. Kept apart, the cards were saved: the
    /// restart files the event a second time (harmless for cards, counted twice by a count).
    fn crash(&mut self, event: &Event) {
        self.crash_armed = false;
        self.crashes += 1;
        self.crashed_at = Some(event.seq);
        if self.checkpoint_apart {
            self.catalog.apply(event);
        }
    }

    /// Files every event that has waited its delay by `now`, as far as its capacity allows.
    /// Returns how many were applied.
    pub fn catch_up(&mut self, log: &EventLog, now: u64) -> u64 {
        if self.paused {
            return 0;
        }
        let mut applied = 0;
        for event in log.after(self.checkpoint) {
            let due = event.tick.saturating_add(self.delay);
            if due > now {
                break;
            }
            if let Some(capacity) = self.capacity
                && !self.pace.take(capacity, due, now)
            {
                break;
            }
            self.deliver(event);
            applied += 1;
        }
        applied
    }

    /// Files everything up to the log head now, whatever the delay, pause or capacity.
    pub fn sync(&mut self, log: &EventLog) -> u64 {
        let mut applied = 0;
        for event in log.after(self.checkpoint) {
            self.deliver(event);
            applied += 1;
        }
        applied
    }

    pub fn health(&self, head: u64) -> Health {
        if self.damaged {
            Health::Damaged
        } else if self.paused {
            Health::Paused
        } else if self.checkpoint < head {
            Health::Behind
        } else {
            Health::CaughtUp
        }
    }

    /// How long the oldest event not yet applied has been waiting, in ticks (lag in time, as
    /// opposed to lag in events: they differ, and real dashboards show both).
    pub fn waiting_ticks(&self, log: &EventLog, now: u64) -> u64 {
        log.get(self.checkpoint + 1)
            .map_or(0, |e| now.saturating_sub(e.tick))
    }
}

/// A rebuild in progress: a fresh catalog filled from the log, beside the old one that keeps
/// answering, swapped in only when complete (a blue/green rebuild).
#[derive(Debug, Clone)]
pub struct RebuildJob {
    pub name: String,
    fresh: Projector,
    /// The log head when the rebuild started: it replays up to here.
    pub target: u64,
}

impl RebuildJob {
    pub fn new(name: &str, field: Field, target: u64) -> Self {
        RebuildJob {
            name: name.to_string(),
            fresh: Projector::new(name, field),
            target,
        }
    }

    /// A rebuild into an empty catalog of the same kind as `like` (cards or counts).
    pub fn like(name: &str, like: &Catalog, target: u64) -> Self {
        let mut job = RebuildJob::new(name, like.field(), target);
        job.fresh.catalog = like.empty_like();
        job
    }

    /// Events replayed so far.
    pub fn done(&self) -> u64 {
        self.fresh.checkpoint
    }

    pub fn is_complete(&self) -> bool {
        self.fresh.checkpoint >= self.target
    }

    /// Replays up to `max` more events. Work in steps lets a screen animate a long rebuild.
    pub fn step(&mut self, log: &EventLog, max: u64) {
        let end = self.target.min(self.fresh.checkpoint.saturating_add(max));
        let start = self.fresh.checkpoint;
        if start == 0 && end > 0 {
            // Room for every card the replay can file, counted in a quick pass: growing a
            // large table step by step would move every card several times.
            let cataloged = log
                .after(0)
                .iter()
                .take(self.target as usize)
                .filter(|e| matches!(e.kind, EventKind::BookCataloged { .. }))
                .count();
            self.fresh.catalog.reserve(cataloged);
        }
        for event in log.after(start).iter().take((end - start) as usize) {
            self.fresh.deliver(event);
        }
    }

    /// Replays whatever is left, up to the target or `at_least`, whichever is further (never
    /// past the log head): a swap must not put in place a catalog older than the one it
    /// replaces, which may have filed events that came while the job ran.
    pub fn complete(&mut self, log: &EventLog, at_least: u64) {
        self.target = self.target.max(at_least).min(log.head());
        self.step(log, u64::MAX);
    }

    /// The rebuilt catalog and its checkpoint.
    pub fn into_parts(self) -> (Catalog, u64) {
        (self.fresh.catalog, self.fresh.checkpoint)
    }
}
