//! Splits one line of the command language into tokens that remember their column.
//! Columns count characters from 1, so errors can point a caret at the right place.

use std::borrow::Cow;

use super::error::ParseError;

/// What a token is; bare words are kept as typed, the parser folds case where the language is
/// case-insensitive. The text is borrowed from the line, and copied only when the token needs
/// another spelling (an escape, a decomposed accent): a parsed line copies only what its
/// command keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind<'a> {
    Word(Cow<'a, str>),
    Quoted(Cow<'a, str>),
    Comma,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind<'a>,
    /// Column of the token's first character, from 1.
    pub col: usize,
    /// Width in characters, for carets that underline the whole token.
    pub width: usize,
}

impl Token<'_> {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match &self.kind {
            TokenKind::Word(w) => format!("`{w}`"),
            TokenKind::Quoted(s) => format!("the string \"{s}\""),
            TokenKind::Comma => "`,`".to_string(),
        }
    }
}

/// Tokenizes a line. A `#` outside a string starts a comment that runs to the end of the line.
/// Words and strings are sliced from the line; a string is copied character by character only
/// when it holds an escape.
pub fn tokenize(line: &str, line_no: usize) -> Result<Vec<Token<'_>>, ParseError> {
    let mut tokens = Vec::with_capacity(8);
    let mut scan = Scan {
        line,
        at: 0,
        col: 1,
    };
    while let Some(c) = scan.peek() {
        if c.is_whitespace() {
            scan.bump(c);
        } else if c == '#' {
            break;
        } else if c == ',' {
            tokens.push(Token {
                kind: TokenKind::Comma,
                col: scan.col,
                width: 1,
            });
            scan.bump(c);
        } else if c == '"' {
            tokens.push(scan.quoted(line_no)?);
        } else {
            tokens.push(scan.word());
        }
    }
    Ok(tokens)
}

/// A cursor over a line: the byte it stands at and the column (in characters) of that byte.
/// A run's script is parsed twice, so the scan reads ASCII a byte at a time and decodes a
/// character only where one is not ASCII.
struct Scan<'a> {
    line: &'a str,
    at: usize,
    col: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<char> {
        let byte = *self.line.as_bytes().get(self.at)?;
        if byte.is_ascii() {
            Some(char::from(byte))
        } else {
            self.line[self.at..].chars().next()
        }
    }

    fn bump(&mut self, c: char) {
        self.at += c.len_utf8();
        self.col += 1;
    }

    /// A bare word, up to a space, a quote, a comma or a comment.
    fn word(&mut self) -> Token<'a> {
        let (start, col) = (self.at, self.col);
        let mut ascii = true;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, '"' | ',' | '#') {
                break;
            }
            ascii &= c.is_ascii();
            self.bump(c);
        }
        let text = Cow::Borrowed(&self.line[start..self.at]);
        Token {
            kind: TokenKind::Word(if ascii { text } else { composed(text) }),
            col,
            width: self.col - col,
        }
    }

    /// A string, from its opening quote to its closing one.
    fn quoted(&mut self, line_no: usize) -> Result<Token<'a>, ParseError> {
        let col = self.col;
        self.bump('"');
        let body = self.at;
        let (mut escaped, mut ascii) = (false, true);
        let end = loop {
            let Some(c) = self.peek() else {
                return Err(ParseError::new(
                    line_no,
                    col,
                    "this string has no closing `\"`",
                ));
            };
            let end = self.at;
            self.bump(c);
            match c {
                '"' => break end,
                '\\' if matches!(self.peek(), Some('"' | '\\')) => {
                    self.bump('"');
                    escaped = true;
                }
                _ => ascii &= c.is_ascii(),
            }
        };
        let raw = &self.line[body..end];
        let text = if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        };
        Ok(Token {
            kind: TokenKind::Quoted(if ascii { text } else { composed(text) }),
            col,
            width: self.col - col,
        })
    }
}

/// Text in composed form (NFC): `e` followed by a combining accent becomes `é`, so an id or
/// title typed on a keyboard that decomposes letters means what it shows. ASCII, nearly every
/// word, is returned as it is without a pass.
fn composed(text: Cow<'_, str>) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// A script's lines: a UTF-8 byte-order mark at the start is dropped (editors on Windows write
/// one), and a line ends at `\n`, `\r\n` or a lone `\r` (old Mac files), so no file is one
/// long line.
pub fn script_lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text
        .strip_suffix("\r\n")
        .or(text.strip_suffix(['\n', '\r']))
        .unwrap_or(text);
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(i) => {
                let skip = if current[i..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[i + skip..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
    .filter(|_| !text.is_empty())
}

/// The text of a string body with `\"` and `\\` turned into the character they escape; any
/// other backslash stands for itself.
fn unescape(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next @ ('"' | '\\'))) => {
                text.push(next);
                chars.next();
            }
            _ => text.push(c),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_and_any_line_ending_split_a_script_as_shown() {
        let lines: Vec<&str> =
            script_lines("\u{feff}tick\rstatus\r\nshow titles\n\nend\n").collect();
        assert_eq!(lines, ["tick", "status", "show titles", "", "end"]);
        assert_eq!(script_lines("").count(), 0);
        assert_eq!(script_lines("a\n").collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn a_decomposed_letter_reads_as_the_composed_one() {
        assert_eq!(
            kinds("lend be\u{301} \"Cafe\u{301}\""),
            [
                TokenKind::Word("lend".into()),
                TokenKind::Word("b\u{e9}".into()),
                TokenKind::Quoted("Caf\u{e9}".into()),
            ]
        );
    }

    fn kinds(line: &str) -> Vec<TokenKind<'_>> {
        tokenize(line, 1)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn words_strings_and_commas_are_told_apart() {
        assert_eq!(
            kinds(r#"about "a","b c""#),
            vec![
                TokenKind::Word("about".into()),
                TokenKind::Quoted("a".into()),
                TokenKind::Comma,
                TokenKind::Quoted("b c".into()),
            ]
        );
    }

    #[test]
    fn a_backslash_escapes_a_quote_inside_a_string() {
        assert_eq!(
            kinds(r#""say \"hi\"""#),
            vec![TokenKind::Quoted("say \"hi\"".into())]
        );
    }

    #[test]
    fn a_hash_outside_a_string_starts_a_comment() {
        assert_eq!(
            kinds(r#"tick # "not a string"#),
            vec![TokenKind::Word("tick".into())]
        );
        assert_eq!(kinds(r#""a # b""#), vec![TokenKind::Quoted("a # b".into())]);
    }

    #[test]
    fn an_unclosed_string_is_reported_at_its_opening_quote() {
        let err = tokenize(r#"find titles "Dune"#, 4).unwrap_err();
        assert_eq!((err.line, err.col), (4, 13));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let tokens = tokenize("é é", 1).unwrap();
        assert_eq!(tokens[1].col, 3);
    }
}
