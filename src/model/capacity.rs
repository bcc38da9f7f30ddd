//! A projector's capacity: how many events its clerk can file in a span of ticks. Optional and
//! unlimited by default; under load it is what makes a catalog fall behind even with no lag.

/// At most `events` events every `per_ticks` ticks, at a steady pace. A clerk who had nothing
/// to do does not file faster afterwards to make up for it: idle time is not banked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub events: u64,
    pub per_ticks: u64,
}

impl Capacity {
    pub fn new(events: u64, per_ticks: u64) -> Self {
        Capacity { events, per_ticks }
    }

    /// What a tick earns: credit is counted in units where an event costs `per_ticks`, so a
    /// rate such as 3 events every 10 ticks needs no fractions.
    fn earn(self) -> u64 {
        self.events
    }

    fn cost(self) -> u64 {
        self.per_ticks.max(1)
    }

    /// The credit an idle clerk keeps: enough that the first tick with work files at once
    /// (one event, or one tick's worth when that is more), never a hoard. A clerk with no
    /// capacity at all keeps nothing.
    fn hold(self) -> u64 {
        if self.earn() == 0 {
            return 0;
        }
        self.cost().max(self.earn()) - self.earn()
    }
}

/// The clerk's progress through time: credit earned tick by tick and spent event by event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pace {
    credit: u64,
    /// The first tick not credited yet.
    next: u64,
}

impl Pace {
    /// A clerk who starts at `now` with nothing to catch up on.
    pub(crate) fn starting(capacity: Capacity, now: u64) -> Pace {
        Pace {
            credit: capacity.hold(),
            next: now,
        }
    }

    /// Spends the credit for one event that came due at tick `due`, earning through tick
    /// `now` at most. False when the clerk cannot file it by `now`. The ticks before `due`
    /// had nothing to file (events come due in log order), so they only refill to the hold;
    /// from `due` on every tick is a working tick and earns in full.
    pub(crate) fn take(&mut self, capacity: Capacity, due: u64, now: u64) -> bool {
        let (earn, cost) = (capacity.earn(), capacity.cost());
        if self.next <= due {
            let idle = due - self.next;
            if idle > 0 {
                self.credit = capacity
                    .hold()
                    .min(self.credit.saturating_add(idle.saturating_mul(earn)));
            }
            self.credit = self.credit.saturating_add(earn);
            self.next = due + 1;
        }
        if self.credit < cost {
            if earn == 0 {
                return false;
            }
            // Working ticks still needed, then whether they have come by `now`.
            let ticks = (cost - self.credit).div_ceil(earn);
            if self.next.saturating_add(ticks - 1) > now {
                let elapsed = (now + 1).saturating_sub(self.next);
                self.credit = self.credit.saturating_add(elapsed.saturating_mul(earn));
                self.next = self.next.max(now + 1);
                return false;
            }
            self.credit = self.credit.saturating_add(ticks.saturating_mul(earn));
            self.next += ticks;
        }
        self.credit -= cost;
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Library;
    use crate::model::language::parse_line;

    use super::Capacity;

    fn run(library: &mut Library, script: &str) {
        for line in script.lines() {
            let command = parse_line(line, 1).unwrap().unwrap();
            library.execute(&command).unwrap();
        }
    }

    /// A library whose shelf files at once (lag 0) at the given capacity, and `n` books acquired
    /// at tick 0: the acquisitions are the backlog (one event each).
    fn backlog(capacity: Option<Capacity>, n: usize) -> Library {
        let mut library = Library::new();
        run(&mut library, "lag shelf 0");
        library.set_capacity("shelf", capacity).unwrap();
        for i in 0..n {
            run(&mut library, &format!("acquire b{i} \"T{i}\" by \"A\""));
        }
        library
    }

    fn shelf_checkpoint(library: &Library) -> u64 {
        library.projector("shelf").unwrap().checkpoint
    }

    /// The shelf's checkpoint after each tick, ticking one at a time.
    fn checkpoints_by_tick(library: &mut Library, ticks: usize) -> Vec<u64> {
        let mut seen = vec![shelf_checkpoint(library)];
        for _ in 0..ticks {
            run(library, "tick");
            seen.push(shelf_checkpoint(library));
        }
        seen
    }

    #[test]
    fn a_projector_with_no_capacity_set_files_everything_due_at_once() {
        let library = backlog(None, 10);
        assert_eq!(shelf_checkpoint(&library), 10);
        assert_eq!(library.projector("shelf").unwrap().capacity(), None);
    }

    #[test]
    fn a_capacity_of_two_events_a_tick_files_two_events_a_tick() {
        let mut library = backlog(Some(Capacity::new(2, 1)), 7);
        assert_eq!(
            checkpoints_by_tick(&mut library, 4),
            vec![2, 4, 6, 7, 7],
            "two in the tick they came due, then two a tick until the backlog is gone"
        );
    }

    #[test]
    fn a_capacity_below_one_event_a_tick_files_at_a_steady_pace() {
        let mut library = backlog(Some(Capacity::new(1, 4)), 3);
        assert_eq!(
            checkpoints_by_tick(&mut library, 9),
            vec![1, 1, 1, 1, 2, 2, 2, 2, 3, 3],
            "one at once (an idle clerk is ready), then one every 4 ticks"
        );
    }

    #[test]
    fn a_fractional_capacity_is_kept_exactly_over_time() {
        // 3 events every 10 ticks: after 100 ticks of backlog, 30 more filed, not 25 or 33.
        let mut library = backlog(Some(Capacity::new(3, 10)), 200);
        let start = shelf_checkpoint(&library);
        run(&mut library, "tick 100");
        assert_eq!(shelf_checkpoint(&library) - start, 30);
    }

    #[test]
    fn jumping_the_clock_files_as_much_as_ticking_one_at_a_time() {
        for capacity in [
            Capacity::new(3, 1),
            Capacity::new(1, 3),
            Capacity::new(7, 10),
        ] {
            let mut stepped = backlog(Some(capacity), 50);
            checkpoints_by_tick(&mut stepped, 17);
            let mut jumped = backlog(Some(capacity), 50);
            run(&mut jumped, "tick 17");
            assert_eq!(
                shelf_checkpoint(&stepped),
                shelf_checkpoint(&jumped),
                "{capacity:?}"
            );
        }
    }

    #[test]
    fn an_idle_clerk_does_not_bank_time_to_file_a_burst_later() {
        let mut library = backlog(Some(Capacity::new(1, 2)), 0);
        run(&mut library, "tick 100");
        for i in 0..5 {
            run(&mut library, &format!("acquire b{i} \"T{i}\" by \"A\""));
        }
        assert_eq!(shelf_checkpoint(&library), 1, "one at once, not five");
        run(&mut library, "tick 2");
        assert_eq!(shelf_checkpoint(&library), 2);
    }

    #[test]
    fn capacity_applies_after_the_lag() {
        let mut library = backlog(Some(Capacity::new(1, 1)), 0);
        run(&mut library, "lag shelf 3");
        for i in 0..3 {
            run(&mut library, &format!("acquire b{i} \"T{i}\" by \"A\""));
        }
        assert_eq!(
            checkpoints_by_tick(&mut library, 6),
            vec![0, 0, 0, 1, 2, 3, 3],
            "due at tick 3, then one a tick"
        );
    }

    #[test]
    fn sync_delivers_everything_whatever_the_capacity() {
        let mut library = backlog(Some(Capacity::new(1, 100)), 20);
        run(&mut library, "sync shelf");
        assert_eq!(shelf_checkpoint(&library), 20);
    }

    #[test]
    fn a_capacity_of_zero_files_nothing_and_lifting_it_files_the_backlog() {
        let mut library = backlog(Some(Capacity::new(0, 1)), 4);
        run(&mut library, "tick 10");
        assert_eq!(shelf_checkpoint(&library), 0);
        library.set_capacity("shelf", None).unwrap();
        assert_eq!(shelf_checkpoint(&library), 4);
    }

    #[test]
    fn other_catalogs_keep_their_own_pace() {
        let mut library = backlog(Some(Capacity::new(1, 1000)), 5);
        assert_eq!(shelf_checkpoint(&library), 1);
        assert_eq!(library.projector("titles").unwrap().checkpoint, 0, "lag 1");
        assert!(library.set_capacity("nowhere", None).is_none());
    }
}
