//! The app's own reader of the terminal: it waits on the terminal and on window-size changes
//! at once, and hands the loop every event one read brought, so a paste costs one frame. It
//! replaces crossterm's reader, whose parser waits forever for the end of a sequence that
//! never comes (`Esc [ ?` typed quickly, a paste's start without its end: crossterm #1104).

mod decode;

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

pub use decode::{Decoder, PASTE_LIMIT};

/// How long the rest of an escape sequence is waited for: the bytes of one key arrive
/// together, so anything slower was typed by a person.
const SEQUENCE_WAIT: Duration = Duration::from_millis(50);
/// How long a paste's end is waited for once its bytes stop coming.
const PASTE_WAIT: Duration = Duration::from_millis(400);

pub struct Input {
    tty: File,
    /// Becomes readable when the window is resized (SIGWINCH, through signal-hook's pipe).
    resized: UnixStream,
    decoder: Decoder,
    last_byte: Instant,
    buffer: Vec<u8>,
}

impl Input {
    /// Reads the terminal the app runs in: standard input when it is one (where crossterm
    /// set raw mode), else `/dev/tty`.
    pub fn open() -> std::io::Result<Input> {
        let stdin = std::io::stdin();
        let tty = if stdin.is_terminal() {
            use std::os::fd::AsFd;
            File::from(stdin.as_fd().try_clone_to_owned()?)
        } else {
            File::open("/dev/tty")?
        };
        let (resized, notify) = UnixStream::pair()?;
        resized.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, notify)?;
        Ok(Input {
            tty,
            resized,
            decoder: Decoder::default(),
            last_byte: Instant::now(),
            buffer: vec![0; 64 * 1024],
        })
    }

    /// Waits for input: every event the next read brings, or none once `timeout` passes
    /// (`None`: wait as long as it takes).
    pub fn read(&mut self, timeout: Option<Duration>) -> std::io::Result<Vec<Event>> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut events = Vec::new();
        while events.is_empty() {
            let now = Instant::now();
            let flush_at = self.decoder.waiting().then(|| {
                let wait = if self.decoder.in_paste() {
                    PASTE_WAIT
                } else {
                    SEQUENCE_WAIT
                };
                self.last_byte + wait
            });
            if flush_at.is_some_and(|at| now >= at) {
                self.decoder.flush(&mut events);
                continue;
            }
            if deadline.is_some_and(|d| now >= d) {
                break;
            }
            let until = flush_at.into_iter().chain(deadline).min();
            let (tty, resized) = poll(&self.tty, &self.resized, until.map(|u| u - now))?;
            if tty {
                let n = self.tty.read(&mut self.buffer)?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                self.last_byte = Instant::now();
                self.decoder.feed(&self.buffer[..n], &mut events);
            }
            if resized {
                let mut drain = [0u8; 64];
                while (&self.resized).read(&mut drain).is_ok_and(|n| n > 0) {}
                let (w, h) = ratatui::crossterm::terminal::size()?;
                events.push(Event::Resize(w, h));
            }
        }
        Ok(events)
    }
}

/// Waits until the terminal or the resize pipe can be read, or `timeout` passes; an
/// interrupted wait is a timeout (the caller looks again).
fn poll(
    tty: &File,
    resized: &UnixStream,
    timeout: Option<Duration>,
) -> std::io::Result<(bool, bool)> {
    let mut fds = [
        libc::pollfd {
            fd: tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: resized.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    // Rounded up, so a wait never ends a moment before its time and spins.
    let ms = timeout.map_or(-1, |t| {
        t.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
    });
    // SAFETY: `fds` is a valid array of two pollfd structs that outlives the call.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
    if n < 0 {
        let e = std::io::Error::last_os_error();
        return if e.kind() == std::io::ErrorKind::Interrupted {
            Ok((false, false))
        } else {
            Err(e)
        };
    }
    let ready =
        |fd: &libc::pollfd| fd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0;
    Ok((ready(&fds[0]), ready(&fds[1])))
}
