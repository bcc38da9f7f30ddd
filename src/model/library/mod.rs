//! The whole library: the back office, the event log, the catalogs with their projectors, and
//! the clock. `execute` is the single path every command takes, whoever typed it: a short
//! dispatcher over the language's groups, each carried out in a file of its own.

mod faults;
mod office;
mod poison;
mod query;
mod recover;
mod tune;

use super::back_office::{BackOffice, Intent};
use super::capacity::Capacity;
use super::catalog::Catalog;
use super::event::Event;
use super::event_log::EventLog;
use super::exec_error::ExecError;
use super::field::Field;
use super::language::{CatalogRef, Command};
use super::outcome::{Delivery, Done, Outcome};
use super::projector::Projector;

/// The catalogs a new library has, with the field each files by.
pub const BUILT_IN_CATALOGS: [(&str, Field); 4] = [
    ("authors", Field::Author),
    ("titles", Field::Title),
    ("subjects", Field::Subject),
    ("shelf", Field::Book),
];

#[derive(Debug, Clone)]
pub struct Library {
    office: BackOffice,
    log: EventLog,
    projectors: Vec<Projector>,
    now: u64,
    write_side: office::WriteSide,
}

impl Default for Library {
    fn default() -> Self {
        Self::new()
    }
}

impl Library {
    pub fn new() -> Self {
        Library {
            office: BackOffice::new(),
            log: EventLog::new(),
            projectors: BUILT_IN_CATALOGS
                .iter()
                .map(|(name, field)| Projector::new(name, *field))
                .collect(),
            now: 0,
            write_side: office::WriteSide::default(),
        }
    }

    pub fn office(&self) -> &BackOffice {
        &self.office
    }

    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// The catalogs in the order they were added.
    pub fn projectors(&self) -> &[Projector] {
        &self.projectors
    }

    pub fn projector(&self, name: &str) -> Option<&Projector> {
        self.projectors.iter().find(|p| p.name == name)
    }

    pub fn catalog(&self, name: &str) -> Option<&Catalog> {
        self.projector(name).map(|p| &p.catalog)
    }

    /// The simulated clock, in ticks.
    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn head(&self) -> u64 {
        self.log.head()
    }

    /// Executes one command. A rejection is an `Outcome`; an error is a command that names a
    /// catalog that does not exist, or adds one twice or one too many.
    pub fn execute(&mut self, command: &Command) -> Result<Outcome, ExecError> {
        if let Some((book, intent)) = Intent::of(command) {
            return Ok(self.write(book, intent, command.expecting()));
        }
        match command {
            Command::Tick { ticks } => Ok(self.tick(*ticks)),
            Command::Delay { catalog, ticks } => self.delay(catalog, *ticks),
            Command::Pause { catalog } => self.pause(catalog),
            Command::Resume { catalog } => self.resume(catalog),
            Command::Sync { catalog } => self.sync(catalog),
            Command::Find {
                catalog,
                key,
                after,
            } => self.find(catalog, key, *after),
            Command::Show { catalog } => self.show(catalog),
            Command::Status => Ok(self.status_answer()),
            Command::Damage { catalog } => self.damage(catalog),
            Command::Rebuild { catalog } => self.rebuild(catalog),
            Command::AddCatalog { name, field } => self.add_catalog(name, *field, false),
            Command::AddCount { name, field } => self.add_catalog(name, *field, true),
            Command::Checkpoint { catalog, apart } => self.checkpoint_mode(catalog, *apart),
            Command::Crash { catalog } => self.arm_crash(catalog),
            Command::Redeliver {
                catalog,
                seq,
                seq_col,
            } => self.redeliver_to(catalog, *seq, *seq_col),
            Command::Verify { catalog } => self.verify(catalog),
            Command::Reorder { catalog } => self.reorder(catalog),
            Command::Poison {
                catalog,
                seq,
                seq_col,
            } => self.poison(catalog, *seq, *seq_col),
            Command::Heal { catalog } => self.heal(catalog),
            Command::Retry { catalog } => self.retry(catalog),
            Command::ShowBook { book } => Ok(self.show_book(book)),
            Command::Office { mode, col } => self.office_command(*mode, *col),
            Command::CrashOffice => Ok(self.arm_office_crash()),
            write => unreachable!("`{write}` is a back-office command, taken above"),
        }
    }

    /// `tick`: the clock moves on, the outbox's relay publishes, and every projector files
    /// what has come due.
    fn tick(&mut self, ticks: u64) -> Outcome {
        self.now = self.now.saturating_add(ticks);
        let relayed = self.relay();
        let delivered = self.pump();
        let now = self.now;
        match relayed {
            Some((from, to)) => done(Done::Relayed { now, from, to }, delivered),
            None => done(Done::Clock { now }, delivered),
        }
    }

    /// Event `seq` of the log, or the error at `col` that says where the head is.
    fn event_at(log: &EventLog, seq: u64, col: usize) -> Result<&Event, ExecError> {
        log.get(seq).ok_or(ExecError::BeyondHead {
            seq,
            head: log.head(),
            col,
        })
    }

    /// The position of a catalog a command names, or the error that lists those there are.
    fn index_of(&self, catalog: &CatalogRef) -> Result<usize, ExecError> {
        self.projectors
            .iter()
            .position(|p| p.name == catalog.name)
            .ok_or_else(|| ExecError::UnknownCatalog {
                name: catalog.name.clone(),
                col: catalog.col,
                known: self.projectors.iter().map(|p| p.name.clone()).collect(),
            })
    }

    /// Lets every projector file what has come due.
    fn pump(&mut self) -> Vec<Delivery> {
        let mut delivered = Vec::new();
        for p in &mut self.projectors {
            let before = p.checkpoint;
            if p.catch_up(&self.log, self.now) > 0 {
                delivered.extend(delivery(p, before));
            }
        }
        delivered
    }

    /// Limits how many events a catalog's projector files in a span of ticks (`None`: no
    /// limit), from now on, and lets it file what that allows at once. `None` if there is no
    /// such catalog. Not a command of the language: the simulator sets it.
    pub fn set_capacity(
        &mut self,
        catalog: &str,
        capacity: Option<Capacity>,
    ) -> Option<Vec<Delivery>> {
        let p = self.projectors.iter_mut().find(|p| p.name == catalog)?;
        p.set_capacity(capacity, self.now);
        Some(self.pump())
    }

    /// Puts cards in place of a catalog's, keeping its checkpoint: how tests make a catalog
    /// drift without a command that could.
    #[cfg(test)]
    pub(crate) fn put_catalog_for_tests(&mut self, name: &str, catalog: Catalog) {
        let p = self.projectors.iter_mut().find(|p| p.name == name);
        p.expect("a catalog of that name").catalog = catalog;
    }

    /// Re-delivers an event to every catalog, as an at-least-once transport may. The
    /// checkpoints make it harmless.
    pub fn redeliver(&mut self, event: &Event) -> usize {
        self.projectors
            .iter_mut()
            .map(|p| p.deliver(event))
            .filter(|applied| *applied)
            .count()
    }
}

/// What a projector took since its checkpoint stood at `before`: a run of events per
/// stretch it filed, and one per stretch it parked (its checkpoint passed them unfiled).
fn delivery(p: &mut Projector, before: u64) -> Vec<Delivery> {
    let crashed = p.crashed_at.take();
    let mut runs: Vec<Delivery> = Vec::new();
    let mut push = |from: u64, to: u64, parked: bool| match runs.last_mut() {
        Some(run) if run.parked == parked && run.to + 1 == from => run.to = to,
        _ if from <= to => runs.push(Delivery {
            catalog: p.name.clone(),
            from,
            to,
            crashed: crashed.filter(|c| !parked && (from..=to).contains(c)),
            parked,
        }),
        _ => {}
    };
    // Work by the parked events, which are few, not by every event filed.
    let mut from = before + 1;
    for seq in p.parked_between(before + 1, p.checkpoint) {
        push(from, seq - 1, false);
        push(seq, seq, true);
        from = seq + 1;
    }
    push(from, p.checkpoint, false);
    runs
}

fn done(done: Done, delivered: Vec<Delivery>) -> Outcome {
    Outcome::Done { done, delivered }
}
