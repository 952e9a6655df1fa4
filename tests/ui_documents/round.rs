//! The job file's round from the window, in one go: two files dropped on a job's files page
//! are filed with their kinds confirmed, their words read by the program itself; one is
//! found with the search box by a word inside it; its paper original is registered on the
//! library's shelves from its page, lent out and returned.

use super::{Dropped, documents, jobs_under_way, kinds, open_at, sample_store};
use account_desk::domain::document::{DocumentKind, TextState};
use account_desk::domain::library::LibraryItem;
use account_desk::domain::{Document, DocumentId};
use account_desk::ui::model::{FilesPlace, Route};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use std::sync::Arc;

#[test]
fn files_dropped_on_a_job_are_found_by_a_word_inside_and_their_original_lent_and_returned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = jobs_under_way(&store).remove(0);
    let sample = documents(&store).len();
    let mut h = open_at(store, Route::Files(FilesPlace::Job(job.id)));
    // The words of what is filed are read by the program, in a process of its own.
    h.state_mut()
        .read_texts_with(env!("CARGO_BIN_EXE_account-desk").into());
    let inbox = dir.path().join("企业微信下载");
    std::fs::create_dir_all(&inbox).expect("inbox");
    let plan = inbox.join("双十一媒介排期_2026-10-20.xlsx");
    std::fs::write(&plan, b"PK plan").expect("plan");
    let call = inbox.join("客户来电记录.txt");
    std::fs::write(&call, "客户确认主视觉改用琥珀色，周五前交付。".as_bytes()).expect("notes");
    for p in [&plan, &call] {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(p.clone())));
    }
    h.run();
    h.run();
    assert_eq!(kinds(&h), ["已签核媒介计划", "其他"]);
    // The call's notes are minutes: the person corrects the kind proposed, then files both.
    h.get_all_by_label("类别")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::ComboBox)
        .nth(1)
        .expect("two kinds")
        .click();
    h.run();
    h.run();
    h.get_by_label("会议纪要").click_accesskit();
    h.run();
    h.get_by_label("全部归档").click();
    h.run();
    h.run();
    let filed: Vec<Document> = documents(h.state().store())
        .into_iter()
        .skip(sample)
        .collect();
    assert_eq!(filed.len(), 2, "both filed");
    let notes = filed
        .iter()
        .find(|d| d.kind == DocumentKind::Minutes)
        .expect("the call's notes, as minutes")
        .clone();
    // Its words are read in the background.
    let version = notes.current().expect("a version").clone();
    let mut read = false;
    for _ in 0..3000 {
        h.run_steps(2);
        let state = account_desk::services::Reader::new(h.state().store()).text_state(&version);
        if matches!(state, TextState::Indexed { .. }) {
            read = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(read, "the notes' words were read");
    // Found by a word inside the file, not in its title.
    open_by_word(&mut h, "琥珀色");
    assert_eq!(h.state().route(), Route::Document(notes.id));
    // Its paper original goes on the library's shelves, registered from its page.
    h.set_size(egui::vec2(1400.0, 2000.0));
    h.run();
    h.get_by_label("登记此文件的实物").click_accesskit();
    h.run();
    let held = |h: &egui_kittest::Harness<'_, account_desk::app::AccountDeskApp>| {
        h.state()
            .store()
            .all::<LibraryItem>()
            .expect("items")
            .into_iter()
            .find(|i| i.documents == [DocumentId(notes.id.0)])
            .expect("the original, registered")
    };
    let item = held(&h);
    assert_eq!(item.title, format!("{} 原件", notes.title));
    assert_eq!(h.state().route(), Route::LibraryItem(item.id));
    h.get_by_label("借出").click();
    h.run();
    assert!(held(&h).out_on().is_some(), "lent out");
    h.get_by_label("归还").click();
    h.run();
    let back = held(&h);
    assert!(back.out_on().is_none(), "returned");
    assert_eq!(back.loans.len(), 1);
    // The document's page lists it, back on its shelf.
    open_by_word(&mut h, "琥珀色");
    assert_eq!(h.state().route(), Route::Document(notes.id));
    h.get_by_label(&back.label());
}

/// Opens the search box, types `word` and opens the document found with it inside its file
/// once it is listed (the files are looked through in the background).
fn open_by_word(
    h: &mut egui_kittest::Harness<'static, account_desk::app::AccountDeskApp>,
    word: &str,
) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text(word);
    let mut found = false;
    for _ in 0..200 {
        h.run_steps(2);
        if h.query_by_label_contains("文件内容中提到").is_some() {
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(found, "listed as found inside its file");
    h.key_press(Key::Enter);
    h.run_steps(2);
}
