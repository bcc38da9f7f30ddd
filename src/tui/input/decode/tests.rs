use super::*;

fn decode(chunks: &[&[u8]]) -> (Vec<Event>, Decoder) {
    let mut d = Decoder::default();
    let mut events = Vec::new();
    for chunk in chunks {
        d.feed(chunk, &mut events);
    }
    (events, d)
}

fn flushed(chunks: &[&[u8]]) -> Vec<Event> {
    let (mut events, mut d) = decode(chunks);
    d.flush(&mut events);
    assert!(!d.waiting());
    events
}

fn k(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

fn ch(c: char) -> Event {
    k(KeyCode::Char(c))
}

fn ctrl(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn esc_bracket_question_mark_then_a_pause_is_the_three_keys() {
    let (events, d) = decode(&[b"\x1b[?"]);
    assert!(events.is_empty() && d.waiting());
    assert_eq!(
        flushed(&[b"\x1b[?"]),
        vec![k(KeyCode::Esc), ch('['), ch('?')]
    );
}

#[test]
fn ctrl_c_inside_an_unfinished_sequence_is_still_ctrl_c() {
    assert_eq!(
        decode(&[b"\x1b[?", b"\x03"]).0,
        vec![k(KeyCode::Esc), ch('['), ch('?'), ctrl('c')]
    );
}

#[test]
fn an_unknown_complete_sequence_is_dropped_and_the_next_key_comes_through() {
    // A DECRPM report (crossterm #1104 wedges on it).
    assert_eq!(decode(&[b"\x1b[?2026;2$yj"]).0, vec![ch('j')]);
}

#[test]
fn a_sequence_too_long_for_any_terminal_is_taken_as_keys() {
    let mut bytes = b"\x1b[".to_vec();
    bytes.extend(std::iter::repeat_n(b'1', 100));
    let (events, _) = decode(&[&bytes]);
    assert_eq!(events[0], k(KeyCode::Esc));
    assert_eq!(events[1], ch('['));
}

#[test]
fn keys_split_across_reads_are_put_together() {
    assert_eq!(decode(&[b"\x1b", b"[", b"A"]).0, vec![k(KeyCode::Up)]);
    assert_eq!(decode(&[b"\xc3", b"\xa9"]).0, vec![ch('é')]);
}

#[test]
fn a_lone_esc_waits_then_is_esc() {
    let (events, d) = decode(&[b"\x1b"]);
    assert!(events.is_empty() && d.waiting());
    assert_eq!(flushed(&[b"\x1b"]), vec![k(KeyCode::Esc)]);
    assert_eq!(decode(&[b"\x1b\x1b"]).0, vec![k(KeyCode::Esc)]);
}

#[test]
fn common_keys_decode_as_crossterm_does() {
    let cases: [(&[u8], Event); 12] = [
        (b"a", ch('a')),
        (b"A", key(KeyCode::Char('A'), KeyModifiers::SHIFT)),
        (b"\r", k(KeyCode::Enter)),
        (b"\t", k(KeyCode::Tab)),
        (b"\x7f", k(KeyCode::Backspace)),
        (b"\x1b[Z", key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        (b"\x1b[5~", k(KeyCode::PageUp)),
        (b"\x1b[3~", k(KeyCode::Delete)),
        (b"\x1bOH", k(KeyCode::Home)),
        (b"\x1b[1;5C", key(KeyCode::Right, KeyModifiers::CONTROL)),
        (b"\x1bx", key(KeyCode::Char('x'), KeyModifiers::ALT)),
        (b"\x1b[15~", k(KeyCode::F(5))),
    ];
    for (bytes, event) in cases {
        assert_eq!(decode(&[bytes]).0, vec![event], "{bytes:?}");
    }
}

#[test]
fn sgr_mouse_reports_are_clicks_and_wheel_turns() {
    let (events, _) = decode(&[b"\x1b[<0;10;5M\x1b[<65;1;1M"]);
    assert_eq!(
        events,
        vec![
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 9,
                row: 4,
                modifiers: KeyModifiers::NONE,
            }),
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            }),
        ]
    );
}

#[test]
fn a_bracketed_paste_is_one_event_even_split_in_the_end_marker() {
    assert_eq!(
        decode(&[b"\x1b[200~tick 2\nstatus\x1b[201~j"]).0,
        vec![Event::Paste("tick 2\nstatus".into()), ch('j')]
    );
    assert_eq!(
        decode(&[b"\x1b[200~ab", b"c\x1b[2", b"01~q"]).0,
        vec![Event::Paste("abc".into()), ch('q')]
    );
    assert_eq!(
        decode(&[b"\x1b[20", b"0~", b"x\x1b", b"[201~"]).0,
        vec![Event::Paste("x".into())]
    );
}

#[test]
fn a_paste_without_its_end_is_the_paste_so_far_once_input_stops() {
    let (events, d) = decode(&[b"\x1b[200~tick"]);
    assert!(events.is_empty() && d.in_paste());
    assert_eq!(
        flushed(&[b"\x1b[200~tick"]),
        vec![Event::Paste("tick".into())]
    );
}

#[test]
fn a_huge_paste_keeps_only_the_limit() {
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', PASTE_LIMIT + 1000));
    bytes.extend(b"\x1b[201~");
    let (events, d) = decode(&[&bytes]);
    assert!(!d.waiting());
    match &events[..] {
        [Event::Paste(text)] => assert_eq!(text.len(), PASTE_LIMIT),
        other => panic!("{other:?}"),
    }
}

proptest::proptest! {
    /// Whatever bytes came before (half sequences, stray reports, random noise), once the
    /// reader has flushed after a pause the decoder waits for nothing, and Ctrl+C is Ctrl+C.
    #[test]
    fn no_bytes_wedge_the_decoder(
        chunks in proptest::collection::vec(proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40), 0..8),
        prefix in proptest::sample::select(vec![&b""[..], b"\x1b", b"\x1b[", b"\x1b[?", b"\x1b[200~", b"\x1bO", b"\x1b[<0;1"]),
    ) {
        let mut d = Decoder::default();
        let mut events = Vec::new();
        d.feed(prefix, &mut events);
        for chunk in &chunks {
            d.feed(chunk, &mut events);
        }
        d.flush(&mut events);
        proptest::prop_assert!(!d.waiting());
        let mut after = Vec::new();
        d.feed(b"\x03", &mut after);
        proptest::prop_assert_eq!(after, vec![ctrl('c')]);
    }
}
