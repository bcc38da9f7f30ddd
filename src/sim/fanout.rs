//! Notice boards, for the twitter preset: a read model fed from the real event log like any
//! catalog, that pins a card on the board of every follower of a new book's author (fan-out on
//! write). It lives here, not in the model, because following authors is not part of the library.

use rustc_hash::FxHashMap;

use super::params::Fanout;
use crate::model::{Capacity, EventKind, EventLog, Pace, Text};
use crate::rng::Rng;

/// The boards and the clerk who pins their cards.
#[derive(Debug, Clone)]
pub(crate) struct Boards {
    /// Patrons following each author; author 0 is the popular one, whom everyone follows.
    followers: Vec<Vec<u32>>,
    /// The authors each patron follows, `stride` to a patron.
    follows: Vec<u32>,
    stride: usize,
    /// Cards on each patron's board.
    cards: Vec<u32>,
    /// Events name authors; boards need their index.
    author_index: FxHashMap<Text, u32>,
    /// The last event fully fanned out.
    pub(crate) checkpoint: u64,
    /// Followers of the next event pinned so far: a large fan-out spans many ticks, and a board
    /// read meanwhile sees some followers served and others not.
    cursor: usize,
    pub(crate) lag: u64,
    capacity: Capacity,
    pace: Pace,
    pub(crate) cards_filed: u64,
    pub(crate) events_fanned: u64,
}

impl Boards {
    /// Boards for `fanout.patrons` patrons following the authors named (the popular one
    /// first), each patron following the popular author and `fanout.follows` others at random.
    pub(crate) fn new(fanout: &Fanout, authors: &[Text], rng: &mut Rng, lag: u64) -> Self {
        let mut followers = vec![Vec::new(); authors.len()];
        let stride = fanout.follows as usize + 1;
        let mut follows = Vec::with_capacity(fanout.patrons as usize * stride);
        for patron in 0..fanout.patrons {
            let start = follows.len();
            follows.push(0);
            while follows.len() < start + stride {
                let author = 1 + rng.below(u64::from(fanout.authors)) as u32;
                if !follows[start..].contains(&author) {
                    follows.push(author);
                }
            }
            for &author in &follows[start..] {
                followers[author as usize].push(patron);
            }
        }
        let capacity = Capacity::new(fanout.board_capacity, 1_000);
        Boards {
            followers,
            follows,
            stride,
            cards: vec![0; fanout.patrons as usize],
            author_index: authors
                .iter()
                .enumerate()
                .map(|(i, name)| (name.clone(), i as u32))
                .collect(),
            checkpoint: 0,
            cursor: 0,
            lag,
            capacity,
            pace: Pace::starting(capacity, 0),
            cards_filed: 0,
            events_fanned: 0,
        }
    }

    /// Starts the boards at the log's current head: what came before has no followers' cards.
    pub(crate) fn skip_to(&mut self, seq: u64) {
        self.checkpoint = seq;
    }

    pub(crate) fn followers_of(&self, author: u32) -> usize {
        self.followers[author as usize].len()
    }

    /// The authors a patron follows.
    pub(crate) fn followed(&self, patron: u32) -> &[u32] {
        let start = patron as usize * self.stride;
        &self.follows[start..start + self.stride]
    }

    /// The cards on a patron's board: the answer of a read, fan-out on write.
    pub(crate) fn board(&self, patron: u32) -> u64 {
        u64::from(self.cards[patron as usize])
    }

    /// Pins what has come due by `now`, as fast as the clerk can. Returns the cards pinned.
    pub(crate) fn catch_up(&mut self, log: &EventLog, now: u64) -> u64 {
        let mut pinned = 0;
        while let Some(event) = log.get(self.checkpoint + 1) {
            let due = event.tick.saturating_add(self.lag);
            if due > now {
                break;
            }
            if let EventKind::BookCataloged { author, .. } = &event.kind
                && let Some(&a) = self.author_index.get(author)
            {
                let followers = &self.followers[a as usize];
                while self.cursor < followers.len() {
                    if !self.pace.take(self.capacity, due, now) {
                        self.cards_filed += pinned;
                        return pinned;
                    }
                    self.cards[followers[self.cursor] as usize] += 1;
                    self.cursor += 1;
                    pinned += 1;
                }
                self.events_fanned += 1;
            }
            self.cursor = 0;
            self.checkpoint = event.seq;
        }
        self.cards_filed += pinned;
        pinned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BookId;

    fn fanout(patrons: u32, authors: u32, follows: u32, board_capacity: u64) -> Fanout {
        Fanout {
            patrons,
            authors,
            follows,
            popular_every_ms: 1_000,
            board_capacity,
        }
    }

    fn names(n: usize) -> Vec<Text> {
        (0..n).map(|i| Text::from(format!("author {i}"))).collect()
    }

    fn cataloged(log: &mut EventLog, tick: u64, book: &str, author: &Text) {
        log.append(
            tick,
            BookId::new(book),
            EventKind::BookCataloged {
                title: "t".into(),
                author: author.clone(),
                subjects: Vec::new().into(),
            },
        );
    }

    #[test]
    fn everyone_follows_the_popular_author_and_as_many_others_as_asked() {
        let boards = Boards::new(&fanout(50, 10, 3, 1_000), &names(11), &mut Rng::new(3), 0);
        assert_eq!(boards.followers_of(0), 50);
        for p in 0..50 {
            let followed = boards.followed(p);
            assert_eq!(followed[0], 0);
            assert_eq!(followed.len(), 4);
            let mut others = followed[1..].to_vec();
            others.sort_unstable();
            others.dedup();
            assert_eq!(others.len(), 3, "distinct authors");
        }
        let total: usize = (0..11).map(|a| boards.followers_of(a)).sum();
        assert_eq!(total, 50 * 4);
    }

    #[test]
    fn a_popular_book_pins_one_card_per_follower_at_the_boards_pace() {
        let authors = names(3);
        // 2 cards a ms: 10 followers take 5 ms.
        let mut boards = Boards::new(&fanout(10, 2, 1, 2_000), &authors, &mut Rng::new(1), 0);
        let mut log = EventLog::new();
        cataloged(&mut log, 0, "b1", &authors[0]);
        let pinned: Vec<u64> = (0..6).map(|now| boards.catch_up(&log, now)).collect();
        assert_eq!(pinned, [2, 2, 2, 2, 2, 0]);
        assert_eq!((boards.cards_filed, boards.events_fanned), (10, 1));
        assert!((0..10).all(|p| boards.board(p) == 1));
        assert_eq!(boards.checkpoint, 1);
    }

    #[test]
    fn events_that_fan_out_to_nobody_cost_nothing() {
        let authors = names(3);
        let mut boards = Boards::new(&fanout(4, 2, 1, 1), &authors, &mut Rng::new(1), 5);
        let mut log = EventLog::new();
        log.append(0, BookId::new("b1"), EventKind::BookWithdrawn);
        cataloged(&mut log, 0, "b2", &Text::from("nobody follows me"));
        assert_eq!(boards.catch_up(&log, 4), 0);
        assert_eq!(boards.checkpoint, 0, "not due before the lag");
        assert_eq!(boards.catch_up(&log, 5), 0);
        assert_eq!(boards.checkpoint, 2);
    }
}
