//! The embedded lessons and quizzes, read as a careful reviewer would: no statement the course
//! has corrected comes back, no answer gives itself away by its wording, length or place, and
//! every quiz's `review` sends the learner to a lesson that teaches the question's key idea.

use cqrs_catalog::content::{Content, load};

fn content() -> Content {
    let (content, problems) = Content::read(&load::embedded_lessons(), &load::embedded_quizzes());
    assert!(problems.is_empty(), "{problems:?}");
    content
}

/// Every piece of text a learner or a presenter reads, with where it stands.
fn texts(content: &Content) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lesson in &content.lessons {
        for (i, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {}", lesson.id, i + 1);
            out.push((at.clone(), step.text.clone()));
            out.extend(step.notes.iter().map(|n| (at.clone(), n.clone())));
            if let Some(p) = &step.predict {
                out.push((at.clone(), p.question.clone()));
                out.extend(p.reveal.iter().map(|r| (at.clone(), r.clone())));
                for c in &p.choices {
                    out.push((at.clone(), format!("{} {}", c.text, c.why)));
                }
            }
        }
    }
    for quiz in &content.quizzes {
        for q in &quiz.questions {
            let at = format!("quiz {} question {}", quiz.id, q.id);
            out.push((at.clone(), format!("{} {}", q.prompt, q.explanation)));
            for c in &q.choices {
                out.push((at.clone(), format!("{} {}", c.text, c.why)));
            }
        }
    }
    out
}

/// Text with its line breaks and TOML continuations folded into single spaces, lowercased.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn no_statement_the_course_corrected_comes_back() {
    // Each phrase was once in the course and is wrong or misleading (issue 12).
    let wrong = [
        // The case study says the write model *could* handle 3x more updates.
        "handled 3x",
        "handled 3 times",
        "absorbed 3x",
        // Time lag here is the age of the oldest event not yet applied.
        "time lag is how old the newest",
        // Only while the log is kept and a replay is fast enough.
        "read models need no backups",
        "none is needed",
        // Too strict, not wrong.
        "'commands return nothing' is wrong",
        // A replica keeps the write model's shape: not a separate read model.
        "are already a form of cqrs",
        // One source of truth: the log; the back office's records are derived from it.
        "which are the truth",
        "the write side's records are the only truth",
        // Replays run the handlers they are given, not every listener.
        "reaches whatever handlers listen",
        // Stale is the word for an old card; "wrong" is for damage.
        "wrong in both directions",
        "the shelf was wrong",
        // Only with asynchronous projectors.
        "the window is short but never zero",
        // Idempotency is not the checkpoint in the case where the checkpoint was lost.
        "the checkpoint shows it was already applied",
        "the checkpoint tells it which events it has already applied",
        // Four catalogs stand beside this sentence.
        "five read models mean five",
        "the article puts read traffic",
    ];
    let found: Vec<String> = texts(&content())
        .into_iter()
        .flat_map(|(at, text)| {
            let text = folded(&text);
            wrong
                .iter()
                .filter(|w| text.contains(*w))
                .map(|w| format!("{at}: \"{w}\""))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
