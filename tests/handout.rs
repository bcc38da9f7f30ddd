//! The handouts a teacher prints: `tour --markdown` and `tour --html`. Predictions come before
//! their answers, the answer key holds every answer, hint and solution, and the HTML page is
//! one well-formed, self-contained file.

mod support;

use support::{cqrs, stdout};

use cqrs_catalog::content::{Content, markup};
use cqrs_catalog::plain::markdown::{Handout, pages};
use pulldown_cmark::{Event, Parser, TagEnd};

/// The binary with its data kept in `data` (never the real home), and no config file.
fn content() -> Content {
    let (content, problems) = Content::load(None, None).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    content
}

/// Markdown as a reader sees it: the text of every block with its markup gone, blocks apart.
fn read(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// A narration paragraph as plain text: its marks gone, as a reader sees it.
fn plain(paragraph: &str) -> String {
    markup::pieces(paragraph)
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// The explanation of a right choice, without the verdict that opens it on screen.
fn why(text: &str) -> &str {
    text.trim_start_matches("Right.").trim_start()
}

#[test]
fn every_prediction_is_asked_before_anything_gives_its_answer_away() {
    let content = content();
    let pages = pages(&content, Handout::default()).unwrap();
    let handout = read(&pages.handout);
    let mut predictions = 0;
    for lesson in &content.lessons {
        for step in &lesson.steps {
            let Some(predict) = &step.predict else {
                continue;
            };
            predictions += 1;
            let asked = handout
                .find(&predict.question)
                .unwrap_or_else(|| panic!("{:?} is asked", predict.question));
            for p in markup::paragraphs(&step.text) {
                let told = handout.find(&plain(&p)).expect("the narration is there");
                assert!(asked < told, "{:?} comes after its question", step.title);
            }
            let right = predict.choices.iter().find(|c| c.correct).unwrap();
            assert!(
                !handout.contains(why(&right.why)),
                "the answer's explanation to {:?} is only in the key",
                predict.question
            );
            if let Some(reveal) = &predict.reveal {
                assert!(
                    !handout.contains(reveal.as_str()),
                    "{reveal:?} waits for the key"
                );
            }
        }
    }
    assert!(predictions > 10, "the tour has predictions: {predictions}");
}

#[test]
fn the_answer_key_holds_every_prediction_hint_and_solution() {
    let content = content();
    let pages = pages(&content, Handout::default()).unwrap();
    let key = read(&pages.key);
    let handout = read(&pages.handout);
    for lesson in &content.lessons {
        for step in &lesson.steps {
            if let Some(predict) = &step.predict {
                let right = predict.choices.iter().find(|c| c.correct).unwrap();
                assert!(key.contains(&predict.question), "{:?}", predict.question);
                assert!(key.contains(&right.text), "{:?}", right.text);
                assert!(key.contains(why(&right.why)), "{:?}", right.why);
                assert!(!key.contains("Right."), "no verdict addressed to nobody");
            }
            if let Some(challenge) = &step.challenge {
                assert!(key.contains(&challenge.hint), "{:?}", challenge.hint);
                assert!(
                    !handout.contains(&challenge.hint),
                    "the hint waits for the key"
                );
                for line in &challenge.solution {
                    assert!(key.contains(&line.text), "{:?}", line.text);
                }
            }
        }
    }
}

#[test]
fn checklists_read_as_sentences_not_code() {
    let data = tempfile::tempdir().unwrap();
    let text = stdout(cqrs(data.path()).args(["tour", "--markdown"]));
    assert!(!text.contains("- [ ] `"), "no condition printed as code");
    assert!(text.contains("You are done when:\n\n- Book b1 is withdrawn.\n"));
}

#[test]
fn a_step_shows_what_it_changed_and_full_shows_the_whole_model() {
    let data = tempfile::tempdir().unwrap();
    let lean = stdout(cqrs(data.path()).args(["tour", "--markdown"]));
    let full = stdout(cqrs(data.path()).args(["tour", "--markdown", "--full"]));
    let steps = lean.matches("\n### Step ").count();
    assert_eq!(lean.matches("The model after step").count(), 0);
    assert_eq!(full.matches("The model after step").count(), steps);
    assert!(lean.contains("What changed in the model:\n\n- Appended #1 BookAcquired b1"));
    assert!(
        lean.lines().count() * 3 < full.lines().count() * 2,
        "the default handout is a third shorter at least: {} lines against {}",
        lean.lines().count(),
        full.lines().count()
    );
}

#[test]
fn speaker_notes_are_in_the_teachers_copy_only() {
    let content = content();
    let notes: Vec<&String> = content
        .lessons
        .iter()
        .flat_map(|l| &l.steps)
        .filter_map(|s| s.notes.as_ref())
        .collect();
    assert!(!notes.is_empty());
    let class = read(&pages(&content, Handout::default()).unwrap().handout);
    let teacher = Handout {
        teacher: true,
        ..Handout::default()
    };
    let teacher = read(&pages(&content, teacher).unwrap().handout);
    for n in notes {
        assert!(teacher.contains(n.as_str()), "{n:?}");
        assert!(!class.contains(n.as_str()), "{n:?}");
    }
}

#[test]
fn answers_go_to_a_file_of_their_own_when_asked() {
    let data = tempfile::tempdir().unwrap();
    let key = data.path().join("key.md");
    let text = stdout(
        cqrs(data.path())
            .args(["tour", "--markdown", "--answers"])
            .arg(&key),
    );
    assert!(!text.contains("## Answer key"));
    let key = std::fs::read_to_string(&key).unwrap();
    assert!(key.starts_with("## Answer key"), "{key}");
    assert!(key.contains("A solution:"));
    assert!(!key.contains("](#"), "no link to a page the key is not in");
}

#[test]
fn the_handout_of_one_lesson_starts_at_its_heading() {
    let data = tempfile::tempdir().unwrap();
    let text = stdout(cqrs(data.path()).args(["tour", "--markdown", "--lesson", "rebuild"]));
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("## Lesson "))
        .collect();
    assert_eq!(headings.len(), 1, "only the lesson asked for: {headings:?}");
    assert!(
        headings[0].ends_with(": Rebuilding a damaged catalog"),
        "{headings:?}"
    );
}

#[test]
fn answers_and_teacher_need_a_handout() {
    let data = tempfile::tempdir().unwrap();
    cqrs(data.path())
        .args(["tour", "--plain", "--teacher"])
        .assert()
        .code(2);
}

/// Checks that every element opened is closed in order; returns the first fault.
fn well_formed(html: &str) -> Result<(), String> {
    const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let end = rest[at..].find('>').ok_or("an unclosed tag")? + at;
        let tag = &rest[at + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            match open.pop() {
                Some(o) if o == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            open.push(name);
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {open:?}"))
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_html_page_is_well_formed_self_contained_and_holds_every_heading() {
    let data = tempfile::tempdir().unwrap();
    let page = stdout(cqrs(data.path()).args(["tour", "--html"]));
    assert!(page.starts_with("<!DOCTYPE html>"));
    well_formed(&page).unwrap();
    for external in [
        "http:", "https:", "src=", "url(", "@import", "<script", "<link",
    ] {
        assert!(
            !page.contains(external),
            "no external reference: {external}"
        );
    }
    for href in page.split("href=\"").skip(1) {
        assert!(href.starts_with('#'), "a link inside the page: {href:.40}");
    }
    assert!(page.contains("@media print"), "a print stylesheet");
    let content = content();
    let total = content.lessons.len();
    for (i, lesson) in content.lessons.iter().enumerate() {
        let heading = format!(
            "<h2>Lesson {} of {total}: {}</h2>",
            i + 1,
            html_escape(&lesson.title)
        );
        assert!(page.contains(&heading), "{heading}");
        for (n, step) in lesson.steps.iter().enumerate() {
            let heading = format!("<h3>Step {}: {}</h3>", n + 1, html_escape(&step.title));
            assert!(page.contains(&heading), "{heading}");
        }
    }
    assert!(page.contains("<h2>Answer key</h2>"));
}

#[test]
fn the_well_formedness_check_finds_a_tag_left_open() {
    assert!(well_formed("<p><em>x</p>").is_err());
    assert!(well_formed("<p>a<br />b</p>").is_ok());
}
