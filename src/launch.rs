//! Everything the interactive entry points share before the first frame: content (embedded, or
//! a teacher's own, refused when it has problems), saved progress, the config's theme and keys.

use std::path::Path;

use anyhow::Result;

use crate::content::{Content, source::Source};
use crate::progress::{Loaded, Store};
use crate::tui::screen::Screen;
use crate::tui::theme::ThemeName;
use crate::tui::{self, App};
use crate::words::plural;

/// What the command line says about content and looks.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    pub content: Option<&'a Path>,
    pub quizzes: Option<&'a Path>,
    pub theme: Option<ThemeName>,
    /// `--mouse`: capture clicks and the wheel (the config's `mouse` default otherwise).
    pub mouse: bool,
    /// `tour --seed`: the order of predictions' choices (the config's seed otherwise).
    pub seed: Option<u64>,
}

/// Loads content for the app with its predictions' choices shuffled by `--seed`, the config's
/// seed or, without either, in one fixed order, so the right answer is not always "a".
pub fn content(options: &Options) -> Result<Content> {
    let config_seed = crate::config::load()?.config.defaults.seed;
    Ok(read_content(options)?.with_shuffled_predictions(options.seed.or(config_seed)))
}

/// Reads content for the app. The embedded content is checked by the test suite, so it is only
/// read here (keeping the first frame fast); a teacher's own is checked in full and refused
/// with every problem listed.
fn read_content(options: &Options) -> Result<Content> {
    if options.content.is_none() && options.quizzes.is_none() {
        let lessons: Vec<Source> = crate::content::load::embedded_lessons();
        let quizzes: Vec<Source> = crate::content::load::embedded_quizzes();
        return Ok(Content::read(&lessons, &quizzes).0);
    }
    let (content, problems) = Content::load(options.content, options.quizzes)?;
    if !problems.is_empty() {
        // The same lines `check` prints; the exit code is 1, as for any input file that is
        // wrong (the design's contract), not 2.
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        crate::output::print_err(&format!("{}\n", crate::error::capped(&lines)));
        anyhow::bail!(
            "the content has {}; fix them (see `cqrs-catalog check`)",
            plural(problems.len(), "problem")
        );
    }
    Ok(content)
}

/// Loads progress; a store that cannot be located still lets the learner in, unsaved.
pub fn progress() -> (Loaded, Option<Store>) {
    match Store::default_location() {
        Ok(store) => (store.load(), Some(store)),
        Err(e) => (
            Loaded {
                warning: Some(format!("{e:#}; progress will not be saved")),
                ..Loaded::default()
            },
            None,
        ),
    }
}

/// Opens the app with `first` as the bottom screen.
pub fn open(
    options: &Options,
    first: impl FnOnce(&Content, &mut crate::progress::Progress) -> Result<Box<dyn Screen>>,
) -> Result<()> {
    // The config first: a bad one is refused before anything else is loaded.
    let config = crate::config::load()?.config;
    let content = content(options)?;
    let (loaded, store) = progress();
    let mut progress = loaded.progress;
    let screen = first(&content, &mut progress)?;
    let mut app = App::new(
        screen,
        content,
        progress,
        store,
        config.resolve_theme(options.theme),
    );
    app.keys = config.keymap();
    app.publish_notes = true;
    app.mouse = options.mouse || config.defaults.mouse;
    app.quiz_seed = config.defaults.seed;
    if let Some(warning) = loaded.warning {
        app.flash(warning);
    }
    tui::run(app)
}
