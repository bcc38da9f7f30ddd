//! A single-line text editor for command prompts: insert and delete at a cursor, move by
//! character or to either end, recall earlier entries. Keys in, edits out; drawing is elsewhere.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Enter: the text, which the editor has cleared and remembered.
    Submit(String),
    /// Esc: the learner leaves the prompt (the text stays for when they come back).
    Leave,
    /// The text or the cursor changed.
    Changed,
    /// A key the editor has no use for; the screen may.
    Ignored,
}

/// The longest line a prompt holds: longer than any command, short enough to edit.
pub const LONGEST: usize = 1000;

/// What a paste put at the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pasted {
    /// Lines the paste held; only the first goes to the prompt, which runs one line.
    pub lines: usize,
    /// Characters left out because the line would pass `LONGEST`.
    pub cut: usize,
}

#[derive(Debug, Clone, Default)]
pub struct LineInput {
    chars: Vec<char>,
    /// Cursor position, in characters from the start.
    cursor: usize,
    history: Vec<String>,
    /// Which history entry is shown while recalling, and what was typed before recalling.
    recall: Option<usize>,
    draft: String,
    /// The whole line is selected (it failed to parse and was kept): a typed character
    /// replaces it, Backspace clears it, anything else just drops the selection.
    selected: bool,
}

/// Tab completion in progress: the candidates for the word at the cursor. A first Tab fills
/// in what they share and lists them; each further Tab puts the next one in place (Shift+Tab
/// the one before), until any other key. The tour's prompt and the sandbox's share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Where the word being completed starts, in characters.
    start: usize,
    pub options: Vec<String>,
    /// The candidate the last Tab put in place, while cycling.
    pub chosen: Option<usize>,
    /// The line and cursor as the last Tab left them: an edit since then starts afresh.
    left: (String, usize),
}

impl LineInput {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: &str) {
        self.chars = text.chars().collect();
        self.cursor = self.chars.len();
        self.selected = false;
    }

    /// Puts back a line that failed, selected: typing replaces it, never glues onto it.
    pub fn keep_failed(&mut self, text: &str) {
        self.set(text);
        self.selected = true;
    }

    /// Whether the whole line is selected (see `keep_failed`).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Tab (`forward`) or Shift+Tab: completes the word before the cursor from `candidates`
    /// for the text before it (where the word starts, and the words); pressed again, cycles
    /// through them. `state` keeps the cycle between presses.
    pub fn tab(
        &mut self,
        state: &mut Option<Completion>,
        forward: bool,
        candidates: (usize, Vec<String>),
    ) {
        self.selected = false;
        let here = (self.text(), self.cursor);
        if let Some(c) = state
            && c.left == here
        {
            let n = c.options.len();
            let next = match (c.chosen, forward) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            c.chosen = Some(next);
            self.replace_before_cursor(c.start, &c.options[next]);
            c.left = (self.text(), self.cursor);
            return;
        }
        let (start, options) = candidates;
        if options.is_empty() {
            *state = None;
            return;
        }
        // The first Tab: as far as the candidates agree, with a space after a single one.
        self.complete(start, &options);
        *state = (options.len() > 1).then(|| Completion {
            start,
            options,
            chosen: None,
            left: (self.text(), self.cursor),
        });
    }

    /// Replaces characters `start..cursor` with `with` (a completion).
    pub fn replace_before_cursor(&mut self, start: usize, with: &str) {
        let start = start.min(self.cursor);
        self.chars.splice(start..self.cursor, with.chars());
        self.cursor = start + with.chars().count();
    }

    /// Inserts pasted text at the cursor at once: its first line, control characters left
    /// out, up to `LONGEST` characters in all.
    pub fn paste(&mut self, text: &str) -> Pasted {
        if self.selected {
            self.clear();
        }
        // Terminals send a pasted line break as CR, LF or both.
        let mut lines = text.split(['\r', '\n']).filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or("");
        let chars: Vec<char> = first
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        let room = LONGEST.saturating_sub(self.chars.len());
        let kept = chars.len().min(room);
        self.chars
            .splice(self.cursor..self.cursor, chars[..kept].iter().copied());
        self.cursor += kept;
        self.recall = None;
        Pasted {
            lines: usize::from(!first.is_empty()) + lines.count(),
            cut: chars.len() - kept,
        }
    }

    /// Entries Up and Down recall, oldest first (a prompt's history kept across runs).
    pub fn set_history(&mut self, entries: Vec<String>) {
        self.history = entries;
        self.recall = None;
    }

    /// Completes the word that starts at `start` from `options`: as far as they all agree, and
    /// with a space after it when only one fits.
    pub fn complete(&mut self, start: usize, options: &[String]) {
        let Some(first) = options.first() else { return };
        let mut with: String = options.iter().fold(first.clone(), |acc, o| {
            acc.chars()
                .zip(o.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        });
        if options.len() == 1 {
            with.push(' ');
        }
        self.replace_before_cursor(start, &with);
    }

    /// The text before the cursor, for completion.
    pub fn before_cursor(&self) -> String {
        self.chars[..self.cursor].iter().collect()
    }

    pub fn clear(&mut self) {
        self.chars.clear();
        self.cursor = 0;
        self.recall = None;
        self.selected = false;
    }

    fn show_history(&mut self, index: Option<usize>) {
        self.recall = index;
        let text = match index {
            Some(i) => self.history[i].clone(),
            None => std::mem::take(&mut self.draft),
        };
        self.set(&text);
    }

    pub fn handle(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(edit) = self.replace_selected(key.code, ctrl) {
            return edit;
        }
        if let (true, KeyCode::Char(c)) = (ctrl, key.code) {
            return self.shortcut(c);
        }
        match key.code {
            KeyCode::Enter => self.submit(),
            KeyCode::Esc => Edit::Leave,
            KeyCode::Up | KeyCode::Down => self.recall_history(key.code),
            KeyCode::Char(_) if self.chars.len() >= LONGEST => Edit::Ignored,
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
                Edit::Changed
            }
            code => self.edit(code),
        }
    }

    /// A failed line is kept selected: typing replaces it and deleting clears it, so new text
    /// is never glued onto it. Any other key just drops the selection.
    fn replace_selected(&mut self, code: KeyCode, ctrl: bool) -> Option<Edit> {
        if !std::mem::take(&mut self.selected) {
            return None;
        }
        match code {
            KeyCode::Char(c) if !ctrl && !c.is_control() => self.clear(),
            KeyCode::Backspace | KeyCode::Delete => {
                self.clear();
                return Some(Edit::Changed);
            }
            _ => {}
        }
        None
    }

    fn submit(&mut self) -> Edit {
        let text = self.text();
        if !text.trim().is_empty() && self.history.last() != Some(&text) {
            self.history.push(text.clone());
        }
        self.clear();
        Edit::Submit(text)
    }

    /// The readline shortcuts a shell user's fingers expect.
    fn shortcut(&mut self, c: char) -> Edit {
        match c {
            'a' => self.cursor = 0,
            'e' => self.cursor = self.chars.len(),
            'u' => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            'w' => {
                let mut start = self.cursor;
                while start > 0 && self.chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && self.chars[start - 1] != ' ' {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    fn edit(&mut self, code: KeyCode) -> Edit {
        match code {
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            KeyCode::Left if self.cursor > 0 => self.cursor -= 1,
            KeyCode::Right if self.cursor < self.chars.len() => self.cursor += 1,
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    fn recall_history(&mut self, code: KeyCode) -> Edit {
        match code {
            KeyCode::Up if !self.history.is_empty() => {
                let index = match self.recall {
                    None => {
                        self.draft = self.text();
                        self.history.len() - 1
                    }
                    Some(i) => i.saturating_sub(1),
                };
                self.show_history(Some(index));
            }
            KeyCode::Down if self.recall.is_some() => {
                let next = self
                    .recall
                    .map(|i| i + 1)
                    .filter(|&i| i < self.history.len());
                self.show_history(next);
            }
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_line_kept_selected_is_replaced_by_typing_not_glued_onto() {
        let mut input = LineInput::new();
        input.keep_failed("lned b1 to ada");
        assert!(input.is_selected());
        input.handle(key(KeyCode::Char('t')));
        assert_eq!(input.text(), "t", "the new line replaces the failed one");
        assert!(!input.is_selected());
        input.keep_failed("lned b1 to ada");
        input.handle(key(KeyCode::Backspace));
        assert!(input.is_empty(), "Backspace clears it");
        input.keep_failed("lned b1 to ada");
        input.handle(key(KeyCode::Left));
        input.handle(key(KeyCode::Char('x')));
        assert_eq!(
            input.text(),
            "lned b1 to adxa",
            "an arrow keeps it, to be fixed"
        );
    }

    #[test]
    fn tab_fills_in_what_candidates_share_then_cycles_through_them() {
        let mut input = LineInput::new();
        input.set("sh");
        let mut state = None;
        let offer = || (0, vec!["show".to_string(), "show solution".to_string()]);
        input.tab(&mut state, true, offer());
        assert_eq!(input.text(), "show");
        input.tab(&mut state, true, offer());
        assert_eq!(input.text(), "show");
        input.tab(&mut state, true, offer());
        assert_eq!(input.text(), "show solution");
        input.tab(&mut state, false, offer());
        assert_eq!(input.text(), "show", "Shift+Tab goes back");
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::new();
        for c in text.chars() {
            input.handle(key(KeyCode::Char(c)));
        }
        input
    }

    #[test]
    fn a_paste_inserts_its_first_line_at_the_cursor_capped() {
        let mut input = typed("lend  to ada");
        input.handle(key(KeyCode::Home));
        for _ in 0..5 {
            input.handle(key(KeyCode::Right));
        }
        let pasted = input.paste("b1\tx\u{7}\r\nstatus\rtick\n");
        assert_eq!(input.text(), "lend b1 x to ada");
        assert_eq!(input.cursor(), 9);
        assert_eq!(pasted, Pasted { lines: 3, cut: 0 });
        let mut long = LineInput::new();
        let pasted = long.paste(&"x".repeat(160_000));
        assert_eq!(
            (long.text().len(), pasted.cut),
            (LONGEST, 160_000 - LONGEST)
        );
        assert_eq!(long.handle(key(KeyCode::Char('y'))), Edit::Ignored);
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut input = typed("led");
        input.handle(key(KeyCode::Left));
        input.handle(key(KeyCode::Char('n')));
        assert_eq!(input.text(), "lend");
        assert_eq!(input.cursor(), 3);
    }

    #[test]
    fn enter_submits_and_clears_and_up_recalls() {
        let mut input = typed("tick");
        assert_eq!(
            input.handle(key(KeyCode::Enter)),
            Edit::Submit("tick".into())
        );
        assert!(input.is_empty());
        input.handle(key(KeyCode::Char('x')));
        input.handle(key(KeyCode::Up));
        assert_eq!(input.text(), "tick");
        input.handle(key(KeyCode::Down));
        assert_eq!(input.text(), "x");
    }

    #[test]
    fn backspace_at_the_start_and_arrows_at_the_ends_do_nothing() {
        let mut input = LineInput::new();
        input.handle(key(KeyCode::Backspace));
        input.handle(key(KeyCode::Left));
        assert!(input.is_empty());
        assert_eq!(input.cursor(), 0);
        assert_eq!(input.handle(key(KeyCode::Right)), Edit::Ignored);
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut input = typed("find shelf");
        input.handle(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.text(), "find ");
    }

    #[test]
    fn non_ascii_text_is_edited_by_character() {
        let mut input = typed("café");
        input.handle(key(KeyCode::Backspace));
        assert_eq!(input.text(), "caf");
    }
}
