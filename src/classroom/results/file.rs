//! The class results file: attempts appended under a file lock by learners answering at the
//! same moment, and read back record by record, each checked in full.
//!
//! The file is a run of self-contained `[[attempts]]` records, each written in one go by
//! `append`. Reading splits the file at those headers and parses each record alone, so a
//! damaged or hand-edited record costs only itself: it is reported at `file:line:col`, in
//! words saying what was expected, and skipped; every other learner's record still counts.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::record::{Answer, Attempt, index_of, letter};
use crate::content::{Content, Problem, Question, Source};
use crate::words::did_you_mean;

/// Written at the top of a new results file, for whoever opens it. Its first line is how a
/// file is known to be ours before anything is appended to it.
pub const HEADER: &str = "\
# Class quiz results: one [[attempts]] record per attempt, appended by
# `cqrs-catalog quiz ID --plain --name NAME --results FILE`; read them with
# `cqrs-catalog results FILE`. Letters are the choices as authored (A was written first);
# `shown` lists them in the order the learner saw them, keyed a, b, c...
";

/// The first line of `HEADER`.
fn header_line() -> &'static str {
    HEADER.lines().next().unwrap_or_default()
}

/// The largest results file read: a class of hundreds taking every quiz many times is far
/// below it, and a mistaken path (a disk image, `/dev/zero`) is refused before it is read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Checks, before the first question is asked, that an attempt could be appended to `path`:
/// it is a results file of ours (or empty, or missing in a folder that can be written to), not
/// a symbolic link or anything else a learner's answers must not land in.
pub fn check_target(path: &Path) -> Result<()> {
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => bail!(
            "the results file {shown} is a symbolic link; give the path of the file itself, \
             so answers cannot be appended to whatever it points at"
        ),
        Ok(meta) if !meta.is_file() => {
            bail!("{shown} is not a regular file, so it cannot be a class results file")
        }
        Ok(_) => {
            let mut file = OpenOptions::new()
                .read(true)
                .append(true)
                .open(path)
                .with_context(|| format!("cannot write to the results file {shown}"))?;
            ensure_ours(&mut file, path)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            tempfile::tempfile_in(dir)
                .map(drop)
                .with_context(|| format!("cannot create the results file {shown}"))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read the results file {shown}")),
    }
}

/// Refuses a file that has content but does not start with our header: appending records to
/// a learner's notes or a config would damage it.
fn ensure_ours(file: &mut File, path: &Path) -> Result<()> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut start = vec![0u8; header_line().len().min(len as usize)];
    file.seek(SeekFrom::Start(0))?;
    file.read_exact(&mut start)?;
    if start != header_line().as_bytes() {
        bail!(
            "{} is not a class results file (it does not start with the line \"{}\"); \
             give a new file, or one this app wrote",
            path.display(),
            header_line()
        );
    }
    Ok(())
}

/// Appends an attempt to a results file (created if missing) that other learners may be
/// appending to at the same moment: an exclusive lock makes each record land whole, one after
/// another, and the data is synced before the lock is released.
pub fn append(path: &Path, attempt: &Attempt) -> Result<()> {
    if attempt.name.trim().is_empty() {
        bail!("the learner's name is empty");
    }
    check_target(path)?;
    let shown = path.display();
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("cannot open the results file {shown}"))?;
    file.lock()
        .with_context(|| format!("cannot lock the results file {shown}"))?;
    // Checked again under the lock: the file may have changed since.
    ensure_ours(&mut file, path)?;
    let mut record = String::new();
    let len = file.metadata()?.len();
    if len == 0 {
        record.push_str(HEADER);
    } else if !ends_with_newline(&mut file, len)? {
        // A file last edited by hand may lack its final newline; the header must start a line.
        record.push('\n');
    }
    record.push_str(&attempt.to_toml());
    file.write_all(record.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write to the results file {shown}"))?;
    // Dropping the file releases the lock.
    Ok(())
}

fn ends_with_newline(file: &mut File, len: u64) -> Result<bool> {
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// Whether a line is an `[[attempts]]` header (spaces and a comment allowed, as TOML does).
fn is_record_header(line: &str) -> bool {
    let code = line.split('#').next().unwrap_or("");
    let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed == "[[attempts]]"
}

/// The byte offsets where records start: each `[[attempts]]` header line. The text before the
/// first one (the file's comments) is a part of its own.
fn record_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_record_header(line) && offset > 0 {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

/// A fault in a record: where (an offset in its part) and what was expected, in words.
type Fault = (usize, String);

/// Reads every record that is sound; each one that is not becomes one problem.
pub fn read(source: &Source, content: &Content) -> (Vec<Attempt>, Vec<Problem>) {
    let text = &source.text;
    let starts = record_starts(text);
    let has_records = text.lines().any(is_record_header);
    let mut attempts = Vec::new();
    let mut problems = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        match read_part(&text[start..end], content, has_records) {
            Ok(read) => attempts.extend(read),
            Err((at, message)) => {
                problems.push(Problem::new(source, source.pos(start + at), message));
            }
        }
    }
    (attempts, problems)
}

/// One part of the file: its comments, or one `[[attempts]]` record.
fn read_part(part: &str, content: &Content, has_records: bool) -> Result<Vec<Attempt>, Fault> {
    let root = DeTable::parse(part).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let what = e.message().lines().next().unwrap_or("").trim().to_string();
        // Without a single record header, the file is most likely something else.
        if has_records {
            (at, format!("this record is not valid TOML here ({what})"))
        } else {
            (at, format!("not a results file: it is not TOML ({what})"))
        }
    })?;
    let mut attempts = Vec::new();
    for (key, value) in root.get_ref().iter() {
        if key.get_ref().as_ref() != "attempts" {
            let message = format!(
                "`{}` has no place in a results file, which holds only [[attempts]] records",
                key.get_ref()
            );
            return Err((key.span().start, message));
        }
        let DeValue::Array(records) = value.get_ref() else {
            return Err((
                value.span().start,
                "`attempts` must be [[attempts]] records".into(),
            ));
        };
        for record in records {
            let DeValue::Table(table) = record.get_ref() else {
                return Err((record.span().start, "an attempt must be a table".into()));
            };
            attempts.push(check(table, record.span().start, content)?);
        }
    }
    Ok(attempts)
}

/// The fields of a record, and of each answer in it.
const FIELDS: [&str; 7] = ["name", "quiz", "time", "seed", "score", "total", "answers"];
const ANSWER_FIELDS: [&str; 5] = ["question", "shown", "picked", "skipped", "right"];

/// A table's value for `key`, after checking that it holds no key of another name.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    /// Where the table starts, for a field that is missing.
    at: usize,
}

type Value<'t, 'i> = &'t Spanned<DeValue<'i>>;

impl<'t, 'i> Fields<'t, 'i> {
    fn new(table: &'t DeTable<'i>, at: usize, known: &[&str], what: &str) -> Result<Self, Fault> {
        if let Some((key, _)) = table
            .iter()
            .find(|(k, _)| !known.contains(&k.get_ref().as_ref()))
        {
            let message = format!(
                "`{}` is not a field of {what}: it has {}",
                key.get_ref(),
                known.join(", ")
            );
            return Err((key.span().start, message));
        }
        Ok(Fields { table, at })
    }

    fn get(&self, key: &str) -> Option<Value<'t, 'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn need(&self, key: &str) -> Result<Value<'t, 'i>, Fault> {
        self.get(key)
            .ok_or_else(|| (self.at, format!("this record has no `{key}`")))
    }

    fn text(&self, key: &str) -> Result<(String, usize), Fault> {
        let v = self.need(key)?;
        match v.get_ref() {
            DeValue::String(s) => Ok((s.to_string(), v.span().start)),
            _ => Err((v.span().start, format!("`{key}` must be text in quotes"))),
        }
    }

    fn whole(&self, key: &str) -> Result<Option<(usize, usize)>, Fault> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let n = match v.get_ref() {
            DeValue::Integer(i) => {
                usize::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        n.map(|n| Some((n, v.span().start))).ok_or_else(|| {
            (
                v.span().start,
                format!("`{key}` must be a whole number, 0 or more"),
            )
        })
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, Fault> {
        match self.get(key).map(|v| (v.get_ref(), v.span().start)) {
            None => Ok(None),
            Some((DeValue::Boolean(b), _)) => Ok(Some(*b)),
            Some((_, at)) => Err((at, format!("`{key}` must be true or false"))),
        }
    }
}

/// Checks a record against its quiz and its own sums; the error is placed in its part.
fn check(table: &DeTable, at: usize, content: &Content) -> Result<Attempt, Fault> {
    let fields = Fields::new(table, at, &FIELDS, "a record")?;
    let (name, name_at) = fields.text("name")?;
    if name.trim().is_empty() {
        return Err((name_at, "the learner's name is empty".into()));
    }
    let (quiz_id, quiz_at) = fields.text("quiz")?;
    let Some(quiz) = content.quiz(&quiz_id) else {
        let hint = did_you_mean(&quiz_id, content.quizzes.iter().map(|q| q.id.as_str()));
        return Err((quiz_at, format!("unknown quiz {quiz_id:?}{hint}")));
    };
    let time = fields.need("time")?;
    let DeValue::Datetime(time_value) = time.get_ref() else {
        let message = "`time` must be a date and time, such as 2026-05-04T09:30:00Z";
        return Err((time.span().start, message.into()));
    };
    let seed = fields.whole("seed")?.map(|(n, _)| n as u64);
    let (score, score_at) = fields
        .whole("score")?
        .ok_or_else(|| (at, "this record has no `score`".to_string()))?;
    let (total, total_at) = fields
        .whole("total")?
        .ok_or_else(|| (at, "this record has no `total`".to_string()))?;
    let answers_value = fields.need("answers")?;
    let DeValue::Array(items) = answers_value.get_ref() else {
        let message = "`answers` must be a list of answers in [ ]";
        return Err((answers_value.span().start, message.into()));
    };
    let mut answers = Vec::new();
    for item in items {
        let DeValue::Table(answer) = item.get_ref() else {
            let message = "an answer must be a table in { }, such as { question = \"q1\", \
                           picked = [\"A\"], right = true }";
            return Err((item.span().start, message.into()));
        };
        answers.push(check_answer(answer, item.span().start, quiz)?);
    }
    check_sums(&answers, (score, score_at), (total, total_at))?;
    Ok(Attempt {
        name: name.trim().to_string(),
        quiz: quiz_id,
        time: time_value.to_string(),
        seed,
        answers,
        score,
        total,
    })
}

/// A score above the total, or one that is not the count of right answers, is a record
/// edited by hand or by something else: it is not a score to trust.
fn check_sums(
    answers: &[Answer],
    score: (usize, usize),
    total: (usize, usize),
) -> Result<(), Fault> {
    if score.0 > total.0 {
        let message = format!("`score` {} is more than the `total` {}", score.0, total.0);
        return Err((score.1, message));
    }
    if !answers.is_empty() && answers.len() != total.0 {
        let message = format!(
            "`total` is {} but the record holds {}",
            total.0,
            crate::words::plural(answers.len(), "answer")
        );
        return Err((total.1, message));
    }
    let right = answers.iter().filter(|a| a.right).count();
    if !answers.is_empty() && right != score.0 {
        let message = format!(
            "`score` is {} but {right} of the answers are marked right",
            score.0
        );
        return Err((score.1, message));
    }
    Ok(())
}

/// One answer: its question must be in the quiz, its letters among the question's choices.
fn check_answer(table: &DeTable, at: usize, quiz: &crate::content::Quiz) -> Result<Answer, Fault> {
    let fields = Fields::new(table, at, &ANSWER_FIELDS, "an answer")?;
    let (id, id_at) = fields.text("question")?;
    let Some(question) = quiz.questions.iter().find(|q| q.id == id) else {
        let hint = did_you_mean(&id, quiz.questions.iter().map(|q| q.id.as_str()));
        return Err((
            id_at,
            format!("quiz {:?} has no question {id:?}{hint}", quiz.id),
        ));
    };
    let right = fields
        .flag("right")?
        .ok_or_else(|| (at, "this answer has no `right`".to_string()))?;
    let skipped = fields.flag("skipped")?.unwrap_or(false);
    let picked = match fields.get("picked") {
        Some(v) => letters(v, "picked", question)?,
        None => Vec::new(),
    };
    let n = question.choices.len();
    let shown = match fields.get("shown") {
        Some(v) => letters(v, "shown", question)?,
        None => (0..n).collect(),
    };
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    if sorted != (0..n).collect::<Vec<_>>() {
        let message = format!("`shown` must list each of the {n} choices once");
        return Err((fields.need("shown")?.span().start, message));
    }
    if skipped && !picked.is_empty() {
        return Err((at, "a skipped answer cannot have `picked` letters".into()));
    }
    Ok(Answer {
        question: id,
        shown,
        // A record written before skips were kept: nothing picked was a skip.
        skipped: skipped || picked.is_empty(),
        picked,
        right,
    })
}

/// A list of choice letters as authored: `["A", "C"]`.
fn letters(value: Value, key: &str, question: &Question) -> Result<Vec<usize>, Fault> {
    let n = question.choices.len();
    let DeValue::Array(items) = value.get_ref() else {
        let message =
            format!("`{key}` must be a list of letters in quotes, such as [\"A\", \"C\"]");
        return Err((value.span().start, message));
    };
    items
        .iter()
        .map(|item| {
            let found = match item.get_ref() {
                DeValue::String(s) => index_of(s).filter(|&i| i < n),
                _ => None,
            };
            found.ok_or_else(|| {
                let message = format!(
                    "question {:?} has no choice {}: its choices are \"A\" to \"{}\"",
                    question.id,
                    shown_value(item.get_ref()),
                    letter(n.saturating_sub(1))
                );
                (item.span().start, message)
            })
        })
        .collect()
}

/// A value as a message quotes it.
fn shown_value(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("{s:?}"),
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        _ => "of that kind".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        super::super::fixture_content()
    }

    fn source(text: &str) -> Source {
        Source {
            name: "class.toml".into(),
            text: text.into(),
        }
    }

    /// An attempt at the `eventual` question alone (4 choices, A right), shown reversed.
    fn attempt(name: &str, picked: usize) -> Attempt {
        Attempt {
            name: name.into(),
            quiz: "lag".into(),
            time: "2026-05-04T09:30:00Z".into(),
            seed: Some(7),
            answers: vec![Answer {
                question: "eventual".into(),
                shown: vec![3, 2, 1, 0],
                picked: vec![picked],
                skipped: false,
                right: picked == 0,
            }],
            score: usize::from(picked == 0),
            total: 1,
        }
    }

    #[test]
    fn an_appended_attempt_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class/results.toml");
        let mut a = attempt("Ada \"the first\" Lovelace\\", 1);
        a.answers.push(Answer {
            question: "stale-find".into(),
            shown: vec![1, 0, 2, 3],
            picked: vec![],
            skipped: true,
            right: false,
        });
        a.total = 2;
        append(&path, &a).unwrap();
        append(&path, &attempt("Grace", 0)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        let (read, problems) = read(&source(&text), &content());
        assert_eq!(problems, vec![]);
        assert_eq!(read, vec![a, attempt("Grace", 0)]);
    }

    #[test]
    fn a_file_without_a_final_newline_still_gets_whole_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results.toml");
        std::fs::write(&path, HEADER.trim_end()).unwrap();
        append(&path, &attempt("Ada", 1)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(read(&source(&text), &content()).0.len(), 1, "{text}");
    }

    #[test]
    fn an_attempt_needs_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = append(&dir.path().join("r.toml"), &attempt("  ", 0)).unwrap_err();
        assert_eq!(err.to_string(), "the learner's name is empty");
    }

    #[test]
    fn a_file_that_is_not_ours_is_never_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.txt");
        std::fs::write(&notes, "my lesson plan\n").unwrap();
        let err = append(&notes, &attempt("Ada", 0)).unwrap_err().to_string();
        assert!(err.contains("is not a class results file"), "{err}");
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my lesson plan\n");
    }

    #[test]
    fn a_symbolic_link_is_refused_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("results.toml");
        append(&target, &attempt("Ada", 0)).unwrap();
        let before = std::fs::read_to_string(&target).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = append(&link, &attempt("Bob", 0)).unwrap_err().to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_found_before_any_answer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a-folder");
        std::fs::create_dir(&path).unwrap();
        let err = check_target(&path).unwrap_err().to_string();
        assert!(err.contains("is not a regular file"), "{err}");
        assert!(check_target(&dir.path().join("new.toml")).is_ok());
        assert!(
            !dir.path().join("new.toml").exists(),
            "checking creates nothing"
        );
    }

    #[test]
    fn concurrent_appends_lose_no_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results.toml");
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..25 {
                        append(&path, &attempt(&format!("learner {t}"), i % 4)).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (read, problems) = read(&source(&text), &content());
        assert_eq!(problems, vec![]);
        assert_eq!(read.len(), 200);
        for t in 0..8 {
            let mine: Vec<usize> = read
                .iter()
                .filter(|a| a.name == format!("learner {t}"))
                .map(|a| a.answers[0].picked[0])
                .collect();
            // Each learner's records are all there, in the order that learner wrote them.
            assert_eq!(
                mine,
                (0..25).map(|i| i % 4).collect::<Vec<_>>(),
                "learner {t}"
            );
        }
        let whole: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(
            whole["attempts"].as_array().unwrap().len(),
            200,
            "one TOML document"
        );
    }

    fn problems_of(text: &str) -> Vec<String> {
        let (_, problems) = read(&source(text), &content());
        problems.iter().map(|p| p.to_string()).collect()
    }

    const GOOD: &str = "\
[[attempts]]
name = \"Ada\"
quiz = \"lag\"
time = 2026-05-04T09:30:00Z
score = 1
total = 1
answers = [{ question = \"eventual\", picked = [\"A\"], right = true }]
";

    #[test]
    fn a_broken_record_is_told_in_words_where_it_is() {
        let cases = [
            (
                "score = 1",
                "score = \"ten\"",
                "5:9: `score` must be a whole number, 0 or more",
            ),
            (
                "right = true",
                "right = \"yes\"",
                "7:61: `right` must be true or false",
            ),
            (
                "time = 2026-05-04T09:30:00Z",
                "time = \"yesterday\"",
                "4:8: `time` must be a date and time, such as 2026-05-04T09:30:00Z",
            ),
            ("score = 1\n", "", "1:1: this record has no `score`"),
            (
                "quiz = \"lag\"",
                "quiz = \"lga\"",
                "3:8: unknown quiz \"lga\" (did you mean \"lag\"?)",
            ),
            (
                "picked = [\"A\"]",
                "picked = [\"Q\"]",
                "7:47: question \"eventual\" has no choice \"Q\": its choices are \"A\" to \"D\"",
            ),
            (
                "total = 1",
                "total = 0",
                "5:9: `score` 1 is more than the `total` 0",
            ),
            (
                "score = 1",
                "score = 0",
                "5:9: `score` is 0 but 1 of the answers are marked right",
            ),
            (
                "total = 1",
                "total = 2",
                "6:9: `total` is 2 but the record holds 1 answer",
            ),
            (
                "score = 1",
                "score = 1\nmood = 3",
                "6:1: `mood` is not a field of a record: it has name, quiz, time, seed, score, total, answers",
            ),
        ];
        for (from, to, expected) in cases {
            let text = GOOD.replacen(from, to, 1);
            assert_eq!(
                problems_of(&text),
                vec![format!("class.toml:{expected}")],
                "{text}"
            );
        }
        assert_eq!(problems_of(GOOD), Vec::<String>::new());
    }

    #[test]
    fn a_file_that_is_not_toml_is_one_problem() {
        let problems = problems_of("hello, teacher\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("class.toml:1:"), "{problems:?}");
        assert!(problems[0].contains("not a results file"), "{problems:?}");
    }
}
