//! The whole library: the back office, the event log, the catalogs with their projectors, and
//! the clock. `execute` is the single path every command takes, whoever typed it.

use super::back_office::{BackOffice, Intent, Rejection};
use super::capacity::Capacity;
use super::catalog::{Card, Catalog};
use super::event::{Event, Text};
use super::event_log::EventLog;
use super::language::{CatalogRef, Command, Field, ParseError, nearest};
use super::projector::{Health, Projector, RebuildJob};

/// The catalogs a new library has, with the field each files by.
pub const BUILT_IN_CATALOGS: [(&str, Field); 4] = [
    ("authors", Field::Author),
    ("titles", Field::Title),
    ("subjects", Field::Subject),
    ("shelf", Field::Book),
];

/// Events a catalog applied because of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub catalog: String,
    /// First and last sequence number applied.
    pub from: u64,
    pub to: u64,
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
    /// True when the catalog has not applied everything the reader asked for: the whole log,
    /// or with `after`, up to that sequence number.
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowAnswer {
    pub catalog: String,
    pub field: Field,
    pub drawers: Vec<(Text, Vec<Card>)>,
    pub checkpoint: u64,
    pub head: u64,
    pub stale: bool,
}

/// One catalog's line of `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogStatus {
    pub name: String,
    pub field: Field,
    pub checkpoint: u64,
    pub head: u64,
    /// The configured lag in ticks.
    pub lag: u64,
    /// Events not yet applied.
    pub behind_events: u64,
    /// Ticks the oldest unapplied event has waited.
    pub behind_ticks: u64,
    pub health: Health,
    pub cards: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Find(FindAnswer),
    Show(ShowAnswer),
    Status(Vec<CatalogStatus>),
}

/// What executing a command came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The back office accepted the command and appended events `first..=last`.
    Accepted {
        first: u64,
        last: u64,
        delivered: Vec<Delivery>,
    },
    Rejected(Rejection),
    Answered(Answer),
    /// A command for the clock, the projectors or a catalog was carried out.
    Done {
        message: String,
        delivered: Vec<Delivery>,
    },
}

impl Outcome {
    /// The word `run --json` and conditions use.
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Accepted { .. } => "accepted",
            Outcome::Rejected(_) => "rejected",
            Outcome::Answered(_) => "answered",
            Outcome::Done { .. } => "done",
        }
    }

    pub fn delivered(&self) -> &[Delivery] {
        match self {
            Outcome::Accepted { delivered, .. } | Outcome::Done { delivered, .. } => delivered,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone)]
pub struct Library {
    office: BackOffice,
    log: EventLog,
    projectors: Vec<Projector>,
    now: u64,
}

impl Default for Library {
    fn default() -> Self {
        Self::new()
    }
}

/// An error about a command that parsed but names something the library does not have. The
/// line is filled in by whoever knows it.
fn refuse(col: usize, message: String) -> ParseError {
    ParseError::new(0, col, message)
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

    fn index_of(&self, catalog: &CatalogRef) -> Result<usize, ParseError> {
        self.projectors
            .iter()
            .position(|p| p.name == catalog.name)
            .ok_or_else(|| {
                let names: Vec<&str> = self.projectors.iter().map(|p| p.name.as_str()).collect();
                refuse(
                    catalog.col,
                    format!(
                        "no catalog is named \"{}\" (there are: {})",
                        catalog.name,
                        names.join(", ")
                    ),
                )
                .with_suggestion(nearest(&catalog.name, names.iter().copied()))
            })
    }

    /// Executes one command. A rejection is an `Outcome`; an error is a command that names a
    /// catalog that does not exist, or adds one twice.
    pub fn execute(&mut self, command: &Command) -> Result<Outcome, ParseError> {
        let outcome = match command {
            Command::Acquire {
                book,
                title,
                author,
                subjects,
            } => self.write(
                book,
                Intent::Acquire {
                    title,
                    author,
                    subjects,
                },
            ),
            Command::Catalog { book } => self.write(book, Intent::Catalog),
            Command::Lend { book, patron } => self.write(book, Intent::Lend { patron }),
            Command::Return { book } => self.write(book, Intent::Return),
            Command::Withdraw { book } => self.write(book, Intent::Withdraw),
            Command::Revise { book, field, value } => self.write(
                book,
                Intent::Revise {
                    field: *field,
                    value,
                },
            ),
            Command::Tick { ticks } => {
                self.now = self.now.saturating_add(*ticks);
                let delivered = self.pump();
                Outcome::Done {
                    message: format!("the clock reads tick {}", self.now),
                    delivered,
                }
            }
            Command::Lag { catalog, ticks } => {
                let i = self.index_of(catalog)?;
                self.projectors[i].lag = *ticks;
                let delivered = self.pump();
                let how = if *ticks == 0 {
                    "events are now filed as part of the command that appends them".to_string()
                } else {
                    format!(
                        "events now reach it {ticks} tick{} after they are appended",
                        plural(*ticks)
                    )
                };
                Outcome::Done {
                    message: format!("{}: {how}", catalog.name),
                    delivered,
                }
            }
            Command::Pause { catalog } => {
                let i = self.index_of(catalog)?;
                self.projectors[i].paused = true;
                Outcome::Done {
                    message: format!("{} is paused: it files nothing until resumed", catalog.name),
                    delivered: vec![],
                }
            }
            Command::Resume { catalog } => {
                let i = self.index_of(catalog)?;
                self.projectors[i].paused = false;
                let delivered = self.pump();
                Outcome::Done {
                    message: format!("{} resumed", catalog.name),
                    delivered,
                }
            }
            Command::Sync { catalog } => {
                let i = self.index_of(catalog)?;
                let before = self.projectors[i].checkpoint;
                self.projectors[i].sync(&self.log);
                let delivered = delivery(&self.projectors[i], before).into_iter().collect();
                Outcome::Done {
                    message: format!("{} synced to #{}", catalog.name, self.head()),
                    delivered,
                }
            }
            Command::Find {
                catalog,
                key,
                after,
            } => {
                let p = &self.projectors[self.index_of(catalog)?];
                let head = self.head();
                let wanted = after.unwrap_or(head);
                Outcome::Answered(Answer::Find(FindAnswer {
                    catalog: p.name.clone(),
                    key: key.clone(),
                    cards: p.catalog.find(key),
                    checkpoint: p.checkpoint,
                    head,
                    after: *after,
                    stale: p.checkpoint < wanted,
                }))
            }
            Command::Show { catalog } => {
                let p = &self.projectors[self.index_of(catalog)?];
                Outcome::Answered(Answer::Show(ShowAnswer {
                    catalog: p.name.clone(),
                    field: p.catalog.field(),
                    drawers: p.catalog.drawers(),
                    checkpoint: p.checkpoint,
                    head: self.head(),
                    stale: p.checkpoint < self.head(),
                }))
            }
            Command::Status => Outcome::Answered(Answer::Status(self.status())),
            Command::Damage { catalog } => {
                let i = self.index_of(catalog)?;
                let p = &mut self.projectors[i];
                let had_cards = p.catalog.card_count() > 0;
                let damage = p.catalog.damage();
                let message = if !had_cards {
                    format!("{} has no cards to damage", p.name)
                } else {
                    p.damaged = true;
                    format!(
                        "{} damaged: {} card{} lost, {} misfiled",
                        p.name,
                        damage.lost,
                        plural(damage.lost as u64),
                        damage.misfiled
                    )
                };
                Outcome::Done {
                    message,
                    delivered: vec![],
                }
            }
            Command::Rebuild { catalog } => {
                let mut job = self.start_rebuild(catalog)?;
                job.step(&self.log, u64::MAX);
                let message = format!(
                    "{} rebuilt by replaying {} events, then swapped in",
                    catalog.name, job.target
                );
                let delivered = self.finish_rebuild(job);
                Outcome::Done { message, delivered }
            }
            Command::AddCatalog { name, field } => {
                if self.projector(&name.name).is_some() {
                    return Err(refuse(
                        name.col,
                        format!("a catalog named \"{}\" exists already", name.name),
                    ));
                }
                let mut job = RebuildJob::new(&name.name, *field, self.head());
                job.step(&self.log, u64::MAX);
                let (catalog, checkpoint) = job.into_parts();
                let mut projector = Projector::new(&name.name, *field);
                projector.catalog = catalog;
                projector.checkpoint = checkpoint;
                let cards = projector.catalog.card_count();
                self.projectors.push(projector);
                Outcome::Done {
                    message: format!(
                        "{} built from {} events of history, filed by {}: {cards} card{}",
                        name.name,
                        self.head(),
                        field.word(),
                        plural(cards as u64)
                    ),
                    delivered: vec![],
                }
            }
        };
        Ok(outcome)
    }

    /// The write path: the back office decides, the log records, the back office applies, and
    /// projectors with no lag file the event at once.
    fn write(&mut self, book: &str, intent: Intent<'_>) -> Outcome {
        match self.office.decide_for(book, intent) {
            Err(rejection) => Outcome::Rejected(rejection),
            Ok((id, kind)) => {
                let seq = self.log.append(self.now, id, kind);
                let event = self.log.get(seq).expect("just appended");
                self.office.apply(event);
                let delivered = self.pump();
                Outcome::Accepted {
                    first: seq,
                    last: seq,
                    delivered,
                }
            }
        }
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

    pub fn status(&self) -> Vec<CatalogStatus> {
        let head = self.head();
        self.projectors
            .iter()
            .map(|p| CatalogStatus {
                name: p.name.clone(),
                field: p.catalog.field(),
                checkpoint: p.checkpoint,
                head,
                lag: p.lag,
                behind_events: head - p.checkpoint,
                behind_ticks: p.waiting_ticks(&self.log, self.now),
                health: p.health(head),
                cards: p.catalog.card_count(),
            })
            .collect()
    }

    /// Starts a rebuild of a catalog up to the current log head; the old catalog keeps
    /// answering until `finish_rebuild` swaps the new one in.
    pub fn start_rebuild(&self, catalog: &CatalogRef) -> Result<RebuildJob, ParseError> {
        let p = &self.projectors[self.index_of(catalog)?];
        Ok(RebuildJob::new(&p.name, p.catalog.field(), self.head()))
    }

    /// Swaps a rebuild in, only complete: a job not finished yet replays the rest first, and
    /// one that started before events the old catalog has filed since replays those too, so the
    /// checkpoint never moves back. Lag and pause are kept.
    pub fn finish_rebuild(&mut self, mut job: RebuildJob) -> Vec<Delivery> {
        let Some(i) = self.projectors.iter().position(|p| p.name == job.name) else {
            return vec![];
        };
        job.complete(&self.log, self.projectors[i].checkpoint);
        let (catalog, checkpoint) = job.into_parts();
        let p = &mut self.projectors[i];
        p.catalog = catalog;
        p.checkpoint = checkpoint;
        p.damaged = false;
        self.pump()
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

fn delivery(p: &Projector, before: u64) -> Option<Delivery> {
    (p.checkpoint > before).then(|| Delivery {
        catalog: p.name.clone(),
        from: before + 1,
        to: p.checkpoint,
    })
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
