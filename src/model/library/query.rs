//! The read side: `find`, `show` and `status`. Queries read the catalogs and never touch the
//! back office or the log; every answer says whether it may be stale.

use super::Library;
use crate::model::exec_error::ExecError;
use crate::model::language::CatalogRef;
use crate::model::outcome::{Answer, CatalogStatus, FindAnswer, Outcome, ShowAnswer};

impl Library {
    /// `find`: the cards in one drawer; with `after`, a version-stamped read that is stale
    /// until the checkpoint reaches that sequence number.
    pub(super) fn find(
        &self,
        catalog: &CatalogRef,
        key: &str,
        after: Option<u64>,
    ) -> Result<Outcome, ExecError> {
        let p = &self.projectors[self.index_of(catalog)?];
        let head = self.head();
        let wanted = after.unwrap_or(head);
        Ok(Outcome::Answered(Answer::Find(FindAnswer {
            catalog: p.name.clone(),
            key: key.to_string(),
            cards: p.catalog.find(key),
            checkpoint: p.checkpoint,
            head,
            after,
            count: p.catalog.count(key),
            stale: p.checkpoint < wanted,
        })))
    }

    pub(super) fn show(&self, catalog: &CatalogRef) -> Result<Outcome, ExecError> {
        let p = &self.projectors[self.index_of(catalog)?];
        let head = self.head();
        Ok(Outcome::Answered(Answer::Show(ShowAnswer {
            catalog: p.name.clone(),
            field: p.catalog.field(),
            drawers: p.catalog.drawers(),
            counts: p.catalog.is_count().then(|| p.catalog.counts()),
            checkpoint: p.checkpoint,
            head,
            stale: p.checkpoint < head,
            parked: p.parked(),
        })))
    }

    pub(super) fn status_answer(&self) -> Outcome {
        Outcome::Answered(Answer::Status(self.status()))
    }

    /// Each catalog's checkpoint, delay, how far behind it is and its health.
    pub fn status(&self) -> Vec<CatalogStatus> {
        let head = self.head();
        self.projectors
            .iter()
            .map(|p| CatalogStatus {
                name: p.name.clone(),
                field: p.catalog.field(),
                checkpoint: p.checkpoint,
                head,
                delay: p.delay,
                behind_events: head - p.checkpoint,
                behind_ticks: p.waiting_ticks(&self.log, self.now),
                health: p.health(head),
                cards: p.catalog.card_count(),
                parked: p.parked(),
                buffered: p.buffered(),
            })
            .collect()
    }
}
