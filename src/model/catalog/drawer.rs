//! A drawer: the books filed under one label, kept by accession number. Numbers are plain
//! integers in one array, so filing a card is usually one append and reading a drawer reads
//! no id's text; readers sort the few cards they answer by id (see `Catalog::filed`).

use std::collections::BTreeSet;

use super::super::event::{BookId, Text};

/// How long a drawer may grow before a filing in its middle moves it to a tree: shifting up
/// to this many numbers costs about what a tree's step does, and a drawer filed in order (most
/// are: books are cataloged about as they are acquired) never leaves its array.
const SHIFT_AT_MOST: usize = 1024;

/// Accession numbers in ascending order, without repeats.
#[derive(Debug, Clone)]
enum Numbers {
    /// Sorted; appended to when books come in order, which they usually do.
    Few(Vec<u32>),
    /// For a large drawer filed and unfiled in its middle: a catalog by status has a drawer
    /// of every book on the shelf, and each loan and return takes one out of the middle.
    Many(BTreeSet<u32>),
}

impl Numbers {
    fn insert(&mut self, n: u32) {
        match self {
            Numbers::Few(v) if v.last().is_none_or(|&last| last < n) => v.push(n),
            Numbers::Few(v) => match v.binary_search(&n) {
                Ok(_) => {}
                Err(_) if v.len() >= SHIFT_AT_MOST => {
                    self.grow().insert(n);
                }
                Err(at) => v.insert(at, n),
            },
            Numbers::Many(t) => {
                t.insert(n);
            }
        }
    }

    fn remove(&mut self, n: u32) {
        match self {
            Numbers::Few(v) => match v.binary_search(&n) {
                Ok(at) if at + 1 < v.len() && v.len() > SHIFT_AT_MOST => {
                    self.grow().remove(&n);
                }
                Ok(at) => {
                    v.remove(at);
                }
                Err(_) => {}
            },
            Numbers::Many(t) => {
                t.remove(&n);
            }
        }
    }

    /// Moves the numbers from the array to a tree, and returns the tree.
    fn grow(&mut self) -> &mut BTreeSet<u32> {
        if let Numbers::Few(v) = self {
            *self = Numbers::Many(v.iter().copied().collect());
        }
        match self {
            Numbers::Many(t) => t,
            Numbers::Few(_) => unreachable!("just grown"),
        }
    }

    fn contains(&self, n: u32) -> bool {
        match self {
            Numbers::Few(v) => v.binary_search(&n).is_ok(),
            Numbers::Many(t) => t.contains(&n),
        }
    }

    fn len(&self) -> usize {
        match self {
            Numbers::Few(v) => v.len(),
            Numbers::Many(t) => t.len(),
        }
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (few, many) = match self {
            Numbers::Few(v) => (Some(v.iter()), None),
            Numbers::Many(t) => (None, Some(t.iter())),
        };
        few.into_iter()
            .flatten()
            .chain(many.into_iter().flatten())
            .copied()
    }
}

/// Two drawers holding the same numbers are equal, in an array or a tree.
impl PartialEq for Numbers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Numbers {}

/// A drawer: the label it shows and the books filed under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Drawer {
    pub(super) label: Text,
    numbers: Numbers,
    /// Books with no accession number (events written by hand, as tests and the simulator's
    /// fan-out do), sorted by id; usually empty, which allocates nothing.
    unnumbered: Vec<BookId>,
}

impl Drawer {
    /// A drawer labelled `label` holding one book.
    pub(super) fn with(label: Text, book: &BookId) -> Self {
        let mut drawer = Drawer {
            label,
            numbers: Numbers::Few(Vec::new()),
            unnumbered: Vec::new(),
        };
        drawer.insert(book);
        drawer
    }

    pub(super) fn insert(&mut self, book: &BookId) {
        match book.number() {
            Some(n) => self.numbers.insert(n),
            None => {
                if let Err(at) = self.unnumbered.binary_search(book) {
                    self.unnumbered.insert(at, book.clone());
                }
            }
        }
    }

    pub(super) fn remove(&mut self, book: &BookId) {
        match book.number() {
            Some(n) => self.numbers.remove(n),
            None => {
                if let Ok(at) = self.unnumbered.binary_search(book) {
                    self.unnumbered.remove(at);
                }
            }
        }
    }

    pub(super) fn contains(&self, book: &BookId) -> bool {
        match book.number() {
            Some(n) => self.numbers.contains(n),
            None => self.unnumbered.binary_search(book).is_ok(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.numbers.len() + self.unnumbered.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The accession numbers filed here, ascending.
    pub(super) fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.numbers.iter()
    }

    /// The books with no number filed here, in id order.
    pub(super) fn unnumbered(&self) -> &[BookId] {
        &self.unnumbered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(drawer: &Drawer) -> Vec<u32> {
        drawer.numbers().collect()
    }

    #[test]
    fn numbers_stay_sorted_and_single_filed_in_any_order() {
        let ids: Vec<BookId> = (0..5)
            .map(|n| BookId::numbered(&format!("b{n}"), n))
            .collect();
        let mut drawer = Drawer::with("d".into(), &ids[3]);
        for n in [1, 4, 3, 0, 1] {
            drawer.insert(&ids[n]);
        }
        assert_eq!(numbers(&drawer), [0, 1, 3, 4]);
        drawer.remove(&ids[1]);
        drawer.remove(&ids[2]);
        assert_eq!(numbers(&drawer), [0, 3, 4]);
        assert!(drawer.contains(&ids[3]) && !drawer.contains(&ids[1]));
    }

    #[test]
    fn a_large_drawer_filed_in_its_middle_moves_to_a_tree_and_still_equals_an_array() {
        let total = SHIFT_AT_MOST as u32 + 10;
        let ids: Vec<BookId> = (0..total).map(|n| BookId::numbered("b", n)).collect();
        let mut array = Drawer::with("d".into(), &ids[0]);
        let mut tree = array.clone();
        for id in &ids[1..] {
            array.insert(id);
            tree.insert(id);
        }
        tree.remove(&ids[5]);
        assert!(matches!(tree.numbers, Numbers::Many(_)), "moved to a tree");
        tree.insert(&ids[5]);
        assert_eq!(tree, array, "the same numbers, however kept");
        tree.remove(&ids[7]);
        array.remove(&ids[7]);
        assert_eq!(numbers(&tree), numbers(&array));
        assert_eq!(tree.len(), total as usize - 1);
    }

    #[test]
    fn books_with_no_number_are_kept_by_id_beside_the_numbers() {
        let mut drawer = Drawer::with("d".into(), &BookId::new("b2"));
        drawer.insert(&BookId::new("b10"));
        drawer.insert(&BookId::numbered("b7", 7));
        drawer.insert(&BookId::new("b2"));
        let ids: Vec<&str> = drawer.unnumbered().iter().map(BookId::as_str).collect();
        assert_eq!(ids, ["b10", "b2"]);
        assert_eq!(numbers(&drawer), [7]);
        assert_eq!(drawer.len(), 3);
        drawer.remove(&BookId::new("b10"));
        assert!(!drawer.contains(&BookId::new("b10")) && drawer.contains(&BookId::new("b2")));
    }
}
