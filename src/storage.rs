//! Where the app keeps things and how it reads and writes them: the data, config and runtime
//! paths with their environment overrides, one guarded reader and one atomic writer.
//!
//! Every file the app reads goes through `read_bytes` or `read_text`: they refuse what is not a
//! regular file (a FIFO would hang the read, `/dev/zero` would eat memory) and what is larger
//! than the caller's limit, before reading a byte.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Overrides the data directory (progress, sandbox sessions): tests, portable installs.
pub const DATA_DIR_ENV: &str = "CQRS_CATALOG_DATA";
/// Overrides the config file's path.
pub const CONFIG_ENV: &str = "CQRS_CATALOG_CONFIG";
/// Overrides the runtime directory (the presenter's state for `notes`).
pub const RUNTIME_DIR_ENV: &str = "CQRS_CATALOG_RUNTIME";

/// A config, a progress file, a lesson, a quiz or the presenter's state: a few KB in practice.
pub const SMALL_FILE: u64 = 4 << 20;
/// A script, a class's results or a sandbox history: a million commands is about 20 MB.
pub const LARGE_FILE: u64 = 256 << 20;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "cqrs-catalog")
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// The data directory: `$CQRS_CATALOG_DATA`, else the platform's data directory.
pub fn data_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = env_dir(DATA_DIR_ENV) {
        return Ok(dir);
    }
    project_dirs()
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory to keep progress in (set {DATA_DIR_ENV})")
        })
}

/// The config file: `$CQRS_CATALOG_CONFIG`, else `config.toml` in the platform's config
/// directory; `None` when there is no home to find it in.
pub fn config_path() -> Option<PathBuf> {
    env_dir(CONFIG_ENV).or_else(|| project_dirs().map(|d| d.config_dir().join("config.toml")))
}

/// The runtime directory: `$CQRS_CATALOG_RUNTIME`, the platform's runtime directory (on Linux
/// `$XDG_RUNTIME_DIR/cqrs-catalog`), else the data directory, else the temporary directory.
pub fn runtime_dir() -> PathBuf {
    env_dir(RUNTIME_DIR_ENV)
        .or_else(|| project_dirs().and_then(|d| d.runtime_dir().map(Path::to_path_buf)))
        .or_else(|| data_dir().ok())
        .unwrap_or_else(|| std::env::temp_dir().join("cqrs-catalog"))
}

/// Why a file could not be read, with the path the user gave.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub kind: ReadErrorKind,
}

#[derive(Debug)]
pub enum ReadErrorKind {
    Missing,
    /// A directory, a device, a FIFO or a socket: named in words.
    NotAFile(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// The first byte that is not UTF-8, by line and column (from 1).
    NotUtf8 {
        line: usize,
        column: usize,
    },
    Io(std::io::Error),
}

impl ReadError {
    pub fn is_missing(&self) -> bool {
        matches!(self.kind, ReadErrorKind::Missing)
    }

    /// Whether the file's content is at fault (rather than its type, size or permissions): such
    /// a file can be set aside and replaced.
    pub fn is_content(&self) -> bool {
        matches!(self.kind, ReadErrorKind::NotUtf8 { .. })
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            ReadErrorKind::Missing => write!(f, "cannot read {path}: there is no such file"),
            ReadErrorKind::NotAFile(what) => write!(f, "{path} is {what}, not a regular file"),
            ReadErrorKind::TooLarge { size, limit } => write!(
                f,
                "{path} is too large to read ({} MB; the limit is {} MB)",
                size.div_ceil(1 << 20),
                limit >> 20
            ),
            ReadErrorKind::NotUtf8 { line, column } => {
                write!(f, "{path}:{line}:{column}: not UTF-8 text")
            }
            ReadErrorKind::Io(e) => write!(f, "cannot read {path}: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

fn file_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a pipe");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a device")
}

/// Reads a regular file of at most `limit` bytes (symlinks followed to what they name).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let fail = |kind| ReadError {
        path: path.to_path_buf(),
        kind,
    };
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => fail(ReadErrorKind::Missing),
        _ => fail(ReadErrorKind::Io(e)),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(what) = file_kind(&meta) {
        return Err(fail(ReadErrorKind::NotAFile(what)));
    }
    if meta.len() > limit {
        return Err(fail(ReadErrorKind::TooLarge {
            size: meta.len(),
            limit,
        }));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_capped(file, limit).map_err(|e| match e {
        Capped::TooLarge(size) => fail(ReadErrorKind::TooLarge { size, limit }),
        Capped::Io(e) => io(e),
    })
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit)?;
    text_of(bytes).map_err(|kind| ReadError {
        path: path.to_path_buf(),
        kind,
    })
}

/// Reads standard input (a script given as `-`) up to `limit` bytes as UTF-8 text.
pub fn read_stdin_text(limit: u64) -> Result<String, ReadError> {
    let fail = |kind| ReadError {
        path: PathBuf::from("<stdin>"),
        kind,
    };
    let bytes = read_capped(std::io::stdin().lock(), limit).map_err(|e| match e {
        Capped::TooLarge(size) => fail(ReadErrorKind::TooLarge { size, limit }),
        Capped::Io(e) => fail(ReadErrorKind::Io(e)),
    })?;
    text_of(bytes).map_err(fail)
}

enum Capped {
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads at most `limit` bytes: a file that grows while it is read (or a device that slipped
/// past the type check) stops at the limit instead of filling memory.
fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, Capped> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Capped::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Capped::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn text_of(bytes: Vec<u8>) -> Result<String, ReadErrorKind> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
        ReadErrorKind::NotUtf8 { line, column }
    })
}

/// Whose file `write_atomic_as` writes, which decides what a new one looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The app's own (progress, the presenter's state): its folders are made as needed and a
    /// new file is private to the user.
    App,
    /// A file the user named (`save FILE` in the sandbox): the folder must exist (a mistyped
    /// one is an error, not a new folder), and a new file gets the mode the user's other new
    /// files get (0666 less the umask).
    User,
}

/// Why an atomic write failed: the step, in words, and the system's error.
#[derive(Debug)]
pub struct WriteError {
    what: String,
    source: std::io::Error,
}

impl WriteError {
    /// The system's error alone, without the temporary file's path tempfile appends to it
    /// ("... at path /dir/.name.tmpXYZ"): the user named another file.
    pub fn cause(&self) -> String {
        let text = self.source.to_string();
        match text.split_once(" at path ") {
            Some((system, _)) => system.to_string(),
            None => text,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Writes the app's own file `path` atomically: see [`write_atomic_as`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    Ok(write_atomic_as(path, bytes, Owner::App)?)
}

/// Writes `bytes` to `path` atomically: a temporary file beside it (named after it, so a stale
/// one can be recognised), synced, then renamed over the old one, so a crash mid-write leaves
/// the previous content intact. An existing target's permissions are kept.
pub fn write_atomic_as(path: &Path, bytes: &[u8], owner: Owner) -> Result<(), WriteError> {
    let fail = |what: String| move |source| WriteError { what, source };
    let dir = parent_dir(path);
    if owner == Owner::App {
        std::fs::create_dir_all(dir).map_err(fail(format!("cannot create {}", dir.display())))?;
    }
    let mut file = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .tempfile_in(dir)
        .map_err(fail(format!("cannot write in {}", dir.display())))?;
    let written = file
        .write_all(bytes)
        .and_then(|()| set_permissions(path, file.as_file(), owner))
        .and_then(|()| file.as_file().sync_all());
    written.map_err(fail(format!("cannot write {}", path.display())))?;
    file.persist(path)
        .map_err(|e| e.error)
        .map_err(fail(format!("cannot save {}", path.display())))?;
    Ok(())
}

/// An existing file's permissions carried over; a new one's as its owner wants them.
fn set_permissions(path: &Path, file: &std::fs::File, owner: Owner) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) => file.set_permissions(meta.permissions()),
        Err(_) if owner == Owner::User => usual_permissions(file),
        // tempfile's own mode: private to the user.
        Err(_) => Ok(()),
    }
}

#[cfg(unix)]
fn usual_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o666 & !umask()))
}

/// The process's umask, read by setting it and putting it back at once.
#[cfg(unix)]
// `mode_t` is a u32 on Linux but a u16 on macOS.
#[allow(clippy::useless_conversion)]
fn umask() -> u32 {
    // SAFETY: umask has no failure mode; the old value is put back at once.
    unsafe {
        let old = libc::umask(0o022);
        libc::umask(old);
        u32::from(old)
    }
}

#[cfg(not(unix))]
fn usual_permissions(_: &std::fs::File) -> std::io::Result<()> {
    // Elsewhere a new file's permissions are the folder's: nothing to change.
    Ok(())
}

/// The folder a file lives in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The start of the names `write_atomic` gives its temporary files for `path`.
pub fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!(".{name}.tmp")
}

/// Removes temporary files `write_atomic` left beside `path` when a process was killed
/// mid-write. Call it only while no other writer of `path` can be running (under its lock).
pub fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let stale = name.to_string_lossy().starts_with(&prefix)
            || is_old_anonymous_temp(&entry, &name.to_string_lossy());
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Earlier versions wrote through anonymous `.tmpXXXXXX` files; one over an hour old belongs
/// to no save still running.
fn is_old_anonymous_temp(entry: &std::fs::DirEntry, name: &str) -> bool {
    let hour = std::time::Duration::from_secs(3600);
    name.starts_with(".tmp")
        && entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > hour))
}

/// A free name beside `path` for a copy set aside: `NAME.WHY-SECONDS`, then `-2`, `-3` ... when
/// that is taken, so two copies in one second never overwrite each other.
pub fn aside_name(path: &Path, why: &str) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let base = format!("{name}.{why}-{stamp}");
    (1..)
        .map(|n| {
            let candidate = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            parent_dir(path).join(candidate)
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("an unbounded range finds a free name")
}

/// Moves `path` aside under a free `aside_name`, without ever replacing another file (a hard
/// link fails on a taken name, where a rename would overwrite it). Returns the new name.
pub fn set_aside(path: &Path, why: &str) -> std::io::Result<PathBuf> {
    loop {
        let aside = aside_name(path, why);
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // A file system without hard links: the name was free a moment ago.
            Err(_) => {
                std::fs::rename(path, &aside)?;
                return Ok(aside);
            }
        }
    }
}

/// An exclusive lock on a folder, held until dropped: the writers of one file in it take turns
/// (read, merge, write). The folder itself is locked, so no lock file is left behind.
pub struct DirLock {
    _file: std::fs::File,
}

impl DirLock {
    pub fn acquire(dir: &Path) -> std::io::Result<DirLock> {
        let file = std::fs::File::open(dir)?;
        file.lock()?;
        Ok(DirLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_refused_by_name_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_text(dir.path(), SMALL_FILE).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("is a directory, not a regular file"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_dev_zero_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("script");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        // Refused for what it is, not for its size: nothing was read from it.
        let err = read_text(&link, LARGE_FILE).unwrap_err();
        assert!(
            err.to_string().contains("is a device, not a regular file"),
            "{err}"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; 3 << 20]).unwrap();
        let err = read_text(&path, 2 << 20).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is too large to read (3 MB; the limit is 2 MB)",
                path.display()
            )
        );
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_placed_by_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"ok\nab\xffc\n").unwrap();
        let err = read_text(&path, SMALL_FILE).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}:2:3: not UTF-8 text", path.display())
        );
    }

    #[test]
    fn two_copies_set_aside_in_one_second_keep_both() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "first").unwrap();
        let one = set_aside(&path, "corrupt").unwrap();
        std::fs::write(&path, "second").unwrap();
        let two = set_aside(&path, "corrupt").unwrap();
        assert_ne!(one, two);
        assert_eq!(std::fs::read_to_string(one).unwrap(), "first");
        assert_eq!(std::fs::read_to_string(two).unwrap(), "second");
    }

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_keeps_the_target_s_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            (std::fs::read_to_string(&path).unwrap().as_str(), mode),
            ("new", 0o640)
        );
    }

    #[test]
    fn stale_temporary_files_of_a_killed_write_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        let stale = dir.path().join(format!("{}abc123", temp_prefix(&path)));
        std::fs::write(&stale, "half").unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        remove_stale_temps(&path);
        assert!(!stale.exists());
        assert!(dir.path().join("keep.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_private_for_the_app_and_of_the_usual_mode_for_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |name: &str| {
            let meta = std::fs::metadata(dir.path().join(name)).unwrap();
            meta.permissions().mode() & 0o777
        };
        write_atomic_as(&dir.path().join("app"), b"a", Owner::App).unwrap();
        write_atomic_as(&dir.path().join("user"), b"u", Owner::User).unwrap();
        assert_eq!(mode("app"), 0o600);
        assert_eq!(mode("user"), 0o666 & !umask());
    }

    #[test]
    fn only_the_app_gets_its_missing_folders_made() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("a/b/progress.toml");
        write_atomic_as(&app, b"a", Owner::App).unwrap();
        assert_eq!(std::fs::read(&app).unwrap(), b"a");
        let user = dir.path().join("no/such/s.txt");
        let err = write_atomic_as(&user, b"u", Owner::User).unwrap_err();
        assert_eq!(err.cause(), "No such file or directory (os error 2)");
        assert!(!dir.path().join("no").exists());
    }
}
