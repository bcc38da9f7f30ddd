//! Class quiz results: each attempt appended to one shared file (`file`) as a record of what
//! the learner saw and picked (`record`), added up per learner and per question (`stats`), and
//! reported to the teacher as a table or a CSV (`report`).

pub mod file;
pub mod record;
pub mod report;
pub mod stats;

pub use file::{append, check_target, read};
pub use record::{Answer, Attempt, now_rfc3339};
pub use report::{Unreadable, csv, render, report};
pub use stats::{Mistake, MistakeKind, QuestionStats, Standing, question_stats, standings};
