//! Bytes from the terminal turned into keys, mouse events and pastes. Unlike crossterm's parser
//! (crossterm #1104), a sequence that never completes is not waited for forever: the reader
//! calls `flush` after a pause, and what came is taken as the keys that were typed.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// A control sequence longer than this is no sequence a terminal sends: its bytes are keys.
const LONGEST_SEQUENCE: usize = 64;
/// The most of one paste kept; the rest is read and dropped, so a huge paste costs no memory.
pub const PASTE_LIMIT: usize = 256 * 1024;

#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of a sequence (or a character) not complete yet.
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far, and whether some was dropped.
    paste: Option<Paste>,
}

#[derive(Debug, Default)]
struct Paste {
    text: Vec<u8>,
    /// The last bytes seen, so an end marker split across two reads is still found.
    tail: Vec<u8>,
}

/// What the bytes at the start of a buffer are.
enum Step {
    /// An event (or none, for a sequence the app has no use for) and the bytes it took.
    Done(Option<Event>, usize),
    /// The start of a bracketed paste, taking these bytes.
    PasteStart(usize),
    /// A sequence that more bytes may complete.
    Partial,
}

/// Where `Decoder::decode_keys` stopped.
enum Stop {
    /// Every pending byte was decoded.
    Empty,
    /// At the start marker of a bracketed paste, of these bytes.
    PasteStart(usize),
    /// At a sequence that more bytes may complete.
    Partial,
}

impl Decoder {
    /// Decodes what arrived; a sequence cut short waits in the decoder for the next bytes.
    pub fn feed(&mut self, bytes: &[u8], events: &mut Vec<Event>) {
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.paste.is_some() {
                rest = self.feed_paste(rest, events);
                continue;
            }
            self.pending.push(rest[0]);
            rest = &rest[1..];
            self.decode_pending(events);
        }
    }

    /// True while bytes wait for the rest of a sequence (or a paste for its end).
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty() || self.paste.is_some()
    }

    /// True inside a bracketed paste whose end has not come yet.
    pub fn in_paste(&self) -> bool {
        self.paste.is_some()
    }

    /// Nothing more came: a paste without its end is the paste so far, and a sequence cut
    /// short is the keys it is made of (`Esc [ ?` typed quickly is Esc, `[` and `?`).
    pub fn flush(&mut self, events: &mut Vec<Event>) {
        if let Some(paste) = self.paste.take() {
            events.push(Event::Paste(
                String::from_utf8_lossy(&paste.text).into_owned(),
            ));
        }
        loop {
            match self.decode_keys(events) {
                Stop::Empty => return,
                Stop::PasteStart(used) => {
                    self.pending.drain(..used);
                }
                Stop::Partial => {
                    if self.pending[0] == ESC {
                        events.push(key(KeyCode::Esc, KeyModifiers::NONE));
                    }
                    // Else half a UTF-8 character: nothing a key can be made of.
                    self.pending.remove(0);
                }
            }
        }
    }

    fn decode_pending(&mut self, events: &mut Vec<Event>) {
        while let Stop::PasteStart(used) = self.decode_keys(events) {
            self.pending.drain(..used);
            self.paste = Some(Paste::default());
            // Bytes after the marker belong to the paste.
            let after = std::mem::take(&mut self.pending);
            let rest = self.feed_paste(&after, events);
            self.pending.extend_from_slice(rest);
        }
    }

    /// Decodes the pending bytes into events up to what no key is made of: a paste's start
    /// marker (left pending) or a sequence cut short. Feeding and flushing differ only there.
    fn decode_keys(&mut self, events: &mut Vec<Event>) -> Stop {
        while !self.pending.is_empty() {
            match step(&self.pending) {
                Step::Done(event, used) => {
                    events.extend(event);
                    self.pending.drain(..used);
                }
                Step::PasteStart(used) => return Stop::PasteStart(used),
                Step::Partial => return Stop::Partial,
            }
        }
        Stop::Empty
    }

    /// Takes paste text up to its end marker; returns the bytes after the marker.
    fn feed_paste<'a>(&mut self, bytes: &'a [u8], events: &mut Vec<Event>) -> &'a [u8] {
        let Some(paste) = &mut self.paste else {
            return bytes;
        };
        let seen = paste.tail.len();
        let mut window = std::mem::take(&mut paste.tail);
        window.extend_from_slice(bytes);
        if let Some(at) = find(&window, PASTE_END) {
            // The marker may begin in the tail, whose bytes were already added to the text.
            let take = at.saturating_sub(seen);
            keep(&mut paste.text, &bytes[..take]);
            let early = seen.saturating_sub(at);
            paste.text.truncate(paste.text.len().saturating_sub(early));
            let text = String::from_utf8_lossy(&paste.text).into_owned();
            self.paste = None;
            events.push(Event::Paste(text));
            return &bytes[at + PASTE_END.len() - seen..];
        }
        keep(&mut paste.text, bytes);
        let from = window.len().saturating_sub(PASTE_END.len() - 1);
        paste.tail = window[from..].to_vec();
        &[]
    }
}

/// Adds paste bytes up to the limit.
fn keep(text: &mut Vec<u8>, bytes: &[u8]) {
    let room = PASTE_LIMIT.saturating_sub(text.len());
    text.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Decodes the event at the start of `buf`.
fn step(buf: &[u8]) -> Step {
    if buf[0] != ESC {
        return plain(buf);
    }
    match buf.get(1) {
        None => Step::Partial,
        Some(b'[') => csi(buf),
        Some(b'O') => match buf.get(2) {
            None => Step::Partial,
            Some(&b) => match ss3(b) {
                Some(code) => Step::Done(Some(key(code, KeyModifiers::NONE)), 3),
                // Esc then O, then something else: the keys as typed.
                None => Step::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
            },
        },
        Some(&ESC) => Step::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        // Alt and a key: the terminal sends Esc before it.
        Some(_) => match plain(&buf[1..]) {
            Step::Done(Some(Event::Key(mut k)), used) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Done(Some(Event::Key(k)), used + 1)
            }
            Step::Done(other, used) => Step::Done(other, used + 1),
            other => other,
        },
    }
}

/// A byte that starts no sequence: a character or a control key.
fn plain(buf: &[u8]) -> Step {
    let ctrl = |c: u8| {
        Step::Done(
            Some(key(KeyCode::Char(c as char), KeyModifiers::CONTROL)),
            1,
        )
    };
    match buf[0] {
        b'\r' => Step::Done(Some(key(KeyCode::Enter, KeyModifiers::NONE)), 1),
        b'\t' => Step::Done(Some(key(KeyCode::Tab, KeyModifiers::NONE)), 1),
        0x7f => Step::Done(Some(key(KeyCode::Backspace, KeyModifiers::NONE)), 1),
        0 => ctrl(b' '),
        c @ 1..=0x1a => ctrl(c - 1 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        _ => utf8(buf),
    }
}

fn utf8(buf: &[u8]) -> Step {
    let len = match buf[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        // A byte that starts no character: dropped.
        _ => return Step::Done(None, 1),
    };
    if buf.len() < len {
        return Step::Partial;
    }
    match std::str::from_utf8(&buf[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Done(Some(key(KeyCode::Char(c), shift)), len)
        }
        None => Step::Done(None, 1),
    }
}

fn ss3(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + b - b'P'),
        _ => return None,
    })
}

/// `ESC [`, parameters and intermediates (0x20-0x3f), then one final byte (0x40-0x7e). A
/// byte outside those ranges before the final one ends it: what came were typed keys.
fn csi(buf: &[u8]) -> Step {
    for (i, &b) in buf.iter().enumerate().skip(2) {
        match b {
            0x20..=0x3f if i < LONGEST_SEQUENCE => {}
            0x40..=0x7e => {
                if buf.starts_with(PASTE_START) && i + 1 == PASTE_START.len() {
                    return Step::PasteStart(i + 1);
                }
                return Step::Done(csi_event(&buf[2..i], b), i + 1);
            }
            _ => return Step::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        }
    }
    Step::Partial
}

/// The event a complete control sequence stands for, if the app has a use for it.
fn csi_event(params: &[u8], last: u8) -> Option<Event> {
    let text = std::str::from_utf8(params).ok()?;
    if let Some(mouse) = text.strip_prefix('<') {
        return sgr_mouse(mouse, last == b'M').map(Event::Mouse);
    }
    let numbers: Vec<u16> = text
        .split(';')
        .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(1))
        .collect();
    let modifiers = numbers.get(1).map_or(KeyModifiers::NONE, |&m| modifiers(m));
    let code = match last {
        b'A'..=b'D' | b'H' | b'F' | b'P'..=b'S' if !text.starts_with('?') => ss3(last)?,
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'~' => tilde(numbers.first().copied()?)?,
        _ => return None,
    };
    Some(key(code, modifiers))
}

fn tilde(n: u16) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 plus a bit each for Shift, Alt and Ctrl.
fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// An SGR mouse report, `CSI < button ; column ; row M` (pressed) or `m` (released).
fn sgr_mouse(params: &str, pressed: bool) -> Option<MouseEvent> {
    let mut it = params.split(';').map(|p| p.parse::<u16>().ok());
    let (cb, column, row) = (it.next()??, it.next()??, it.next()??);
    let button = match cb & 0b11 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if cb & 64 != 0 {
        match cb & 0b11 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if cb & 32 != 0 {
        if cb & 0b11 == 3 {
            MouseEventKind::Moved
        } else {
            MouseEventKind::Drag(button)
        }
    } else if pressed {
        MouseEventKind::Down(button)
    } else {
        MouseEventKind::Up(button)
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, m) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if cb & bit != 0 {
            modifiers |= m;
        }
    }
    Some(MouseEvent {
        kind,
        column: column.saturating_sub(1),
        row: row.saturating_sub(1),
        modifiers,
    })
}

#[cfg(test)]
mod tests;
