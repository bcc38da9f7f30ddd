//! A challenge's conditions as sentences a learner reads on paper ("The shelf catalog shows b2
//! as available."), not as the condition language an author writes, which a handout would
//! otherwise print as code.

use crate::model::Condition;

/// One condition as a sentence, capitalized and ending in a full stop.
pub fn sentence(condition: &Condition) -> String {
    let clause = clause(condition);
    let mut chars = clause.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// The condition as a clause in lower case, so `not` can put it in a sentence of its own.
fn clause(condition: &Condition) -> String {
    match condition {
        Condition::BookIs {
            book,
            state,
            patron,
        } => match (state.word(), patron) {
            ("unknown", _) => format!("the back office has no record of {book}"),
            (_, Some(patron)) => format!("book {book} is {} to {patron}", state.word()),
            _ => format!("book {book} is {}", state.word()),
        },
        Condition::CatalogExists { catalog } => format!("a catalog named {catalog} exists"),
        Condition::CatalogIs { catalog, health } => {
            format!(
                "the {catalog} catalog is {}",
                health.word().replace('-', " ")
            )
        }
        Condition::CatalogHas { catalog, book } => {
            format!("the {catalog} catalog has a card for {book}")
        }
        Condition::CatalogShows {
            catalog,
            book,
            status,
        } => format!("the {catalog} catalog shows {book} as {}", status.word()),
        Condition::CatalogCheckpoint { catalog, seq } => {
            format!("the {catalog} catalog's checkpoint is #{seq}")
        }
        Condition::LogHead { seq } => format!("the log head is #{seq}"),
        Condition::LogHas { count, kind } => {
            let name = crate::model::EventKind::NAMES.get(*kind).unwrap_or(&"?");
            format!(
                "the log holds {count} {name} event{}",
                crate::words::plural_s(*count)
            )
        }
        Condition::LastIs { outcome } => format!("the last command was {}", outcome.word()),
        Condition::LastRejectedBy { rule } => {
            format!("the last command was refused by the rule {}", rule.slug())
        }
        Condition::AnswerStale { stale } => {
            format!(
                "the last answer is {}",
                if *stale { "stale" } else { "fresh" }
            )
        }
        Condition::AnswerCards { count } => format!(
            "the last answer holds {}",
            crate::words::plural(*count, "card")
        ),
        Condition::AnswerLists { book } => format!("the last answer lists {book}"),
        Condition::AnswerShows { book, status } => {
            format!("the last answer shows {book} as {}", status.word())
        }
        Condition::BookVersion { book, version } => {
            format!("the back office has {book} at version {version}")
        }
        Condition::CatalogMatchesTables { catalog } => {
            format!("the {catalog} catalog matches the back office's tables")
        }
        Condition::CatalogMatchesReplay { catalog } => {
            format!("`verify {catalog}` finds nothing wrong")
        }
        Condition::CatalogCounts {
            catalog,
            count,
            label,
        } => format!("the {catalog} catalog counts {count} under {label}"),
        Condition::OfficeIs { mode } => format!("the back office is {}", mode.words()),
        Condition::OfficeLost { count } => format!(
            "the back office has lost {} (committed, never published)",
            crate::words::plural(*count as usize, "event")
        ),
        Condition::OutboxHas { count: 0 } => "the outbox is empty".to_string(),
        Condition::OutboxHas { count } => format!(
            "the outbox holds {}",
            crate::words::plural(*count as usize, "event")
        ),
        Condition::Not(inner) => match inner.as_ref() {
            Condition::CatalogHas { catalog, book } => {
                format!("the {catalog} catalog has no card for {book}")
            }
            Condition::CatalogMatchesTables { catalog } => {
                format!("the {catalog} catalog differs from the back office's tables")
            }
            Condition::CatalogMatchesReplay { catalog } => {
                format!("`verify {catalog}` finds a difference")
            }
            other => format!("it is not so that {}", clause(other)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> String {
        sentence(&Condition::parse(text).unwrap())
    }

    #[test]
    fn conditions_read_as_sentences() {
        assert_eq!(said("book b2 is lent to cy"), "Book b2 is lent to cy.");
        assert_eq!(
            said("catalog shelf shows b2 as available"),
            "The shelf catalog shows b2 as available."
        );
        assert_eq!(
            said("catalog subjects is caught-up"),
            "The subjects catalog is caught up."
        );
        assert_eq!(
            said("last rejected by already-lent"),
            "The last command was refused by the rule already-lent."
        );
        assert_eq!(said("answer is fresh"), "The last answer is fresh.");
        assert_eq!(said("answer has 1 cards"), "The last answer holds 1 card.");
        assert_eq!(said("log head is 8"), "The log head is #8.");
        assert_eq!(
            said("catalog titles lacks b1"),
            "The titles catalog has no card for b1."
        );
        assert_eq!(
            said("not catalog branch exists"),
            "It is not so that a catalog named branch exists."
        );
    }
}
