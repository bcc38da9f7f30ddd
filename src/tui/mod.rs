//! The terminal app: screens drawn with ratatui, keys turned into actions. It renders the model
//! and content and never changes their rules.

pub mod app;
pub mod help;
pub mod home;
pub mod keys;
pub mod line_input;
pub mod quiz;
pub mod sandbox;
pub mod screen;
pub mod simulate;
pub mod theme;
pub mod tour;
pub mod widgets;

use std::io::IsTerminal;

use anyhow::Result;

use crate::UsageError;

pub use app::App;

/// Runs the app in the terminal, restoring it on the way out whatever happens (ratatui's init
/// installs a panic hook that restores it on a panic too).
pub fn run(mut app: App) -> Result<()> {
    // A dumb terminal cannot draw screens: it gets the same pointer to the text modes.
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    if dumb || !std::io::stdout().is_terminal() {
        let why = if dumb {
            "this terminal (TERM=dumb) cannot draw it"
        } else {
            "standard output is not one"
        };
        return Err(UsageError(format!(
            "cqrs-catalog: the app needs a terminal, and {why}; for text, use `cqrs-catalog tour --plain`, `cqrs-catalog quiz ID --plain` or `cqrs-catalog run FILE`"
        ))
        .into());
    }
    let mut terminal = ratatui::try_init()?;
    let mouse = app.mouse;
    if mouse {
        // Mouse capture is ours to undo, on the way out and on a panic, before ratatui's
        // hook restores the rest: a terminal left capturing the mouse cannot select text.
        let restore_rest = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            release_mouse();
            restore_rest(info);
        }));
        ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::EnableMouseCapture
        )?;
    }
    let result = app.run(&mut terminal);
    if mouse {
        release_mouse();
    }
    ratatui::restore();
    result
}

fn release_mouse() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableMouseCapture
    );
}
