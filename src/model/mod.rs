//! The CQRS model of a library, with no UI code: the back office (write model), the event log
//! (source of truth), the catalogs and their projectors (read models), and the command language.

mod back_office;
mod capacity;
mod catalog;
mod event;
mod event_log;
mod exec_error;
mod field;
pub mod goal;
pub mod language;
mod library;
mod outcome;
mod projector;
mod session;

pub use back_office::{BackOffice, Book, BookState, Detail, OfficeMode, Rejection, Rule};
pub use capacity::Capacity;
pub(crate) use capacity::Pace;
pub use catalog::{Card, Catalog, Damage, Drift, Status};
pub use event::{BookId, Event, EventKind, Text};
pub use event_log::EventLog;
pub use exec_error::{ExecError, MAX_CATALOGS};
pub use field::{Field, RevisedField};
pub use goal::{Condition, ConditionError};
pub use library::{BUILT_IN_CATALOGS, Library};
pub use outcome::{
    Against, Answer, BookAnswer, CatalogStatus, Commit, Delivery, Done, FindAnswer, Outcome,
    OutcomeKind, Published, Redelivery, ShowAnswer, VerifyAnswer,
};
pub use projector::{BACKOFF, DEFAULT_DELAY, Health, Projector, RebuildJob};
pub use session::Session;

#[cfg(test)]
mod tests;
