//! The sandbox: the tour's panels with a command prompt instead of narration. Any command of
//! the language runs through the same session as everywhere; `[` and `]` step the view back
//! through the event log to show each catalog as it was.

mod draw;
mod history;
pub mod meta;

use std::path::Path;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::content::Content;
use crate::model::language::{ParseError, complete};
use crate::model::{Delivery, Outcome, Session};
use crate::tui::keys::Action;
use crate::tui::line_input::{Edit, LineInput};
use crate::tui::screen::{Ctx, Hint, Screen, Transition};
use crate::tui::widgets::text::Scroll;

use history::History;
use meta::Meta;

/// Outcomes kept on screen; older ones scroll away for good.
const KEEP_OUTCOMES: usize = 200;

/// The panels that can hold the focus when the prompt does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Commands,
    Office,
    Log,
    Catalogs,
}

impl Focus {
    const ALL: [Focus; 4] = [Focus::Commands, Focus::Office, Focus::Log, Focus::Catalogs];

    fn index(self) -> usize {
        Focus::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

pub struct Sandbox {
    pub(crate) session: Session,
    pub(crate) input: LineInput,
    /// The last line that did not run, and why: drawn with a caret under the column.
    pub(crate) error: Option<(String, ParseError)>,
    /// A line of feedback from the sandbox itself (saved, loaded, undone...).
    pub(crate) notice: Vec<String>,
    /// What each command typed here came to, oldest first.
    pub(crate) ran: Vec<(String, Outcome)>,
    /// The log head before the last command: later events are marked as new.
    pub(crate) since: u64,
    pub(crate) filed: Vec<Delivery>,
    /// Viewing the past: the sequence number shown, and the session as it stood then.
    pub(crate) past: Option<(u64, Session)>,
    /// Completion candidates offered by the last Tab, shown until the next key.
    pub(crate) candidates: Vec<String>,
    pub(crate) typing: bool,
    pub(crate) focus: Focus,
    pub(crate) scroll: [Scroll; 4],
    /// The lesson the session started from, for the title.
    pub(crate) origin: Option<String>,
    history: History,
}

impl Sandbox {
    /// An empty library, with the prompt's history from `data_dir`.
    pub fn new(data_dir: Option<&Path>) -> Sandbox {
        Sandbox::with_session(Session::new(), None, data_dir)
    }

    /// The library as a lesson leaves it: its commands are the session's history, so `undo`
    /// steps back through them too.
    pub fn from_lesson(
        content: &Content,
        lesson_id: &str,
        data_dir: Option<&Path>,
    ) -> Option<Sandbox> {
        let lesson = content.lesson(lesson_id)?;
        let (session, _) = lesson.replay(lesson.steps.len().saturating_sub(1));
        Some(Sandbox::with_session(
            session,
            Some(lesson.title.clone()),
            data_dir,
        ))
    }

    fn with_session(session: Session, origin: Option<String>, data_dir: Option<&Path>) -> Sandbox {
        let history = History::in_dir(data_dir);
        let mut input = LineInput::new();
        input.set_history(history.load());
        let since = session.library().head();
        Sandbox {
            session,
            input,
            error: None,
            notice: Vec::new(),
            ran: Vec::new(),
            since,
            filed: Vec::new(),
            past: None,
            candidates: Vec::new(),
            typing: true,
            focus: Focus::Commands,
            scroll: [
                Scroll::bottom(),
                Scroll::top(),
                Scroll::bottom(),
                Scroll::top(),
            ],
            origin,
            history,
        }
    }

    /// Runs one line typed at the prompt: a sandbox word or a command of the language.
    pub fn submit(&mut self, text: &str) {
        self.error = None;
        self.notice.clear();
        self.candidates.clear();
        if text.trim().is_empty() {
            return;
        }
        if let Err(e) = self.history.append(text.trim()) {
            self.notice
                .push(format!("could not keep the prompt's history: {e}"));
        }
        match meta::parse(text) {
            Some(Ok(m)) => self.meta(m),
            Some(Err(message)) => self.notice.push(message),
            None if self.past.is_some() => self.notice.push(
                "viewing the past: commands run only at now (type `now` or press ])".to_string(),
            ),
            None => self.run(text),
        }
    }

    fn run(&mut self, text: &str) {
        let before = self.session.library().head();
        match self.session.execute_line(text, 1) {
            Ok(None) => {}
            Ok(Some(outcome)) => {
                self.since = before;
                self.filed = outcome.delivered().to_vec();
                self.ran.push((text.trim().to_string(), outcome));
                if self.ran.len() > KEEP_OUTCOMES {
                    self.ran.remove(0);
                }
                self.follow();
            }
            Err(e) => {
                self.error = Some((text.to_string(), e));
                // The line stays at the prompt to be corrected where the caret points.
                self.input.set(text);
            }
        }
    }

    fn meta(&mut self, m: Meta) {
        match m {
            Meta::Undo => match self.session.undo() {
                Some(command) => {
                    self.since = self.session.library().head();
                    self.filed.clear();
                    self.ran.pop();
                    self.notice.push(format!(
                        "undid `{command}`: the rest was replayed from an empty library"
                    ));
                }
                None => self.notice.push("nothing to undo".to_string()),
            },
            Meta::Reset => {
                self.session = Session::new();
                self.ran.clear();
                self.since = 0;
                self.filed.clear();
                self.past = None;
                self.notice
                    .push("an empty library: no books, no events, four empty catalogs".to_string());
            }
            Meta::Save(file) => match meta::save(&self.session, Path::new(&file)) {
                Ok(message) | Err(message) => self.notice.push(message),
            },
            Meta::Load(file) => match meta::load(Path::new(&file)) {
                Ok(session) => {
                    let n = session.history().len();
                    self.session = session;
                    self.ran.clear();
                    self.since = 0;
                    self.filed.clear();
                    self.past = None;
                    self.notice.push(format!(
                        "loaded {file}: replayed {n} command{}",
                        if n == 1 { "" } else { "s" }
                    ));
                }
                Err(message) => self.notice.push(message),
            },
            Meta::Now => {
                self.past = None;
                self.notice.push("back to now".to_string());
            }
            Meta::Help => self.notice.extend(meta::help_lines()),
        }
        self.follow();
    }

    /// After something changed, panels that follow the newest show it.
    fn follow(&mut self) {
        self.scroll[Focus::Commands.index()] = Scroll::bottom();
        self.scroll[Focus::Log.index()] = Scroll::bottom();
    }

    /// Steps the view through time: `earlier` one event back, else one forward; reaching the
    /// head returns to now.
    pub fn scrub(&mut self, earlier: bool) {
        let head = self.session.library().head();
        let at = self.past.as_ref().map_or(head, |(seq, _)| *seq);
        let to = if earlier {
            at.saturating_sub(1)
        } else {
            (at + 1).min(head)
        };
        if to >= head {
            self.past = None;
        } else if self.past.as_ref().is_none_or(|(seq, _)| *seq != to) {
            self.past = Some((to, self.session.as_of(to)));
        }
        self.scroll[Focus::Log.index()] = Scroll::bottom();
    }

    /// The session the panels show: the past while scrubbing, else now.
    pub(crate) fn shown(&self) -> &Session {
        self.past.as_ref().map_or(&self.session, |(_, s)| s)
    }

    /// Tab: completes the word being typed (commands, catalogs, books, patrons, sandbox words).
    fn complete(&mut self) {
        let before = self.input.before_cursor();
        let (start, mut options) = complete(&before, &self.session.names());
        if before.split_whitespace().count() <= 1 && !before.ends_with(' ') {
            let word = before.trim();
            options.extend(
                meta::WORDS
                    .iter()
                    .filter(|w| w.starts_with(word))
                    .map(|w| w.to_string()),
            );
            options.sort();
            options.dedup();
        }
        // Several fit: show them all until the next key.
        self.candidates = if options.len() > 1 {
            options.clone()
        } else {
            Vec::new()
        };
        self.input.complete(start, &options);
    }

    fn typing_key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Tab {
            self.complete();
            return;
        }
        self.candidates.clear();
        match key.code {
            KeyCode::PageUp => return self.scroll[Focus::Commands.index()].up(5),
            KeyCode::PageDown => return self.scroll[Focus::Commands.index()].down(5),
            _ => {}
        }
        match self.input.handle(key) {
            Edit::Submit(text) => self.submit(&text),
            Edit::Leave => self.typing = false,
            Edit::Changed | Edit::Ignored => {}
        }
    }
}

impl Screen for Sandbox {
    fn title(&self) -> String {
        "the sandbox".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        draw::draw(self, frame, area, ctx);
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        if self.typing {
            self.typing_key(key);
            return Transition::Stay;
        }
        let actions = ctx.keys.actions(&key);
        let is = |a: Action| actions.contains(&a);
        if is(Action::Type) || is(Action::Select) {
            self.typing = true;
        } else if is(Action::Earlier) {
            self.scrub(true);
        } else if is(Action::Later) {
            self.scrub(false);
        } else if is(Action::FocusNext) {
            self.focus = Focus::ALL[(self.focus.index() + 1) % Focus::ALL.len()];
        } else if is(Action::Up) {
            self.scroll[self.focus.index()].up(1);
        } else if is(Action::Down) {
            self.scroll[self.focus.index()].down(1);
        } else if is(Action::PageUp) {
            self.scroll[self.focus.index()].up(10);
        } else if is(Action::PageDown) {
            self.scroll[self.focus.index()].down(10);
        } else if is(Action::Back) {
            if self.past.is_some() {
                self.past = None;
            } else {
                return Transition::Back;
            }
        }
        Transition::Stay
    }

    fn footer(&self, ctx: &Ctx) -> Vec<Hint> {
        if self.typing {
            vec![
                ("Enter", "run"),
                ("Tab", "complete"),
                ("↑↓", "history"),
                ("Esc", "leave the prompt"),
            ]
        } else {
            vec![
                (ctx.keys.label(Action::Type), "type"),
                (ctx.keys.label(Action::Earlier), "earlier"),
                (ctx.keys.label(Action::Later), "later"),
                (ctx.keys.label(Action::FocusNext), "focus"),
                ("↑↓", "scroll"),
                (
                    ctx.keys.label(Action::Back),
                    if self.past.is_some() { "now" } else { "home" },
                ),
            ]
        }
    }

    fn help(&self, ctx: &Ctx) -> Vec<(String, String)> {
        let k = |a: Action| ctx.keys.label(a).to_string();
        vec![
            (
                "Enter".into(),
                "run the command typed (any command of the language)".into(),
            ),
            (
                "Tab".into(),
                "complete a command, catalog, book or patron".into(),
            ),
            ("↑ ↓".into(), "earlier commands (kept across runs)".into()),
            ("Esc".into(), "leave the prompt; Esc again goes home".into()),
            (k(Action::Type), "back to the prompt".into()),
            (
                format!("{} {}", k(Action::Earlier), k(Action::Later)),
                "step the catalogs back and forth through the log".into(),
            ),
            (
                k(Action::FocusNext),
                "focus the next panel, then ↑ ↓ PgUp PgDn scroll it".into(),
            ),
            (
                "undo reset".into(),
                "typed: take back the last command; start empty".into(),
            ),
            (
                "save load".into(),
                "typed with a file: write the session as a script; replay one".into(),
            ),
            (
                "now help".into(),
                "typed: leave the past; list what the prompt takes".into(),
            ),
        ]
    }

    fn on_mouse(&mut self, event: MouseEvent, _ctx: &mut Ctx) -> Transition {
        match event.kind {
            MouseEventKind::ScrollUp => self.scroll[self.focus.index()].up(3),
            MouseEventKind::ScrollDown => self.scroll[self.focus.index()].down(3),
            _ => {}
        }
        Transition::Stay
    }

    fn typing(&self) -> bool {
        self.typing
    }

    fn min_size(&self) -> (u16, u16) {
        (draw::MIN_WIDTH, draw::MIN_HEIGHT)
    }
}

/// `cqrs-catalog sandbox [--from LESSON]`: an unknown lesson is a one-line usage error with
/// the nearest id.
pub fn start(content: &Content, from: Option<&str>) -> anyhow::Result<Box<dyn Screen>> {
    let store = crate::progress::Store::default_location().ok();
    let data_dir = store.as_ref().and_then(|s| s.path.parent());
    let Some(id) = from else {
        return Ok(Box::new(Sandbox::new(data_dir)));
    };
    let (index, _) = crate::content::locate::lesson(content, id)
        .map_err(|m| crate::UsageError(format!("cqrs-catalog: {m}")))?;
    let id = &content.lessons[index].id;
    Ok(Box::new(
        Sandbox::from_lesson(content, id, data_dir).expect("located just now"),
    ))
}

/// The home screen's way in.
pub fn entry() -> crate::tui::home::Entry {
    crate::tui::home::Entry {
        name: "Sandbox",
        what: "type your own commands and watch the model answer",
        progress: |_| "starts empty; `sandbox --from LESSON` starts where a lesson ends".into(),
        open: |ctx| {
            let data_dir = ctx.store.and_then(|s| s.path.parent());
            Some(Box::new(Sandbox::new(data_dir)))
        },
    }
}

#[cfg(test)]
mod tests;
