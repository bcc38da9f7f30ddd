//! Colors and emphasis, by meaning rather than by widget: `ok`, `bad`, `focus`... Each colored
//! theme declares the background it is made for and paints it, and gives every color as true
//! RGB, so its contrast is what its test computes whatever the terminal's palette: text at
//! least 4.5:1 against the background (WCAG AA), borders and glyphs at least 3:1. The named
//! ANSI colors are not used: how light "gray" or "white" is depends on the terminal. Meaning is
//! always also carried by a symbol or a word, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    clap::ValueEnum,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
    /// No color at all: `NO_COLOR`, or a terminal that cannot show it.
    #[value(alias = "none")]
    #[strum(to_string = "mono", serialize = "none")]
    Mono,
}

impl ThemeName {
    pub const WORDS: &'static [&'static str] = <ThemeName as strum::VariantNames>::VARIANTS;

    /// The name as `--theme` and the config file spell it.
    pub fn word(self) -> &'static str {
        self.into()
    }

    pub fn parse(word: &str) -> Option<ThemeName> {
        word.parse().ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// The background the theme is made for, painted under every screen; `None` (mono) keeps
    /// the terminal's own.
    pub background: Option<Color>,
    /// The ink and paper every cell starts from, before a widget's own style.
    pub base: Style,
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

/// A color given as red, green and blue, so its contrast is known.
const fn rgb(hex: u32) -> Color {
    Color::Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// The colors of a theme, by meaning.
struct Palette {
    paper: u32,
    ink: u32,
    dim: u32,
    accent: u32,
    border: u32,
    focus: u32,
    ok: u32,
    bad: u32,
    warn: u32,
    fresh: u32,
    strong: u32,
}

/// For a dark terminal: light text on near-black.
const DARK: Palette = Palette {
    paper: 0x121212,
    ink: 0xd7d7d7,
    dim: 0x9e9e9e,
    accent: 0x5fd7ff,
    border: 0x6c6c6c,
    focus: 0xffd75f,
    ok: 0x87d787,
    bad: 0xff8787,
    warn: 0xffd75f,
    fresh: 0xffd75f,
    strong: 0xffffff,
};

/// For a projector or a light terminal: dark text on white.
const LIGHT: Palette = Palette {
    paper: 0xffffff,
    ink: 0x1c1c1c,
    dim: 0x5f5f5f,
    accent: 0x005fa8,
    border: 0x8a8a8a,
    focus: 0x8700af,
    ok: 0x006b00,
    bad: 0xb40000,
    warn: 0x875f00,
    fresh: 0x8700af,
    strong: 0x000000,
};

/// The most contrast: white and bright colors on black.
const HIGH_CONTRAST: Palette = Palette {
    paper: 0x000000,
    ink: 0xffffff,
    dim: 0xd0d0d0,
    accent: 0x5fffff,
    border: 0xc6c6c6,
    focus: 0xffff00,
    ok: 0x5fff87,
    bad: 0xff8787,
    warn: 0xffd700,
    fresh: 0x00ffff,
    strong: 0xffff00,
};

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        match name {
            ThemeName::Dark => Theme::colored(name, &DARK, bold.add_modifier(Modifier::ITALIC)),
            ThemeName::Light => Theme::colored(name, &LIGHT, bold.add_modifier(Modifier::ITALIC)),
            // Emphasis by weight and color, never by underlining whole paragraphs.
            ThemeName::HighContrast => Theme {
                text: bold.fg(rgb(HIGH_CONTRAST.ink)),
                ..Theme::colored(name, &HIGH_CONTRAST, bold)
            },
            ThemeName::Mono => Theme {
                name,
                background: None,
                base: plain,
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

    /// A theme painted on its palette's paper. `emphasis` is the modifiers marked words get,
    /// on top of the palette's strongest color.
    fn colored(name: ThemeName, p: &Palette, emphasis: Style) -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        let fg = |hex: u32| plain.fg(rgb(hex));
        Theme {
            name,
            background: Some(rgb(p.paper)),
            base: fg(p.ink).bg(rgb(p.paper)),
            text: fg(p.ink),
            dim: fg(p.dim),
            title: bold.fg(rgb(p.accent)),
            accent: fg(p.accent),
            border: fg(p.border),
            focus: bold.fg(rgb(p.focus)),
            ok: fg(p.ok),
            bad: fg(p.bad),
            warn: fg(p.warn),
            fresh: bold.fg(rgb(p.fresh)),
            selected: plain.add_modifier(Modifier::REVERSED),
            key: bold.fg(rgb(p.accent)),
            emphasis: emphasis.fg(rgb(p.strong)),
        }
    }

    /// Every style of the theme with its name, and whether it only draws lines and glyphs
    /// (3:1 is enough) rather than text (4.5:1).
    pub fn styles(&self) -> [(&'static str, Style, bool); 13] {
        [
            ("text", self.text, false),
            ("dim", self.dim, false),
            ("title", self.title, false),
            ("accent", self.accent, false),
            ("border", self.border, true),
            ("focus", self.focus, false),
            ("ok", self.ok, false),
            ("bad", self.bad, false),
            ("warn", self.warn, false),
            ("fresh", self.fresh, false),
            ("selected", self.selected, false),
            ("key", self.key, false),
            ("emphasis", self.emphasis, false),
        ]
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

/// A color's red, green and blue, when they are known whatever the terminal: true RGB, or an
/// index of the 256-color cube or gray ramp. The 16 named colors (and the terminal's default)
/// are `None`: every terminal shows them its own way.
pub fn rgb_of(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i @ 16..=231) => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + n * 40 };
            let i = i - 16;
            Some((level(i / 36), level(i / 6 % 6), level(i % 6)))
        }
        Color::Indexed(i @ 232..=255) => {
            let v = 8 + (i - 232) * 10;
            Some((v, v, v))
        }
        _ => None,
    }
}

/// The WCAG relative luminance of a color.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of two colors, from 1 (the same) to 21 (black on white).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    let (light, dark) = if x > y { (x, y) } else { (y, x) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mono_theme_uses_no_color_anywhere() {
        let t = Theme::new(ThemeName::Mono);
        for (_, style, _) in t.styles() {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }

    #[test]
    fn every_style_of_every_colored_theme_has_the_contrast_its_role_needs() {
        for name in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
            let t = Theme::new(name);
            let paper = t
                .background
                .and_then(rgb_of)
                .expect("a declared RGB background");
            assert_eq!(t.base.bg, t.background, "{name:?} paints its background");
            let ink = t.base.fg.and_then(rgb_of).expect("RGB ink");
            for (what, style, glyph) in t.styles() {
                let fg = style.fg.map_or(Some(ink), rgb_of);
                let fg = fg.unwrap_or_else(|| panic!("{name:?} {what}: a color of unknown value"));
                let bg = style.bg.map_or(Some(paper), rgb_of).expect("known");
                let ratio = contrast(fg, bg);
                let needed = if glyph { 3.0 } else { 4.5 };
                assert!(
                    ratio >= needed,
                    "{name:?} {what}: {ratio:.2}:1, needs {needed}:1"
                );
            }
        }
    }

    #[test]
    fn high_contrast_emphasises_with_weight_and_color_not_underlines() {
        let t = Theme::new(ThemeName::HighContrast);
        for (what, style, _) in t.styles() {
            assert!(
                !style.add_modifier.contains(Modifier::UNDERLINED),
                "{what} is underlined"
            );
        }
        assert!(t.emphasis.add_modifier.contains(Modifier::BOLD));
        assert_ne!(t.emphasis.fg, t.text.fg, "emphasis has a color of its own");
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((118, 118, 118), (255, 255, 255)) - 4.54).abs() < 0.01);
        assert_eq!(rgb_of(Color::Indexed(196)), Some((255, 0, 0)));
        assert_eq!(rgb_of(Color::Indexed(244)), Some((128, 128, 128)));
        assert_eq!(
            rgb_of(Color::Gray),
            None,
            "ANSI 7 looks different in every terminal"
        );
    }
}
