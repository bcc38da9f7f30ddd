//! The parsed form of every command of the language. Names are already folded to lower case;
//! catalog names keep their column so that errors found while executing can point at them.

use std::fmt;

use crate::model::back_office::OfficeMode;
use crate::model::field::{Field, RevisedField};

/// A catalog named in a command, with the column where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogRef {
    pub name: String,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    // Back office: validated by the write model, accepted with events or rejected.
    Acquire {
        book: String,
        title: String,
        author: String,
        subjects: Vec<String>,
    },
    Catalog {
        book: String,
    },
    Lend {
        book: String,
        patron: String,
    },
    Return {
        book: String,
    },
    Withdraw {
        book: String,
    },
    Revise {
        book: String,
        field: RevisedField,
        value: String,
    },
    // Synchronization: the clock and the projectors.
    Tick {
        ticks: u64,
    },
    /// The delivery delay: events reach the catalog `ticks` after they are appended.
    Delay {
        catalog: CatalogRef,
        ticks: u64,
    },
    Pause {
        catalog: CatalogRef,
    },
    Resume {
        catalog: CatalogRef,
    },
    Sync {
        catalog: CatalogRef,
    },
    // Read side: queries that never touch the back office.
    Find {
        catalog: CatalogRef,
        key: String,
        after: Option<u64>,
    },
    Show {
        catalog: CatalogRef,
    },
    Status,
    // Recovery and change of read models.
    Damage {
        catalog: CatalogRef,
    },
    Rebuild {
        catalog: CatalogRef,
    },
    AddCatalog {
        name: CatalogRef,
        field: Field,
    },
    /// A count catalog: a drawer per label counting the events filed under it.
    AddCount {
        name: CatalogRef,
        field: Field,
    },
    // Faults of delivery.
    /// Where the projector saves its checkpoint: with the cards (`apart` false) or apart.
    Checkpoint {
        catalog: CatalogRef,
        apart: bool,
    },
    /// The projector dies after filing its next event, before saving its checkpoint.
    Crash {
        catalog: CatalogRef,
    },
    /// At-least-once delivery: event `seq` reaches the catalog again. `seq_col` is where the
    /// number was written, for an error about it.
    Redeliver {
        catalog: CatalogRef,
        seq: u64,
        seq_col: usize,
    },
    /// Replays the log into a scratch copy and lists what differs; a query, it swaps nothing.
    Verify {
        catalog: CatalogRef,
    },
    /// The next two events due reach the catalog swapped.
    Reorder {
        catalog: CatalogRef,
    },
    /// The projector cannot file event `seq`: it retries with back-off, then parks it.
    Poison {
        catalog: CatalogRef,
        seq: u64,
        seq_col: usize,
    },
    /// The cause of a poison is fixed.
    Heal {
        catalog: CatalogRef,
    },
    /// Files the parked events again, in order.
    Retry {
        catalog: CatalogRef,
    },
    // The write side.
    /// A back-office command decided on the book at `version`: optimistic concurrency.
    Expecting {
        command: Box<Command>,
        version: u64,
    },
    /// The back office's record of one book, with its version: a write-side read.
    ShowBook {
        book: String,
    },
    /// How the back office keeps its records; `col` is where the mode was written.
    Office {
        mode: OfficeMode,
        col: usize,
    },
    /// The back office dies right after its next commit, before publishing.
    CrashOffice,
}

impl Command {
    /// The catalog a command names, if it names one: what a screen brings into view.
    pub fn catalog(&self) -> Option<&str> {
        match self {
            Command::Delay { catalog, .. }
            | Command::Pause { catalog }
            | Command::Resume { catalog }
            | Command::Sync { catalog }
            | Command::Find { catalog, .. }
            | Command::Show { catalog }
            | Command::Damage { catalog }
            | Command::Rebuild { catalog }
            | Command::Redeliver { catalog, .. }
            | Command::Verify { catalog }
            | Command::AddCount { name: catalog, .. }
            | Command::Checkpoint { catalog, .. }
            | Command::Crash { catalog }
            | Command::Reorder { catalog }
            | Command::Poison { catalog, .. }
            | Command::Heal { catalog }
            | Command::Retry { catalog }
            | Command::AddCatalog { name: catalog, .. } => Some(&catalog.name),
            _ => None,
        }
    }

    /// True for the commands that go to the back office (the write side).
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            Command::Acquire { .. }
                | Command::Catalog { .. }
                | Command::Lend { .. }
                | Command::Return { .. }
                | Command::Withdraw { .. }
                | Command::Revise { .. }
                | Command::Expecting { .. }
        )
    }

    /// The version a back-office command states it was decided on, if it states one.
    pub fn expecting(&self) -> Option<u64> {
        match self {
            Command::Expecting { version, .. } => Some(*version),
            _ => None,
        }
    }

    /// True for queries, which read catalogs only.
    pub fn is_query(&self) -> bool {
        matches!(
            self,
            Command::Find { .. } | Command::Show { .. } | Command::Status | Command::Verify { .. }
        )
    }
}

/// Writes a string as the language quotes it.
fn quoted(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    write!(f, "\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The canonical text of a command: parsing it gives the same command back, which is what
/// `save` relies on.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Acquire {
                book,
                title,
                author,
                subjects,
            } => {
                write!(f, "acquire {book} ")?;
                quoted(f, title)?;
                write!(f, " by ")?;
                quoted(f, author)?;
                for (i, s) in subjects.iter().enumerate() {
                    write!(f, "{}", if i == 0 { " about " } else { ", " })?;
                    quoted(f, s)?;
                }
                Ok(())
            }
            Command::Catalog { book } => write!(f, "catalog {book}"),
            Command::Lend { book, patron } => write!(f, "lend {book} to {patron}"),
            Command::Return { book } => write!(f, "return {book}"),
            Command::Withdraw { book } => write!(f, "withdraw {book}"),
            Command::Revise { book, field, value } => {
                write!(f, "revise {book} {} ", field.word())?;
                quoted(f, value)
            }
            Command::Tick { ticks } if *ticks == 1 => write!(f, "tick"),
            Command::Tick { ticks } => write!(f, "tick {ticks}"),
            Command::Delay { catalog, ticks } => write!(f, "delay {} {ticks}", catalog.name),
            Command::Pause { catalog } => write!(f, "pause {}", catalog.name),
            Command::Resume { catalog } => write!(f, "resume {}", catalog.name),
            Command::Sync { catalog } => write!(f, "sync {}", catalog.name),
            Command::Find {
                catalog,
                key,
                after,
            } => {
                write!(f, "find {} ", catalog.name)?;
                quoted(f, key)?;
                match after {
                    Some(seq) => write!(f, " after {seq}"),
                    None => Ok(()),
                }
            }
            Command::Show { catalog } => write!(f, "show {}", catalog.name),
            Command::Status => write!(f, "status"),
            Command::Damage { catalog } => write!(f, "damage {}", catalog.name),
            Command::Rebuild { catalog } => write!(f, "rebuild {}", catalog.name),
            Command::Redeliver { catalog, seq, .. } => {
                write!(f, "redeliver {} {seq}", catalog.name)
            }
            Command::Verify { catalog } => write!(f, "verify {}", catalog.name),
            Command::AddCount { name, field } => {
                write!(f, "add-catalog {} count {}", name.name, field.word())
            }
            Command::Checkpoint { catalog, apart } => {
                let mode = if *apart { "apart" } else { "with-view" };
                write!(f, "checkpoint {} {mode}", catalog.name)
            }
            Command::Crash { catalog } => write!(f, "crash {}", catalog.name),
            Command::Reorder { catalog } => write!(f, "reorder {}", catalog.name),
            Command::Poison { catalog, seq, .. } => write!(f, "poison {} {seq}", catalog.name),
            Command::Heal { catalog } => write!(f, "heal {}", catalog.name),
            Command::Retry { catalog } => write!(f, "retry {}", catalog.name),
            Command::AddCatalog { name, field } => {
                write!(f, "add-catalog {} by {}", name.name, field.word())
            }
            Command::Expecting { command, version } => write!(f, "{command} expecting {version}"),
            Command::ShowBook { book } => write!(f, "show-book {book}"),
            Command::Office { mode, .. } => write!(f, "office {}", mode.words()),
            Command::CrashOffice => write!(f, "crash office"),
        }
    }
}
