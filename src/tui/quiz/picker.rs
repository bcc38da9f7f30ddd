//! The quiz picker: every quiz with its number of questions and the learner's best score, for
//! `cqrs-catalog quiz` without an id and the home screen's Quiz entry.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph};

use crate::attempt::time_seed;
use crate::content::Content;
use crate::tui::menu::{self, Pick};
use crate::tui::screen::{Command, Ctx, Screen, Transition};
use crate::tui::widgets::panel::panel;

use super::QuizScreen;

pub struct Picker {
    /// The quizzes' ids, in the content's order (the content itself lives in the app).
    ids: Vec<String>,
    /// Which quiz is chosen (always one), and how far the list has scrolled to show it.
    state: ListState,
    /// `--seed`: beats the config's seed for the quizzes opened from here.
    seed: Option<u64>,
}

impl Picker {
    pub fn new(content: &Content) -> Picker {
        Picker {
            ids: content.quizzes.iter().map(|q| q.id.clone()).collect(),
            state: ListState::default().with_selected(Some(0)),
            seed: None,
        }
    }

    /// The quizzes opened from here shuffle with this seed (when there is one).
    pub fn seeded(self, seed: Option<u64>) -> Picker {
        Picker { seed, ..self }
    }
}

impl Screen for Picker {
    fn title(&self) -> String {
        "the list of quizzes".into()
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = ctx.theme;
        let block = panel("Quizzes", true, t);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [intro, rest] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Each quiz asks a few questions and explains every answer.",
                t.dim,
            )),
            intro,
        );
        if self.ids.is_empty() {
            frame.render_widget(Line::styled("There are no quizzes.", t.text), rest);
            return;
        }
        let chosen = self.state.selected();
        let items = self.ids.iter().enumerate().filter_map(|(i, id)| {
            let quiz = ctx.content.quiz(id)?;
            let best = match ctx.progress.quizzes.get(id) {
                Some(s) => format!("best {}/{} on {}", s.best, s.total, s.date),
                None => "not taken yet".into(),
            };
            let style = if chosen == Some(i) {
                t.selected
            } else {
                t.accent
            };
            Some(ListItem::new(vec![
                Line::styled(quiz.title.clone(), style),
                Line::styled(
                    format!("  {} questions · {best}", quiz.questions.len()),
                    t.dim,
                ),
            ]))
        });
        let list = List::new(items)
            .highlight_symbol(Line::styled("▶ ", t.focus))
            .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(list, rest, &mut self.state);
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Transition {
        let actions = ctx.keys.actions(&key);
        match menu::pick(&mut self.state, self.ids.len(), &actions) {
            Pick::Open(i) => match self.ids.get(i).and_then(|id| ctx.content.quiz(id)) {
                Some(quiz) => {
                    let seed = self.seed.or(ctx.quiz_seed).unwrap_or_else(time_seed);
                    Transition::Push(Box::new(QuizScreen::new(quiz.clone(), seed)))
                }
                None => Transition::Stay,
            },
            Pick::Leave => Transition::Back,
            Pick::Stay => Transition::Stay,
        }
    }

    fn commands(&self, ctx: &Ctx) -> Vec<Command> {
        menu::commands(ctx.keys, "start", "back")
    }

    fn min_size(&self) -> (u16, u16) {
        (40, 12)
    }
}
