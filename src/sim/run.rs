//! A running simulation: the library, the generated traffic and the counters, advanced one
//! simulated millisecond (one tick of the model) at a time, so a screen can step it and stay live.

use super::fanout::Boards;
use super::faults::{self, Injector, catalog};
use super::params::{self, Params};
use super::stats::{Amplification, LagHistogram, Sample, Summary, share};
use crate::model::language::Command;
use crate::model::{BookId, Capacity, Field, Library, Outcome, OutcomeKind, Status, Text};
use crate::rng::Rng;
use crate::sim::ParamError;

/// Subjects of generated books: a few, so each drawer of `subjects` holds many cards.
const SUBJECTS: [&str; 8] = [
    "history",
    "poetry",
    "science",
    "travel",
    "cooking",
    "mystery",
    "biography",
    "philosophy",
];

/// How many books a patron looks up on the shelf before giving up on borrowing.
const LEND_TRIES: usize = 8;

/// What the counters add up over a second, and over the run.
#[derive(Debug, Clone, Copy, Default)]
struct Counters {
    writes: u64,
    reads: u64,
    stale_reads: u64,
    rejected: u64,
    cards_filed: u64,
    stale_on_read: u64,
    lookups_on_read: u64,
    redelivered: u64,
    crashes: u64,
    /// The longest delivery lag of an event filed by any read model during the span.
    max_lag_ms: u64,
}

impl Counters {
    fn add(&mut self, other: &Counters) {
        self.writes += other.writes;
        self.reads += other.reads;
        self.stale_reads += other.stale_reads;
        self.rejected += other.rejected;
        self.cards_filed += other.cards_filed;
        self.stale_on_read += other.stale_on_read;
        self.lookups_on_read += other.lookups_on_read;
        self.redelivered += other.redelivered;
        self.crashes += other.crashes;
        self.max_lag_ms = self.max_lag_ms.max(other.max_lag_ms);
    }
}

/// The twitter preset's part: authors with followers, and their notice boards.
#[derive(Debug, Clone)]
struct Twitter {
    boards: Boards,
    /// Author names; 0 is the popular author.
    authors: Vec<Text>,
    /// Books cataloged by each author, as the back office accepted them: the truth a board
    /// read is checked against.
    published: Vec<u64>,
    next_popular_at: u64,
    popular_books: u64,
}

/// A simulation in progress. `advance` or `step_second` moves it on; `samples` and `summary`
/// say what happened; `library` is the model itself, for a screen that wants to show it.
#[derive(Debug, Clone)]
pub struct Simulation {
    params: Params,
    library: Library,
    rng: Rng,
    /// Every cataloged book patrons can pick; the first `hot_books` are the popular ones.
    books: Vec<BookId>,
    /// Whether each book in `books` is out, as the back office decided: the truth reads are
    /// checked against, kept beside `books` because looking every read up in the back office
    /// would cost more than the read. A test checks it against the back office.
    out: Vec<bool>,
    /// Positions in `books` of the books the desk has lent out.
    lent: Vec<u32>,
    /// A book acquired, to be cataloged by the next write, and its author.
    pending: Option<(BookId, u32)>,
    next_book: u64,
    /// Position of the shelf and of the authors catalog among the library's projectors.
    shelf: usize,
    authors_catalog: usize,
    /// For each read model (the library's catalogs, then the notice boards), the last event
    /// whose filing has been measured.
    measured: Vec<u64>,
    /// The log head once the library was set up: events before it are not traffic.
    setup_head: u64,
    lags: LagHistogram,
    second: Counters,
    totals: Counters,
    samples: Vec<Sample>,
    twitter: Option<Twitter>,
    faults: Injector,
    /// Crashes counted into the samples so far.
    crashes_seen: u64,
    /// How the run ended, once it has: settling it catches every catalog up.
    ending: Option<Ending>,
}

/// What the run's end found, before and after every catalog caught up.
#[derive(Debug, Clone)]
struct Ending {
    /// Events some catalog had not filed when the run ended.
    unfiled: u64,
    /// Events parked when the run ended, before they were healed and retried.
    parked: u64,
    /// The catalogs that differ from a replay of the log once caught up.
    diverged: Vec<String>,
}

/// The count catalog every simulated library has: loans per patron. A count is not
/// idempotent, so it is the read model a crash between filing and checkpoint can spoil.
pub const LOANS: &str = "loans";

/// Of `per_sec` events spread evenly over a second, how many fall in millisecond `ms`.
fn per_ms(per_sec: u64, ms: u64) -> u64 {
    (ms + 1) * per_sec / 1_000 - ms * per_sec / 1_000
}

/// Whether a shelf card tells a patron something other than the back office's truth about a
/// cataloged book (the simulator withdraws none): missing, or available when it is out, or
/// lent when it is back.
fn differs(card: Option<&Status>, out: bool) -> bool {
    match card {
        None => true,
        Some(Status::Available) => out,
        Some(Status::Lent { .. }) => !out,
        Some(Status::Withdrawn) => true,
    }
}

/// A library with the office's mode and the `loans` count catalog, before its first book.
fn empty_library(params: &Params) -> Library {
    let mut library = Library::new();
    library
        .set_office_mode(params.faults.office)
        .expect("a new library has committed nothing");
    let loans = Command::AddCount {
        name: catalog(LOANS),
        field: Field::Patron,
    };
    library.execute(&loans).expect("a new library has room");
    library
}

impl Simulation {
    /// Sets up the library (the books cataloged and every catalog caught up), then gives the
    /// catalogs their delay and capacity. Fails only on invalid parameters.
    pub fn new(params: Params) -> Result<Self, ParamError> {
        params.validate()?;
        let mut library = empty_library(&params);
        let mut sim = Simulation {
            rng: Rng::new(params.seed),
            faults: Injector::new(params.faults, params.seed, &mut library),
            library,
            books: Vec::with_capacity(params.books as usize),
            out: Vec::with_capacity(params.books as usize),
            lent: Vec::new(),
            pending: None,
            next_book: 0,
            shelf: 0,
            authors_catalog: 0,
            measured: Vec::new(),
            setup_head: 0,
            lags: LagHistogram::default(),
            second: Counters::default(),
            totals: Counters::default(),
            samples: Vec::new(),
            twitter: None,
            crashes_seen: 0,
            ending: None,
            params,
        };
        sim.stock();
        let names = sim.catalog_names();
        sim.shelf = names.iter().position(|n| n == "shelf").expect("built in");
        sim.authors_catalog = names.iter().position(|n| n == "authors").expect("built in");
        sim.setup_head = sim.library.head();
        sim.faults.start_after(sim.setup_head);
        let read_models = names.len() + usize::from(sim.params.fanout.is_some());
        sim.measured = vec![sim.setup_head; read_models];
        if let Some(fanout) = sim.params.fanout.clone() {
            let authors: Vec<Text> = std::iter::once(Text::from("popular author"))
                .chain((1..=fanout.authors).map(|a| Text::from(format!("author {a}"))))
                .collect();
            let slowest = sim.params.delay_ms + sim.params.spread_ms;
            let mut boards = Boards::new(&fanout, &authors, &mut sim.rng, slowest);
            boards.skip_to(sim.setup_head);
            sim.twitter = Some(Twitter {
                boards,
                published: vec![0; authors.len()],
                authors,
                next_popular_at: fanout.popular_every_ms / 2,
                popular_books: 0,
            });
        }
        let (delay, spread, capacity) = (
            sim.params.delay_ms,
            sim.params.spread_ms,
            sim.params.capacity,
        );
        sim.apply_delay(delay, spread);
        sim.apply_capacity(capacity);
        Ok(sim)
    }

    /// The preset's books, acquired, cataloged and filed in every catalog. Setting up is not
    /// traffic: these commands are executed, not sent, so nothing counts.
    fn stock(&mut self) {
        for _ in 0..self.params.books {
            let (book, acquire) = self.next_acquisition(0);
            self.execute(&acquire);
            self.execute(&Command::Catalog {
                book: book.to_string(),
            });
            self.books.push(self.office_id(book));
            self.out.push(false);
        }
        // An outbox office publishes on the tick: the relay runs now, the clock stays at 0.
        self.execute(&Command::Tick { ticks: 0 });
        for name in &self.catalog_names() {
            self.execute(&Command::Sync {
                catalog: catalog(name),
            });
        }
    }

    /// A simulation run to its end.
    pub fn run(params: Params) -> Result<Self, ParamError> {
        let mut sim = Simulation::new(params)?;
        sim.run_to_end();
        Ok(sim)
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The model the traffic runs through.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// One sample per simulated second so far.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// Simulated milliseconds since the traffic started.
    pub fn elapsed_ms(&self) -> u64 {
        self.library.now()
    }

    /// Whether the `seconds` asked for have been simulated. A screen may go on regardless.
    pub fn is_done(&self) -> bool {
        self.elapsed_ms() >= self.params.seconds * 1_000
    }

    /// Simulates `ms` more milliseconds, closing a sample at each whole second.
    pub fn advance(&mut self, ms: u64) {
        for _ in 0..ms {
            self.step_ms();
        }
    }

    /// Simulates up to the end of the current second and returns its sample.
    pub fn step_second(&mut self) -> &Sample {
        let into = self.elapsed_ms() % 1_000;
        self.advance(1_000 - into);
        self.samples.last().expect("a second was closed")
    }

    pub fn run_to_end(&mut self) {
        let end = self.params.seconds * 1_000;
        let left = end.saturating_sub(self.elapsed_ms());
        self.advance(left);
    }

    /// Changes the traffic from the next millisecond on.
    pub fn set_rates(&mut self, writes_per_sec: u64, reads_per_sec: u64) -> Result<(), ParamError> {
        params::check_rates(writes_per_sec, reads_per_sec)?;
        self.params.writes_per_sec = writes_per_sec;
        self.params.reads_per_sec = reads_per_sec;
        Ok(())
    }

    /// Changes every catalog's capacity (events a second) from now on.
    pub fn set_capacity(&mut self, events_per_sec: u64) -> Result<(), ParamError> {
        params::check_capacity(events_per_sec)?;
        self.apply_capacity(events_per_sec);
        self.note_filed();
        Ok(())
    }

    /// Changes the delivery delay: events appended already are due on the new delay too, as
    /// the model's `lag` command does.
    pub fn set_delay(&mut self, delay_ms: u64, spread_ms: u64) -> Result<(), ParamError> {
        params::check_delay(delay_ms, spread_ms)?;
        self.apply_delay(delay_ms, spread_ms);
        self.note_filed();
        Ok(())
    }

    /// Each book the simulator generated, and whether the desk has it out: for tests that
    /// check the simulator's truth against the back office's.
    pub fn books_out(&self) -> impl Iterator<Item = (&BookId, bool)> {
        self.books.iter().zip(self.out.iter().copied())
    }

    /// The run so far, summed up.
    pub fn summary(&self) -> Summary {
        let t = &self.totals;
        let amplification = self.twitter.as_ref().map(|tw| {
            let b = &tw.boards;
            Amplification {
                events_fanned: b.events_fanned,
                cards_filed: b.cards_filed,
                cards_per_event: share(b.cards_filed, b.events_fanned),
                popular_books: tw.popular_books,
                cards_per_popular_book: b.followers_of(0) as u64,
                lookups_per_read_on_write: if t.reads > 0 { 1.0 } else { 0.0 },
                lookups_per_read_on_read: share(t.lookups_on_read, t.reads),
                stale_share_on_read: share(t.stale_on_read, t.reads),
            }
        });
        Summary {
            preset: self.params.preset,
            seconds: self.samples.len() as u64,
            writes: t.writes,
            reads: t.reads,
            events: self.library.head() - self.setup_head,
            rejected: t.rejected,
            stale_reads: t.stale_reads,
            stale_share: share(t.stale_reads, t.reads),
            lag_ms_p50: self.lags.percentile(50),
            lag_ms_p99: self.lags.percentile(99),
            lag_ms_max: self.lags.max(),
            lag_events_max: self.samples.iter().map(|s| s.lag_events).max().unwrap_or(0),
            unfiled: self
                .ending
                .as_ref()
                .map_or_else(|| self.library.head() - self.worst().1, |e| e.unfiled),
            redelivered: t.redelivered,
            crashes: t.crashes,
            lost_events: self.library.lost_events(),
            office_crashes: self.library.office_crashes(),
            office: self.library.office_mode(),
            parked: self
                .ending
                .as_ref()
                .map_or_else(|| faults::parked(&self.library), |e| e.parked),
            diverged: self.ending.as_ref().map(|e| e.diverged.clone()),
            amplification,
        }
    }

    fn apply_delay(&mut self, delay_ms: u64, spread_ms: u64) {
        self.params.delay_ms = delay_ms;
        self.params.spread_ms = spread_ms;
        // The shelf last: it is the catalog patrons read, so it gets the slowest delay, and
        // stale reads measure the whole spread.
        let mut names = self.catalog_names();
        names.sort_by_key(|name| name == "shelf");
        let last = names.len().saturating_sub(1).max(1) as u64;
        for (i, name) in names.iter().enumerate() {
            let ticks = delay_ms + spread_ms * i as u64 / last;
            self.execute(&Command::Delay {
                catalog: catalog(name),
                ticks,
            });
        }
        if let Some(tw) = &mut self.twitter {
            tw.boards.lag = delay_ms + spread_ms;
        }
    }

    fn catalog_names(&self) -> Vec<String> {
        faults::catalog_names(&self.library)
    }

    fn apply_capacity(&mut self, events_per_sec: u64) {
        self.params.capacity = events_per_sec;
        let names = self.catalog_names();
        for name in &names {
            self.library
                .set_capacity(name, Some(Capacity::new(events_per_sec, 1_000)));
        }
    }

    fn execute(&mut self, command: &Command) -> Outcome {
        faults::execute(&mut self.library, command)
    }

    /// One simulated millisecond: its writes and reads, interleaved evenly, then the clock
    /// moves on and the projectors file what has come due.
    fn step_ms(&mut self) {
        let ms = self.elapsed_ms() % 1_000;
        let writes = per_ms(self.params.writes_per_sec, ms);
        let reads = per_ms(self.params.reads_per_sec, ms);
        let total = writes + reads;
        for k in 0..total {
            if (k + 1) * writes / total > k * writes / total {
                self.write();
            } else if self.twitter.is_some() {
                self.read_board();
            } else {
                self.read_shelf();
            }
        }
        self.faults.crash_due(&mut self.library);
        self.execute(&Command::Tick { ticks: 1 });
        self.faults.appended(&mut self.library);
        self.catch_up_boards();
        self.note_filed();
        if self.elapsed_ms().is_multiple_of(1_000) {
            self.close_second();
        }
        if self.ending.is_none() && self.is_done() {
            self.settle();
        }
    }

    /// Sends one command to the back office and lets lag-free catalogs and boards file it.
    fn send(&mut self, command: Command) -> Outcome {
        let outcome = self.execute(&command);
        self.faults.appended(&mut self.library);
        self.second.writes += 1;
        if outcome.kind() == OutcomeKind::Rejected {
            self.second.rejected += 1;
        }
        self.catch_up_boards();
        self.note_filed();
        outcome
    }

    /// One write: catalog the book acquired last, bring in a new one, lend or take a return.
    fn write(&mut self) {
        if let Some((book, author)) = self.pending.take() {
            let outcome = self.send(Command::Catalog {
                book: book.to_string(),
            });
            if outcome.kind() == OutcomeKind::Accepted {
                self.books.push(self.office_id(book));
                self.out.push(false);
                if let Some(tw) = &mut self.twitter {
                    tw.published[author as usize] += 1;
                }
            }
            return;
        }
        if self.twitter.is_some() || self.rng.chance(self.params.arrivals) {
            let now = self.elapsed_ms();
            let author = self.author_of_next_book(now);
            let (book, acquire) = self.next_acquisition(author);
            if self.send(acquire).kind() == OutcomeKind::Accepted {
                self.pending = Some((book, author));
            }
            return;
        }
        let lending = (self.lent.len() as u64) * 100
            < u64::from(self.params.lent_target) * self.books.len() as u64;
        if lending {
            if !self.try_lend() {
                self.take_return();
            }
        } else if !self.take_return() {
            self.try_lend();
        }
    }

    /// Who wrote the next book: for twitter, the popular author when her next book is due,
    /// otherwise anyone; for a plain library, one author per twenty books.
    fn author_of_next_book(&mut self, now: u64) -> u32 {
        let Some(tw) = &mut self.twitter else {
            return 0;
        };
        let fanout = self.params.fanout.as_ref().expect("twitter has a fan-out");
        if now >= tw.next_popular_at {
            tw.next_popular_at += fanout.popular_every_ms;
            tw.popular_books += 1;
            0
        } else {
            1 + self.rng.below(u64::from(fanout.authors)) as u32
        }
    }

    /// The next book's id and the command that acquires it.
    fn next_acquisition(&mut self, author: u32) -> (BookId, Command) {
        let n = self.next_book;
        self.next_book += 1;
        let author = match &self.twitter {
            Some(tw) => tw.authors[author as usize].to_string(),
            None => format!("author {}", n / 20),
        };
        let id = format!("b{n}");
        let book = BookId::new(&id);
        let command = Command::Acquire {
            book: id,
            title: format!("book {n}"),
            author,
            subjects: vec![SUBJECTS[n as usize % SUBJECTS.len()].to_string()],
        };
        (book, command)
    }

    /// A book picked as patrons pick: the popular ones more often.
    fn pick(&mut self) -> usize {
        let hot = u64::from(self.params.hot_books).min(self.books.len() as u64);
        if hot > 0 && self.rng.chance(self.params.hot_share) {
            self.rng.below(hot) as usize
        } else {
            self.rng.below(self.books.len() as u64) as usize
        }
    }

    fn shelf_status(&self, book: &BookId) -> Option<&Status> {
        self.library.projectors()[self.shelf]
            .catalog
            .status_for(book)
    }

    /// The id the back office gave a book it accepted, with its accession number: what a
    /// catalog files the card at.
    fn office_id(&self, book: BookId) -> BookId {
        self.library
            .office()
            .book(book.as_str())
            .map_or(book, |b| b.id.clone())
    }

    /// A patron looks books up on the shelf and asks the desk for the first one shown
    /// available. The desk refuses it when the card was stale. False if nothing looked free.
    fn try_lend(&mut self) -> bool {
        for _ in 0..LEND_TRIES {
            if self.books.is_empty() {
                return false;
            }
            let i = self.pick();
            if self.shelf_status(&self.books[i]) != Some(&Status::Available) {
                continue;
            }
            let patron = format!("p{}", self.rng.below(10_000));
            let outcome = self.send(Command::Lend {
                book: self.books[i].to_string(),
                patron,
            });
            if outcome.kind() == OutcomeKind::Accepted {
                self.lent.push(i as u32);
                self.out[i] = true;
            }
            return true;
        }
        false
    }

    /// A patron brings a book back. False if none is out.
    fn take_return(&mut self) -> bool {
        if self.lent.is_empty() {
            return false;
        }
        let j = self.rng.below(self.lent.len() as u64) as usize;
        let i = self.lent.swap_remove(j) as usize;
        let outcome = self.send(Command::Return {
            book: self.books[i].to_string(),
        });
        if outcome.kind() == OutcomeKind::Accepted {
            self.out[i] = false;
        }
        true
    }

    /// A patron checks a book on the shelf catalog; stale if it says other than the desk.
    fn read_shelf(&mut self) {
        let i = self.pick();
        let stale = differs(self.shelf_status(&self.books[i]), self.out[i]);
        self.second.reads += 1;
        self.second.stale_reads += u64::from(stale);
    }

    /// A patron reads their notice board. Answered from the board (fan-out on write), and also
    /// as fan-out on read would answer it: a lookup in `authors` for each author followed.
    fn read_board(&mut self) {
        let Some(fanout) = &self.params.fanout else {
            return;
        };
        let patron = self.rng.below(u64::from(fanout.patrons)) as u32;
        let tw = self.twitter.as_ref().expect("board reads are twitter's");
        let authors = &self.library.projectors()[self.authors_catalog].catalog;
        let followed = tw.boards.followed(patron);
        let mut truth = 0;
        let mut on_read = 0;
        for &a in followed {
            truth += tw.published[a as usize];
            on_read += authors.cards_in(&tw.authors[a as usize]).count() as u64;
        }
        let on_write = tw.boards.board(patron);
        self.second.reads += 1;
        self.second.lookups_on_read += followed.len() as u64;
        self.second.stale_reads += u64::from(on_write != truth);
        self.second.stale_on_read += u64::from(on_read != truth);
    }

    fn catch_up_boards(&mut self) {
        if let Some(tw) = &mut self.twitter {
            let now = self.library.now();
            self.second.cards_filed += tw.boards.catch_up(self.library.log(), now);
        }
    }

    /// The furthest-behind read model: its name and checkpoint. Of catalogs equally far
    /// behind, the one with the longest delay, which will stay behind longest.
    fn worst(&self) -> (&str, u64) {
        let mut worst = self
            .library
            .projectors()
            .iter()
            .min_by_key(|p| (p.checkpoint, std::cmp::Reverse(p.delay)))
            .map_or(("", self.library.head()), |p| {
                (p.name.as_str(), p.checkpoint)
            });
        if let Some(tw) = &self.twitter
            && tw.boards.checkpoint <= worst.1
        {
            worst = ("notice boards", tw.boards.checkpoint);
        }
        worst
    }

    /// Records the delivery lag of every event each read model has just filed: how old the
    /// news was when it reached that catalog.
    fn note_filed(&mut self) {
        let now = self.library.now();
        let log = self.library.log();
        let boards = self.twitter.as_ref().map(|tw| tw.boards.checkpoint);
        let catalogs = self.library.projectors().len();
        let checkpoints = self
            .library
            .projectors()
            .iter()
            .map(|p| p.checkpoint)
            .chain(boards);
        for (i, (measured, checkpoint)) in self.measured.iter_mut().zip(checkpoints).enumerate() {
            while *measured < checkpoint {
                *measured += 1;
                let lag = log.get(*measured).map_or(0, |e| now - e.tick);
                self.lags.record(lag);
                self.second.max_lag_ms = self.second.max_lag_ms.max(lag);
                if i < catalogs {
                    self.faults.filed(i, *measured);
                }
            }
        }
        self.second.redelivered += self.faults.deliver_again(&mut self.library);
    }

    /// The run's end: what was left unfiled, then every catalog caught up and verified. The
    /// samples are closed; going on afterwards (a screen may) starts from caught-up catalogs.
    fn settle(&mut self) {
        let unfiled = self.library.head() - self.worst().1;
        let parked = faults::parked(&self.library);
        let diverged = faults::settle(&mut self.library);
        // The final catch-up is not traffic: its filings are not delivery lags.
        self.measured.fill(self.library.head());
        self.ending = Some(Ending {
            unfiled,
            parked,
            diverged,
        });
    }

    fn close_second(&mut self) {
        let crashes = faults::crashes(&self.library);
        self.second.crashes = crashes - self.crashes_seen;
        self.crashes_seen = crashes;
        let now = self.library.now();
        let head = self.library.head();
        let (worst, low) = self.worst();
        let waiting = self
            .library
            .log()
            .get(low + 1)
            .map_or(0, |e| now.saturating_sub(e.tick));
        let c = self.second;
        let twitter = self.twitter.is_some();
        self.samples.push(Sample {
            t: now / 1_000,
            writes: c.writes,
            reads: c.reads,
            head,
            lag_events: head - low,
            lag_ms: c.max_lag_ms.max(waiting),
            worst: worst.to_string(),
            stale_reads: c.stale_reads,
            rejected: c.rejected,
            redelivered: c.redelivered,
            crashes: c.crashes,
            parked: faults::parked(&self.library),
            cards_filed: twitter.then_some(c.cards_filed),
            stale_reads_on_read: twitter.then_some(c.stale_on_read),
        });
        self.totals.add(&c);
        self.second = Counters::default();
    }
}
