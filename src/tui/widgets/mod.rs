//! Reusable pieces of screens: bordered panels with a visible focus, the key footer, the
//! too-small message.

pub mod footer;
pub mod panel;
pub mod too_small;
