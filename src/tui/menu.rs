//! What the two list menus (home, the quiz picker) share: how a key moves the choice, and
//! the keys they declare for the footer and help.

use ratatui::widgets::ListState;

use super::keys::{Action, Keymap};
use super::screen::Command;

/// What a key did to a menu of `n` entries.
pub enum Pick {
    /// The choice moved (down and up wrap round) or nothing happened.
    Stay,
    /// The entry at this index is to be opened.
    Open(usize),
    Leave,
}

pub fn pick(state: &mut ListState, n: usize, actions: &[Action]) -> Pick {
    let n = n.max(1);
    let i = state.selected().unwrap_or(0);
    if actions.contains(&Action::Down) {
        state.select(Some((i + 1) % n));
    } else if actions.contains(&Action::Up) {
        state.select(Some((i + n - 1) % n));
    } else if actions.contains(&Action::Select) || actions.contains(&Action::Next) {
        return Pick::Open(i);
    } else if actions.contains(&Action::Back) {
        return Pick::Leave;
    }
    Pick::Stay
}

/// A menu's keys, once: `open` says what opening an entry does, `leave` what leaving does.
pub fn commands(keys: &Keymap, open: &'static str, leave: &'static str) -> Vec<Command> {
    vec![
        Command {
            short: keys.pair(Action::Up, Action::Down),
            keys: format!("{} {}", keys.label(Action::Up), keys.label(Action::Down)),
            hint: Some("choose"),
            doc: "choose an entry",
        },
        Command {
            short: keys.short(Action::Select),
            keys: format!(
                "{} {}",
                keys.label(Action::Select),
                keys.label(Action::Next)
            ),
            hint: Some(open),
            doc: open,
        },
        Command::bound(keys, Action::Back, Some(leave), leave),
    ]
}
