//! The ad archive and the library's shelves from the window: a scanned number opens its
//! item, lent and returned; the archive's wall, a work's rights and an item of it.

use super::{open_at, sample_store};
use account_desk::app::AccountDeskApp;
use account_desk::domain::Document;
use account_desk::ui::model::Route;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The library from the window: a number scanned into the search box (a scanner types it
/// and presses Enter) opens the item; it is lent out to the person at the desk and
/// returned, its condition checked.
#[test]
fn a_scanned_number_opens_the_item_which_is_lent_out_and_returned() {
    use account_desk::domain::LibraryItem;
    use account_desk::domain::library::ItemCondition;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let items = store.all::<LibraryItem>().expect("items");
    let tearsheet = items
        .iter()
        .find(|i| i.title.contains("样刊"))
        .expect("the sample's tearsheet")
        .clone();
    assert!(tearsheet.out_on().is_none(), "home");
    let mut h = open_at(store, Route::Library);
    h.get_by_label(&tearsheet.label());
    h.get_by_label("盘点");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text(&tearsheet.label());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().route(), Route::LibraryItem(tearsheet.id));
    h.get_by_label("借出").click();
    h.run();
    let stored = |h: &Harness<'_, AccountDeskApp>| {
        h.state()
            .store()
            .get::<LibraryItem>(tearsheet.id.0)
            .unwrap()
            .unwrap()
    };
    let out = stored(&h);
    let loan = out.out_on().expect("lent out");
    assert_eq!(Some(loan.borrower), h.state().prefs().current_user);
    assert_eq!(
        loan.loan.due_on,
        loan.loan.out_on + chrono::Duration::days(14)
    );
    // The return's condition comes first on the page, above the item's own fields.
    h.get_all_by_label("有磨损")
        .next()
        .expect("a condition")
        .click();
    h.run();
    h.get_by_label("归还").click();
    h.run();
    let back = stored(&h);
    assert!(back.out_on().is_none(), "returned");
    assert_eq!(back.condition, ItemCondition::Worn);
    assert_eq!(back.loans.len(), 1);
    assert_eq!(back.loans[0].condition_back, Some(ItemCondition::Worn));
}

/// A client's ad archive from the window: the wall shows the works by year with a right
/// about to lapse; the table opens a work, whose new right is saved with Ctrl+S; an item of
/// it registered from its page holds it.
#[test]
fn the_ad_archive_shows_the_works_and_a_work_gains_a_right_and_an_item() {
    use account_desk::domain::library::MediumKind;
    use account_desk::domain::{CreativeWork, LibraryItem};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let coke = super::coke(&store);
    let tvc = store
        .all::<CreativeWork>()
        .expect("works")
        .into_iter()
        .find(|w| w.title == "2019 春节 TVC《团圆》")
        .expect("the sample's TVC");
    // Its key visual's thumbnail, as the background reader makes it.
    let kv: Document = store
        .get(tvc.documents[0].0)
        .expect("read")
        .expect("the key visual");
    let file = kv.current().expect("a version").file.clone();
    let stored = store.desk_files().path_of(&file.hash);
    account_desk::services::thumbs::make(store.path(), &stored, &file.hash).expect("thumbnail");
    let mut h = open_at(store, Route::Archive(coke.id));
    h.get_by_label("2019");
    h.get_by_label("2026");
    // Read on a thread of its own, the thumbnail shows a few frames later.
    let thumbnail = "缩略图：2019 春节 TVC《团圆》";
    let shown = (0..500).any(|_| {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.query_by_label(thumbnail).is_some()
    });
    assert!(shown, "the key visual's thumbnail is shown");
    assert!(
        h.query_all_by_label_contains("天后到期").next().is_some(),
        "the running poster's music lapses soon"
    );
    h.get_by_label("表格").click();
    h.run();
    h.get_by_label(&tvc.title).click();
    h.run();
    assert_eq!(h.state().route(), Route::Work(tvc.id));
    h.get_by_label("添加权利").click();
    h.run();
    let holders: Vec<_> = h.get_all_by_label("权利人").collect();
    assert_eq!(holders.len(), 2);
    holders[1].click();
    h.run();
    h.get_all_by_label("权利人")
        .nth(1)
        .expect("the new right")
        .type_text("配乐 李四");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let stored = h
        .state()
        .store()
        .get::<CreativeWork>(tvc.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(stored.rights.len(), 2);
    assert_eq!(stored.rights[1].holder, "配乐 李四");
    let before = h.state().store().all::<LibraryItem>().unwrap().len();
    // Below the fold of the scrolled page: clicked through the accessibility tree.
    h.get_by_label("登记此作品的实物").click_accesskit();
    h.run();
    let items = h.state().store().all::<LibraryItem>().unwrap();
    assert_eq!(items.len(), before + 1);
    let new = items.iter().max_by_key(|i| i.serial).expect("the new item");
    assert_eq!(new.works, vec![tvc.id]);
    assert_eq!(new.kind, MediumKind::Tape);
    assert_eq!(h.state().route(), Route::LibraryItem(new.id));
    // Its page shows the work it holds, and links documents.
    h.run();
    h.get_by_label("所属广告作品");
    h.get_by_label("相关文件");
    assert!(
        h.query_by_label("关联文件").is_some(),
        "a document can be linked"
    );
}

/// The library's label sheet from the window: every item listed, each label with its number
/// (in print and in its QR code), its home and whose it is; the agency's own items say so.
#[test]
fn the_label_sheet_of_the_items_listed_is_saved_as_a_pdf() {
    use account_desk::app::{SaveAnswer, SaveRequest};
    use account_desk::domain::LibraryItem;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let items = store.all::<LibraryItem>().expect("items");
    let ours = items
        .iter()
        .find(|i| i.client_id.0 == 0)
        .expect("an item of the agency's own")
        .clone();
    let mut h = open_at(store, Route::Library);
    let sheet = dir.path().join("标签.pdf");
    let chosen = sheet.clone();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let noted = std::sync::Arc::clone(&asked);
    h.state_mut()
        .set_save_dialog(Box::new(move |request: &SaveRequest<'_>| {
            *noted.lock().expect("name") = request.file_name.to_string();
            SaveAnswer::Chosen(chosen.clone())
        }));
    h.state_mut()
        .set_opener(Box::new(|_: &std::path::Path| Ok(())));
    h.get_by_label("打印所列物品的标签…").click();
    h.run();
    assert_eq!(
        *asked.lock().expect("name"),
        format!("图书室标签 {} 枚.pdf", items.len())
    );
    let bytes = std::fs::read(&sheet).expect("the sheet was saved");
    let text: String = pdf_extract::extract_text_from_mem(&bytes)
        .expect("its text extracts")
        .split_whitespace()
        .collect();
    for i in &items {
        assert!(text.contains(&i.label()), "{} on the sheet", i.label());
    }
    let home: String = ours.home.label().split_whitespace().collect();
    assert!(
        text.contains(&format!("{home}本公司")),
        "the agency's own item's home and owner: {text}"
    );
}
