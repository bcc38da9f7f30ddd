//! What a simulation runs: the traffic, the catalogs' capacity and delay, how long, the seed, and
//! the library it runs on. Checked once here, so neither a run nor a live slider meets an absurd value.

use crate::model::OfficeMode;

/// One simulation's settings. Rates are per simulated second; one tick of the model is one
/// simulated millisecond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// The preset these settings started from, for reports.
    pub preset: &'static str,
    /// Commands sent to the back office each second.
    pub writes_per_sec: u64,
    /// Lookups in the catalogs each second.
    pub reads_per_sec: u64,
    /// Events each catalog's projector can apply each second.
    pub capacity: u64,
    /// How long an event takes to reach the fastest catalog, in ms (the projectors' lag).
    pub delay_ms: u64,
    /// The catalogs' delays spread evenly from `delay_ms` to `delay_ms + spread_ms`: real read
    /// models are not all equally far behind.
    pub spread_ms: u64,
    pub seconds: u64,
    pub seed: u64,
    /// Books cataloged before the traffic starts.
    pub books: u32,
    /// The first `hot_books` books are the popular ones: they get `hot_share` percent of the
    /// lookups and loans, so patrons compete for them.
    pub hot_books: u32,
    pub hot_share: u32,
    /// The desk lends while fewer than this percent of the books are out, and otherwise takes
    /// returns: a library settles at a steady occupancy.
    pub lent_target: u32,
    /// Percent of the writes that bring in a new book (acquire, then catalog).
    pub arrivals: u32,
    /// Notice boards fanned out on write, for the twitter preset; `None` for a plain library.
    pub fanout: Option<Fanout>,
    /// Faults injected under the load; none by default.
    pub faults: Faults,
}

/// Faults of delivery injected under load, each through the model's own command for it, so
/// the run shows what the lessons show, at scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Faults {
    /// Percent of the events each catalog is delivered a second time (`redeliver`).
    pub duplicates: u32,
    /// Each projector crashes on this period, in ms (`crash`), and restarts from the
    /// checkpoint it saved; 0 for never.
    pub crash_every_ms: u64,
    /// Projectors save their checkpoint in a step apart from the cards (`checkpoint ...
    /// apart`) rather than in the same transaction (`with-view`, the default).
    pub checkpoint_apart: bool,
    /// Percent of the events each catalog cannot file (`poison`): it retries after 1, 2, 4
    /// and 8 ms, then parks the event and goes on. Healed and retried when the run ends.
    pub poison: u32,
    /// How the back office keeps its records: the log (event-sourced, the default), or
    /// tables and a stream published after the commit (dual write) or from an outbox.
    pub office: OfficeMode,
    /// The back office crashes right after a commit on this period, before publishing
    /// (`crash office`); 0 for never.
    pub office_crash_every_ms: u64,
}

impl Faults {
    /// Whether anything is injected, or the office is state-stored: a plain run reports none.
    pub fn any(&self) -> bool {
        self.duplicates > 0
            || self.crash_every_ms > 0
            || self.poison > 0
            || self.office_crash_every_ms > 0
            || self.office.is_state_stored()
    }

    fn validate(&self) -> Result<(), ParamError> {
        at_most("--duplicates", u64::from(self.duplicates), 100, " percent")?;
        at_most(
            "--crash-every",
            self.crash_every_ms,
            MAX_SECONDS * 1_000,
            " ms",
        )?;
        at_most("--poison", u64::from(self.poison), 100, " percent")?;
        at_most(
            "--office-crash-every",
            self.office_crash_every_ms,
            MAX_SECONDS * 1_000,
            " ms",
        )
    }
}

/// Patrons who follow authors, each with a notice board of the new books by the authors they
/// follow. Every patron follows the popular author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fanout {
    /// Patrons, each with a notice board.
    pub patrons: u32,
    /// Authors other than the popular one.
    pub authors: u32,
    /// How many of the other authors each patron follows.
    pub follows: u32,
    /// The popular author brings out a book this often.
    pub popular_every_ms: u64,
    /// Cards the notice-board clerk can pin each second.
    pub board_capacity: u64,
}

/// The bounds a value must keep: past them a run would take minutes or gigabytes, which is
/// never what someone at a terminal meant.
pub const MAX_SECONDS: u64 = 3_600;
pub const MAX_WRITES_PER_SEC: u64 = 20_000;
pub const MAX_READS_PER_SEC: u64 = 1_000_000;
pub const MAX_CAPACITY: u64 = 10_000_000;
pub const MAX_DELAY_MS: u64 = 60_000;
/// The whole log stays in memory: at most this many writes in a run.
pub const MAX_WRITES: u64 = 2_000_000;
/// Reads cost time: at most this many in a run (about a minute of wall time).
pub const MAX_READS: u64 = 200_000_000;
pub const MAX_BOOKS: u32 = 1_000_000;
pub const MAX_PATRONS: u32 = 1_000_000;

/// A simulation's parameter out of bounds, or values that cannot go together: said for the
/// person who typed them, with the flag and the bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamError {
    TooLarge {
        what: &'static str,
        value: u64,
        max: u64,
        unit: &'static str,
    },
    /// A value that must be at least 1 is 0, or a setting that cannot hold: the reason.
    Impossible(&'static str),
    MoreHotThanBooks {
        hot: u32,
        books: u32,
    },
    MoreFollowedThanAuthors {
        follows: u32,
        authors: u32,
    },
    UnknownPreset {
        name: String,
        hint: String,
        names: String,
    },
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamError::TooLarge {
                what,
                value,
                max,
                unit,
            } => write!(f, "{what} {value} is too large (at most {max}{unit})"),
            ParamError::Impossible(why) => f.write_str(why),
            ParamError::MoreHotThanBooks { hot, books } => {
                write!(f, "{hot} popular books, but only {books} books")
            }
            ParamError::MoreFollowedThanAuthors { follows, authors } => write!(
                f,
                "each patron follows {follows} authors, but there are only {authors}"
            ),
            ParamError::UnknownPreset { name, hint, names } => {
                write!(
                    f,
                    "unknown preset \"{name}\"{hint}; the presets are {names}"
                )
            }
        }
    }
}

impl std::error::Error for ParamError {}

fn at_most(what: &'static str, value: u64, max: u64, unit: &'static str) -> Result<(), ParamError> {
    if value > max {
        Err(ParamError::TooLarge {
            what,
            value,
            max,
            unit,
        })
    } else {
        Ok(())
    }
}

fn percent(what: &'static str, value: u32) -> Result<(), ParamError> {
    at_most(what, u64::from(value), 100, " percent")
}

pub(crate) fn check_rates(writes_per_sec: u64, reads_per_sec: u64) -> Result<(), ParamError> {
    at_most("--writes", writes_per_sec, MAX_WRITES_PER_SEC, " a second")?;
    at_most("--reads", reads_per_sec, MAX_READS_PER_SEC, " a second")
}

pub(crate) fn check_capacity(capacity: u64) -> Result<(), ParamError> {
    if capacity == 0 {
        return Err(ParamError::Impossible(
            "--capacity must be at least 1 event a second (a catalog that files nothing only grows \
             its lag)",
        ));
    }
    at_most("--capacity", capacity, MAX_CAPACITY, " events a second")
}

pub(crate) fn check_delay(delay_ms: u64, spread_ms: u64) -> Result<(), ParamError> {
    at_most("--delay", delay_ms, MAX_DELAY_MS, " ms")?;
    at_most("--spread", spread_ms, MAX_DELAY_MS, " ms")
}

impl Params {
    /// Checks every value; the message names the flag and the bound, for the person who typed it.
    pub fn validate(&self) -> Result<(), ParamError> {
        if self.seconds == 0 {
            return Err(ParamError::Impossible("--seconds must be at least 1"));
        }
        at_most("--seconds", self.seconds, MAX_SECONDS, " seconds")?;
        check_rates(self.writes_per_sec, self.reads_per_sec)?;
        check_capacity(self.capacity)?;
        check_delay(self.delay_ms, self.spread_ms)?;
        at_most(
            "writes over the run (--writes × --seconds):",
            self.writes_per_sec * self.seconds,
            MAX_WRITES,
            "",
        )?;
        at_most(
            "reads over the run (--reads × --seconds):",
            self.reads_per_sec * self.seconds,
            MAX_READS,
            "",
        )?;
        at_most("books", u64::from(self.books), u64::from(MAX_BOOKS), "")?;
        if self.hot_books > self.books {
            return Err(ParamError::MoreHotThanBooks {
                hot: self.hot_books,
                books: self.books,
            });
        }
        percent("the popular books' share", self.hot_share)?;
        percent("the lent target", self.lent_target)?;
        percent("the share of arrivals", self.arrivals)?;
        self.faults.validate()?;
        match &self.fanout {
            None if self.books == 0 => Err(ParamError::Impossible(
                "a library with no books has nothing to read or lend",
            )),
            None => Ok(()),
            Some(f) => f.validate(),
        }
    }
}

impl Fanout {
    fn validate(&self) -> Result<(), ParamError> {
        if self.patrons == 0 || self.authors == 0 {
            return Err(ParamError::Impossible(
                "notice boards need at least one patron and one author",
            ));
        }
        at_most(
            "patrons",
            u64::from(self.patrons),
            u64::from(MAX_PATRONS),
            "",
        )?;
        at_most(
            "authors",
            u64::from(self.authors),
            u64::from(MAX_PATRONS),
            "",
        )?;
        if self.follows > self.authors {
            return Err(ParamError::MoreFollowedThanAuthors {
                follows: self.follows,
                authors: self.authors,
            });
        }
        let pinned = u64::from(self.patrons) * (u64::from(self.follows) + 1);
        at_most("patrons × authors followed:", pinned, 20_000_000, "")?;
        if self.popular_every_ms == 0 {
            return Err(ParamError::Impossible(
                "the popular author needs at least 1 ms between books",
            ));
        }
        if self.board_capacity == 0 {
            return Err(ParamError::Impossible(
                "the notice-board clerk must pin at least 1 card a second",
            ));
        }
        at_most(
            "the notice boards' capacity",
            self.board_capacity,
            MAX_CAPACITY,
            " cards a second",
        )
    }
}
