//! Recovery and change of read models: `damage`, `rebuild` (whole, or in steps a screen can
//! animate) and `add-catalog`, a new read model built from the whole history, or, in a
//! state-stored office, from the tables (the current state).

use super::{Library, done};
use crate::model::catalog::Catalog;
use crate::model::exec_error::{ExecError, MAX_CATALOGS};
use crate::model::field::Field;
use crate::model::language::CatalogRef;
use crate::model::outcome::{Delivery, Done, Outcome};
use crate::model::projector::{Projector, RebuildJob};

impl Library {
    /// `damage`: loses and misfiles cards, deterministically; a catalog with no card is left
    /// as it is (and healthy).
    pub(super) fn damage(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let i = self.index_of(catalog)?;
        let p = &mut self.projectors[i];
        let catalog = p.name.clone();
        if p.catalog.card_count() == 0 {
            return Ok(done(Done::NothingToDamage { catalog }, vec![]));
        }
        let damage = p.catalog.damage();
        p.damaged = true;
        Ok(done(Done::Damaged { catalog, damage }, vec![]))
    }

    /// `rebuild`: replays the log into a fresh copy and swaps it in, before the next command.
    /// A state-stored office rebuilds from its tables instead: the log is only a stream.
    pub(super) fn rebuild(&mut self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        if self.office_mode().is_state_stored() {
            let i = self.index_of(catalog)?;
            return Ok(self.rebuild_from_tables(i));
        }
        let mut job = self.start_rebuild(catalog)?;
        job.step(&self.log, u64::MAX);
        let rebuilt = Done::Rebuilt {
            catalog: catalog.name.clone(),
            replayed: job.target,
        };
        let delivered = self.finish_rebuild(job);
        Ok(done(rebuilt, delivered))
    }

    /// `add-catalog`: a new read model, built from every event so far.
    pub(super) fn add_catalog(
        &mut self,
        name: &CatalogRef,
        field: Field,
        counts: bool,
    ) -> Result<Outcome, ExecError> {
        let refused = if self.projector(&name.name).is_some() {
            Some(ExecError::CatalogExists {
                name: name.name.clone(),
                col: name.col,
            })
        } else if self.projectors.len() >= MAX_CATALOGS {
            Some(ExecError::TooManyCatalogs {
                name: name.name.clone(),
                col: name.col,
            })
        } else {
            None
        };
        if let Some(error) = refused {
            return Err(error);
        }
        let empty = if counts {
            Catalog::counting(field)
        } else {
            Catalog::new(field)
        };
        if self.office_mode().is_state_stored() {
            return Ok(self.add_from_tables(&name.name, empty));
        }
        let mut job = RebuildJob::like(&name.name, &empty, self.head());
        job.step(&self.log, u64::MAX);
        let (catalog, checkpoint) = job.into_parts();
        let mut projector = Projector::new(&name.name, field);
        projector.catalog = catalog;
        projector.checkpoint = checkpoint;
        let cards = if counts {
            projector.catalog.counts().len()
        } else {
            projector.catalog.card_count()
        };
        self.projectors.push(projector);
        let added = Done::Added {
            catalog: name.name.clone(),
            field,
            counts,
            history: self.head(),
            cards,
        };
        Ok(done(added, vec![]))
    }

    /// Starts a rebuild of a catalog up to the current log head; the old catalog keeps
    /// answering until `finish_rebuild` swaps the new one in.
    pub fn start_rebuild(&self, catalog: &CatalogRef) -> Result<RebuildJob, ExecError> {
        let p = &self.projectors[self.index_of(catalog)?];
        Ok(RebuildJob::like(&p.name, &p.catalog, self.head()))
    }

    /// Swaps a rebuild in, only complete: a job not finished yet replays the rest first, and
    /// one that started before events the old catalog has filed since replays those too, so the
    /// checkpoint never moves back. Delay and pause are kept.
    pub fn finish_rebuild(&mut self, mut job: RebuildJob) -> Vec<Delivery> {
        let Some(i) = self.projectors.iter().position(|p| p.name == job.name) else {
            return vec![];
        };
        job.complete(&self.log, self.projectors[i].checkpoint);
        let (catalog, checkpoint) = job.into_parts();
        self.projectors[i].swap_in(catalog, checkpoint);
        self.pump()
    }

    /// `add-catalog` in a state-stored office: filled from the tables, at the stream's head. A
    /// count catalog starts at zero: what it would count is history the tables do not keep.
    fn add_from_tables(&mut self, name: &str, empty: Catalog) -> Outcome {
        let field = empty.field();
        let mut projector = Projector::new(name, field);
        projector.catalog = self.catalog_from_tables(&empty);
        projector.checkpoint = self.head();
        let counts = empty.is_count();
        let cards = projector.catalog.card_count();
        self.projectors.push(projector);
        let added = Done::AddedFromTables {
            catalog: name.to_string(),
            field,
            counts,
            books: self.office().len(),
            cards,
        };
        done(added, vec![])
    }
}
