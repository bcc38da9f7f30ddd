//! Everything the interactive entry points share before the first frame: content (embedded, or
//! a teacher's own, refused when it has problems), saved progress, the config's theme and keys.

use std::path::Path;

use anyhow::Result;

use crate::UsageError;
use crate::content::{Content, source::Source};
use crate::progress::{Loaded, Store};
use crate::tui::screen::Screen;
use crate::tui::theme::ThemeName;
use crate::tui::{self, App};

/// What the command line says about content and looks.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    pub content: Option<&'a Path>,
    pub quizzes: Option<&'a Path>,
    pub theme: Option<ThemeName>,
}

/// Loads content for the app. The embedded content is checked by the test suite, so it is only
/// read here (keeping the first frame fast); a teacher's own is checked in full and refused
/// with every problem listed.
pub fn content(options: &Options) -> Result<Content> {
    if options.content.is_none() && options.quizzes.is_none() {
        let lessons: Vec<Source> = crate::content::load::embedded_lessons();
        let quizzes: Vec<Source> = crate::content::load::embedded_quizzes();
        return Ok(Content::read(&lessons, &quizzes).0);
    }
    let (content, problems) = Content::load(options.content, options.quizzes)?;
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        return Err(UsageError(format!(
            "{}\ncqrs-catalog: the content has {} problem{}; fix them (see `cqrs-catalog check`)",
            lines.join("\n"),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ))
        .into());
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
    if let Some(warning) = loaded.warning {
        app.flash(warning);
    }
    tui::run(app)
}
