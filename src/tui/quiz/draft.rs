//! The learner's answer while it is being given: the row under the cursor, the ticks of a
//! `multiple` question, the rows of an `order` question as the learner moves them.

use crate::attempt::{Asked, Given};
use crate::content::Kind;

/// The learner's answer while it is being given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The row the cursor is on, from the top.
    pub cursor: usize,
    /// `multiple`: which rows are ticked.
    pub ticked: Vec<bool>,
    /// The choices (indices into `choices`) in the order the rows show them now: the shuffled
    /// order at first, then as the learner moves them (`order`).
    pub rows: Vec<usize>,
}

impl Draft {
    pub fn new(asked: &Asked) -> Draft {
        Draft {
            cursor: 0,
            ticked: vec![false; asked.order.len()],
            rows: asked.order.clone(),
        }
    }

    fn last(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    /// Puts the cursor on a row; in a `multiple` question a pick also ticks or unticks it.
    pub fn pick(&mut self, row: usize, kind: Kind) {
        if row > self.last() {
            return;
        }
        self.cursor = row;
        if kind == Kind::Multiple {
            self.toggle();
        }
    }

    pub fn toggle(&mut self) {
        if let Some(t) = self.ticked.get_mut(self.cursor) {
            *t = !*t;
        }
    }

    pub fn up(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.cursor = (self.cursor + 1).min(self.last());
    }

    /// Moves the row under the cursor up a place, and the cursor with it.
    pub fn move_up(&mut self) {
        if self.cursor > 0 {
            self.rows.swap(self.cursor, self.cursor - 1);
            self.cursor -= 1;
        }
    }

    /// Moves the row under the cursor down a place, and the cursor with it.
    pub fn move_down(&mut self) {
        if self.cursor < self.last() {
            self.rows.swap(self.cursor, self.cursor + 1);
            self.cursor += 1;
        }
    }

    pub fn any_ticked(&self) -> bool {
        self.ticked.contains(&true)
    }

    /// The answer as the attempt records it.
    pub fn given(&self, kind: Kind) -> Given {
        match kind {
            Kind::Single => {
                Given::Picked(self.rows.get(self.cursor).copied().into_iter().collect())
            }
            Kind::Multiple => Given::Picked(
                self.rows
                    .iter()
                    .zip(&self.ticked)
                    .filter(|(_, t)| **t)
                    .map(|(c, _)| *c)
                    .collect(),
            ),
            Kind::Order => Given::Picked(self.rows.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(n: usize) -> Draft {
        Draft::new(&Asked {
            question: 0,
            order: (0..n).rev().collect(),
            given: None,
        })
    }

    #[test]
    fn a_single_answer_is_the_row_under_the_cursor() {
        let mut d = draft(3);
        d.pick(1, Kind::Single);
        assert_eq!(d.given(Kind::Single), Given::Picked(vec![1]));
        d.down();
        d.down();
        assert_eq!(d.given(Kind::Single), Given::Picked(vec![0]));
    }

    #[test]
    fn picking_a_multiple_choice_twice_unticks_it() {
        let mut d = draft(3);
        d.pick(0, Kind::Multiple);
        d.pick(2, Kind::Multiple);
        d.pick(0, Kind::Multiple);
        assert_eq!(d.given(Kind::Multiple), Given::Picked(vec![0]));
        d.toggle();
        assert_eq!(d.given(Kind::Multiple), Given::Picked(vec![2, 0]));
        d.pick(0, Kind::Multiple);
        d.pick(2, Kind::Multiple);
        assert!(!d.any_ticked());
    }

    #[test]
    fn moving_a_row_carries_the_cursor_and_stops_at_the_ends() {
        let mut d = draft(3);
        d.pick(2, Kind::Order);
        d.move_up();
        d.move_up();
        d.move_up();
        assert_eq!(
            (d.cursor, d.given(Kind::Order)),
            (0, Given::Picked(vec![0, 2, 1]))
        );
        d.move_down();
        d.move_down();
        d.move_down();
        assert_eq!(
            (d.cursor, d.given(Kind::Order)),
            (2, Given::Picked(vec![2, 1, 0]))
        );
    }

    #[test]
    fn the_cursor_never_leaves_the_rows_even_with_none() {
        let mut d = draft(0);
        d.up();
        d.down();
        d.pick(4, Kind::Multiple);
        d.move_down();
        assert_eq!(d.cursor, 0);
        assert_eq!(d.given(Kind::Single), Given::Picked(vec![]));
    }
}
