//! `run --json`: one JSON object per executed line, serialized straight from borrowed structs
//! into the output, with no tree of values built per line. The fields of each struct are
//! declared in alphabetical order: the contract's lines have always listed their keys so
//! (serde_json's own map sorts them), and the output stays byte for byte what it was.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Serialize, Serializer};

use crate::model::{
    Answer, BookAnswer, BookState, Card, CatalogStatus, Commit, Delivery, Done, Event, FindAnswer,
    Library, Outcome, Published, Redelivery, ShowAnswer, Text, VerifyAnswer,
};
use crate::transcript;

/// One executed line. A field left `None` is not written.
#[derive(Serialize, Default)]
struct Line<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    against: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    book: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalogs: Option<Results<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checkpoint: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    committed: Option<EventJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<BTreeMap<&'a str, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    crashed: Option<bool>,
    #[serde(skip_serializing_if = "<[Delivery]>::is_empty")]
    #[serde(serialize_with = "deliveries")]
    delivered: &'a [Delivery],
    #[serde(skip_serializing_if = "Option::is_none")]
    differences: Option<Vec<String>>,
    /// The event a command appended: always written, empty for any other outcome.
    #[serde(serialize_with = "events")]
    events: Option<EventJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<u64>,
    input: &'a str,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lost: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outbox: Option<usize>,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parked: Option<&'a [u64]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patron: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// The events a tick's relay published from the outbox.
    #[serde(skip_serializing_if = "Option::is_none")]
    relayed: Option<Relayed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<Results<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    side: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tick: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u64>,
}

/// What a query answered, as the array under `results` (and `catalogs` for `status`).
#[derive(Serialize)]
#[serde(untagged)]
enum Results<'a> {
    Found(#[serde(serialize_with = "cards")] &'a [Card]),
    Shown(#[serde(serialize_with = "drawers")] &'a [(Text, Vec<Card>)]),
    Catalogs(#[serde(serialize_with = "rows")] &'a [CatalogStatus]),
}

#[derive(Serialize)]
struct CardJson<'a> {
    author: &'a str,
    book: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    drawer: Option<&'a str>,
    status: &'static str,
    #[serde(serialize_with = "texts")]
    subjects: &'a [Text],
    title: &'a str,
}

impl<'a> CardJson<'a> {
    fn of(card: &'a Card, drawer: Option<&'a str>) -> Self {
        CardJson {
            author: &card.author,
            book: card.book.as_str(),
            drawer,
            status: card.status.word(),
            subjects: &card.subjects,
            title: &card.title,
        }
    }
}

/// An event; `seq` is left out for one committed but not (yet) in the log.
#[derive(Serialize)]
struct EventJson<'a> {
    book: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    tick: u64,
}

impl<'a> EventJson<'a> {
    fn of(event: &'a Event, seq: Option<u64>) -> Self {
        EventJson {
            book: event.book.as_str(),
            kind: event.kind.name(),
            seq,
            tick: event.tick,
        }
    }
}

#[derive(Serialize)]
struct Relayed {
    from: u64,
    to: u64,
}

#[derive(Serialize)]
struct DeliveryJson<'a> {
    catalog: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    crashed: Option<u64>,
    from: u64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    parked: bool,
    to: u64,
}

/// A catalog's row of `status`. `lag` repeats `delay`, the name it had before.
#[derive(Serialize)]
struct RowJson<'a> {
    behind_events: u64,
    behind_ticks: u64,
    by: &'static str,
    cards: usize,
    catalog: &'a str,
    checkpoint: u64,
    delay: u64,
    head: u64,
    health: &'static str,
    lag: u64,
    parked: &'a [u64],
    stale: bool,
}

fn cards<S: Serializer>(cards: &&[Card], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cards.iter().map(|c| CardJson::of(c, None)))
}

fn drawers<S: Serializer>(drawers: &&[(Text, Vec<Card>)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        drawers
            .iter()
            .flat_map(|(label, cards)| cards.iter().map(move |c| CardJson::of(c, Some(&**label)))),
    )
}

fn texts<S: Serializer>(texts: &&[Text], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(texts.iter().map(|t| &**t))
}

fn rows<S: Serializer>(rows: &&[CatalogStatus], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(rows.iter().map(|r| RowJson {
        behind_events: r.behind_events,
        behind_ticks: r.behind_ticks,
        by: r.field.word(),
        cards: r.cards,
        catalog: &r.name,
        checkpoint: r.checkpoint,
        delay: r.delay,
        head: r.head,
        health: r.health.word(),
        lag: r.delay,
        parked: &r.parked,
        stale: r.checkpoint < r.head,
    }))
}

fn events<S: Serializer>(event: &Option<EventJson>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(event)
}

fn deliveries<S: Serializer>(delivered: &&[Delivery], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(delivered.iter().map(|d| DeliveryJson {
        catalog: &d.catalog,
        crashed: d.crashed,
        from: d.from,
        parked: d.parked,
        to: d.to,
    }))
}

/// Writes one executed line as the JSON object that `run --json`'s contract names, and a
/// newline. `scratch` is reused from line to line, so the output gets one write per line.
pub fn write_json_line(
    out: &mut dyn Write,
    scratch: &mut Vec<u8>,
    library: &Library,
    (line, input): (usize, &str),
    outcome: &Outcome,
) -> io::Result<()> {
    let mut json = Line {
        line,
        input,
        outcome: outcome.word(),
        delivered: outcome.delivered(),
        ..Line::default()
    };
    match outcome {
        Outcome::Accepted { seq, .. } => {
            json.events = library
                .log()
                .get(*seq)
                .map(|e| EventJson::of(e, Some(e.seq)));
        }
        Outcome::Committed { commit, .. } => committed(&mut json, commit),
        Outcome::Rejected(r) => {
            json.reason = Some(transcript::reason(r));
            json.rule = Some(r.rule.slug());
        }
        Outcome::Done { done, .. } => {
            json.message = Some(transcript::done_message(done));
            if let Done::Redelivered { effect, .. } = done {
                let skipped =
                    matches!(effect, Redelivery::Skipped { .. } | Redelivery::StaysParked);
                json.skipped = Some(skipped);
            }
            if let Done::Relayed { from, to, .. } = *done {
                json.relayed = Some(Relayed { from, to });
            }
        }
        Outcome::Answered(Answer::Find(f)) => found(&mut json, f),
        Outcome::Answered(Answer::Show(s)) => shown(&mut json, s),
        Outcome::Answered(Answer::Book(b)) => book(&mut json, b),
        Outcome::Answered(Answer::Verify(v)) => verified(&mut json, v),
        Outcome::Answered(Answer::Status(rows)) => status(&mut json, library, rows),
    }
    scratch.clear();
    serde_json::to_writer(&mut *scratch, &json)?;
    scratch.push(b'\n');
    out.write_all(scratch)
}

/// A commit where the log is not simply the record: the event committed, where it went
/// (`published`: now, outbox or lost) and whether the office crashed after it.
fn committed<'a>(json: &mut Line<'a>, commit: &'a Commit) {
    let event = &commit.event;
    if let Published::Now { seq } = commit.published {
        json.events = Some(EventJson::of(event, Some(seq)));
    }
    if let Published::Outbox { waiting } = commit.published {
        json.outbox = Some(waiting);
    }
    json.committed = Some(EventJson::of(event, None));
    json.published = Some(commit.published.word());
    json.crashed = Some(commit.crashed);
}

/// `show-book`: the back office's record, marked as a read of the write side.
fn book<'a>(json: &mut Line<'a>, b: &'a BookAnswer) {
    json.side = Some("write");
    json.book = Some(&b.book);
    json.version = Some(b.version);
    json.office = Some(b.mode.word());
    json.outbox = Some(b.waiting);
    if let Some(book) = &b.record {
        json.state = Some(book.state.word());
        json.title = Some(&book.title);
        json.author = Some(&book.author);
        if let BookState::Lent { patron } = &book.state {
            json.patron = Some(patron);
        }
    }
    json.lines = Some(transcript::book_answer_lines(b));
}

fn found<'a>(json: &mut Line<'a>, f: &'a FindAnswer) {
    json.catalog = Some(&f.catalog);
    json.results = Some(Results::Found(&f.cards));
    json.checkpoint = Some(f.checkpoint);
    json.head = Some(f.head);
    json.stale = Some(f.stale);
    json.after = f.after;
    json.count = f.count;
}

fn shown<'a>(json: &mut Line<'a>, s: &'a ShowAnswer) {
    json.catalog = Some(&s.catalog);
    json.results = Some(Results::Shown(&s.drawers));
    json.counts = s
        .counts
        .as_ref()
        .map(|counts| counts.iter().map(|(label, n)| (&**label, *n)).collect());
    json.checkpoint = Some(s.checkpoint);
    json.head = Some(s.head);
    json.stale = Some(s.stale);
    json.parked = Some(&s.parked);
}

fn verified<'a>(json: &mut Line<'a>, v: &'a VerifyAnswer) {
    json.catalog = Some(&v.catalog);
    json.checkpoint = Some(v.checkpoint);
    json.verified = Some(v.verified());
    json.against = Some(v.against.word());
    let differences = v.drift.iter().map(|d| transcript::drift_line(d, v.against));
    json.differences = Some(differences.collect());
}

/// `status` carries the fields every query does, for the whole library: the furthest-behind
/// checkpoint, and stale when any catalog is behind the head.
fn status<'a>(json: &mut Line<'a>, library: &Library, rows: &'a [CatalogStatus]) {
    let checkpoint = rows.iter().map(|r| r.checkpoint).min().unwrap_or(0);
    json.results = Some(Results::Catalogs(rows));
    json.catalogs = Some(Results::Catalogs(rows));
    json.checkpoint = Some(checkpoint);
    json.head = Some(library.head());
    json.stale = Some(checkpoint < library.head());
    json.tick = Some(library.now());
    json.office = Some(library.office_mode().word());
    json.outbox = Some(library.outbox_len());
    json.lost = Some(library.lost_events());
}
