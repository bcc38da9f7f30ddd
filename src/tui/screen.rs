//! What every screen implements, and the context it is handed: the content, the learner's
//! progress, the theme and keys. Screens own their state; the app owns the stack of screens.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;

use crate::content::Content;
use crate::progress::{Progress, Store};

use super::keys::{Action, Keymap};
use super::theme::Theme;

/// Shared state a screen may read and change.
pub struct Ctx<'a> {
    pub content: &'a Content,
    pub progress: &'a mut Progress,
    pub store: Option<&'a Store>,
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
    /// A one-line message for the footer (a save that failed, a warning at start).
    pub flash: &'a mut Option<String>,
    /// Whether the tour publishes its step for `cqrs-catalog notes` in a second terminal: on
    /// in the real app, off where screens are drawn for tests.
    pub publish_notes: bool,
    /// The config's quiz seed: every quiz opened in the app shuffles its choices with it, so a
    /// whole class sees the same order. `None` shuffles afresh each time.
    pub quiz_seed: Option<u64>,
}

impl Ctx<'_> {
    /// Tells a `notes` follower which step is on screen; a failure is a footer message.
    pub fn publish(&mut self, state: &crate::classroom::notes::PresenterState) {
        if self.publish_notes
            && let Err(e) = crate::classroom::notes::publish(state)
        {
            *self.flash = Some(format!("could not publish speaker notes: {e:#}"));
        }
    }

    /// Removes the published step when the tour is left (see `publish`); a failure is a
    /// footer message too.
    pub fn clear_notes(&mut self) {
        if self.publish_notes
            && let Err(e) = crate::classroom::notes::clear()
        {
            *self.flash = Some(format!("could not clear the speaker notes: {e:#}"));
        }
    }

    /// Saves progress; a failure is shown in the footer, never fatal: the learner can go on.
    pub fn save(&mut self) {
        if let Some(store) = self.store
            && let Err(e) = store.save(self.progress)
        {
            *self.flash = Some(format!("could not save progress: {e:#}"));
        }
    }
}

/// What a screen asks the app to do after a key.
pub enum Transition {
    Stay,
    /// Close this screen and return to the one below (the home screen closes the app).
    Back,
    Push(Box<dyn Screen>),
    Quit,
}

/// A key and what it does, for the footer.
pub type Hint = (&'static str, &'static str);

/// Keys and what they do, for the help overlay: fixed text but where a screen words a row
/// from a figure.
pub type HelpRow = (String, Cow<'static, str>);

/// One thing a key does where a screen is now. A screen lists these once (`commands`), and
/// its footer and help are both read from that list, so neither shows a key the screen
/// would not act on, and a remapped key shows the same in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The key as the footer shows it: the first of its keys.
    pub short: &'static str,
    /// The keys as help shows them: all of them.
    pub keys: String,
    /// The footer's few words; `None` keeps the command to the help overlay.
    pub hint: Option<&'static str>,
    /// What it does, for help: fixed text, as every screen words its commands.
    pub doc: &'static str,
}

impl Command {
    /// A command bound to an action in the keymap (so a remapped key shows here too).
    pub fn bound(
        keys: &Keymap,
        action: Action,
        hint: Option<&'static str>,
        doc: &'static str,
    ) -> Self {
        Command {
            short: keys.short(action),
            keys: keys.label(action).to_string(),
            hint,
            doc,
        }
    }

    /// Keys that are not in the keymap: typed letters, Enter at a prompt, Ctrl+C.
    pub fn fixed(label: &'static str, hint: Option<&'static str>, doc: &'static str) -> Self {
        Command {
            short: label,
            keys: label.to_string(),
            hint,
            doc,
        }
    }
}

impl Command {
    /// The arrows and page keys scrolling the panel in focus, with `hint` for the footer.
    pub fn scroll(keys: &Keymap, hint: Option<&'static str>) -> Self {
        Command {
            short: keys.pair(Action::Up, Action::Down),
            keys: format!(
                "{} {} {} {}",
                keys.short(Action::Up),
                keys.short(Action::Down),
                keys.short(Action::PageUp),
                keys.short(Action::PageDown)
            ),
            hint,
            doc: "scroll the panel in focus",
        }
    }
}

/// The footer's hints from a screen's commands, in their order.
pub fn footer_of(commands: &[Command]) -> Vec<Hint> {
    commands
        .iter()
        .filter_map(|c| c.hint.map(|h| (c.short, h)))
        .collect()
}

/// The help overlay's rows from a screen's commands.
pub fn help_of(commands: &[Command]) -> Vec<HelpRow> {
    commands
        .iter()
        .map(|c| (c.keys.clone(), Cow::Borrowed(c.doc)))
        .collect()
}

pub trait Screen {
    /// Shown in the help overlay's title.
    fn title(&self) -> String;

    /// Draws into `area` (the whole screen less the footer).
    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx);

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition;

    /// A click or a turn of the wheel, when the mouse is captured (`--mouse`).
    fn on_mouse(&mut self, _event: MouseEvent, _ctx: &mut Ctx) -> Transition {
        Transition::Stay
    }

    /// Pasted text (bracketed paste): a screen with a prompt puts it there at once; others
    /// ignore it, so pasted letters are never taken as keys.
    fn on_paste(&mut self, _text: &str, _ctx: &mut Ctx) -> Transition {
        Transition::Stay
    }

    /// What the keys do here now, declared once: the footer and help are read from it.
    fn commands(&self, _ctx: &Ctx) -> Vec<Command> {
        Vec::new()
    }

    /// The most useful keys here, for the footer (help and quit are added by the app).
    fn footer(&self, ctx: &Ctx) -> Vec<Hint> {
        footer_of(&self.commands(ctx))
    }

    /// Keys particular to this screen, for the help overlay: (keys, what they do).
    fn help(&self, ctx: &Ctx) -> Vec<HelpRow> {
        help_of(&self.commands(ctx))
    }

    /// True while the learner types text: `q` and `?` then go to the text.
    fn typing(&self) -> bool {
        false
    }

    /// True while something moves by itself (an animation, autoplay, a simulation): the app
    /// then wakes up on a timer instead of blocking on input.
    fn animating(&self) -> bool {
        false
    }

    /// Called when the screen comes to the top: opened, or returned to from one above it.
    fn shown(&mut self, _ctx: &mut Ctx) {}

    /// Called on each timer wake-up while `animating`.
    fn on_timer(&mut self, _ctx: &mut Ctx) {}

    /// True while the screen wants the whole terminal to itself, footer and all (a presenter
    /// blanking the projector).
    fn bare(&self) -> bool {
        false
    }

    /// True for the home screen, the one leaving which ends the app.
    fn is_home(&self) -> bool {
        false
    }

    /// The smallest area the screen can be drawn in.
    fn min_size(&self) -> (u16, u16) {
        (60, 16)
    }
}
