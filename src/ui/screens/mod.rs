//! The screens (placeholder with the shell contract; the real screens replace the bodies).

use super::model::{Env, Route, UiAction};
use crate::services::Applied;

/// Per-screen state.
#[derive(Debug, Default)]
pub struct Screens {
    navigation: Option<Route>,
}

impl Screens {
    /// Draws the central panel for `route`.
    pub fn ui(&mut self, ui: &mut egui::Ui, route: Route, env: &Env, actions: &mut Vec<UiAction>) {
        let _ = (route, actions);
        ui.heading(env.tr("客户", "Clients"));
    }

    /// Unsaved edits on `route`.
    pub fn is_dirty(&self, route: Route) -> bool {
        let _ = route;
        false
    }

    /// Drops edits on `route`.
    pub fn discard(&mut self, route: Route) {
        let _ = route;
    }

    /// Emits the save command of the form on `route`.
    pub fn save(&mut self, route: Route, env: &Env, actions: &mut Vec<UiAction>) {
        let _ = (route, env, actions);
    }

    /// A command succeeded.
    pub fn on_applied(&mut self, applied: &Applied) {
        let _ = applied;
    }

    /// Where to go after a creation succeeded.
    pub fn take_navigation(&mut self) -> Option<Route> {
        self.navigation.take()
    }
}
