//! Colors and emphasis, by meaning rather than by widget: `ok`, `bad`, `focus`... Colors are the
//! 16 named ones on the terminal's own background, so the user's palette applies; meaning is
//! always also carried by a symbol or a word, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
    /// No color at all: `NO_COLOR`, or a terminal that cannot show it.
    Mono,
}

impl ThemeName {
    pub const WORDS: [&'static str; 4] = ["dark", "light", "high-contrast", "mono"];

    /// The name as `--theme` and the config file spell it.
    pub fn word(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }

    pub fn parse(word: &str) -> Option<ThemeName> {
        match word {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "high-contrast" => Some(ThemeName::HighContrast),
            "mono" | "none" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub border: Style,
    /// The border of the panel in focus (also drawn thick, and marked with ▶).
    pub focus: Style,
    pub ok: Style,
    pub bad: Style,
    pub warn: Style,
    /// What just changed: the events a step appended, a card just filed.
    pub fresh: Style,
    /// The selected row of a list.
    pub selected: Style,
    pub key: Style,
    pub emphasis: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        let fg = |c: Color| plain.fg(c);
        match name {
            ThemeName::Dark => Theme {
                name,
                text: plain,
                dim: fg(Color::DarkGray),
                title: bold.fg(Color::Cyan),
                accent: fg(Color::Cyan),
                border: fg(Color::DarkGray),
                focus: bold.fg(Color::Yellow),
                ok: fg(Color::Green),
                bad: fg(Color::Red),
                warn: fg(Color::Yellow),
                fresh: bold.fg(Color::Yellow),
                selected: plain.add_modifier(Modifier::REVERSED),
                key: bold.fg(Color::Cyan),
                emphasis: bold.add_modifier(Modifier::ITALIC),
            },
            ThemeName::Light => Theme {
                name,
                text: plain,
                dim: fg(Color::Gray),
                title: bold.fg(Color::Blue),
                accent: fg(Color::Blue),
                border: fg(Color::Gray),
                focus: bold.fg(Color::Magenta),
                ok: fg(Color::Green),
                bad: fg(Color::Red),
                warn: fg(Color::Magenta),
                fresh: bold.fg(Color::Magenta),
                selected: plain.add_modifier(Modifier::REVERSED),
                key: bold.fg(Color::Blue),
                emphasis: bold.add_modifier(Modifier::ITALIC),
            },
            ThemeName::HighContrast => Theme {
                name,
                text: bold,
                dim: plain,
                title: bold.fg(Color::White).add_modifier(Modifier::UNDERLINED),
                accent: bold.fg(Color::LightCyan),
                border: plain,
                focus: bold.fg(Color::LightYellow),
                ok: bold.fg(Color::LightGreen),
                bad: bold.fg(Color::LightRed),
                warn: bold.fg(Color::LightYellow),
                fresh: bold
                    .fg(Color::LightYellow)
                    .add_modifier(Modifier::UNDERLINED),
                selected: bold.add_modifier(Modifier::REVERSED),
                key: bold.fg(Color::LightCyan),
                emphasis: bold.add_modifier(Modifier::UNDERLINED),
            },
            ThemeName::Mono => Theme {
                name,
                text: plain,
                dim: plain,
                title: bold,
                accent: plain,
                border: plain,
                focus: bold,
                ok: plain,
                bad: bold,
                warn: plain,
                fresh: bold,
                selected: plain.add_modifier(Modifier::REVERSED),
                key: bold,
                emphasis: bold,
            },
        }
    }

    /// The theme asked for, unless `NO_COLOR` is set (any value), which wins.
    pub fn resolve(requested: Option<ThemeName>) -> Theme {
        Theme::resolve_with(requested, std::env::var_os("NO_COLOR").as_deref())
    }

    /// `resolve` with the value of `NO_COLOR` given: any non-empty value means no color
    /// (no-color.org), whatever was requested.
    pub fn resolve_with(requested: Option<ThemeName>, no_color: Option<&std::ffi::OsStr>) -> Theme {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return Theme::new(ThemeName::Mono);
        }
        Theme::new(requested.unwrap_or(ThemeName::Dark))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mono_theme_uses_no_color_anywhere() {
        let t = Theme::new(ThemeName::Mono);
        for style in [
            t.text, t.dim, t.title, t.accent, t.border, t.focus, t.ok, t.bad, t.warn, t.fresh,
            t.selected, t.key, t.emphasis,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
