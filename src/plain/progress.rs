//! `progress`: what the learner has done, in words (where the tour stands, lessons completed,
//! challenges solved, best quiz scores), and `progress --reset` to start afresh.

use anyhow::Result;

use crate::content::Content;
use crate::output;
use crate::progress::{Progress, Store};
use crate::words::plural;

/// The lines `progress` prints.
pub fn lines(content: &Content, progress: &Progress) -> Vec<String> {
    let mut lines = Vec::new();
    let total = content.lessons.len();
    let position = progress
        .tour
        .lesson
        .as_deref()
        .and_then(|id| content.lessons.iter().enumerate().find(|(_, l)| l.id == id));
    match position {
        Some((i, lesson)) => lines.push(format!(
            "Tour: lesson {} of {total}, \"{}\" ({}), step {} of {}",
            i + 1,
            lesson.title,
            lesson.id,
            progress.tour.step.min(lesson.steps.len().saturating_sub(1)) + 1,
            lesson.steps.len()
        )),
        None => lines.push(format!("Tour: not started ({total} lessons)")),
    }
    let completed: Vec<&str> = content
        .lessons
        .iter()
        .filter(|l| progress.tour.completed.contains(&l.id))
        .map(|l| l.id.as_str())
        .collect();
    lines.push(format!(
        "Lessons completed: {} of {total}{}",
        completed.len(),
        list(&completed)
    ));
    let challenges: usize = content
        .lessons
        .iter()
        .map(|l| l.steps.iter().filter(|s| s.challenge.is_some()).count())
        .sum();
    let solved: Vec<&str> = progress.challenges.iter().map(String::as_str).collect();
    lines.push(format!(
        "Challenges solved: {} of {challenges}{}",
        solved.len(),
        list(&solved)
    ));
    if !progress.skipped.is_empty() {
        let skipped: Vec<&str> = progress.skipped.iter().map(String::as_str).collect();
        lines.push(format!(
            "Challenges skipped: {}{}",
            skipped.len(),
            list(&skipped)
        ));
    }
    if progress.quizzes.is_empty() {
        lines.push("Quizzes: none taken yet".to_string());
    } else {
        lines.push("Quizzes:".to_string());
        for (id, score) in &progress.quizzes {
            lines.push(format!(
                "  {id}: best {} of {} on {} ({})",
                score.best,
                score.total,
                score.date,
                plural(score.attempts, "attempt")
            ));
        }
    }
    lines
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(": {}", items.join(", "))
    }
}

/// `progress`: prints it, with where it is kept. A corrupt file is reported on stderr.
pub fn show(content: &Content) -> Result<()> {
    let store = Store::default_location()?;
    let loaded = store.load();
    if let Some(warning) = &loaded.warning {
        output::warn(warning);
    }
    let mut text = format!("Progress kept in {}\n", store.path.display());
    for line in lines(content, &loaded.progress) {
        text.push_str(&line);
        text.push('\n');
    }
    output::print_out(&text)
}

/// `progress --reset`: sets saved progress aside, after asking (or with `--yes`, which a
/// script without a terminal must give: clearing is never done by accident).
pub fn reset(yes: bool) -> Result<()> {
    let store = Store::default_location()?;
    let nothing = || {
        output::print_out(&format!(
            "No saved progress to clear ({} does not exist)\n",
            store.path.display()
        ))
    };
    if std::fs::symlink_metadata(&store.path).is_err() {
        return nothing();
    }
    if !yes && !confirmed(&store.path)? {
        return output::print_out("Nothing cleared.\n");
    }
    match store.reset()? {
        Some(aside) => output::print_out(&format!(
            "Progress cleared: {} moved aside to {} (rename it back to restore it)\n",
            store.path.display(),
            aside.display()
        )),
        None => nothing(),
    }
}

/// Asks on the terminal whether to clear; without one, refuses (exit 2) and names `--yes`.
fn confirmed(path: &std::path::Path) -> Result<bool> {
    use std::io::{BufRead, IsTerminal};
    if !std::io::stdin().is_terminal() {
        return Err(crate::UsageError(format!(
            "`progress --reset` clears everything in {}; without a terminal to ask in, add --yes",
            path.display()
        ))
        .into());
    }
    output::print_out(&format!(
        "Clear all saved progress in {}? A copy is kept aside. [y/N] ",
        path.display()
    ))?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
