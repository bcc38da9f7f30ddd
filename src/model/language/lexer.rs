//! Splits one line of the command language into tokens that remember their column.
//! Columns count characters from 1, so errors can point a caret at the right place.

use super::error::ParseError;

/// What a token is; bare words are kept as typed, the parser folds case where the language is
/// case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    Word(String),
    Quoted(String),
    Comma,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Column of the token's first character, from 1.
    pub col: usize,
    /// Width in characters, for carets that underline the whole token.
    pub width: usize,
}

impl Token {
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
pub fn tokenize(line: &str, line_no: usize) -> Result<Vec<Token>, ParseError> {
    let mut tokens = Vec::with_capacity(8);
    let mut chars = line.char_indices().peekable();
    // Characters consumed so far: the column of the next one is `consumed + 1`.
    let mut consumed = 0;
    while let Some(&(start, c)) = chars.peek() {
        let col = consumed + 1;
        if c.is_whitespace() {
            chars.next();
            consumed += 1;
        } else if c == '#' {
            break;
        } else if c == ',' {
            chars.next();
            consumed += 1;
            tokens.push(Token {
                kind: TokenKind::Comma,
                col,
                width: 1,
            });
        } else if c == '"' {
            chars.next();
            consumed += 1;
            let body = start + 1;
            let mut end = None;
            let mut escaped = false;
            while let Some((i, c)) = chars.next() {
                consumed += 1;
                match c {
                    '\\' if matches!(chars.peek(), Some((_, '"' | '\\'))) => {
                        chars.next();
                        consumed += 1;
                        escaped = true;
                    }
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else {
                return Err(ParseError::new(
                    line_no,
                    col,
                    "this string has no closing `\"`",
                ));
            };
            let raw = &line[body..end];
            let text = if escaped {
                unescape(raw)
            } else {
                raw.to_string()
            };
            tokens.push(Token {
                kind: TokenKind::Quoted(text),
                col,
                width: consumed + 1 - col,
            });
        } else {
            let mut end = line.len();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() || matches!(c, '"' | ',' | '#') {
                    end = i;
                    break;
                }
                chars.next();
                consumed += 1;
            }
            tokens.push(Token {
                kind: TokenKind::Word(line[start..end].to_string()),
                col,
                width: consumed + 1 - col,
            });
        }
    }
    Ok(tokens)
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

    fn kinds(line: &str) -> Vec<TokenKind> {
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
