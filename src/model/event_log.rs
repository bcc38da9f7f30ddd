//! The event log: the append-only record of everything the back office did, and the source of
//! truth every catalog is derived from.

use super::event::{BookId, Event, EventKind};

#[derive(Debug, Clone, Default)]
pub struct EventLog {
    events: Vec<Event>,
}

impl EventLog {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an event and returns its sequence number. There is no way to change or remove
    /// one: that is what makes replaying the log trustworthy.
    pub fn append(&mut self, tick: u64, book: BookId, kind: EventKind) -> u64 {
        let seq = self.head() + 1;
        self.events.push(Event {
            seq,
            tick,
            book,
            kind,
        });
        seq
    }

    /// The sequence number of the last event, 0 when empty.
    pub fn head(&self) -> u64 {
        self.events.len() as u64
    }

    pub fn get(&self, seq: u64) -> Option<&Event> {
        if seq == 0 {
            return None;
        }
        self.events.get(usize::try_from(seq - 1).ok()?)
    }

    /// Events after `seq`, in order: what a projector at checkpoint `seq` has yet to apply.
    pub fn after(&self, seq: u64) -> &[Event] {
        let start = usize::try_from(seq)
            .unwrap_or(usize::MAX)
            .min(self.events.len());
        &self.events[start..]
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// How many events of each kind, indexed like `EventKind::NAMES`: the bare pass over the
    /// log that benchmarks compare a rebuild with.
    pub fn count_by_kind(&self) -> [u64; 6] {
        let mut counts = [0u64; 6];
        for event in &self.events {
            counts[event.kind.index()] += 1;
        }
        counts
    }
}
