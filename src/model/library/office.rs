//! The write side: how the back office keeps its records (`office event-sourced | state-stored
//! dual-write | state-stored outbox`), the commit of a back-office command in each mode, the
//! outbox and its relay, `crash office`, `show-book`, and read models filled from the tables
//! when the tables, not the log, are the record.

use std::collections::{HashMap, VecDeque};

use super::{Library, done};
use crate::model::back_office::{Intent, OfficeMode};
use crate::model::catalog::Catalog;
use crate::model::event::{BookId, Event, EventKind};
use crate::model::exec_error::ExecError;
use crate::model::outcome::{
    Against, Answer, BookAnswer, Commit, Done, Outcome, Published, VerifyAnswer,
};
use crate::model::projector::Projector;

/// What the write side holds beside the back office's records: the mode, the outbox table and
/// what crashing the office has cost.
#[derive(Debug, Clone, Default)]
pub(super) struct WriteSide {
    pub(super) mode: OfficeMode,
    /// Events committed with the tables, not yet published, with the tick of their commit:
    /// only an outbox office has any.
    outbox: VecDeque<(BookId, EventKind, u64)>,
    /// Set by `crash office`: the office dies right after its next commit.
    crash_armed: bool,
    crashes: u64,
    /// Events committed and never published (a dual-write office that crashed).
    lost: u64,
}

impl Library {
    /// How the back office keeps its records.
    pub fn office_mode(&self) -> OfficeMode {
        self.write_side.mode
    }

    /// Events committed with the tables and waiting in the outbox, oldest first.
    pub fn outbox(&self) -> impl Iterator<Item = (&BookId, &EventKind)> {
        self.write_side.outbox.iter().map(|(b, k, _)| (b, k))
    }

    pub fn outbox_len(&self) -> usize {
        self.write_side.outbox.len()
    }

    /// Events the back office committed and never published: what no catalog will learn of.
    pub fn lost_events(&self) -> u64 {
        self.write_side.lost
    }

    /// For each book with commits the published stream lacks, how many: waiting in the
    /// outbox, and lost by a dual-write crash. Empty in an event-sourced office, whose log is
    /// the record. One pass over the stream, for a panel that asks of every book.
    pub fn unpublished(&self) -> HashMap<&str, (usize, u64)> {
        if !self.write_side.mode.is_state_stored() {
            return HashMap::new();
        }
        let mut known: HashMap<&str, (usize, u64)> = HashMap::new();
        for (book, _) in self.outbox() {
            known.entry(book.as_str()).or_default().0 += 1;
        }
        let mut published: HashMap<&str, u64> = HashMap::new();
        for event in self.log.events() {
            *published.entry(event.book.as_str()).or_default() += 1;
        }
        for book in self.office.books() {
            let id = book.id.as_str();
            let sent = published.get(id).copied().unwrap_or(0);
            let waiting = known.get(id).map_or(0, |k| k.0);
            let lost = book.version.saturating_sub(sent + waiting as u64);
            if lost > 0 {
                known.entry(id).or_default().1 = lost;
            }
        }
        known
    }

    /// How many times the back office crashed after a commit.
    pub fn office_crashes(&self) -> u64 {
        self.write_side.crashes
    }

    /// Sets how the back office keeps its records, as `office <mode>` does: only before the
    /// first commit. The simulator's way in; `col` of an error is 1.
    pub fn set_office_mode(&mut self, mode: OfficeMode) -> Result<Outcome, ExecError> {
        self.office_command(mode, 1)
    }

    /// Makes the back office crash right after its next commit, as `crash office` does.
    pub fn arm_office_crash(&mut self) -> Outcome {
        self.write_side.crash_armed = true;
        let mode = self.write_side.mode;
        done(Done::OfficeCrashArmed { mode }, vec![])
    }

    pub(super) fn office_command(
        &mut self,
        mode: OfficeMode,
        col: usize,
    ) -> Result<Outcome, ExecError> {
        let commits = self.office.commits();
        if commits > 0 || !self.log.is_empty() {
            return Err(ExecError::OfficeInUse { commits, col });
        }
        self.write_side.mode = mode;
        Ok(done(Done::OfficeMode { mode }, vec![]))
    }

    /// The write path: the back office decides (refusing a stale `expecting` first), then
    /// commits the way its mode says.
    pub(super) fn write(
        &mut self,
        book: &str,
        intent: Intent<'_>,
        expecting: Option<u64>,
    ) -> Outcome {
        let (id, kind) = match self.office.decide_expecting(book, intent, expecting) {
            Err(rejection) => return Outcome::Rejected(rejection),
            Ok(decided) => decided,
        };
        let crashed = std::mem::take(&mut self.write_side.crash_armed);
        self.write_side.crashes += u64::from(crashed);
        match self.write_side.mode {
            OfficeMode::EventSourced => self.append_and_apply(id, kind, crashed),
            mode => self.commit_to_tables(mode, id, kind, crashed),
        }
    }

    /// Event-sourced: the append is the commit, and the back office is derived from the log.
    /// A crash after it loses nothing: the projectors read the very record that was written.
    fn append_and_apply(&mut self, id: BookId, kind: EventKind, crashed: bool) -> Outcome {
        let seq = self.log.append(self.now, id, kind);
        let event = self.log.get(seq).expect("just appended");
        self.office.apply(event);
        let commit = crashed.then(|| Commit {
            event: event.clone(),
            published: Published::Now { seq },
            crashed,
        });
        let delivered = self.pump();
        match commit {
            Some(commit) => Outcome::Committed {
                commit: Box::new(commit),
                delivered,
            },
            None => Outcome::Accepted { seq, delivered },
        }
    }

    /// State-stored: the tables are written first; then dual write publishes in a second
    /// write (which a crash never makes), while the outbox keeps the event in the same commit.
    fn commit_to_tables(
        &mut self,
        mode: OfficeMode,
        id: BookId,
        kind: EventKind,
        crashed: bool,
    ) -> Outcome {
        let event = Event {
            seq: 0,
            tick: self.now,
            book: id,
            kind,
        };
        self.office.apply(&event);
        let published = if mode == OfficeMode::Outbox {
            let pending = (event.book.clone(), event.kind.clone(), self.now);
            self.write_side.outbox.push_back(pending);
            let waiting = self.write_side.outbox.len();
            Published::Outbox { waiting }
        } else if crashed {
            self.write_side.lost += 1;
            Published::Lost
        } else {
            let seq = self.log.append(self.now, event.book, event.kind);
            let delivered = self.pump();
            return Outcome::Accepted { seq, delivered };
        };
        let commit = Commit {
            event,
            published,
            crashed,
        };
        Outcome::Committed {
            commit: Box::new(commit),
            delivered: vec![],
        }
    }

    /// The relay: publishes everything in the outbox to the stream, in commit order, each
    /// stamped with the tick after its commit, when the relay ran (`tick 3` runs it on each of
    /// the three ticks). The first and last sequence numbers, if any.
    pub(super) fn relay(&mut self) -> Option<(u64, u64)> {
        let from = self.head() + 1;
        while let Some((book, kind, committed)) = self.write_side.outbox.pop_front() {
            let published = committed.saturating_add(1).min(self.now);
            self.log.append(published, book, kind);
        }
        (self.head() >= from).then(|| (from, self.head()))
    }

    /// `show-book`: the back office's record of one book and its version.
    pub(super) fn show_book(&self, book: &str) -> Outcome {
        let record = self.office.book(book).cloned();
        let waiting = self
            .write_side
            .outbox
            .iter()
            .filter(|(b, _, _)| b.as_str() == book)
            .count();
        Outcome::Answered(Answer::Book(BookAnswer {
            book: book.to_string(),
            version: record.as_ref().map_or(0, |b| b.version),
            record,
            mode: self.write_side.mode,
            waiting,
        }))
    }

    /// A catalog like `like` filled from the back office's records as they stand now: what a
    /// state-stored system rebuilds a read model from. A count catalog gets the cards with
    /// every number at zero: how many events were filed is not in the tables.
    pub fn catalog_from_tables(&self, like: &Catalog) -> Catalog {
        let mut fresh = like.empty_like();
        fresh.reserve(self.office.len());
        for book in self.office.books() {
            for kind in book.state_events() {
                fresh.apply(&Event {
                    seq: 0,
                    tick: self.now,
                    book: book.id.clone(),
                    kind,
                });
            }
        }
        fresh.zero_counts();
        fresh
    }

    /// `rebuild` in a state-stored office: a catalog of cards is filled from the tables and
    /// takes the stream's head as its checkpoint; a count catalog cannot be rebuilt.
    pub(super) fn rebuild_from_tables(&mut self, i: usize) -> Outcome {
        let catalog = self.projectors[i].name.clone();
        if self.projectors[i].catalog.is_count() {
            return done(Done::CannotRebuild { catalog }, vec![]);
        }
        let fresh = self.catalog_from_tables(&self.projectors[i].catalog);
        let head = self.head();
        self.projectors[i].swap_in(fresh, head);
        let books = self.office.len();
        let delivered = self.pump();
        done(Done::RebuiltFromTables { catalog, books }, delivered)
    }

    /// `verify` of a catalog of cards in a state-stored office: compared with the tables, the
    /// record. Events still on their way (in the outbox, or published and not filed yet) are
    /// counted, so that a difference that is only late can be told from one that is lost.
    pub(super) fn verify_against_tables(&self, p: &Projector) -> Outcome {
        let tables = self.catalog_from_tables(&p.catalog);
        let in_flight = self.head() - p.checkpoint + self.outbox_len() as u64;
        Outcome::Answered(Answer::Verify(VerifyAnswer {
            catalog: p.name.clone(),
            checkpoint: p.checkpoint,
            drift: p.catalog.compare(&tables),
            against: Against::Tables,
            in_flight,
        }))
    }
}
