//! The command language as the README and DESIGN.md state it: every command, comments,
//! quoting, case, and errors that say where, what was expected and the nearest word. Then
//! properties: the parser never panics, and a command's text parses back to the command.

use super::*;

fn parse(text: &str) -> Command {
    match parse_line(text, 1) {
        Ok(Some(command)) => command,
        Ok(None) => panic!("`{text}` is blank"),
        Err(e) => panic!("`{text}` does not parse: {e}"),
    }
}

fn err(text: &str) -> ParseError {
    match parse_line(text, 3) {
        Err(e) => e,
        Ok(c) => panic!("`{text}` parsed: {c:?}"),
    }
}

fn cat(name: &str, col: usize) -> CatalogRef {
    CatalogRef {
        name: name.into(),
        col,
    }
}

// ---------------------------------------------------------------------------------------------
// Every command.

#[test]
fn acquire_takes_an_id_a_title_an_author_and_optional_subjects() {
    assert_eq!(
        parse(r#"acquire b1 "Dune" by "Frank Herbert""#),
        Command::Acquire {
            book: "b1".into(),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            subjects: vec![],
        }
    );
    assert_eq!(
        parse(r#"acquire b1 "Dune" by "Frank Herbert" about "science fiction""#),
        Command::Acquire {
            book: "b1".into(),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            subjects: vec!["science fiction".into()],
        }
    );
    assert_eq!(
        parse(r#"acquire b1 "Dune" by "Frank Herbert" about "a", "b","c""#),
        Command::Acquire {
            book: "b1".into(),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            subjects: vec!["a".into(), "b".into(), "c".into()],
        }
    );
}

#[test]
fn the_other_back_office_commands_take_a_book_id() {
    assert_eq!(parse("catalog b1"), Command::Catalog { book: "b1".into() });
    assert_eq!(
        parse("lend b1 to ada"),
        Command::Lend {
            book: "b1".into(),
            patron: "ada".into()
        }
    );
    assert_eq!(parse("return b1"), Command::Return { book: "b1".into() });
    assert_eq!(
        parse("withdraw b1"),
        Command::Withdraw { book: "b1".into() }
    );
    assert_eq!(
        parse(r#"revise b1 title "Dune Messiah""#),
        Command::Revise {
            book: "b1".into(),
            field: RevisedField::Title,
            value: "Dune Messiah".into()
        }
    );
    assert_eq!(
        parse(r#"revise b1 author """#),
        Command::Revise {
            book: "b1".into(),
            field: RevisedField::Author,
            value: String::new()
        }
    );
}

#[test]
fn ids_and_patrons_are_letters_digits_dashes_and_underscores() {
    assert_eq!(
        parse("lend Book_1-a to Ada-Lovelace_2"),
        Command::Lend {
            book: "book_1-a".into(),
            patron: "ada-lovelace_2".into()
        }
    );
    assert_eq!(parse("catalog é1"), Command::Catalog { book: "é1".into() });
}

#[test]
fn tick_defaults_to_one_and_takes_up_to_max_ticks() {
    assert_eq!(parse("tick"), Command::Tick { ticks: 1 });
    assert_eq!(parse("tick 5"), Command::Tick { ticks: 5 });
    assert_eq!(MAX_TICKS, 1_000_000);
    assert_eq!(parse("tick 1000000"), Command::Tick { ticks: MAX_TICKS });
}

#[test]
fn lag_is_still_accepted_for_delay_and_is_written_back_as_delay() {
    let old = parse("LAG titles 2");
    assert_eq!(
        old,
        Command::Delay {
            catalog: cat("titles", 5),
            ticks: 2
        }
    );
    assert_eq!(old.to_string(), "delay titles 2");
    assert!(
        !COMMAND_WORDS.contains(&"lag"),
        "help offers the new word only"
    );
}

#[test]
fn the_synchronization_commands_name_a_catalog_and_remember_its_column() {
    assert_eq!(
        parse("delay titles 0"),
        Command::Delay {
            catalog: cat("titles", 7),
            ticks: 0
        }
    );
    assert_eq!(
        parse("lag shelf 1000000"),
        Command::Delay {
            catalog: cat("shelf", 5),
            ticks: MAX_TICKS
        }
    );
    assert_eq!(
        parse("pause titles"),
        Command::Pause {
            catalog: cat("titles", 7)
        }
    );
    assert_eq!(
        parse("resume titles"),
        Command::Resume {
            catalog: cat("titles", 8)
        }
    );
    assert_eq!(
        parse("  sync   titles"),
        Command::Sync {
            catalog: cat("titles", 10)
        }
    );
}

#[test]
fn the_queries_name_a_catalog_and_find_takes_a_key_and_an_optional_after() {
    assert_eq!(
        parse(r#"find titles "Dune""#),
        Command::Find {
            catalog: cat("titles", 6),
            key: "Dune".into(),
            after: None
        }
    );
    assert_eq!(
        parse(r#"find shelf "b1" after 3"#),
        Command::Find {
            catalog: cat("shelf", 6),
            key: "b1".into(),
            after: Some(3)
        }
    );
    assert_eq!(
        parse(r#"find shelf "b1" after 4294967295"#),
        Command::Find {
            catalog: cat("shelf", 6),
            key: "b1".into(),
            after: Some(u32::MAX.into())
        }
    );
    assert_eq!(
        parse("show subjects"),
        Command::Show {
            catalog: cat("subjects", 6)
        }
    );
    assert_eq!(parse("status"), Command::Status);
}

#[test]
fn recovery_and_change_commands_name_a_catalog() {
    assert_eq!(
        parse("damage authors"),
        Command::Damage {
            catalog: cat("authors", 8)
        }
    );
    assert_eq!(
        parse("rebuild authors"),
        Command::Rebuild {
            catalog: cat("authors", 9)
        }
    );
    for (word, field) in [
        ("title", Field::Title),
        ("author", Field::Author),
        ("subject", Field::Subject),
        ("patron", Field::Patron),
        ("status", Field::Status),
    ] {
        assert_eq!(
            parse(&format!("add-catalog loans by {word}")),
            Command::AddCatalog {
                name: cat("loans", 13),
                field
            }
        );
    }
}

#[test]
fn every_command_word_is_a_command() {
    let samples = [
        r#"acquire b1 "T" by "A""#,
        "catalog b1",
        "lend b1 to ada",
        "return b1",
        "withdraw b1",
        r#"revise b1 title "T""#,
        "tick",
        "delay titles 2",
        "pause titles",
        "resume titles",
        "sync titles",
        r#"find titles "T""#,
        "show titles",
        "status",
        "damage titles",
        "rebuild titles",
        "add-catalog x by title",
        "redeliver titles 1",
        "crash titles",
        "checkpoint titles apart",
        "verify titles",
        "reorder titles",
        "poison titles 3",
        "heal titles",
        "retry titles",
        "show-book b1",
        "office event-sourced",
    ];
    assert_eq!(samples.len(), COMMAND_WORDS.len());
    for (word, sample) in COMMAND_WORDS.iter().zip(samples) {
        assert!(sample.starts_with(word));
        assert!(parse(sample).to_string().starts_with(word), "{sample}");
    }
}

#[test]
fn write_and_query_commands_are_told_apart() {
    assert!(parse("lend b1 to ada").is_write());
    assert!(!parse("lend b1 to ada").is_query());
    assert!(parse("status").is_query());
    assert!(parse(r#"find titles "x""#).is_query());
    assert!(!parse("tick").is_write());
    assert!(!parse("tick").is_query());
    assert!(!parse("rebuild titles").is_write());
}

// ---------------------------------------------------------------------------------------------
// Comments, blank lines, quoting and case.

#[test]
fn blank_lines_and_comments_are_not_commands() {
    assert_eq!(parse_line("", 1), Ok(None));
    assert_eq!(parse_line("   \t ", 1), Ok(None));
    assert_eq!(parse_line("# just a note", 1), Ok(None));
    assert_eq!(parse_line("   # indented note \"with a quote", 1), Ok(None));
}

#[test]
fn a_hash_starts_a_comment_after_a_command_but_not_inside_a_string() {
    assert_eq!(parse("tick 2 # two ticks"), Command::Tick { ticks: 2 });
    assert_eq!(parse("tick# no space needed"), Command::Tick { ticks: 1 });
    assert_eq!(
        parse(r#"find titles "C# in depth" # the key has a hash"#),
        Command::Find {
            catalog: cat("titles", 6),
            key: "C# in depth".into(),
            after: None
        }
    );
}

#[test]
fn strings_keep_their_case_spaces_and_escaped_quotes_and_backslashes() {
    let Command::Acquire { title, author, .. } =
        parse(r#"acquire b1 "  The \"Best\" Of  " by "C:\\Users\new""#)
    else {
        panic!("not an acquire")
    };
    assert_eq!(title, r#"  The "Best" Of  "#);
    // `\\` is one backslash; a backslash before anything else stays as written.
    assert_eq!(author, r"C:\Users\new");
    let Command::Find { key, .. } = parse(r#"find titles """#) else {
        panic!("not a find")
    };
    assert_eq!(key, "");
    let Command::Find { key, .. } = parse(r#"find titles "Ünïcödé, 書""#) else {
        panic!("not a find")
    };
    assert_eq!(key, "Ünïcödé, 書");
}

#[test]
fn words_are_case_insensitive_and_names_are_folded_to_lower_case() {
    assert_eq!(
        parse("LEND B1 TO Ada"),
        Command::Lend {
            book: "b1".into(),
            patron: "ada".into()
        }
    );
    assert_eq!(
        parse(r#"Find TITLES "Dune" AFTER 2"#),
        Command::Find {
            catalog: cat("titles", 6),
            key: "Dune".into(),
            after: Some(2)
        }
    );
    assert_eq!(
        parse(r#"Acquire B1 "Dune" BY "Frank" ABOUT "SF""#),
        Command::Acquire {
            book: "b1".into(),
            title: "Dune".into(),
            author: "Frank".into(),
            subjects: vec!["SF".into()],
        }
    );
    assert_eq!(
        parse(r#"REVISE b1 Author "X""#),
        Command::Revise {
            book: "b1".into(),
            field: RevisedField::Author,
            value: "X".into()
        }
    );
    assert_eq!(
        parse("ADD-CATALOG Loans BY Patron"),
        Command::AddCatalog {
            name: cat("loans", 13),
            field: Field::Patron
        }
    );
    assert_eq!(parse("TiCk 3"), Command::Tick { ticks: 3 });
    assert_eq!(parse("STATUS"), Command::Status);
}

// ---------------------------------------------------------------------------------------------
// Errors: line, column, what was expected, and the nearest word.

/// Asserts an error's column, message and suggestion.
fn assert_error(text: &str, col: usize, message: &str, suggestion: Option<&str>) {
    let e = err(text);
    assert_eq!(e.line, 3, "`{text}`");
    assert_eq!(e.col, col, "`{text}`: {}", e.message);
    assert_eq!(e.message, message, "`{text}`");
    assert_eq!(e.suggestion.as_deref(), suggestion, "`{text}`");
}

#[test]
fn an_unknown_command_is_reported_with_the_nearest_command_word() {
    assert_error(
        "lned b1 to ada",
        1,
        "unknown command \"lned\"",
        Some("lend"),
    );
    assert_eq!(
        err("lned b1 to ada").to_string(),
        "3:1: unknown command \"lned\" (did you mean \"lend\"?)"
    );
    assert_error("  STAUTS", 3, "unknown command \"stauts\"", Some("status"));
    assert_error(
        "addcatalog x by title",
        1,
        "unknown command \"addcatalog\"",
        Some("add-catalog"),
    );
    assert_error("xyzzy", 1, "unknown command \"xyzzy\"", None);
    assert_eq!(err("xyzzy").to_string(), "3:1: unknown command \"xyzzy\"");
}

#[test]
fn a_line_that_does_not_start_with_a_word_is_not_a_command() {
    assert_error(
        r#""Dune" by "Frank""#,
        1,
        "expected a command, found the string \"Dune\"",
        None,
    );
    assert_error(", tick", 1, "expected a command, found `,`", None);
}

#[test]
fn a_missing_word_is_reported_at_the_end_of_the_line() {
    assert_error("lend b1", 8, "expected `to` at the end of the line", None);
    assert_error(
        "catalog",
        8,
        "expected a book id (a bare word like b1) at the end of the line",
        None,
    );
    assert_error(
        "pause ",
        7,
        "expected a catalog name, like titles at the end of the line",
        None,
    );
    assert_error(
        "lag titles",
        11,
        "expected a delay in ticks (0 files events at once) from 0 to 1000000 at the end of the line",
        None,
    );
    assert_error(
        r#"acquire b1 "Dune""#,
        18,
        "expected `by` at the end of the line",
        None,
    );
    assert_error(
        r#"acquire b1 "Dune" by "F" about "a","#,
        36,
        "expected another subject in double quotes after `,` at the end of the line",
        None,
    );
    assert_error(
        r#"find titles "Dune" after"#,
        25,
        "expected a sequence number from 0 to 4294967295 at the end of the line",
        None,
    );
    assert_error(
        "revise b1 title",
        16,
        "expected the new title in double quotes at the end of the line",
        None,
    );
}

#[test]
fn a_misspelt_keyword_is_reported_with_the_keyword() {
    assert_error(
        "lend b1 too ada",
        9,
        "expected `to`, found `too`",
        Some("to"),
    );
    assert_error(
        r#"acquire b1 "Dune" bye "F""#,
        19,
        "expected `by`, found `bye`",
        Some("by"),
    );
    assert_error(
        r#"acquire b1 "Dune" by "F" abuot "x""#,
        26,
        "expected `about`, found `abuot`",
        Some("about"),
    );
    assert_error(
        r#"find titles "Dune" afer 3"#,
        20,
        "expected `after`, found `afer`",
        Some("after"),
    );
    assert_error(
        r#"revise b1 titel "X""#,
        11,
        "expected `title` or `author`, found `titel`",
        Some("title"),
    );
    assert_error(
        "add-catalog x by patorn",
        18,
        "expected a field: title, author, subject, patron or status, found `patorn`",
        Some("patron"),
    );
    assert_error(
        "add-catalog x bye title",
        15,
        "expected `by`, found `bye`",
        Some("by"),
    );
}

#[test]
fn a_keyword_far_from_any_word_gets_no_suggestion() {
    assert_error("lend b1 with ada", 9, "expected `to`, found `with`", None);
    assert_error(
        "add-catalog x by book",
        18,
        "expected a field: title, author, subject, patron or status, found `book`",
        None,
    );
}

#[test]
fn a_string_where_a_word_belongs_and_a_word_where_a_string_belongs_are_errors() {
    assert_error(
        r#"lend b1 to "ada""#,
        12,
        "expected a patron (a bare word like ada), without quotes, found the string \"ada\"",
        None,
    );
    assert_error(
        r#"catalog "b1""#,
        9,
        "expected a book id (a bare word like b1), without quotes, found the string \"b1\"",
        None,
    );
    assert_error(
        "find titles Dune",
        13,
        "expected the key to look up in double quotes, like \"Dune\", found `Dune`",
        None,
    );
    assert_error(
        r#"acquire b1 Dune by "F""#,
        12,
        "expected the title in double quotes, like \"Dune\", found `Dune`",
        None,
    );
    assert_error(
        r#"acquire b1 "Dune" "Frank""#,
        19,
        "expected `by`, found the string \"Frank\"",
        None,
    );
    assert_error(
        r#"revise b1 title X"#,
        17,
        "expected the new title in double quotes, found `X`",
        None,
    );
}

#[test]
fn a_name_with_other_characters_is_an_error() {
    assert_error(
        "lend b1! to ada",
        6,
        "expected a book id (a bare word like b1), found `b1!`: use letters, digits, - and _",
        None,
    );
    assert_error(
        "pause tit.les",
        7,
        "expected a catalog name, like titles, found `tit.les`: use letters, digits, - and _",
        None,
    );
}

#[test]
fn numbers_out_of_range_or_not_numbers_are_errors() {
    assert_error(
        "tick 0",
        6,
        "expected a number of ticks from 1 to 1000000, found `0`",
        None,
    );
    assert_error(
        "tick 1000001",
        6,
        "expected a number of ticks from 1 to 1000000, found `1000001`",
        None,
    );
    assert_error(
        "tick -1",
        6,
        "expected a number of ticks from 1 to 1000000, found `-1`",
        None,
    );
    assert_error(
        "tick 99999999999999999999999",
        6,
        "expected a number of ticks from 1 to 1000000, found `99999999999999999999999`",
        None,
    );
    assert_error(
        "lag titles soon",
        12,
        "expected a delay in ticks (0 files events at once) from 0 to 1000000, found `soon`",
        None,
    );
    assert_error(
        r#"find shelf "b1" after 4294967296"#,
        23,
        "expected a sequence number from 0 to 4294967295, found `4294967296`",
        None,
    );
}

#[test]
fn anything_after_a_complete_command_is_an_error() {
    assert_error(
        "status now",
        8,
        "unexpected `now` after the end of the command",
        None,
    );
    assert_error(
        "tick 2 3",
        8,
        "unexpected `3` after the end of the command",
        None,
    );
    assert_error(
        r#"catalog b1 "why""#,
        12,
        "unexpected the string \"why\" after the end of the command",
        None,
    );
    assert_error(
        r#"acquire b1 "Dune" by "F" about "a" "b""#,
        36,
        "unexpected the string \"b\" after the end of the command",
        None,
    );
}

#[test]
fn an_unclosed_string_is_reported_at_its_opening_quote() {
    assert_error(
        r#"find titles "Dune"#,
        13,
        "this string has no closing `\"`",
        None,
    );
    assert_error(
        r#"find titles "Dune\""#,
        13,
        "this string has no closing `\"`",
        None,
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    assert_error(
        r#"find titles "ÉÉÉ" bogus"#,
        19,
        "expected `after`, found `bogus`",
        None,
    );
}

#[test]
fn a_script_reports_every_bad_line_with_its_number() {
    let errors = parse_script("tick\nlned b1 to ada\n# fine\ntick 0\nstatus\nshow").unwrap_err();
    let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.col)).collect();
    assert_eq!(at, [(2, 1), (4, 6), (6, 5)]);
    assert_eq!(errors[0].suggestion.as_deref(), Some("lend"));
}

#[test]
fn a_script_keeps_each_commands_line_number_and_trimmed_text() {
    let lines = parse_script("# setup\n\n  tick 2   # two\r\nstatus\n").unwrap();
    assert_eq!(
        lines,
        [
            ScriptLine {
                line: 3,
                text: "tick 2   # two".into(),
                command: Command::Tick { ticks: 2 }
            },
            ScriptLine {
                line: 4,
                text: "status".into(),
                command: Command::Status
            },
        ]
    );
    assert_eq!(parse_script(""), Ok(vec![]));
}

#[test]
fn an_error_describes_itself_with_or_without_a_suggestion() {
    let e = ParseError::new(2, 5, "bad");
    assert_eq!(e.describe(), "bad");
    assert_eq!(e.to_string(), "2:5: bad");
    let e = e.with_suggestion(Some("good".into()));
    assert_eq!(e.describe(), "bad (did you mean \"good\"?)");
}

// ---------------------------------------------------------------------------------------------
// Display: the canonical text, which parses back to the same command.

#[test]
fn a_commands_text_is_canonical_and_parses_back_to_the_same_command() {
    for text in [
        r#"acquire b1 "Dune" by "Frank Herbert""#,
        r#"acquire b1 "Dune" by "Frank Herbert" about "science fiction", "deserts""#,
        r#"acquire b2 "Say \"hi\"" by "C:\\dir" about "a # b""#,
        "catalog b1",
        "lend b1 to ada",
        "return b1",
        "withdraw b1",
        r#"revise b1 title "Dune Messiah""#,
        r#"revise b1 author """#,
        "tick",
        "tick 7",
        "delay titles 0",
        "pause titles",
        "resume titles",
        "sync titles",
        r#"find titles "Dune""#,
        r#"find shelf "b1" after 3"#,
        "show shelf",
        "status",
        "damage subjects",
        "rebuild subjects",
        "add-catalog loans by patron",
        "add-catalog st by status",
        "add-catalog loans count patron",
        "redeliver titles 3",
        "crash shelf",
        "checkpoint shelf apart",
        "checkpoint shelf with-view",
        "verify shelf",
        "reorder shelf",
        "poison shelf 5",
        "heal shelf",
        "retry shelf",
    ] {
        let command = parse(text);
        assert_eq!(command.to_string(), text);
        assert_eq!(parse(&command.to_string()), command);
    }
}

#[test]
fn any_spelling_of_a_command_displays_as_the_canonical_text() {
    for (text, canonical) in [
        ("LEND  B1   to Ada   # note", "lend b1 to ada"),
        ("tick 1", "tick"),
        (
            r#"Find   Titles "Dune"  AFTER 02"#,
            r#"find titles "Dune" after 2"#,
        ),
        (
            r#"acquire B1 "x" BY "y" about "a","b""#,
            r#"acquire b1 "x" by "y" about "a", "b""#,
        ),
        (r#"revise b1 title "a\b""#, r#"revise b1 title "a\\b""#),
    ] {
        let command = parse(text);
        assert_eq!(command.to_string(), canonical);
        let again = parse(canonical);
        assert_eq!(again.to_string(), canonical);
    }
}

mod properties {
    //! Properties over generated lines: the parser never panics, and a command's canonical
    //! text parses back to the very same command.

    use proptest::prelude::*;

    use super::super::*;

    /// Words of the language, to build lines that get far into the parser.
    const VOCABULARY: &[&str] = &[
        "acquire",
        "catalog",
        "lend",
        "return",
        "withdraw",
        "revise",
        "tick",
        "lag",
        "pause",
        "resume",
        "sync",
        "find",
        "show",
        "status",
        "damage",
        "rebuild",
        "add-catalog",
        "by",
        "about",
        "to",
        "after",
        "title",
        "author",
        "subject",
        "patron",
        "titles",
        "shelf",
        "b1",
        "ada",
        "0",
        "1",
        "1000000",
        "1000001",
        "4294967296",
        "\"",
        "\"Dune\"",
        "\"a\\\"b\"",
        "\\",
        "\\\"",
        ",",
        "#",
        "é",
        "",
        "LEND",
    ];

    fn lines_of_words() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(VOCABULARY),
                prop::sample::select(vec![" ", "", "  ", "\t", ","]),
            ),
            0..10,
        )
        .prop_map(|parts| {
            parts
                .into_iter()
                .map(|(w, sep)| format!("{w}{sep}"))
                .collect()
        })
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-z0-9_-]{1,8}"
    }

    /// Any text a string may hold, quotes and backslashes included.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,12}",
            prop::collection::vec(
                prop::sample::select(vec!["\"", "\\", "#", ",", " ", "a", "É"]),
                0..8
            )
            .prop_map(|parts| parts.concat()),
        ]
    }

    /// A catalog as the parser records it in canonical text: the second word, after `word `.
    fn catalog(word: &'static str) -> impl Strategy<Value = CatalogRef> {
        name().prop_map(move |name| CatalogRef {
            name,
            col: word.len() + 2,
        })
    }

    fn command() -> impl Strategy<Value = Command> {
        let revised = prop_oneof![Just(RevisedField::Title), Just(RevisedField::Author)];
        prop_oneof![
            (name(), text(), text(), prop::collection::vec(text(), 0..3)).prop_map(
                |(book, title, author, subjects)| Command::Acquire {
                    book,
                    title,
                    author,
                    subjects
                }
            ),
            name().prop_map(|book| Command::Catalog { book }),
            (name(), name()).prop_map(|(book, patron)| Command::Lend { book, patron }),
            name().prop_map(|book| Command::Return { book }),
            name().prop_map(|book| Command::Withdraw { book }),
            (name(), revised, text()).prop_map(|(book, field, value)| Command::Revise {
                book,
                field,
                value
            }),
            (1..=MAX_TICKS).prop_map(|ticks| Command::Tick { ticks }),
            (catalog("delay"), 0..=MAX_TICKS)
                .prop_map(|(catalog, ticks)| Command::Delay { catalog, ticks }),
            catalog("pause").prop_map(|catalog| Command::Pause { catalog }),
            catalog("resume").prop_map(|catalog| Command::Resume { catalog }),
            catalog("sync").prop_map(|catalog| Command::Sync { catalog }),
            (
                catalog("find"),
                text(),
                prop::option::of(0..=u64::from(u32::MAX))
            )
                .prop_map(|(catalog, key, after)| Command::Find {
                    catalog,
                    key,
                    after
                }),
            catalog("show").prop_map(|catalog| Command::Show { catalog }),
            Just(Command::Status),
            catalog("damage").prop_map(|catalog| Command::Damage { catalog }),
            catalog("rebuild").prop_map(|catalog| Command::Rebuild { catalog }),
            catalog("verify").prop_map(|catalog| Command::Verify { catalog }),
            catalog("crash").prop_map(|catalog| Command::Crash { catalog }),
            (catalog("checkpoint"), any::<bool>())
                .prop_map(|(catalog, apart)| Command::Checkpoint { catalog, apart }),
            (
                catalog("add-catalog"),
                prop::sample::select(Field::ADDABLE.to_vec())
            )
                .prop_map(|(name, field)| Command::AddCount { name, field }),
            (catalog("redeliver"), 1..=u64::from(u32::MAX)).prop_map(|(catalog, seq)| {
                let seq_col = catalog.col + catalog.name.chars().count() + 1;
                Command::Redeliver {
                    catalog,
                    seq,
                    seq_col,
                }
            }),
            (
                catalog("add-catalog"),
                prop::sample::select(Field::ADDABLE.to_vec())
            )
                .prop_map(|(name, field)| Command::AddCatalog { name, field }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_parser_never_panics_on_any_text(text in any::<String>()) {
            let _ = parse_line(&text, 1);
            let _ = parse_script(&text);
        }

        #[test]
        fn the_parser_never_panics_on_lines_made_of_its_own_words(line in lines_of_words()) {
            match parse_line(&line, 4) {
                Ok(Some(command)) => {
                    // Whatever parses has a canonical text that parses to the same command.
                    let canonical = command.to_string();
                    let again = parse_line(&canonical, 1).unwrap().unwrap();
                    prop_assert_eq!(again.to_string(), canonical);
                }
                Ok(None) => {}
                Err(e) => {
                    prop_assert_eq!(e.line, 4);
                    prop_assert!(e.col >= 1 && e.col <= line.chars().count() + 1);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }

        #[test]
        fn a_commands_display_parses_back_to_the_same_command(command in command()) {
            let text = command.to_string();
            let parsed = parse_line(&text, 1);
            prop_assert_eq!(parsed, Ok(Some(command)), "text: {}", text);
        }
    }
}
