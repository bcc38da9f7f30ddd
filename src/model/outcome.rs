//! What executing a command came to, as data: the events appended, the rejection, the answer,
//! or what was done to the clock, the projectors and the catalogs. The model words none of it:
//! `transcript.rs` turns an outcome into the lines every screen and output shows.

use super::back_office::{Book, OfficeMode, Rejection};
use super::catalog::{Card, Damage, Drift};
use super::event::{Event, Text};
use super::field::Field;
use super::projector::Health;

/// Events a catalog applied because of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub catalog: String,
    /// First and last sequence number applied.
    pub from: u64,
    pub to: u64,
    /// The event the projector crashed on while filing these, if it crashed.
    pub crashed: Option<u64>,
    /// True when the projector gave up on these events and parked them: its checkpoint passed
    /// them, its catalog did not file them.
    pub parked: bool,
}

/// A `find`: the cards, and whether they may be stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindAnswer {
    pub catalog: String,
    pub key: String,
    pub cards: Vec<Card>,
    pub checkpoint: u64,
    pub head: u64,
    /// The sequence number a version-stamped read asked for.
    pub after: Option<u64>,
    /// A count catalog's number under the key (`None` for a catalog of cards).
    pub count: Option<u64>,
    /// True when the catalog has not applied everything the reader asked for: the whole log,
    /// or with `after`, up to that sequence number.
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowAnswer {
    pub catalog: String,
    pub field: Field,
    pub drawers: Vec<(Text, Vec<Card>)>,
    /// A count catalog's numbers by label (`None` for a catalog of cards).
    pub counts: Option<Vec<(Text, u64)>>,
    pub checkpoint: u64,
    pub head: u64,
    pub stale: bool,
    /// The events the catalog's projector parked: what the cards are missing.
    pub parked: Vec<u64>,
}

/// One catalog's line of `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogStatus {
    pub name: String,
    pub field: Field,
    pub checkpoint: u64,
    pub head: u64,
    /// The configured delivery delay in ticks.
    pub delay: u64,
    /// Events not yet applied.
    pub behind_events: u64,
    /// Ticks the oldest unapplied event has waited.
    pub behind_ticks: u64,
    pub health: Health,
    pub cards: usize,
    /// The events it gave up on and parked, in order.
    pub parked: Vec<u64>,
    /// The event that arrived early and waits, buffered, for the one before it.
    pub buffered: Option<u64>,
}

/// A `verify`: the catalog against a replay of the log up to its checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyAnswer {
    pub catalog: String,
    /// The checkpoint the replay went up to.
    pub checkpoint: u64,
    /// What differs; empty when the catalog equals its replay.
    pub drift: Vec<Drift>,
    /// What the catalog was compared with.
    pub against: Against,
    /// Against the tables: events committed that the catalog has not filed yet (in the
    /// outbox or in the stream), so a difference may be only late.
    pub in_flight: u64,
}

/// What `verify` compares a catalog with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Against {
    /// A replay of the log up to the catalog's checkpoint (an event-sourced office).
    #[default]
    Log,
    /// The back office's tables as they stand (a state-stored office, a catalog of cards).
    Tables,
    /// A replay of the published stream (a state-stored office, a count catalog: the tables
    /// cannot say what was counted).
    Stream,
}

impl Against {
    pub fn word(self) -> &'static str {
        match self {
            Against::Log => "log",
            Against::Tables => "tables",
            Against::Stream => "stream",
        }
    }
}

/// `show-book`: the back office's record of one book. A write-side read, for the desk: it
/// never looks at a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookAnswer {
    pub book: String,
    /// `None`: the back office has no such book (its version is 0).
    pub record: Option<Book>,
    pub version: u64,
    pub mode: OfficeMode,
    /// Events of this book committed and waiting in the outbox.
    pub waiting: usize,
}

/// Where a committed event went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// Appended to the log (or stream) as event `seq`, within the command.
    Now { seq: u64 },
    /// Written to the outbox in the commit, `waiting` events there now: the relay publishes
    /// them on the next tick.
    Outbox { waiting: usize },
    /// Never published: the office crashed between its commit and the publishing write.
    Lost,
}

impl Published {
    pub fn word(self) -> &'static str {
        match self {
            Published::Now { .. } => "now",
            Published::Outbox { .. } => "outbox",
            Published::Lost => "lost",
        }
    }
}

/// A command the back office committed where the log is not simply the record: the event,
/// where it went, and whether the office crashed after the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The event committed; its `seq` is its place in the log when published now, else 0.
    pub event: Event,
    pub published: Published,
    pub crashed: bool,
}

impl VerifyAnswer {
    /// True when the catalog equals its replay.
    pub fn verified(&self) -> bool {
        self.drift.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Find(FindAnswer),
    Show(ShowAnswer),
    Status(Vec<CatalogStatus>),
    Verify(VerifyAnswer),
    Book(BookAnswer),
}

/// What a redelivered event came to at the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redelivery {
    /// At or below the checkpoint: filed already, so skipped.
    Skipped { checkpoint: u64 },
    /// The next event after the checkpoint: filed now, earlier than its delay.
    Filed,
    /// Beyond the next one: the projector files only in sequence, so it waits for `next`; the
    /// event is filed in its turn, once.
    Waits { next: u64 },
    /// A parked event: redelivery does not file it (heal and retry do).
    StaysParked,
    /// The next event due, which the projector cannot file: it tries again at `next_try`.
    Retrying { next_try: u64 },
    /// The next event due, of a book with a parked event: parked behind it.
    Parked,
}

/// What a command for the clock, the projectors or a catalog did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// The clock moved on to tick `now`.
    Clock {
        now: u64,
    },
    /// Events now reach the catalog `ticks` after they are appended (0: within the command).
    Delay {
        catalog: String,
        ticks: u64,
    },
    Paused {
        catalog: String,
    },
    Resumed {
        catalog: String,
    },
    /// Everything up to the log head `head` was filed at once.
    Synced {
        catalog: String,
        head: u64,
    },
    /// Cards were lost and misfiled.
    Damaged {
        catalog: String,
        damage: Damage,
    },
    /// `damage` found no card to damage.
    NothingToDamage {
        catalog: String,
    },
    /// A fresh copy replayed `replayed` events and was swapped in.
    Rebuilt {
        catalog: String,
        replayed: u64,
    },
    /// A new catalog was built from `history` events and holds `cards` cards (a count
    /// catalog: `cards` labels with a number).
    Added {
        catalog: String,
        field: Field,
        counts: bool,
        history: u64,
        cards: usize,
    },
    /// The projector saves its checkpoint apart from the cards, or with them.
    CheckpointMode {
        catalog: String,
        apart: bool,
    },
    /// The projector will crash after filing its next event; `apart` as its checkpoint is.
    CrashArmed {
        catalog: String,
        apart: bool,
    },
    /// Event `seq` reached the catalog again.
    Redelivered {
        catalog: String,
        seq: u64,
        effect: Redelivery,
    },
    /// The next two events due will reach the catalog swapped.
    ReorderArmed {
        catalog: String,
    },
    /// The projector cannot file event `seq` until healed; `filed_already` when it had filed
    /// it before the poison, which then changes nothing.
    Poisoned {
        catalog: String,
        seq: u64,
        filed_already: bool,
    },
    /// The cause is fixed: `cured` were poisoned; the event being retried (`seq`, next try)
    /// is filed at that try; `parked` events wait for `retry`.
    Healed {
        catalog: String,
        cured: Vec<u64>,
        retrying: Option<(u64, u64)>,
        parked: usize,
    },
    /// `retry` filed the parked events `filed`; `still` stay parked (still poisoned, or of a
    /// book with an event still parked).
    Retried {
        catalog: String,
        filed: Vec<u64>,
        still: Vec<u64>,
    },
    /// The back office keeps its records this way from now on.
    OfficeMode {
        mode: OfficeMode,
    },
    /// The back office will crash right after its next commit, before publishing.
    OfficeCrashArmed {
        mode: OfficeMode,
    },
    /// The clock moved on to tick `now` and the relay published events `from` to `to` from
    /// the outbox.
    Relayed {
        now: u64,
        from: u64,
        to: u64,
    },
    /// A fresh copy was filled from the tables (`books` records) and swapped in.
    RebuiltFromTables {
        catalog: String,
        books: usize,
    },
    /// A count catalog cannot be rebuilt from the tables: they hold only the current state.
    CannotRebuild {
        catalog: String,
    },
    /// A new catalog was filled from the tables (`books` records) and holds `cards` cards; a
    /// count catalog starts at zero and counts from now on.
    AddedFromTables {
        catalog: String,
        field: Field,
        counts: bool,
        books: usize,
        cards: usize,
    },
}

/// What executing a command came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The back office accepted the command and appended event `seq`: a command is one event.
    Accepted {
        seq: u64,
        delivered: Vec<Delivery>,
    },
    /// The back office committed the command where the log is not simply the record (an
    /// outbox, a crash): counted as accepted.
    Committed {
        commit: Box<Commit>,
        delivered: Vec<Delivery>,
    },
    Rejected(Rejection),
    Answered(Answer),
    /// A command for the clock, the projectors or a catalog was carried out.
    Done {
        done: Done,
        delivered: Vec<Delivery>,
    },
}

impl Outcome {
    /// The word `run --json` and conditions use.
    pub fn word(&self) -> &'static str {
        self.kind().word()
    }

    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Accepted { .. } | Outcome::Committed { .. } => OutcomeKind::Accepted,
            Outcome::Rejected(_) => OutcomeKind::Rejected,
            Outcome::Answered(_) => OutcomeKind::Answered,
            Outcome::Done { .. } => OutcomeKind::Done,
        }
    }

    pub fn delivered(&self) -> &[Delivery] {
        match self {
            Outcome::Accepted { delivered, .. }
            | Outcome::Committed { delivered, .. }
            | Outcome::Done { delivered, .. } => delivered,
            _ => &[],
        }
    }
}

/// The four kinds of outcome, as conditions name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    Accepted,
    Rejected,
    Answered,
    Done,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 4] = [
        OutcomeKind::Accepted,
        OutcomeKind::Rejected,
        OutcomeKind::Answered,
        OutcomeKind::Done,
    ];

    pub fn word(self) -> &'static str {
        match self {
            OutcomeKind::Accepted => "accepted",
            OutcomeKind::Rejected => "rejected",
            OutcomeKind::Answered => "answered",
            OutcomeKind::Done => "done",
        }
    }
}
