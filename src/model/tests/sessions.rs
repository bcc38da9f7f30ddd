//! Sessions: the path every caller takes.

use super::*;

#[test]
fn a_session_remembers_the_last_outcome_the_last_answer_and_its_history() {
    let mut s = session(TWO_BOOKS);
    assert_eq!(s.history().len(), 5);
    run(&mut s, "find titles \"Dune\"\nlend b1 to ada\nstatus");
    assert_eq!(s.last().unwrap().word(), "answered");
    let Some(Answer::Find(f)) = s.last_answer() else {
        panic!("status is not an answer conditions read")
    };
    assert_eq!(f.key, "Dune");
    assert_eq!(s.history().len(), 8);
    assert_eq!(s.history()[6].to_string(), "lend b1 to ada");
}

#[test]
fn replaying_a_sessions_history_rebuilds_the_same_library() {
    let s = session(&format!(
        "{HISTORY}lag titles 0\npause shelf\ndamage authors\nadd-catalog who by patron\ntick 3\nsync shelf"
    ));
    let mut again = Session::new();
    for command in s.history() {
        again.execute(command).unwrap();
    }
    assert_eq!(again.library().log().events(), s.library().log().events());
    assert_eq!(again.library().projectors(), s.library().projectors());
    assert_eq!(again.library().now(), s.library().now());
}

#[test]
fn execute_script_parses_everything_first_and_stops_at_an_unknown_catalog() {
    let mut s = Session::new();
    let errors = s
        .execute_script("acquire b1 \"Dune\" by \"F\"\nlned b1 to ada\ntik")
        .unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!((errors[0].line, errors[1].line), (2, 3));
    assert_eq!(s.library().head(), 0, "nothing ran");
    let errors = s
        .execute_script("acquire b1 \"Dune\" by \"F\"\nshow nope\ncatalog b1")
        .unwrap_err();
    assert_eq!((errors.len(), errors[0].line, errors[0].col), (1, 2, 6));
    assert_eq!(
        s.library().head(),
        1,
        "the line before ran, the one after did not"
    );
    let done = Session::new()
        .execute_script("# a comment\n\ntick 2\nstatus")
        .unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!((done[0].0.line, done[1].0.line), (3, 4));
}

#[test]
fn a_command_built_in_code_executes_like_a_parsed_one() {
    let mut s = Session::new();
    let o = s
        .execute(&Command::Acquire {
            book: "b1".into(),
            title: "Dune".into(),
            author: "Frank Herbert".into(),
            subjects: vec![],
        })
        .unwrap();
    assert_eq!(o.word(), "accepted");
    let parsed = parse_line(r#"acquire b1 "Dune" by "Frank Herbert""#, 1)
        .unwrap()
        .unwrap();
    assert_eq!(s.history(), [parsed]);
}
