//! A document's physical originals on the library's shelves (a signed contract, a proof, the
//! tape a file is a copy of): listed on its page with where each is, and registered from
//! there, to be lent and returned on the item's page.

use super::super::widgets;
use crate::domain::library::{LibraryItem, MediumKind};
use crate::domain::{Document, DocumentId};
use crate::services::Command;
use crate::ui::model::Route;
use crate::ui::model::{Env, UiAction};
use egui::Ui;

/// The library items holding a document, read again when the data changes.
pub(super) type Shelved = widgets::PerGeneration<DocumentId, Vec<LibraryItem>>;

/// The items of `doc` on the shelves, each opening its page, and the button registering its
/// original as a new item (whose page then opens).
pub(super) fn items_ui(
    ui: &mut Ui,
    env: &Env,
    doc: &Document,
    shelved: &mut Shelved,
    actions: &mut Vec<UiAction>,
) {
    ui.strong(env.tr("图书室实物", "On the library's shelves"));
    let items = shelved.get(env, doc.id, || {
        env.store
            .library_items()
            .unwrap_or_default()
            .into_iter()
            .filter(|i| i.documents.contains(&doc.id))
            .collect()
    });
    if items.is_empty() {
        ui.weak(env.tr(
            "没有登记实物。纸质原件、打样或母带可登记到图书室，借出与归还都有记录。",
            "No item registered. A paper original, a proof or a master can be registered in the library, where loans are kept.",
        ));
    }
    for i in items.iter() {
        ui.horizontal(|ui| {
            if ui.link(i.label()).clicked() {
                actions.push(UiAction::Navigate(Route::LibraryItem(i.id)));
            }
            ui.label(&i.title);
            ui.weak(i.home.label());
            if i.out_on().is_some() {
                ui.weak(env.tr("借出中", "On loan"));
            }
        });
    }
    if doc.trashed.is_none()
        && ui
            .button(env.tr("登记此文件的实物", "Register an item of this document"))
            .clicked()
    {
        let (kind, what) = original_of(doc);
        let mut d = crate::services::library::ItemDraft::new(
            doc.client_id,
            format!("{} {what}", doc.title),
        );
        d.kind = kind;
        d.job_id = doc.job_id;
        d.documents = vec![doc.id];
        actions.push(UiAction::Command(Command::AddLibraryItem(Box::new(d))));
    }
}

/// What the physical item of a document of `doc`'s kind usually is, and its name's ending.
fn original_of(doc: &Document) -> (MediumKind, &'static str) {
    use crate::domain::document::DocumentKind as K;
    match doc.kind {
        K::Creative => (MediumKind::Proof, "打样"),
        K::Reference | K::Other => (MediumKind::Other, "实物"),
        _ => (MediumKind::Original, "原件"),
    }
}
