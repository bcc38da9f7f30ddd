//! Where a catalog keeps its cards: each in two parts, by the book's accession number. Three
//! in four events are loans and returns, and each changes only a status: kept in an array of
//! their own (24 bytes a book, not a card's 96), the statuses of a large catalog stay in cache
//! where its cards do not, and a loan touches no title, author or subject.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::super::event::{BookId, Text};
use super::{Card, Status};

/// A card less its status: written when the book is cataloged, read again only when the card
/// is listed, refiled or revised.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    book: BookId,
    title: Text,
    author: Text,
    subjects: Arc<[Text]>,
}

/// A card as a catalog keeps it, borrowed: its record and its status, put together into a
/// `Card` only for a reader who keeps one (`to_card`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardRef<'a> {
    record: &'a Record,
    status: &'a Status,
}

impl<'a> CardRef<'a> {
    pub fn book(self) -> &'a BookId {
        &self.record.book
    }

    pub fn status(self) -> &'a Status {
        self.status
    }

    pub fn to_card(self) -> Card {
        join(self.record.clone(), self.status.clone())
    }
}

/// Splits a card into what is kept apart.
fn split(card: Card) -> (Record, Status) {
    let Card {
        book,
        title,
        author,
        subjects,
        status,
    } = card;
    let record = Record {
        book,
        title,
        author,
        subjects,
    };
    (record, status)
}

/// Puts a card back together.
fn join(record: Record, status: Status) -> Card {
    let Record {
        book,
        title,
        author,
        subjects,
    } = record;
    Card {
        book,
        title,
        author,
        subjects,
        status,
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Cards {
    /// The record of each book at its accession number; `None`: no card.
    records: Vec<Option<Record>>,
    /// The status of each book at its accession number; `None` exactly where `records` has
    /// none, so that a loan learns whether there is a card without reading the record.
    statuses: Vec<Option<Status>>,
    /// The cards of books with no accession number (events written by hand, as tests and the
    /// simulator's fan-out do), by id.
    unnumbered: FxHashMap<BookId, (Record, Status)>,
}

/// Two stores are equal when they hold the same cards: how far the arrays reach does not count.
impl PartialEq for Cards {
    fn eq(&self, other: &Self) -> bool {
        self.unnumbered == other.unnumbered && self.numbered().eq(other.numbered())
    }
}

impl Eq for Cards {}

impl Cards {
    /// Makes room for `cards` more cards by number.
    pub(super) fn reserve(&mut self, cards: usize) {
        self.records.reserve(cards);
        self.statuses.reserve(cards);
    }

    /// How many books this store keeps a place for: up to the highest accession number it
    /// held, and those with none.
    pub(super) fn known(&self) -> usize {
        self.records.len() + self.unnumbered.len()
    }

    /// The card at accession number `n`.
    pub(super) fn at(&self, n: u32) -> Option<CardRef<'_>> {
        let n = n as usize;
        let record = self.records.get(n)?.as_ref()?;
        let status = self.statuses[n].as_ref()?;
        Some(CardRef { record, status })
    }

    /// The card of a book, found by its accession number or, lacking one, by its id.
    pub(super) fn get(&self, book: &BookId) -> Option<CardRef<'_>> {
        match book.number() {
            Some(n) => self.at(n),
            None => {
                let (record, status) = self.unnumbered.get(book)?;
                Some(CardRef { record, status })
            }
        }
    }

    /// The status of a book that has a card: all a loan or a return changes.
    pub(super) fn status_mut(&mut self, book: &BookId) -> Option<&mut Status> {
        match book.number() {
            Some(n) => self.statuses.get_mut(n as usize)?.as_mut(),
            None => self.unnumbered.get_mut(book).map(|(_, status)| status),
        }
    }

    pub(super) fn take(&mut self, book: &BookId) -> Option<Card> {
        let (record, status) = match book.number() {
            Some(n) => {
                let n = n as usize;
                let record = self.records.get_mut(n)?.take()?;
                (record, self.statuses[n].take()?)
            }
            None => self.unnumbered.remove(book)?,
        };
        Some(join(record, status))
    }

    pub(super) fn put(&mut self, card: Card) {
        let (record, status) = split(card);
        match record.book.number() {
            Some(n) => {
                let n = n as usize;
                if n >= self.records.len() {
                    self.records.resize_with(n + 1, || None);
                    self.statuses.resize_with(n + 1, || None);
                }
                self.records[n] = Some(record);
                self.statuses[n] = Some(status);
            }
            None => {
                self.unnumbered
                    .insert(record.book.clone(), (record, status));
            }
        }
    }

    /// The cards kept by number, in number order.
    fn numbered(&self) -> impl Iterator<Item = CardRef<'_>> {
        let pairs = self.records.iter().zip(&self.statuses);
        pairs.filter_map(|(record, status)| {
            let (record, status) = (record.as_ref()?, status.as_ref()?);
            Some(CardRef { record, status })
        })
    }

    /// The card whose id reads `id`: every card is looked at, as a reader with only the text
    /// of an id (a condition, a test) asks seldom. An id made here compares its leading bytes
    /// before its text.
    pub(super) fn with_id(&self, id: &str) -> Option<CardRef<'_>> {
        if let Some((record, status)) = self.unnumbered.get(id) {
            return Some(CardRef { record, status });
        }
        let id = BookId::new(id);
        self.numbered().find(|c| c.record.book == id)
    }
}
