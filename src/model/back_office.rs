//! The back office: the write model. It holds the librarians' normalized record of each book,
//! checks every command against the rules, and either decides the event to append or rejects
//! the command naming the rule it broke. Its state changes only by applying its own events.

use std::fmt;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::event::{BookId, Event, EventKind, Text};
use super::field::RevisedField;
use super::language::Command;

/// Where a book stands in the back office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookState {
    /// Received and recorded, not yet processed for the public catalogs.
    Acquired,
    Available,
    Lent {
        patron: Text,
    },
    Withdrawn,
}

impl BookState {
    pub fn word(&self) -> &'static str {
        match self {
            BookState::Acquired => "acquired",
            BookState::Available => "available",
            BookState::Lent { .. } => "lent",
            BookState::Withdrawn => "withdrawn",
        }
    }
}

/// The back office's record of one book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub id: BookId,
    pub title: Text,
    pub author: Text,
    pub subjects: Arc<[Text]>,
    pub state: BookState,
}

/// A rule of the back office. Each rejection names one, by the kebab-case name content and
/// transcripts write (`already-lent`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Rule {
    UniqueId,
    MustBeAcquired,
    MustBeCataloged,
    AlreadyCataloged,
    AlreadyLent,
    NotLent,
    LentCannotBeWithdrawn,
    WithdrawnIsFinal,
    NameRequired,
    NothingToChange,
}

impl Rule {
    pub const ALL: &'static [Rule] = <Rule as strum::VariantArray>::VARIANTS;

    /// The rule's name as content and transcripts write it.
    pub fn slug(self) -> &'static str {
        self.into()
    }

    pub fn from_slug(slug: &str) -> Option<Rule> {
        slug.parse().ok()
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A refused command: the rule it broke, the book, and what the reason names (who has the
/// book, where it stands, which field). `transcript::reason` words it for the librarian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub rule: Rule,
    pub book: String,
    pub detail: Detail,
}

/// What a rejection's reason names beside the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    None,
    /// The patron who has the book.
    Patron(Text),
    /// Where the book stands.
    State(BookState),
    /// The field a revision would leave blank.
    Field(RevisedField),
    /// The field already holds the value.
    Unchanged {
        field: RevisedField,
        value: String,
    },
}

fn reject(rule: Rule, book: &str, detail: Detail) -> Result<EventKind, Rejection> {
    Err(Rejection {
        rule,
        book: book.to_string(),
        detail,
    })
}

/// A back-office command, with names already validated as words by the parser.
#[derive(Debug, Clone, Copy)]
pub enum Intent<'a> {
    Acquire {
        title: &'a str,
        author: &'a str,
        subjects: &'a [String],
    },
    Catalog,
    Lend {
        patron: &'a str,
    },
    Return,
    Withdraw,
    Revise {
        field: RevisedField,
        value: &'a str,
    },
}

impl<'a> Intent<'a> {
    /// The book and intent of a back-office command; `None` for every other command.
    pub fn of(command: &'a Command) -> Option<(&'a str, Intent<'a>)> {
        Some(match command {
            Command::Acquire {
                book,
                title,
                author,
                subjects,
            } => (
                book,
                Intent::Acquire {
                    title,
                    author,
                    subjects,
                },
            ),
            Command::Catalog { book } => (book, Intent::Catalog),
            Command::Lend { book, patron } => (book, Intent::Lend { patron }),
            Command::Return { book } => (book, Intent::Return),
            Command::Withdraw { book } => (book, Intent::Withdraw),
            Command::Revise { book, field, value } => (
                book,
                Intent::Revise {
                    field: *field,
                    value,
                },
            ),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct BackOffice {
    books: FxHashMap<BookId, Book>,
    /// Ids in the order they were acquired, for stable listings.
    order: Vec<BookId>,
    /// Every patron who borrowed a book, so that each loan shares one string per patron
    /// instead of allocating a copy per event.
    patrons: FxHashSet<Text>,
}

impl BackOffice {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn book(&self, id: &str) -> Option<&Book> {
        self.books.get(id)
    }

    /// Books in the order they were acquired.
    pub fn books(&self) -> impl Iterator<Item = &Book> {
        self.order.iter().filter_map(|id| self.books.get(id))
    }

    pub fn len(&self) -> usize {
        self.books.len()
    }

    pub fn is_empty(&self) -> bool {
        self.books.is_empty()
    }

    /// Checks a command against the rules and decides the event it would append, with the id
    /// the event should carry: the back office's own for a book it knows, so that a book's
    /// events and cards share one string. Nothing changes here: the caller appends the event
    /// and then applies it.
    pub fn decide_for(
        &self,
        book: &str,
        intent: Intent<'_>,
    ) -> Result<(BookId, EventKind), Rejection> {
        let existing = self.books.get(book);
        let kind = self.decide_event(book, existing, intent)?;
        let id = existing.map_or_else(
            // The next accession number: every acquired book keeps its place in `order`.
            || BookId::numbered(book, self.order.len() as u32),
            |b| b.id.clone(),
        );
        Ok((id, kind))
    }

    fn decide_event(
        &self,
        book: &str,
        existing: Option<&Book>,
        intent: Intent<'_>,
    ) -> Result<EventKind, Rejection> {
        if let Intent::Acquire {
            title,
            author,
            subjects,
        } = intent
        {
            if existing.is_some() {
                return reject(Rule::UniqueId, book, Detail::None);
            }
            if title.trim().is_empty()
                || author.trim().is_empty()
                || subjects.iter().any(|s| s.trim().is_empty())
            {
                return reject(Rule::NameRequired, book, Detail::None);
            }
            return Ok(EventKind::BookAcquired {
                title: title.into(),
                author: author.into(),
                subjects: subjects.iter().map(|s| Text::from(s.as_str())).collect(),
            });
        }
        let Some(record) = existing else {
            return reject(Rule::MustBeAcquired, book, Detail::None);
        };
        if record.state == BookState::Withdrawn {
            return reject(Rule::WithdrawnIsFinal, book, Detail::None);
        }
        match (intent, &record.state) {
            (Intent::Acquire { .. }, _) => unreachable!("handled above"),
            (Intent::Catalog, BookState::Acquired) => Ok(EventKind::BookCataloged {
                title: record.title.clone(),
                author: record.author.clone(),
                subjects: record.subjects.clone(),
            }),
            (Intent::Catalog, _) => reject(Rule::AlreadyCataloged, book, Detail::None),
            (Intent::Lend { .. }, BookState::Acquired) => {
                reject(Rule::MustBeCataloged, book, Detail::None)
            }
            (Intent::Lend { .. }, BookState::Lent { patron }) => {
                reject(Rule::AlreadyLent, book, Detail::Patron(patron.clone()))
            }
            (Intent::Lend { patron }, _) => Ok(EventKind::BookLent {
                patron: self
                    .patrons
                    .get(patron)
                    .cloned()
                    .unwrap_or_else(|| patron.into()),
            }),
            (Intent::Return, BookState::Lent { patron }) => Ok(EventKind::BookReturned {
                patron: patron.clone(),
            }),
            (Intent::Return, state) => reject(Rule::NotLent, book, Detail::State(state.clone())),
            (Intent::Withdraw, BookState::Lent { patron }) => reject(
                Rule::LentCannotBeWithdrawn,
                book,
                Detail::Patron(patron.clone()),
            ),
            (Intent::Withdraw, _) => Ok(EventKind::BookWithdrawn),
            (Intent::Revise { field, value }, _) => {
                let current = match field {
                    RevisedField::Title => &record.title,
                    RevisedField::Author => &record.author,
                };
                if value.trim().is_empty() {
                    reject(Rule::NameRequired, book, Detail::Field(field))
                } else if &**current == value {
                    let value = value.to_string();
                    reject(
                        Rule::NothingToChange,
                        book,
                        Detail::Unchanged { field, value },
                    )
                } else {
                    Ok(EventKind::BookRevised {
                        field,
                        value: value.into(),
                    })
                }
            }
        }
    }

    /// Applies an event the back office decided. The write model is itself rebuilt this way
    /// when the tour steps back.
    pub fn apply(&mut self, event: &Event) {
        let id = &event.book;
        match &event.kind {
            EventKind::BookAcquired {
                title,
                author,
                subjects,
            } => {
                self.order.push(id.clone());
                self.books.insert(
                    id.clone(),
                    Book {
                        id: id.clone(),
                        title: title.clone(),
                        author: author.clone(),
                        subjects: subjects.clone(),
                        state: BookState::Acquired,
                    },
                );
            }
            kind => {
                let Some(book) = self.books.get_mut(id) else {
                    return;
                };
                match kind {
                    EventKind::BookCataloged { .. } | EventKind::BookReturned { .. } => {
                        book.state = BookState::Available
                    }
                    EventKind::BookLent { patron } => {
                        self.patrons.insert(patron.clone());
                        book.state = BookState::Lent {
                            patron: patron.clone(),
                        }
                    }
                    EventKind::BookWithdrawn => book.state = BookState::Withdrawn,
                    EventKind::BookRevised {
                        field: RevisedField::Title,
                        value,
                    } => book.title = value.clone(),
                    EventKind::BookRevised {
                        field: RevisedField::Author,
                        value,
                    } => book.author = value.clone(),
                    EventKind::BookAcquired { .. } => {}
                }
            }
        }
    }
}
