//! The commands panel: the commands run lately, each with its outcome (accepted with its
//! events, rejected with the rule it broke, a query's answer, or what a clock or projector
//! command did), newest last. Commands about to run can be listed before they run.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;

use crate::model::{Answer, Library, Outcome};
use crate::transcript::{delivery_lines, outcome_lines};
use crate::tui::theme::Theme;

use super::narration::marked;
use super::text::{PanelText, Scroll, render_panel, wrap};

/// One command and what it came to.
#[derive(Debug, Clone, Copy)]
pub struct Ran<'a> {
    pub input: &'a str,
    pub outcome: &'a Outcome,
    /// Typed by the learner, as opposed to run by the lesson.
    pub mine: bool,
}

pub struct CommandsPanel<'a> {
    pub library: &'a Library,
    pub theme: &'a Theme,
    pub focused: bool,
    pub ran: &'a [Ran<'a>],
    /// Commands that will run once something happens (a prediction is answered).
    pub pending: &'a [&'a str],
    pub title: &'a str,
    /// What the panel says before any command has run: a line each, wrapped.
    pub empty: &'a [&'a str],
    /// The commands listed are one step's, every one of them its point; otherwise (a
    /// session's history) only the newest is.
    pub one_step: bool,
}

impl CommandsPanel<'_> {
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        self.lines_and_last(width, false).0
    }

    /// The panel's title, its lines at `width`, and what must stay in view: every command
    /// of a step's commands while none is the learner's, else the newest command with its
    /// outcome.
    pub fn text(&self, width: usize) -> PanelText {
        self.text_of(self.lines_and_last(width, false))
    }

    /// The same, brief, for when the whole text does not fit: a lookup's answer without its
    /// cards (the catalogs panel shows them), an accepted command with its events' numbers on
    /// its own line (the log shows them), what projectors filed left to the catalogs panel.
    pub fn brief(&self, width: usize) -> PanelText {
        self.text_of(self.lines_and_last(width, true))
    }

    fn text_of(&self, (lines, last): (Vec<Line<'static>>, usize)) -> PanelText {
        let start = if !self.one_step || self.ran.iter().any(|r| r.mine) {
            last
        } else {
            0
        };
        let point = if self.ran.is_empty() && self.pending.is_empty() {
            0..0
        } else {
            start..lines.len()
        };
        PanelText {
            title: self.title.to_string(),
            lines,
            point,
        }
    }

    /// The lines, and the index of the line where the newest command starts.
    fn lines_and_last(&self, width: usize, brief: bool) -> (Vec<Line<'static>>, usize) {
        let t = self.theme;
        let mut lines = Vec::new();
        if !self.pending.is_empty() {
            lines.push(Line::styled("About to run:", t.dim));
            for input in self.pending {
                lines.extend(wrap(
                    Line::from(vec![
                        Span::styled("› ", t.dim),
                        Span::styled(input.to_string(), t.accent),
                    ]),
                    width,
                    4,
                ));
            }
            return (lines, 0);
        }
        if self.ran.is_empty() {
            let lines = self
                .empty
                .iter()
                .flat_map(|text| wrap(Line::from(marked(text, t.dim, t)), width, 2))
                .collect();
            return (lines, 0);
        }
        let mut last = 0;
        for ran in self.ran {
            last = lines.len();
            // Brief, an accepted command is its verb and book: the log beside it shows the
            // event whole, with every detail the command gave.
            let accepted_brief = brief
                && matches!(
                    ran.outcome,
                    Outcome::Accepted { .. } | Outcome::Committed { .. }
                );
            let one_line = format!("› {}  ✓ #0000", ran.input).chars().count() <= width;
            let input = if accepted_brief && !one_line {
                verb_and_book(ran.input)
            } else {
                ran.input.to_string()
            };
            let mut head = vec![Span::styled("› ", t.dim), Span::styled(input, t.accent)];
            if ran.mine {
                head.push(Span::styled("  (you)", t.dim));
            }
            let mut texts = outcome_text(self.library, ran.outcome);
            if brief {
                // Brief: an accepted command's events are in the log beside it, so its line
                // says only their numbers; a lookup's cards are in the catalogs panel.
                match ran.outcome {
                    Outcome::Accepted { seq, .. } => {
                        let seqs = format!("#{seq}");
                        head.push(Span::styled(format!("  ✓ {seqs}"), t.ok));
                        texts.retain(|text| !text.starts_with("accepted: "));
                    }
                    // The event's details are in the log or the outbox beside it: its fate
                    // is what the line must say.
                    Outcome::Committed { commit, .. } => {
                        head.push(Span::styled("  ✓ committed", t.ok));
                        texts = vec![crate::transcript::commit_fate(commit)];
                    }
                    Outcome::Answered(Answer::Find(_) | Answer::Show(_)) => texts.truncate(1),
                    _ => {}
                }
                // What each catalog filed is marked on the catalog itself.
                if texts.len() > 1 {
                    texts.retain(|text| !text.starts_with("filed: "));
                }
            }
            let (symbol, style) = match ran.outcome {
                Outcome::Accepted { .. } | Outcome::Committed { .. } => ("✓", t.ok),
                Outcome::Rejected(_) => ("✗", t.bad),
                Outcome::Answered(_) => ("=", t.text),
                Outcome::Done { .. } => ("•", t.text),
            };
            // Brief, a one-line outcome stands beside its command when both fit.
            if brief && !accepted_brief && texts.len() == 1 {
                let beside = Line::from(head.clone()).width() + texts[0].chars().count() + 4;
                if beside <= width {
                    head.push(Span::styled(format!("  {symbol} "), style));
                    head.push(Span::styled(texts.remove(0), style));
                }
            }
            lines.extend(wrap(Line::from(head), width, 4));
            for (i, text) in texts.into_iter().enumerate() {
                let line = if i == 0 && !accepted_brief {
                    Line::from(vec![
                        Span::styled(format!("  {symbol} "), style),
                        Span::styled(text, style),
                    ])
                } else {
                    Line::from(vec![Span::raw("    "), Span::styled(text, t.text)])
                };
                lines.extend(wrap(line, width, 6));
            }
        }
        (lines, last)
    }
}

/// A command's first two words ("acquire b1"), with "…" when it said more.
fn verb_and_book(input: &str) -> String {
    let words: Vec<&str> = input.split_whitespace().collect();
    match words.as_slice() {
        [verb, book, _, ..] => format!("{verb} {book} …"),
        _ => words.join(" "),
    }
}

/// An outcome in words, short where the other panels say the rest: an accepted command
/// names its events (the log panel has their details).
fn outcome_text(library: &Library, outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Accepted { seq, .. } => {
            let mut lines: Vec<String> = library
                .log()
                .get(*seq)
                .into_iter()
                .map(|e| format!("accepted: #{} {} {}", e.seq, e.kind.name(), e.book))
                .collect();
            lines.extend(delivery_lines(outcome.delivered()));
            lines
        }
        // The status table is too wide for a panel: one short line per catalog instead.
        Outcome::Answered(Answer::Status(rows)) => {
            let mut lines = vec![format!(
                "answered: clock at tick {}, {} head #{}",
                library.now(),
                crate::transcript::log_word(library),
                library.head()
            )];
            lines.extend(crate::transcript::office_line(library));
            lines.extend(rows.iter().map(|r| {
                format!(
                    "{} #{}/#{} {}, {} card{}",
                    r.name,
                    r.checkpoint,
                    r.head,
                    crate::transcript::status_health(r),
                    r.cards,
                    crate::words::plural_s(r.cards)
                )
            }));
            lines
        }
        other => outcome_lines(library, other),
    }
}

impl StatefulWidget for &CommandsPanel<'_> {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let text = self.text(area.width.saturating_sub(2) as usize);
        render_panel(text, self.focused, area, buf, scroll, self.theme);
    }
}
