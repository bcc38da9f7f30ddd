//! Checks of content against itself and against the model: duplicate ids, review links,
//! commands that name missing catalogs, challenge solutions that miss their goal, and quiz
//! keys that the model contradicts. `cqrs-catalog check` and the app's loader both use it.

use std::collections::{HashMap, HashSet};

use crate::model::Session;

use super::load::offset;
use super::source::{Pos, Problem};
use super::{Challenge, Content, Question};
use crate::model::language::ScriptLine;

fn problem(file: &str, pos: Pos, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        pos,
        message,
    }
}

/// Executes lines in a session, reporting those the model refuses (a catalog that does not
/// exist, one added twice) at their place in the file.
fn execute_checked(
    session: &mut Session,
    lines: &[ScriptLine],
    file: &str,
    start: Pos,
    what: &str,
    out: &mut Vec<Problem>,
) {
    for line in lines {
        if let Err(e) = session.execute(&line.command) {
            out.push(problem(
                file,
                offset(start, line.line, e.col()),
                format!("{what}: {}", e.describe()),
            ));
        }
    }
}

/// A teacher's lessons with the embedded quizzes: those quizzes were checked against the
/// embedded lessons, and their `review` links name lessons this content may not have. A link
/// to an absent lesson is dropped (the quiz offers no lesson to review there) rather than
/// reported as the teacher's problem.
pub fn unlink_absent_reviews(content: &mut Content) {
    let ids: HashSet<String> = content.lessons.iter().map(|l| l.id.clone()).collect();
    for question in content
        .quizzes
        .iter_mut()
        .flat_map(|q| q.questions.iter_mut())
    {
        if question.review.as_ref().is_some_and(|id| !ids.contains(id)) {
            question.review = None;
        }
    }
}

/// Every problem of the loaded content that needs more than one file or the model to see.
/// Files named in `incomplete` had problems while being read: what was read of them lacks the
/// bad lines, so running them in the model would report echoes of problems already reported.
pub fn check(content: &Content, incomplete: &HashSet<&str>) -> Vec<Problem> {
    let mut out = Vec::new();
    let lesson_ids = check_lessons(content, incomplete, &mut out);
    check_quizzes(content, &lesson_ids, incomplete, &mut out);
    out
}

/// Duplicate lesson ids, and each lesson's steps run in the model. Returns the lesson ids,
/// with their files, for the quizzes' review links.
fn check_lessons<'c>(
    content: &'c Content,
    incomplete: &HashSet<&str>,
    out: &mut Vec<Problem>,
) -> HashMap<&'c str, &'c str> {
    let mut lesson_ids: HashMap<&str, &str> = HashMap::new();
    for lesson in &content.lessons {
        if let Some(first) = lesson_ids.insert(&lesson.id, &lesson.file) {
            out.push(problem(
                &lesson.file,
                lesson.id_at,
                format!("duplicate lesson id \"{}\" (also in {first})", lesson.id),
            ));
        }
        if incomplete.contains(lesson.file.as_str()) {
            continue;
        }
        let mut session = Session::new();
        for (i, step) in lesson.steps.iter().enumerate() {
            execute_checked(
                &mut session,
                &step.run,
                &lesson.file,
                step.run_at,
                "run",
                out,
            );
            if let Some(challenge) = &step.challenge {
                check_challenge(&session, challenge, &lesson.file, i + 1, out);
            }
        }
    }
    lesson_ids
}

/// A challenge's solution, run from where its step leaves the library, must reach the goal,
/// and the goal must not hold before the learner does anything.
fn check_challenge(
    session: &Session,
    challenge: &Challenge,
    file: &str,
    step: usize,
    out: &mut Vec<Problem>,
) {
    let mut attempt = session.clone();
    execute_checked(
        &mut attempt,
        &challenge.solution,
        file,
        challenge.solution_at,
        "solution",
        out,
    );
    let missed: Vec<&str> = challenge
        .done_when
        .iter()
        .filter(|(_, c)| !c.holds(&attempt))
        .map(|(text, _)| text.as_str())
        .collect();
    if !missed.is_empty() {
        out.push(problem(
            file,
            challenge.solution_at,
            format!(
                "step {step}: the solution does not reach the goal: \"{}\" does not hold",
                missed.join("\", \"")
            ),
        ));
    }
    if challenge.reached(session) {
        out.push(problem(
            file,
            challenge.solution_at,
            format!("step {step}: the goal holds before the learner does anything"),
        ));
    }
}

/// Duplicate quiz ids, review links to lessons that do not exist, and each question's key
/// checked against the model.
fn check_quizzes(
    content: &Content,
    lesson_ids: &HashMap<&str, &str>,
    incomplete: &HashSet<&str>,
    out: &mut Vec<Problem>,
) {
    let mut quiz_ids: HashMap<&str, &str> = HashMap::new();
    for quiz in &content.quizzes {
        if let Some(first) = quiz_ids.insert(&quiz.id, &quiz.file) {
            out.push(problem(
                &quiz.file,
                quiz.id_at,
                format!("duplicate quiz id \"{}\" (also in {first})", quiz.id),
            ));
        }
        for q in &quiz.questions {
            if let Some(review) = &q.review
                && !lesson_ids.contains_key(review.as_str())
            {
                let known = content.lessons.iter().map(|l| l.id.as_str());
                let hint = crate::words::did_you_mean(review, known);
                out.push(problem(
                    &quiz.file,
                    q.review_at,
                    format!("review links to a lesson \"{review}\" that does not exist{hint}"),
                ));
            }
            if !q.setup.is_empty() && !incomplete.contains(quiz.file.as_str()) {
                check_key(q, &quiz.file, out);
            }
        }
    }
}

/// Each choice that says what holds after the question's setup must be marked as the model
/// finds it: correct when it holds, wrong when it does not.
fn check_key(q: &Question, file: &str, out: &mut Vec<Problem>) {
    let mut session = Session::new();
    execute_checked(&mut session, &q.setup, file, q.setup_at, "setup", out);
    for (choice, letter) in q.choices.iter().zip('a'..) {
        let Some((text, condition)) = &choice.holds else {
            continue;
        };
        let holds = condition.holds(&session);
        if holds != choice.correct {
            let marked = if choice.correct { "correct" } else { "wrong" };
            out.push(problem(
                file,
                choice.holds_at,
                format!(
                    "question \"{}\", choice {letter}: marked {marked}, but after the setup \"{text}\" is {holds}",
                    q.id
                ),
            ));
        }
    }
}

/// A warning (not a problem: the tour shuffles predictions anyway) when one position holds more
/// than half the right answers of the predictions as written: a `--content` folder printed or
/// read in its authored order would then give the answers away.
pub fn answer_position_warning(content: &Content) -> Option<String> {
    let mut at: Vec<usize> = Vec::new();
    for step in content.lessons.iter().flat_map(|l| &l.steps) {
        if let Some(i) = step
            .predict
            .as_ref()
            .and_then(|p| p.choices.iter().position(|c| c.correct))
        {
            if at.len() <= i {
                at.resize(i + 1, 0);
            }
            at[i] += 1;
        }
    }
    let total: usize = at.iter().sum();
    let (i, most) = at
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))?;
    let letter = (b'a' + i as u8) as char;
    // Under four predictions a position holding most of them is chance, not a habit.
    (total >= 4 && most * 2 > total).then(|| {
        format!("warning: {most} of {total} predictions have their right answer written as choice {letter}; spread them over the positions")
    })
}
