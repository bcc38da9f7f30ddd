//! What each key does on the tour, in the state it is in: the one list its footer and its
//! help overlay are read from (see `Screen::commands`).

use crate::tui::keys::{Action, Keymap, intern};
use crate::tui::screen::{Command, Ctx};

use super::state::Phase;
use super::{QUIZ_OFFER, Tour, choice_key};

impl Tour {
    pub(super) fn command_list(&self, ctx: &Ctx) -> Vec<Command> {
        let k = ctx.keys;
        if self.outline.is_some() {
            return vec![
                choose(k),
                Command::bound(
                    k,
                    Action::Select,
                    Some("go there"),
                    "jump to the row chosen",
                ),
                Command::bound(k, Action::Back, Some("close"), "close the outline"),
            ];
        }
        if self.typing {
            return prompt_commands(k);
        }
        let mut list = if self.state.finished {
            self.end_commands(k)
        } else {
            self.step_commands(k, ctx)
        };
        list.push(Command::bound(
            k,
            Action::Outline,
            Some("outline"),
            "outline: jump to any lesson or step",
        ));
        list.push(Command::bound(
            k,
            Action::FocusNext,
            Some("focus"),
            "move the focus to the next panel",
        ));
        list.push(Command::bound(
            k,
            Action::FocusPrev,
            None,
            "move the focus back to the previous panel",
        ));
        list.push(Command::scroll(k, None));
        list
    }

    /// A step being read, asked or challenged.
    fn step_commands(&self, k: &Keymap, ctx: &Ctx) -> Vec<Command> {
        let content = ctx.content;
        let mut list = Vec::new();
        let presenting = self.present.is_some();
        let challenge = self.challenge_open(content) && !self.state.goal_reached(content);
        if self.state.phase == Phase::Asking {
            let count = self
                .state
                .current(content)
                .predict
                .as_ref()
                .map_or(0, |p| p.choices.len());
            list.push(Command::fixed(
                letters(count),
                Some("answer"),
                "answer the prediction",
            ));
            list.push(Command::bound(
                k,
                Action::Next,
                Some("skip"),
                "skip the question: show the answer, run the step",
            ));
        } else if presenting && challenge {
            list.push(Command::bound(
                k,
                Action::Next,
                Some("run the solution"),
                "run the challenge's solution for the room",
            ));
        } else if challenge {
            list.push(Command::bound(
                k,
                Action::Next,
                Some("next"),
                "next step (on an unsolved challenge: press twice to skip it)",
            ));
        } else {
            list.push(Command::bound(k, Action::Next, Some("next"), "next step"));
        }
        list.push(Command::bound(
            k,
            Action::Prev,
            Some("back"),
            "previous step: the model is replayed up to it",
        ));
        if presenting {
            list.extend(present_commands(k, self.state.phase == Phase::Asking));
        }
        if self.challenge_open(content) {
            let hint = (!presenting).then_some("type");
            list.push(Command::bound(
                k,
                Action::Type,
                hint,
                "type at the challenge's prompt (words: hint, show solution, run solution, reset)",
            ));
        }
        if self.state.phase != Phase::Asking {
            list.push(Command::bound(
                k,
                Action::Tick,
                Some("tick"),
                "tick the clock: catalogs file what has come due",
            ));
        }
        list.push(Command::bound(
            k,
            Action::Restart,
            Some("restart"),
            "restart the lesson from its first step",
        ));
        list
    }

    /// The end of the tour: a quiz to start, or back into the lessons.
    fn end_commands(&self, k: &Keymap) -> Vec<Command> {
        vec![
            Command::fixed(
                quiz_letters(),
                Some("quiz"),
                "start the quiz of that letter",
            ),
            Command::bound(k, Action::Prev, Some("back"), "back to the last step"),
            Command::bound(
                k,
                Action::Restart,
                Some("restart"),
                "restart the last lesson from its first step",
            ),
        ]
    }
}

/// Keys at a challenge's prompt (the line editor's own keys, not remappable).
fn prompt_commands(k: &Keymap) -> Vec<Command> {
    vec![
        Command::fixed(
            "Enter",
            Some("run"),
            "run the line: a command or a prompt word",
        ),
        Command::fixed(
            "Tab",
            Some("complete"),
            "complete a command, catalog, book or patron",
        ),
        Command::fixed("↑↓", Some("earlier"), "recall an earlier line"),
        Command::bound(k, Action::Back, Some("leave prompt"), "leave the prompt"),
    ]
}

/// A presenter's own keys; blank waits while a question's letters are taken.
fn present_commands(k: &Keymap, asking: bool) -> Vec<Command> {
    let mut list = vec![Command::bound(
        k,
        Action::Zoom,
        Some("zoom"),
        "zoom the next panel of the model",
    )];
    if !asking {
        list.push(Command::bound(
            k,
            Action::Blank,
            Some("blank"),
            "blank the screen until a key",
        ));
    }
    list
}

/// Letter keys as one hint: "a b", "a b c", "a-d" for more.
fn letters_of(keys: &[char]) -> &'static str {
    match keys {
        [] => "",
        [_] | [_, _] | [_, _, _] => intern(
            keys.iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        [first, .., last] => intern(format!("{first}-{last}")),
    }
}

/// The keys of a prediction's `count` choices.
fn letters(count: usize) -> &'static str {
    let keys: Vec<char> = (0..count).filter_map(choice_key).collect();
    letters_of(&keys)
}

fn quiz_letters() -> &'static str {
    letters_of(&QUIZ_OFFER.map(|(c, _)| c))
}

fn choose(k: &Keymap) -> Command {
    Command {
        short: k.pair(Action::Up, Action::Down),
        keys: format!("{} {}", k.label(Action::Up), k.label(Action::Down)),
        hint: Some("choose"),
        doc: "choose a lesson or step",
    }
}
