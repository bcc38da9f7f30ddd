//! A projector: the clerk who files new cards into one catalog, later. It remembers the last
//! event it applied (the checkpoint), waits `delay` ticks before filing an event, and can be
//! paused, resumed or told to catch up at once. Faults of delivery (a crash, two events
//! swapped, an event it cannot file) happen here, where a real projector meets them.

mod trouble;

use super::capacity::{Capacity, Pace};
use super::catalog::Catalog;
use super::event::Event;
use super::event_log::EventLog;
use super::field::Field;
pub use trouble::BACKOFF;
use trouble::{Reorder, Retry, Trouble};

/// A catalog's health, as `status` and the screens report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum Health {
    CaughtUp,
    Behind,
    Paused,
    Damaged,
    /// The projector cannot file event `seq` and tries again at tick `next_try`.
    Retrying {
        seq: u64,
        next_try: u64,
    },
    /// Event `seq` was given up on and parked, with `more` parked after it.
    Parked {
        seq: u64,
        more: u64,
    },
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
    /// Events swapped on the way, events it cannot file, and those it parked.
    trouble: Trouble,
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
            trouble: Trouble::default(),
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
    /// refused (N+1 is never filed before N); so is one it cannot file (poisoned) or one of a
    /// book with a parked event.
    pub fn deliver(&mut self, event: &Event) -> bool {
        if event.seq != self.checkpoint + 1
            || self.trouble.poisoned.contains(&event.seq)
            || self.trouble.held.contains(&event.book)
        {
            return false;
        }
        self.file(event);
        true
    }

    fn file(&mut self, event: &Event) {
        if self.crash_armed {
            self.crash(event);
        }
        self.catalog.apply(event);
        self.checkpoint = event.seq;
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

    /// Files every event that has reached it by `now` (waited its delay, or arrived swapped),
    /// in sequence, as far as its capacity allows; parks those it gives up on. Returns how
    /// many events it took (filed or parked).
    pub fn catch_up(&mut self, log: &EventLog, now: u64) -> u64 {
        if self.paused {
            return 0;
        }
        let mut taken = 0;
        while let Some(event) = log.get(self.checkpoint + 1) {
            let Some(at) = self.arrival(log, event, now) else {
                break;
            };
            if self.trouble.retrying.is_some_and(|r| r.next_try > now) {
                break;
            }
            if let Some(capacity) = self.capacity
                && !self.pace.take(capacity, at, now)
            {
                break;
            }
            if !self.take(event, at, now, false) {
                break;
            }
            taken += 1;
        }
        taken
    }

    /// When the next event reached the projector, if it has by `now`: when it came due, unless
    /// a `reorder` holds it back until the one after it has arrived (a tick before it).
    fn arrival(&mut self, log: &EventLog, event: &Event, now: u64) -> Option<u64> {
        let due = event.tick.saturating_add(self.delay);
        match self.trouble.reorder {
            Reorder::Off => (due <= now).then_some(due),
            Reorder::Armed => {
                let next = log.get(event.seq + 1)?;
                let next_due = next.tick.saturating_add(self.delay).max(due);
                if next_due > now {
                    return None;
                }
                let late_at = next_due + 1;
                self.trouble.reorder = Reorder::Swapped {
                    early: next.seq,
                    late_at,
                };
                (late_at <= now).then_some(late_at)
            }
            Reorder::Swapped { early, late_at } if early == event.seq => {
                self.trouble.reorder = Reorder::Off;
                Some(due.max(late_at - 1))
            }
            Reorder::Swapped { late_at, .. } => (late_at <= now).then_some(late_at),
        }
    }

    /// Takes the next event, arrived at `at`: files it, parks it behind a parked event of its
    /// book, or tries it and fails (poisoned), again after each back-off, parking it after the
    /// last. `at_once` (a sync) waits for no back-off. False while it is still being retried.
    fn take(&mut self, event: &Event, at: u64, now: u64, at_once: bool) -> bool {
        if self.trouble.held.contains(&event.book) {
            self.park(event, at);
            return true;
        }
        let retry = self.trouble.retrying.filter(|r| r.seq == event.seq);
        if !self.trouble.poisoned.contains(&event.seq) {
            if !at_once && retry.is_some_and(|r| r.next_try > now) {
                return false;
            }
            self.trouble.retrying = None;
            self.file(event);
            return true;
        }
        let mut r = retry.unwrap_or(Retry {
            seq: event.seq,
            failures: 0,
            next_try: at.max(self.trouble.free_at),
        });
        if at_once {
            self.trouble.retrying = None;
            self.park(event, now);
            return true;
        }
        while r.next_try <= now {
            let Some(wait) = BACKOFF.get(r.failures as usize) else {
                self.trouble.retrying = None;
                self.park(event, r.next_try);
                return true;
            };
            r.failures += 1;
            r.next_try += wait;
        }
        self.trouble.retrying = Some(r);
        false
    }

    /// Event `event`, the next after the checkpoint, arrives now, whatever its delay: as
    /// `catch_up` takes an event. False when it could not be filed and will be tried again.
    pub fn arrive_now(&mut self, event: &Event, now: u64) -> bool {
        event.seq == self.checkpoint + 1 && self.take(event, now, now, false)
    }

    /// Gives up on `event`: the checkpoint moves past it, the catalog goes without it.
    fn park(&mut self, event: &Event, at: u64) {
        self.trouble.park(event.seq, &event.book, at);
        self.checkpoint = event.seq;
    }

    /// Files everything up to the log head now, whatever the delay, pause or capacity. An
    /// event it cannot file is parked at once: a sync waits out no back-off.
    pub fn sync(&mut self, log: &EventLog, now: u64) -> u64 {
        if let Reorder::Swapped { .. } = self.trouble.reorder {
            self.trouble.reorder = Reorder::Off;
        }
        let mut taken = 0;
        while let Some(event) = log.get(self.checkpoint + 1) {
            self.take(event, now, now, true);
            taken += 1;
        }
        taken
    }

    /// `reorder`: the next two events due will arrive swapped.
    pub fn arm_reorder(&mut self) {
        self.trouble.reorder = Reorder::Armed;
    }

    /// Whether a `reorder` is armed and waiting for its two events.
    pub fn reorder_armed(&self) -> bool {
        self.trouble.reorder == Reorder::Armed
    }

    /// The event that arrived early and waits, buffered, for the one before it.
    pub fn buffered(&self) -> Option<u64> {
        self.trouble.buffered()
    }

    /// `poison`: the projector cannot file event `seq` until healed. False (and nothing
    /// changes) when it filed that event already.
    pub fn poison(&mut self, seq: u64) -> bool {
        seq > self.checkpoint && self.trouble.poisoned.insert(seq)
    }

    /// The events it cannot file, by sequence number, until healed.
    pub fn poisoned(&self) -> Vec<u64> {
        self.trouble.poisoned.iter().copied().collect()
    }

    /// The event it is trying again and the tick of its next try.
    pub fn retrying(&self) -> Option<(u64, u64)> {
        self.trouble.retrying.map(|r| (r.seq, r.next_try))
    }

    /// The events it gave up on, in order.
    pub fn parked(&self) -> Vec<u64> {
        self.trouble.parked.keys().copied().collect()
    }

    /// The parked events from `from` to `to`, in order.
    pub fn parked_between(&self, from: u64, to: u64) -> Vec<u64> {
        let range = self.trouble.parked.range(from..=to.max(from));
        range.map(|(seq, _)| *seq).collect()
    }

    /// `heal`: the cause is fixed; every event it could not file can be filed now (one being
    /// retried, at its next try). Returns the events that were poisoned.
    pub fn heal(&mut self) -> Vec<u64> {
        let cured = self.poisoned();
        self.trouble.poisoned.clear();
        cured
    }

    /// `retry`: files the parked events again, in order, below the checkpoint, which has moved
    /// past them already. One still poisoned stays parked, and so does every later one of its
    /// book. Returns the events filed and those still parked.
    pub fn retry(&mut self, log: &EventLog) -> (Vec<u64>, Vec<u64>) {
        let parked = std::mem::take(&mut self.trouble.parked);
        self.trouble.held.clear();
        let (mut filed, mut still) = (Vec::new(), Vec::new());
        for (seq, book) in parked {
            match log.get(seq) {
                Some(event)
                    if !self.trouble.poisoned.contains(&seq)
                        && !self.trouble.held.contains(&book) =>
                {
                    self.catalog.apply(event);
                    filed.push(seq);
                }
                _ => {
                    self.trouble.park(seq, &book, 0);
                    still.push(seq);
                }
            }
        }
        (filed, still)
    }

    /// `resume`: delivery starts again at `now`; a retry that fell due while paused is tried
    /// now, not counted as failed in the meantime.
    pub fn resume(&mut self, now: u64) {
        self.paused = false;
        self.trouble.free_at = self.trouble.free_at.max(now);
        if let Some(r) = &mut self.trouble.retrying {
            r.next_try = r.next_try.max(now);
        }
    }

    /// Puts a rebuilt catalog in place: the replay filed every parked event.
    pub fn swap_in(&mut self, catalog: Catalog, checkpoint: u64) {
        self.catalog = catalog;
        self.checkpoint = checkpoint;
        self.damaged = false;
        self.trouble.rebuilt(checkpoint);
    }

    pub fn health(&self, head: u64) -> Health {
        if self.damaged {
            Health::Damaged
        } else if self.paused {
            Health::Paused
        } else if let Some(r) = self.trouble.retrying {
            Health::Retrying {
                seq: r.seq,
                next_try: r.next_try,
            }
        } else if let Some(seq) = self.trouble.parked.keys().next() {
            Health::Parked {
                seq: *seq,
                more: self.trouble.parked.len() as u64 - 1,
            }
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

    /// A rebuild into an empty catalog of the same kind as `like` (cards or counts), with room
    /// for as many cards as `like` has: a replay files about as many, and growing a large table
    /// step by step would move every card several times. (It used to be counted in a pass
    /// over the log: a bare pass more on every rebuild.)
    pub fn like(name: &str, like: &Catalog, target: u64) -> Self {
        let mut job = RebuildJob::new(name, like.field(), target);
        job.fresh.catalog = like.empty_like();
        job.fresh.catalog.reserve(like.books_known());
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
