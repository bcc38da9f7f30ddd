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

/// The fixture quiz `lag` (one question of each kind) that the results tests share.
#[cfg(test)]
fn fixture_content() -> crate::content::Content {
    let lag = crate::content::Source {
        name: "lag.toml".into(),
        text: include_str!("../../../tests/results/quizzes/lag.toml").into(),
    };
    let (content, problems) = crate::content::Content::read(&[], &[lag]);
    assert_eq!(problems, vec![]);
    content
}
