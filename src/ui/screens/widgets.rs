//! Shared pieces of the forms: the draft-versus-stored bookkeeping ([`Form`]) and labelled
//! fields that tests and screen readers can find by their label.

use crate::domain::{Audit, Lang, format};
use crate::services::{Base, ReadError, RecordRevision};
use crate::ui::model::Env;
use crate::ui::shortcuts::UiCommand;
use egui::{RichText, Ui};

mod rows;
pub(crate) use rows::*;

/// Something read from the store for a key, kept until the data changes: a screen reads
/// lists it shows (a client's documents, the shelves) once per data generation, not every
/// frame.
#[derive(Debug)]
pub(crate) struct PerGeneration<K, T> {
    kept: Option<(K, u64, std::sync::Arc<T>)>,
}

impl<K, T> Default for PerGeneration<K, T> {
    fn default() -> Self {
        PerGeneration { kept: None }
    }
}

impl<K: PartialEq + Clone, T> PerGeneration<K, T> {
    /// What was read for `key` at the current data generation, reading it with `load` first
    /// if the key or the data changed.
    pub fn get(&mut self, env: &Env, key: K, load: impl FnOnce() -> T) -> std::sync::Arc<T> {
        if let Some((k, generation, value)) = &self.kept
            && *k == key
            && *generation == env.data.generation
        {
            return std::sync::Arc::clone(value);
        }
        let value = std::sync::Arc::new(load());
        self.kept = Some((key, env.data.generation, std::sync::Arc::clone(&value)));
        value
    }
}

/// A form's draft next to the stored values it started from, keyed by the record it edits.
/// Dirty means the draft differs from what was loaded; a failed save keeps the draft. A form
/// over a stored record ([`Form::sync_stored`]) also keeps the revision it loaded, which its
/// save states ([`Form::base`]), and notices when the record changes under kept edits.
#[derive(Debug, Clone)]
pub(crate) struct Form<K, D> {
    key: Option<K>,
    base: D,
    /// What the person has typed.
    pub draft: D,
    generation: u64,
    /// The revision of the record the draft was loaded from (`None`: not stored, or new).
    shown: Option<RecordRevision>,
    /// The data generation at which the record was last compared with `shown`.
    checked: u64,
    /// The record changed (or was removed) since it was loaded, while edits were kept.
    stale: Option<Stale>,
    /// The record as the other person saved it (its draft and revision), while stale.
    theirs: Option<(D, Option<RecordRevision>)>,
    /// The fields the other person changed, worked out once for the notice.
    their_fields: Option<Vec<String>>,
    /// After a merge: the fields both people changed, where the person's own was kept.
    merged: Option<Vec<String>>,
}

/// What happened to a record under a form's unsaved edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stale {
    /// Someone saved a newer revision.
    Changed(RecordRevision),
    /// Someone removed it.
    Removed,
}

impl<K, D: Default> Default for Form<K, D> {
    fn default() -> Self {
        Form {
            key: None,
            base: D::default(),
            draft: D::default(),
            generation: 0,
            shown: None,
            checked: 0,
            stale: None,
            theirs: None,
            their_fields: None,
            merged: None,
        }
    }
}

impl<K: PartialEq + Copy, D: Clone + PartialEq> Form<K, D> {
    /// Loads the draft when the form opens on another record, or when the data changed and
    /// nothing was typed since.
    pub fn sync(&mut self, key: K, generation: u64, load: impl FnOnce() -> D) {
        self.sync_stored(key, generation, || (load(), None), || Ok(None));
    }

    /// Like [`Self::sync`], for a form over a stored record: `load` reads the draft and the
    /// revision it was made from together. When the data changed while edits are kept,
    /// `current` says which revision the record is at now; a different one marks the form
    /// stale ([`Self::stale`]): the edits stay, and their save will be refused as stale. A
    /// revision that cannot be read marks nothing (the save still checks).
    pub fn sync_stored(
        &mut self,
        key: K,
        generation: u64,
        load: impl FnOnce() -> (D, Option<RecordRevision>),
        current: impl FnOnce() -> Result<Option<RecordRevision>, ReadError>,
    ) {
        let other = self.key != Some(key);
        if other || (self.generation != generation && !self.is_dirty()) {
            let (d, shown) = load();
            self.base = d.clone();
            self.draft = d;
            self.key = Some(key);
            self.generation = generation;
            self.checked = generation;
            self.shown = shown;
            self.stale = None;
            self.theirs = None;
            self.their_fields = None;
            self.merged = None;
        } else if self.checked != generation {
            self.checked = generation;
            if let Ok(now) = current()
                && self.shown.is_some()
                && now.map(|r| r.rev) != self.shown.map(|r| r.rev)
            {
                self.stale = Some(now.map_or(Stale::Removed, Stale::Changed));
                // Read once per revision of theirs, not at every change of the data.
                let held = self.theirs.as_ref().map(|(_, r)| r.map(|r| r.rev));
                if held != Some(now.map(|r| r.rev)) {
                    self.theirs = now.is_some().then(load);
                    self.their_fields = None;
                }
            }
        }
    }

    /// The record as the other person saved it, while the form is stale.
    pub fn theirs(&self) -> Option<&D> {
        self.theirs.as_ref().map(|(d, _)| d)
    }

    /// Keeps the person's edits as the newer version over the other person's: the form now
    /// replaces their revision (which stays in the record's history), and its save goes
    /// through.
    pub fn keep_mine(&mut self) {
        if let Some((theirs, rev)) = self.theirs.take() {
            self.base = theirs;
            self.shown = rev;
            self.stale = None;
            self.merged = None;
        }
    }

    /// Merges the person's edits into the other person's version field by field (see
    /// [`super::conflict::merge3`]); the merged draft is left to check and save. Returns
    /// false when the draft cannot be merged (nothing changes then).
    pub fn merge_theirs(&mut self) -> bool
    where
        D: serde::Serialize + serde::de::DeserializeOwned,
    {
        let Some((theirs, rev)) = &self.theirs else {
            return false;
        };
        let Some(merged) = super::conflict::merge3(&self.base, &self.draft, theirs) else {
            return false;
        };
        self.base = theirs.clone();
        self.shown = *rev;
        self.draft = merged.draft;
        self.stale = None;
        self.theirs = None;
        self.merged = Some(merged.both);
        true
    }

    /// After a merge, the fields both people changed (the person's own kept), until saved.
    pub fn merged(&self) -> Option<&[String]> {
        self.merged.as_deref()
    }

    /// What a save of this form states it replaces: the revision its draft was loaded from.
    pub fn base(&self) -> Base {
        Base::Shown(self.shown.map(|r| r.rev))
    }

    /// The record changed under the kept edits since the form loaded it, if it did.
    pub fn stale(&self) -> Option<Stale> {
        self.stale
    }

    /// The record this form edits, if it is open.
    pub fn key(&self) -> Option<K> {
        self.key
    }

    /// Unsaved edits.
    pub fn is_dirty(&self) -> bool {
        self.key.is_some() && self.draft != self.base
    }

    /// Unsaved edits on the record `key`.
    pub fn is_dirty_for(&self, key: K) -> bool {
        self.key == Some(key) && self.draft != self.base
    }

    /// Forgets the draft; the next frame reloads from the stored record.
    pub fn discard(&mut self) {
        self.key = None;
        self.merged = None;
    }

    /// Drops the edits and reloads the record as it is stored now, keeping the form open on
    /// it (the way out of a stale form).
    pub fn reload(&mut self) {
        self.draft = self.base.clone();
        // No data generation is this one: the next sync loads afresh.
        self.generation = u64::MAX;
    }

    /// The save succeeded: the draft is what is stored now (reloaded with the next data,
    /// since the service may have trimmed what was typed).
    pub fn saved(&mut self) {
        self.base = self.draft.clone();
        self.merged = None;
    }
}

/// A stored record read for an editor, as its draft and the revision it is at. When it
/// cannot be read the form starts from `fallback` with no revision: its save is then refused
/// as stale rather than written over whatever is stored.
pub(crate) fn loaded<T, D>(
    read: Result<Option<(T, RecordRevision)>, ReadError>,
    draft: impl FnOnce(&T) -> D,
    fallback: impl FnOnce() -> D,
) -> (D, Option<RecordRevision>) {
    match read {
        Ok(Some((record, rev))) => (draft(&record), Some(rev)),
        Ok(None) => (fallback(), None),
        Err(e) => {
            log::warn!("reading a record to edit: {e}");
            (fallback(), None)
        }
    }
}

/// Reads the stored record `id` a page shows and keeps the page's `form` (keyed `key`) in
/// step with it ([`Form::sync_stored`]). When the record is gone or cannot be read the page
/// says so (`missing`, Chinese and English) and gets `None`.
pub(crate) fn record_for_page<T, K, D>(
    ui: &mut Ui,
    env: &Env,
    form: &mut Form<K, D>,
    (key, id): (K, u64),
    missing: (&str, &str),
    draft: impl Fn(&T) -> D,
) -> Option<T>
where
    T: crate::services::RecordKind,
    K: PartialEq + Copy,
    D: Clone + PartialEq,
{
    let record = match env.store.shown::<T>(id) {
        Ok(Some((r, _))) => r,
        Ok(None) => {
            ui.heading(env.tr(missing.0, missing.1));
            return None;
        }
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.message(env.lang));
            return None;
        }
    };
    form.sync_stored(
        key,
        env.data.generation,
        || loaded(env.store.shown::<T>(id), &draft, || draft(&record)),
        || env.store.revision::<T>(id),
    );
    Some(record)
}

/// The notice above a form whose record someone else changed (who, when, which fields) or
/// removed while the person's edits were kept, with the ways on: load theirs (dropping the
/// edits), merge field by field, or keep the person's own as the newer version. Nothing
/// typed is lost until the person chooses.
pub(crate) fn stale_ui<K: PartialEq + Copy, D>(ui: &mut Ui, env: &Env, form: &mut Form<K, D>)
where
    D: Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
{
    if let Some(both) = form.merged() {
        let text = if both.is_empty() {
            env.tr(
                "已合并双方的修改，请检查后保存。",
                "Both sets of changes are merged: check them, then save.",
            )
            .to_string()
        } else {
            let fields = super::conflict::field_list(both, env.lang);
            match env.lang {
                Lang::Zh => format!(
                    "已合并双方的修改；两人都改了：{fields}，这些保留了您的内容。请检查后保存。"
                ),
                Lang::En => format!(
                    "Both sets of changes are merged; you both changed {fields}, where yours is kept. Check, then save."
                ),
            }
        };
        ui.colored_label(ui.visuals().warn_fg_color, text);
    }
    let Some(stale) = form.stale() else {
        return;
    };
    let text = match stale {
        Stale::Changed(r) => {
            let who = env.data.user_name(r.by);
            let when = r
                .at
                .map(|at| format::moment(at, &chrono::Local, env.lang))
                .unwrap_or_default();
            if form.their_fields.is_none()
                && let Some((theirs, _)) = &form.theirs
            {
                form.their_fields = Some(super::conflict::changed_fields(&form.base, theirs));
            }
            let fields = form
                .their_fields
                .as_deref()
                .filter(|f| !f.is_empty())
                .map(|f| super::conflict::field_list(f, env.lang));
            match (env.lang, fields) {
                (Lang::Zh, Some(f)) => format!(
                    "⚠ 您修改期间，{who} 于 {when} 修改了这条记录：{f}。您的修改仍保留在下方：可以载入对方的版本、合并双方的修改，或以您的为准保存为新版本。"
                ),
                (Lang::Zh, None) => format!(
                    "⚠ 您修改期间，这条记录已被 {who} 于 {when} 修改。您的修改仍保留在下方：可以载入对方的版本、合并双方的修改，或以您的为准保存为新版本。"
                ),
                (Lang::En, Some(f)) => format!(
                    "⚠ While you were editing, {who} changed {f} of this record at {when}. Your edits are kept below: load theirs, merge both, or keep yours as the newer version."
                ),
                (Lang::En, None) => format!(
                    "⚠ While you were editing, {who} changed this record at {when}. Your edits are kept below: load theirs, merge both, or keep yours as the newer version."
                ),
            }
        }
        Stale::Removed => env
            .tr(
                "⚠ 您修改期间，这条记录已被删除。您的修改仍保留在下方，但无法保存。",
                "⚠ While you were editing, this record was removed. Your edits are kept below but cannot be saved.",
            )
            .to_string(),
    };
    ui.colored_label(ui.visuals().warn_fg_color, text);
    if !matches!(stale, Stale::Changed(_)) {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(env.tr("载入对方的版本（放弃我的修改）", "Load theirs (drop my edits)"))
            .clicked()
        {
            form.reload();
        }
        if form.theirs().is_some() {
            if ui
                .button(env.tr("合并双方的修改", "Merge both"))
                .on_hover_text(env.tr(
                    "对方改的字段用对方的，您改的字段用您的；两人都改的字段保留您的，合并后请检查再保存",
                    "Their fields where they changed them, yours where you did; where you both did, yours is kept. Check before saving.",
                ))
                .clicked()
            {
                form.merge_theirs();
            }
            if ui
                .button(env.tr("以我的为准", "Keep mine"))
                .on_hover_text(env.tr(
                    "保存时您的内容成为最新版本，对方的版本留在历史记录中",
                    "Saving makes yours the newest version; theirs stays in the history",
                ))
                .clicked()
            {
                form.keep_mine();
            }
        }
    });
}

/// The "● 未保存 Unsaved" marker shown next to a dirty form's title.
pub(crate) fn unsaved_marker(ui: &mut Ui, env: &Env, dirty: bool) {
    if dirty {
        ui.label(
            RichText::new(format!("● {}", env.tr("未保存", "Unsaved")))
                .color(ui.visuals().warn_fg_color)
                .small(),
        );
    }
}

/// A form's Save (or Add) button, enabled only when there is something to save; its tooltip
/// names the shortcut that does the same (Ctrl+S, or ⌘S on a Mac).
pub(crate) fn save_button(ui: &mut Ui, env: &Env, text: &str, enabled: bool) -> bool {
    let tip = UiCommand::Save.tooltip(ui.ctx(), env.lang);
    ui.add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(&tip)
        .on_disabled_hover_text(&tip)
        .clicked()
}

/// "创建：谁，何时 · 最后修改：谁，何时" from a record's audit.
pub(crate) fn audit_ui(ui: &mut Ui, env: &Env, audit: &Audit) {
    let when = |at| format::moment(at, &chrono::Local, env.lang);
    let text = format!(
        "{} {}, {} · {} {}, {}",
        env.tr("创建：", "Created:"),
        env.data.user_name(Some(audit.created.by)),
        when(audit.created.at),
        env.tr("最后修改：", "Last changed:"),
        env.data.user_name(Some(audit.updated.by)),
        when(audit.updated.at),
    );
    ui.weak(text);
}

/// A date for a table cell, or `—`.
pub(crate) fn date_cell(env: &Env, d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| format::date(d, env.lang))
}

/// A colour token of the schedules (sRGB, shared with the PDF) as an egui colour.
pub(crate) fn rgb([r, g, b]: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(r, g, b)
}

/// A milestone's diamond centred on `c`, `r` points from centre to corner, filled with `fill`
/// and outlined with `stroke`.
pub(crate) fn diamond(
    c: egui::Pos2,
    r: f32,
    fill: egui::Color32,
    stroke: egui::Stroke,
) -> egui::Shape {
    let corners = vec![
        egui::Pos2::new(c.x, c.y - r),
        egui::Pos2::new(c.x + r, c.y),
        egui::Pos2::new(c.x, c.y + r),
        egui::Pos2::new(c.x - r, c.y),
    ];
    egui::Shape::convex_polygon(corners, fill, stroke)
}

/// The notice on a page of an archived job's (its schedule, estimates, file or one of its
/// documents): read-only until the job is reopened from its page. Nothing when `job` is not
/// archived.
pub(crate) fn archived_notice(ui: &mut Ui, env: &Env, job: Option<crate::domain::JobId>) {
    let Some(job) = job.and_then(|j| env.data.job(j)) else {
        return;
    };
    if job.status != crate::domain::JobStatus::Archived {
        return;
    }
    ui.colored_label(
        ui.visuals().warn_fg_color,
        match env.lang {
            Lang::Zh => format!(
                "工作 {} 已归档，在历史档案中只读：如需修改，请先在工作页上“重新打开…”。",
                job.number.text
            ),
            Lang::En => format!(
                "Job {} is archived and read-only in the history archive: reopen it on its page to change anything.",
                job.number.text
            ),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;
    use crate::services::Rev;

    fn at(rev: u64) -> RecordRevision {
        RecordRevision {
            rev: Rev(rev),
            by: Some(UserId(7)),
            at: None,
        }
    }

    #[test]
    fn a_form_over_a_stored_record_saves_from_the_revision_it_loaded() {
        let mut form: Form<u64, String> = Form::default();
        form.sync_stored(1, 1, || ("李华".into(), Some(at(5))), || Ok(Some(at(5))));
        assert_eq!(form.base(), Base::Shown(Some(Rev(5))));
        // Clean: a newer revision is simply loaded.
        form.sync_stored(1, 2, || ("李华华".into(), Some(at(6))), || Ok(Some(at(6))));
        assert_eq!(
            (form.draft.as_str(), form.base()),
            ("李华华", Base::Shown(Some(Rev(6))))
        );
        assert_eq!(form.stale(), None);
        // Dirty: the edits stay, the base stays, and the form says the record moved on.
        form.draft.push('！');
        form.sync_stored(1, 3, || ("别人的".into(), Some(at(9))), || Ok(Some(at(9))));
        assert_eq!(form.draft, "李华华！");
        assert_eq!(form.base(), Base::Shown(Some(Rev(6))));
        assert_eq!(form.stale(), Some(Stale::Changed(at(9))));
        // Loading theirs drops the edits and takes the new revision.
        form.reload();
        form.sync_stored(1, 3, || ("别人的".into(), Some(at(9))), || Ok(Some(at(9))));
        assert_eq!(
            (form.draft.as_str(), form.base()),
            ("别人的", Base::Shown(Some(Rev(9))))
        );
        assert_eq!(form.stale(), None);
    }

    #[test]
    fn an_unchanged_or_unreadable_revision_marks_nothing() {
        let mut form: Form<u64, String> = Form::default();
        form.sync_stored(1, 1, || ("a".into(), Some(at(5))), || Ok(Some(at(5))));
        form.draft.push('b');
        // Another record changed (the generation moved), this one did not.
        form.sync_stored(1, 2, || ("x".into(), Some(at(8))), || Ok(Some(at(5))));
        assert_eq!(form.stale(), None);
        form.sync_stored(
            1,
            3,
            || ("x".into(), Some(at(8))),
            || Err(crate::services::ReadError::Engine("busy".into())),
        );
        assert_eq!(form.stale(), None);
        // Gone: it says so.
        form.sync_stored(1, 4, || ("x".into(), None), || Ok(None));
        assert_eq!(form.stale(), Some(Stale::Removed));
        assert_eq!(form.draft, "ab");
    }
}
