//! Reading lessons and quizzes: from the files embedded at build time, or from a folder the
//! user names. Every problem found on the way is collected with its position, never just the
//! first, so an author fixes a file in one pass.

use std::ops::Range;
use std::path::Path;

use include_dir::{Dir, include_dir};
use toml::Spanned;
use toml::de::DeTable;

use crate::model::Condition;
use crate::model::language::{ScriptLine, parse_script};

use super::lesson::{Challenge, Choice, Lesson, Panel, Predict, Step};
use super::quiz::{Kind, MAX_CHOICES, Question, Quiz};
use super::raw::{ChoiceFile, LessonFile, QuestionFile, QuizFile, StepFile};
use super::shape::{self, Shape};
use super::source::{Pos, Problem, Source};

static EMBEDDED_LESSONS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EMBEDDED_QUIZZES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");

/// The `.toml` files of an embedded folder, by file name.
fn embedded(dir: &Dir<'_>, folder: &str) -> Vec<Source> {
    let mut sources: Vec<Source> = dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .map(|f| Source {
            name: format!("{folder}/{}", f.path().display()),
            text: String::from_utf8_lossy(f.contents()).into_owned(),
        })
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    sources
}

pub fn embedded_lessons() -> Vec<Source> {
    embedded(&EMBEDDED_LESSONS, "content")
}

pub fn embedded_quizzes() -> Vec<Source> {
    embedded(&EMBEDDED_QUIZZES, "quizzes")
}

/// The `.toml` files of a folder on disk, by file name. A file that cannot be read (not UTF-8
/// text, too large, not a regular file, not permitted) is a problem of that file, not a reason
/// to stop checking the rest.
pub fn read_dir(dir: &Path, problems: &mut Vec<Problem>) -> anyhow::Result<Vec<Source>> {
    use anyhow::Context;
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?;
    let mut sources = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                problems.push(whole_file(
                    &dir.display().to_string(),
                    format!("cannot list an entry: {e}"),
                ));
                continue;
            }
        };
        if path.extension().is_some_and(|e| e == "toml") {
            match read_source(&path) {
                Ok(source) => sources.push(source),
                Err(problem) => problems.push(problem),
            }
        }
    }
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sources)
}

/// One content file, or the problem that keeps it from being read.
fn read_source(path: &Path) -> Result<Source, Problem> {
    use crate::storage::{ReadErrorKind, SMALL_FILE, read_bytes};
    let name = path.display().to_string();
    let bytes = read_bytes(path, SMALL_FILE).map_err(|e| match e.kind {
        ReadErrorKind::NotAFile(what) => whole_file(&name, format!("this is {what}, not a file")),
        ReadErrorKind::TooLarge { .. } => {
            whole_file(&name, "the file is too large to be a lesson or a quiz")
        }
        ReadErrorKind::Missing => whole_file(&name, "the file went away while it was read"),
        ReadErrorKind::Io(io) => whole_file(&name, format!("cannot read the file: {io}")),
        ReadErrorKind::NotUtf8 { .. } => whole_file(&name, "the file is not UTF-8 text"),
    })?;
    String::from_utf8(bytes)
        .map(|text| Source {
            name: name.clone(),
            text,
        })
        .map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = Source {
                name,
                text: String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned(),
            };
            let pos = prefix.pos(valid);
            Problem::new(&prefix, pos, "the file is not UTF-8 text; save it as UTF-8")
        })
}

/// A problem of a whole file, placed at its start.
fn whole_file(name: &str, message: impl Into<String>) -> Problem {
    Problem {
        file: name.to_string(),
        pos: Pos { line: 1, col: 1 },
        message: message.into(),
    }
}

/// Collects problems for one file.
struct Reader<'a> {
    source: &'a Source,
    problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems.push(Problem::new(self.source, pos, message));
    }

    fn at(&self, span: &Range<usize>) -> Pos {
        self.source.pos(span.start)
    }

    /// Reads the file as `T`: first its TOML syntax (every error the parser can recover
    /// from), then its keys against `shape` (every unknown and missing one), then the types.
    fn toml<T: serde::de::DeserializeOwned>(&mut self, shape: &Shape) -> Option<T> {
        let (table, errors) = DeTable::parse_recoverable(&self.source.text);
        if !errors.is_empty() {
            for e in &errors {
                self.toml_error(e);
            }
            return None;
        }
        let before = self.problems.len();
        shape::walk(
            self.source,
            table.get_ref(),
            table.span().start,
            shape,
            self.problems,
        );
        if self.problems.len() > before {
            return None;
        }
        match toml::from_str::<T>(&self.source.text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.toml_error(&e);
                None
            }
        }
    }

    fn toml_error(&mut self, e: &toml::de::Error) {
        let pos = e.span().map_or(Pos { line: 1, col: 1 }, |s| self.at(&s));
        let mut message = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .trim()
            .to_string();
        // toml says only "duplicate key"; the author wants to know which.
        if message == "duplicate key"
            && let Some(key) = e.span().and_then(|s| self.source.text.get(s))
        {
            message = format!("duplicate key `{}`", key.trim());
        }
        self.problem(pos, message);
    }

    /// Parses the commands of a TOML string, reporting each bad line at its place in the file.
    fn script(&mut self, value: &Spanned<String>, what: &str) -> (Vec<ScriptLine>, Pos) {
        let start = self.source.string_start(&value.span());
        match parse_script(value.get_ref()) {
            Ok(lines) => (lines, start),
            Err(errors) => {
                for e in errors {
                    let pos = offset(start, e.line, e.col);
                    self.problem(pos, format!("{what}: {}", e.describe()));
                }
                (Vec::new(), start)
            }
        }
    }

    fn condition(&mut self, value: &Spanned<String>) -> Option<(String, Condition)> {
        match Condition::parse(value.get_ref()) {
            Ok(c) => Some((value.get_ref().clone(), c)),
            Err(e) => {
                let pos = self.source.string_start(&value.span());
                self.problem(
                    pos,
                    format!(
                        "condition \"{}\": word {}: {}",
                        value.get_ref(),
                        e.word,
                        e.message
                    ),
                );
                None
            }
        }
    }

    fn id(&mut self, id: &Spanned<String>, what: &str) -> String {
        let valid = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            let pos = self.at(&id.span());
            self.problem(
                pos,
                format!(
                    "{what} id \"{}\" must be lowercase letters, digits and '-'",
                    id.get_ref()
                ),
            );
        }
        id.get_ref().clone()
    }

    /// A step's title keys its solved challenge in the learner's progress (a number would
    /// shift when a step is added), so two steps of a lesson may not share one.
    fn unique_titles(&mut self, steps: &[StepFile]) {
        let mut seen = std::collections::HashSet::new();
        for step in steps {
            let title = step.title.get_ref();
            if !seen.insert(title.as_str()) {
                let pos = self.at(&step.title.span());
                self.problem(
                    pos,
                    format!("duplicate step title \"{title}\" in this lesson"),
                );
            }
        }
    }

    fn choices(&mut self, raw: &[ChoiceFile]) -> Vec<Choice> {
        raw.iter()
            .map(|c| {
                let holds_at = c
                    .holds
                    .as_ref()
                    .map_or(Pos::default(), |h| self.source.string_start(&h.span()));
                Choice {
                    text: c.text.get_ref().clone(),
                    correct: c.correct.unwrap_or(false),
                    why: c.why.trim().to_string(),
                    holds: c.holds.as_ref().and_then(|h| self.condition(h)),
                    holds_at,
                }
            })
            .collect()
    }
}

/// The position of line `line`, column `col` of a string that starts at `start`.
pub fn offset(start: Pos, line: usize, col: usize) -> Pos {
    if line <= 1 {
        Pos {
            line: start.line,
            col: start.col + col - 1,
        }
    } else {
        Pos {
            line: start.line + line - 1,
            col,
        }
    }
}

pub fn read_lesson(source: &Source, problems: &mut Vec<Problem>) -> Option<Lesson> {
    let mut r = Reader { source, problems };
    let raw: LessonFile = r.toml(&shape::LESSON)?;
    let id = r.id(&raw.id, "lesson");
    if raw.steps.get_ref().is_empty() {
        let pos = r.at(&raw.steps.span());
        r.problem(pos, "a lesson needs at least one step");
    }
    r.unique_titles(raw.steps.get_ref());
    let mut steps = Vec::new();
    for s in raw.steps.into_inner() {
        let (run, run_at) = match &s.run {
            Some(run) => r.script(run, "run"),
            None => (Vec::new(), Pos::default()),
        };
        let focus = s.focus.as_ref().and_then(|f| {
            let found = f.get_ref().parse::<Panel>().ok();
            if found.is_none() {
                let pos = r.at(&f.span());
                r.problem(pos, format!("focus \"{}\" is not a panel: use narration, office, log, catalogs or command", f.get_ref()));
            }
            found
        });
        let predict = s.predict.as_ref().map(|p| {
            let choices = r.choices(&p.choices);
            let right = choices.iter().filter(|c| c.correct).count();
            if choices.len() < 2 || right != 1 {
                let pos = r.at(&p.question.span());
                r.problem(pos, format!("a prediction needs at least 2 choices with exactly one correct (has {} with {right} correct)", choices.len()));
            }
            Predict { question: p.question.get_ref().trim().to_string(), reveal: p.reveal.as_ref().map(|s| s.trim().to_string()), choices }
        });
        let challenge = s.challenge.as_ref().map(|c| {
            let done_when: Vec<(String, Condition)> =
                c.done_when.iter().filter_map(|d| r.condition(d)).collect();
            if c.done_when.is_empty() {
                let pos = r.at(&c.goal.span());
                r.problem(pos, "a challenge needs at least one condition in done_when");
            }
            let (solution, solution_at) = r.script(&c.solution, "solution");
            Challenge {
                goal: c.goal.get_ref().trim().to_string(),
                done_when,
                hint: c.hint.trim().to_string(),
                solution,
                solution_at,
            }
        });
        steps.push(Step {
            title: s.title.get_ref().clone(),
            text: s.text.trim().to_string(),
            run,
            run_at,
            focus,
            notes: s.notes.map(|n| n.trim().to_string()),
            predict,
            challenge,
        });
    }
    let id_at = r.at(&raw.id.span());
    Some(Lesson {
        id,
        id_at,
        title: raw.title,
        summary: raw.summary.trim().to_string(),
        steps,
        file: source.name.clone(),
    })
}

pub fn read_quiz(source: &Source, problems: &mut Vec<Problem>) -> Option<Quiz> {
    let mut r = Reader { source, problems };
    let raw: QuizFile = r.toml(&shape::QUIZ)?;
    let id = r.id(&raw.id, "quiz");
    if raw.questions.is_empty() {
        r.problem(
            Pos { line: 1, col: 1 },
            "a quiz needs at least one question",
        );
    }
    let mut questions = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for q in &raw.questions {
        questions.push(read_question(&mut r, q, &mut seen));
    }
    let id_at = r.at(&raw.id.span());
    Some(Quiz {
        id,
        id_at,
        title: raw.title,
        questions,
        file: source.name.clone(),
    })
}

fn read_question(
    r: &mut Reader<'_>,
    q: &QuestionFile,
    seen: &mut std::collections::HashSet<String>,
) -> Question {
    let at = r.at(&q.id.span());
    let id = r.id(&q.id, "question");
    if !seen.insert(id.clone()) {
        r.problem(at, format!("duplicate question id \"{id}\" in this quiz"));
    }
    let kind = question_kind(r, q);
    let choices = r.choices(&q.choices);
    kind_rules(r, q, kind, &choices);
    let kind = kind.unwrap_or(Kind::Single);
    let (setup, setup_at) = match &q.setup {
        Some(setup) => r.script(setup, "setup"),
        None => (Vec::new(), Pos::default()),
    };
    if q.setup.is_none() {
        for (c, raw) in choices.iter().zip(&q.choices) {
            if c.holds.is_some() || raw.holds.is_some() {
                r.problem(
                    c.holds_at,
                    "`holds` needs a `setup` on the question to check against",
                );
                break;
            }
        }
    }
    Question {
        id,
        kind,
        prompt: q.prompt.trim().to_string(),
        explanation: q.explanation.trim().to_string(),
        review: q.review.as_ref().map(|v| v.get_ref().clone()),
        review_at: q.review.as_ref().map_or(at, |v| r.at(&v.span())),
        shuffle: q.shuffle.unwrap_or(true),
        setup,
        setup_at,
        choices,
        at,
    }
}

/// The question's kind, or `None` (reported) for a word that names none.
fn question_kind(r: &mut Reader<'_>, q: &QuestionFile) -> Option<Kind> {
    match q.kind.get_ref().as_str() {
        "single" => Some(Kind::Single),
        "multiple" => Some(Kind::Multiple),
        "order" => Some(Kind::Order),
        other => {
            let pos = r.at(&q.kind.span());
            let hint = crate::words::did_you_mean(other, ["single", "multiple", "order"]);
            r.problem(
                pos,
                format!(
                    "kind \"{other}\" is not a question kind{hint}: use single, multiple or order"
                ),
            );
            None
        }
    }
}

/// What each kind asks of its choices: how many are right, how many there are, whether
/// their order may be shuffled.
fn kind_rules(r: &mut Reader<'_>, q: &QuestionFile, kind: Option<Kind>, choices: &[Choice]) {
    let right = choices.iter().filter(|c| c.correct).count();
    let kind_pos = r.at(&q.kind.span());
    // An unknown kind was reported above; the rules of a kind it does not have would only
    // add noise.
    match kind {
        Some(Kind::Single) if right != 1 => r.problem(
            kind_pos,
            format!("a single question needs exactly one correct choice, this one has {right}"),
        ),
        Some(Kind::Multiple) if right == 0 => r.problem(
            kind_pos,
            "a multiple question needs at least one correct choice",
        ),
        Some(Kind::Order) if choices.len() < 3 => r.problem(
            kind_pos,
            format!(
                "an order question needs at least 3 choices, this one has {}",
                choices.len()
            ),
        ),
        Some(Kind::Order) if q.choices.iter().any(|c| c.correct.is_some()) => r.problem(
            kind_pos,
            "an order question takes no `correct`: the authored order is the answer",
        ),
        Some(Kind::Single | Kind::Multiple) if choices.len() < 2 => {
            r.problem(kind_pos, "a question needs at least 2 choices")
        }
        _ => {}
    }
    if choices.len() > MAX_CHOICES {
        r.problem(
            kind_pos,
            format!(
                "a question has at most {MAX_CHOICES} choices (keyed a to {}), this one has {}",
                char::from(b'a' + MAX_CHOICES as u8 - 1),
                choices.len()
            ),
        );
    }
    if kind == Some(Kind::Order) && q.shuffle == Some(false) {
        r.problem(
            kind_pos,
            "an order question cannot be pinned: its authored order is the answer",
        );
    }
}
