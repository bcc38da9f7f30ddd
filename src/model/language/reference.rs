//! The language in brief, as a learner at a prompt needs it: each command's form and what it
//! does, grouped by side. Kept beside the parser so a new command cannot miss its line.

/// A group of commands: its heading, then (form, what it does) for each.
pub type Group = (&'static str, &'static [(&'static str, &'static str)]);

pub const REFERENCE: [Group; 6] = [
    (
        "Back office (write side): accepted or rejected",
        &[
            (
                "acquire <book> \"<title>\" by \"<author>\" [about \"<subject>\", ...]",
                "a new book",
            ),
            ("catalog <book>", "ready for the catalogs"),
            ("lend <book> to <patron>", "lend it out"),
            ("return <book>", "back on the shelf"),
            ("withdraw <book>", "gone for good"),
            ("revise <book> title|author \"<new value>\"", "fix it"),
        ],
    ),
    (
        "Synchronization: the clock and the projectors",
        &[
            ("tick [<n>]", "advance the clock; file what is due"),
            ("delay <catalog> <ticks>", "how late events arrive"),
            ("pause <catalog> | resume <catalog>", "stop, restart"),
            ("sync <catalog>", "file everything now"),
        ],
    ),
    (
        "Read side (queries): they never touch the back office",
        &[
            (
                "find <catalog> \"<key>\" [after <seq>]",
                "look up cards; says if it may be stale",
            ),
            ("show <catalog>", "every card, drawer by drawer"),
            ("status", "each catalog's checkpoint, lag and health"),
        ],
    ),
    (
        "Recovery and change",
        &[
            ("damage <catalog>", "lose and misfile cards"),
            ("rebuild <catalog>", "replay the log into a fresh copy"),
            ("add-catalog <name> by|count <field>", "from history"),
        ],
    ),
    (
        "Faults of delivery",
        &[
            ("redeliver <catalog> <seq>", "#seq arrives again"),
            ("crash <catalog>", "dies before its checkpoint"),
            ("checkpoint <catalog> with-view|apart", "saved where"),
            ("reorder <catalog>", "the next two arrive swapped"),
            ("poison <catalog> <seq>", "#seq cannot be filed"),
            ("heal <catalog> | retry <catalog>", "cure; refile"),
            ("verify <catalog>", "compare with a replay of the log"),
        ],
    ),
    (
        "Write side: versions and how records are kept",
        &[
            (
                "<back-office command> expecting <version>",
                "refused unless the book is at that version",
            ),
            ("show-book <book>", "the back office's record and version"),
            (
                "office event-sourced|state-stored dual-write|state-stored outbox",
                "how records are kept (before the first command)",
            ),
            (
                "crash office",
                "dies after its next commit, before publishing",
            ),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::language::COMMAND_WORDS;

    #[test]
    fn every_command_word_has_a_line_in_the_reference() {
        let firsts: Vec<&str> = REFERENCE
            .iter()
            .flat_map(|(_, lines)| lines.iter())
            .flat_map(|(form, _)| form.split(" | "))
            .filter_map(|form| form.split_whitespace().next())
            // `<back-office command> expecting ...` adds to commands listed already, and
            // `crash office` is the second form of `crash`.
            .filter(|word| !word.starts_with('<'))
            .collect();
        for word in COMMAND_WORDS {
            assert!(firsts.contains(&word), "`{word}` is missing");
        }
        let mut distinct = firsts.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), COMMAND_WORDS.len(), "{firsts:?}");
    }
}
