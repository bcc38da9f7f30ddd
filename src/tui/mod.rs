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
    if !std::io::stdout().is_terminal() {
        return Err(UsageError(
            "cqrs-catalog: the app needs a terminal, and standard output is not one; for text, use `cqrs-catalog tour --plain` or `cqrs-catalog quiz ID --plain`".into(),
        )
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
