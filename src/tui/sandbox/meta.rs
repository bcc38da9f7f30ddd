//! The sandbox's own words at the prompt, beside the command language: `undo`, `reset`,
//! `save FILE`, `load FILE`, `now` and `help`. They act on the session, never on the model's
//! rules, and each answers with one line.

use std::path::{Path, PathBuf};

use crate::model::{Session, language::ParseError};

/// The words, for completion and help.
pub const WORDS: [&str; 6] = ["undo", "reset", "save", "load", "now", "help"];

/// The words with what each does, for the help panel.
pub const DESCRIBED: [(&str, &str); 7] = [
    ("undo", "take back the last command (the rest is replayed)"),
    (
        "reset",
        "start again from an empty library (undo brings it back)",
    ),
    (
        "save FILE",
        "write the session as a script `cqrs-catalog run` replays",
    ),
    (
        "save! FILE",
        "the same, replacing a file that is not a saved session",
    ),
    ("load FILE", "replay a script into a fresh library"),
    ("now", "leave the past the scrubber ([ ]) shows"),
    ("help", "this list"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meta {
    Undo,
    Reset,
    /// A file, and whether to replace one that is not a session this sandbox saved (`save!`).
    Save(String, bool),
    Load(String),
    Now,
    Help,
}

/// Why a meta command was refused or failed: the command or file, and what was wrong or
/// expected. Shown on the prompt's notice line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaError {
    /// `save`, `save!` or `load` with no file.
    NeedsFile(String),
    /// `undo`, `reset`, `now` or `help` with words after it.
    TakesNothing(String),
    /// Writing the file failed; `cause` is the system's error.
    CannotSave {
        path: PathBuf,
        cause: String,
    },
    SymbolicLink(PathBuf),
    NotRegular(PathBuf),
    /// A file that is no session this sandbox saved, without `save!`.
    NotASession(PathBuf),
    /// An empty session over a saved one, without `save!`.
    WouldEmpty(PathBuf),
    /// The script could not be read (the storage's message names the file).
    CannotRead(String),
    /// A line of the script did not run: the first error, placed, and how many more.
    BadScript {
        path: PathBuf,
        first: String,
        more: usize,
    },
}

impl std::fmt::Display for MetaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MetaError::NeedsFile(word) => {
                write!(f, "{word} needs a file name, like `{word} session.txt`")
            }
            MetaError::TakesNothing(word) => write!(f, "`{word}` takes nothing after it"),
            MetaError::CannotSave { path, cause } => {
                write!(f, "could not save {}: {cause}", path.display())
            }
            MetaError::SymbolicLink(path)
            | MetaError::NotRegular(path)
            | MetaError::NotASession(path)
            | MetaError::WouldEmpty(path) => {
                write!(
                    f,
                    "not saved: {}",
                    self.refusal(&path.display().to_string())
                )
            }
            MetaError::CannotRead(message) => f.write_str(message),
            MetaError::BadScript { path, first, more } => {
                write!(f, "{}:{first}", path.display())?;
                if *more > 0 {
                    write!(f, " (and {more} more)")?;
                }
                f.write_str("; nothing was loaded")
            }
        }
    }
}

impl MetaError {
    /// Why a save was refused, naming the file `name`; empty for the other errors.
    fn refusal(&self, name: &str) -> String {
        match self {
            MetaError::SymbolicLink(_) => {
                format!("{name} is a symbolic link; save to the file it points at, or another name")
            }
            MetaError::NotRegular(_) => {
                format!("{name} is not a regular file (a folder, a device or a pipe)")
            }
            MetaError::NotASession(_) => format!(
                "{name} exists and is not a session the sandbox saved; `save! {name}` replaces it"
            ),
            MetaError::WouldEmpty(_) => format!(
                "the session is empty and {name} is not; did you mean `load {name}`? (`save! {name}` empties it)"
            ),
            _ => String::new(),
        }
    }
}

impl std::error::Error for MetaError {}

/// Recognizes a meta command; anything else is for the command language.
pub fn parse(line: &str) -> Option<Result<Meta, MetaError>> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim().trim_matches('"');
    let meta = match word.to_lowercase().as_str() {
        "undo" => Meta::Undo,
        "reset" => Meta::Reset,
        "now" => Meta::Now,
        "help" => Meta::Help,
        "save" | "save!" | "load" if rest.is_empty() => {
            return Some(Err(MetaError::NeedsFile(word.to_string())));
        }
        "save" => Meta::Save(rest.to_string(), false),
        "save!" => Meta::Save(rest.to_string(), true),
        "load" => Meta::Load(rest.to_string()),
        _ => return None,
    };
    if !rest.is_empty() && matches!(meta, Meta::Undo | Meta::Reset | Meta::Now | Meta::Help) {
        return Some(Err(MetaError::TakesNothing(word.to_string())));
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

/// The first line of every script the sandbox saves: what tells one from a learner's notes.
const HEADER: &str = "# A cqrs-catalog sandbox session";

/// `~` and `~/...` as the shell would read them: the prompt is not a shell, but a learner
/// types it as one.
pub fn expand(file: &str) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (file.strip_prefix('~'), home) {
        (Some(""), Some(home)) => PathBuf::from(home),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            PathBuf::from(home).join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(file),
    }
}

/// An I/O error without the temporary file's name tempfile adds: the learner's path is the
/// one the message names.
fn cause(e: &std::io::Error) -> String {
    // tempfile words its errors "<the system's error> at path <its own file>", and keeps
    // no other way to reach the system's error.
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((system, _)) => system.to_string(),
        None => text,
    }
}

/// Whether `path` may be written: nothing there, or a regular file that is a session this
/// sandbox saved (or any regular file, with `replace`). Returns the mode to keep.
fn may_replace(path: &Path, replace: bool) -> Result<Option<std::fs::Permissions>, MetaError> {
    let info = match std::fs::symlink_metadata(path) {
        Ok(info) => info,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(MetaError::CannotSave {
                path: path.to_path_buf(),
                cause: cause(&e),
            });
        }
    };
    if info.file_type().is_symlink() {
        return Err(MetaError::SymbolicLink(path.to_path_buf()));
    }
    if !info.is_file() {
        return Err(MetaError::NotRegular(path.to_path_buf()));
    }
    if !replace {
        let mut first = String::new();
        let ours = std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .and_then(|mut r| std::io::BufRead::read_line(&mut r, &mut first))
            .is_ok_and(|_| first.starts_with(HEADER));
        if !ours {
            return Err(MetaError::NotASession(path.to_path_buf()));
        }
    }
    Ok(Some(info.permissions()))
}

/// Writes the session as a script that `cqrs-catalog run` replays to the same log. The file
/// is replaced whole (written aside, then renamed, with the mode it had), so a failed save
/// never leaves half a script where a good one was; anything but a session saved here is
/// left alone unless `replace` says so.
pub fn save(session: &Session, file: &str, replace: bool) -> Result<String, MetaError> {
    let path = expand(file);
    let existing = may_replace(&path, replace)?;
    if existing.is_some() && !replace && session.history().is_empty() {
        // `save` typed for `load`, most likely: an empty session would wipe the script.
        return Err(MetaError::WouldEmpty(path));
    }
    let text = script(session, &path);
    // A file the learner named: its mode is kept, or a new one gets their usual mode.
    crate::storage::write_atomic_as(&path, text.as_bytes(), crate::storage::Owner::User).map_err(
        |e| MetaError::CannotSave {
            path: path.clone(),
            cause: e.cause().to_string(),
        },
    )?;
    Ok(format!(
        "saved {} to {}",
        crate::words::plural(session.history().len(), "command"),
        path.display()
    ))
}

/// The largest script `load` reads: far more than anyone types at a prompt, far less than
/// would strain memory.
pub const LARGEST_SCRIPT: u64 = crate::storage::SMALL_FILE;

/// Reads a script, refusing what is not a regular file (a folder, `/dev/zero`, a pipe) or is
/// larger than `LARGEST_SCRIPT`, before reading a byte of it.
pub fn read_script(path: &Path) -> Result<String, MetaError> {
    crate::storage::read_text(path, LARGEST_SCRIPT)
        .map_err(|e| MetaError::CannotRead(e.to_string()))
}

/// Replays a script into a fresh session. Nothing changes unless every line runs.
pub fn load(path: &Path) -> Result<Session, MetaError> {
    let text = read_script(path)?;
    let mut session = Session::new();
    session
        .execute_script(&text)
        .map_err(|errors: Vec<ParseError>| MetaError::BadScript {
            path: path.to_path_buf(),
            first: errors[0].to_string(),
            more: errors.len() - 1,
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
            Some(Ok(Meta::Save("my session.txt".into(), false)))
        );
        assert_eq!(
            parse("load \"s.txt\""),
            Some(Ok(Meta::Load("s.txt".into())))
        );
        assert_eq!(
            parse("save! notes.txt"),
            Some(Ok(Meta::Save("notes.txt".into(), true)))
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
        save(&s, path.to_str().unwrap(), false).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.library().log().events(), s.library().log().events());
        assert_eq!(loaded.history().len(), s.history().len());
    }

    #[test]
    fn saving_over_a_file_replaces_it_whole_and_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.txt");
        std::fs::write(&path, format!("{HEADER}\n{}", "tick\n".repeat(50))).unwrap();
        let mut s = Session::new();
        s.execute_line("tick", 1).unwrap();
        assert_eq!(
            save(&s, path.to_str().unwrap(), false).unwrap(),
            format!("saved 1 command to {}", path.display())
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .ends_with("replays it.\ntick\n")
        );
        let missing = dir.path().join("no/such/folder/s.txt");
        let err = save(&s, missing.to_str().unwrap(), false)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "could not save {}: No such file or directory (os error 2)",
                missing.display()
            ),
            "the learner's path, not a temporary file's"
        );
    }

    #[test]
    fn a_refused_meta_command_says_which_word_and_what_it_needs() {
        assert_eq!(
            parse("load"),
            Some(Err(MetaError::NeedsFile("load".into())))
        );
        assert_eq!(
            parse("undo twice"),
            Some(Err(MetaError::TakesNothing("undo".into())))
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("two.txt");
        std::fs::write(&path, "lned b1\nlned b2\n").unwrap();
        let Err(MetaError::BadScript { more, first, .. }) = load(&path) else {
            panic!("a script with two bad lines loaded");
        };
        assert_eq!(more, 1);
        assert!(first.starts_with("1:1:"), "{first}");
    }

    #[test]
    fn a_script_with_a_bad_line_loads_nothing_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        std::fs::write(&path, "tick\nlned b1 to ada\n").unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(
            err.contains("bad.txt:2:1: unknown command \"lned\""),
            "{err}"
        );
    }

    #[test]
    fn load_refuses_what_is_not_a_regular_file_of_a_sane_size() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        let zero = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = load(&zero).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        let big = dir.path().join("big.txt");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(LARGEST_SCRIPT + 1).unwrap();
        let err = load(&big).unwrap_err().to_string();
        assert!(err.contains("too large to read"), "{err}");
    }

    fn saved(dir: &Path, name: &str, replace: bool) -> Result<String, String> {
        let mut s = Session::new();
        s.execute_line("tick", 1).unwrap();
        save(&s, dir.join(name).to_str().unwrap(), replace).map_err(|e| e.to_string())
    }

    #[test]
    fn save_leaves_a_file_that_is_not_a_saved_session_alone_unless_told_with_save_bang() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.txt");
        std::fs::write(&notes, "my notes\n").unwrap();
        let err = saved(dir.path(), "notes.txt", false).unwrap_err();
        assert!(err.contains("`save! "), "{err}");
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");
        saved(dir.path(), "notes.txt", true).unwrap();
        assert!(std::fs::read_to_string(&notes).unwrap().starts_with(HEADER));
        // Now it is a saved session: a plain `save` may replace it, but not with nothing.
        saved(dir.path(), "notes.txt", false).unwrap();
        let empty = save(&Session::new(), notes.to_str().unwrap(), false)
            .unwrap_err()
            .to_string();
        assert!(empty.contains("did you mean `load "), "{empty}");
    }

    #[test]
    fn save_refuses_links_devices_and_folders_even_with_save_bang() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "keep me\n").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("link.txt")).unwrap();
        std::os::unix::fs::symlink("/dev/null", dir.path().join("null.txt")).unwrap();
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        for (name, why) in [
            ("link.txt", "symbolic link"),
            ("null.txt", "symbolic link"),
            ("folder", "not a regular file"),
        ] {
            let err = saved(dir.path(), name, true).unwrap_err();
            assert!(err.contains(why), "{name}: {err}");
        }
        assert!(
            save(&Session::new(), "/dev/null", true)
                .unwrap_err()
                .to_string()
                .contains("not a regular file")
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
        assert!(dir.path().join("link.txt").is_symlink());
    }

    #[test]
    fn save_keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.txt");
        saved(dir.path(), "s.txt", false).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        saved(dir.path(), "s.txt", false).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_tilde_is_the_home_folder() {
        // A machine without HOME (some CI runners) keeps the tilde as typed.
        match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            Some(home) => {
                assert_eq!(expand("~/s.txt"), Path::new(&home).join("s.txt"));
                assert_eq!(expand("~"), Path::new(&home));
            }
            None => assert_eq!(expand("~/s.txt"), Path::new("~/s.txt")),
        }
        assert_eq!(expand("a~b"), Path::new("a~b"));
    }
}
