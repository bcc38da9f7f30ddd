//! The lines the quiz screen shows: a question with its choices, the feedback after an answer,
//! the summary at the end. Text is wrapped here, with hanging indents, so the screen knows how
//! many lines it has and can keep the selected choice in view.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::attempt::{Asked, Feedback, Shown, ordinal};

use super::draft::Draft;
use crate::content::{Kind, Lesson, Question};
use crate::progress::QuizScore;
use crate::tui::theme::Theme;
use crate::tui::widgets::narration::marked;
use crate::tui::widgets::text;

/// Text after a lead (a marker, a letter) on its first line, and under the text, not the lead,
/// on the next ones; its `` `code` `` in the code style, without the backticks.
fn hanging(
    lead: Vec<Span<'static>>,
    text: &str,
    style: Style,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let indent: usize = lead.iter().map(Span::width).sum();
    let mut lead = Some(lead);
    let mut lines = Vec::new();
    for part in text.split('\n') {
        let mut spans = lead
            .take()
            .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
        spans.extend(marked(part, style, theme));
        lines.extend(text::wrap(Line::from(spans), width.max(indent + 1), indent));
    }
    lines
}

fn paragraph(text: &str, style: Style, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    hanging(Vec::new(), text, style, width, theme)
}

/// What a question asks the learner to do, in a few words.
pub fn instruction(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "Pick one.",
        Kind::Multiple => "Pick every right one.",
        Kind::Order => "Put these in order, first at the top.",
    }
}

/// The prompt, and the setup commands of a question checked against the model.
fn head<'a>(question: &Question, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let mut lines = paragraph(&question.prompt, theme.title, width, theme);
    if !question.setup.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "The situation, set up in a fresh library:",
            theme.dim,
        ));
        for l in &question.setup {
            lines.extend(hanging(
                vec![Span::raw("  ")],
                &l.text,
                theme.accent,
                width,
                theme,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines
}

/// A question being answered. Returns the lines, the range of lines the cursor's row takes (so
/// the screen can scroll it into view), and the lines each row takes (for the mouse).
pub fn question<'a>(
    question: &Question,
    asked: &Asked,
    draft: &Draft,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'a>>, Range<usize>, Vec<Range<usize>>) {
    let mut lines = vec![Line::styled(instruction(question.kind), theme.dim)];
    lines.extend(head(question, theme, width));
    let mut focus = 0..0;
    let mut rows = Vec::with_capacity(draft.rows.len());
    for (row, &choice) in draft.rows.iter().enumerate() {
        let here = row == draft.cursor;
        let mut lead = vec![Span::styled(if here { "▶ " } else { "  " }, theme.focus)];
        match question.kind {
            Kind::Single => {}
            Kind::Multiple => lead.push(Span::styled(
                if draft.ticked[row] { "[x] " } else { "[ ] " },
                if draft.ticked[row] {
                    theme.focus
                } else {
                    theme.dim
                },
            )),
            Kind::Order => lead.push(Span::styled(format!("{}. ", row + 1), theme.dim)),
        }
        lead.push(Span::styled(
            format!("{}) ", asked.letter_of(choice)),
            theme.key,
        ));
        let style = if here { theme.emphasis } else { theme.text };
        let start = lines.len();
        lines.extend(hanging(
            lead,
            &question.choices[choice].text,
            style,
            width,
            theme,
        ));
        if here {
            focus = start..lines.len();
        }
        rows.push(start..lines.len());
    }
    (lines, focus, rows)
}

fn mark<'a>(right: bool, theme: &Theme) -> Span<'a> {
    if right {
        Span::styled("✓ ", theme.ok)
    } else {
        Span::styled("✗ ", theme.bad)
    }
}

/// A choice with its letter, then a `why` under it.
fn explained<'a>(
    lead: Vec<Span<'static>>,
    shown: &Shown,
    why: &str,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let indent: usize = lead.iter().map(Span::width).sum();
    let mut lead = lead;
    lead.push(Span::styled(format!("{}) ", shown.letter), theme.key));
    let mut lines = hanging(lead, &shown.choice.text, theme.text, width, theme);
    if !why.is_empty() {
        let pad = " ".repeat(indent + 3);
        lines.extend(hanging(vec![Span::raw(pad)], why, theme.dim, width, theme));
    }
    lines
}

/// What follows an answer: right or wrong (symbol and word), the choices picked with their
/// `why`, the right answer, the explanation, and the lesson to review.
pub fn feedback<'a>(
    question: &Question,
    feedback: &Feedback,
    review: Option<&Lesson>,
    review_key: &str,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let mut lines = head(question, theme, width);
    lines.push(verdict(question, feedback, theme));
    lines.push(Line::raw(""));
    match question.kind {
        Kind::Order => lines.extend(order_feedback(feedback, theme, width)),
        Kind::Single | Kind::Multiple => {
            lines.extend(picked_feedback(question, feedback, theme, width));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Why", theme.title));
    lines.extend(paragraph(&question.explanation, theme.text, width, theme));
    if let Some(lesson) = review {
        lines.push(Line::raw(""));
        lines.extend(hanging(
            vec![
                Span::styled("Review: ", theme.title),
                Span::styled(format!("press {review_key} for the lesson "), theme.dim),
            ],
            &format!("“{}”", lesson.title),
            theme.accent,
            width,
            theme,
        ));
    }
    lines
}

/// "✓ Right." or "✗ Wrong. The right answer is b."
fn verdict(question: &Question, feedback: &Feedback, theme: &Theme) -> Line<'static> {
    if feedback.right {
        return Line::from(vec![
            Span::styled("✓ Right", theme.title.patch(theme.ok)),
            Span::styled(".", theme.text),
        ]);
    }
    let key = match (question.kind, feedback.key.len()) {
        (Kind::Order, _) => format!("The right order is {}.", feedback.key_letters()),
        (_, 1) => format!("The right answer is {}.", feedback.key_letters()),
        _ => format!("The right answers are {}.", feedback.key_letters()),
    };
    Line::from(vec![
        Span::styled("✗ Wrong", theme.title.patch(theme.bad)),
        Span::styled(format!(". {key}"), theme.text),
    ])
}

/// An order question: the learner's order, then each place with the item that belongs there.
fn order_feedback(feedback: &Feedback, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let given: Vec<String> = feedback
        .picked
        .iter()
        .map(|s| s.letter.to_string())
        .collect();
    if !feedback.right {
        lines.push(Line::styled(
            format!("Your order: {}", given.join(", ")),
            theme.text,
        ));
    }
    for (place, shown) in feedback.key.iter().enumerate() {
        let yours = feedback
            .picked
            .iter()
            .position(|p| std::ptr::eq(p.choice, shown.choice));
        let in_place = yours == Some(place);
        let mut lead = vec![
            mark(in_place, theme),
            Span::styled(format!("{}. ", place + 1), theme.dim),
        ];
        if let (false, Some(y)) = (in_place, yours) {
            lead.push(Span::styled(
                format!("(you had it {}) ", ordinal(y + 1)),
                theme.bad,
            ));
        }
        lines.extend(explained(lead, shown, &shown.choice.why, theme, width));
    }
    lines
}

/// A pick question: each choice picked with its `why`, then the right ones not picked.
fn picked_feedback(
    question: &Question,
    feedback: &Feedback,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("You picked:", theme.text)];
    for shown in &feedback.picked {
        lines.extend(explained(
            vec![Span::raw("  "), mark(shown.right, theme)],
            shown,
            &shown.choice.why,
            theme,
            width,
        ));
    }
    let missed: Vec<&Shown> = feedback
        .key
        .iter()
        .filter(|k| {
            !feedback
                .picked
                .iter()
                .any(|p| std::ptr::eq(p.choice, k.choice))
        })
        .collect();
    if missed.is_empty() {
        return lines;
    }
    lines.push(Line::styled(
        if missed.len() == 1 && question.kind == Kind::Single {
            "The right one:"
        } else {
            "Right, and not picked:"
        },
        theme.text,
    ));
    for shown in missed {
        lines.extend(explained(
            vec![Span::raw("  "), Span::styled("→ ", theme.ok)],
            shown,
            &shown.why_unpicked(),
            theme,
            width,
        ));
    }
    lines
}

/// The end of an attempt: what it scored, what was missed and why.
pub struct Summary {
    pub right: usize,
    pub total: usize,
    /// Whether the attempt was the whole quiz (else a retry of missed questions).
    pub whole: bool,
    /// The best whole score before this attempt, if any.
    pub best_before: Option<QuizScore>,
    /// Indices into the quiz's questions.
    pub missed: Vec<usize>,
}

pub fn summary<'a>(
    questions: &[Question],
    s: &Summary,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let what = if s.whole { "Score" } else { "Retry" };
    lines.push(Line::from(vec![
        Span::styled(format!("{what}: {}/{}", s.right, s.total), theme.title),
        Span::styled(
            match (s.right == s.total, s.whole) {
                (true, _) => "  ✓ all right".to_string(),
                (false, true) => format!("  ✗ {} missed", s.total - s.right),
                (false, false) => format!("  ✗ {} still missed", s.total - s.right),
            },
            if s.right == s.total {
                theme.ok
            } else {
                theme.bad
            },
        ),
    ]));
    let best = match (&s.best_before, s.whole) {
        (Some(b), true) if s.right > b.best || b.total != s.total => {
            "A new best score, saved with your progress.".to_string()
        }
        (Some(b), _) => format!("Your best: {}/{} on {}.", b.best, b.total, b.date),
        (None, true) => "Your first score, saved with your progress.".to_string(),
        (None, false) => String::new(),
    };
    if !best.is_empty() {
        lines.push(Line::styled(best, theme.dim));
    }
    if !s.whole {
        lines.push(Line::styled(
            "A retry practises what you missed; only a whole run sets your best score.",
            theme.dim,
        ));
    }
    lines.push(Line::raw(""));
    if s.missed.is_empty() {
        lines.push(Line::styled("Nothing missed.", theme.ok));
        return lines;
    }
    lines.push(Line::styled(
        format!("Missed ({}):", s.missed.len()),
        theme.title,
    ));
    for &i in &s.missed {
        let Some(q) = questions.get(i) else { continue };
        lines.push(Line::raw(""));
        lines.extend(hanging(
            vec![mark(false, theme)],
            &q.prompt,
            theme.emphasis,
            width,
            theme,
        ));
        // The letters of that attempt are gone from the screen: name the right choices by
        // their text. An order's explanation already tells the order.
        if q.kind != Kind::Order {
            for c in q.choices.iter().filter(|c| c.correct) {
                lines.extend(hanging(
                    vec![Span::raw("  "), Span::styled("→ ", theme.ok)],
                    &c.text,
                    theme.ok,
                    width,
                    theme,
                ));
            }
        }
        lines.extend(hanging(
            vec![Span::raw("  ")],
            &q.explanation,
            theme.dim,
            width,
            theme,
        ));
    }
    lines
}
