//! The back office: the write model. It holds the librarians' normalized record of each book,
//! checks every command against the rules, and either decides the event to append or rejects
//! the command naming the rule it broke. Its state changes only by applying its own events.

use std::fmt;
use std::sync::Arc;

use compact_str::CompactString;
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
    /// How many events the book has had: what `expecting` compares with.
    pub version: u64,
    /// Whether it was ever cataloged: a withdrawn book's row keeps it, since a catalog by
    /// status files a card only for a book that was.
    pub cataloged: bool,
}

impl Book {
    /// The events that bring a fresh read model to this record as it stands: what a rebuild
    /// from the tables files, since the tables keep the current state and not how it came.
    pub fn state_events(&self) -> Vec<EventKind> {
        let mut kinds = vec![EventKind::BookAcquired {
            title: self.title.clone(),
            author: self.author.clone(),
            subjects: self.subjects.clone(),
        }];
        if self.cataloged {
            kinds.push(EventKind::BookCataloged {
                title: self.title.clone(),
                author: self.author.clone(),
                subjects: self.subjects.clone(),
            });
        }
        match &self.state {
            BookState::Lent { patron } => kinds.push(EventKind::BookLent {
                patron: patron.clone(),
            }),
            BookState::Withdrawn => kinds.push(EventKind::BookWithdrawn),
            BookState::Acquired | BookState::Available => {}
        }
        kinds
    }
}

/// How the back office keeps its records, and so what the event log is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OfficeMode {
    /// The log is the record; the back office is derived from it (the default).
    #[default]
    EventSourced,
    /// The back office keeps tables (the source of truth) and, after each commit, publishes
    /// the event to the stream the projectors read: two writes, with nothing tying them.
    DualWrite,
    /// The event is written to an outbox table in the same commit as the tables; a relay
    /// publishes it to the stream on the next tick.
    Outbox,
}

impl OfficeMode {
    pub const ALL: [OfficeMode; 3] = [
        OfficeMode::EventSourced,
        OfficeMode::DualWrite,
        OfficeMode::Outbox,
    ];

    /// The mode as the language writes it after `office`.
    pub fn words(self) -> &'static str {
        match self {
            OfficeMode::EventSourced => "event-sourced",
            OfficeMode::DualWrite => "state-stored dual-write",
            OfficeMode::Outbox => "state-stored outbox",
        }
    }

    /// One word for the mode, as JSON, conditions and the simulator's option name it.
    pub fn word(self) -> &'static str {
        match self {
            OfficeMode::EventSourced => "event-sourced",
            OfficeMode::DualWrite => "dual-write",
            OfficeMode::Outbox => "outbox",
        }
    }

    pub fn from_word(word: &str) -> Option<OfficeMode> {
        OfficeMode::ALL.into_iter().find(|m| m.word() == word)
    }

    /// True when the tables, not the log, are the record: the log is then only the stream of
    /// published events.
    pub fn is_state_stored(self) -> bool {
        self != OfficeMode::EventSourced
    }
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
    /// The command was decided on another version of the book than the one it is at now.
    VersionConflict,
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
    /// The version the command expected and the one the book is at.
    Version {
        expected: u64,
        actual: u64,
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
            Command::Expecting { command, .. } => return Intent::of(command),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct BackOffice {
    /// The books in the order they were acquired: a book's place is its accession number.
    books: Vec<Book>,
    /// Each book's place, by id. The id is kept inline in the table (an id up to 24 bytes is
    /// not a pointer), so finding a book compares ids without reading a string elsewhere: in a
    /// large office that read was a cache miss on every command.
    places: FxHashMap<CompactString, u32>,
    /// Every patron who borrowed a book, so that each loan shares one string per patron
    /// instead of allocating a copy per event.
    patrons: FxHashSet<Text>,
}

impl BackOffice {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn book(&self, id: &str) -> Option<&Book> {
        let place = *self.places.get(id)?;
        self.books.get(place as usize)
    }

    /// The book an event is about: found at its accession number when the event carries the
    /// back office's own id, as every event it appends does, else by the id's text.
    fn place_of(&self, id: &BookId) -> Option<usize> {
        match id.number() {
            Some(n) if self.books.get(n as usize).is_some_and(|b| b.id == *id) => Some(n as usize),
            _ => self.places.get(id.as_str()).map(|&p| p as usize),
        }
    }

    /// Books in the order they were acquired.
    pub fn books(&self) -> impl Iterator<Item = &Book> {
        self.books.iter()
    }

    pub fn len(&self) -> usize {
        self.books.len()
    }

    /// A book's version: the number of its events, 0 for a book the office does not have.
    pub fn version(&self, id: &str) -> u64 {
        self.book(id).map_or(0, |b| b.version)
    }

    /// Every change the office has committed: the sum of the books' versions.
    pub fn commits(&self) -> u64 {
        self.books.iter().map(|b| b.version).sum()
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
        self.decide_expecting(book, intent, None)
    }

    /// `decide_for` a command that states the version it was decided on (`expecting`): it is
    /// refused, before any other rule, unless the book is at that version.
    pub fn decide_expecting(
        &self,
        book: &str,
        intent: Intent<'_>,
        expecting: Option<u64>,
    ) -> Result<(BookId, EventKind), Rejection> {
        let existing = self.book(book);
        let actual = existing.map_or(0, |b| b.version);
        if let Some(expected) = expecting.filter(|e| *e != actual) {
            let detail = Detail::Version { expected, actual };
            return Err(Rejection {
                rule: Rule::VersionConflict,
                book: book.to_string(),
                detail,
            });
        }
        let kind = self.decide_event(book, existing, intent)?;
        let id = existing.map_or_else(
            // The next accession number: every acquired book keeps its place in `books`.
            || BookId::numbered(book, self.books.len() as u32),
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
                let book = Book {
                    id: id.clone(),
                    title: title.clone(),
                    author: author.clone(),
                    subjects: subjects.clone(),
                    state: BookState::Acquired,
                    version: 1,
                    cataloged: false,
                };
                // The office never appends a second acquisition of an id; a log written by
                // hand may, and the later record replaces the earlier in its place.
                if let Some(place) = self.place_of(id) {
                    self.books[place] = book;
                    return;
                }
                let place = u32::try_from(self.books.len()).expect("fewer books than u32");
                self.places.insert(CompactString::from(id.as_str()), place);
                self.books.push(book);
            }
            kind => {
                let Some(place) = self.place_of(id) else {
                    return;
                };
                let book = &mut self.books[place];
                book.version += 1;
                match kind {
                    EventKind::BookCataloged { .. } => {
                        book.cataloged = true;
                        book.state = BookState::Available
                    }
                    EventKind::BookReturned { .. } => book.state = BookState::Available,
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
