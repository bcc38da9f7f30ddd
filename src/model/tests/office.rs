//! The write side as docs/model-semantics.md states it: versions and `expecting`, `show-book`,
//! the office's modes, `crash office`, the outbox, and read models rebuilt from the tables.

use super::*;
use crate::model::language::parse_line;

/// The commit of an outcome that was committed but not simply appended.
fn committed(outcome: &Outcome) -> &Commit {
    match outcome {
        Outcome::Committed { commit, .. } => commit,
        other => panic!("expected a commit, got {other:?}"),
    }
}

fn book_answer(outcome: &Outcome) -> &BookAnswer {
    match outcome {
        Outcome::Answered(Answer::Book(b)) => b,
        other => panic!("expected a show-book answer, got {other:?}"),
    }
}

fn verified(outcome: &Outcome) -> &VerifyAnswer {
    match outcome {
        Outcome::Answered(Answer::Verify(v)) => v,
        other => panic!("expected a verify answer, got {other:?}"),
    }
}

fn lines(s: &Session, outcome: &Outcome) -> Vec<String> {
    crate::transcript::outcome_lines(s.library(), outcome)
}

fn parsed(text: &str) -> Command {
    parse_line(text, 1).expect("parses").expect("a command")
}

/// TWO_BOOKS in an office of the given mode, every catalog filing at once.
fn office(mode: &str) -> Session {
    let mut s = session(&format!("office {mode}"));
    for catalog in ["authors", "titles", "subjects", "shelf"] {
        run(&mut s, &format!("delay {catalog} 0"));
    }
    run(&mut s, TWO_BOOKS);
    s
}

#[test]
fn a_books_version_is_the_number_of_its_events_and_show_book_says_it() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    assert_eq!(s.library().office().version("b1"), 3);
    assert_eq!(s.library().office().version("b2"), 2);
    let o = exec(&mut s, "show-book b1");
    let b = book_answer(&o);
    assert_eq!((b.version, b.waiting), (3, 0));
    assert_eq!(b.record.as_ref().map(|r| r.state.word()), Some("lent"));
    let said = lines(&s, &o).join("\n");
    assert!(
        said.contains("write side") && said.contains("version 3"),
        "{said}"
    );
    let o = exec(&mut s, "show-book b9");
    assert_eq!(
        (book_answer(&o).version, book_answer(&o).record.is_none()),
        (0, true)
    );
    assert!(holds(&s, "book b1 version is 3") && holds(&s, "book b9 version is 0"));
}

#[test]
fn show_book_is_a_read_of_the_write_side_and_appends_nothing() {
    let mut s = session(TWO_BOOKS);
    let before = s.library().log().events().to_vec();
    let o = exec(&mut s, "show-book b2");
    assert_eq!(o.kind(), OutcomeKind::Answered);
    assert_eq!(s.library().log().events(), &before[..]);
    assert!(!parsed("show-book b2").is_write());
}

#[test]
fn a_command_expecting_the_version_the_book_is_at_does_what_it_would_without() {
    let mut plain = session(TWO_BOOKS);
    let mut stated = session(TWO_BOOKS);
    let a = exec(&mut plain, "lend b1 to ada");
    let b = exec(&mut stated, "lend b1 to ada expecting 2");
    assert_eq!(a, b);
    assert_eq!(
        plain.library().log().events(),
        stated.library().log().events()
    );
}

#[test]
fn a_command_expecting_another_version_is_refused_and_appends_nothing() {
    let mut s = session(&format!("{TWO_BOOKS}lend b1 to ada"));
    let head = s.library().head();
    let o = exec(&mut s, "return b1 expecting 2");
    assert_eq!(rule(&o), Rule::VersionConflict);
    let Outcome::Rejected(r) = &o else {
        unreachable!()
    };
    assert_eq!(
        r.detail,
        Detail::Version {
            expected: 2,
            actual: 3
        }
    );
    let said = lines(&s, &o).join("\n");
    assert!(said.contains("version 3, not 2"), "{said}");
    assert_eq!(s.library().head(), head);
    assert!(holds(&s, "last rejected by version-conflict"));
}

#[test]
fn the_second_of_two_librarians_deciding_on_one_version_is_refused_not_silently_winning() {
    let mut s = session(TWO_BOOKS);
    // Both read b1 at version 2 and each corrects its title.
    let first = exec(&mut s, r#"revise b1 title "Dune (1965)" expecting 2"#);
    assert_eq!(first.kind(), OutcomeKind::Accepted);
    let second = exec(&mut s, r#"revise b1 title "Dune: Book One" expecting 2"#);
    assert_eq!(rule(&second), Rule::VersionConflict);
    let title = &s.library().office().book("b1").unwrap().title;
    assert_eq!(&**title, "Dune (1965)", "the first correction stands");
}

#[test]
fn the_version_is_checked_before_the_other_rules_and_zero_means_no_such_book() {
    let mut s = session(TWO_BOOKS);
    let o = exec(
        &mut s,
        r#"acquire b3 "Ulysses" by "James Joyce" expecting 0"#,
    );
    assert_eq!(o.kind(), OutcomeKind::Accepted);
    let o = exec(&mut s, r#"acquire b1 "Again" by "Someone" expecting 0"#);
    assert_eq!(rule(&o), Rule::VersionConflict, "b1 is at 2, not 0");
    let o = exec(&mut s, "lend b9 to ada expecting 0");
    assert_eq!(
        rule(&o),
        Rule::MustBeAcquired,
        "b9 is at 0: the usual rules apply"
    );
}

#[test]
fn expecting_parses_after_every_back_office_command_and_prints_back_the_same() {
    for text in [
        "lend b1 to ada expecting 3",
        "catalog b1 expecting 1",
        "return b1 expecting 4",
        "withdraw b1 expecting 2",
        r#"revise b1 author "F. Herbert" expecting 5"#,
        r#"acquire b1 "Dune" by "Frank Herbert" expecting 0"#,
        r#"acquire b1 "Dune" by "Frank Herbert" about "deserts", "sand" expecting 0"#,
    ] {
        let command = parsed(text);
        assert!(
            command.expecting().is_some() && command.is_write(),
            "{text}"
        );
        assert_eq!(command.to_string(), text);
    }
    let e = parse_line("lend b1 to ada expecting soon", 1).unwrap_err();
    assert!(e.to_string().contains("the book's version"), "{e}");
    assert!(
        parse_line("status expecting 2", 1).is_err(),
        "queries state no version"
    );
}

#[test]
fn crash_office_is_the_back_office_and_no_catalog_may_be_named_office() {
    assert_eq!(parsed("crash office"), Command::CrashOffice);
    assert_eq!(parsed("CRASH Office").to_string(), "crash office");
    assert!(matches!(parsed("crash shelf"), Command::Crash { .. }));
    let e = parse_line("add-catalog office by title", 3).unwrap_err();
    assert_eq!((e.line, e.col), (3, 13));
    assert!(e.to_string().contains("names the back office"), "{e}");
    for text in [
        "office event-sourced",
        "office state-stored dual-write",
        "office state-stored outbox",
    ] {
        assert_eq!(parsed(text).to_string(), text);
    }
    let e = parse_line("office state-stored", 1).unwrap_err();
    assert!(e.to_string().contains("`dual-write` or `outbox`"), "{e}");
}

#[test]
fn the_office_mode_is_chosen_only_before_the_first_commit() {
    let mut s = session("office state-stored outbox");
    assert!(holds(&s, "office is outbox"));
    run(&mut s, "tick\noffice state-stored dual-write");
    assert!(holds(&s, "office is dual-write"), "nothing committed yet");
    run(&mut s, r#"acquire b1 "Dune" by "Frank Herbert""#);
    let e = exec_err(&mut s, "office event-sourced");
    assert_eq!((e.line, e.col), (7, 8));
    assert!(
        e.to_string()
            .contains("before the first back-office command"),
        "{e}"
    );
    assert!(holds(&s, "office is dual-write"));
}

#[test]
fn event_sourced_a_crash_after_the_commit_loses_nothing() {
    let mut s = session(TWO_BOOKS);
    assert!(matches!(
        exec(&mut s, "crash office"),
        Outcome::Done {
            done: Done::OfficeCrashArmed { .. },
            ..
        }
    ));
    let o = exec(&mut s, "lend b1 to ada");
    let commit = committed(&o);
    assert_eq!(
        (commit.published, commit.crashed),
        (Published::Now { seq: 5 }, true)
    );
    assert_eq!(s.library().head(), 5);
    assert_eq!(s.library().lost_events(), 0);
    let o = exec(&mut s, "lend b2 to bob");
    assert!(
        matches!(o, Outcome::Accepted { seq: 6, .. }),
        "the crash was one-shot"
    );
}

#[test]
fn dual_write_publishes_each_commit_at_once_while_nothing_crashes() {
    let s = office("state-stored dual-write");
    assert_eq!(s.library().head(), 4);
    assert!(holds(&s, "catalog shelf matches tables"));
    assert!(matches!(s.last(), Some(Outcome::Done { .. })));
}

#[test]
fn dual_write_and_a_crash_commit_the_loan_but_no_catalog_ever_learns_of_it() {
    let mut s = office("state-stored dual-write");
    run(&mut s, "crash office");
    let o = exec(&mut s, "lend b1 to ada");
    assert_eq!(committed(&o).published, Published::Lost);
    let said = lines(&s, &o).join("\n");
    assert!(said.contains("no catalog will learn of it"), "{said}");
    assert_eq!(s.library().head(), 4, "never published");
    assert_eq!(s.library().lost_events(), 1);
    let o = exec(&mut s, "lend b1 to bob");
    assert_eq!(
        rule(&o),
        Rule::AlreadyLent,
        "the desk knows: it was committed"
    );
    run(&mut s, "tick 5\nsync shelf");
    assert!(holds(&s, "catalog shelf shows b1 as available"));
    assert!(holds(&s, "catalog shelf differs from tables") && holds(&s, "office lost 1"));
    let v = exec(&mut s, "verify shelf");
    let answer = verified(&v);
    assert_eq!((answer.against, answer.in_flight), (Against::Tables, 0));
    assert_eq!(changed(&answer.drift), [("b1", "available", "lent")]);
    let said = crate::transcript::outcome_lines(s.library(), &v).join("\n");
    assert!(
        said.contains("the card of b1 says available, the tables say lent to ada"),
        "{said}"
    );
    assert_eq!(answer.drift.len(), 1);
}

#[test]
fn rebuilding_from_the_tables_repairs_a_card_catalog_the_dual_write_left_behind() {
    let mut s = office("state-stored dual-write");
    run(&mut s, "crash office\nlend b1 to ada\nlend b2 to bob");
    let o = exec(&mut s, "rebuild shelf");
    assert!(
        message(&o).contains("rebuilt from the tables (2 records"),
        "{}",
        message(&o)
    );
    assert!(
        holds(&s, "catalog shelf shows b1 as lent") && holds(&s, "catalog shelf matches tables")
    );
    assert!(verified(&exec(&mut s, "verify shelf")).verified());
    assert_eq!(checkpoint(&s, "shelf"), 5, "the stream's head");
    assert!(
        holds(&s, "catalog titles differs from tables"),
        "its cards say available: every catalog missed the loans, until rebuilt"
    );
}

#[test]
fn a_count_catalog_cannot_be_rebuilt_from_the_tables_and_rebuild_says_why() {
    let mut s = office("state-stored outbox");
    run(
        &mut s,
        "tick\nlend b1 to ada\nreturn b1\nlend b1 to ada\ntick",
    );
    let o = exec(&mut s, "add-catalog loans count patron");
    assert!(message(&o).contains("from now on"), "{}", message(&o));
    assert_eq!(s.library().catalog("loans").unwrap().count("ada"), Some(0));
    run(&mut s, "lend b2 to ada\ntick\nsync loans");
    assert_eq!(s.library().catalog("loans").unwrap().count("ada"), Some(1));
    let o = exec(&mut s, "rebuild loans");
    assert!(matches!(
        &o,
        Outcome::Done {
            done: Done::CannotRebuild { .. },
            ..
        }
    ));
    assert!(
        message(&o).contains("the tables hold only the current state"),
        "{}",
        message(&o)
    );
    let lines = crate::transcript::outcome_lines(s.library(), &o);
    assert!(
        lines[0].starts_with("refused: loans cannot be rebuilt"),
        "a rebuild the tables cannot do reads as refused, not done: {lines:?}"
    );
    assert_eq!(
        s.library().catalog("loans").unwrap().count("ada"),
        Some(1),
        "left as it was"
    );
    assert!(!holds(&s, "catalog loans matches tables"));
    assert_eq!(
        verified(&exec(&mut s, "verify loans")).against,
        Against::Stream
    );
}

#[test]
fn a_catalog_added_in_a_state_stored_office_is_filled_from_the_tables() {
    let script = format!("{TWO_BOOKS}lend b1 to ada\nwithdraw b2\ntick");
    let mut es = session(&script);
    let mut ss = session(&format!("office state-stored outbox\n{script}\ntick"));
    for s in [&mut es, &mut ss] {
        run(
            s,
            "add-catalog loans by patron\nadd-catalog states by status",
        );
    }
    assert_eq!(ss.library().catalog("loans"), es.library().catalog("loans"));
    assert_eq!(
        ss.library().catalog("states"),
        es.library().catalog("states")
    );
    assert!(matches!(
        ss.last(),
        Some(Outcome::Done {
            done: Done::AddedFromTables { .. },
            ..
        })
    ));
}

#[test]
fn the_outbox_keeps_each_event_in_the_commit_and_the_relay_publishes_it_next_tick() {
    let mut s = office("state-stored outbox");
    assert_eq!(s.library().head(), 4, "the tick of TWO_BOOKS relayed them");
    let o = exec(&mut s, "lend b1 to ada");
    assert_eq!(committed(&o).published, Published::Outbox { waiting: 1 });
    assert!(holds(&s, "outbox has 1") && holds(&s, "catalog shelf shows b1 as available"));
    let o = exec(&mut s, "tick");
    assert!(matches!(
        &o,
        Outcome::Done {
            done: Done::Relayed { from: 5, to: 5, .. },
            ..
        }
    ));
    assert!(holds(&s, "outbox is empty") && holds(&s, "catalog shelf shows b1 as lent"));
}

#[test]
fn the_relay_publishes_on_the_tick_after_the_commit_even_when_the_clock_jumps() {
    let mut s = session("office state-stored outbox");
    run(&mut s, TWO_BOOKS);
    run(&mut s, "lend b1 to ada\ntick 3");
    let lent = s.library().log().get(5).expect("published");
    assert_eq!(
        (lent.tick, lent.kind.name()),
        (2, "BookLent"),
        "committed at tick 1"
    );
    assert!(
        holds(&s, "catalog shelf shows b1 as lent"),
        "its delay of 1 has passed by tick 3"
    );
    let o = exec(&mut s, r#"find shelf "b1""#);
    let said = lines(&s, &o).join("\n");
    assert!(said.contains("= stream head: up to date"), "{said}");
}

#[test]
fn outbox_and_a_crash_the_event_waits_in_the_outbox_and_nothing_is_lost() {
    let mut s = office("state-stored outbox");
    run(&mut s, "crash office");
    let o = exec(&mut s, "lend b1 to ada");
    let commit = committed(&o);
    assert_eq!(
        (commit.published, commit.crashed),
        (Published::Outbox { waiting: 1 }, true)
    );
    assert_eq!(rule(&exec(&mut s, "lend b1 to bob")), Rule::AlreadyLent);
    let o = exec(&mut s, "show-book b1");
    assert_eq!(book_answer(&o).waiting, 1);
    assert!(
        lines(&s, &o)
            .join("\n")
            .contains("1 event of b1 waits in the outbox")
    );
    let o = exec(&mut s, "status");
    let status = lines(&s, &o).join("\n");
    assert!(status.contains("outbox: 1 waiting; lost: 0"), "{status}");
    run(&mut s, "tick");
    assert_eq!(s.library().lost_events(), 0);
    assert!(holds(&s, "catalog shelf matches tables"));
    assert!(verified(&exec(&mut s, "verify shelf")).verified());
}

#[test]
fn verify_against_the_tables_counts_what_is_still_on_its_way() {
    let mut s = office("state-stored outbox");
    run(&mut s, "lend b1 to ada");
    let o = exec(&mut s, "verify shelf");
    let v = verified(&o);
    assert_eq!(
        (v.against, v.in_flight, v.drift.len()),
        (Against::Tables, 1, 1)
    );
    let said = lines(&s, &o).join("\n");
    assert!(
        said.contains("differs from the back office's tables"),
        "{said}"
    );
    assert!(said.contains("1 event still on the way"), "{said}");
}

#[test]
fn the_write_side_conditions_parse_and_are_worded_for_handouts() {
    for (text, sentence) in [
        (
            "book b1 version is 3",
            "The back office has b1 at version 3.",
        ),
        (
            "office is dual-write",
            "The back office is state-stored dual-write.",
        ),
        (
            "office lost 1",
            "The back office has lost 1 event (committed, never published).",
        ),
        ("outbox is empty", "The outbox is empty."),
        ("outbox has 2", "The outbox holds 2 events."),
        (
            "catalog shelf matches tables",
            "The shelf catalog matches the back office's tables.",
        ),
        (
            "catalog shelf differs from tables",
            "The shelf catalog differs from the back office's tables.",
        ),
    ] {
        let condition = Condition::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(crate::plain::checklist::sentence(&condition), sentence);
    }
    for (text, same) in [
        ("outbox holds 2", "outbox has 2"),
        (
            "catalog shelf matches the tables",
            "catalog shelf matches tables",
        ),
        (
            "catalog shelf differs from the tables",
            "catalog shelf differs from tables",
        ),
    ] {
        assert_eq!(Condition::parse(text), Condition::parse(same), "{text}");
    }
    let e = Condition::parse("office is outbx").unwrap_err();
    assert!(e.message.contains("did you mean"), "{}", e.message);
}

/// Properties of the write side over random sequences of back-office commands, ticks, delays,
/// pauses and crashes, in each mode.
mod properties {
    use proptest::prelude::*;

    use super::*;

    const BOOKS: [&str; 3] = ["b1", "b2", "b3"];
    const CATALOGS: [&str; 5] = ["authors", "titles", "subjects", "shelf", "loans"];

    /// A back-office command on one of the books, with the book it names.
    fn write() -> impl Strategy<Value = (&'static str, String)> {
        let book = prop::sample::select(&BOOKS[..]);
        let patron = prop::sample::select(vec!["ada", "bob"]);
        let title = prop::sample::select(vec!["Dune", "Emma"]);
        (book, 0..6usize, patron, title).prop_map(|(b, kind, p, t)| {
            let line = match kind {
                0 => format!(r#"acquire {b} "{t}" by "Frank Herbert" about "sea""#),
                1 => format!("catalog {b}"),
                2 => format!("lend {b} to {p}"),
                3 => format!("return {b}"),
                4 => format!("withdraw {b}"),
                _ => format!(r#"revise {b} title "{t}""#),
            };
            (b, line)
        })
    }

    /// Any line of a run: writes most of all, and every way a delivery or the office can
    /// stall or crash; with `rebuilds`, rebuilds from the tables too (while events wait in
    /// the outbox, say).
    fn line(rebuilds: bool) -> impl Strategy<Value = String> {
        let catalog = || prop::sample::select(&CATALOGS[..]);
        prop_oneof![
            8 => write().prop_map(|(_, line)| line),
            3 => (1..=2u64).prop_map(|n| format!("tick {n}")),
            2 => Just("crash office".to_string()),
            1 => (catalog(), 0..=2u64).prop_map(|(c, n)| format!("delay {c} {n}")),
            1 => catalog().prop_map(|c| format!("pause {c}")),
            1 => catalog().prop_map(|c| format!("resume {c}")),
            1 => catalog().prop_map(|c| format!("crash {c}")),
            u32::from(rebuilds) => catalog().prop_map(|c| format!("rebuild {c}")),
        ]
    }

    /// A session in the mode with a catalog by patron beside the built-in ones.
    fn in_mode(mode: &str) -> Session {
        session(&format!("office {mode}\nadd-catalog loans by patron"))
    }

    /// Publishes what waits and files everything in every catalog.
    fn settle(s: &mut Session) {
        run(s, "tick");
        for c in CATALOGS {
            run(s, &format!("sync {c}"));
        }
    }

    /// A fresh catalog like `like` after `events` are filed in order.
    fn replayed(like: &Catalog, events: &[Event]) -> Catalog {
        let mut fresh = like.empty_like();
        events.iter().for_each(|e| fresh.apply(e));
        fresh
    }

    /// The event committed by an outcome and whether it was lost; `None` for anything else.
    fn commit_of(s: &Session, outcome: &Outcome) -> Option<(Event, bool)> {
        match outcome {
            Outcome::Accepted { seq, .. } => Some((s.library().log().get(*seq)?.clone(), false)),
            Outcome::Committed { commit, .. } => {
                Some((commit.event.clone(), commit.published == Published::Lost))
            }
            _ => None,
        }
    }

    /// What a log or a list of events says happened, without the sequence numbers and ticks
    /// publishing gives.
    fn facts(events: &[Event]) -> Vec<(String, EventKind)> {
        events
            .iter()
            .map(|e| (e.book.as_str().to_string(), e.kind.clone()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn with_the_outbox_after_sync_every_catalog_equals_a_rebuild_from_the_tables(
            lines in prop::collection::vec(line(true), 1..40)
        ) {
            let mut s = in_mode("state-stored outbox");
            for text in &lines {
                run(&mut s, text);
            }
            settle(&mut s);
            let library = s.library();
            prop_assert_eq!(library.outbox_len(), 0);
            prop_assert_eq!(library.lost_events(), 0);
            for p in library.projectors() {
                prop_assert_eq!(
                    &p.catalog, &library.catalog_from_tables(&p.catalog), "{}", p.name
                );
            }
        }

        #[test]
        fn with_dual_write_the_catalogs_miss_exactly_the_crashed_commits(
            lines in prop::collection::vec(line(false), 1..40)
        ) {
            let mut s = in_mode("state-stored dual-write");
            let (mut all, mut published) = (Vec::new(), Vec::new());
            for text in &lines {
                let outcome = exec(&mut s, text);
                if let Some((event, lost)) = commit_of(&s, &outcome) {
                    if !lost {
                        published.push(event.clone());
                    }
                    all.push(event);
                }
            }
            settle(&mut s);
            let library = s.library();
            prop_assert_eq!(library.lost_events() as usize, all.len() - published.len());
            prop_assert_eq!(facts(library.log().events()), facts(&published));
            for p in library.projectors() {
                prop_assert_eq!(&p.catalog, &replayed(&p.catalog, &published), "{}", p.name);
                prop_assert_eq!(
                    &library.catalog_from_tables(&p.catalog),
                    &replayed(&p.catalog, &all),
                    "the tables know every commit: {}", p.name
                );
            }
        }

        #[test]
        fn expecting_the_right_version_changes_nothing_and_a_wrong_one_appends_nothing(
            writes in prop::collection::vec((write(), 1..3u64), 1..30)
        ) {
            let (mut plain, mut stated) = (Session::new(), Session::new());
            for ((book, text), off) in &writes {
                let version = stated.library().office().version(book);
                let before = (stated.library().log().events().to_vec(), stated.library().office().commits());
                let refused = exec(&mut stated, &format!("{text} expecting {}", version + off));
                prop_assert_eq!(rule(&refused), Rule::VersionConflict);
                let after = (stated.library().log().events().to_vec(), stated.library().office().commits());
                prop_assert_eq!(after, before, "a refused command appends nothing");
                let a = exec(&mut plain, text);
                let b = exec(&mut stated, &format!("{text} expecting {version}"));
                prop_assert_eq!(a, b, "`{}`", text);
            }
            prop_assert_eq!(plain.library().log().events(), stated.library().log().events());
            let books = |s: &Session| s.library().office().books().cloned().collect::<Vec<_>>();
            prop_assert_eq!(books(&plain), books(&stated));
        }
    }
}
