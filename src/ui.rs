//! Drawing only: the screens, widgets, theme, fonts and the global search popup. Nothing here
//! writes the database; screens push [`model::UiAction`]s that the app applies.

pub mod fonts;
pub mod model;
pub mod notify;
pub mod screens;
pub mod search_ui;
pub mod shortcuts;
pub mod theme;
pub mod welcome;
