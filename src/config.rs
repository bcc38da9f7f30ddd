//! The user's config file: theme, remapped keys and command-line defaults, read over the
//! embedded example (which is the built-in default), each problem one `file:line:col` line.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::content::{Pos, Problem, Source};
use crate::error::PlacedErrors;
use crate::print_out;
use crate::tui::keys::{Action, Keymap, is_interrupt};
use crate::tui::theme::{Theme, ThemeName};
use crate::words::did_you_mean;

/// Overrides where the config file is looked for (tests, portable installs).
pub const CONFIG_ENV: &str = crate::storage::CONFIG_ENV;

/// The documented example, which is also the default every user file is read over.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// The configuration in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    /// Every action with its keys, in the keymap's table order.
    pub keys: Vec<(Action, Vec<KeyEvent>)>,
    pub defaults: Defaults,
}

/// What the command line assumes when an option is not given (the option always wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defaults {
    /// Seconds a presenter step stays on screen before the next; 0 waits for a key.
    pub autoplay: u32,
    /// Mouse capture: off unless asked for, since it stops terminals from copying text.
    pub mouse: bool,
    /// The quiz shuffle seed; `None` shuffles afresh on every attempt.
    pub seed: Option<u64>,
    /// The learner's name for class results.
    pub name: Option<String>,
    /// The class results file, already resolved against the config file's folder.
    pub results: Option<PathBuf>,
}

/// A config and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// Where the user's file is looked for; `None` without a home directory.
    pub path: Option<PathBuf>,
    /// Whether a file was there (otherwise the defaults apply).
    pub found: bool,
}

impl Config {
    /// The built-in configuration: the default keymap with the example read over it.
    pub fn builtin() -> Config {
        let keymap = Keymap::default();
        let base = Config {
            theme: ThemeName::Dark,
            keys: keymap
                .bindings
                .iter()
                .map(|b| (b.action, b.keys.clone()))
                .collect(),
            defaults: Defaults::default(),
        };
        let example = Source {
            name: "config.example.toml".into(),
            text: EXAMPLE.into(),
        };
        // The example is checked by the tests; a broken one must not lock users out.
        base.clone().read(&example, Path::new(".")).unwrap_or(base)
    }

    /// Reads a config file over this one: what the file sets replaces, the rest stays.
    /// The error is the first problem in the file, as `file:line:col: message`.
    pub fn read(mut self, source: &Source, folder: &Path) -> Result<Config, Problem> {
        let raw: RawConfig = toml::from_str(&source.text).map_err(|e| {
            let pos = e
                .span()
                .map_or(Pos { line: 1, col: 1 }, |s| source.pos(s.start));
            let message = e.message().lines().next().unwrap_or("invalid TOML").trim();
            Problem::new(source, pos, message)
        })?;
        let mut problems: Vec<(usize, String)> = Vec::new();
        // Each key the file names, where, and for which action: checked for conflicts below.
        let mut written: Vec<(usize, Action, KeyEvent)> = Vec::new();
        if let Some(theme) = &raw.theme {
            let word = theme.get_ref();
            match ThemeName::parse(word) {
                Some(name) => self.theme = name,
                None => problems.push((
                    theme.span().start,
                    format!(
                        "unknown theme {word:?}{}: expected one of {}",
                        did_you_mean(word, ThemeName::WORDS.iter().copied()),
                        ThemeName::WORDS.join(", ")
                    ),
                )),
            }
        }
        for (name, list) in &raw.keys {
            let Some(slot) = self
                .keys
                .iter_mut()
                .find(|(action, _)| action.name() == name.get_ref())
            else {
                let names: Vec<&str> = Keymap::default()
                    .bindings
                    .iter()
                    .map(|b| b.action.name())
                    .collect();
                problems.push((
                    name.span().start,
                    format!(
                        "unknown action {:?}{}",
                        name.get_ref(),
                        did_you_mean(name.get_ref(), names)
                    ),
                ));
                continue;
            };
            let mut keys: Vec<KeyEvent> = Vec::new();
            for (word, span) in list.get_ref().words(list.span()) {
                match parse_key(word) {
                    Ok(key) if !keys.contains(&key) => {
                        keys.push(key);
                        written.push((span.start, slot.0, key));
                    }
                    Ok(_) => {}
                    Err(refused) => problems.push((span.start, refused.to_string())),
                }
            }
            if list.get_ref().is_empty() {
                problems.push((
                    list.span().start,
                    format!(
                        "`{}` needs at least one key (an action without one cannot be used)",
                        name.get_ref()
                    ),
                ));
            }
            slot.1 = keys;
        }
        problems.extend(self.conflicts(&written));
        if let Some(d) = raw.defaults {
            if let Some(secs) = d.autoplay {
                self.defaults.autoplay = secs;
            }
            if let Some(mouse) = d.mouse {
                self.defaults.mouse = mouse;
            }
            if let Some(seed) = d.seed {
                self.defaults.seed = Some(seed);
            }
            if let Some(name) = d.name {
                if name.get_ref().trim().is_empty() {
                    problems.push((name.span().start, "`name` is empty".into()));
                }
                self.defaults.name = Some(name.into_inner().trim().to_string());
            }
            if let Some(results) = d.results {
                if results.get_ref().is_empty() {
                    problems.push((results.span().start, "`results` is empty".into()));
                }
                self.defaults.results = Some(folder.join(results.into_inner()));
            }
        }
        match problems.into_iter().min_by_key(|(at, _)| *at) {
            Some((at, message)) => Err(Problem::new(source, source.pos(at), message)),
            None => Ok(self),
        }
    }

    /// Keys the file binds that another action holds too, where one of them is `quit` or
    /// `help`: those answer a key before any screen sees it, so the other action could never
    /// be used. (Other keys may serve several actions: each screen takes the one it has.)
    fn conflicts(&self, written: &[(usize, Action, KeyEvent)]) -> Vec<(usize, String)> {
        let global = |a: Action| matches!(a, Action::Quit | Action::Help);
        let mut problems = Vec::new();
        for (at, action, key) in written {
            let other = self.keys.iter().find(|(a, keys)| {
                a != action && keys.contains(key) && (global(*a) || global(*action))
            });
            if let Some((other, _)) = other {
                problems.push((
                    *at,
                    format!(
                        "{:?} is bound to both `{}` and `{}`; a key of quit or help does only that, so give one of them another key",
                        key_name(key),
                        action.name(),
                        other.name()
                    ),
                ));
            }
        }
        problems
    }

    /// The keymap this config asks for: the default table with each action's keys replaced.
    pub fn keymap(&self) -> Keymap {
        let mut keymap = Keymap::default();
        for (action, keys) in &self.keys {
            keymap.rebind(*action, keys.clone());
        }
        keymap
    }

    /// The theme to draw with: `--theme` beats the config, and `NO_COLOR` beats both.
    pub fn resolve_theme(&self, command_line: Option<ThemeName>) -> Theme {
        Theme::resolve(Some(command_line.unwrap_or(self.theme)))
    }

    /// The config as a file that would give it, each action with what it does.
    pub fn to_toml(&self) -> String {
        let keymap = Keymap::default();
        let mut out = format!("theme = {}\n\n[keys]\n", quote(self.theme.word()));
        for (action, keys) in &self.keys {
            let names: Vec<String> = keys.iter().map(|k| quote(&key_name(k))).collect();
            let line = format!("{} = [{}]", action.name(), names.join(", "));
            match keymap.binding(*action) {
                Some(b) => out.push_str(&format!("{line:<36} # {}\n", b.doc)),
                None => out.push_str(&format!("{line}\n")),
            }
        }
        let d = &self.defaults;
        out.push_str(&format!(
            "\n[defaults]\nautoplay = {}\nmouse = {}\n",
            d.autoplay, d.mouse
        ));
        match d.seed {
            Some(seed) => out.push_str(&format!("seed = {seed}\n")),
            None => out.push_str("# seed: not set (a fresh shuffle every attempt)\n"),
        }
        match &d.name {
            Some(name) => out.push_str(&format!("name = {}\n", quote(name))),
            None => out.push_str("# name: not set\n"),
        }
        match &d.results {
            Some(path) => out.push_str(&format!(
                "results = {}\n",
                quote(&path.display().to_string())
            )),
            None => out.push_str("# results: not set\n"),
        }
        out
    }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Where the user's config file is: `$CQRS_CATALOG_CONFIG`, or `config.toml` in the
/// platform's config folder (`~/.config/cqrs-catalog` on Linux).
pub fn path() -> Option<PathBuf> {
    crate::storage::config_path()
}

/// Loads the user's config over the built-in one. A missing file means the defaults; a bad
/// one is a usage error (exit 2) naming the file, line and column.
///
/// The file is read once per process: `tour` and `quiz` ask for it in several places (the
/// seed, the presenter's autoplay, the app's keys), and reading it again could see a file
/// changed in between, giving one run two configs.
pub fn load() -> Result<Loaded> {
    static READ: std::sync::Mutex<Option<Loaded>> = std::sync::Mutex::new(None);
    let mut read = READ
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let wanted = path();
    if let Some(loaded) = read.as_ref().filter(|l| l.path == wanted) {
        return Ok(loaded.clone());
    }
    let loaded = read_file()?;
    *read = Some(loaded.clone());
    Ok(loaded)
}

fn read_file() -> Result<Loaded> {
    let builtin = Config::builtin();
    let Some(path) = path() else {
        return Ok(Loaded {
            config: builtin,
            path: None,
            found: false,
        });
    };
    let text = match crate::storage::read_text(&path, crate::storage::SMALL_FILE) {
        Ok(text) => text,
        Err(e) if e.is_missing() => {
            return Ok(Loaded {
                config: builtin,
                path: Some(path),
                found: false,
            });
        }
        // Text that is not UTF-8 is a mistake in the file, placed like any other (exit 2).
        Err(e) if e.is_content() => return Err(PlacedErrors(vec![e.to_string()]).into()),
        Err(e) => return Err(e).context("cannot read the config file"),
    };
    let source = Source {
        name: path.display().to_string(),
        text,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let config = builtin
        .read(&source, folder)
        .map_err(|problem| PlacedErrors(vec![problem.to_string()]))?;
    Ok(Loaded {
        config,
        path: Some(path),
        found: true,
    })
}

/// `config`: where the file is and the configuration in force, as TOML; or the example.
pub fn print(example: bool, theme: Option<ThemeName>) -> Result<()> {
    if example {
        return print_out(EXAMPLE);
    }
    let loaded = load()?;
    let mut out = match &loaded.path {
        Some(path) if loaded.found => format!("# config file: {}\n", path.display()),
        Some(path) => format!(
            "# config file: {} (not there: the defaults apply; `cqrs-catalog config --example` prints one to start from)\n",
            path.display()
        ),
        None => {
            format!("# no config file: no home directory was found (set {CONFIG_ENV} to use one)\n")
        }
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color {
        out.push_str("# NO_COLOR is set: the app draws without color, whatever the theme\n");
    } else if let Some(name) = theme {
        out.push_str(&format!(
            "# --theme {} beats the theme below\n",
            name.word()
        ));
    }
    out.push('\n');
    out.push_str(&loaded.config.to_toml());
    print_out(&out)
}

/// The file as TOML spells it. Positions are kept where a value may need a problem report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<KeyList>>,
    defaults: Option<RawDefaults>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    autoplay: Option<u32>,
    mouse: Option<bool>,
    seed: Option<u64>,
    name: Option<Spanned<String>>,
    results: Option<Spanned<String>>,
}

/// An action's keys: a list of names, or one name on its own (`quit = "q"`).
#[derive(Debug)]
enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl KeyList {
    fn is_empty(&self) -> bool {
        matches!(self, KeyList::Many(v) if v.is_empty())
    }

    /// Each key name with where it stands (a single name stands where the value does).
    fn words(&self, whole: Range<usize>) -> Vec<(&str, Range<usize>)> {
        match self {
            KeyList::One(word) => vec![(word.as_str(), whole)],
            KeyList::Many(words) => words
                .iter()
                .map(|w| (w.get_ref().as_str(), w.span()))
                .collect(),
        }
    }
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyListVisitor;
        impl<'de> Visitor<'de> for KeyListVisitor {
            type Value = KeyList;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key name or a list of key names, like [\"Right\", \"l\"]")
            }

            fn visit_str<E: de::Error>(self, word: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(word.to_string()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut words = Vec::new();
                while let Some(word) = seq.next_element::<Spanned<String>>()? {
                    words.push(word);
                }
                Ok(KeyList::Many(words))
            }
        }
        deserializer.deserialize_any(KeyListVisitor)
    }
}

/// Named keys as the config spells them; the first spelling is the one printed back.
const NAMED: &[(&str, KeyCode)] = &[
    ("Right", KeyCode::Right),
    ("Left", KeyCode::Left),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Del", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Ins", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
];

const EXPECTED_KEY: &str = "expected a key like \"Right\", \"PageDown\", \"Enter\", \"Esc\", \"Tab\", \"Space\", \"F5\", \"x\" or \"Ctrl+n\"";

/// Why a key name in the config is not a key: the word written, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyNameError {
    UnknownModifier {
        prefix: String,
        word: String,
    },
    Empty,
    /// `Shift+c` for a character: the character Shift types is written instead.
    ShiftedChar {
        word: String,
        c: char,
    },
    /// Neither a named key nor F1 to F24; `hint` is the nearest name, or empty.
    UnknownKey {
        rest: String,
        hint: String,
    },
    Interrupt,
}

impl std::fmt::Display for KeyNameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyNameError::UnknownModifier { prefix, word } => write!(
                f,
                "unknown modifier {prefix:?} in {word:?}: expected Ctrl, Alt or Shift"
            ),
            KeyNameError::Empty => write!(f, "empty key name: {EXPECTED_KEY}"),
            KeyNameError::ShiftedChar { word, c } => write!(
                f,
                "{word:?}: write the character Shift types instead (\"{}\", not \"Shift+{c}\")",
                c.to_uppercase()
            ),
            KeyNameError::UnknownKey { rest, hint } => {
                write!(f, "unknown key {rest:?}{hint}: {EXPECTED_KEY}")
            }
            KeyNameError::Interrupt => {
                f.write_str("Ctrl+c always quits and cannot be bound to an action")
            }
        }
    }
}

impl std::error::Error for KeyNameError {}

/// A key name from the config: `Right`, `F5`, `x`, `Ctrl+n`, `Shift+Tab`... Names of keys
/// are case-insensitive; single characters are not (`N` is Shift+n).
pub fn parse_key(word: &str) -> Result<KeyEvent, KeyNameError> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = word;
    // "+" alone, or after a modifier ("Ctrl++"), is the plus key itself.
    while let Some((prefix, after)) = rest.split_once('+')
        && !after.is_empty()
    {
        modifiers |= match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => KeyModifiers::CONTROL,
            "alt" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            _ => {
                return Err(KeyNameError::UnknownModifier {
                    prefix: prefix.to_string(),
                    word: word.to_string(),
                });
            }
        };
        rest = after;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(KeyNameError::Empty),
        (Some(c), None) => {
            if modifiers.contains(KeyModifiers::SHIFT) {
                return Err(KeyNameError::ShiftedChar {
                    word: word.to_string(),
                    c,
                });
            }
            // Terminals report Ctrl with the lower-case letter.
            if modifiers.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ => {
            let lower = rest.to_ascii_lowercase();
            let function = lower
                .strip_prefix('f')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=24).contains(n));
            match (
                NAMED
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(rest)),
                function,
            ) {
                (Some((_, code)), _) => *code,
                (None, Some(n)) => KeyCode::F(n),
                (None, None) => {
                    let mut names: Vec<&str> = NAMED.iter().map(|(name, _)| *name).collect();
                    names.extend(["F1", "F5", "F12"]);
                    return Err(KeyNameError::UnknownKey {
                        rest: rest.to_string(),
                        hint: did_you_mean(rest, names),
                    });
                }
            }
        }
    };
    let key = KeyEvent::new(code, modifiers);
    if is_interrupt(&key) {
        return Err(KeyNameError::Interrupt);
    }
    Ok(key)
}

/// A key as the config spells it, so `config` prints a file that reads back the same.
pub fn key_name(key: &KeyEvent) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(name, _)| name.to_string()),
    };
    let mut out = String::new();
    for (flag, word) in [
        (KeyModifiers::CONTROL, "Ctrl+"),
        (KeyModifiers::ALT, "Alt+"),
        (KeyModifiers::SHIFT, "Shift+"),
    ] {
        if key.modifiers.contains(flag) {
            out.push_str(word);
        }
    }
    out + &name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Config, String> {
        let source = Source {
            name: "config.toml".into(),
            text: text.into(),
        };
        Config::builtin()
            .read(&source, Path::new("/home/ada/.config/cqrs-catalog"))
            .map_err(|p| p.to_string())
    }

    #[test]
    fn the_example_is_the_default_keymap_and_theme() {
        let builtin = Config::builtin();
        let from_example = Config {
            theme: ThemeName::Light,
            ..builtin.clone()
        }
        .read(
            &Source {
                name: "config.example.toml".into(),
                text: EXAMPLE.into(),
            },
            Path::new("."),
        )
        .expect("the example reads without problems");
        assert_eq!(from_example, builtin);
        let default = Keymap::default();
        assert_eq!(builtin.keys.len(), default.bindings.len());
        for (b, (action, keys)) in default.bindings.iter().zip(&builtin.keys) {
            assert_eq!((b.action, &b.keys), (*action, keys));
        }
        assert_eq!(builtin.theme, ThemeName::Dark);
    }

    #[test]
    fn the_example_names_every_action() {
        for b in Keymap::default().bindings {
            assert!(
                EXAMPLE.contains(&format!("\n{} = ", b.action.name())),
                "config.example.toml has no line for {}",
                b.action.name()
            );
        }
    }

    #[test]
    fn a_remapped_action_replaces_its_keys_and_keeps_the_others() {
        let config =
            read("[keys]\nnext = [\"F5\", \"Ctrl+n\", \"Space\"]\nquit = \"x\"\n").unwrap();
        let keys = config.keymap();
        assert_eq!(keys.label(Action::Next), "F5 Ctrl+n Space");
        assert_eq!(keys.label(Action::Quit), "x");
        assert_eq!(keys.label(Action::Prev), "← h");
    }

    #[test]
    fn the_printed_config_reads_back_the_same() {
        let config = read(
            "theme = \"high-contrast\"\n[keys]\nback = [\"Esc\", \"Backspace\", \"Alt+Left\", \"\\\"\"]\n[defaults]\nautoplay = 8\nseed = 7\nname = \"Ada\"\nresults = \"class.toml\"\n",
        )
        .unwrap();
        assert_eq!(
            config.defaults.results.as_deref(),
            Some(Path::new("/home/ada/.config/cqrs-catalog/class.toml"))
        );
        assert_eq!(read(&config.to_toml()).unwrap(), config);
    }

    #[test]
    fn an_unknown_action_names_the_nearest_one() {
        assert_eq!(
            read("theme = \"dark\"\n[keys]\nnxet = [\"n\"]\n").unwrap_err(),
            "config.toml:3:1: unknown action \"nxet\" (did you mean \"next\"?)"
        );
    }

    #[test]
    fn a_bad_key_name_is_placed_at_the_name() {
        assert_eq!(
            read("[keys]\nnext = [\"Right\", \"Rigth\"]\n").unwrap_err(),
            format!(
                "config.toml:2:18: unknown key \"Rigth\" (did you mean \"Right\"?): {EXPECTED_KEY}"
            )
        );
    }

    #[test]
    fn a_bad_theme_lists_the_themes() {
        assert_eq!(
            read("theme = \"drak\"\n").unwrap_err(),
            "config.toml:1:9: unknown theme \"drak\" (did you mean \"dark\"?): expected one of dark, light, high-contrast, mono"
        );
    }

    #[test]
    fn an_unknown_top_level_key_is_an_error() {
        let err = read("theme = \"dark\"\ncolour = \"red\"\n").unwrap_err();
        assert!(
            err.starts_with("config.toml:2:1: unknown field `colour`"),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn a_wrong_type_is_an_error_at_the_value() {
        let err = read("[defaults]\nautoplay = \"eight\"\n").unwrap_err();
        assert!(err.starts_with("config.toml:2:12: "), "{err}");
    }

    #[test]
    fn ctrl_c_cannot_be_bound_and_an_empty_list_is_refused() {
        assert!(
            read("[keys]\nback = [\"Ctrl+C\"]\n")
                .unwrap_err()
                .contains("always quits")
        );
        assert!(
            read("[keys]\nback = []\n")
                .unwrap_err()
                .contains("at least one key")
        );
    }

    #[test]
    fn key_names_read_and_print_back() {
        for word in [
            "Right",
            "PageDown",
            "Enter",
            "Esc",
            "Tab",
            "Space",
            "F5",
            "x",
            "N",
            "Ctrl+n",
            "Alt+Right",
            "Shift+Tab",
            "+",
            "Ctrl++",
        ] {
            let key = parse_key(word).unwrap();
            assert_eq!(key_name(&key), word);
        }
        assert_eq!(
            parse_key("pgdn").unwrap(),
            KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)
        );
        assert!(
            parse_key("Shift+n")
                .unwrap_err()
                .to_string()
                .contains("\"N\"")
        );
        assert_eq!(
            parse_key("Shift+n"),
            Err(KeyNameError::ShiftedChar {
                word: "Shift+n".into(),
                c: 'n'
            })
        );
        assert_eq!(parse_key("Ctrl+c"), Err(KeyNameError::Interrupt));
        assert!(parse_key("Hyper+x").is_err());
        assert!(parse_key("F25").is_err());
    }
}
