//! The presets: the real cases of the article, scaled to a library that runs in a terminal.
//! Each says what it stands for, so a report can tell the learner what they are looking at.

use super::params::{Fanout, Faults, Params};
use crate::model::OfficeMode;
use crate::sim::ParamError;
use crate::words::did_you_mean;

/// A named starting point for `simulate`.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub name: &'static str,
    /// One line on the case and on the scaling.
    pub about: &'static str,
    params: fn() -> Params,
}

impl Preset {
    pub fn params(&self) -> Params {
        (self.params)()
    }
}

/// A plain library: the shared defaults the presets adjust.
fn library(preset: &'static str) -> Params {
    Params {
        preset,
        writes_per_sec: 100,
        reads_per_sec: 1_000,
        capacity: 1_000,
        delay_ms: 200,
        spread_ms: 0,
        seconds: 60,
        seed: 1,
        books: 5_000,
        hot_books: 100,
        hot_share: 30,
        lent_target: 30,
        arrivals: 5,
        fanout: None,
        faults: Faults::default(),
    }
}

pub const PRESETS: [Preset; 4] = [
    Preset {
        name: "azure",
        about: "Azure DevOps work items: 10 reads for each write, read models 200-500 ms behind",
        params: || Params {
            spread_ms: 300,
            ..library("azure")
        },
    },
    Preset {
        name: "booking",
        about: "Booking.com: about 1 million bookings a day (12 a second) for 2,000 rooms, search \
                results 1-2 s behind; a room booked meanwhile still looks free, and the desk \
                refuses it at checkout",
        params: || Params {
            writes_per_sec: 12,
            reads_per_sec: 600,
            capacity: 200,
            delay_ms: 1_000,
            spread_ms: 1_000,
            books: 2_000,
            hot_books: 100,
            hot_share: 40,
            lent_target: 60,
            arrivals: 0,
            ..library("booking")
        },
    },
    Preset {
        name: "ecommerce",
        about: "an e-commerce catalog: 50,000 reads and 500 writes a second; its 50 million items \
                scaled down 1:1000 to 50,000 books",
        params: || Params {
            writes_per_sec: 500,
            reads_per_sec: 50_000,
            capacity: 2_000,
            delay_ms: 50,
            spread_ms: 100,
            books: 50_000,
            hot_books: 500,
            hot_share: 50,
            lent_target: 20,
            arrivals: 10,
            ..library("ecommerce")
        },
    },
    Preset {
        name: "twitter",
        about: "Twitter's timelines: a new book by a popular author pinned on the notice boards of \
                all 20,000 followers (fan-out on write) versus looked up when a board is read \
                (fan-out on read)",
        params: || Params {
            writes_per_sec: 40,
            reads_per_sec: 10_000,
            capacity: 1_000,
            delay_ms: 100,
            books: 0,
            hot_books: 0,
            hot_share: 0,
            lent_target: 0,
            arrivals: 100,
            fanout: Some(Fanout {
                patrons: 20_000,
                authors: 500,
                follows: 5,
                popular_every_ms: 10_000,
                board_capacity: 50_000,
            }),
            ..library("twitter")
        },
    },
];

/// A named set of faults, for a screen's row: what a learner can switch on under any load.
#[derive(Debug, Clone, Copy)]
pub struct FaultPreset {
    pub name: &'static str,
    /// What it does and what to look for, in one line.
    pub about: &'static str,
    pub faults: Faults,
}

const NO_FAULTS: Faults = Faults {
    duplicates: 0,
    crash_every_ms: 0,
    checkpoint_apart: false,
    poison: 0,
    office: OfficeMode::EventSourced,
    office_crash_every_ms: 0,
};

pub const FAULT_PRESETS: [FaultPreset; 7] = [
    FaultPreset {
        name: "none",
        about: "every event delivered once, no crashes",
        faults: NO_FAULTS,
    },
    FaultPreset {
        name: "duplicates 5%",
        about: "5% of the deliveries come twice; the checkpoint skips them",
        faults: Faults {
            duplicates: 5,
            ..NO_FAULTS
        },
    },
    FaultPreset {
        name: "crashes, with view",
        about: "projectors crash every second; the checkpoint is saved with the cards, so the restart files the event once",
        faults: Faults {
            crash_every_ms: 1_000,
            ..NO_FAULTS
        },
    },
    FaultPreset {
        name: "crashes, apart",
        about: "projectors crash every second; the checkpoint is saved after the cards: the restart refiles, loans counts twice",
        faults: Faults {
            crash_every_ms: 1_000,
            checkpoint_apart: true,
            ..NO_FAULTS
        },
    },
    FaultPreset {
        name: "poison 1%",
        about: "each catalog cannot file 1% of the events: retried, parked, then healed and retried at the end",
        faults: Faults {
            poison: 1,
            ..NO_FAULTS
        },
    },
    FaultPreset {
        name: "dual write, crashes",
        about: "tables first, then the event published: a crash every 2 s between the two loses that event for good",
        faults: Faults {
            office: OfficeMode::DualWrite,
            office_crash_every_ms: 2_000,
            ..NO_FAULTS
        },
    },
    FaultPreset {
        name: "outbox, crashes",
        about: "the event goes to an outbox in the same commit: after a crash every 2 s, the relay still publishes it",
        faults: Faults {
            office: OfficeMode::Outbox,
            office_crash_every_ms: 2_000,
            ..NO_FAULTS
        },
    },
];

/// The preset `simulate` starts from when none is named.
pub const DEFAULT_PRESET: &str = "azure";

pub fn preset(name: &str) -> Option<&'static Preset> {
    let name = name.to_lowercase();
    PRESETS.iter().find(|p| p.name == name)
}

/// The preset named, or a message listing them with the nearest one.
pub fn lookup(name: &str) -> Result<&'static Preset, ParamError> {
    preset(name).ok_or_else(|| {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        ParamError::UnknownPreset {
            name: name.to_string(),
            hint: did_you_mean(name, names.iter().copied()),
            names: names.join(", "),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_named_as_listed() {
        for p in PRESETS {
            let params = p.params();
            assert_eq!(params.preset, p.name);
            assert_eq!(params.validate(), Ok(()), "{}", p.name);
        }
        assert!(preset(DEFAULT_PRESET).is_some());
        assert_eq!(FAULT_PRESETS[0].faults, Faults::default());
        for f in FAULT_PRESETS.iter().skip(1) {
            assert!(f.faults.any(), "{}", f.name);
        }
    }

    #[test]
    fn the_presets_keep_the_articles_ratios() {
        let azure = preset("azure").unwrap().params();
        assert_eq!(azure.reads_per_sec, 10 * azure.writes_per_sec);
        assert_eq!(
            (azure.delay_ms, azure.delay_ms + azure.spread_ms),
            (200, 500)
        );
        let shop = preset("ecommerce").unwrap().params();
        assert_eq!((shop.reads_per_sec, shop.writes_per_sec), (50_000, 500));
        let booking = preset("booking").unwrap().params();
        assert_eq!(
            booking.writes_per_sec * 86_400 / 1_000_000,
            1,
            "a million a day"
        );
    }

    #[test]
    fn a_misspelt_preset_gets_a_suggestion() {
        let message = lookup("ecomerce").unwrap_err().to_string();
        assert!(message.contains("did you mean \"ecommerce\"?"), "{message}");
        assert_eq!(lookup("Twitter").unwrap().name, "twitter");
        assert!(
            !lookup("xyzzy")
                .unwrap_err()
                .to_string()
                .contains("did you mean")
        );
    }
}
