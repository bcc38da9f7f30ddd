//! The home screen: what the app is, and the ways in (tour, sandbox, quiz, simulator) with the
//! learner's progress on each.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph};

use super::menu::{self, Pick};
use super::screen::{Command, Ctx, Screen, Transition};
use super::widgets::panel::panel;
use super::widgets::text::wrap_all;

/// A way in from the home screen.
pub struct Entry {
    pub name: &'static str,
    pub what: &'static str,
    /// The learner's progress on it, in a few words.
    pub progress: fn(&Ctx) -> String,
    pub open: fn(&mut Ctx) -> Option<Box<dyn Screen>>,
}

/// The entries, in the order a newcomer should take them.
pub fn entries() -> Vec<Entry> {
    vec![
        Entry {
            name: "Tour",
            what: "watch CQRS happen in a library, step by step",
            progress: super::tour::progress_summary,
            open: |ctx| super::tour::resume(ctx.content, ctx.progress),
        },
        super::sandbox::entry(),
        super::quiz::entry(),
        super::simulate::entry(),
    ]
}

pub struct Home {
    entries: Vec<Entry>,
    /// Which entry is chosen (always one), and how far the list has scrolled to show it.
    state: ListState,
}

impl Home {
    pub fn new() -> Self {
        Home {
            entries: entries(),
            state: ListState::default().with_selected(Some(0)),
        }
    }
}

impl Default for Home {
    fn default() -> Self {
        Self::new()
    }
}

const INTRO: [&str; 3] = [
    "A library keeps two systems. In the back office, librarians acquire, catalog and lend books: that is the write model, and it records every change as an event.",
    "In the hall, patrons search card catalogs sorted by author, title and subject: those are read models, filed later from the events, so they can lag behind.",
    "Watch it happen, then drive it yourself. That is CQRS: Command Query Responsibility Segregation.",
];

impl Screen for Home {
    fn title(&self) -> String {
        "the home screen".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = ctx.theme;
        let mut intro = vec![Line::from(vec![
            Span::styled("cqrs-catalog", t.title),
            Span::styled(" · learn CQRS with a library", t.dim),
        ])];
        intro.extend(INTRO.iter().map(|s| Line::styled(*s, t.text)));
        // The welcome takes the height its wrapped text needs, leaving the entries at least
        // five rows, so nothing of either is cut at 80x24.
        let intro = wrap_all(intro, area.width.saturating_sub(2) as usize, 0);
        let wanted = intro.len() as u16 + 2;
        let [head, body] = Layout::vertical([
            Constraint::Length(wanted.min(area.height.saturating_sub(5))),
            Constraint::Min(5),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(intro).block(panel("Welcome", false, t)),
            head,
        );

        let chosen = self.state.selected();
        let items = self.entries.iter().enumerate().map(|(i, e)| {
            let name_style = if chosen == Some(i) {
                t.selected
            } else {
                t.accent
            };
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(format!("{:<10}", e.name), name_style),
                    Span::styled(format!(" {}", e.what), t.text),
                ]),
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled((e.progress)(ctx), t.dim),
                ]),
            ])
        });
        let list = List::new(items)
            .highlight_symbol(Line::styled("▶ ", t.focus))
            .highlight_spacing(HighlightSpacing::Always)
            .block(panel("Start", true, t));
        frame.render_stateful_widget(list, body, &mut self.state);
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        let actions = ctx.keys.actions(&key);
        match menu::pick(&mut self.state, self.entries.len(), &actions) {
            Pick::Open(i) => match self.entries.get(i).and_then(|e| (e.open)(ctx)) {
                Some(screen) => Transition::Push(screen),
                None => Transition::Stay,
            },
            Pick::Leave => Transition::Quit,
            Pick::Stay => Transition::Stay,
        }
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Command> {
        let mut list = menu::commands(ctx.keys, "open", "quit");
        // The app's footer ends with "q quit": Esc, which quits here too, stays in help.
        if let Some(leave) = list.last_mut() {
            leave.hint = None;
        }
        list
    }

    fn is_home(&self) -> bool {
        true
    }

    fn min_size(&self) -> (u16, u16) {
        (40, 14)
    }
}
