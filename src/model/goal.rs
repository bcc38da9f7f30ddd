//! Conditions on the model, written in words: what a challenge's `done_when` and a quiz
//! choice's `holds` say. They are parsed once and checked against a `Session`.

use super::back_office::{BookState, Rule};
use super::catalog::Card;
use super::event::EventKind;
use super::language::nearest;
use super::library::{Answer, Outcome};
use super::projector::Health;
use super::session::Session;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    BookIs {
        book: String,
        state: String,
        patron: Option<String>,
    },
    CatalogExists {
        catalog: String,
    },
    CatalogIs {
        catalog: String,
        health: Health,
    },
    CatalogHas {
        catalog: String,
        book: String,
    },
    CatalogShows {
        catalog: String,
        book: String,
        status: String,
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
        outcome: String,
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
        status: String,
    },
    Not(Box<Condition>),
}

const BOOK_STATES: [&str; 5] = ["acquired", "available", "lent", "withdrawn", "unknown"];
const CARD_STATUSES: [&str; 3] = ["available", "lent", "withdrawn"];
const OUTCOMES: [&str; 4] = ["accepted", "rejected", "answered", "done"];

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
            let hint = nearest(&w, options.iter().copied())
                .map(|s| format!(" (did you mean \"{s}\"?)"))
                .unwrap_or_default();
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
            "`book`, `catalog`, `log`, `last`, `answer` or `not`",
            &["book", "catalog", "log", "last", "answer", "not"],
        )?;
        Ok(match first.as_str() {
            "not" => Condition::Not(Box::new(Self::parse_words(w)?)),
            "book" => {
                let book = w.name("a book id")?;
                w.keyword("is")?;
                let state = w.one_of(
                    "acquired, available, lent, withdrawn or unknown",
                    &BOOK_STATES,
                )?;
                let patron = if state == "lent" && w.words.get(w.pos).is_some() {
                    w.keyword("to")?;
                    Some(w.name("a patron")?)
                } else {
                    None
                };
                Condition::BookIs {
                    book,
                    state,
                    patron,
                }
            }
            "catalog" => {
                let catalog = w.name("a catalog name")?;
                match w
                    .one_of(
                        "exists, is, has, lacks, shows or checkpoint",
                        &["exists", "is", "has", "lacks", "shows", "checkpoint"],
                    )?
                    .as_str()
                {
                    "exists" => Condition::CatalogExists { catalog },
                    "is" => {
                        let word =
                            w.one_of("caught-up, behind, paused or damaged", &Health::WORDS)?;
                        let health = [
                            Health::CaughtUp,
                            Health::Behind,
                            Health::Paused,
                            Health::Damaged,
                        ]
                        .into_iter()
                        .find(|h| h.word() == word)
                        .unwrap_or(Health::CaughtUp);
                        Condition::CatalogIs { catalog, health }
                    }
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
                        let status = w.one_of("available, lent or withdrawn", &CARD_STATUSES)?;
                        Condition::CatalogShows {
                            catalog,
                            book,
                            status,
                        }
                    }
                    _ => {
                        w.keyword("is")?;
                        Condition::CatalogCheckpoint {
                            catalog,
                            seq: w.number("a sequence number")?,
                        }
                    }
                }
            }
            "log" => match w.one_of("head or has", &["head", "has"])?.as_str() {
                "head" => {
                    w.keyword("is")?;
                    Condition::LogHead {
                        seq: w.number("a sequence number")?,
                    }
                }
                _ => {
                    let count = w.number("a number of events")?;
                    let kind = w.next("an event kind, like BookLent")?;
                    let Some(kind) = EventKind::NAMES
                        .iter()
                        .position(|n| n.eq_ignore_ascii_case(kind))
                    else {
                        w.pos -= 1;
                        let hint = nearest(kind, EventKind::NAMES)
                            .map(|s| format!(" (did you mean \"{s}\"?)"))
                            .unwrap_or_default();
                        return Err(w.err(format!("unknown event kind `{kind}`{hint}")));
                    };
                    Condition::LogHas { count, kind }
                }
            },
            "last" => match w.one_of("is or rejected", &["is", "rejected"])?.as_str() {
                "is" => Condition::LastIs {
                    outcome: w.one_of("accepted, rejected, answered or done", &OUTCOMES)?,
                },
                _ => {
                    w.keyword("by")?;
                    let slugs: Vec<&str> = Rule::ALL.iter().map(|r| r.slug()).collect();
                    let slug = w.one_of("a rule name, like already-lent", &slugs)?;
                    Condition::LastRejectedBy {
                        rule: Rule::from_slug(&slug).unwrap_or(Rule::UniqueId),
                    }
                }
            },
            _ => match w
                .one_of("is, has, lists or shows", &["is", "has", "lists", "shows"])?
                .as_str()
            {
                "is" => Condition::AnswerStale {
                    stale: w.one_of("stale or fresh", &["stale", "fresh"])? == "stale",
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
                        status: w.one_of("available, lent or withdrawn", &CARD_STATUSES)?,
                    }
                }
            },
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
            } => match library.office().book(book) {
                None => state == "unknown",
                Some(b) => {
                    b.state.word() == state
                        && match (patron, &b.state) {
                            (None, _) => true,
                            (Some(p), BookState::Lent { patron }) => **patron == **p,
                            _ => false,
                        }
                }
            },
            Condition::CatalogExists { catalog } => library.projector(catalog).is_some(),
            Condition::CatalogIs { catalog, health } => library
                .projector(catalog)
                .is_some_and(|p| p.health(library.head()) == *health),
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
                .is_some_and(|card| card.status.word() == status),
            Condition::CatalogCheckpoint { catalog, seq } => library
                .projector(catalog)
                .is_some_and(|p| p.checkpoint == *seq),
            Condition::LogHead { seq } => library.head() == *seq,
            Condition::LogHas { count, kind } => library.log().count_by_kind()[*kind] == *count,
            Condition::LastIs { outcome } => session.last().is_some_and(|o| o.word() == outcome),
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
                        .any(|c| c.book.as_str() == book && c.status.word() == status)
                }),
        }
    }
}

fn answer_stale(answer: &Answer) -> Option<bool> {
    match answer {
        Answer::Find(f) => Some(f.stale),
        Answer::Show(s) => Some(s.stale),
        Answer::Status(_) => None,
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
        Answer::Status(_) => None,
    }
}
