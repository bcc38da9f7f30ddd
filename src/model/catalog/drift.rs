//! How a catalog differs from a replay of the log (`verify`), and the damage a lesson does
//! to one so that there is something to find.

use std::collections::{BTreeMap, BTreeSet};

use super::super::event::{BookId, Text};
use super::{Card, Catalog};
use crate::words::fold;

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
    Changed {
        book: String,
        found: Box<Card>,
        right: Box<Card>,
    },
    /// A count catalog's number under `label` is `found`; the replay counts `right`.
    Miscounted { label: Text, found: u64, right: u64 },
}

/// The result of `damage`: how many cards were lost and misfiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Damage {
    pub lost: usize,
    pub misfiled: usize,
}

impl Catalog {
    /// Damages the catalog deterministically: numbering the cards from 0 in drawer order,
    /// every odd-numbered card is lost and card 0 is misfiled under its label spelled backwards.
    pub fn damage(&mut self) -> Damage {
        let filed: Vec<(Text, BookId)> = self
            .in_order()
            .into_iter()
            .flat_map(|(key, d)| {
                let ids = self.filed(d).into_iter().map(|c| c.book().clone());
                ids.map(move |b| (key.clone(), b))
            })
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
            for book in self.ids(drawer) {
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
            if let (true, true, Some(found), Some(right)) = (
                !here.is_empty(),
                same_drawers,
                self.card_of(book),
                replayed.card_of(book),
            ) && found != right
            {
                drift.push(Drift::Changed {
                    book: id,
                    found: Box::new(found.to_card()),
                    right: Box::new(right.to_card()),
                });
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

    pub(super) fn remove_from_drawer(&mut self, key: &str, book: &BookId) {
        if let Some(drawer) = self.drawers.get_mut(key) {
            drawer.remove(book);
            if drawer.is_empty() {
                self.drawers.remove(key);
            }
        }
    }
}
