//! Tab completion for the prompt: given the text before the cursor and the library, the words
//! that may come next (commands, catalogs, book ids, patrons, keywords).

use super::lexer::{TokenKind, tokenize};
use super::parser::COMMAND_WORDS;
use crate::model::field::Field;

/// What completion needs to know of the library, kept apart so the language does not depend
/// on the model's types.
pub struct Names<'a> {
    pub catalogs: Vec<&'a str>,
    pub books: Vec<&'a str>,
    pub patrons: Vec<&'a str>,
}

/// The candidates for the word being typed at the end of `before`, and where it starts (a
/// character index), so the caller can replace it.
pub fn complete(before: &str, names: &Names<'_>) -> (usize, Vec<String>) {
    let ends_in_space = before.is_empty() || before.ends_with(char::is_whitespace);
    let Ok(tokens) = tokenize(before, 1) else {
        return (before.chars().count(), Vec::new());
    };
    if tokens
        .iter()
        .any(|t| matches!(t.kind, TokenKind::Quoted(_)))
        && !ends_in_space
    {
        return (before.chars().count(), Vec::new());
    }
    let words: Vec<String> = tokens
        .iter()
        .map(|t| match &t.kind {
            TokenKind::Word(w) => w.to_lowercase(),
            TokenKind::Quoted(_) => "\"".to_string(),
            TokenKind::Comma => ",".to_string(),
        })
        .collect();
    // The word being completed and the words before it.
    let (done, partial, start) = if ends_in_space {
        (&words[..], String::new(), before.chars().count())
    } else {
        let last = tokens.last().expect("not empty when not ending in space");
        (
            &words[..words.len() - 1],
            words[words.len() - 1].clone(),
            last.col - 1,
        )
    };
    let options: Vec<&str> = match (done.first().map(String::as_str), done.len()) {
        (None, _) => COMMAND_WORDS.to_vec(),
        (
            Some(
                "delay" | "lag" | "pause" | "resume" | "sync" | "find" | "show" | "damage"
                | "rebuild" | "redeliver" | "verify" | "checkpoint" | "reorder" | "poison" | "heal"
                | "retry",
            ),
            1,
        ) => names.catalogs.clone(),
        (Some("catalog" | "lend" | "return" | "withdraw" | "revise" | "show-book"), 1) => {
            names.books.clone()
        }
        (Some("crash"), 1) => {
            let mut options = names.catalogs.clone();
            options.push("office");
            options
        }
        (Some("office"), 1) => vec!["event-sourced", "state-stored"],
        (Some("office"), 2) if done[1] == "state-stored" => vec!["dual-write", "outbox"],
        (Some("catalog" | "return" | "withdraw"), 2) | (Some("lend" | "revise"), 4) => {
            vec!["expecting"]
        }
        (Some("lend"), 2) => vec!["to"],
        (Some("lend"), 3) => names.patrons.clone(),
        (Some("revise"), 2) => vec!["title", "author"],
        (Some("acquire"), 3) => vec!["by"],
        (Some("acquire"), 5) => vec!["about"],
        (Some("find"), 3) => vec!["after"],
        (Some("add-catalog"), 2) => vec!["by", "count"],
        (Some("checkpoint"), 2) => vec!["with-view", "apart"],
        (Some("add-catalog"), 3) => Field::ADDABLE.iter().map(|f| f.word()).collect(),
        _ => Vec::new(),
    };
    let mut found: Vec<String> = options
        .into_iter()
        .filter(|o| o.starts_with(&partial))
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    (start, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names<'static> {
        Names {
            catalogs: vec!["authors", "titles", "shelf"],
            books: vec!["b1", "b2"],
            patrons: vec!["ada"],
        }
    }

    #[test]
    fn the_first_word_completes_to_commands() {
        assert_eq!(complete("le", &names()), (0, vec!["lend".to_string()]));
        assert!(complete("", &names()).1.contains(&"acquire".to_string()));
    }

    #[test]
    fn catalog_commands_complete_catalog_names() {
        assert_eq!(
            complete("find ti", &names()),
            (5, vec!["titles".to_string()])
        );
        assert_eq!(
            complete("sync ", &names()).1,
            vec!["authors", "shelf", "titles"]
        );
    }

    #[test]
    fn lend_completes_books_then_to_then_patrons() {
        assert_eq!(complete("lend b", &names()).1, vec!["b1", "b2"]);
        assert_eq!(complete("lend b1 ", &names()).1, vec!["to"]);
        assert_eq!(
            complete("lend b1 to a", &names()),
            (11, vec!["ada".to_string()])
        );
    }

    #[test]
    fn nothing_is_offered_inside_a_string_or_after_a_complete_command() {
        assert!(complete("find titles \"Du", &names()).1.is_empty());
        assert!(complete("status ", &names()).1.is_empty());
    }

    #[test]
    fn the_write_side_completes_books_modes_office_and_expecting() {
        assert_eq!(complete("show-book ", &names()).1, vec!["b1", "b2"]);
        assert_eq!(complete("crash o", &names()).1, vec!["office"]);
        assert_eq!(
            complete("office s", &names()).1,
            vec!["state-stored".to_string()]
        );
        assert_eq!(
            complete("office state-stored ", &names()).1,
            vec!["dual-write", "outbox"]
        );
        assert_eq!(complete("lend b1 to ada e", &names()).1, vec!["expecting"]);
        assert_eq!(complete("return b1 ", &names()).1, vec!["expecting"]);
    }

    #[test]
    fn add_catalog_completes_the_fields() {
        assert_eq!(
            complete("add-catalog loans by p", &names()).1,
            vec!["patron"]
        );
    }
}
