//! Conditions on the model, written in words: what a challenge's `done_when` and a quiz
//! choice's `holds` say. They are parsed once and checked against a `Session`.

use super::back_office::{BookState, OfficeMode, Rule};
use super::catalog::{Card, Status};
use super::event::EventKind;
use super::outcome::{Answer, Outcome, OutcomeKind};
use super::projector::Health;
use super::session::Session;
use crate::words::did_you_mean;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    BookIs {
        book: String,
        state: BookIs,
        patron: Option<String>,
    },
    CatalogExists {
        catalog: String,
    },
    CatalogIs {
        catalog: String,
        health: HealthIs,
    },
    CatalogHas {
        catalog: String,
        book: String,
    },
    CatalogShows {
        catalog: String,
        book: String,
        status: StatusIs,
    },
    CatalogCheckpoint {
        catalog: String,
        seq: u64,
    },
    LogHead {
        seq: u64,
    },
    LogHas {
        count: u64,
        kind: usize,
    },
    LastIs {
        outcome: OutcomeKind,
    },
    LastRejectedBy {
        rule: Rule,
    },
    AnswerStale {
        stale: bool,
    },
    AnswerCards {
        count: usize,
    },
    AnswerLists {
        book: String,
    },
    AnswerShows {
        book: String,
        status: StatusIs,
    },
    /// The back office's version of a book (0: no such book).
    BookVersion {
        book: String,
        version: u64,
    },
    /// The catalog holds the cards a rebuild from the back office's tables would (a count
    /// catalog never does: the tables cannot say what was counted).
    CatalogMatchesTables {
        catalog: String,
    },
    OfficeIs {
        mode: OfficeMode,
    },
    /// Events committed and never published.
    OfficeLost {
        count: u64,
    },
    /// Events waiting in the outbox.
    OutboxHas {
        count: u64,
    },
    Not(Box<Condition>),
}

/// Where a condition expects a book to stand in the back office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookIs {
    Acquired,
    Available,
    Lent,
    Withdrawn,
    /// The back office has no such book.
    Unknown,
}

const BOOK_STATES: [(&str, BookIs); 5] = [
    ("acquired", BookIs::Acquired),
    ("available", BookIs::Available),
    ("lent", BookIs::Lent),
    ("withdrawn", BookIs::Withdrawn),
    ("unknown", BookIs::Unknown),
];

/// What a condition expects a card to say of its book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusIs {
    Available,
    Lent,
    Withdrawn,
}

const CARD_STATUSES: [(&str, StatusIs); 3] = [
    ("available", StatusIs::Available),
    ("lent", StatusIs::Lent),
    ("withdrawn", StatusIs::Withdrawn),
];

impl StatusIs {
    fn matches(self, status: &Status) -> bool {
        matches!(
            (self, status),
            (StatusIs::Available, Status::Available)
                | (StatusIs::Lent, Status::Lent { .. })
                | (StatusIs::Withdrawn, Status::Withdrawn)
        )
    }
}

/// The health a condition expects of a catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HealthIs {
    CaughtUp,
    Behind,
    Paused,
    Damaged,
    Retrying,
    Parked,
}

const HEALTHS: [(&str, HealthIs); 6] = [
    ("caught-up", HealthIs::CaughtUp),
    ("behind", HealthIs::Behind),
    ("paused", HealthIs::Paused),
    ("damaged", HealthIs::Damaged),
    ("retrying", HealthIs::Retrying),
    ("parked", HealthIs::Parked),
];

impl HealthIs {
    fn matches(self, health: Health) -> bool {
        matches!(
            (self, health),
            (HealthIs::CaughtUp, Health::CaughtUp)
                | (HealthIs::Behind, Health::Behind)
                | (HealthIs::Paused, Health::Paused)
                | (HealthIs::Damaged, Health::Damaged)
                | (HealthIs::Retrying, Health::Retrying { .. })
                | (HealthIs::Parked, Health::Parked { .. })
        )
    }
}

/// The words of `(word, value)` pairs, for messages and suggestions.
/// The word a value goes by in the condition language: the inverse of parsing it.
fn word_of<T: PartialEq>(pairs: &[(&'static str, T)], value: &T) -> &'static str {
    pairs
        .iter()
        .find(|(_, v)| v == value)
        .map_or("?", |(w, _)| *w)
}

impl BookIs {
    pub fn word(self) -> &'static str {
        word_of(&BOOK_STATES, &self)
    }
}

impl StatusIs {
    pub fn word(self) -> &'static str {
        word_of(&CARD_STATUSES, &self)
    }
}

impl HealthIs {
    pub fn word(self) -> &'static str {
        word_of(&HEALTHS, &self)
    }
}

fn words<T>(pairs: &[(&'static str, T)]) -> Vec<&'static str> {
    pairs.iter().map(|(w, _)| *w).collect()
}

/// A condition that does not parse: the message, and the word (from 1) where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError {
    pub word: usize,
    pub message: String,
}

struct Words<'a> {
    words: Vec<&'a str>,
    pos: usize,
}

impl<'a> Words<'a> {
    fn err(&self, message: String) -> ConditionError {
        ConditionError {
            word: self.pos.min(self.words.len().saturating_sub(1)) + 1,
            message,
        }
    }

    fn next(&mut self, expected: &str) -> Result<&'a str, ConditionError> {
        match self.words.get(self.pos) {
            Some(w) => {
                self.pos += 1;
                Ok(w)
            }
            None => Err(self.err(format!("expected {expected} at the end"))),
        }
    }

    fn keyword(&mut self, keyword: &str) -> Result<(), ConditionError> {
        let w = self.next(&format!("`{keyword}`"))?;
        if w.eq_ignore_ascii_case(keyword) {
            Ok(())
        } else {
            self.pos -= 1;
            Err(self.err(format!("expected `{keyword}`, found `{w}`")))
        }
    }

    fn one_of(&mut self, expected: &str, options: &[&str]) -> Result<String, ConditionError> {
        let w = self.next(expected)?.to_lowercase();
        if options.contains(&w.as_str()) {
            Ok(w)
        } else {
            self.pos -= 1;
            let hint = did_you_mean(&w, options.iter().copied());
            Err(self.err(format!("expected {expected}, found `{w}`{hint}")))
        }
    }

    fn name(&mut self, expected: &str) -> Result<String, ConditionError> {
        Ok(self.next(expected)?.to_lowercase())
    }

    fn number(&mut self, expected: &str) -> Result<u64, ConditionError> {
        let w = self.next(expected)?;
        w.parse().map_err(|_| {
            self.pos -= 1;
            self.err(format!("expected {expected}, found `{w}`"))
        })
    }

    fn end(&self) -> Result<(), ConditionError> {
        match self.words.get(self.pos) {
            None => Ok(()),
            Some(w) => Err(self.err(format!("unexpected `{w}` after the end of the condition"))),
        }
    }
}

impl<'a> Words<'a> {
    /// `tables` or `the tables`.
    fn tables(&mut self) -> Result<(), ConditionError> {
        if self
            .words
            .get(self.pos)
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
        {
            self.pos += 1;
        }
        self.keyword("tables")
    }

    /// One of the pairs' words, whatever its case: its value.
    fn choose<T: Copy>(
        &mut self,
        expected: &str,
        pairs: &[(&'static str, T)],
    ) -> Result<T, ConditionError> {
        let word = self.one_of(expected, &words(pairs))?;
        Ok(pairs
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, v)| *v)
            .expect("one_of returns one of the words"))
    }
}

impl Condition {
    pub fn parse(text: &str) -> Result<Condition, ConditionError> {
        let mut w = Words {
            words: text.split_whitespace().collect(),
            pos: 0,
        };
        let condition = Self::parse_words(&mut w)?;
        w.end()?;
        Ok(condition)
    }

    fn parse_words(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        let first = w.one_of(
            "`book`, `catalog`, `log`, `last`, `answer`, `office`, `outbox` or `not`",
            &[
                "book", "catalog", "log", "last", "answer", "office", "outbox", "not",
            ],
        )?;
        match first.as_str() {
            "not" => Ok(Condition::Not(Box::new(Self::parse_words(w)?))),
            "office" => Self::parse_office(w),
            "outbox" => Self::parse_outbox(w),
            "book" => Self::parse_book(w),
            "catalog" => Self::parse_catalog(w),
            "log" => Self::parse_log(w),
            "last" => Self::parse_last(w),
            _ => Self::parse_answer(w),
        }
    }

    /// `office is <mode> | office lost <n>`
    fn parse_office(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        if w.one_of("is or lost", &["is", "lost"])? == "lost" {
            return Ok(Condition::OfficeLost {
                count: w.number("a number of events")?,
            });
        }
        let modes = OfficeMode::ALL.map(|m| (m.word(), m));
        Ok(Condition::OfficeIs {
            mode: w.choose("event-sourced, dual-write or outbox", &modes)?,
        })
    }

    /// `outbox is empty | outbox has <n> | outbox holds <n>`
    fn parse_outbox(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        if w.one_of("is, has or holds", &["is", "has", "holds"])? == "is" {
            w.keyword("empty")?;
            return Ok(Condition::OutboxHas { count: 0 });
        }
        Ok(Condition::OutboxHas {
            count: w.number("a number of events")?,
        })
    }

    /// `book <id> is <state> [to <patron>] | book <id> version is <n>`
    fn parse_book(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        let book = w.name("a book id")?;
        let version = w
            .words
            .get(w.pos)
            .is_some_and(|v| v.eq_ignore_ascii_case("version"));
        if version {
            w.pos += 1;
            w.keyword("is")?;
            let version = w.number("a version")?;
            return Ok(Condition::BookVersion { book, version });
        }
        w.keyword("is")?;
        let state = w.choose(
            "acquired, available, lent, withdrawn or unknown",
            &BOOK_STATES,
        )?;
        let patron = if state == BookIs::Lent && w.words.get(w.pos).is_some() {
            w.keyword("to")?;
            Some(w.name("a patron")?)
        } else {
            None
        };
        Ok(Condition::BookIs {
            book,
            state,
            patron,
        })
    }

    /// `catalog <name> exists | is <health> | has <id> | lacks <id> | shows <id> as <status>
    /// | checkpoint is <seq>`
    fn parse_catalog(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        let catalog = w.name("a catalog name")?;
        let verb = w.one_of(
            "exists, is, has, lacks, shows, checkpoint, matches or differs",
            &[
                "exists",
                "is",
                "has",
                "lacks",
                "shows",
                "checkpoint",
                "matches",
                "differs",
            ],
        )?;
        Ok(match verb.as_str() {
            "exists" => Condition::CatalogExists { catalog },
            "matches" => {
                w.tables()?;
                Condition::CatalogMatchesTables { catalog }
            }
            "differs" => {
                w.keyword("from")?;
                w.tables()?;
                Condition::Not(Box::new(Condition::CatalogMatchesTables { catalog }))
            }
            "is" => Condition::CatalogIs {
                catalog,
                health: w.choose(
                    "caught-up, behind, paused, damaged, retrying or parked",
                    &HEALTHS,
                )?,
            },
            "has" => Condition::CatalogHas {
                catalog,
                book: w.name("a book id")?,
            },
            "lacks" => Condition::Not(Box::new(Condition::CatalogHas {
                catalog,
                book: w.name("a book id")?,
            })),
            "shows" => {
                let book = w.name("a book id")?;
                w.keyword("as")?;
                Condition::CatalogShows {
                    catalog,
                    book,
                    status: w.choose("available, lent or withdrawn", &CARD_STATUSES)?,
                }
            }
            _ => {
                w.keyword("is")?;
                Condition::CatalogCheckpoint {
                    catalog,
                    seq: w.number("a sequence number")?,
                }
            }
        })
    }

    /// `log head is <seq> | log has <count> <EventKind>`
    fn parse_log(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        if w.one_of("head or has", &["head", "has"])? == "head" {
            w.keyword("is")?;
            return Ok(Condition::LogHead {
                seq: w.number("a sequence number")?,
            });
        }
        let count = w.number("a number of events")?;
        let kind = w.next("an event kind, like BookLent")?;
        let Some(kind) = EventKind::NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(kind))
        else {
            w.pos -= 1;
            let hint = did_you_mean(kind, EventKind::NAMES.iter().copied());
            return Err(w.err(format!("unknown event kind `{kind}`{hint}")));
        };
        Ok(Condition::LogHas { count, kind })
    }

    /// `last is <outcome> | last rejected by <rule>`
    fn parse_last(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        if w.one_of("is or rejected", &["is", "rejected"])? == "is" {
            let outcomes = OutcomeKind::ALL.map(|k| (k.word(), k));
            return Ok(Condition::LastIs {
                outcome: w.choose("accepted, rejected, answered or done", &outcomes)?,
            });
        }
        w.keyword("by")?;
        let rules: Vec<_> = Rule::ALL.iter().map(|&r| (r.slug(), r)).collect();
        Ok(Condition::LastRejectedBy {
            rule: w.choose("a rule name, like already-lent", &rules)?,
        })
    }

    /// `answer is stale|fresh | has <n> cards | lists <id> | shows <id> as <status>`
    fn parse_answer(w: &mut Words<'_>) -> Result<Condition, ConditionError> {
        let verb = w.one_of("is, has, lists or shows", &["is", "has", "lists", "shows"])?;
        Ok(match verb.as_str() {
            "is" => Condition::AnswerStale {
                stale: w.choose("stale or fresh", &[("stale", true), ("fresh", false)])?,
            },
            "has" => {
                let count = w.number("a number of cards")? as usize;
                w.one_of("`cards`", &["cards", "card"])?;
                Condition::AnswerCards { count }
            }
            "lists" => Condition::AnswerLists {
                book: w.name("a book id")?,
            },
            _ => {
                let book = w.name("a book id")?;
                w.keyword("as")?;
                Condition::AnswerShows {
                    book,
                    status: w.choose("available, lent or withdrawn", &CARD_STATUSES)?,
                }
            }
        })
    }

    /// Whether the condition holds in the session now.
    pub fn holds(&self, session: &Session) -> bool {
        let library = session.library();
        match self {
            Condition::Not(inner) => !inner.holds(session),
            Condition::BookIs {
                book,
                state,
                patron,
            } => book_is(
                library.office().book(book).map(|b| &b.state),
                *state,
                patron,
            ),
            Condition::CatalogExists { catalog } => library.projector(catalog).is_some(),
            Condition::CatalogIs { catalog, health } => library
                .projector(catalog)
                .is_some_and(|p| health.matches(p.health(library.head()))),
            Condition::CatalogHas { catalog, book } => {
                library.catalog(catalog).is_some_and(|c| c.has(book))
            }
            Condition::CatalogShows {
                catalog,
                book,
                status,
            } => library
                .catalog(catalog)
                .and_then(|c| c.card(book))
                .is_some_and(|card| status.matches(&card.status)),
            Condition::CatalogCheckpoint { catalog, seq } => library
                .projector(catalog)
                .is_some_and(|p| p.checkpoint == *seq),
            Condition::LogHead { seq } => library.head() == *seq,
            Condition::BookVersion { book, version } => library.office().version(book) == *version,
            Condition::CatalogMatchesTables { catalog } => {
                library.projector(catalog).is_some_and(|p| {
                    !p.catalog.is_count() && library.catalog_from_tables(&p.catalog) == p.catalog
                })
            }
            Condition::OfficeIs { mode } => library.office_mode() == *mode,
            Condition::OfficeLost { count } => library.lost_events() == *count,
            Condition::OutboxHas { count } => library.outbox_len() as u64 == *count,
            Condition::LogHas { count, kind } => library.log().count_by_kind()[*kind] == *count,
            Condition::LastIs { outcome } => session.last().is_some_and(|o| o.kind() == *outcome),
            Condition::LastRejectedBy { rule } => {
                matches!(session.last(), Some(Outcome::Rejected(r)) if r.rule == *rule)
            }
            Condition::AnswerStale { stale } => session
                .last_answer()
                .is_some_and(|a| answer_stale(a) == Some(*stale)),
            Condition::AnswerCards { count } => session
                .last_answer()
                .is_some_and(|a| answer_cards(a).is_some_and(|c| c.len() == *count)),
            Condition::AnswerLists { book } => session
                .last_answer()
                .and_then(answer_cards)
                .is_some_and(|cards| cards.iter().any(|c| c.book.as_str() == book)),
            Condition::AnswerShows { book, status } => session
                .last_answer()
                .and_then(answer_cards)
                .is_some_and(|cards| {
                    cards
                        .iter()
                        .any(|c| c.book.as_str() == book && status.matches(&c.status))
                }),
        }
    }
}

/// Whether a book standing at `state` (`None`: no such book) is as a condition expects.
fn book_is(state: Option<&BookState>, expected: BookIs, patron: &Option<String>) -> bool {
    match (state, expected) {
        (None, BookIs::Unknown) => true,
        (Some(BookState::Acquired), BookIs::Acquired)
        | (Some(BookState::Available), BookIs::Available)
        | (Some(BookState::Withdrawn), BookIs::Withdrawn) => true,
        (Some(BookState::Lent { patron: has }), BookIs::Lent) => {
            patron.as_ref().is_none_or(|p| **has == **p)
        }
        _ => false,
    }
}

fn answer_stale(answer: &Answer) -> Option<bool> {
    match answer {
        Answer::Find(f) => Some(f.stale),
        Answer::Show(s) => Some(s.stale),
        Answer::Status(_) | Answer::Verify(_) | Answer::Book(_) => None,
    }
}

fn answer_cards(answer: &Answer) -> Option<Vec<&Card>> {
    match answer {
        Answer::Find(f) => Some(f.cards.iter().collect()),
        Answer::Show(s) => Some(
            s.drawers
                .iter()
                .flat_map(|(_, cards)| cards.iter())
                .collect(),
        ),
        Answer::Status(_) | Answer::Verify(_) | Answer::Book(_) => None,
    }
}
