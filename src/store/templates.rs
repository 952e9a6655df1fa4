//! The agency's schedule templates: one record in the meta table, absent until the agency
//! first saves its templates (the services then offer the built-in standard plan).

use super::records::Record;
use super::tables::{KEY_TEMPLATES, META};
use super::{ReadView, Shared, Store, StoreError, WriteTx};
use crate::domain::template::ScheduleTemplates;
use redb::ReadableTable;

/// The templates stored in `meta` (`None`: never saved, or no meta table yet).
fn templates_in(
    shared: &Shared,
    meta: Option<impl ReadableTable<&'static str, &'static [u8]>>,
) -> Result<Option<ScheduleTemplates>, StoreError> {
    let Some(meta) = meta else {
        return Ok(None);
    };
    match meta.get(KEY_TEMPLATES)? {
        Some(v) => shared.decode("meta", KEY_TEMPLATES, v.value()).map(Some),
        None => Ok(None),
    }
}

impl ReadView {
    /// The agency's schedule templates as saved (`None` if they never were).
    pub fn templates(&self) -> Result<Option<ScheduleTemplates>, StoreError> {
        self.shared
            .guard(|| templates_in(&self.shared, self.table(META)?))
    }
}

impl WriteTx {
    /// The agency's schedule templates as saved (`None` if they never were).
    pub fn templates(&self) -> Result<Option<ScheduleTemplates>, StoreError> {
        self.shared
            .guard(|| templates_in(&self.shared, self.table(META)?))
    }

    /// Saves the agency's schedule templates (the whole list, replacing the previous one).
    pub fn put_templates(&mut self, templates: &ScheduleTemplates) -> Result<(), StoreError> {
        let bytes = templates.encode()?;
        self.tx
            .open_table(META)?
            .insert(KEY_TEMPLATES, bytes.as_slice())?;
        Ok(())
    }
}

impl Store {
    /// The agency's schedule templates as saved (`None` if they never were).
    pub fn templates(&self) -> Result<Option<ScheduleTemplates>, StoreError> {
        self.read()?.templates()
    }
}
