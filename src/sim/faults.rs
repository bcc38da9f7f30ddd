//! Faults injected under load: duplicate deliveries, projector crashes and poison events, each
//! sent to the model as the command a learner types (`checkpoint`, `redeliver`, `crash`,
//! `poison`), and the check at the end that finds what they did to the catalogs (`heal`,
//! `retry` and `sync`, then `verify`).

use super::params::Faults;
use crate::model::language::{CatalogRef, Command};
use crate::model::{Answer, Library, Outcome};
use crate::rng::Rng;

/// Sends the faults to the model as the run goes.
#[derive(Debug, Clone)]
pub(super) struct Injector {
    faults: Faults,
    /// A stream of its own: the same seed draws the same traffic with faults or without.
    rng: Rng,
    /// When each projector is to crash next, in ms: staggered over the period, so the
    /// catalogs do not all die in the same millisecond.
    next_crash: Vec<u64>,
    /// Events filed during this step that a catalog is to be delivered again: (catalog, seq).
    again: Vec<(usize, u64)>,
    /// The last event that could be poisoned: events are published when appended, or later
    /// from an outbox.
    published: u64,
    next_office_crash: u64,
}

/// A catalog named as a command the simulator builds names it.
pub(super) fn catalog(name: &str) -> CatalogRef {
    CatalogRef {
        name: name.to_string(),
        col: 0,
    }
}

/// The catalogs' names, owned: setting a catalog up borrows the library mutably.
pub(super) fn catalog_names(library: &Library) -> Vec<String> {
    library
        .projectors()
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

/// Executes a command the simulator built: it names only catalogs the library has and
/// events in its log.
pub(super) fn execute(library: &mut Library, command: &Command) -> Outcome {
    library
        .execute(command)
        .expect("the simulator names only catalogs and events the library has")
}

impl Injector {
    /// Sets every catalog's checkpoint mode and plans the first crashes, from `now` on.
    pub(super) fn new(faults: Faults, seed: u64, library: &mut Library) -> Self {
        let names = catalog_names(library);
        if faults.checkpoint_apart {
            for name in &names {
                execute(
                    library,
                    &Command::Checkpoint {
                        catalog: catalog(name),
                        apart: true,
                    },
                );
            }
        }
        let period = faults.crash_every_ms;
        let n = names.len().max(1) as u64;
        let now = library.now();
        let next_crash = (0..n).map(|i| now + period * (i + 1) / n).collect();
        Injector {
            faults,
            rng: Rng::new(seed ^ 0xFA17_5EED),
            next_crash,
            again: Vec::new(),
            published: library.head(),
            next_office_crash: now + faults.office_crash_every_ms,
        }
    }

    /// Catalog `projector` has just filed event `seq`: a share of such deliveries comes twice.
    pub(super) fn filed(&mut self, projector: usize, seq: u64) {
        if self.faults.duplicates > 0 && self.rng.chance(self.faults.duplicates) {
            self.again.push((projector, seq));
        }
    }

    /// Delivers again what `filed` picked; returns how many deliveries that was.
    pub(super) fn deliver_again(&mut self, library: &mut Library) -> u64 {
        let n = self.again.len() as u64;
        for (i, seq) in self.again.drain(..) {
            let command = Command::Redeliver {
                catalog: catalog(&library.projectors()[i].name),
                seq,
                seq_col: 0,
            };
            execute(library, &command);
        }
        n
    }

    /// The events before this one are the library's setting up, not traffic.
    pub(super) fn start_after(&mut self, head: u64) {
        self.published = head;
    }

    /// Events have just been appended: each catalog cannot file a share of them. A catalog
    /// with no delay has filed them already, and the model says so and poisons nothing.
    pub(super) fn appended(&mut self, library: &mut Library) {
        let head = library.head();
        if self.faults.poison == 0 {
            self.published = head;
        }
        while self.published < head {
            self.published += 1;
            for i in 0..library.projectors().len() {
                if self.rng.chance(self.faults.poison) {
                    let command = Command::Poison {
                        catalog: catalog(&library.projectors()[i].name),
                        seq: self.published,
                        seq_col: 0,
                    };
                    execute(library, &command);
                }
            }
        }
    }

    /// Arms a crash in each projector whose time has come: it dies after filing its next
    /// event, before saving its checkpoint, and restarts from the one it saved.
    pub(super) fn crash_due(&mut self, library: &mut Library) {
        let now = library.now();
        let office_period = self.faults.office_crash_every_ms;
        if office_period > 0 && self.next_office_crash <= now {
            self.next_office_crash += office_period;
            library.arm_office_crash();
        }
        let period = self.faults.crash_every_ms;
        if period == 0 {
            return;
        }
        for i in 0..self.next_crash.len() {
            if self.next_crash[i] > now {
                continue;
            }
            self.next_crash[i] += period;
            let name = &library.projectors()[i].name;
            execute(
                library,
                &Command::Crash {
                    catalog: catalog(name),
                },
            );
        }
    }
}

/// Crashes so far, over every catalog.
pub(super) fn crashes(library: &Library) -> u64 {
    library.projectors().iter().map(|p| p.crashes).sum()
}

/// Events parked now, over every catalog.
pub(super) fn parked(library: &Library) -> u64 {
    library
        .projectors()
        .iter()
        .map(|p| p.parked().len() as u64)
        .sum()
}

/// Once the run has ended: each cause healed, the parked events retried, every projector
/// caught up, then each catalog verified against a replay of the log. Returns the catalogs
/// that differ: what the faults did that no flag shows.
pub(super) fn settle(library: &mut Library) -> Vec<String> {
    let names = catalog_names(library);
    for name in &names {
        execute(
            library,
            &Command::Heal {
                catalog: catalog(name),
            },
        );
        if library
            .projector(name)
            .is_some_and(|p| !p.parked().is_empty())
        {
            execute(
                library,
                &Command::Retry {
                    catalog: catalog(name),
                },
            );
        }
        execute(
            library,
            &Command::Sync {
                catalog: catalog(name),
            },
        );
    }
    names
        .into_iter()
        .filter(|name| {
            let verify = Command::Verify {
                catalog: catalog(name),
            };
            match execute(library, &verify) {
                Outcome::Answered(Answer::Verify(answer)) => !answer.verified(),
                other => unreachable!("verify answers with a verdict, not {other:?}"),
            }
        })
        .collect()
}
