//! The sandbox: the tour's panels with a command prompt instead of narration. Any command of
//! the language runs through the same session as everywhere; `[` and `]` step the view back
//! through the event log to show each catalog as it was.

mod draw;
mod history;
mod kept;
pub mod meta;

use std::path::Path;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::content::Content;
use crate::model::language::ParseError;
use crate::model::{Delivery, Outcome, Session};
use crate::tui::keys::{Action, intern};
use crate::tui::line_input::{Edit, LineInput};
use crate::tui::screen::{Command, Ctx, Screen, Transition};
use crate::tui::widgets::prompt::candidates;
use crate::tui::widgets::text::Scroll;
use crate::words::plural_s;

use history::History;
use kept::Kept;
use meta::Meta;

/// Outcomes kept on screen; older ones scroll away for good.
const KEEP_OUTCOMES: usize = 200;

/// What the commands panel says before anything has run: an invitation with a first few
/// commands, since a blank prompt teaches nothing.
pub const EMPTY: [&str; 6] = [
    "Nothing yet. Type a command below, for example:",
    "  acquire b1 \"Dune\" by \"Frank Herbert\"",
    "  catalog b1",
    "  tick",
    "  find titles \"Dune\"",
    "`help` shows the whole language; Tab completes what you type.",
];

/// The panels that can hold the focus when the prompt does not.
pub use crate::tui::widgets::model_panels::ModelPanel as Focus;

pub use crate::tui::line_input::Completion;

/// One command of the session and what it came to: the commands panel lists these.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The line as typed (or, replayed, as the language writes the command).
    pub input: String,
    pub outcome: Outcome,
    /// The log head before it ran: the events after it are its own.
    pub head_before: u64,
    /// Replayed from a lesson, a file or the last run rather than typed here.
    pub replayed: bool,
}

/// A session with what each of its commands came to: the one record of what happened, from
/// which the panels derive the rest (what is new, what was filed, which catalog to show).
/// `entries` parallels the session's history, one entry per command.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    pub session: Session,
    pub entries: Vec<Entry>,
    /// Where the replayed entries came from ("the lesson", a file, "last time").
    pub from: Option<String>,
    /// The lesson the session started from, for the title.
    pub origin: Option<String>,
}

impl Record {
    /// A session's whole history replayed from an empty library, every entry marked
    /// replayed from `from`.
    fn replayed(session: Session, from: &str, origin: Option<String>) -> Record {
        let mut replay = Session::new();
        let entries: Vec<Entry> = session
            .history()
            .iter()
            .filter_map(|c| {
                let head_before = replay.library().head();
                let outcome = replay.execute(c).ok()?;
                Some(Entry {
                    input: c.to_string(),
                    outcome,
                    head_before,
                    replayed: true,
                })
            })
            .collect();
        let from = (!entries.is_empty()).then(|| from.to_string());
        Record {
            session,
            entries,
            from,
            origin,
        }
    }
}

pub struct Sandbox {
    pub(crate) record: Record,
    /// The newest entry was just run (not undone to, not replayed): its new events, filings
    /// and catalog are marked on screen.
    pub(crate) fresh: bool,
    /// The session a `reset` or a `load` replaced, for `undo` to bring back.
    replaced: Option<Box<Record>>,
    pub(crate) input: LineInput,
    /// The last line that did not run, and why: drawn with a caret under the column.
    pub(crate) error: Option<(String, ParseError)>,
    /// A line of feedback from the sandbox itself (saved, loaded, undone...).
    pub(crate) notice: Vec<String>,
    /// Viewing the past: the sequence number shown, and the session as it stood then.
    pub(crate) past: Option<(u64, Session)>,
    pub(crate) completion: Option<Completion>,
    /// The commands panel shows the language's reference (after `help`) until the next line.
    pub(crate) showing_help: bool,
    pub(crate) typing: bool,
    pub(crate) focus: Focus,
    pub(crate) scroll: [Scroll; 4],
    history: History,
    kept: Kept,
}

impl Sandbox {
    /// The sandbox as the last run left it (kept in `data_dir`), else an empty library; the
    /// prompt's history from there too.
    pub fn new(data_dir: Option<&Path>) -> Sandbox {
        let kept = Kept::in_dir(data_dir);
        let (record, notice) = match kept.restore() {
            Ok(Some(session)) => {
                let n = session.history().len();
                let record = Record::replayed(session, "last time", None);
                let notice = format!(
                    "restored your last session: {n} command{} (reset starts empty)",
                    plural_s(n)
                );
                (record, vec![notice])
            }
            Ok(None) => (Record::default(), Vec::new()),
            Err(unrestorable) => (Record::default(), vec![unrestorable.to_string()]),
        };
        let mut sandbox = Sandbox::with_record(record, data_dir);
        sandbox.notice = notice;
        sandbox
    }

    /// The library as a lesson leaves it: its commands are the session's history, so `undo`
    /// steps back through them too. A session kept from an earlier run is copied aside first.
    pub fn from_lesson(
        content: &Content,
        lesson_id: &str,
        data_dir: Option<&Path>,
    ) -> Option<Sandbox> {
        let lesson = content.lesson(lesson_id)?;
        let (session, _) = lesson.replay(lesson.steps.len().saturating_sub(1));
        let record = Record::replayed(session, "the lesson", Some(lesson.title.clone()));
        let mut sandbox = Sandbox::with_record(record, data_dir);
        if let Ok(Some(earlier)) = sandbox.kept.restore()
            && let Ok(Some(aside)) = sandbox.kept.set_aside(&earlier, "before-lesson")
        {
            sandbox.notice.push(format!(
                "your last session is kept in {}: `load` it to go back",
                aside.display()
            ));
        }
        sandbox.keep();
        Some(sandbox)
    }

    fn with_record(record: Record, data_dir: Option<&Path>) -> Sandbox {
        let history = History::in_dir(data_dir);
        let mut input = LineInput::new();
        input.set_history(history.load());
        Sandbox {
            record,
            fresh: false,
            replaced: None,
            input,
            error: None,
            notice: Vec::new(),
            past: None,
            completion: None,
            showing_help: false,
            typing: true,
            focus: Focus::Commands,
            scroll: [
                Scroll::bottom(),
                Scroll::top(),
                Scroll::bottom(),
                Scroll::top(),
            ],
            history,
            kept: Kept::in_dir(data_dir),
        }
    }

    /// Writes the session to the data folder; a failure is said, never fatal.
    fn keep(&mut self) {
        if let Err(e) = self.kept.save(&self.record.session) {
            self.notice
                .push(format!("could not keep the session for next time: {e:#}"));
        }
    }

    /// The entries the commands panel lists: the newest `KEEP_OUTCOMES`.
    pub(crate) fn ran(&self) -> &[Entry] {
        let entries = &self.record.entries;
        &entries[entries.len().saturating_sub(KEEP_OUTCOMES)..]
    }

    /// How many of the listed entries were replayed, and from where.
    pub(crate) fn replayed(&self) -> Option<(usize, &str)> {
        let n = self.ran().iter().filter(|e| e.replayed).count();
        let from = self.record.from.as_deref()?;
        (n > 0).then_some((n, from))
    }

    /// The log head before the newest command: later events are marked as new.
    pub(crate) fn since(&self) -> u64 {
        match self.record.entries.last() {
            Some(e) if self.fresh => e.head_before,
            _ => self.record.session.library().head(),
        }
    }

    /// What the newest command filed into the catalogs.
    pub(crate) fn filed(&self) -> &[Delivery] {
        match self.record.entries.last() {
            Some(e) if self.fresh => e.outcome.delivered(),
            _ => &[],
        }
    }

    /// The catalog the newest command that named one named: the catalogs panel brings it
    /// into view, until an undo, a reset or a load.
    pub(crate) fn spotlight(&self) -> Option<&str> {
        if !self.fresh {
            return None;
        }
        // Only the learner's own commands: a replayed one was not asked for here.
        let history = self.record.session.history();
        self.record
            .entries
            .iter()
            .zip(history)
            .rev()
            .take_while(|(e, _)| !e.replayed)
            .find_map(|(_, c)| c.catalog())
    }

    /// The session the prompt acts on (now, whatever moment is being viewed).
    pub fn session(&self) -> &Session {
        &self.record.session
    }

    /// The title of the commands panel: whose commands it lists.
    pub(crate) fn commands_title(&self) -> String {
        match self.replayed() {
            Some((n, from)) => format!("Commands · {n} from {from}"),
            _ => "Your commands".to_string(),
        }
    }

    /// Runs one line typed at the prompt: a sandbox word or a command of the language.
    pub fn submit(&mut self, text: &str) {
        self.error = None;
        self.notice.clear();
        self.completion = None;
        self.showing_help = false;
        if text.trim().is_empty() {
            return;
        }
        if let Err(e) = self.history.append(text.trim()) {
            self.notice
                .push(format!("could not keep the prompt's history: {e}"));
        }
        match meta::parse(text) {
            Some(Ok(m)) => {
                if !self.meta(m) {
                    // A file that could not be read or written: the line stays to be fixed.
                    self.input.keep_failed(text);
                }
            }
            Some(Err(refused)) => {
                self.notice.push(refused.to_string());
                self.input.keep_failed(text);
            }
            None => {
                if let Some((seq, _)) = self.past.take() {
                    // A command acts on the present: never on a moment being looked at. The
                    // first Enter brings the present back into view; the line waits for a
                    // second one.
                    self.notice.push(format!(
                        "Not run: you were viewing #{seq}, the past. Back to now (#{}): press Enter again to run it.",
                        self.session().library().head()
                    ));
                    self.input.set(text);
                    self.follow();
                } else {
                    self.run(text);
                }
            }
        }
    }

    fn run(&mut self, text: &str) {
        let head_before = self.session().library().head();
        match self.record.session.execute_line(text, 1) {
            Ok(None) => {}
            Ok(Some(outcome)) => {
                self.record.entries.push(Entry {
                    input: text.trim().to_string(),
                    outcome,
                    head_before,
                    replayed: false,
                });
                self.fresh = true;
                self.keep();
                self.follow();
            }
            Err(e) => {
                self.error = Some((text.to_string(), e));
                // The line stays at the prompt to be corrected where the caret points,
                // selected: typing a new line replaces it.
                self.input.keep_failed(text);
            }
        }
    }

    /// Takes back the newest command; with none left since a reset or a load, brings back
    /// the session that replaced.
    fn undo(&mut self) {
        if self.past.take().is_some() {
            self.notice.push("back to now first.".to_string());
        }
        self.fresh = false;
        if let Some(command) = self.record.session.undo() {
            self.record.entries.pop();
            self.notice.push(format!(
                "undid `{command}`: the rest was replayed from an empty library (log head #{})",
                self.session().library().head()
            ));
        } else if let Some(before) = self.replaced.take() {
            self.record = *before;
            let n = self.record.entries.len();
            self.notice.push(format!(
                "back to the session before: {n} command{}, log head #{}",
                plural_s(n),
                self.session().library().head()
            ));
        } else {
            self.notice.push("nothing to undo".to_string());
            return;
        }
        self.keep();
    }

    /// Puts `record` in place of the session, which `undo` can bring back (and, should the
    /// app end first, a copy in the data folder can).
    fn replace(&mut self, record: Record, why: &str) {
        let old = std::mem::replace(&mut self.record, record);
        self.fresh = false;
        self.past = None;
        if !old.entries.is_empty() {
            if let Ok(Some(aside)) = self.kept.set_aside(&old.session, why) {
                self.notice.push(format!(
                    "`undo` brings the session before back; a copy is in {}",
                    aside.display()
                ));
            }
            self.replaced = Some(Box::new(old));
        }
        self.keep();
    }

    /// Does what a sandbox word says; false when it could not (a file that failed).
    fn meta(&mut self, m: Meta) -> bool {
        match m {
            Meta::Undo => self.undo(),
            Meta::Reset => {
                self.notice
                    .push("an empty library: no books, no events, four empty catalogs".to_string());
                self.replace(Record::default(), "before-reset");
            }
            Meta::Save(file, replace) => match meta::save(self.session(), &file, replace) {
                Ok(message) => self.notice.push(message),
                Err(failed) => {
                    self.notice.push(failed.to_string());
                    return false;
                }
            },
            Meta::Load(file) => match meta::load(&meta::expand(&file)) {
                Ok(session) => {
                    let n = session.history().len();
                    self.notice.push(format!(
                        "loaded {file}: replayed {n} command{}; undo takes them back one by one",
                        plural_s(n)
                    ));
                    self.replace(Record::replayed(session, &file, None), "before-load");
                }
                Err(failed) => {
                    self.notice.push(failed.to_string());
                    return false;
                }
            },
            Meta::Now => {
                self.past = None;
                self.notice.push(format!(
                    "back to now: log head #{}",
                    self.session().library().head()
                ));
            }
            Meta::Help => {
                self.showing_help = true;
                self.scroll[Focus::Commands.index()] = Scroll::top();
                self.notice.push(
                    "The language is shown above (PgUp PgDn scroll it); the next line closes it."
                        .to_string(),
                );
                return true;
            }
        }
        self.follow();
        true
    }

    /// After something changed, panels that follow the newest show it, and the catalogs the
    /// catalog last named.
    fn follow(&mut self) {
        self.scroll[Focus::Commands.index()] = Scroll::bottom();
        self.scroll[Focus::Log.index()] = Scroll::bottom();
        self.scroll[Focus::Catalogs.index()] = Scroll {
            follow: true,
            ..Scroll::top()
        };
    }

    /// Steps the view through time: `earlier` one event back, else one forward; reaching the
    /// head returns to now.
    pub fn scrub(&mut self, earlier: bool) {
        let head = self.session().library().head();
        let at = self.past.as_ref().map_or(head, |(seq, _)| *seq);
        let to = if earlier {
            at.saturating_sub(1)
        } else {
            (at + 1).min(head)
        };
        if to >= head {
            if self.past.take().is_some() {
                self.notice = vec![format!("back to now: log head #{head}")];
            }
        } else if self.past.as_ref().is_none_or(|(seq, _)| *seq != to) {
            self.past = Some((to, self.session().as_of(to)));
            self.notice.clear();
        }
        self.scroll[Focus::Log.index()] = Scroll::bottom();
    }

    /// The session the panels show: the past while scrubbing, else now.
    pub(crate) fn shown(&self) -> &Session {
        self.past.as_ref().map_or(&self.record.session, |(_, s)| s)
    }

    /// Tab (`forward`) or Shift+Tab: completes the word being typed from commands, catalogs,
    /// books, patrons and the sandbox's words; pressed again, cycles through the candidates.
    fn complete(&mut self, forward: bool) {
        let found = candidates(
            &self.input.before_cursor(),
            &self.session().names(),
            &meta::WORDS,
        );
        self.input.tab(&mut self.completion, forward, found);
    }

    fn typing_key(&mut self, key: KeyEvent, ctx: &Ctx) {
        match key.code {
            KeyCode::Tab => return self.complete(true),
            KeyCode::BackTab => return self.complete(false),
            _ => {}
        }
        self.completion = None;
        match key.code {
            KeyCode::PageUp => return self.scroll[Focus::Commands.index()].up(5),
            KeyCode::PageDown => return self.scroll[Focus::Commands.index()].down(5),
            _ => {}
        }
        // `[` and `]` belong to no command: at an empty prompt they step through time, so
        // the scrubber needs no trip out of the prompt.
        if self.input.is_empty() {
            if ctx.keys.is(&key, Action::Earlier) {
                return self.scrub(true);
            }
            if ctx.keys.is(&key, Action::Later) {
                return self.scrub(false);
            }
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
            self.typing_key(key, ctx);
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
        } else if is(Action::FocusNext) || is(Action::FocusPrev) {
            let n = Focus::ALL.len();
            let step = if is(Action::FocusPrev) { n - 1 } else { 1 };
            self.focus = Focus::ALL[(self.focus.index() + step) % n];
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
                self.notice.clear();
                self.meta(Meta::Now);
            } else {
                return Transition::Back;
            }
        }
        Transition::Stay
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Command> {
        let k = ctx.keys;
        if self.typing {
            let mut list = vec![
                Command::fixed(
                    "Enter",
                    Some("run"),
                    "run the line (any command of the language)",
                ),
                Command::fixed(
                    "Tab",
                    Some("complete"),
                    "complete; again: the next candidate (Shift+Tab: back)",
                ),
                Command::fixed("↑↓", Some("history"), "earlier lines (kept across runs)"),
            ];
            let empty = self.input.is_empty() && self.session().library().head() > 0;
            list.push(Command {
                short: intern(format!(
                    "{} {}",
                    k.short(Action::Earlier),
                    k.short(Action::Later)
                )),
                keys: format!("{} {}", k.label(Action::Earlier), k.label(Action::Later)),
                hint: empty.then_some("time"),
                doc: "step through the log's past (at an empty prompt too)",
            });
            list.push(Command::bound(
                k,
                Action::Back,
                Some("leave prompt"),
                "leave the prompt; again: back to now, then home",
            ));
            list.extend(words());
            return list;
        }
        let back = if self.past.is_some() { "now" } else { "home" };
        let mut list = vec![
            Command::bound(k, Action::Type, Some("type"), "back to the prompt"),
            Command::bound(
                k,
                Action::Earlier,
                Some("earlier"),
                "view the log one event earlier",
            ),
            Command::bound(
                k,
                Action::Later,
                Some("later"),
                "view one event later, up to now",
            ),
            Command::bound(k, Action::FocusNext, Some("focus"), "focus the next panel"),
            Command::bound(k, Action::FocusPrev, None, "focus the previous panel"),
            Command::scroll(k, Some("scroll")),
            Command::bound(k, Action::Back, Some(back), "back to now; then home"),
        ];
        list.extend(words());
        list
    }

    fn on_mouse(&mut self, event: MouseEvent, _ctx: &mut Ctx) -> Transition {
        match event.kind {
            MouseEventKind::ScrollUp => self.scroll[self.focus.index()].up(3),
            MouseEventKind::ScrollDown => self.scroll[self.focus.index()].down(3),
            _ => {}
        }
        Transition::Stay
    }

    fn on_paste(&mut self, text: &str, _ctx: &mut Ctx) -> Transition {
        self.typing = true;
        self.completion = None;
        self.notice.clear();
        let pasted = self.input.paste(text);
        if pasted.lines > 1 {
            self.notice.push(format!(
                "pasted {} lines: the first is at the prompt, the prompt runs one line at a time (`load FILE` replays a script)",
                pasted.lines
            ));
        }
        if pasted.cut > 0 {
            self.notice.push(format!(
                "the paste was cut to {} characters, the longest line the prompt holds",
                crate::tui::line_input::LONGEST
            ));
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
    let data_dir = crate::storage::data_dir().ok();
    let data_dir = data_dir.as_deref();
    let Some(id) = from else {
        return Ok(Box::new(Sandbox::new(data_dir)));
    };
    let (index, _) = crate::content::locate::lesson(content, id)?;
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
        progress: |ctx| {
            let data_dir = ctx.store.and_then(|s| s.path.parent());
            match Kept::in_dir(data_dir).commands() {
                0 => "starts empty; `sandbox --from LESSON` starts where a lesson ends".into(),
                1 => "1 command kept from last time".into(),
                n => format!("{n} commands kept from last time"),
            }
        },
        open: |ctx| {
            let data_dir = ctx.store.and_then(|s| s.path.parent());
            Some(Box::new(Sandbox::new(data_dir)))
        },
    }
}

#[cfg(test)]
mod tests;

/// The sandbox's own words at the prompt, for help.
fn words() -> [Command; 3] {
    [
        Command::fixed(
            "undo reset",
            None,
            "take back the last command (a reset too); start empty",
        ),
        Command::fixed(
            "save load",
            None,
            "FILE: write the session as a script; replay one",
        ),
        Command::fixed("now help", None, "leave the past; show the whole language"),
    ]
}
