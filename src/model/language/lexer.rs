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
pub fn tokenize(line: &str, line_no: usize) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '#' {
            break;
        } else if c == ',' {
            tokens.push(Token {
                kind: TokenKind::Comma,
                col,
                width: 1,
            });
            i += 1;
        } else if c == '"' {
            let mut text = String::new();
            let mut j = i + 1;
            let mut closed = false;
            while j < chars.len() {
                match chars[j] {
                    '\\' if chars.get(j + 1) == Some(&'"') || chars.get(j + 1) == Some(&'\\') => {
                        text.push(chars[j + 1]);
                        j += 2;
                    }
                    '"' => {
                        closed = true;
                        j += 1;
                        break;
                    }
                    other => {
                        text.push(other);
                        j += 1;
                    }
                }
            }
            if !closed {
                return Err(ParseError::new(
                    line_no,
                    col,
                    "this string has no closing `\"`",
                ));
            }
            tokens.push(Token {
                kind: TokenKind::Quoted(text),
                col,
                width: j - i,
            });
            i = j;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '"' | ',' | '#')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            tokens.push(Token {
                kind: TokenKind::Word(word),
                col,
                width: i - start,
            });
        }
    }
    Ok(tokens)
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
