//! The simulator on small loads whose outcome can be worked out by hand: rates kept exactly,
//! no stale read without delay, lag that grows when the clerks are too slow, exact delivery
//! lags, determinism, fan-out counts, the truth checked against the back office, and the
//! faults injected under load with what they do to the catalogs.

use super::*;
use crate::model::language::{CatalogRef, Command};
use crate::model::{Answer, BookState, Catalog, OfficeMode, Outcome};

/// A small plain library: 200 books, lends and returns, a few arrivals; no delay and ample
/// capacity unless a test says otherwise.
fn small() -> Params {
    Params {
        preset: "test",
        writes_per_sec: 50,
        reads_per_sec: 500,
        capacity: 1_000_000,
        delay_ms: 0,
        spread_ms: 0,
        seconds: 5,
        seed: 7,
        books: 200,
        hot_books: 20,
        hot_share: 50,
        lent_target: 50,
        arrivals: 10,
        fanout: None,
        faults: Faults::default(),
    }
}

/// Every write appends an event and none is refused: new books only (acquire, catalog).
fn arrivals_only() -> Params {
    Params {
        reads_per_sec: 0,
        arrivals: 100,
        ..small()
    }
}

fn twitter(patrons: u32, popular_every_ms: u64) -> Params {
    Params {
        preset: "test",
        writes_per_sec: 4,
        reads_per_sec: 200,
        books: 0,
        hot_books: 0,
        arrivals: 100,
        fanout: Some(Fanout {
            patrons,
            authors: 10,
            follows: 3,
            popular_every_ms,
            board_capacity: 1_000_000,
        }),
        ..small()
    }
}

fn run(params: Params) -> Simulation {
    Simulation::run(params).expect("valid parameters")
}

#[test]
fn each_second_carries_exactly_the_writes_and_reads_asked_for() {
    let sim = run(small());
    assert_eq!(sim.samples().len(), 5);
    for (i, s) in sim.samples().iter().enumerate() {
        assert_eq!(s.t, i as u64 + 1);
        assert_eq!((s.writes, s.reads), (50, 500));
    }
    let summary = sim.summary();
    assert_eq!((summary.writes, summary.reads), (250, 2_500));
}

#[test]
fn with_no_delay_and_ample_capacity_no_read_is_stale() {
    let sim = run(small());
    for s in sim.samples() {
        assert_eq!(
            (s.stale_reads, s.rejected, s.lag_events, s.lag_ms),
            (0, 0, 0, 0),
            "second {}",
            s.t
        );
    }
    let summary = sim.summary();
    assert_eq!((summary.lag_ms_p99, summary.unfiled), (0, 0));
    assert_eq!(summary.events, 250, "every write accepted, one event each");
}

#[test]
fn with_a_capacity_below_the_write_rate_lag_grows_every_second() {
    // 100 events a second (one every 10 ms) and clerks who file 50: the backlog grows by 50 a
    // second. The first event comes due to an idle clerk and is filed at once.
    let sim = run(Params {
        writes_per_sec: 100,
        capacity: 50,
        ..arrivals_only()
    });
    let lags: Vec<u64> = sim.samples().iter().map(|s| s.lag_events).collect();
    assert_eq!(lags, [50, 100, 150, 200, 250]);
    let lag_ms: Vec<u64> = sim.samples().iter().map(|s| s.lag_ms).collect();
    assert!(lag_ms.windows(2).all(|w| w[0] < w[1]), "{lag_ms:?}");
}

#[test]
fn with_a_delay_and_ample_capacity_every_event_arrives_after_exactly_the_delay() {
    // Five catalogs 200, 275, 350, 425 and 500 ms behind, as in the azure case (the shelf
    // slowest): each files every event after its own delay, so a fifth of the filings wait
    // 200 ms, a fifth 275, and so on.
    let sim = run(Params {
        delay_ms: 200,
        spread_ms: 300,
        ..arrivals_only()
    });
    let summary = sim.summary();
    assert_eq!(
        (summary.lag_ms_p50, summary.lag_ms_p99, summary.lag_ms_max),
        (350, 500, 500)
    );
    assert!(sim.samples().iter().all(|s| s.lag_ms == 500));
    assert!(sim.samples().iter().all(|s| s.worst == "shelf"));
    // 50 events a second, half a second behind: 25 unfiled at the end of each second.
    assert!(sim.samples().iter().all(|s| s.lag_events == 25));
}

#[test]
fn stale_shelf_cards_send_patrons_to_the_desk_for_books_already_lent() {
    let booking = preset("booking").unwrap().params();
    let stale = run(Params {
        seconds: 30,
        ..booking.clone()
    });
    assert!(stale.summary().rejected > 0);
    assert!(stale.summary().stale_reads > 0);
    let fresh = run(Params {
        seconds: 30,
        delay_ms: 0,
        spread_ms: 0,
        capacity: 1_000_000,
        ..booking
    });
    assert_eq!(
        (fresh.summary().rejected, fresh.summary().stale_reads),
        (0, 0)
    );
}

#[test]
fn the_same_seed_gives_the_same_run_and_another_seed_another() {
    let params = Params {
        delay_ms: 300,
        capacity: 40,
        ..small()
    };
    let a = run(params.clone());
    let b = run(params.clone());
    assert_eq!(a.samples(), b.samples());
    assert_eq!(a.summary(), b.summary());
    let c = run(Params { seed: 8, ..params });
    assert_ne!(a.samples(), c.samples());
}

#[test]
fn stepping_in_small_slices_gives_the_same_samples_as_whole_seconds() {
    let params = Params {
        delay_ms: 120,
        capacity: 45,
        seconds: 3,
        ..small()
    };
    let mut whole = Simulation::new(params.clone()).unwrap();
    while !whole.is_done() {
        whole.step_second();
    }
    let mut sliced = Simulation::new(params).unwrap();
    while !sliced.is_done() {
        sliced.advance(7);
    }
    assert_eq!(whole.samples(), &sliced.samples()[..3]);
}

#[test]
fn the_simulators_truth_is_the_back_offices() {
    let sim = run(Params {
        delay_ms: 150,
        capacity: 60,
        ..small()
    });
    let office = sim.library().office();
    let mut books = 0;
    for (book, out) in sim.books_out() {
        let state = &office.book(book.as_str()).expect("acquired").state;
        assert_eq!(matches!(state, BookState::Lent { .. }), out, "{book}");
        books += 1;
    }
    assert!(books > 200, "arrivals were cataloged and tracked too");
}

#[test]
fn raising_the_capacity_mid_run_lets_the_catalogs_catch_up() {
    let mut sim = Simulation::new(Params {
        writes_per_sec: 100,
        capacity: 50,
        seconds: 10,
        ..arrivals_only()
    })
    .unwrap();
    sim.step_second();
    assert_eq!(sim.step_second().lag_events, 100);
    sim.set_capacity(10_000).unwrap();
    assert_eq!(sim.step_second().lag_events, 0);
    assert_eq!(sim.params().capacity, 10_000);
    assert!(sim.set_capacity(0).is_err());
    assert!(sim.set_rates(1_000_000_000, 0).is_err());
}

#[test]
fn changing_the_delay_mid_run_moves_the_lag() {
    let mut sim = Simulation::new(small()).unwrap();
    assert_eq!(sim.step_second().lag_ms, 0);
    sim.set_delay(300, 0).unwrap();
    sim.step_second();
    assert_eq!(sim.step_second().lag_ms, 300);
}

#[test]
fn a_book_by_the_popular_author_is_pinned_once_for_each_follower() {
    // Every new book is hers (one a second: acquire, then catalog), and all 300 patrons follow her.
    let sim = run(twitter(300, 1));
    let a = sim
        .summary()
        .amplification
        .expect("twitter measures fan-out");
    assert_eq!(
        a.events_fanned, 10,
        "two writes per book, 4 writes a second, 5 s"
    );
    assert_eq!(a.popular_books, 10);
    assert_eq!(a.cards_per_popular_book, 300);
    assert_eq!(a.cards_filed, 3_000);
    assert_eq!(a.cards_per_event, 300.0);
    let pinned: u64 = sim.samples().iter().filter_map(|s| s.cards_filed).sum();
    assert_eq!(pinned, 3_000);
}

#[test]
fn fan_out_on_read_pins_nothing_but_each_read_looks_up_every_author_followed() {
    let sim = run(twitter(300, 1_000_000));
    let summary = sim.summary();
    let a = summary.amplification.unwrap();
    assert_eq!(a.lookups_per_read_on_write, 1.0);
    assert_eq!(
        a.lookups_per_read_on_read, 4.0,
        "three authors and the popular one"
    );
    assert_eq!(
        (summary.stale_reads, a.stale_share_on_read),
        (0, 0.0),
        "no delay, ample capacity: both answers are right"
    );
}

#[test]
fn a_slow_board_clerk_makes_board_reads_stale_while_author_lookups_stay_fresh() {
    let mut params = twitter(3_000, 1);
    if let Some(f) = &mut params.fanout {
        f.board_capacity = 2_000;
    }
    let sim = run(params);
    let summary = sim.summary();
    let a = summary.amplification.unwrap();
    assert!(summary.stale_reads > 0);
    assert_eq!(a.stale_share_on_read, 0.0);
    assert!(sim.samples().iter().any(|s| s.worst == "notice boards"));
}

#[test]
fn invalid_parameters_are_refused_naming_the_flag() {
    let cases = [
        (
            Params {
                seconds: 0,
                ..small()
            },
            "--seconds",
        ),
        (
            Params {
                capacity: 0,
                ..small()
            },
            "--capacity",
        ),
        (
            Params {
                writes_per_sec: 10_000_000,
                ..small()
            },
            "--writes",
        ),
        (
            Params {
                delay_ms: 3_600_000,
                ..small()
            },
            "--delay",
        ),
        (
            Params {
                reads_per_sec: 1_000_000,
                seconds: 3_600,
                ..small()
            },
            "--reads",
        ),
        (
            Params {
                books: 0,
                hot_books: 0,
                ..small()
            },
            "no books",
        ),
    ];
    for (params, named) in cases {
        let message = Simulation::new(params).unwrap_err().to_string();
        assert!(message.contains(named), "{message}");
    }
}

fn faulty(duplicates: u32, crash_every_ms: u64, checkpoint_apart: bool) -> Params {
    Params {
        delay_ms: 40,
        spread_ms: 60,
        faults: Faults {
            duplicates,
            crash_every_ms,
            checkpoint_apart,
            ..Faults::default()
        },
        ..small()
    }
}

/// Each catalog, named, in the order of the library's projectors.
fn catalogs(sim: &Simulation) -> Vec<(String, Catalog)> {
    sim.library()
        .projectors()
        .iter()
        .map(|p| (p.name.clone(), p.catalog.clone()))
        .collect()
}

#[test]
fn the_simulated_library_counts_loans_per_patron_and_ends_equal_to_a_replay() {
    let sim = run(small());
    let loans = sim.library().catalog(LOANS).expect("every run has one");
    assert!(loans.is_count());
    let lent: u64 = loans.counts().iter().map(|(_, n)| n).sum();
    assert!(lent > 0, "the desk lent books, and the loans were counted");
    assert_eq!(sim.summary().diverged, Some(vec![]));
    assert_eq!((sim.summary().redelivered, sim.summary().crashes), (0, 0));
}

#[test]
fn duplicate_deliveries_are_skipped_by_the_checkpoint_and_change_no_catalog() {
    let clean = run(faulty(0, 0, false));
    let twice = run(faulty(50, 0, false));
    let redelivered: u64 = twice.samples().iter().map(|s| s.redelivered).sum();
    assert_eq!(redelivered, twice.summary().redelivered);
    // Half of some 250 events, to each of five catalogs.
    assert!(redelivered > 400, "{redelivered}");
    assert_eq!(catalogs(&clean), catalogs(&twice));
    assert_eq!(twice.summary().diverged, Some(vec![]));
    let stale = |sim: &Simulation| {
        sim.samples()
            .iter()
            .map(|s| s.stale_reads)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stale(&clean),
        stale(&twice),
        "the same reads, the same answers"
    );
}

#[test]
fn each_projector_crashes_on_its_period_and_the_samples_count_every_crash() {
    let sim = run(faulty(0, 1_000, false));
    let per_second: Vec<u64> = sim.samples().iter().map(|s| s.crashes).collect();
    // Five projectors, one crash each a second, staggered: the last of each round is armed on
    // the second's boundary and crashes early in the next.
    assert_eq!(per_second, [4, 5, 5, 5, 5]);
    let in_model: u64 = sim.library().projectors().iter().map(|p| p.crashes).sum();
    assert_eq!(sim.summary().crashes, in_model);
    assert_eq!(in_model, 24);
}

#[test]
fn crashes_with_the_checkpoint_kept_with_the_view_leave_every_catalog_equal_to_a_replay() {
    let sim = run(faulty(5, 300, false));
    let summary = sim.summary();
    assert!(
        summary.crashes > 50 && summary.redelivered > 0,
        "{summary:?}"
    );
    assert_eq!(summary.diverged, Some(vec![]));
}

#[test]
fn crashes_with_the_checkpoint_saved_apart_make_the_count_catalog_diverge_and_only_it() {
    let sim = run(faulty(5, 300, true));
    assert_eq!(sim.summary().diverged, Some(vec![LOANS.to_string()]));
    // The card catalogs filed some events twice too, and are none the worse for it.
    let clean = run(faulty(0, 0, false));
    for ((name, a), (_, b)) in catalogs(&clean).iter().zip(catalogs(&sim).iter()) {
        if name != LOANS {
            assert_eq!(a, b, "{name}");
        }
    }
}

#[test]
fn divergence_is_checked_once_the_run_ends_after_every_catalog_caught_up() {
    let mut sim = Simulation::new(faulty(0, 300, true)).unwrap();
    sim.step_second();
    assert_eq!(sim.summary().diverged, None, "not before the end");
    sim.run_to_end();
    let summary = sim.summary();
    assert!(summary.diverged.is_some());
    assert!(summary.unfiled > 0, "what was behind when the run ended");
    let head = sim.library().head();
    assert!(
        sim.library()
            .projectors()
            .iter()
            .all(|p| p.checkpoint == head)
    );
    sim.advance(10);
    assert_eq!(
        sim.summary().diverged,
        summary.diverged,
        "checked once, at the end"
    );
}

#[test]
fn poisoned_events_are_parked_under_load_and_healed_and_retried_at_the_end() {
    let sim = run(Params {
        faults: Faults {
            poison: 5,
            ..Faults::default()
        },
        ..faulty(0, 0, false)
    });
    let parked: Vec<u64> = sim.samples().iter().map(|s| s.parked).collect();
    assert!(
        parked.windows(2).all(|w| w[0] <= w[1]),
        "nothing heals them during the run: {parked:?}"
    );
    let summary = sim.summary();
    // 5% of some 250 events, in each of five catalogs.
    assert!(summary.parked > 30, "{summary:?}");
    assert_eq!(summary.parked, *parked.last().unwrap());
    assert_eq!(summary.diverged, Some(vec![]), "healed, retried and synced");
    assert!(
        sim.library()
            .projectors()
            .iter()
            .all(|p| p.parked().is_empty())
    );
}

#[test]
fn a_parked_event_left_unhealed_is_drift_that_verify_finds() {
    // The same run, stopped a millisecond short of its end: the catalogs are missing what the
    // parked events would have done (an acquisition does nothing to a card, a loan does), and
    // verify says so where no flag would.
    let mut sim = Simulation::new(Params {
        faults: Faults {
            poison: 5,
            ..Faults::default()
        },
        ..faulty(0, 0, false)
    })
    .unwrap();
    sim.advance(4_999);
    let mut library = sim.library().clone();
    let parked: Vec<String> = library
        .projectors()
        .iter()
        .filter(|p| !p.parked().is_empty())
        .map(|p| p.name.clone())
        .collect();
    let drifted = parked.iter().filter(|name| {
        let verify = Command::Verify {
            catalog: CatalogRef {
                name: name.to_string(),
                col: 0,
            },
        };
        match library.execute(&verify).unwrap() {
            Outcome::Answered(Answer::Verify(v)) => !v.verified(),
            other => panic!("{other:?}"),
        }
    });
    assert!(drifted.count() > 0, "{parked:?}");
}

fn office(mode: OfficeMode) -> Params {
    Params {
        faults: Faults {
            office: mode,
            office_crash_every_ms: 500,
            ..Faults::default()
        },
        ..faulty(0, 0, false)
    }
}

#[test]
fn a_dual_write_office_that_crashes_loses_each_crashed_commit_to_every_catalog() {
    let sim = run(office(OfficeMode::DualWrite));
    let summary = sim.summary();
    // Crashes at 500 ms, 1 s, ... 4.5 s: nine, each losing the commit that followed it.
    assert_eq!((summary.office_crashes, summary.lost_events), (9, 9));
    assert_eq!(
        summary.events + summary.lost_events + summary.rejected,
        summary.writes
    );
    let diverged = summary.diverged.unwrap();
    for card_catalog in ["authors", "titles", "subjects", "shelf"] {
        assert!(diverged.iter().any(|d| d == card_catalog), "{diverged:?}");
    }
    let office = sim.library().office();
    for (book, out) in sim.books_out() {
        let state = &office.book(book.as_str()).expect("acquired").state;
        assert_eq!(matches!(state, BookState::Lent { .. }), out, "{book}");
    }
}

#[test]
fn an_outbox_office_that_crashes_loses_nothing_and_an_event_sourced_one_neither() {
    for mode in [OfficeMode::Outbox, OfficeMode::EventSourced] {
        let summary = run(office(mode)).summary();
        assert_eq!(
            (summary.office_crashes, summary.lost_events),
            (9, 0),
            "{mode:?}"
        );
        assert_eq!(
            summary.events + summary.rejected,
            summary.writes,
            "{mode:?}"
        );
        assert_eq!(summary.diverged, Some(vec![]), "{mode:?}");
    }
}

#[test]
fn faults_out_of_bounds_are_refused_naming_the_flag() {
    let message = Simulation::new(faulty(101, 0, false))
        .unwrap_err()
        .to_string();
    assert!(message.contains("--duplicates"), "{message}");
    let message = Simulation::new(faulty(0, 10_000_000, false))
        .unwrap_err()
        .to_string();
    assert!(message.contains("--crash-every"), "{message}");
    let mut params = faulty(0, 0, false);
    params.faults.poison = 200;
    let message = Simulation::new(params).unwrap_err().to_string();
    assert!(message.contains("--poison"), "{message}");
}
