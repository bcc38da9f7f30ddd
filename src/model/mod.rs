//! The CQRS model of a library, with no UI code: the back office (write model), the event log
//! (source of truth), the catalogs and their projectors (read models), and the command language.

mod back_office;
mod capacity;
mod catalog;
mod event;
mod event_log;
pub mod goal;
pub mod language;
mod library;
mod projector;
mod session;

pub use back_office::{BackOffice, Book, BookState, Rejection, Rule};
pub use capacity::Capacity;
pub(crate) use capacity::Pace;
pub use catalog::{Card, Catalog, Damage, Status};
pub use event::{BookId, Event, EventKind, Text};
pub use event_log::EventLog;
pub use goal::{Condition, ConditionError};
pub use library::{
    Answer, BUILT_IN_CATALOGS, CatalogStatus, Delivery, FindAnswer, Library, Outcome, ShowAnswer,
};
pub use projector::{DEFAULT_LAG, Health, Projector, RebuildJob};
pub use session::Session;

#[cfg(test)]
mod tests;
