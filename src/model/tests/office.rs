//! The write side as docs/model-semantics.md states it: versions and `expecting`, `show-book`,
//! the office's modes, `crash office`, the outbox, and read models rebuilt from the tables.

use super::*;
