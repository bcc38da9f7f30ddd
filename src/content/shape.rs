//! The keys each table of a content file may hold, and a walk over a parsed file that reports
//! every unknown and every missing key at once (serde stops at the first one it meets).

use toml::de::{DeTable, DeValue};

use crate::words::did_you_mean_key;

use super::source::{Problem, Source};

/// One key a table may hold.
pub struct Key {
    pub name: &'static str,
    pub required: bool,
    /// The shape of its value when that is a table, or an array of tables.
    pub inner: Option<&'static Shape>,
}

/// The keys of one kind of table, with the name an author knows it by.
pub struct Shape {
    /// "a question", "a choice": how a problem names the table.
    pub what: &'static str,
    pub keys: &'static [Key],
}

const fn req(name: &'static str) -> Key {
    Key {
        name,
        required: true,
        inner: None,
    }
}

const fn opt(name: &'static str) -> Key {
    Key {
        name,
        required: false,
        inner: None,
    }
}

const fn nested(name: &'static str, required: bool, inner: &'static Shape) -> Key {
    Key {
        name,
        required,
        inner: Some(inner),
    }
}

pub static CHOICE: Shape = Shape {
    what: "a choice",
    keys: &[req("text"), opt("correct"), req("why"), opt("holds")],
};

pub static PREDICT: Shape = Shape {
    what: "a prediction",
    keys: &[
        req("question"),
        opt("reveal"),
        nested("choices", true, &CHOICE),
    ],
};

pub static CHALLENGE: Shape = Shape {
    what: "a challenge",
    keys: &[req("goal"), req("done_when"), req("hint"), req("solution")],
};

pub static STEP: Shape = Shape {
    what: "a step",
    keys: &[
        req("title"),
        req("text"),
        opt("run"),
        opt("focus"),
        opt("notes"),
        nested("predict", false, &PREDICT),
        nested("challenge", false, &CHALLENGE),
    ],
};

pub static LESSON: Shape = Shape {
    what: "a lesson",
    keys: &[
        req("id"),
        req("title"),
        req("summary"),
        nested("steps", true, &STEP),
    ],
};

pub static QUESTION: Shape = Shape {
    what: "a question",
    keys: &[
        req("id"),
        req("kind"),
        req("prompt"),
        req("explanation"),
        opt("review"),
        opt("shuffle"),
        opt("setup"),
        nested("choices", true, &CHOICE),
    ],
};

pub static QUIZ: Shape = Shape {
    what: "a quiz",
    keys: &[
        req("id"),
        req("title"),
        nested("questions", true, &QUESTION),
    ],
};

/// Reports every key of `table` (and of the tables inside it) that `shape` does not know, and
/// every required key it lacks; a missing key is placed where the table starts, `at`. Types are
/// left to serde, which runs once the keys are right.
pub fn walk(
    source: &Source,
    table: &DeTable<'_>,
    at: usize,
    shape: &Shape,
    problems: &mut Vec<Problem>,
) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let Some(known) = shape.keys.iter().find(|k| k.name == name) else {
            let hint = did_you_mean_key(name, shape.keys.iter().map(|k| k.name));
            let names: Vec<&str> = shape.keys.iter().map(|k| k.name).collect();
            problems.push(Problem::new(
                source,
                source.pos(key.span().start),
                format!(
                    "unknown key `{name}` in {}{hint}; it takes {}",
                    shape.what,
                    names.join(", ")
                ),
            ));
            continue;
        };
        let Some(inner) = known.inner else { continue };
        match value.get_ref() {
            DeValue::Table(t) => walk(source, t, value.span().start, inner, problems),
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(t) = item.get_ref() {
                        walk(source, t, item.span().start, inner, problems);
                    }
                }
            }
            _ => {}
        }
    }
    for key in shape.keys.iter().filter(|k| k.required) {
        if !table.contains_key(key.name) {
            problems.push(Problem::new(
                source,
                source.pos(at),
                format!("missing key `{}` in {}", key.name, shape.what),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::content::raw::{LessonFile, QuizFile};

    /// The keys serde knows for the table that `doc` puts an unknown key `zz` into, read from
    /// the "expected one of" list of its error.
    fn serde_keys<T: DeserializeOwned + std::fmt::Debug>(doc: &str) -> Vec<String> {
        let err = toml::from_str::<T>(doc).unwrap_err().message().to_string();
        let expected = err
            .split("expected")
            .nth(1)
            .unwrap_or_else(|| panic!("{err}"));
        let mut keys: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        keys.sort();
        keys
    }

    fn shape_keys(shape: &Shape) -> Vec<String> {
        let mut keys: Vec<String> = shape.keys.iter().map(|k| k.name.to_string()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_shape_knows_exactly_the_keys_serde_reads() {
        let cases: [(&Shape, Vec<String>); 7] = [
            (&QUIZ, serde_keys::<QuizFile>("zz = 1")),
            (&QUESTION, serde_keys::<QuizFile>("[[questions]]\nzz = 1")),
            (
                &CHOICE,
                serde_keys::<QuizFile>("[[questions]]\n[[questions.choices]]\nzz = 1"),
            ),
            (&LESSON, serde_keys::<LessonFile>("zz = 1")),
            (&STEP, serde_keys::<LessonFile>("[[steps]]\nzz = 1")),
            (
                &PREDICT,
                serde_keys::<LessonFile>("[[steps]]\n[steps.predict]\nzz = 1"),
            ),
            (
                &CHALLENGE,
                serde_keys::<LessonFile>("[[steps]]\n[steps.challenge]\nzz = 1"),
            ),
        ];
        for (shape, serde) in cases {
            assert_eq!(shape_keys(shape), serde, "{}", shape.what);
        }
    }

    fn problems(text: &str, shape: &Shape) -> Vec<String> {
        let source = Source {
            name: "f.toml".into(),
            text: text.into(),
        };
        let table = DeTable::parse(&source.text).unwrap();
        let mut out = Vec::new();
        walk(
            &source,
            table.get_ref(),
            table.span().start,
            shape,
            &mut out,
        );
        // Keys are walked in name order; problems are read in file order.
        out.sort_by_key(|p| (p.pos.line, p.pos.col));
        out.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn every_unknown_and_missing_key_is_reported_not_just_the_first() {
        let text = "id = \"q\"\ntitle = \"T\"\n\n[[questions]]\nid = \"a\"\nkind = \"single\"\nprompt = \"P\"\nexplanaton = \"E\"\n[[questions.choices]]\ntext = \"x\"\ncorect = true\n";
        assert_eq!(
            problems(text, &QUIZ),
            [
                "f.toml:4:1: missing key `explanation` in a question",
                "f.toml:8:1: unknown key `explanaton` in a question (did you mean `explanation`?); it takes id, kind, prompt, explanation, review, shuffle, setup, choices",
                "f.toml:9:1: missing key `why` in a choice",
                "f.toml:11:1: unknown key `corect` in a choice (did you mean `correct`?); it takes text, correct, why, holds",
            ]
        );
    }
}
