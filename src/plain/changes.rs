//! What one step changed in the model, in words: the clock, the events appended, the back
//! office's records, and each catalog's checkpoint and cards filed, moved or dropped. The plain
//! tour and the handouts print this after a step instead of the whole model, which buries the
//! narration; `--full` prints the whole model instead.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Library, Projector};
use crate::transcript;

/// The changes from `before` to `after`, one line each; empty when nothing changed.
pub fn lines(before: &Library, after: &Library) -> Vec<String> {
    let mut lines = Vec::new();
    if before.now() != after.now() {
        lines.push(format!("Clock: tick {} to {}", before.now(), after.now()));
    }
    lines.extend(
        after
            .log()
            .after(before.head())
            .iter()
            .map(|e| format!("Appended {} (tick {})", transcript::event_line(e), e.tick)),
    );
    lines.extend(office_changes(before, after));
    let mut standings: Vec<(String, Vec<&str>)> = Vec::new();
    let mut cards_moved = Vec::new();
    for p in after.projectors() {
        let Some(old) = before.projector(&p.name) else {
            lines.push(format!(
                "New catalog {} (by {}): {}, {}",
                p.name,
                p.catalog.field().word(),
                cards(p.catalog.card_count()),
                transcript::catalog_standing(p, after.head())
            ));
            continue;
        };
        if let Some(standing) = standing_change(old, before.head(), p, after.head()) {
            // Catalogs that moved alike are one line: four catalogs falling behind together.
            match standings.iter_mut().find(|(s, _)| *s == standing) {
                Some((_, names)) => names.push(&p.name),
                None => standings.push((standing, vec![&p.name])),
            }
        }
        cards_moved.extend(card_changes_of(old, p));
    }
    for (standing, names) in standings {
        lines.push(format!("{}: {standing}", names.join(", ")));
    }
    lines.extend(cards_moved);
    lines
}

/// "1 card", "3 cards".
fn cards(n: usize) -> String {
    crate::words::plural(n, "card")
}

/// New records, and records whose line changed (state, title, author).
fn office_changes(before: &Library, after: &Library) -> Vec<String> {
    after
        .office()
        .books()
        .filter_map(|book| {
            let now = transcript::book_line(book);
            match before.office().book(book.id.as_str()) {
                None => Some(format!("Back office recorded {now}")),
                Some(old) if transcript::book_line(old) != now => {
                    Some(format!("Back office changed {now}"))
                }
                Some(_) => None,
            }
        })
        .collect()
}

/// A card as a change names it: the book and its title ("b1 \"Dune\""), and its whole line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Filed {
    name: String,
    line: String,
}

/// Every card of a catalog, keyed by book then drawer label.
fn card_map(p: &Projector) -> BTreeMap<String, BTreeMap<String, Filed>> {
    let mut map: BTreeMap<String, BTreeMap<String, Filed>> = BTreeMap::new();
    for (label, cards) in p.catalog.drawers() {
        for card in cards {
            let filed = Filed {
                name: format!("{} \"{}\"", card.book.as_str(), card.title),
                line: transcript::card_line(&card),
            };
            map.entry(card.book.as_str().to_string())
                .or_default()
                .insert(label.to_string(), filed);
        }
    }
    map
}

/// A catalog's standing after the step, when its checkpoint, delay or health changed. Each new
/// event moves the head; only a change of the catalog's own standing is news.
fn standing_change(old: &Projector, old_head: u64, new: &Projector, head: u64) -> Option<String> {
    let moved = old.checkpoint != new.checkpoint
        || old.delay != new.delay
        || old.paused != new.paused
        || old.health(old_head) != new.health(head);
    moved.then(|| transcript::catalog_standing(new, head))
}

/// The cards of one catalog filed, dropped, moved or updated, book by book.
fn card_changes_of(old: &Projector, new: &Projector) -> Vec<String> {
    let (before, after) = (card_map(old), card_map(new));
    let books: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let none = BTreeMap::new();
    books
        .into_iter()
        .flat_map(|book| {
            let was = before.get(book).unwrap_or(&none);
            let is = after.get(book).unwrap_or(&none);
            card_changes(&new.name, was, is)
        })
        .collect()
}

/// One book's cards in one catalog: filed, dropped, moved between drawers, or changed in place.
fn card_changes(
    catalog: &str,
    was: &BTreeMap<String, Filed>,
    is: &BTreeMap<String, Filed>,
) -> Vec<String> {
    let gone: Vec<&String> = was.keys().filter(|l| !is.contains_key(*l)).collect();
    let added: Vec<&String> = is.keys().filter(|l| !was.contains_key(*l)).collect();
    let mut lines = Vec::new();
    if let ([from], [to]) = (gone.as_slice(), added.as_slice()) {
        let name = &is[*to].name;
        lines.push(format!(
            "{catalog} moved {name} from \"{from}\" to \"{to}\""
        ));
    } else {
        for label in gone {
            let name = &was[label].name;
            lines.push(format!("{catalog} dropped {name} from \"{label}\""));
        }
        for label in added {
            let name = &is[label].name;
            lines.push(format!("{catalog} filed {name} under \"{label}\""));
        }
    }
    for (label, card) in is {
        if was.get(label).is_some_and(|old| old.line != card.line) {
            lines.push(format!("{catalog} updated the card: {}", card.line));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;

    fn after(session: &Session, script: &str) -> Session {
        let mut next = session.clone();
        next.execute_script(script).unwrap();
        next
    }

    #[test]
    fn an_acquisition_shows_its_event_and_record_and_no_card_yet() {
        let start = Session::new();
        let next = after(&start, "acquire b1 \"Dune\" by \"Frank Herbert\"\n");
        let lines = lines(start.library(), next.library());
        assert!(lines[0].starts_with("Appended #1 "), "{lines:#?}");
        assert!(
            lines[1].starts_with("Back office recorded b1"),
            "{lines:#?}"
        );
        assert!(lines.iter().all(|l| !l.contains("filed")), "{lines:#?}");
    }

    #[test]
    fn delivery_shows_the_checkpoint_and_the_cards_filed() {
        let start = after(
            &Session::new(),
            "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\n",
        );
        let next = after(&start, "tick\n");
        let lines = lines(start.library(), next.library());
        assert_eq!(lines[0], "Clock: tick 0 to 1", "{lines:#?}");
        assert!(
            lines
                .iter()
                .any(|l| l == "authors filed b1 \"Dune\" under \"Frank Herbert\""),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("authors, titles, subjects, shelf: checkpoint #2")),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_loan_reaching_the_catalogs_updates_one_card_and_moves_another() {
        let start = after(
            &Session::new(),
            "add-catalog states by status\nacquire b1 \"Dune\" by \"Frank Herbert\"\n\
             catalog b1\nsync shelf\nsync states\nlend b1 to ada\n",
        );
        let next = after(&start, "sync shelf\nsync states\n");
        let lines = lines(start.library(), next.library());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("shelf updated the card: b1 ")),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l == "states moved b1 \"Dune\" from \"available\" to \"lent\""),
            "{lines:#?}"
        );
    }

    #[test]
    fn nothing_changes_with_a_query() {
        let start = after(
            &Session::new(),
            "acquire b1 \"Dune\" by \"Frank Herbert\"\n",
        );
        let next = after(&start, "find authors \"Frank Herbert\"\n");
        assert_eq!(lines(start.library(), next.library()), Vec::<String>::new());
    }
}
