//! The app: a stack of screens, the help overlay, and the loop that draws, then blocks on the
//! next input (or wakes on a timer only while something animates), so idle costs no CPU.

use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use ratatui::layout::{Constraint, Layout};
use ratatui::{DefaultTerminal, Frame};

use crate::content::Content;
use crate::progress::{Progress, Store};

use super::help;
use super::input::Input;
use super::keys::{Action, Keymap, is_interrupt};
use super::screen::{Ctx, Hint, Screen, Transition};
use super::theme::Theme;
use super::widgets::footer::Footer;
use super::widgets::text::Scroll;
use super::widgets::too_small::TooSmall;

/// How often an animating screen is woken.
const FRAME: Duration = Duration::from_millis(50);

pub struct App {
    stack: Vec<Box<dyn Screen>>,
    pub content: Content,
    pub progress: Progress,
    pub store: Option<Store>,
    pub theme: Theme,
    pub keys: Keymap,
    /// Publish the tour's step for `cqrs-catalog notes` (see `Ctx::publish_notes`).
    pub publish_notes: bool,
    /// Capture the mouse (clicks and the wheel); off unless asked for, since capture stops the
    /// terminal from selecting text.
    pub mouse: bool,
    /// The config's quiz seed (see `Ctx::quiz_seed`).
    pub quiz_seed: Option<u64>,
    help_open: bool,
    /// Where the help overlay is scrolled to (it scrolls when taller than the screen).
    help_scroll: Scroll,
    flash: Option<String>,
    quit: bool,
    /// The last frame was too small for the screen: it showed only the size it needs.
    too_small: bool,
}

impl App {
    pub fn new(
        first: Box<dyn Screen>,
        content: Content,
        progress: Progress,
        store: Option<Store>,
        theme: Theme,
    ) -> Self {
        App {
            stack: vec![first],
            content,
            progress,
            store,
            theme,
            keys: Keymap::default(),
            publish_notes: false,
            mouse: false,
            quiz_seed: None,
            help_open: false,
            help_scroll: Scroll::top(),
            flash: None,
            quit: false,
            too_small: false,
        }
    }

    /// Shows a message in the footer until the next key.
    pub fn flash(&mut self, message: String) {
        self.flash = Some(message);
    }

    pub fn should_quit(&self) -> bool {
        self.quit || self.stack.is_empty()
    }

    /// Runs `f` with the top screen and a context borrowed from the app.
    fn with_top<R>(&mut self, f: impl FnOnce(&mut dyn Screen, &mut Ctx) -> R) -> Option<R> {
        let screen = self.stack.last_mut()?;
        let mut ctx = Ctx {
            content: &self.content,
            progress: &mut self.progress,
            store: self.store.as_ref(),
            theme: &self.theme,
            keys: &self.keys,
            flash: &mut self.flash,
            publish_notes: self.publish_notes,
            quiz_seed: self.quiz_seed,
        };
        Some(f(screen.as_mut(), &mut ctx))
    }

    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        // The theme's ink and paper under everything: its contrast was computed against them.
        frame.buffer_mut().set_style(area, self.theme.base);
        let Some(need) = self.stack.last().map(|s| s.min_size()) else {
            return;
        };
        if self.stack.last().is_some_and(|s| s.bare()) {
            self.too_small = false;
            return;
        }
        self.too_small = area.width < need.0 || area.height < need.1;
        if self.too_small {
            frame.render_widget(
                &TooSmall {
                    need,
                    theme: &self.theme,
                },
                area,
            );
            return;
        }
        let [body, foot] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let help_open = self.help_open;
        let mut scroll = self.help_scroll;
        let help_scroll = &mut scroll;
        self.with_top(|screen, ctx| {
            screen.draw(frame, body, ctx);
            let mut hints: Vec<Hint> = screen.footer(ctx);
            let typing = screen.typing();
            if typing {
                hints.push(("Ctrl+C", "quit"));
            } else {
                hints.push((ctx.keys.label(Action::Help), "help"));
                hints.push((ctx.keys.label(Action::Quit), "quit"));
            }
            let footer = Footer {
                hints: &hints,
                keep_last: if typing { 1 } else { 2 },
                flash: ctx.flash.as_deref(),
                theme: ctx.theme,
            };
            frame.render_widget(&footer, foot);
            if help_open {
                let lines = help::lines(&screen.title(), &screen.help(ctx), ctx.keys, ctx.theme);
                help::draw(frame, body, lines, help_scroll, ctx.theme);
            }
        });
        self.help_scroll = scroll;
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if is_interrupt(&key) {
            self.quit = true;
            return;
        }
        self.flash = None;
        if self.too_small {
            // The screen is hidden: a key meant for it would act unseen (typing `acquire`
            // quit at the `q` once). Only Ctrl+C acts here; letters typed at a prompt are
            // kept for it, and everything else waits for a terminal large enough.
            let typing = self.stack.last().is_some_and(|s| s.typing());
            let text = matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace)
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if typing && text {
                self.with_top(|screen, ctx| screen.handle_key(key, ctx));
            }
            return;
        }
        let typing = self.stack.last().is_some_and(|s| s.typing());
        if self.help_open {
            let is = |a: Action| self.keys.is(&key, a);
            if is(Action::Help) || is(Action::Back) || is(Action::Quit) {
                self.help_open = false;
            } else if is(Action::Down) {
                self.help_scroll.down(1);
            } else if is(Action::Up) {
                self.help_scroll.up(1);
            } else if is(Action::PageDown) {
                self.help_scroll.down(8);
            } else if is(Action::PageUp) {
                self.help_scroll.up(8);
            }
            return;
        }
        if !typing {
            if self.keys.is(&key, Action::Help) {
                self.help_open = true;
                self.help_scroll = Scroll::top();
                return;
            }
            if self.keys.is(&key, Action::Quit) {
                self.quit = true;
                return;
            }
        }
        let transition = self
            .with_top(|screen, ctx| screen.handle_key(key, ctx))
            .unwrap_or(Transition::Quit);
        self.apply(transition);
    }

    /// Carries out what a screen asked for, and tells the screen that comes to the top.
    fn apply(&mut self, transition: Transition) {
        match transition {
            Transition::Stay => return,
            Transition::Back => {
                // Leaving a screen the app was opened on (`sandbox`, `quiz ID`, `tour`) goes
                // home, not out: only the home screen's Back, q and Ctrl+C end the app.
                if self.stack.pop().is_some_and(|s| !s.is_home()) && self.stack.is_empty() {
                    self.stack.push(Box::new(super::home::Home::new()));
                }
            }
            Transition::Push(screen) => self.stack.push(screen),
            Transition::Quit => self.quit = true,
        }
        self.with_top(|screen, ctx| screen.shown(ctx));
    }

    /// A paste: one event, so it lands at a prompt at once; a screen without a prompt
    /// ignores it (a pasted `q` must not quit).
    pub fn on_paste(&mut self, text: &str) {
        if self.help_open || self.too_small {
            return;
        }
        self.flash = None;
        if let Some(transition) = self.with_top(|screen, ctx| screen.on_paste(text, ctx)) {
            self.apply(transition);
        }
    }

    /// One event from the terminal.
    pub fn on_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            Event::Mouse(mouse) => self.on_mouse(mouse),
            Event::Paste(text) => self.on_paste(&text),
            // Resize and anything else: the loop redraws at the new size.
            _ => {}
        }
    }

    pub fn on_mouse(&mut self, event: MouseEvent) {
        if self.help_open {
            return;
        }
        if let Some(transition) = self.with_top(|screen, ctx| screen.on_mouse(event, ctx)) {
            self.apply(transition);
        }
    }

    /// Whether the loop wakes on a timer (something moves by itself) instead of blocking on
    /// the next input.
    pub fn animating(&self) -> bool {
        self.stack.last().is_some_and(|s| s.animating())
    }

    pub fn on_timer(&mut self) {
        self.with_top(|screen, ctx| screen.on_timer(ctx));
    }

    /// Draws, then waits for input: blocking when nothing moves, polling while it does. All
    /// the events one read brought are handled before the next frame, so a paste or a burst
    /// of keys costs one frame, and a Ctrl+C among them is not queued behind the drawing.
    pub fn run(&mut self, terminal: &mut DefaultTerminal, input: &mut Input) -> Result<()> {
        self.with_top(|screen, ctx| screen.shown(ctx));
        while !self.should_quit() {
            terminal.draw(|frame| self.draw(frame))?;
            let events = input.read(self.animating().then_some(FRAME))?;
            if events.is_empty() {
                self.on_timer();
            }
            for event in events {
                self.on_event(event);
                if self.should_quit() {
                    break;
                }
            }
        }
        if self.publish_notes {
            // A follower should not go on showing the notes of a talk that has ended.
            let _ = crate::classroom::notes::clear();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::home::Home;
    use crate::tui::theme::ThemeName;
    use ratatui::crossterm::event::KeyCode;
    use ratatui::layout::Rect;

    /// A screen that leaves on any key, as `tour`, `quiz ID` and `sandbox` do on Esc.
    struct Leaves;

    impl Screen for Leaves {
        fn title(&self) -> String {
            "a test screen".into()
        }
        fn draw(&mut self, _: &mut Frame, _: Rect, _: &Ctx) {}
        fn handle_key(&mut self, _: KeyEvent, _: &mut Ctx) -> Transition {
            Transition::Back
        }
        fn footer(&self, _: &Ctx) -> Vec<Hint> {
            Vec::new()
        }
    }

    fn app(first: Box<dyn Screen>) -> App {
        let content = Content::load(None, None).unwrap().0;
        App::new(
            first,
            content,
            Progress::default(),
            None,
            Theme::new(ThemeName::Mono),
        )
    }

    fn esc(app: &mut App) {
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }

    #[test]
    fn leaving_the_screen_the_app_was_opened_on_goes_home_and_leaving_home_quits() {
        let mut app = app(Box::new(Leaves));
        esc(&mut app);
        assert!(!app.should_quit());
        assert!(app.stack.last().is_some_and(|s| s.is_home()));
        esc(&mut app);
        assert!(app.should_quit());
        let mut home = app_at_home();
        esc(&mut home);
        assert!(home.should_quit());
    }

    fn app_at_home() -> App {
        app(Box::new(Home::new()))
    }
}
