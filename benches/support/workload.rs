//! The benchmark workload, shared by `cargo bench --bench model` and the whole-process timing of
//! `run` (`examples/workload.rs` prints it as a script), so both measure the same commands.

use cqrs_catalog::rng::Rng;

/// A realistic stream of commands: books are acquired and cataloged, then lent and returned
/// many times; the clock ticks every few commands; now and then a patron looks a book up.
/// It tracks what it did, so nearly every command is accepted (a few rejections remain, as in
/// any library: returning a book twice, lending one already lent).
pub struct Workload {
    rng: Rng,
    books: u32,
    acquired: Vec<u32>,
    available: Vec<u32>,
    lent: Vec<u32>,
}

impl Workload {
    pub fn new() -> Self {
        Workload {
            rng: Rng::new(42),
            books: 0,
            acquired: Vec::new(),
            available: Vec::new(),
            lent: Vec::new(),
        }
    }

    fn take(rng: &mut Rng, from: &mut Vec<u32>) -> Option<u32> {
        (!from.is_empty()).then(|| from.swap_remove(rng.index(from.len())))
    }

    pub fn next_line(&mut self) -> String {
        let roll = self.rng.index(100);
        match roll {
            0..=9 => {
                let n = self.books;
                self.books += 1;
                self.acquired.push(n);
                let s1 = self.rng.index(40);
                let subjects = if n.is_multiple_of(3) {
                    format!("\"subject {s1}\", \"subject {}\"", (s1 + 7) % 40)
                } else {
                    format!("\"subject {s1}\"")
                };
                format!(
                    "acquire b{n} \"Title {n}\" by \"Author {}\" about {subjects}",
                    self.rng.index(2000)
                )
            }
            10..=19 if !self.acquired.is_empty() => {
                let n = self.acquired.remove(0);
                self.available.push(n);
                format!("catalog b{n}")
            }
            20..=49 if !self.available.is_empty() => {
                let n = Self::take(&mut self.rng, &mut self.available).expect("not empty");
                self.lent.push(n);
                format!("lend b{n} to p{}", self.rng.index(5000))
            }
            50..=77 if !self.lent.is_empty() => {
                let n = Self::take(&mut self.rng, &mut self.lent).expect("not empty");
                self.available.push(n);
                format!("return b{n}")
            }
            78..=94 => "tick".to_string(),
            95..=99 if self.books > 0 => {
                let n = self.rng.index(self.books as usize);
                match self.rng.index(3) {
                    0 => format!("find titles \"Title {n}\""),
                    1 => format!("find shelf \"b{n}\""),
                    _ => format!("find authors \"Author {}\"", self.rng.index(2000)),
                }
            }
            // What a librarian tries on a book in the wrong state: a rejection.
            _ => format!("return b{}", self.books / 2),
        }
    }
}
