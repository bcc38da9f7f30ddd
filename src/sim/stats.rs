//! What a simulation measures: one `Sample` per simulated second, a `Summary` of the whole run,
//! and the histogram of delivery lags the percentiles come from.

use crate::model::OfficeMode;

/// One simulated second, as `simulate --json` prints it and a screen plots it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Simulated seconds elapsed at the end of this one (the first sample has t = 1).
    pub t: u64,
    /// Commands sent to the back office during the second.
    pub writes: u64,
    /// Lookups in the catalogs during the second.
    pub reads: u64,
    /// The log head at the end of the second.
    pub head: u64,
    /// Events the furthest-behind catalog had not filed at the end of the second.
    pub lag_events: u64,
    /// The furthest-behind catalog's lag in ms: the longest an event filed during the second had
    /// waited, or how long its oldest unfiled event has waited, whichever is more.
    pub lag_ms: u64,
    /// The furthest-behind catalog at the end of the second.
    pub worst: String,
    /// Reads whose answer differed from the back office's truth.
    pub stale_reads: u64,
    /// Commands the back office refused: for lends, a patron trusted a stale shelf card.
    pub rejected: u64,
    /// Deliveries of an event a second time to a catalog (`--duplicates`).
    pub redelivered: u64,
    /// Projectors that crashed and restarted from their saved checkpoint (`--crash-every`).
    pub crashes: u64,
    /// Events parked at the end of the second, over every catalog: given up on after their
    /// retries (`--poison`), waiting for a heal and a retry.
    pub parked: u64,
    /// Notice-board cards pinned during the second (twitter only).
    pub cards_filed: Option<u64>,
    /// Board reads answered by fan-out on read (looking up each followed author) that would
    /// have been stale (twitter only).
    pub stale_reads_on_read: Option<u64>,
}

/// The whole run.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub preset: &'static str,
    pub seconds: u64,
    pub writes: u64,
    pub reads: u64,
    /// Events appended during the run (setting up the library is not counted).
    pub events: u64,
    pub rejected: u64,
    pub stale_reads: u64,
    /// Stale reads over reads, 0 when nothing was read.
    pub stale_share: f64,
    /// Delivery lag: from an event's append until a catalog filed it, over every catalog's
    /// filing of every event (a catalog 200 ms behind and one 500 ms behind: p50 200, max 500).
    pub lag_ms_p50: u64,
    pub lag_ms_p99: u64,
    pub lag_ms_max: u64,
    pub lag_events_max: u64,
    /// Events some catalog had still not filed when the run ended.
    pub unfiled: u64,
    pub redelivered: u64,
    pub crashes: u64,
    /// Events parked when the run ended, before the final heal and retry.
    pub parked: u64,
    /// Events the back office committed and never published: no catalog learns of them
    /// (a dual-write office that crashed between its two writes).
    pub lost_events: u64,
    pub office_crashes: u64,
    /// How the back office kept its records: what the catalogs are verified against.
    pub office: OfficeMode,
    /// The catalogs that differ from a replay of the log once every projector has caught up,
    /// checked when the run ends (`None` before): what the faults did that no flag shows.
    pub diverged: Option<Vec<String>>,
    pub amplification: Option<Amplification>,
}

/// Fan-out on write against fan-out on read, over the same books and the same board reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Amplification {
    /// Books whose cataloging was fanned out to notice boards.
    pub events_fanned: u64,
    pub cards_filed: u64,
    /// Write amplification: cards pinned per event fanned out.
    pub cards_per_event: f64,
    pub popular_books: u64,
    /// Cards one book by the popular author costs: one per follower.
    pub cards_per_popular_book: u64,
    /// A board read with fan-out on write is one lookup; with fan-out on read, one per author
    /// followed.
    pub lookups_per_read_on_write: f64,
    pub lookups_per_read_on_read: f64,
    /// Stale share of the same reads answered by fan-out on read.
    pub stale_share_on_read: f64,
}

/// Counts of lags in whole ms: exact percentiles for any run a terminal would show.
#[derive(Debug, Clone, Default)]
pub(crate) struct LagHistogram {
    counts: Vec<u64>,
    total: u64,
}

impl LagHistogram {
    pub(crate) fn record(&mut self, ms: u64) {
        let i = ms as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += 1;
        self.total += 1;
    }

    /// The smallest lag that at least `percent` percent of the samples do not exceed.
    pub(crate) fn percentile(&self, percent: u64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = (self.total * percent).div_ceil(100).max(1);
        let mut seen = 0;
        for (ms, count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return ms as u64;
            }
        }
        self.max()
    }

    pub(crate) fn max(&self) -> u64 {
        self.counts.len().saturating_sub(1) as u64
    }
}

pub(crate) fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::LagHistogram;

    #[test]
    fn percentiles_are_exact_ranks() {
        let mut h = LagHistogram::default();
        for ms in 1..=100 {
            h.record(ms);
        }
        assert_eq!(
            (h.percentile(50), h.percentile(99), h.percentile(100)),
            (50, 99, 100)
        );
        assert_eq!(h.max(), 100);
        assert_eq!(LagHistogram::default().percentile(50), 0);
    }
}
