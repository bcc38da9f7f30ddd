//! Commands that tune how the projectors deliver: `delay` (and its old name `lag`), `pause`,
//! `resume` and `sync`.

use super::{Library, delivery, done};
use crate::model::exec_error::ExecError;
use crate::model::language::CatalogRef;
use crate::model::outcome::{Done, Outcome};

impl Library {
    /// `delay`: events reach the catalog `ticks` after they were appended, from now on; what
    /// a shorter delay makes due is filed at once.
    pub(super) fn delay(&mut self, catalog: &CatalogRef, ticks: u64) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        self.projectors[i].delay = ticks;
        let delivered = self.pump();
        let catalog = catalog.name.clone();
        Ok(done(Done::Delay { catalog, ticks }, delivered))
    }

    pub(super) fn pause(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        self.projectors[i].paused = true;
        let catalog = catalog.name.clone();
        Ok(done(Done::Paused { catalog }, vec![]))
    }

    pub(super) fn resume(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        self.projectors[i].resume(self.now);
        let delivered = self.pump();
        let catalog = catalog.name.clone();
        Ok(done(Done::Resumed { catalog }, delivered))
    }

    /// `sync`: a synchronous catch-up, whatever the delay, pause or capacity.
    pub(super) fn sync(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        let before = self.projectors[i].checkpoint;
        self.projectors[i].sync(&self.log, self.now);
        let delivered = delivery(&mut self.projectors[i], before);
        let (catalog, head) = (catalog.name.clone(), self.head());
        Ok(done(Done::Synced { catalog, head }, delivered))
    }
}
