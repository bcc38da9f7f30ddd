//! The sandbox's own words at the prompt, beside the command language: `undo`, `reset`,
//! `save FILE`, `load FILE`, `now` and `help`. They act on the session, never on the model's
//! rules, and each answers with one line.

use std::path::Path;

use crate::model::{Session, language::ParseError};

/// The words, for completion and help.
pub const WORDS: [&str; 6] = ["undo", "reset", "save", "load", "now", "help"];

/// The words with what each does, for the help panel.
pub const DESCRIBED: [(&str, &str); 6] = [
    ("undo", "take back the last command (the rest is replayed)"),
    ("reset", "start again from an empty library"),
    (
        "save FILE",
        "write the session as a script `cqrs-catalog run` replays",
    ),
    ("load FILE", "replay a script into a fresh library"),
    ("now", "leave the past the scrubber ([ ]) shows"),
    ("help", "this list"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meta {
    Undo,
    Reset,
    Save(String),
    Load(String),
    Now,
    Help,
}

/// Recognizes a meta command; anything else is for the command language.
pub fn parse(line: &str) -> Option<Result<Meta, String>> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim().trim_matches('"');
    let meta = match word.to_lowercase().as_str() {
        "undo" => Meta::Undo,
        "reset" => Meta::Reset,
        "now" => Meta::Now,
        "help" => Meta::Help,
        "save" | "load" if rest.is_empty() => {
            return Some(Err(format!(
                "{word} needs a file name, like `{word} session.txt`"
            )));
        }
        "save" => Meta::Save(rest.to_string()),
        "load" => Meta::Load(rest.to_string()),
        _ => return None,
    };
    if !rest.is_empty() && matches!(meta, Meta::Undo | Meta::Reset | Meta::Now | Meta::Help) {
        return Some(Err(format!("`{word}` takes nothing after it")));
    }
    Some(Ok(meta))
}

/// The session as a script `cqrs-catalog run` replays, with a first line saying so.
pub fn script(session: &Session, path: &Path) -> String {
    format!(
        "# A cqrs-catalog sandbox session: `cqrs-catalog run {}` replays it.\n{}",
        path.display(),
        session.script()
    )
}

/// Writes the session as a script that `cqrs-catalog run` replays to the same log. The file
/// is replaced whole (written aside, then renamed), so a failed save never leaves half a
/// script where a good one was.
pub fn save(session: &Session, path: &Path) -> Result<String, String> {
    use std::io::Write;
    let text = script(session, path);
    let fail = |e: &dyn std::fmt::Display| format!("could not save {}: {e}", path.display());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
    file.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    file.persist(path).map_err(|e| fail(&e.error))?;
    let n = session.history().len();
    Ok(format!(
        "saved {n} command{} to {}",
        if n == 1 { "" } else { "s" },
        path.display()
    ))
}

/// The largest script `load` reads: far more than anyone types at a prompt, far less than
/// would strain memory.
pub const LARGEST_SCRIPT: u64 = 4 * 1024 * 1024;

/// Reads a script, refusing what is not a regular file (a folder, `/dev/zero`, a pipe) or is
/// larger than `LARGEST_SCRIPT`, before reading a byte of it.
pub fn read_script(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let name = path.display();
    let info = std::fs::metadata(path).map_err(|e| format!("could not read {name}: {e}"))?;
    if !info.is_file() {
        return Err(format!(
            "{name} is not a regular file (a folder, a device or a pipe): only a script can be loaded"
        ));
    }
    let too_big = || {
        format!(
            "{name} is larger than {} MB, more than a script of this sandbox can be",
            LARGEST_SCRIPT / (1024 * 1024)
        )
    };
    if info.len() > LARGEST_SCRIPT {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("could not read {name}: {e}"))?;
    let mut bytes = Vec::new();
    // The size is checked again while reading: a file may grow after it was looked at.
    file.take(LARGEST_SCRIPT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("could not read {name}: {e}"))?;
    if bytes.len() as u64 > LARGEST_SCRIPT {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|_| format!("could not read {name}: it is not UTF-8 text"))
}

/// Replays a script into a fresh session. Nothing changes unless every line runs.
pub fn load(path: &Path) -> Result<Session, String> {
    let text = read_script(path)?;
    let mut session = Session::new();
    session
        .execute_script(&text)
        .map_err(|errors: Vec<ParseError>| {
            let first = &errors[0];
            let more = if errors.len() > 1 {
                format!(" (and {} more)", errors.len() - 1)
            } else {
                String::new()
            };
            format!("{}:{first}{more}; nothing was loaded", path.display())
        })?;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_words_are_recognized_and_commands_are_left_alone() {
        assert_eq!(parse("undo"), Some(Ok(Meta::Undo)));
        assert_eq!(parse("  RESET "), Some(Ok(Meta::Reset)));
        assert_eq!(
            parse("save my session.txt"),
            Some(Ok(Meta::Save("my session.txt".into())))
        );
        assert_eq!(
            parse("load \"s.txt\""),
            Some(Ok(Meta::Load("s.txt".into())))
        );
        assert!(parse("save").unwrap().is_err());
        assert!(parse("undo twice").unwrap().is_err());
        assert_eq!(parse("lend b1 to ada"), None);
    }

    #[test]
    fn a_saved_session_loads_to_the_same_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.txt");
        let mut s = Session::new();
        s.execute_script("acquire b1 \"Dune\" by \"Frank \\\"F\\\" Herbert\"\ncatalog b1\ntick\nlend b1 to ada\nlend b1 to bob\n").unwrap();
        save(&s, &path).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.library().log().events(), s.library().log().events());
        assert_eq!(loaded.history().len(), s.history().len());
    }

    #[test]
    fn saving_over_a_file_replaces_it_whole_and_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.txt");
        std::fs::write(&path, "a much longer older script\n".repeat(50)).unwrap();
        let mut s = Session::new();
        s.execute_line("tick", 1).unwrap();
        assert_eq!(
            save(&s, &path).unwrap(),
            format!("saved 1 command to {}", path.display())
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .ends_with("replays it.\ntick\n")
        );
        let err = save(&s, &dir.path().join("no/such/folder/s.txt")).unwrap_err();
        assert!(err.starts_with("could not save"), "{err}");
    }

    #[test]
    fn a_script_with_a_bad_line_loads_nothing_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        std::fs::write(&path, "tick\nlned b1 to ada\n").unwrap();
        let err = load(&path).unwrap_err();
        assert!(
            err.contains("bad.txt:2:1: unknown command \"lned\""),
            "{err}"
        );
    }

    #[test]
    fn load_refuses_what_is_not_a_regular_file_of_a_sane_size() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(dir.path()).unwrap_err();
        assert!(err.contains("is not a regular file"), "{err}");
        let zero = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = load(&zero).unwrap_err();
        assert!(err.contains("is not a regular file"), "{err}");
        let big = dir.path().join("big.txt");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(LARGEST_SCRIPT + 1).unwrap();
        let err = load(&big).unwrap_err();
        assert!(err.contains("larger than 4 MB"), "{err}");
    }
}
