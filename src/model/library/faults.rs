//! Faults of delivery, shown in the model: `redeliver` (at-least-once delivery, made harmless
//! by the checkpoint and by cards that file the same way twice) and `verify`, which finds
//! silent drift by comparing a catalog with a replay of the log.

use super::{Library, delivery};
use crate::model::exec_error::ExecError;
use crate::model::language::CatalogRef;
use crate::model::outcome::{Against, Answer, Done, Outcome, Redelivery, VerifyAnswer};
use crate::model::projector::RebuildJob;

impl Library {
    /// `redeliver`: event `seq` reaches the catalog again. At or below the checkpoint it is
    /// skipped; the next one due is filed now; a later one waits for its turn.
    pub(super) fn redeliver_to(
        &mut self,
        catalog: &CatalogRef,
        seq: u64,
        seq_col: usize,
    ) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        let event = Self::event_at(&self.log, seq, seq_col)?;
        let p = &mut self.projectors[i];
        let before = p.checkpoint;
        let effect = if p.parked_between(seq, seq).contains(&seq) {
            Redelivery::StaysParked
        } else if seq <= before {
            Redelivery::Skipped { checkpoint: before }
        } else if seq > before + 1 {
            Redelivery::Waits { next: before + 1 }
        } else if !p.arrive_now(event, self.now) {
            let next_try = p.retrying().map_or(self.now, |(_, at)| at);
            Redelivery::Retrying { next_try }
        } else if p.parked_between(seq, seq).contains(&seq) {
            Redelivery::Parked
        } else {
            Redelivery::Filed
        };
        // An event buffered behind the one just filed has arrived already.
        p.catch_up(&self.log, self.now);
        let delivered = delivery(p, before);
        let catalog = catalog.name.clone();
        let done = Done::Redelivered {
            catalog,
            seq,
            effect,
        };
        Ok(Outcome::Done { done, delivered })
    }

    /// `reorder`: the next two events due reach the catalog swapped.
    pub(super) fn reorder(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        self.projectors[i].arm_reorder();
        let done = Done::ReorderArmed {
            catalog: catalog.name.clone(),
        };
        Ok(Outcome::Done {
            done,
            delivered: vec![],
        })
    }

    /// `checkpoint`: the projector saves its checkpoint with the cards, or in a step apart.
    pub(super) fn checkpoint_mode(
        &mut self,
        catalog: &CatalogRef,
        apart: bool,
    ) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        self.projectors[i].checkpoint_apart = apart;
        let catalog = catalog.name.clone();
        let done = Done::CheckpointMode { catalog, apart };
        Ok(Outcome::Done {
            done,
            delivered: vec![],
        })
    }

    /// `crash`: the projector will die after filing its next event, before saving its
    /// checkpoint.
    pub(super) fn arm_crash(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        // `crash office` is the other thing that can crash: a misspelt "office" is offered it.
        let i = self.index_of(catalog).map_err(|mut e| {
            if let ExecError::UnknownCatalog { known, .. } = &mut e {
                known.push("office".to_string());
            }
            e
        })?;
        let p = &mut self.projectors[i];
        p.crash_armed = true;
        let done = Done::CrashArmed {
            catalog: catalog.name.clone(),
            apart: p.checkpoint_apart,
        };
        Ok(Outcome::Done {
            done,
            delivered: vec![],
        })
    }

    /// What `verify` would say of a catalog: true when it equals its replay (or, in a
    /// state-stored office, the tables); `None` for a catalog that does not exist.
    pub fn matches_replay(&self, catalog: &str) -> Option<bool> {
        let catalog = CatalogRef {
            name: catalog.to_string(),
            col: 0,
        };
        match self.verify(&catalog) {
            Ok(Outcome::Answered(Answer::Verify(answer))) => Some(answer.drift.is_empty()),
            _ => None,
        }
    }

    /// `verify`: replays the log up to the catalog's checkpoint into a scratch copy and lists
    /// what differs. A query: the catalog is left exactly as it was.
    pub(super) fn verify(&self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let p = &self.projectors[self.index_of(catalog)?];
        if self.office_mode().is_state_stored() && !p.catalog.is_count() {
            return Ok(self.verify_against_tables(p));
        }
        let mut job = RebuildJob::like(&p.name, &p.catalog, p.checkpoint);
        job.step(&self.log, u64::MAX);
        let (replayed, _) = job.into_parts();
        Ok(Outcome::Answered(Answer::Verify(VerifyAnswer {
            catalog: p.name.clone(),
            checkpoint: p.checkpoint,
            drift: p.catalog.compare(&replayed),
            against: if self.office_mode().is_state_stored() {
                Against::Stream
            } else {
                Against::Log
            },
            in_flight: 0,
        })))
    }
}
