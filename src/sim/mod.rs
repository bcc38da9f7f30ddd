//! The traffic simulator: generated commands through the real back office, events through the
//! real projectors and reads through the real catalogs, in simulated time (one tick = one ms).
//!
//! No UI code: a screen steps a `Simulation` (`step_second`, `advance`) and reads its
//! `samples`, so it stays responsive; `report` prints a run headless for `simulate`.

mod fanout;
mod faults;
mod params;
mod presets;
pub mod report;
mod run;
mod stats;

pub use params::{Fanout, Faults, ParamError, Params};
pub use presets::{DEFAULT_PRESET, FAULT_PRESETS, FaultPreset, PRESETS, Preset, lookup, preset};
pub use run::{LOANS, Simulation};
pub use stats::{Amplification, Sample, Summary};

#[cfg(test)]
mod tests;
