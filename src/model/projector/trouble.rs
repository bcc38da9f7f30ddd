//! What can go wrong between the log and one catalog, and what it leaves behind: two events
//! that arrive swapped (`reorder`), and events the projector cannot file (`poison`), tried
//! again with back-off and then parked. Kept beside the projector, which consults it for
//! every event it takes.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::event::BookId;

/// Ticks the projector waits before each new try of an event it could not file; when the
/// last try fails too, it parks the event and goes on.
pub const BACKOFF: [u64; 4] = [1, 2, 4, 8];

/// An event the projector is trying again: how many tries failed, and when the next one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub seq: u64,
    pub failures: u32,
    pub next_try: u64,
}

/// A `reorder` in progress: armed for the next two events due, then the later of the two
/// arrived first and waits, buffered, until the earlier one arrives at `late_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reorder {
    #[default]
    Off,
    Armed,
    Swapped {
        early: u64,
        late_at: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trouble {
    /// Events the projector cannot file until it is healed.
    pub poisoned: BTreeSet<u64>,
    pub retrying: Option<Retry>,
    /// Events given up on, by sequence number, with the book each is about.
    pub parked: BTreeMap<u64, BookId>,
    /// Books with a parked event: their later events are parked behind it, so that a book's
    /// card never shows a later event without an earlier one.
    pub held: BTreeSet<BookId>,
    pub reorder: Reorder,
    /// The earliest tick the projector can first try an event: it tries nothing while paused,
    /// nor before it gave up on the event before.
    pub free_at: u64,
}

impl Trouble {
    /// The event waiting, buffered, for the one before it to arrive.
    pub fn buffered(&self) -> Option<u64> {
        match self.reorder {
            Reorder::Swapped { early, .. } => Some(early),
            _ => None,
        }
    }

    pub fn park(&mut self, seq: u64, book: &BookId, at: u64) {
        self.parked.insert(seq, book.clone());
        self.held.insert(book.clone());
        self.free_at = self.free_at.max(at);
    }

    /// After a rebuild that replayed up to `checkpoint`: the replay filed every parked event,
    /// and an event it filed is no longer retried or poisoned.
    pub fn rebuilt(&mut self, checkpoint: u64) {
        self.parked.clear();
        self.held.clear();
        self.poisoned.retain(|seq| *seq > checkpoint);
        self.retrying = self.retrying.filter(|r| r.seq > checkpoint);
        if matches!(self.reorder, Reorder::Swapped { early, .. } if early <= checkpoint + 1) {
            self.reorder = Reorder::Off;
        }
    }
}
