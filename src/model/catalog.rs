//! A catalog: one read model. It files a denormalized card per book into drawers labelled by
//! one field (author, title, subject, ...), so that one lookup is one drawer. It is derived data:
//! everything in it comes from applying events, and it can be thrown away and rebuilt.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::event::{BookId, Event, EventKind, Text};
use super::field::{Field, RevisedField};
use crate::words::fold;

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

/// A drawer: the cards filed under one label.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Drawer {
    label: Text,
    books: BTreeSet<BookId>,
}

/// One way a catalog differs from a replay of the log, as `verify` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// The replay files the book under `label`; the catalog does not.
    Lost { book: String, label: Text },
    /// The catalog files the book under `found`, the replay under `right`.
    Misfiled {
        book: String,
        found: Text,
        right: Text,
    },
    /// The catalog files the book under `label`; the replay does not.
    Extra { book: String, label: Text },
    /// The card is in the right drawers but says something else (a status, a title).
    Changed { book: String },
    /// A count catalog's number under `label` is `found`; the replay counts `right`.
    Miscounted { label: Text, found: u64, right: u64 },
}

/// The result of `damage`: how many cards were lost and misfiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Damage {
    pub lost: usize,
    pub misfiled: usize,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    field: Field,
    /// The card of each book this catalog files, at the book's accession number (`None`: no
    /// card). Three in four events are loans and returns, and each touches one card: finding
    /// it by number is one step into an array, where a map would hash the id first.
    cards: Vec<Option<Card>>,
    /// The cards of books with no accession number (events written by hand, as tests and the
    /// simulator's fan-out do), by id.
    unnumbered: FxHashMap<BookId, Card>,
    /// Drawers by folded label. A book may be in several drawers (one per subject). Hashed, so
    /// a lookup is one probe however many drawers there are; listings sort them by label.
    drawers: FxHashMap<Text, Drawer>,
    /// A count catalog's numbers: for each folded label, the label and how many events filed
    /// a card under it (loans per patron, say). `None` for a catalog of cards. Counting is not
    /// idempotent: an event filed twice counts twice, and only the checkpoint guards it.
    counts: Option<FxHashMap<Text, (Text, u64)>>,
}

/// Two catalogs are equal when they hold the same cards in the same drawers: how far the card
/// array happens to reach does not count.
impl PartialEq for Catalog {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field
            && self.counts == other.counts
            && self.drawers == other.drawers
            && self.unnumbered == other.unnumbered
            && self.cards.iter().flatten().eq(other.cards.iter().flatten())
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
            cards: Vec::new(),
            unnumbered: FxHashMap::default(),
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
            drawer.books.insert(book.clone());
            return;
        }
        // A label in lower case already is its own key: the same shared string.
        let key = match folded {
            Cow::Borrowed(_) => label.clone(),
            Cow::Owned(folded) => Text::from(folded),
        };
        let books = BTreeSet::from([book.clone()]);
        let label = label.clone();
        self.drawers.insert(key, Drawer { label, books });
    }

    fn unfile(&mut self, book: &BookId, label: &str) {
        let key = fold(label);
        if let Some(drawer) = self.drawers.get_mut(key.as_ref()) {
            drawer.books.remove(book);
            if drawer.books.is_empty() {
                self.drawers.remove(key.as_ref());
            }
        }
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

    /// The card of a book, found by its accession number or, lacking one, by its id.
    fn card_of(&self, book: &BookId) -> Option<&Card> {
        match book.number() {
            Some(n) => self.cards.get(n as usize)?.as_ref(),
            None => self.unnumbered.get(book),
        }
    }

    fn card_of_mut(&mut self, book: &BookId) -> Option<&mut Card> {
        match book.number() {
            Some(n) => self.cards.get_mut(n as usize)?.as_mut(),
            None => self.unnumbered.get_mut(book),
        }
    }

    fn take_card(&mut self, book: &BookId) -> Option<Card> {
        match book.number() {
            Some(n) => self.cards.get_mut(n as usize)?.take(),
            None => self.unnumbered.remove(book),
        }
    }

    fn put_card(&mut self, card: Card) {
        match card.book.number() {
            Some(n) => {
                let n = n as usize;
                if n >= self.cards.len() {
                    self.cards.resize_with(n + 1, || None);
                }
                self.cards[n] = Some(card);
            }
            None => {
                self.unnumbered.insert(card.book.clone(), card);
            }
        }
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
                self.put_card(card);
            }
            EventKind::BookWithdrawn => {
                let Some(mut card) = self.take_card(book) else {
                    return;
                };
                self.unfile_card(&card);
                if self.field == Field::Status {
                    card.status = Status::Withdrawn;
                    self.file_card(&card);
                    self.put_card(card);
                }
            }
            kind if self.refiles(kind) => {
                let Some(mut card) = self.take_card(book) else {
                    return;
                };
                self.unfile_card(&card);
                update(&mut card, kind);
                self.file_card(&card);
                self.put_card(card);
            }
            kind => {
                if let Some(card) = self.card_of_mut(book) {
                    update(card, kind);
                }
            }
        }
    }

    /// The cards in the drawer labelled `key` (any case), in book id order.
    pub fn find(&self, key: &str) -> Vec<Card> {
        self.cards_in(key).cloned().collect()
    }

    /// The same cards as `find`, borrowed: a reader who only looks copies nothing, which is
    /// what lets the simulator send millions of reads through the catalogs.
    pub fn cards_in(&self, key: &str) -> impl Iterator<Item = &Card> {
        self.drawers
            .get(fold(key).as_ref())
            .into_iter()
            .flat_map(|drawer| drawer.books.iter())
            .filter_map(|b| self.card_of(b))
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
                (
                    d.label.clone(),
                    d.books
                        .iter()
                        .filter_map(|b| self.card_of(b).cloned())
                        .collect(),
                )
            })
            .collect()
    }

    /// How many cards stand in the drawers (a book filed under two subjects counts twice).
    pub fn card_count(&self) -> usize {
        self.drawers.values().map(|d| d.books.len()).sum()
    }

    /// Whether any drawer holds a card for the book.
    pub fn has(&self, book: &str) -> bool {
        self.drawers.values().any(|d| d.books.contains(book))
    }

    /// The card a catalog holds for a book, if a drawer still holds it.
    pub fn card(&self, book: &str) -> Option<&Card> {
        let filed = self.drawers.values().find_map(|d| d.books.get(book))?;
        self.card_of(filed)
    }

    /// Damages the catalog deterministically: numbering the cards from 0 in drawer order,
    /// every odd-numbered card is lost and card 0 is misfiled under its label spelled backwards.
    pub fn damage(&mut self) -> Damage {
        let filed: Vec<(Text, BookId)> = self
            .in_order()
            .into_iter()
            .flat_map(|(key, d)| d.books.iter().map(move |b| (key.clone(), b.clone())))
            .collect();
        let mut report = Damage::default();
        for (i, (key, book)) in filed.iter().enumerate() {
            if i % 2 == 1 {
                self.remove_from_drawer(key, book);
                report.lost += 1;
            }
        }
        if let Some((key, book)) = filed.first() {
            let label = self
                .drawers
                .get(key)
                .map(|d| d.label.clone())
                .unwrap_or_else(|| key.clone());
            let backwards: String = label.chars().rev().collect();
            if fold(&backwards) != **key {
                self.remove_from_drawer(key, book);
                self.file(book, &backwards.into());
                report.misfiled += 1;
            }
        }
        report
    }

    /// Each book's folded drawer keys, with the label its drawer shows: what `compare` walks.
    fn filings(&self) -> BTreeMap<&BookId, BTreeMap<&Text, &Text>> {
        let mut filed: BTreeMap<&BookId, BTreeMap<&Text, &Text>> = BTreeMap::new();
        for (key, drawer) in &self.drawers {
            for book in &drawer.books {
                filed.entry(book).or_default().insert(key, &drawer.label);
            }
        }
        filed
    }

    /// What differs between this catalog and `replayed`, a copy built from the log up to the
    /// same checkpoint: every card lost, misfiled or extra, and every card that says something
    /// the replay does not. Nothing is changed: this is how drift is found without a flag.
    pub fn compare(&self, replayed: &Catalog) -> Vec<Drift> {
        // Most catalogs verified equal their replay: a hashed comparison says so without
        // sorting every filing by book.
        if self == replayed {
            return Vec::new();
        }
        let mut drift = self.compare_counts(replayed);
        let (have, want) = (self.filings(), replayed.filings());
        let mut books: BTreeSet<&BookId> = have.keys().copied().collect();
        books.extend(want.keys().copied());
        let none = BTreeMap::new();
        for book in books {
            let here = have.get(book).unwrap_or(&none);
            let there = want.get(book).unwrap_or(&none);
            let mut lost = there.iter().filter(|(k, _)| !here.contains_key(*k));
            let mut extra = here.iter().filter(|(k, _)| !there.contains_key(*k));
            let id = book.as_str().to_string();
            loop {
                match (lost.next(), extra.next()) {
                    (Some((_, right)), Some((_, found))) => drift.push(Drift::Misfiled {
                        book: id.clone(),
                        found: (*found).clone(),
                        right: (*right).clone(),
                    }),
                    (Some((_, label)), None) => drift.push(Drift::Lost {
                        book: id.clone(),
                        label: (*label).clone(),
                    }),
                    (None, Some((_, label))) => drift.push(Drift::Extra {
                        book: id.clone(),
                        label: (*label).clone(),
                    }),
                    (None, None) => break,
                }
            }
            let same_drawers = here.keys().eq(there.keys());
            if !here.is_empty() && same_drawers && self.card_of(book) != replayed.card_of(book) {
                drift.push(Drift::Changed { book: id });
            }
        }
        drift
    }

    /// The labels whose numbers differ from a replay's, for a count catalog.
    fn compare_counts(&self, replayed: &Catalog) -> Vec<Drift> {
        let (mine, theirs) = (self.counts(), replayed.counts());
        let mut labels: BTreeMap<Text, (u64, u64)> = BTreeMap::new();
        for (label, n) in mine {
            labels.entry(label).or_default().0 = n;
        }
        for (label, n) in theirs {
            labels.entry(label).or_default().1 = n;
        }
        labels
            .into_iter()
            .filter(|(_, (found, right))| found != right)
            .map(|(label, (found, right))| Drift::Miscounted {
                label,
                found,
                right,
            })
            .collect()
    }

    fn remove_from_drawer(&mut self, key: &str, book: &BookId) {
        if let Some(drawer) = self.drawers.get_mut(key) {
            drawer.books.remove(book);
            if drawer.books.is_empty() {
                self.drawers.remove(key);
            }
        }
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
            let borrowed: Vec<Card> = catalog.cards_in(key).cloned().collect();
            assert_eq!(borrowed, catalog.find(key), "{key}");
        }
        let ids: Vec<&str> = catalog.cards_in("dUNE").map(|c| c.book.as_str()).collect();
        assert_eq!(ids, ["b1", "b2"], "in book id order");
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
