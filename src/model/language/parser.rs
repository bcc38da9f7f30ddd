//! Turns a line of text into a `Command`. The parser never panics: every way a line can be
//! wrong becomes a `ParseError` that says where, what was expected and, for a misspelt word,
//! the nearest valid one.

use std::borrow::Cow;

use super::command::{CatalogRef, Command};
use super::error::ParseError;
use super::lexer::{Token, TokenKind, tokenize};
use super::suggest::nearest;
use crate::model::back_office::OfficeMode;
use crate::model::field::{Field, RevisedField};
use crate::words::fold;

/// Every command word, in the order help lists them.
pub const COMMAND_WORDS: [&str; 27] = [
    "acquire",
    "catalog",
    "lend",
    "return",
    "withdraw",
    "revise",
    "tick",
    "delay",
    "pause",
    "resume",
    "sync",
    "find",
    "show",
    "status",
    "damage",
    "rebuild",
    "add-catalog",
    "redeliver",
    "crash",
    "checkpoint",
    "verify",
    "reorder",
    "poison",
    "heal",
    "retry",
    "show-book",
    "office",
];

/// The name `crash office` gives the back office: no catalog may take it.
pub const OFFICE: &str = "office";

/// Old command words still accepted, with the word they stand for: scripts written before the
/// rename keep running. Completion and help offer only the new word.
pub const SYNONYMS: [(&str, &str); 1] = [("lag", "delay")];

/// Largest count `tick` and `delay` accept: enough for any lesson, small enough that a typo of
/// extra digits cannot freeze the app.
pub const MAX_TICKS: u64 = 1_000_000;

/// Parses one line. `Ok(None)` is a blank line or a comment.
pub fn parse_line(text: &str, line: usize) -> Result<Option<Command>, ParseError> {
    let tokens = tokenize(text, line)?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        line,
        text,
    };
    p.command().map(Some)
}

/// A line of a script with its number and its parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptLine {
    pub line: usize,
    pub text: String,
    pub command: Command,
}

/// Parses a whole script. All errors are collected, so a learner sees every bad line at once.
pub fn parse_script(text: &str) -> Result<Vec<ScriptLine>, Vec<ParseError>> {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in super::lexer::script_lines(text).enumerate() {
        match parse_line(raw, i + 1) {
            Ok(Some(command)) => lines.push(ScriptLine {
                line: i + 1,
                text: raw.trim().to_string(),
                command,
            }),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// The words `office` takes first.
const MODES: [&str; 2] = ["event-sourced", "state-stored"];

/// A command group's parse of the line: `Ok(None)` when the word is not one of the group's.
type Parsed = Result<Option<Command>, ParseError>;

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    pos: usize,
    line: usize,
    /// The line, for where "at the end of the line" errors point.
    text: &'a str,
}

impl<'a> Parser<'a> {
    /// The command groups, tried in turn on the command word. A new group of commands is a
    /// new method here, so no one function grows with the language.
    const GROUPS: [fn(&mut Self, &str) -> Parsed; 6] = [
        Self::back_office,
        Self::synchronization,
        Self::read_side,
        Self::recovery,
        // Before the faults: `crash office` is the back office's crash, not a catalog's.
        Self::write_side,
        Self::faults,
    ];

    fn command(&mut self) -> Result<Command, ParseError> {
        let first = &self.tokens[0];
        let TokenKind::Word(word) = &first.kind else {
            return Err(self
                .error_at(
                    first,
                    format!("expected a command, found {}", first.describe()),
                )
                .with_suggestion(None));
        };
        let first_col = first.col;
        // Borrowed from the line where it can be, so that the groups may take `self` mutably
        // without the command word being copied for every line.
        let word: Cow<'a, str> = match word {
            Cow::Borrowed(w) => fold(w),
            Cow::Owned(w) => Cow::Owned(fold(w).into_owned()),
        };
        self.pos = 1;
        let canonical = SYNONYMS
            .iter()
            .find(|(old, _)| *old == word)
            .map_or(word.as_ref(), |(_, new)| new);
        for group in Self::GROUPS {
            if let Some(command) = group(self, canonical)? {
                self.end()?;
                return Ok(command);
            }
        }
        Err(
            ParseError::new(self.line, first_col, format!("unknown command \"{word}\""))
                .with_suggestion(nearest(&word, COMMAND_WORDS)),
        )
    }

    /// The back office's commands: what the write model validates.
    fn back_office(&mut self, word: &str) -> Parsed {
        let command = match word {
            "acquire" => self.acquire()?,
            "catalog" => Command::Catalog { book: self.book()? },
            "lend" => {
                let book = self.book()?;
                self.keyword("to")?;
                let patron = self.name("a patron (a bare word like ada)")?;
                Command::Lend { book, patron }
            }
            "return" => Command::Return { book: self.book()? },
            "withdraw" => Command::Withdraw { book: self.book()? },
            "revise" => self.revise()?,
            _ => return Ok(None),
        };
        self.expecting(command).map(Some)
    }

    /// `<back-office command> expecting <version>`: the command states the version of the book
    /// it was decided on.
    fn expecting(&mut self, command: Command) -> Result<Command, ParseError> {
        if !self.at_expecting() {
            return Ok(command);
        }
        self.pos += 1;
        let version = self.number("the book's version", 0, u32::MAX.into())?;
        Ok(Command::Expecting {
            command: Box::new(command),
            version,
        })
    }

    fn at_expecting(&self) -> bool {
        self.peek_word()
            .is_some_and(|w| w.eq_ignore_ascii_case("expecting"))
    }

    /// The write side: how the back office keeps its records, its crash, and its record of a
    /// book. `crash` is taken only before `office`; `crash <catalog>` is a fault of delivery.
    fn write_side(&mut self, word: &str) -> Parsed {
        Ok(Some(match word {
            "show-book" => Command::ShowBook { book: self.book()? },
            "office" => {
                let col = self.col_here();
                let how = self.one_of("`event-sourced` or `state-stored`", &MODES)?;
                let mode = if how == "event-sourced" {
                    OfficeMode::EventSourced
                } else if self.one_of("`dual-write` or `outbox`", &["dual-write", "outbox"])?
                    == "outbox"
                {
                    OfficeMode::Outbox
                } else {
                    OfficeMode::DualWrite
                };
                Command::Office { mode, col }
            }
            "crash" if self.peek_word().is_some_and(|w| fold(w) == OFFICE) => {
                self.pos += 1;
                Command::CrashOffice
            }
            _ => return Ok(None),
        }))
    }

    /// The clock and the projectors' pace.
    fn synchronization(&mut self, word: &str) -> Parsed {
        Ok(Some(match word {
            "tick" => {
                let ticks = if self.at_end() {
                    1
                } else {
                    self.number("a number of ticks", 1, MAX_TICKS)?
                };
                Command::Tick { ticks }
            }
            "delay" => {
                let catalog = self.catalog()?;
                let ticks =
                    self.number("a delay in ticks (0 files events at once)", 0, MAX_TICKS)?;
                Command::Delay { catalog, ticks }
            }
            "pause" => Command::Pause {
                catalog: self.catalog()?,
            },
            "resume" => Command::Resume {
                catalog: self.catalog()?,
            },
            "sync" => Command::Sync {
                catalog: self.catalog()?,
            },
            _ => return Ok(None),
        }))
    }

    /// Queries: they read catalogs and change nothing.
    fn read_side(&mut self, word: &str) -> Parsed {
        Ok(Some(match word {
            "find" => self.find()?,
            "show" => Command::Show {
                catalog: self.catalog()?,
            },
            "status" => Command::Status,
            _ => return Ok(None),
        }))
    }

    /// Damage, rebuilds and new read models.
    fn recovery(&mut self, word: &str) -> Parsed {
        Ok(Some(match word {
            "damage" => Command::Damage {
                catalog: self.catalog()?,
            },
            "rebuild" => Command::Rebuild {
                catalog: self.catalog()?,
            },
            "add-catalog" => self.add_catalog()?,
            _ => return Ok(None),
        }))
    }

    /// Faults of delivery and the check that finds their traces.
    fn faults(&mut self, word: &str) -> Parsed {
        Ok(Some(match word {
            "redeliver" => {
                let (catalog, seq, seq_col) = self.catalog_and_seq()?;
                Command::Redeliver {
                    catalog,
                    seq,
                    seq_col,
                }
            }
            "poison" => {
                let (catalog, seq, seq_col) = self.catalog_and_seq()?;
                Command::Poison {
                    catalog,
                    seq,
                    seq_col,
                }
            }
            "reorder" => Command::Reorder {
                catalog: self.catalog()?,
            },
            "heal" => Command::Heal {
                catalog: self.catalog()?,
            },
            "retry" => Command::Retry {
                catalog: self.catalog()?,
            },
            "crash" => Command::Crash {
                catalog: self.catalog()?,
            },
            "checkpoint" => {
                let catalog = self.catalog()?;
                let mode = self.one_of("`with-view` or `apart`", &["with-view", "apart"])?;
                Command::Checkpoint {
                    catalog,
                    apart: mode == "apart",
                }
            }
            "verify" => Command::Verify {
                catalog: self.catalog()?,
            },
            _ => return Ok(None),
        }))
    }

    /// `<catalog> <seq>`, with the column of the number for an error about the event.
    fn catalog_and_seq(&mut self) -> Result<(CatalogRef, u64, usize), ParseError> {
        let catalog = self.catalog()?;
        let seq_col = self.col_here();
        let seq = self.number("a sequence number", 1, u32::MAX.into())?;
        Ok((catalog, seq, seq_col))
    }

    fn revise(&mut self) -> Result<Command, ParseError> {
        let book = self.book()?;
        let field = self.one_of("`title` or `author`", &["title", "author"])?;
        let field = if field == "title" {
            RevisedField::Title
        } else {
            RevisedField::Author
        };
        let value = self.string(match field {
            RevisedField::Title => "the new title in double quotes",
            RevisedField::Author => "the new author in double quotes",
        })?;
        Ok(Command::Revise { book, field, value })
    }

    fn find(&mut self) -> Result<Command, ParseError> {
        let catalog = self.catalog()?;
        let key = self.string("the key to look up in double quotes, like \"Dune\"")?;
        let after = if self.at_end() {
            None
        } else {
            self.keyword("after")?;
            Some(self.number("a sequence number", 0, u32::MAX.into())?)
        };
        Ok(Command::Find {
            catalog,
            key,
            after,
        })
    }

    /// `add-catalog NAME by FIELD` (cards) or `add-catalog NAME count FIELD` (numbers).
    fn add_catalog(&mut self) -> Result<Command, ParseError> {
        let name = self.catalog()?;
        if name.name == OFFICE {
            let message = "\"office\" names the back office (`crash office`): choose another \
                           name for the catalog";
            return Err(ParseError::new(self.line, name.col, message.to_string()));
        }
        let counts = self
            .peek_word()
            .is_some_and(|w| w.eq_ignore_ascii_case("count"));
        if counts {
            self.pos += 1;
        } else {
            self.keyword("by")?;
        }
        let words: Vec<&str> = Field::ADDABLE.iter().map(|f| f.word()).collect();
        let field = self.one_of("a field: title, author, subject, patron or status", &words)?;
        let field = Field::ADDABLE
            .into_iter()
            .find(|f| f.word() == field)
            .unwrap_or(Field::Title);
        Ok(if counts {
            Command::AddCount { name, field }
        } else {
            Command::AddCatalog { name, field }
        })
    }

    fn acquire(&mut self) -> Result<Command, ParseError> {
        let book = self.book()?;
        let title = self.string("the title in double quotes, like \"Dune\"")?;
        self.keyword("by")?;
        let author = self.string("the author in double quotes, like \"Frank Herbert\"")?;
        let mut subjects = Vec::new();
        if !self.at_end() && !self.at_expecting() {
            self.keyword("about")?;
            subjects.push(self.string("a subject in double quotes")?);
            while matches!(self.peek().map(|t| &t.kind), Some(TokenKind::Comma)) {
                self.pos += 1;
                subjects.push(self.string("another subject in double quotes after `,`")?);
            }
        }
        Ok(Command::Acquire {
            book,
            title,
            author,
            subjects,
        })
    }

    /// Where "at the end of the line" errors point: counted only for such an error.
    fn end_col(&self) -> usize {
        self.text.chars().count() + 1
    }

    /// The column of the token at the current position, or the end of the line.
    fn col_here(&self) -> usize {
        self.peek().map_or_else(|| self.end_col(), |t| t.col)
    }

    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.pos)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn error_at(&self, token: &Token<'_>, message: String) -> ParseError {
        ParseError::new(self.line, token.col, message)
    }

    /// The error for a missing or wrong token where `expected` should stand.
    fn expected(&self, expected: &str) -> ParseError {
        match self.peek() {
            Some(t) => self.error_at(t, format!("expected {expected}, found {}", t.describe())),
            None => ParseError::new(
                self.line,
                self.end_col(),
                format!("expected {expected} at the end of the line"),
            ),
        }
    }

    /// The word at the current position, if a word stands there.
    fn peek_word(&self) -> Option<&str> {
        match self.peek() {
            Some(Token {
                kind: TokenKind::Word(w),
                ..
            }) => Some(w),
            _ => None,
        }
    }

    /// Moves past the current token, which is a word, and takes its text: nothing looks back
    /// at a token once it has been accepted.
    fn take_word(&mut self) -> Cow<'a, str> {
        let taken = match &mut self.tokens[self.pos].kind {
            TokenKind::Word(w) | TokenKind::Quoted(w) => std::mem::take(w),
            TokenKind::Comma => Cow::Borrowed(""),
        };
        self.pos += 1;
        taken
    }

    fn keyword(&mut self, keyword: &str) -> Result<(), ParseError> {
        match self.peek_word() {
            Some(word) if word.eq_ignore_ascii_case(keyword) => {
                self.pos += 1;
                Ok(())
            }
            Some(word) => {
                let suggestion = nearest(word, [keyword]);
                let message = format!("expected `{keyword}`, found `{word}`");
                Err(self
                    .error_at(&self.tokens[self.pos], message)
                    .with_suggestion(suggestion))
            }
            None => Err(self.expected(&format!("`{keyword}`")).with_suggestion(None)),
        }
    }

    /// One of `words`, whatever its case; returned as the list spells it.
    fn one_of(
        &mut self,
        expected: &str,
        words: &[&'static str],
    ) -> Result<&'static str, ParseError> {
        let Some(word) = self.peek_word() else {
            return Err(self.expected(expected));
        };
        let folded = fold(word);
        if let Some(found) = words.iter().find(|w| **w == folded) {
            self.pos += 1;
            Ok(found)
        } else {
            let message = format!("expected {expected}, found `{word}`");
            let suggestion = nearest(&folded, words.iter().copied());
            Err(self
                .error_at(&self.tokens[self.pos], message)
                .with_suggestion(suggestion))
        }
    }

    /// A bare name: a book id, a patron or a catalog. Folded to lower case.
    fn name(&mut self, expected: &str) -> Result<String, ParseError> {
        if let Some(Token {
            kind: TokenKind::Quoted(_),
            ..
        }) = self.peek()
        {
            return Err(self.expected(&format!("{expected}, without quotes")));
        }
        let Some(word) = self.peek_word() else {
            return Err(self.expected(expected));
        };
        if word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            let word = self.take_word();
            Ok(match fold(&word) {
                Cow::Borrowed(_) => word.into_owned(),
                Cow::Owned(folded) => folded,
            })
        } else {
            let message =
                format!("expected {expected}, found `{word}`: use letters, digits, - and _");
            Err(self.error_at(&self.tokens[self.pos], message))
        }
    }

    fn book(&mut self) -> Result<String, ParseError> {
        self.name("a book id (a bare word like b1)")
    }

    fn catalog(&mut self) -> Result<CatalogRef, ParseError> {
        let col = self.col_here();
        let name = self.name("a catalog name, like titles")?;
        Ok(CatalogRef { name, col })
    }

    fn string(&mut self, expected: &str) -> Result<String, ParseError> {
        match self.peek() {
            Some(Token {
                kind: TokenKind::Quoted(_),
                ..
            }) => Ok(self.take_word().into_owned()),
            _ => Err(self.expected(expected)),
        }
    }

    fn number(&mut self, expected: &str, min: u64, max: u64) -> Result<u64, ParseError> {
        let range = || format!("{expected} from {min} to {max}");
        let Some(word) = self.peek_word() else {
            return Err(self.expected(&range()));
        };
        match word.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => {
                self.pos += 1;
                Ok(n)
            }
            _ => {
                let message = format!("expected {}, found `{word}`", range());
                Err(self.error_at(&self.tokens[self.pos], message))
            }
        }
    }

    fn end(&mut self) -> Result<(), ParseError> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(self.error_at(
                t,
                format!("unexpected {} after the end of the command", t.describe()),
            )),
        }
    }
}
