//! A session: a library plus what the learner did to it, the last outcome and the last answer.
//! The sandbox, lesson steps, challenges, quiz setups and `run` all execute through here.

use super::language::{Command, ParseError, ScriptLine, parse_line, parse_script};
use super::library::{Answer, Library, Outcome};

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

    pub fn execute(&mut self, command: &Command) -> Result<Outcome, ParseError> {
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
            .map_err(|e| ParseError { line, ..e })
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
                Err(e) => {
                    return Err(vec![ParseError {
                        line: line.line,
                        ..e
                    }]);
                }
            }
        }
        Ok(done)
    }
}
