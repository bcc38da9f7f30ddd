//! Outcomes and model state as plain text: the transcript of `run`, the state dumps of
//! `tour --plain`, and the lines the screens show for the last command. No escape codes.

use std::fmt;
use std::io;

use crate::model::{
    Against, Answer, BACKOFF, Book, BookAnswer, BookState, Card, CatalogStatus, Commit, Delivery,
    Detail, Done, Drift, Event, EventKind, Health, Library, OfficeMode, Outcome, Projector,
    Published, Redelivery, Rejection, Rule, ShowAnswer, Status, Text, VerifyAnswer,
};
use crate::words::plural_s;

/// An event's particulars in a few words, for the log panel and transcripts.
pub fn event_details(kind: &EventKind) -> String {
    Details(kind).to_string()
}

/// `event_details` as a value that writes itself, so a transcript of a million lines does not
/// build a string per event only to copy it out again.
struct Details<'a>(&'a EventKind);

impl fmt::Display for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            EventKind::BookAcquired {
                title,
                author,
                subjects,
            }
            | EventKind::BookCataloged {
                title,
                author,
                subjects,
            } => {
                write_all(f, &["\"", title, "\" by ", author])?;
                if !subjects.is_empty() {
                    f.write_str(" about ")?;
                    write_joined(f, subjects)?;
                }
                Ok(())
            }
            EventKind::BookLent { patron } => write_all(f, &["to ", patron]),
            EventKind::BookReturned { patron } => write_all(f, &["from ", patron]),
            EventKind::BookWithdrawn => Ok(()),
            EventKind::BookRevised { field, value } => {
                write!(f, "{} → \"{value}\"", field.word())
            }
        }
    }
}

/// A catalog's health in the words a person reads.
pub fn health_label(health: Health) -> String {
    match health {
        Health::CaughtUp => "caught up".to_string(),
        Health::Retrying { seq, next_try } => {
            format!("retrying #{seq} (next try at tick {next_try})")
        }
        Health::Parked { seq, more: 0 } => format!("parked #{seq}"),
        Health::Parked { seq, more } => format!("parked #{seq} and {more} more"),
        other => other.word().to_string(),
    }
}

/// Why the back office refused a command, in the librarian's words.
pub fn reason(rejection: &Rejection) -> String {
    let book = &rejection.book;
    match (rejection.rule, &rejection.detail) {
        (Rule::UniqueId, _) => format!("the id {book} is already used by another book"),
        (Rule::NameRequired, Detail::Field(field)) => {
            format!("the new {} must have some text", field.word())
        }
        (Rule::NameRequired, _) => {
            "a title, an author and each subject must have some text".to_string()
        }
        (Rule::MustBeAcquired, _) => {
            format!("the back office has no book {book}: acquire it first")
        }
        (Rule::WithdrawnIsFinal, _) => {
            format!("{book} was withdrawn: nothing more can happen to it")
        }
        (Rule::AlreadyCataloged, _) => format!("{book} is cataloged already"),
        (Rule::MustBeCataloged, _) => {
            format!("{book} is not cataloged yet: catalog it before lending it")
        }
        (Rule::AlreadyLent, Detail::Patron(patron)) => {
            format!("{book} is already lent to {patron}")
        }
        (Rule::AlreadyLent, _) => format!("{book} is already lent"),
        (Rule::NotLent, Detail::State(state)) => format!(
            "{book} is not lent out (it is {}), so it cannot be returned",
            state.word()
        ),
        (Rule::NotLent, _) => format!("{book} is not lent out, so it cannot be returned"),
        (Rule::LentCannotBeWithdrawn, Detail::Patron(patron)) => {
            format!("{book} is lent to {patron}: it must come back before it is withdrawn")
        }
        (Rule::LentCannotBeWithdrawn, _) => {
            format!("{book} is lent: it must come back before it is withdrawn")
        }
        (Rule::NothingToChange, Detail::Unchanged { field, value }) => {
            format!("the {} of {book} is already \"{value}\"", field.word())
        }
        (Rule::NothingToChange, _) => format!("nothing of {book} would change"),
        (Rule::VersionConflict, Detail::Version { expected, actual }) => format!(
            "{book} is at version {actual}, not {expected}: it changed since the command was \
             decided; look again (show-book {book}) and decide anew"
        ),
        (Rule::VersionConflict, _) => {
            format!("{book} changed since the command was decided")
        }
    }
}

/// What a command for the clock, the projectors or a catalog did, in one sentence.
pub fn done_message(done: &Done) -> String {
    match done {
        Done::Clock { now } => format!("the clock reads tick {now}"),
        Done::Delay { catalog, ticks: 0 } => {
            format!("{catalog}: events are now filed as part of the command that appends them")
        }
        Done::Delay { catalog, ticks } => format!(
            "{catalog}: events now reach it {ticks} tick{} after they are appended",
            plural_s(*ticks)
        ),
        Done::Paused { catalog } => {
            format!("{catalog} is paused: it files nothing until resumed")
        }
        Done::Resumed { catalog } => format!("{catalog} resumed"),
        Done::Synced { catalog, head } => format!("{catalog} synced to #{head}"),
        Done::NothingToDamage { catalog } => format!("{catalog} has no cards to damage"),
        Done::Damaged { catalog, damage } => format!(
            "{catalog} damaged: {} card{} lost, {} misfiled",
            damage.lost,
            plural_s(damage.lost),
            damage.misfiled
        ),
        Done::Rebuilt { catalog, replayed } => {
            format!("{catalog} rebuilt by replaying {replayed} events, then swapped in")
        }
        Done::Redelivered {
            catalog,
            seq,
            effect,
        } => redelivered(catalog, *seq, effect),
        Done::ReorderArmed { catalog } => format!(
            "{catalog}: the next two events due will arrive swapped; it files them in sequence"
        ),
        Done::Poisoned {
            catalog,
            seq,
            filed_already: true,
        } => format!(
            "{catalog} filed #{seq} already: the poison changes nothing (poison an event past \
             its checkpoint, one it has not filed)"
        ),
        Done::Poisoned { catalog, seq, .. } => format!(
            "{catalog} cannot file #{seq}: it will retry after {} ticks, then park it",
            backoff_words()
        ),
        Done::Healed {
            catalog,
            cured,
            retrying,
            parked,
        } => healed(catalog, cured, *retrying, *parked),
        Done::Retried {
            catalog,
            filed,
            still,
        } => retried(catalog, filed, still),
        Done::Added {
            catalog,
            field,
            counts: true,
            history,
            cards,
        } => format!(
            "{catalog} built from {history} events of history, counting by {}: {cards} number{}",
            field.word(),
            plural_s(*cards)
        ),
        Done::CheckpointMode {
            catalog,
            apart: false,
        } => format!("{catalog} saves its checkpoint with the cards, in one transaction"),
        Done::CheckpointMode {
            catalog,
            apart: true,
        } => format!("{catalog} saves its checkpoint apart, in a step after the cards"),
        Done::CrashArmed {
            catalog,
            apart: true,
        } => format!(
            "{catalog} will crash after filing its next event, before saving its checkpoint"
        ),
        Done::CrashArmed { catalog, .. } => format!(
            "{catalog} will crash filing its next event: cards and checkpoint lost together"
        ),
        Done::Added {
            catalog,
            field,
            counts: false,
            history,
            cards,
        } => format!(
            "{catalog} built from {history} events of history, filed by {}: {cards} card{}",
            field.word(),
            plural_s(*cards)
        ),
        office => office_message(office),
    }
}

/// `redeliver`, in one sentence: what the catalog made of the event it was sent again.
fn redelivered(catalog: &str, seq: u64, effect: &Redelivery) -> String {
    match effect {
        Redelivery::Skipped { checkpoint } => format!(
            "#{seq} reached {catalog} again and was skipped: it is at or below the \
             checkpoint #{checkpoint}, so it was filed already"
        ),
        Redelivery::Filed => {
            format!("#{seq} reached {catalog} early: the next event due, filed now")
        }
        Redelivery::Waits { next } => format!(
            "#{seq} reached {catalog} before #{next}: it waits, as events are filed \
             only in sequence, and is filed once in its turn"
        ),
        Redelivery::StaysParked => {
            format!("#{seq} reached {catalog} again and stays parked: heal, then retry, files it")
        }
        Redelivery::Retrying { next_try } => format!(
            "#{seq} reached {catalog} early and could not be filed: next try at tick \
             {next_try}"
        ),
        Redelivery::Parked => format!(
            "#{seq} reached {catalog} early and was parked behind an earlier parked \
             event of its book"
        ),
    }
}

/// `heal`, in one sentence: what was cured and what happens to the events it held back.
fn healed(catalog: &str, cured: &[u64], retrying: Option<(u64, u64)>, parked: usize) -> String {
    let mut said = if cured.is_empty() {
        format!("{catalog} had nothing it could not file")
    } else {
        format!("{catalog} is healed: it can file {}", seqs(cured))
    };
    if let Some((seq, at)) = retrying {
        said.push_str(&format!("; #{seq} is filed at its next try, tick {at}"));
    }
    if parked > 0 {
        let events = if parked == 1 {
            "event waits"
        } else {
            "events wait"
        };
        said.push_str(&format!("; {parked} parked {events} for `retry {catalog}`"));
    }
    said
}

/// `retry`, in one sentence: what was filed and what stays parked.
fn retried(catalog: &str, filed: &[u64], still: &[u64]) -> String {
    let mut said = if filed.is_empty() {
        format!("{catalog} filed no parked event")
    } else {
        format!("{catalog} filed the parked {} in order", seqs(filed))
    };
    if !still.is_empty() {
        said.push_str(&format!(
            "; {} stay{} parked (heal it first)",
            seqs(still),
            if still.len() == 1 { "s" } else { "" }
        ));
    }
    said
}

/// The waits between a poisoned event's tries, as the model's back-off has them: "1, 2, 4 and
/// 8".
fn backoff_words() -> String {
    let waits: Vec<String> = BACKOFF.iter().map(u64::to_string).collect();
    match waits.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// "#5", "#5, #7"
fn seqs(seqs: &[u64]) -> String {
    let words: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
    words.join(", ")
}

/// What a command of the write side, or one a state-stored office does its own way, did.
fn office_message(done: &Done) -> String {
    match done {
        Done::OfficeMode { mode } => mode_sentence(*mode).to_string(),
        Done::OfficeCrashArmed { mode } => format!(
            "the back office will crash right after its next commit, before publishing ({})",
            match mode {
                OfficeMode::EventSourced => {
                    "event-sourced: the commit is the append, so nothing is left to publish"
                }
                OfficeMode::DualWrite => "dual write: that event will never reach the stream",
                OfficeMode::Outbox => "outbox: the event waits in the outbox for the relay",
            }
        ),
        Done::Relayed { now, from, to } => format!(
            "the clock reads tick {now}; the relay published {} from the outbox to the stream",
            seq_range(*from, *to)
        ),
        Done::RebuiltFromTables { catalog, books } => format!(
            "{catalog} rebuilt from the tables ({books} record{}, the current state), then \
             swapped in",
            plural_s(*books)
        ),
        Done::CannotRebuild { catalog } => format!(
            "{catalog} cannot be rebuilt from the tables: the tables hold only the current \
             state, and a count needs every event that happened"
        ),
        Done::AddedFromTables {
            catalog,
            field,
            counts: true,
            ..
        } => format!(
            "{catalog} added, counting by {} from now on: the tables hold only the current \
             state, so what happened before cannot be counted",
            field.word()
        ),
        Done::AddedFromTables {
            catalog,
            field,
            books,
            cards,
            ..
        } => format!(
            "{catalog} built from the tables ({books} record{}, the current state), filed by \
             {}: {cards} card{}",
            plural_s(*books),
            field.word(),
            plural_s(*cards)
        ),
        other => unreachable!("{other:?} is worded by done_message"),
    }
}

/// What each way of keeping the back office's records means, in a sentence.
pub fn mode_sentence(mode: OfficeMode) -> &'static str {
    match mode {
        OfficeMode::EventSourced => {
            "the back office is event-sourced: the log is the record, and the back office is \
             derived from it"
        }
        OfficeMode::DualWrite => {
            "the back office keeps tables, the source of truth, and after each commit \
             publishes the event to the stream in a second write"
        }
        OfficeMode::Outbox => {
            "the back office keeps tables, the source of truth, and writes each event to an \
             outbox in the same commit; a relay publishes it on the next tick"
        }
    }
}

/// "#3" or "#3-#5".
fn seq_range(from: u64, to: u64) -> String {
    if from == to {
        format!("#{to}")
    } else {
        format!("#{from}-#{to}")
    }
}

/// A commit where the log is not simply the record: what was committed, then where the event
/// went.
pub fn commit_lines(commit: &Commit) -> Vec<String> {
    let event = &commit.event;
    let what = match commit.published {
        Published::Now { .. } => format!("accepted: {}", EventText(event)),
        _ => {
            let mut line = format!("accepted: committed {} {}", event.kind.name(), event.book);
            if !matches!(event.kind, EventKind::BookWithdrawn) {
                line.push_str(&format!(" {}", Details(&event.kind)));
            }
            line.push_str(" to the tables");
            line
        }
    };
    let fate = match (commit.published, commit.crashed) {
        (Published::Now { .. }, _) => "the back office crashed after the commit and restarted: \
             the event is in the log, nothing was lost"
            .to_string(),
        (Published::Outbox { waiting }, crashed) => format!(
            "{}the event waits in the outbox ({waiting} waiting); the relay publishes on the \
             next tick",
            if crashed {
                "the back office crashed after the commit, before publishing: "
            } else {
                "in the same commit, "
            }
        ),
        (Published::Lost, _) => "the back office crashed before publishing: the event never \
             reaches the stream, and no catalog will learn of it"
            .to_string(),
    };
    vec![what, fate]
}

/// Where a committed event went, in a few words (`commit_lines` says it whole), for a
/// panel short of room.
pub fn commit_fate(commit: &Commit) -> String {
    let crashed = if commit.crashed {
        "office crashed; "
    } else {
        ""
    };
    match commit.published {
        Published::Now { seq } => format!("{crashed}published as #{seq}"),
        Published::Outbox { waiting } => format!("{crashed}waits in the outbox ({waiting})"),
        Published::Lost => format!("{crashed}never published: lost"),
    }
}

/// `show-book`, a write-side read: the back office's record of one book, with its version.
pub fn book_answer_lines(answer: &BookAnswer) -> Vec<String> {
    let source = if answer.mode.is_state_stored() {
        "write side: the tables' row, not a catalog"
    } else {
        "write side: the back office's record, not a catalog"
    };
    let mut lines = vec![match &answer.record {
        Some(book) => format!(
            "answered ({source}): {} · version {}",
            book_line(book),
            answer.version
        ),
        None => format!(
            "answered ({source}): the back office has no book {} (version 0)",
            answer.book
        ),
    }];
    if answer.waiting > 0 {
        lines.push(format!(
            "  {} event{} of {} wait{} in the outbox",
            answer.waiting,
            plural_s(answer.waiting),
            answer.book,
            if answer.waiting == 1 { "s" } else { "" }
        ));
    }
    lines
}

/// What the log is in a sentence: "log", or "stream" where the tables are the record.
pub fn log_word(library: &Library) -> &'static str {
    if library.office_mode().is_state_stored() {
        "stream"
    } else {
        "log"
    }
}

/// What the event log is called where it is shown: the record in an event-sourced office, the
/// stream of published events where the tables are the record. A state-stored office adds
/// what waits in the outbox and what was lost.
pub fn log_title(library: &Library) -> String {
    let mode = library.office_mode();
    if !mode.is_state_stored() {
        return "Event log".to_string();
    }
    let mut title = "Published stream".to_string();
    if mode == OfficeMode::Outbox {
        title.push_str(&format!(" · outbox {}", library.outbox_len()));
    }
    if library.lost_events() > 0 {
        title.push_str(&format!(" · lost {}", library.lost_events()));
    }
    title
}

/// How a state-stored office stands: its mode, the outbox and what was lost. `None` for an
/// event-sourced office, whose log says it all.
pub fn office_line(library: &Library) -> Option<String> {
    let mode = library.office_mode();
    mode.is_state_stored().then(|| {
        format!(
            "back office: {}; outbox: {} waiting; lost: {} event{} committed and never published",
            mode.words(),
            library.outbox_len(),
            library.lost_events(),
            plural_s(library.lost_events())
        )
    })
}

/// One card on one line: id, title, author, subjects, status.
pub fn card_line(card: &Card) -> String {
    CardText(card).to_string()
}

struct CardText<'a>(&'a Card);

impl fmt::Display for CardText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let card = self.0;
        let book = card.book.as_str();
        // `{book:<5}`, written out: a find may list fifty cards, and the formatter's padding
        // path was a tenth of writing each.
        f.write_str(book)?;
        let pad = 5usize.saturating_sub(book.chars().count());
        f.write_str(&"     "[..pad])?;
        write_all(f, &[" \"", &card.title, "\" by ", &card.author])?;
        if !card.subjects.is_empty() {
            f.write_str(" [")?;
            write_joined(f, &card.subjects)?;
            f.write_str("]")?;
        }
        write_all(f, &[" · ", card.status.word()])
    }
}

pub fn event_line(event: &Event) -> String {
    EventText(event).to_string()
}

struct EventText<'a>(&'a Event);

impl fmt::Display for EventText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let event = self.0;
        let (name, book) = (event.kind.name(), event.book.as_str());
        let mut number = itoa::Buffer::new();
        write_all(f, &["#", number.format(event.seq), " ", name, " ", book])?;
        if !matches!(event.kind, EventKind::BookWithdrawn) {
            f.write_str(" ")?;
            Details(&event.kind).fmt(f)?;
        }
        Ok(())
    }
}

/// Writes the pieces as they are: the transcript's hottest lines are a few words and
/// numbers, and formatting each through `write!` cost more than writing it.
fn write_all(f: &mut fmt::Formatter<'_>, pieces: &[&str]) -> fmt::Result {
    pieces.iter().try_for_each(|piece| f.write_str(piece))
}

/// `items.join(", ")`, written where it goes instead of into a string of its own.
fn write_joined(f: &mut fmt::Formatter<'_>, items: &[Text]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(item)?;
    }
    Ok(())
}

/// What the catalogs took, a line each: "filed: authors #1-#2, shelf #3" and, when a projector
/// gave up on events, "parked: loans #5 (not filed: heal, then retry)".
pub fn delivery_lines(delivered: &[Delivery]) -> Vec<String> {
    let mut lines = Vec::new();
    let collected: io::Result<()> = write_deliveries(delivered, &mut |line| {
        lines.push(line.to_string());
        Ok(())
    });
    collected.expect("collecting into memory cannot fail");
    lines
}

fn write_deliveries(
    delivered: &[Delivery],
    line: &mut dyn FnMut(fmt::Arguments) -> io::Result<()>,
) -> io::Result<()> {
    if delivered.iter().any(|d| !d.parked) {
        line(format_args!("filed: {}", Deliveries(delivered, false)))?;
    }
    if delivered.iter().any(|d| d.parked) {
        let parked = Deliveries(delivered, true);
        line(format_args!(
            "parked: {parked} (not filed: heal, then retry)"
        ))?;
    }
    Ok(())
}

/// The runs of events filed (or, with `true`, parked): "authors #1-#2, shelf #3".
struct Deliveries<'a>(&'a [Delivery], bool);

impl fmt::Display for Deliveries<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (mut first, mut last) = (itoa::Buffer::new(), itoa::Buffer::new());
        let runs = self.0.iter().filter(|d| d.parked == self.1);
        for (i, d) in runs.enumerate() {
            let comma = if i == 0 { "" } else { ", " };
            let (from, to) = (first.format(d.from), last.format(d.to));
            if d.from == d.to {
                write_all(f, &[comma, &d.catalog, " #", to])?;
            } else {
                write_all(f, &[comma, &d.catalog, " #", from, "-#", to])?;
            }
            if let Some(seq) = d.crashed {
                write!(f, " (crashed filing #{seq}, restarted)")?;
            }
        }
        Ok(())
    }
}

/// How fresh an answer is, in words: checkpoint against what was asked for.
/// `log` names what the head is of: "log", or "stream" in a state-stored office (`log_word`).
pub fn freshness(log: &str, checkpoint: u64, head: u64, after: Option<u64>, stale: bool) -> String {
    match (after, stale) {
        (Some(seq), true) => {
            format!("checkpoint #{checkpoint}, you asked for #{seq}: not there yet, stale")
        }
        (Some(seq), false) => {
            format!("checkpoint #{checkpoint} has passed #{seq}: includes your write")
        }
        (None, true) => format!("checkpoint #{checkpoint} of {log} head #{head}: may be stale"),
        (None, false) => format!("checkpoint #{checkpoint} = {log} head: up to date"),
    }
}

pub fn status_table(rows: &[CatalogStatus]) -> Vec<String> {
    let mut lines = vec![format!(
        "{:<12} {:<8} {:>10} {:>6} {:>14} {:>5} {:>6}  {}",
        "catalog", "by", "checkpoint", "head", "behind", "delay", "cards", "health"
    )];
    for r in rows {
        lines.push(format!(
            "{:<12} {:<8} {:>10} {:>6} {:>14} {:>5} {:>6}  {}",
            r.name,
            r.field.word(),
            format!("#{}", r.checkpoint),
            format!("#{}", r.head),
            format!("{} ev, {} t", r.behind_events, r.behind_ticks),
            r.delay,
            r.cards,
            status_health(r)
        ));
    }
    lines
}

/// A status row's health, with the event a `reorder` left waiting: "behind, #8 buffered".
pub fn status_health(r: &CatalogStatus) -> String {
    match r.buffered {
        Some(seq) => format!("{}, #{seq} buffered", health_label(r.health)),
        None => health_label(r.health),
    }
}

/// The lines that describe an outcome, without the command itself.
pub fn outcome_lines(library: &Library, outcome: &Outcome) -> Vec<String> {
    let mut lines = Vec::new();
    let collected: io::Result<()> = write_outcome(library, outcome, &mut |line| {
        lines.push(line.to_string());
        Ok(())
    });
    collected.expect("collecting into memory cannot fail");
    lines
}

/// `outcome_lines` handed one line at a time to `line`, without building a string for each:
/// `run` writes its transcript through here, a million outcomes at a time.
pub fn write_outcome(
    library: &Library,
    outcome: &Outcome,
    line: &mut dyn FnMut(fmt::Arguments) -> io::Result<()>,
) -> io::Result<()> {
    let log = log_word(library);
    match outcome {
        Outcome::Accepted { seq, .. } => {
            if let Some(event) = library.log().get(*seq) {
                line(format_args!("accepted: {}", EventText(event)))?;
            }
        }
        Outcome::Committed { commit, .. } => {
            for l in commit_lines(commit) {
                line(format_args!("{l}"))?;
            }
        }
        Outcome::Answered(Answer::Book(b)) => {
            for l in book_answer_lines(b) {
                line(format_args!("{l}"))?;
            }
        }
        Outcome::Rejected(r) => line(format_args!("rejected ({}): {}", r.rule, reason(r)))?,
        // A rebuild the tables cannot do is refused, not done, though nothing is wrong with
        // the command itself.
        Outcome::Done {
            done: done @ Done::CannotRebuild { .. },
            ..
        } => line(format_args!("refused: {}", done_message(done)))?,
        Outcome::Done { done, .. } => line(format_args!("done: {}", done_message(done)))?,
        Outcome::Answered(Answer::Find(f)) if f.count.is_some() => line(format_args!(
            "answered: {} counts {} under \"{}\" ({})",
            f.catalog,
            f.count.unwrap_or(0),
            f.key,
            freshness(log, f.checkpoint, f.head, f.after, f.stale)
        ))?,
        Outcome::Answered(Answer::Show(ShowAnswer {
            counts: Some(counts),
            ..
        })) => {
            for l in count_lines(outcome, counts, log) {
                line(format_args!("{l}"))?;
            }
        }
        Outcome::Answered(Answer::Find(f)) => {
            let n = f.cards.len();
            line(format_args!(
                "answered: {n} card{} in {} under \"{}\" ({})",
                plural_s(n),
                f.catalog,
                f.key,
                freshness(log, f.checkpoint, f.head, f.after, f.stale)
            ))?;
            for card in &f.cards {
                line(format_args!("  {}", CardText(card)))?;
            }
        }
        Outcome::Answered(Answer::Show(s)) => write_show(s, log, line)?,
        Outcome::Answered(Answer::Verify(v)) => {
            for l in verify_lines(v) {
                line(format_args!("{l}"))?;
            }
        }
        Outcome::Answered(Answer::Status(rows)) => {
            let (now, head) = (library.now(), library.head());
            line(format_args!(
                "answered: clock at tick {now}, {log} head #{head}"
            ))?;
            for row in status_table(rows) {
                line(format_args!("  {row}"))?;
            }
            if let Some(office) = office_line(library) {
                line(format_args!("  {office}"))?;
            }
        }
    }
    write_deliveries(outcome.delivered(), line)
}

fn write_show(
    show: &crate::model::ShowAnswer,
    log: &str,
    line: &mut dyn FnMut(fmt::Arguments) -> io::Result<()>,
) -> io::Result<()> {
    let cards: usize = show.drawers.iter().map(|(_, c)| c.len()).sum();
    line(format_args!(
        "answered: {} filed by {}, {} drawer{}, {cards} card{} ({})",
        show.catalog,
        show.field.word(),
        show.drawers.len(),
        plural_s(show.drawers.len()),
        plural_s(cards),
        freshness(log, show.checkpoint, show.head, None, show.stale)
    ))?;
    if !show.parked.is_empty() {
        line(format_args!(
            "  parked, not filed: {} (heal, then retry)",
            seqs(&show.parked)
        ))?;
    }
    for (label, cards) in &show.drawers {
        line(format_args!("  \"{label}\""))?;
        for card in cards {
            line(format_args!("    {}", CardText(card)))?;
        }
    }
    Ok(())
}

/// A count catalog's `show`: the heading, then a line per label with its number.
fn count_lines(outcome: &Outcome, counts: &[(Text, u64)], log: &str) -> Vec<String> {
    let Outcome::Answered(Answer::Show(show)) = outcome else {
        return vec![];
    };
    let mut lines = vec![format!(
        "answered: {} counting by {}, {} label{} ({})",
        show.catalog,
        show.field.word(),
        counts.len(),
        plural_s(counts.len()),
        freshness(log, show.checkpoint, show.head, None, show.stale)
    )];
    if !show.parked.is_empty() {
        lines.push(format!(
            "  parked, not counted: {} (heal, then retry)",
            seqs(&show.parked)
        ));
    }
    lines.extend(
        counts
            .iter()
            .map(|(label, n)| format!("  \"{label}\": {n}")),
    );
    lines
}

/// How many lines of differences `verify` lists before it only counts the rest.
const DRIFT_SHOWN: usize = 6;

/// A `verify` in a few lines: the verdict with counts, then the first differences.
pub fn verify_lines(v: &VerifyAnswer) -> Vec<String> {
    let against = match v.against {
        Against::Log => format!("a replay of the log up to #{}", v.checkpoint),
        Against::Stream => format!("a replay of the stream up to #{}", v.checkpoint),
        Against::Tables => "the back office's tables".to_string(),
    };
    let late = match v.in_flight {
        0 => String::new(),
        n => format!(
            " ({n} event{} still on the way: a difference may only be late)",
            plural_s(n)
        ),
    };
    if v.verified() {
        return vec![format!(
            "answered: {} equals {against}: nothing lost, misfiled or extra{late}",
            v.catalog
        )];
    }
    let count = |pick: fn(&Drift) -> bool| v.drift.iter().filter(|d| pick(d)).count();
    let counts = [
        (count(|d| matches!(d, Drift::Lost { .. })), "lost"),
        (count(|d| matches!(d, Drift::Misfiled { .. })), "misfiled"),
        (count(|d| matches!(d, Drift::Extra { .. })), "extra"),
        (count(|d| matches!(d, Drift::Changed { .. })), "out of date"),
        (
            count(|d| matches!(d, Drift::Miscounted { .. })),
            "miscounted",
        ),
    ];
    let summary: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    let mut lines = vec![format!(
        "answered: {} differs from {against}: {}{late}",
        v.catalog,
        summary.join(", ")
    )];
    lines.extend(
        v.drift
            .iter()
            .take(DRIFT_SHOWN)
            .map(|d| format!("  {}", drift_line(d, v.against))),
    );
    if v.drift.len() > DRIFT_SHOWN {
        lines.push(format!("  ... and {} more", v.drift.len() - DRIFT_SHOWN));
    }
    lines
}

/// One difference `verify` found, in words, naming what the catalog was compared with: "the
/// replay" (of the log or the stream) or "the tables", with the verbs agreeing.
pub fn drift_line(drift: &Drift, against: Against) -> String {
    let (what, files, has, says, counts) = match against {
        Against::Tables => ("the tables", "file", "have", "say", "count"),
        Against::Log | Against::Stream => ("the replay", "files", "has", "says", "counts"),
    };
    match drift {
        Drift::Lost { book, label } => format!("lost: {book} is missing from \"{label}\""),
        Drift::Misfiled { book, found, right } => {
            format!("misfiled: {book} is under \"{found}\", {what} {files} it under \"{right}\"")
        }
        Drift::Extra { book, label } => {
            format!("extra: {book} is under \"{label}\", {what} {has} no such card")
        }
        Drift::Changed { book, found, right } => {
            let (card_says, should) = card_difference(found, right);
            format!("out of date: the card of {book} says {card_says}, {what} {says} {should}")
        }
        Drift::Miscounted {
            label,
            found,
            right,
        } => format!("miscounted: \"{label}\" counts {found}, {what} {counts} {right}"),
    }
}

/// What two cards of one book say differently, in words: the status when it differs (what a
/// patron acts on), else the title or the author.
fn card_difference(found: &Card, right: &Card) -> (String, String) {
    let status = |card: &Card| match &card.status {
        Status::Lent { patron } => format!("lent to {patron}"),
        other => other.word().to_string(),
    };
    if found.status != right.status {
        (status(found), status(right))
    } else if found.title != right.title {
        (
            format!("\"{}\"", found.title),
            format!("\"{}\"", right.title),
        )
    } else {
        (
            format!("by {}", found.author),
            format!("by {}", right.author),
        )
    }
}

/// A book's state in the back office, in words: "lent to ada".
pub fn book_state(state: &BookState) -> String {
    match state {
        BookState::Lent { patron } => format!("lent to {patron}"),
        other => other.word().to_string(),
    }
}

/// One back-office record on one line: id, title, author, subjects, state.
pub fn book_line(book: &Book) -> String {
    let mut line = format!(
        "{:<5} \"{}\" by {}",
        book.id.as_str(),
        book.title,
        book.author
    );
    if !book.subjects.is_empty() {
        line.push_str(&format!(" [{}]", book.subjects.join(", ")));
    }
    line.push_str(&format!(" · {}", book_state(&book.state)));
    line
}

/// A catalog's standing in words: "checkpoint #5 of log head #7 (2 behind), delay 1 tick,
/// behind": the delay is the setting, "behind" how far it actually is.
pub fn catalog_standing(p: &Projector, head: u64) -> String {
    let behind = head.saturating_sub(p.checkpoint);
    let behind = if behind == 0 {
        String::new()
    } else {
        format!(" ({behind} behind)")
    };
    let buffered = buffered_note(p).map_or(String::new(), |note| format!(", {note}"));
    format!(
        "checkpoint #{} of log head #{head}{behind}, delay {} tick{}, {}{buffered}",
        p.checkpoint,
        p.delay,
        plural_s(p.delay),
        health_label(p.health(head))
    )
}

/// What a `reorder` left waiting: "#6 arrived early and waits for #5".
pub fn buffered_note(p: &Projector) -> Option<String> {
    let seq = p.buffered()?;
    Some(format!(
        "#{seq} arrived early and waits for #{}",
        p.checkpoint + 1
    ))
}

/// The whole model as plain text: the back office's records, the event log, and every catalog
/// with its standing and cards. `tour --plain` prints it after each step; handouts reuse it.
pub fn state_lines(library: &Library) -> Vec<String> {
    let mut lines = Vec::new();
    let books: Vec<&Book> = library.office().books().collect();
    if books.is_empty() {
        lines.push("Back office: no books yet".to_string());
    } else {
        lines.push(format!(
            "Back office: {} book{}",
            books.len(),
            plural_s(books.len())
        ));
        lines.extend(books.iter().map(|b| format!("  {}", book_line(b))));
    }
    let head = library.head();
    let log = log_title(library);
    if head == 0 {
        lines.push(format!("{log}: empty, clock at tick {}", library.now()));
    } else {
        lines.push(format!(
            "{log}: head #{head}, clock at tick {}",
            library.now()
        ));
        lines.extend(
            library
                .log()
                .events()
                .iter()
                .map(|e| format!("  {} (tick {})", event_line(e), e.tick)),
        );
    }
    lines.push(format!("Catalogs: {}", library.projectors().len()));
    for p in library.projectors() {
        let cards = p.catalog.card_count();
        lines.push(format!(
            "  {} (by {}): {}; {cards} card{}",
            p.name,
            p.catalog.field().word(),
            catalog_standing(p, head),
            plural_s(cards)
        ));
        for (label, cards) in p.catalog.drawers() {
            lines.push(format!("    \"{label}\""));
            lines.extend(cards.iter().map(|c| format!("      {}", card_line(c))));
        }
    }
    lines
}
