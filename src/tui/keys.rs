//! Every key binding in one table: the footer, the help overlay and the screens all read it,
//! so a key shown is a key that works. Screens match on `Action`, never on raw keys, except
//! where the learner is typing or picking a lettered choice.

use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for. Screens decide what each means where they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the app (Ctrl+C works everywhere, even while typing).
    Quit,
    /// Open or close the list of keys.
    Help,
    /// Go back: close a panel, leave a prompt, return to the previous screen.
    Back,
    /// Next step, or move right.
    Next,
    /// Previous step, or move left.
    Prev,
    Up,
    Down,
    PageUp,
    PageDown,
    /// Open, submit or confirm.
    Select,
    /// Advance the simulated clock one tick.
    Tick,
    /// Start the lesson (or quiz) over.
    Restart,
    /// Show the outline of lessons and steps.
    Outline,
    /// Move the focus to the next panel.
    FocusNext,
    /// Move the focus back to the previous panel.
    FocusPrev,
    /// Toggle a choice, where several may be picked.
    Toggle,
    /// Start typing at the prompt.
    Type,
    /// Move the selected item up a place (reordering a list).
    MoveUp,
    /// Move the selected item down a place (reordering a list).
    MoveDown,
    /// Open the lesson that teaches what is on screen.
    Review,
    /// Presenting: zoom the next panel of the model.
    Zoom,
    /// Presenting: blank the screen until the next key.
    Blank,
    /// Step the view back one event in time (the sandbox's scrubber).
    Earlier,
    /// Step the view forward one event, back to now.
    Later,
}

impl Action {
    /// The action's name in the config file's `[keys]` table. An exhaustive match, so a new
    /// action cannot be added without a name to remap it by.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::Next => "next",
            Action::Prev => "prev",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Select => "select",
            Action::Tick => "tick",
            Action::Restart => "restart",
            Action::Outline => "outline",
            Action::FocusNext => "focus-next",
            Action::FocusPrev => "focus-prev",
            Action::Toggle => "toggle",
            Action::Type => "type",
            Action::MoveUp => "move-up",
            Action::MoveDown => "move-down",
            Action::Review => "review",
            Action::Zoom => "zoom",
            Action::Blank => "blank",
            Action::Earlier => "earlier",
            Action::Later => "later",
        }
    }
}

/// One binding: the keys, how the footer and help show them, and what it does.
#[derive(Debug, Clone)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<KeyEvent>,
    /// As shown to the learner: "→ l Space". Computed from `keys` (see `Binding::new`), so a
    /// remapped key is the key shown.
    pub label: &'static str,
    pub doc: &'static str,
}

impl Binding {
    pub fn new(action: Action, keys: Vec<KeyEvent>, doc: &'static str) -> Binding {
        let label = intern(keys.iter().map(key_label).collect::<Vec<_>>().join(" "));
        Binding {
            action,
            keys,
            label,
            doc,
        }
    }
}

/// How one key is shown: arrows as arrows, `Space`, `PgDn`, `Ctrl+n`.
pub fn key_label(key: &KeyEvent) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Right => "→".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut label = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        label.push_str("Ctrl+");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        label.push_str("Alt+");
    }
    // A shifted character is shown as the character it types ("N", "?").
    if key.modifiers.contains(KeyModifiers::SHIFT) && !matches!(key.code, KeyCode::Char(_)) {
        label.push_str("Shift+");
    }
    label + &name
}

/// Labels live as long as the program because footers hold `&'static str` hints. A keymap is
/// built once per run, and interning means building it again (as tests do) never grows memory
/// beyond the distinct labels.
pub(crate) fn intern(label: String) -> &'static str {
    static LABELS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut labels = LABELS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = labels.get(label.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(label.into_boxed_str());
    labels.insert(leaked);
    leaked
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn shift(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::SHIFT)
}

/// The bindings in force; built from the defaults (a config file may remap them).
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        let b = Binding::new;
        Keymap {
            bindings: vec![
                b(
                    Next,
                    vec![key(KeyCode::Right), ch('l'), ch(' ')],
                    "next step / move right",
                ),
                b(
                    Prev,
                    vec![key(KeyCode::Left), ch('h')],
                    "previous step / move left",
                ),
                b(Up, vec![key(KeyCode::Up), ch('k')], "move up"),
                b(Down, vec![key(KeyCode::Down), ch('j')], "move down"),
                b(PageUp, vec![key(KeyCode::PageUp)], "scroll up a page"),
                b(PageDown, vec![key(KeyCode::PageDown)], "scroll down a page"),
                b(Select, vec![key(KeyCode::Enter)], "open / submit / confirm"),
                b(
                    Toggle,
                    vec![ch(' ')],
                    "toggle a choice (where several may be right)",
                ),
                b(
                    Tick,
                    vec![ch('t')],
                    "tick the clock: projectors file what has come due",
                ),
                b(Restart, vec![ch('r')], "restart the lesson"),
                b(Outline, vec![ch('o')], "outline: jump to a lesson or step"),
                b(FocusNext, vec![key(KeyCode::Tab)], "focus the next panel"),
                b(
                    FocusPrev,
                    vec![key(KeyCode::BackTab)],
                    "focus the previous panel",
                ),
                b(Type, vec![ch('i'), ch(':')], "type a command at the prompt"),
                b(
                    MoveUp,
                    vec![shift(KeyCode::Up), ch('K')],
                    "move the selected item up",
                ),
                b(
                    MoveDown,
                    vec![shift(KeyCode::Down), ch('J')],
                    "move the selected item down",
                ),
                b(
                    Review,
                    vec![ch('v')],
                    "review: open the lesson that teaches this",
                ),
                b(
                    Zoom,
                    vec![ch('z')],
                    "presenting: zoom the next panel of the model",
                ),
                b(
                    Blank,
                    vec![ch('b')],
                    "presenting: blank the screen (any key brings it back)",
                ),
                b(
                    Earlier,
                    vec![ch('[')],
                    "view the catalogs as they were one event earlier",
                ),
                b(Later, vec![ch(']')], "view one event later, up to now"),
                b(Back, vec![key(KeyCode::Esc)], "back / close"),
                b(Help, vec![ch('?')], "show or hide this help"),
                b(Quit, vec![ch('q')], "quit (Ctrl+C quits anywhere)"),
            ],
        }
    }
}

/// Compares keys. Shift is ignored on characters, where terminals report it inconsistently
/// and the character already says it (`K`); on other keys it is what tells Shift+↑ from ↑.
fn same_key(a: &KeyEvent, b: &KeyEvent) -> bool {
    let strip = |k: &KeyEvent| match k.code {
        // Shift+Tab arrives as BackTab, with Shift or without depending on the terminal.
        KeyCode::Char(_) | KeyCode::BackTab => k.modifiers - KeyModifiers::SHIFT,
        _ => k.modifiers,
    };
    a.code == b.code && strip(a) == strip(b)
}

impl Keymap {
    /// Every action a key is bound to, in table order (Space is both Next and Toggle; the
    /// screen picks the one that means something where it is).
    pub fn actions(&self, event: &KeyEvent) -> Vec<Action> {
        self.bindings
            .iter()
            .filter(|b| b.keys.iter().any(|k| same_key(k, event)))
            .map(|b| b.action)
            .collect()
    }

    /// Whether a key is bound to an action.
    pub fn is(&self, event: &KeyEvent, action: Action) -> bool {
        self.actions(event).contains(&action)
    }

    pub fn binding(&self, action: Action) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.action == action)
    }

    /// Binds an action to other keys (from the config file); its label follows.
    pub fn rebind(&mut self, action: Action, keys: Vec<KeyEvent>) {
        if let Some(b) = self.bindings.iter_mut().find(|b| b.action == action) {
            *b = Binding::new(action, keys, b.doc);
        }
    }

    /// The label of an action's keys, for footers.
    pub fn label(&self, action: Action) -> &'static str {
        self.binding(action).map_or("", |b| b.label)
    }

    /// The action's first key alone ("→" for next), for footers short of room.
    pub fn short(&self, action: Action) -> &'static str {
        self.binding(action)
            .and_then(|b| b.keys.first())
            .map_or("", |k| intern(key_label(k)))
    }

    /// Two actions' first keys as one hint: "↑↓" for arrows, "k/j" when they are letters.
    pub fn pair(&self, a: Action, b: Action) -> &'static str {
        let (a, b) = (self.short(a), self.short(b));
        let symbol = |s: &str| s.chars().count() == 1 && !s.chars().all(char::is_alphanumeric);
        if symbol(a) && symbol(b) {
            intern(format!("{a}{b}"))
        } else {
            intern(format!("{a}/{b}"))
        }
    }
}

/// Ctrl+C: always quits, whatever has the focus.
pub fn is_interrupt(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_and_vim_keys_both_move() {
        let keys = Keymap::default();
        assert!(keys.is(&key(KeyCode::Right), Action::Next));
        assert!(keys.is(&ch('l'), Action::Next));
        assert!(keys.is(&key(KeyCode::Left), Action::Prev));
        assert!(keys.is(&ch('h'), Action::Prev));
        assert!(keys.is(&ch('j'), Action::Down));
        assert!(keys.is(&ch('k'), Action::Up));
    }

    #[test]
    fn every_action_has_a_key_and_a_description() {
        for b in Keymap::default().bindings {
            assert!(
                !b.keys.is_empty() && !b.label.is_empty() && !b.doc.is_empty(),
                "{:?}",
                b.action
            );
        }
    }

    #[test]
    fn labels_are_computed_from_the_keys() {
        let keys = Keymap::default();
        assert_eq!(keys.label(Action::Next), "→ l Space");
        assert_eq!(keys.label(Action::PageDown), "PgDn");
        assert_eq!(keys.label(Action::Type), "i :");
        assert_eq!(keys.label(Action::Back), "Esc");
    }

    #[test]
    fn short_hints_show_the_first_key_and_follow_a_remap() {
        let mut keys = Keymap::default();
        assert_eq!(keys.short(Action::Next), "→");
        assert_eq!(keys.pair(Action::Up, Action::Down), "↑↓");
        keys.rebind(Action::Up, vec![ch('w')]);
        keys.rebind(Action::Down, vec![ch('s'), key(KeyCode::Down)]);
        assert_eq!(keys.pair(Action::Up, Action::Down), "w/s");
    }

    #[test]
    fn a_remapped_action_shows_its_new_keys() {
        let mut keys = Keymap::default();
        keys.rebind(
            Action::Next,
            vec![
                key(KeyCode::F(5)),
                KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
            ],
        );
        assert_eq!(keys.label(Action::Next), "F5 Ctrl+n");
        assert!(keys.is(&key(KeyCode::F(5)), Action::Next));
        assert!(!keys.is(&ch('l'), Action::Next));
        assert_eq!(
            keys.binding(Action::Next).unwrap().doc,
            "next step / move right"
        );
    }

    #[test]
    fn shift_arrows_move_an_item_and_plain_arrows_move_the_selection() {
        let keys = Keymap::default();
        assert_eq!(keys.actions(&shift(KeyCode::Up)), vec![Action::MoveUp]);
        assert_eq!(keys.actions(&key(KeyCode::Up)), vec![Action::Up]);
        assert_eq!(keys.actions(&shift(KeyCode::Down)), vec![Action::MoveDown]);
        let upper_k = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT);
        assert_eq!(keys.actions(&upper_k), vec![Action::MoveUp]);
        assert_eq!(keys.actions(&ch('k')), vec![Action::Up]);
    }

    #[test]
    fn ctrl_c_is_an_interrupt_and_plain_c_is_not() {
        assert!(is_interrupt(&KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL
        )));
        assert!(!is_interrupt(&ch('c')));
    }
}
