//! Domain events: the facts the back office records, in the past tense. They are the only thing
//! projectors read, so each carries what a catalog needs to file its cards.

use std::sync::Arc;

use super::field::RevisedField;

/// Shared text: events, the back office and every catalog hold the same title without copies.
pub type Text = Arc<str>;

/// A book's id as the librarians write it (`b1`), folded to lower case. Every event and card
/// of a book shares the back office's one string, so comparing two ids is usually comparing
/// two pointers: projection compares ids on every event.
///
/// It also carries the book's accession number, as a real library stamps one in each book it
/// receives: the back office numbers books 0, 1, 2, ... in the order it acquires them, so a
/// catalog can keep its cards in a plain array and find a book's card without hashing its id.
/// An id made with `BookId::new` has no number (catalogs then find it by its text). The number
/// is bookkeeping, not identity: ids compare, hash and sort by their text alone.
///
/// The id's first bytes ride along too, in what would be padding: two ids whose first four
/// bytes differ are ordered without reading either string. A drawer is a B-tree of ids, and
/// in a large catalog each string read there was a cache miss (a sixth of `run`'s time).
#[derive(Debug, Clone, Eq)]
pub struct BookId(pub Text, u32, u32);

/// The number of an id the back office did not number.
const UNNUMBERED: u32 = u32::MAX;

/// Hashes the text, as `str` does: maps keyed by `BookId` are searched with a plain `&str`.
impl std::hash::Hash for BookId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for BookId {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || (self.2 == other.2 && self.0 == other.0)
    }
}

/// The order of the ids' text. Where the leading bytes differ they decide it: the first byte
/// that differs is among them, and a shorter id, padded with zeros, sorts first as it should.
impl Ord for BookId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            std::cmp::Ordering::Equal
        } else {
            self.2.cmp(&other.2).then_with(|| self.0.cmp(&other.0))
        }
    }
}

/// The first four bytes of an id, zero-padded, as a number that sorts as they do.
fn leading(id: &str) -> u32 {
    let mut bytes = [0u8; 4];
    for (to, from) in bytes.iter_mut().zip(id.bytes()) {
        *to = from;
    }
    u32::from_be_bytes(bytes)
}

impl PartialOrd for BookId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl BookId {
    pub fn new(id: &str) -> Self {
        BookId(Text::from(id), UNNUMBERED, leading(id))
    }

    /// The id of the book the back office accessions as its `number`-th.
    pub(crate) fn numbered(id: &str, number: u32) -> Self {
        debug_assert!(number != UNNUMBERED, "more books than accession numbers");
        BookId(Text::from(id), number, leading(id))
    }

    /// The accession number, if the back office gave one.
    pub fn number(&self) -> Option<u32> {
        (self.1 != UNNUMBERED).then_some(self.1)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Lets maps keyed by `BookId` be searched with a plain `&str`.
impl std::borrow::Borrow<str> for BookId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BookId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What happened to a book.
#[derive(Debug, Clone, PartialEq, Eq, strum::IntoStaticStr, strum::VariantNames)]
pub enum EventKind {
    BookAcquired {
        title: Text,
        author: Text,
        subjects: Arc<[Text]>,
    },
    /// Carries the record as it stands when cataloged, so projectors never ask the back office.
    BookCataloged {
        title: Text,
        author: Text,
        subjects: Arc<[Text]>,
    },
    BookLent {
        patron: Text,
    },
    /// Names the patron who had it, so a catalog by patron can take the card out of their drawer.
    BookReturned {
        patron: Text,
    },
    BookWithdrawn,
    BookRevised {
        field: RevisedField,
        value: Text,
    },
}

impl EventKind {
    /// Every kind's name, as shown in the log and accepted by `log has N <Kind>`.
    pub const NAMES: &'static [&'static str] = <EventKind as strum::VariantNames>::VARIANTS;

    pub fn name(&self) -> &'static str {
        self.into()
    }

    /// A dense index, for counting events by kind without hashing.
    pub fn index(&self) -> usize {
        match self {
            EventKind::BookAcquired { .. } => 0,
            EventKind::BookCataloged { .. } => 1,
            EventKind::BookLent { .. } => 2,
            EventKind::BookReturned { .. } => 3,
            EventKind::BookWithdrawn => 4,
            EventKind::BookRevised { .. } => 5,
        }
    }
}

/// One entry of the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Global position in the log, from 1: what projectors checkpoint.
    pub seq: u64,
    /// The simulated clock when the event was appended: what lag is measured from.
    pub tick: u64,
    pub book: BookId,
    pub kind: EventKind,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(a: &str, b: &str) {
        let (x, y) = (BookId::new(a), BookId::numbered(b, 7));
        assert_eq!(x.cmp(&y), a.cmp(b), "{a:?} against {b:?}");
        assert_eq!(x == y, a == b, "{a:?} against {b:?}");
    }

    #[test]
    fn ids_sort_as_their_text_where_the_leading_bytes_tie_or_run_out() {
        let ids = [
            "", "b", "b1", "b1\0", "b10", "b100", "b1000", "b10000", "b2", "b1234", "b1235", "B1",
            "é", "éa", "\u{ffff}", "b123\0", "b123",
        ];
        for a in ids {
            for b in ids {
                check(a, b);
            }
        }
    }

    proptest! {
        #[test]
        fn ids_compare_as_their_text(a in "[a-c0-2\u{0}é]{0,7}", b in "[a-c0-2\u{0}é]{0,7}") {
            check(&a, &b);
        }
    }
}
