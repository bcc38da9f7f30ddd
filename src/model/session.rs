//! A session: a library plus what the learner did to it, the last outcome and the last answer.
//! The sandbox, lesson steps, challenges, quiz setups and `run` all execute through here.

use super::event::EventKind;
use super::exec_error::ExecError;
use super::language::{Command, Names, ParseError, ScriptLine, parse_line, parse_script};
use super::library::Library;
use super::outcome::{Answer, Outcome};

#[derive(Debug, Clone, Default)]
pub struct Session {
    library: Library,
    last: Option<Outcome>,
    /// The answer of the last `find` or `show` once a later command has taken its place as
    /// the last outcome: it is moved here, so an answer is never copied to be remembered.
    earlier_answer: Option<Answer>,
    /// Every command executed without error, in order: replaying it rebuilds the session.
    history: Vec<Command>,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The outcome of the last command executed.
    pub fn last(&self) -> Option<&Outcome> {
        self.last.as_ref()
    }

    /// The answer of the last `find` or `show`.
    pub fn last_answer(&self) -> Option<&Answer> {
        match &self.last {
            Some(Outcome::Answered(answer @ (Answer::Find(_) | Answer::Show(_)))) => Some(answer),
            _ => self.earlier_answer.as_ref(),
        }
    }

    pub fn history(&self) -> &[Command] {
        &self.history
    }

    pub fn execute(&mut self, command: &Command) -> Result<Outcome, ExecError> {
        let outcome = self.library.execute(command)?;
        if let Some(Outcome::Answered(answer @ (Answer::Find(_) | Answer::Show(_)))) =
            self.last.take()
        {
            self.earlier_answer = Some(answer);
        }
        self.last = Some(outcome.clone());
        self.history.push(command.clone());
        Ok(outcome)
    }

    /// Parses and executes one line. `Ok(None)` for a blank line or a comment.
    pub fn execute_line(&mut self, text: &str, line: usize) -> Result<Option<Outcome>, ParseError> {
        let Some(command) = parse_line(text, line)? else {
            return Ok(None);
        };
        self.execute(&command)
            .map(Some)
            .map_err(|e| e.at_line(line))
    }

    /// Parses a whole script first (so a bad line stops it before anything runs), then
    /// executes it, stopping at the first line that names something the library lacks.
    pub fn execute_script(
        &mut self,
        text: &str,
    ) -> Result<Vec<(ScriptLine, Outcome)>, Vec<ParseError>> {
        let lines = parse_script(text)?;
        let mut done = Vec::with_capacity(lines.len());
        for line in lines {
            match self.execute(&line.command) {
                Ok(outcome) => done.push((line, outcome)),
                Err(e) => return Err(vec![e.at_line(line.line)]),
            }
        }
        Ok(done)
    }

    /// Takes back the last command by replaying all the others from an empty library: the
    /// session is derived from its history, so nothing needs to be reversed by hand.
    pub fn undo(&mut self) -> Option<Command> {
        let mut history = std::mem::take(&mut self.history);
        let undone = history.pop();
        *self = Session::replay(&history);
        undone
    }

    /// A session rebuilt from commands (those that fail are skipped, as they were the first
    /// time: history holds none).
    pub fn replay(commands: &[Command]) -> Session {
        let mut session = Session::new();
        for command in commands {
            let _ = session.execute(command);
        }
        session
    }

    /// The session as a script that `run` replays to the same log.
    pub fn script(&self) -> String {
        let mut text = String::new();
        for command in &self.history {
            text.push_str(&command.to_string());
            text.push('\n');
        }
        text
    }

    /// The session as it stood while event `seq` was the newest (0: before any event): every
    /// command up to the one that would append `seq + 1`. Catalogs show what they held then.
    pub fn as_of(&self, seq: u64) -> Session {
        let mut session = Session::new();
        for command in &self.history {
            if command.is_write() && session.library.head() >= seq {
                let mut trial = session.clone();
                let _ = trial.execute(command);
                if trial.library.head() > seq {
                    break;
                }
                session = trial;
            } else {
                let _ = session.execute(command);
            }
        }
        session
    }

    /// The names completion offers: catalogs, book ids and the patrons met so far.
    pub fn names(&self) -> Names<'_> {
        let library = &self.library;
        let mut patrons: Vec<&str> = library
            .log()
            .events()
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::BookLent { patron } => Some(&**patron),
                _ => None,
            })
            .collect();
        patrons.sort_unstable();
        patrons.dedup();
        Names {
            catalogs: library
                .projectors()
                .iter()
                .map(|p| p.name.as_str())
                .collect(),
            books: library.office().books().map(|b| b.id.as_str()).collect(),
            patrons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(script: &str) -> Session {
        let mut s = Session::new();
        s.execute_script(script).unwrap();
        s
    }

    const SCRIPT: &str = "acquire b1 \"Dune\" by \"Frank Herbert\"\ncatalog b1\ntick\nlend b1 to ada\nlend b1 to bob\n";

    #[test]
    fn undo_takes_back_the_last_command_only() {
        let mut s = session(SCRIPT);
        assert_eq!(
            s.undo().map(|c| c.to_string()),
            Some("lend b1 to bob".into())
        );
        assert_eq!(s.library().head(), 3);
        s.undo();
        assert_eq!(s.library().head(), 2);
        assert!(
            s.library()
                .office()
                .book("b1")
                .is_some_and(|b| b.state.word() == "available")
        );
    }

    #[test]
    fn a_saved_script_replays_to_the_same_log() {
        let s = session(SCRIPT);
        let again = session(&s.script());
        assert_eq!(again.library().log().events(), s.library().log().events());
    }

    #[test]
    fn as_of_shows_the_catalogs_as_they_were_then() {
        let s = session(SCRIPT);
        let then = s.as_of(2);
        assert_eq!(then.library().head(), 2);
        // The tick after #2 had filed it: the shelf showed b1 available.
        assert!(
            then.library()
                .catalog("shelf")
                .unwrap()
                .card("b1")
                .is_some_and(|c| c.status.word() == "available")
        );
        assert_eq!(s.as_of(0).library().head(), 0);
    }

    #[test]
    fn completion_names_include_patrons_seen_in_the_log() {
        let s = session(SCRIPT);
        assert_eq!(s.names().patrons, vec!["ada"]);
        assert_eq!(s.names().books, vec!["b1"]);
    }
}
