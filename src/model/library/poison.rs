//! An event a projector cannot file: `poison` makes it so, the projector retries with
//! back-off and then parks it; `heal` fixes the cause and `retry` files the parked events.

use super::{Library, done};
use crate::model::exec_error::ExecError;
use crate::model::language::CatalogRef;
use crate::model::outcome::{Done, Outcome};

impl Library {
    /// `poison`: the catalog's projector cannot file event `seq` until it is healed.
    pub(super) fn poison(
        &mut self,
        catalog: &CatalogRef,
        seq: u64,
        seq_col: usize,
    ) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        Self::event_at(&self.log, seq, seq_col)?;
        let filed_already = !self.projectors[i].poison(seq);
        let poisoned = Done::Poisoned {
            catalog: catalog.name.clone(),
            seq,
            filed_already,
        };
        Ok(done(poisoned, vec![]))
    }

    /// `heal`: the projector can file what it could not; an event being retried is filed at
    /// its next try, parked ones wait for `retry`.
    pub(super) fn heal(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        let p = &mut self.projectors[i];
        let healed = Done::Healed {
            catalog: catalog.name.clone(),
            cured: p.heal(),
            retrying: p.retrying(),
            parked: p.parked().len(),
        };
        Ok(done(healed, vec![]))
    }

    /// `retry`: files the parked events again, in order; an error when none is parked.
    pub(super) fn retry(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        if self.projectors[i].parked().is_empty() {
            return Err(ExecError::NothingParked {
                catalog: catalog.name.clone(),
                col: catalog.col,
            });
        }
        let (filed, still) = self.projectors[i].retry(&self.log);
        let retried = Done::Retried {
            catalog: catalog.name.clone(),
            filed,
            still,
        };
        Ok(done(retried, vec![]))
    }
}
