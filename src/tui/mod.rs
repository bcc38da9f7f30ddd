//! The terminal app: screens drawn with ratatui, keys turned into actions. It renders the model
//! and content and never changes their rules.

pub mod app;
pub mod help;
pub mod home;
pub mod input;
pub mod keys;
pub mod line_input;
pub(crate) mod menu;
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
            "the app needs a terminal, and {why}; for text, use `cqrs-catalog tour --plain`, `cqrs-catalog quiz ID --plain` or `cqrs-catalog run FILE`"
        ))
        .into());
    }
    let mut input = input::Input::open()?;
    let mut terminal = ratatui::try_init()?;
    // Bracketed paste and mouse capture are ours to undo, on the way out, on a panic (before
    // ratatui's hook restores the rest) and on a signal: a terminal left in either mode
    // garbles the shell's next paste or cannot select text.
    let restore_rest = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_modes();
        restore_rest(info);
    }));
    restore_on_signals(app.publish_notes)?;
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    if app.mouse {
        ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::EnableMouseCapture
        )?;
    }
    let result = app.run(&mut terminal, &mut input);
    release_modes();
    ratatui::restore();
    result
}

/// Killed by `kill` (SIGTERM, SIGHUP, SIGINT: Ctrl+C itself is a key in raw mode), the app
/// gives the terminal back as it found it before it exits, with the status a shell expects
/// of a process killed by that signal (128 + its number). A thread waits for them, so a
/// signal is honoured whatever the app is doing.
fn restore_on_signals(publish_notes: bool) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Should the terminal not take the restoring bytes (output stopped, the app
            // blocked mid-frame holding stdout), the signal still ends the app.
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(2));
                // SAFETY: _exit ends the process at once; nothing is left to unwind.
                unsafe { libc::_exit(128 + signal) };
            });
            // Holding stdout keeps the app from drawing over the restored screen.
            let _stdout = std::io::stdout().lock();
            release_modes();
            ratatui::restore();
            if publish_notes {
                let _ = crate::classroom::notes::clear();
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Turns off what the app turned on beyond ratatui's own (which `ratatui::restore` undoes).
fn release_modes() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableMouseCapture,
        ratatui::crossterm::event::DisableBracketedPaste
    );
}
