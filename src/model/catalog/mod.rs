//! A catalog: one read model. It files a denormalized card per book into drawers labelled by
//! one field (author, title, subject, ...), so that one lookup is one drawer. It is derived data:
//! everything in it comes from applying events, and it can be thrown away and rebuilt.

mod cards;
mod drawer;
mod drift;

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::event::{BookId, Event, EventKind, Text};
use super::field::{Field, RevisedField};
use crate::words::fold;
pub use cards::CardRef;
use cards::Cards;
use drawer::Drawer;
pub use drift::{Damage, Drift};

/// What a card says about a book's availability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Available,
    Lent { patron: Text },
    Withdrawn,
}

impl Status {
    pub fn word(&self) -> &'static str {
        match self {
            Status::Available => "available",
            Status::Lent { .. } => "lent",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// The drawer labels of a catalog by status, shared by every card filed there.
fn status_label(status: &Status) -> &'static Text {
    static LABELS: std::sync::OnceLock<[Text; 3]> = std::sync::OnceLock::new();
    let [available, lent, withdrawn] =
        LABELS.get_or_init(|| ["available".into(), "lent".into(), "withdrawn".into()]);
    match status {
        Status::Available => available,
        Status::Lent { .. } => lent,
        Status::Withdrawn => withdrawn,
    }
}

/// One book as a catalog knows it: a copy of what the events said, shaped for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub book: BookId,
    pub title: Text,
    pub author: Text,
    pub subjects: Arc<[Text]>,
    pub status: Status,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    field: Field,
    /// The card of each book this catalog files, by the book's accession number. Three in
    /// four events are loans and returns, and each touches one card's status: finding it by
    /// number is one step into an array, where a map would hash the id first.
    cards: Cards,
    /// Drawers by folded label. A book may be in several drawers (one per subject). Hashed, so
    /// a lookup is one probe however many drawers there are; listings sort them by label.
    drawers: FxHashMap<Text, Drawer>,
    /// A count catalog's numbers: for each folded label, the label and how many events filed
    /// a card under it (loans per patron, say). `None` for a catalog of cards. Counting is not
    /// idempotent: an event filed twice counts twice, and only the checkpoint guards it.
    counts: Option<FxHashMap<Text, (Text, u64)>>,
}

/// Two catalogs are equal when they hold the same cards in the same drawers.
impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field
            && self.counts == other.counts
            && self.drawers == other.drawers
            && self.cards == other.cards
    }
}

impl Eq for Catalog {}

/// Copies what an event changed onto a card.
fn update(card: &mut Card, kind: &EventKind) {
    match kind {
        EventKind::BookLent { patron } => {
            card.status = Status::Lent {
                patron: patron.clone(),
            }
        }
        EventKind::BookReturned { .. } => card.status = Status::Available,
        EventKind::BookRevised {
            field: RevisedField::Title,
            value,
        } => card.title = value.clone(),
        EventKind::BookRevised {
            field: RevisedField::Author,
            value,
        } => card.author = value.clone(),
        _ => {}
    }
}

impl Catalog {
    pub fn new(field: Field) -> Self {
        Catalog {
            field,
            cards: Cards::default(),
            drawers: FxHashMap::default(),
            counts: None,
        }
    }

    /// A count catalog by `field`: a drawer per label, counting the events filed under it.
    pub fn counting(field: Field) -> Self {
        Catalog {
            counts: Some(FxHashMap::default()),
            ..Catalog::new(field)
        }
    }

    /// An empty catalog of the same kind, by the same field: what a rebuild fills.
    pub fn empty_like(&self) -> Catalog {
        if self.is_count() {
            Catalog::counting(self.field)
        } else {
            Catalog::new(self.field)
        }
    }

    pub fn is_count(&self) -> bool {
        self.counts.is_some()
    }

    /// A count catalog's numbers by label, in label order; empty for a catalog of cards.
    pub fn counts(&self) -> Vec<(Text, u64)> {
        let mut counts: Vec<(&Text, &(Text, u64))> =
            self.counts.iter().flat_map(|c| c.iter()).collect();
        counts.sort_unstable_by(|a, b| a.0.cmp(b.0));
        counts
            .into_iter()
            .map(|(_, (l, n))| (l.clone(), *n))
            .collect()
    }

    /// The number under a label (any case), for a count catalog.
    pub fn count(&self, key: &str) -> Option<u64> {
        let counts = self.counts.as_ref()?;
        Some(counts.get(fold(key).as_ref()).map_or(0, |(_, n)| *n))
    }

    fn count_filing(&mut self, label: &Text) {
        let Some(counts) = &mut self.counts else {
            return;
        };
        let folded = fold(label);
        match counts.get_mut(folded.as_ref()) {
            Some((_, n)) => *n += 1,
            None => {
                counts.insert(Text::from(folded.as_ref()), (label.clone(), 1));
            }
        }
    }

    pub fn field(&self) -> Field {
        self.field
    }

    /// Sets every number of a count catalog back to zero, keeping its cards: a count filled
    /// from the back office's tables starts from nothing, since they keep no history.
    pub fn zero_counts(&mut self) {
        if let Some(counts) = &mut self.counts {
            counts.clear();
        }
    }

    /// The labels a card is filed under in a catalog by `field`: none, one, or one per subject.
    fn labels(field: Field, card: &Card) -> &[Text] {
        match field {
            Field::Title => std::slice::from_ref(&card.title),
            Field::Author => std::slice::from_ref(&card.author),
            Field::Subject => &card.subjects,
            Field::Book => std::slice::from_ref(&card.book.0),
            Field::Patron => match &card.status {
                Status::Lent { patron } => std::slice::from_ref(patron),
                _ => &[],
            },
            Field::Status => std::slice::from_ref(status_label(&card.status)),
        }
    }

    /// Whether an event can move a card between drawers in this catalog; most cannot, and
    /// skipping the refiling keeps projection cheap.
    fn refiles(&self, kind: &EventKind) -> bool {
        matches!(
            (self.field, kind),
            (
                Field::Title,
                EventKind::BookRevised {
                    field: RevisedField::Title,
                    ..
                },
            ) | (
                Field::Author,
                EventKind::BookRevised {
                    field: RevisedField::Author,
                    ..
                },
            ) | (
                Field::Patron | Field::Status,
                EventKind::BookLent { .. } | EventKind::BookReturned { .. },
            )
        )
    }

    fn file(&mut self, book: &BookId, label: &Text) {
        let folded = fold(label);
        // Most filings go into a drawer that exists: found by the folded text, no key made.
        if let Some(drawer) = self.drawers.get_mut(folded.as_ref()) {
            drawer.insert(book);
            return;
        }
        // A label in lower case already is its own key: the same shared string.
        let key = match folded {
            Cow::Borrowed(_) => label.clone(),
            Cow::Owned(folded) => Text::from(folded),
        };
        self.drawers.insert(key, Drawer::with(label.clone(), book));
    }

    fn unfile(&mut self, book: &BookId, label: &str) {
        let key = fold(label);
        self.remove_from_drawer(&key, book);
    }

    /// Files a card under its labels, as applying an event does: a count catalog counts it.
    fn file_card(&mut self, card: &Card) {
        for label in Self::labels(self.field, card) {
            self.file(&card.book, label);
            self.count_filing(label);
        }
    }

    fn unfile_card(&mut self, card: &Card) {
        for label in Self::labels(self.field, card) {
            self.unfile(&card.book, label);
        }
    }

    /// Makes room for `cards` more cards, so that a rebuild does not grow the table step by
    /// step. A catalog by book id or by title has about a drawer per card, so it makes room
    /// for as many drawers too: rehashing a growing table of drawers was a tenth of a rebuild.
    pub fn reserve(&mut self, cards: usize) {
        self.cards.reserve(cards);
        if matches!(self.field, Field::Book | Field::Title) {
            self.drawers.reserve(cards);
        }
    }

    /// How many books this catalog keeps a place for: up to the highest accession number it
    /// filed, and those with none. What a rebuild of it makes room for.
    pub fn books_known(&self) -> usize {
        self.cards.known()
    }

    /// The card of a book, found by its accession number or, lacking one, by its id.
    fn card_of(&self, book: &BookId) -> Option<CardRef<'_>> {
        self.cards.get(book)
    }

    /// Files one event. The projector guarantees order and that no event comes twice.
    pub fn apply(&mut self, event: &Event) {
        let book = &event.book;
        match &event.kind {
            EventKind::BookAcquired { .. } => {}
            EventKind::BookCataloged {
                title,
                author,
                subjects,
            } => {
                let card = Card {
                    book: book.clone(),
                    title: title.clone(),
                    author: author.clone(),
                    subjects: subjects.clone(),
                    status: Status::Available,
                };
                self.file_card(&card);
                self.cards.put(card);
            }
            EventKind::BookWithdrawn => {
                let Some(mut card) = self.cards.take(book) else {
                    return;
                };
                self.unfile_card(&card);
                if self.field == Field::Status {
                    card.status = Status::Withdrawn;
                    self.file_card(&card);
                    self.cards.put(card);
                }
            }
            kind if self.refiles(kind) => {
                let Some(mut card) = self.cards.take(book) else {
                    return;
                };
                self.unfile_card(&card);
                update(&mut card, kind);
                self.file_card(&card);
                self.cards.put(card);
            }
            // A loan or a return here changes the status alone, and reads nothing else.
            EventKind::BookLent { patron } => {
                if let Some(status) = self.cards.status_mut(book) {
                    let patron = patron.clone();
                    *status = Status::Lent { patron };
                }
            }
            EventKind::BookReturned { .. } => {
                if let Some(status) = self.cards.status_mut(book) {
                    *status = Status::Available;
                }
            }
            kind => {
                if let Some(mut card) = self.cards.take(book) {
                    update(&mut card, kind);
                    self.cards.put(card);
                }
            }
        }
    }

    /// The cards in the drawer labelled `key` (any case), in book id order.
    pub fn find(&self, key: &str) -> Vec<Card> {
        self.cards_in(key).map(|c| c.to_card()).collect()
    }

    /// The same cards as `find`, borrowed: a reader who only looks copies nothing, which is
    /// what lets the simulator send millions of reads through the catalogs.
    pub fn cards_in(&self, key: &str) -> impl Iterator<Item = CardRef<'_>> {
        let drawer = self.drawers.get(fold(key).as_ref());
        drawer
            .map(|d| self.filed(d))
            .unwrap_or_default()
            .into_iter()
    }

    /// The ids in a drawer: by accession number, then those with none. Every book a drawer
    /// holds has a card (filing puts one; a book loses its drawers before its card), which
    /// is where a number's id is read.
    fn ids<'a>(&'a self, drawer: &'a Drawer) -> impl Iterator<Item = &'a BookId> {
        let numbered = drawer.numbers().filter_map(|n| self.cards.at(n));
        numbered.map(|c| c.book()).chain(drawer.unnumbered())
    }

    /// The cards in a drawer, in book id order ("b10" before "b2"), as readers list them:
    /// the drawer keeps them by number, and the few a reader asks for are sorted here.
    fn filed<'a>(&'a self, drawer: &'a Drawer) -> Vec<CardRef<'a>> {
        // A number leads straight to its card; only the books with none are found by id.
        let numbered = drawer.numbers().filter_map(|n| self.cards.at(n));
        let unnumbered = drawer.unnumbered().iter().filter_map(|b| self.card_of(b));
        let mut cards: Vec<CardRef> = numbered.chain(unnumbered).collect();
        cards.sort_unstable_by(|a, b| a.book().cmp(b.book()));
        cards
    }

    /// The drawers with their folded labels, in label order: the order a patron walks them.
    fn in_order(&self) -> Vec<(&Text, &Drawer)> {
        let mut drawers: Vec<(&Text, &Drawer)> = self.drawers.iter().collect();
        drawers.sort_unstable_by(|a, b| a.0.cmp(b.0));
        drawers
    }

    /// Every drawer with its label and cards, in label order.
    pub fn drawers(&self) -> Vec<(Text, Vec<Card>)> {
        self.in_order()
            .into_iter()
            .map(|(_, d)| {
                let cards = self.filed(d).into_iter().map(CardRef::to_card).collect();
                (d.label.clone(), cards)
            })
            .collect()
    }

    /// How many cards stand in the drawers (a book filed under two subjects counts twice).
    pub fn card_count(&self) -> usize {
        self.drawers.values().map(Drawer::len).sum()
    }

    /// Whether any drawer holds a card for the book.
    pub fn has(&self, book: &str) -> bool {
        self.filed_card(book).is_some()
    }

    /// The status of a book's card, by the id the back office gave it: one step into an
    /// array, for a reader (the simulator's millions) who has the id and not only its text.
    pub fn status_for(&self, book: &BookId) -> Option<&Status> {
        self.card_of(book).map(|c| c.status())
    }

    /// The card a catalog holds for a book, if a drawer still holds it.
    pub fn card(&self, book: &str) -> Option<Card> {
        self.filed_card(book).map(|c| c.to_card())
    }

    /// Drawers hold numbers, not text: the card is found by its id's text first, then looked
    /// for in the drawers.
    fn filed_card(&self, book: &str) -> Option<CardRef<'_>> {
        let card = self.cards.with_id(book)?;
        let filed = self.drawers.values().any(|d| d.contains(card.book()));
        filed.then_some(card)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::model::EventLog;

    fn titles_with(books: &[(&str, &str)]) -> Catalog {
        let mut log = EventLog::new();
        let mut catalog = Catalog::new(Field::Title);
        for (id, title) in books {
            let seq = log.append(
                0,
                BookId::new(id),
                EventKind::BookCataloged {
                    title: (*title).into(),
                    author: "A".into(),
                    subjects: Arc::from(Vec::<Text>::new()),
                },
            );
            catalog.apply(log.get(seq).unwrap());
        }
        catalog
    }

    #[test]
    fn cards_in_borrows_the_same_cards_find_copies() {
        let catalog = titles_with(&[("b2", "Dune"), ("b1", "dune"), ("b3", "Emma")]);
        for key in ["dune", "DUNE", "Dune", "emma", "nothing"] {
            let borrowed: Vec<Card> = catalog.cards_in(key).map(|c| c.to_card()).collect();
            assert_eq!(borrowed, catalog.find(key), "{key}");
        }
        let ids: Vec<&str> = catalog
            .cards_in("dUNE")
            .map(|c| c.book().as_str())
            .collect();
        assert_eq!(ids, ["b1", "b2"], "in book id order");
    }

    #[test]
    fn numbered_books_are_listed_in_id_order_not_number_order() {
        let mut catalog = Catalog::new(Field::Author);
        for (n, id) in ["b1", "b2", "b10", "b11"].iter().enumerate() {
            let kind = EventKind::BookCataloged {
                title: "T".into(),
                author: "A".into(),
                subjects: Arc::from(Vec::<Text>::new()),
            };
            let (seq, book) = (n as u64 + 1, BookId::numbered(id, n as u32));
            catalog.apply(&Event {
                seq,
                tick: 0,
                book,
                kind,
            });
        }
        catalog.apply(&Event {
            seq: 5,
            tick: 0,
            book: BookId::new("b100"),
            kind: EventKind::BookCataloged {
                title: "T".into(),
                author: "a".into(),
                subjects: Arc::from(Vec::<Text>::new()),
            },
        });
        let ids = |cards: Vec<Card>| -> Vec<String> {
            cards.iter().map(|c| c.book.to_string()).collect()
        };
        let want = ["b1", "b10", "b100", "b11", "b2"];
        assert_eq!(ids(catalog.find("a")), want);
        assert_eq!(ids(catalog.drawers().remove(0).1), want);
        assert!(catalog.has("b10") && catalog.has("b100") && !catalog.has("b3"));
        assert_eq!(
            catalog.card("b11").map(|c| c.book.to_string()),
            Some("b11".into())
        );
    }

    #[test]
    fn a_label_in_lower_case_is_folded_without_a_copy() {
        assert!(matches!(fold("b17"), Cow::Borrowed("b17")));
        assert!(matches!(fold("frank herbert"), Cow::Borrowed(_)));
        assert_eq!(fold("Frank HERBERT"), "frank herbert");
        assert_eq!(
            fold("ǅemal"),
            "ǆemal",
            "a title-case letter is not lower case"
        );
    }
}
