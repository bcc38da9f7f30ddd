//! Reusable pieces of screens: bordered panels with a visible focus, the key footer, the
//! too-small message, and the panels that show the model (office, log, catalogs, commands).

pub mod catalogs;
pub mod footer;
pub mod last_command;
pub mod log;
pub mod model_panels;
pub mod narration;
pub mod office;
pub mod panel;
pub mod prompt;
pub mod text;
pub mod too_small;
