//! The global search popup (Ctrl+K / Ctrl+F): type, see clients, brands, jobs, contacts,
//! contracts and meetings, move with the arrow keys, Enter opens.

use super::model::{ClientTab, Data, Route, read_meetings};
use super::theme;
use crate::domain::{BrandId, ClientId, ContactId, ContractId, JobId, Lang, MeetingSummary};
use crate::search::{DocKind, DocRef, Hit, MatchQuality, SearchIndex, SearchScope};
use crate::services::searching::{Searcher, SharedIndex};
use crate::services::{ReadError, Reader};
use egui::{Atom, AtomExt as _, Key, RichText};
use std::time::Duration;

mod narrowing;

/// How many hits are listed.
const LIMIT: usize = 30;

/// How long a frame waits for the hits of a query just typed: most queries are answered in
/// a few milliseconds and are listed in the frame of the letter that made them; a longer
/// search (a first letter alone matches most records) is listed when it is done, the
/// previous hits meanwhile, while the window goes on drawing.
const WAIT_IN_FRAME: Duration = Duration::from_millis(8);

/// How long Enter waits for the hits of what was typed (or scanned) just before it.
const WAIT_FOR_ENTER: Duration = Duration::from_secs(3);

/// State of the search popup.
#[derive(Debug, Default)]
pub struct SearchPopup {
    open: bool,
    just_opened: bool,
    query: String,
    selected: usize,
    hits: Vec<Hit>,
    /// The query and scope the hits were found for.
    searched: Option<(String, SearchScope)>,
    /// The query and scope last asked of the searcher, and its round.
    asked: Option<((String, SearchScope), u64)>,
    /// Answers the queries on a thread of its own.
    searcher: Searcher,
    /// How long a frame waits for the hits of a query just asked; `None`: [`WAIT_IN_FRAME`].
    wait: Option<Duration>,
    /// The query and scope Enter was pressed for before their hits came: the first of them
    /// opens when they come, unless the person typed on.
    enter_for: Option<(String, SearchScope)>,
    /// The documents whose files hold the words of a query (read from the texts beside the
    /// database, in the background), listed after the hits by name.
    in_files: Option<(String, Vec<FoundInFile>)>,
    /// The kind of record, the client, its brand and job, and the year the hits are
    /// narrowed to.
    scope: SearchScope,
    thumbs: super::screens::thumbs::Thumbs,
}

/// A document found by the words in its file, with what the popup narrows it by.
#[derive(Debug, Clone)]
pub struct FoundInFile {
    /// The hit to list.
    pub hit: Hit,
    /// The document's client (0: the agency's reference files).
    pub client: ClientId,
    /// The year of its date, if it has one.
    pub year: Option<i32>,
    /// The brand it is filed with, if any.
    pub brand: Option<BrandId>,
    /// The job it is filed with, if any.
    pub job: Option<JobId>,
}

impl FoundInFile {
    fn passes(&self, n: &SearchScope) -> bool {
        n.kind.is_none_or(|k| k == DocKind::Document)
            && n.client.is_none_or(|c| c == self.client)
            && n.year.is_none_or(|y| Some(y) == self.year)
            && n.brand.is_none_or(|b| Some(b) == self.brand)
            && n.job.is_none_or(|j| Some(j) == self.job)
    }
}

/// The kind of a hit, as people call it: the name its record kind declares.
pub fn kind_label(kind: DocKind, lang: Lang) -> &'static str {
    match crate::services::doc_subject(kind) {
        Some(subject) => crate::services::subject_name(subject, lang),
        None => lang.pick("记录", "Record"),
    }
}

/// Where a hit leads.
pub fn route_of(doc: DocRef, data: &Data) -> Option<Route> {
    Some(match doc.kind {
        DocKind::Client => Route::Client(ClientId(doc.id), ClientTab::Details),
        DocKind::Brand => Route::Brand(BrandId(doc.id)),
        DocKind::Job => Route::Job(JobId(doc.id)),
        DocKind::Contact => {
            let c = data.contacts.iter().find(|c| c.id == ContactId(doc.id))?;
            Route::Client(c.client_id, ClientTab::Contacts)
        }
        DocKind::Contract => {
            let c = data.contracts.iter().find(|c| c.id == ContractId(doc.id))?;
            Route::Client(c.client_id, ClientTab::Contracts)
        }
        DocKind::Document => Route::Document(crate::domain::DocumentId(doc.id)),
        DocKind::LibraryItem => Route::LibraryItem(crate::domain::LibraryItemId(doc.id)),
        DocKind::CreativeWork => Route::Work(crate::domain::CreativeWorkId(doc.id)),
        DocKind::Meeting => {
            let id = crate::domain::MeetingId(doc.id);
            data.meeting(id)?;
            Route::Meeting(id, crate::ui::model::MeetingTab::Minutes)
        }
    })
}

/// Builds the index over the snapshot's clients, brands, jobs, contacts and contracts; the
/// meetings are added by [`index_meetings`], from the store.
pub fn build_index(data: &Data) -> SearchIndex {
    let mut index = SearchIndex::new();
    for c in &data.clients {
        index.upsert_client(c);
    }
    for b in &data.brands {
        index.upsert_brand(b, data.client_name(b.client_id));
    }
    for j in &data.jobs {
        index.upsert_job(j, data.client_name(j.client_id));
    }
    for c in &data.contacts {
        index.upsert_contact(c, data.client_name(c.client_id));
    }
    for c in &data.contracts {
        index.upsert_contract(c, data.client_name(c.client_id));
    }
    index
}

/// Reads every meeting from the store into `index`, with its minutes' text, and returns
/// their heads for the snapshot (the whole meetings are never in memory together).
pub fn index_meetings<'a>(
    index: &mut SearchIndex,
    data: &Data,
    store: impl Into<Reader<'a>>,
) -> Result<Vec<MeetingSummary>, ReadError> {
    let store = store.into();
    // Room for them all at once: a decade's 170,000 records would otherwise grow the index
    // by doubling, the old and the new array side by side at the peak of memory.
    index.reserve(store.count_indexed());
    let heads = read_meetings(store, |m| {
        index.upsert_meeting(m, data.client_name(m.client_id));
    })?;
    store.read()?.each(|d: crate::domain::Document| {
        index.upsert_document(&d, data.client_name(d.client_id))
    })?;
    store.read()?.each(|w: crate::domain::CreativeWork| {
        index.upsert_creative_work(&w, data.client_name(w.client_id))
    })?;
    store.read()?.each(|i: crate::domain::LibraryItem| {
        index.upsert_library_item(&i, data.client_name(i.client_id))
    })?;
    Ok(heads)
}

impl SearchPopup {
    /// Opens the popup with the previous query selected for retyping.
    pub fn open(&mut self) {
        self.open = true;
        self.just_opened = true;
        self.selected = 0;
    }

    /// Whether it is showing.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Forgets cached results (after the data changed).
    pub fn invalidate(&mut self) {
        self.searched = None;
        self.asked = None;
        self.in_files = None;
        self.thumbs.forget_documents();
    }

    /// Sets how long a frame waits for the hits of a query just typed (tests wait until they
    /// come, so that each frame lists the hits of what is typed).
    pub fn set_wait(&mut self, wait: Duration) {
        self.wait = Some(wait);
    }

    /// Whether the hits listed are those of the query typed, in the scope chosen.
    pub fn is_answered(&self) -> bool {
        self.searched.as_ref() == Some(&(self.query.clone(), self.scope))
    }

    /// Asks the searcher for the hits of the query typed, in the scope chosen, unless they
    /// were asked for already; says whether it asked.
    fn ask(&mut self, index: &SharedIndex) -> bool {
        let wanted = (self.query.clone(), self.scope);
        let new = self
            .asked
            .as_ref()
            .is_none_or(|(asked, _)| *asked != wanted);
        if new {
            let round = self.searcher.ask(index, &self.query, self.scope, LIMIT);
            self.asked = Some((wanted, round));
        }
        new
    }

    /// Whether hits were asked for that have not come.
    fn is_pending(&self) -> bool {
        self.asked
            .as_ref()
            .is_some_and(|(asked, _)| self.searched.as_ref() != Some(asked))
    }

    /// Takes in the hits asked for, waiting for them up to `within`. Until they come the
    /// previous hits stay listed, and the window looks again at its next frame.
    fn take_answer(&mut self, ctx: &egui::Context, within: Duration) {
        if !self.is_pending() {
            return;
        }
        let Some((asked, round)) = self.asked.clone() else {
            return;
        };
        match self.searcher.wait(round, within) {
            Some(hits) => {
                self.hits = hits;
                self.searched = Some(asked);
                self.selected = 0;
            }
            None => ctx.request_repaint_after(Duration::from_millis(16)),
        }
    }

    /// The query to look for in the documents' files: the one typed, while the popup is
    /// open and it has two characters or more.
    pub fn words_wanted(&self) -> Option<&str> {
        let q = self.query.trim();
        (self.open && q.chars().count() >= 2).then_some(q)
    }

    /// Whether the documents holding the words of `query` are known already.
    pub fn has_words_for(&self, query: &str) -> bool {
        self.in_files.as_ref().is_some_and(|(q, _)| q == query)
    }

    /// The documents whose files hold the words of `query`.
    pub fn words_found(&mut self, query: String, hits: Vec<FoundInFile>) {
        self.in_files = Some((query, hits));
    }

    /// The hits to list: by name, then the documents found by the words in their files (the
    /// ones not named already), while they belong to the query shown.
    fn listed(&self) -> Vec<Hit> {
        let mut out = self.hits.clone();
        if let Some((q, found)) = &self.in_files
            && q == self.query.trim()
        {
            for f in found.iter().filter(|f| f.passes(&self.scope)) {
                if !self.hits.iter().any(|h| h.doc == f.hit.doc) {
                    out.push(f.hit.clone());
                }
            }
        }
        out
    }

    /// Draws the popup; returns the route of the hit the person chose. `index` is `None`
    /// while it is still being built: the popup says so and answers once it is ready, so an
    /// answer is never from an incomplete index. `store` gives the documents' thumbnails.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        index: Option<&SharedIndex>,
        data: &Data,
        store: Reader<'_>,
        lang: Lang,
    ) -> Option<Route> {
        if !self.open {
            return None;
        }
        match index {
            Some(index) => {
                // Waited for in the frame that asks; later frames only look whether the
                // hits have come, so that the window draws at its pace meanwhile.
                let wait = match self.ask(index) {
                    true => self.wait.unwrap_or(WAIT_IN_FRAME),
                    false => Duration::ZERO,
                };
                self.take_answer(ctx, wait);
            }
            None => {
                self.hits.clear();
                self.searched = None;
                self.asked = None;
                ctx.request_repaint_after(Duration::from_millis(30));
            }
        }
        let mut listed = self.listed();
        let mut chosen: Option<DocRef> = None;
        if let Some(wanted) = &self.enter_for {
            if self.searched.as_ref() == Some(wanted) {
                chosen = listed.first().map(|h| h.doc);
                self.enter_for = None;
            } else if self.asked.as_ref().map(|(asked, _)| asked) != Some(wanted) {
                self.enter_for = None;
            }
        }
        // Anchored near the top, as command palettes are: the box stays where it is while the
        // list under it grows and shrinks with each letter typed (centred, it jumped).
        let modal_id = egui::Id::unique("global_search");
        let area = egui::Modal::default_area(modal_id)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, POPUP_TOP));
        let modal = egui::Modal::new(modal_id).area(area).show(ctx, |ui| {
            ui.set_width(560.0);
            let label = ui.label(RichText::new(lang.pick("搜索", "Search")).strong());
            let id = egui::Id::unique("global_search_query");
            let edit = egui::TextEdit::singleline(&mut self.query)
                .id(id)
                .hint_text(lang.pick(
                    "客户、品牌、工作号、联络人…（可用拼音首字母，如 kkkl）",
                    "Clients, brands, job numbers, contacts… (pinyin initials work, e.g. kkkl)",
                ))
                .desired_width(f32::INFINITY);
            let mut output = edit.show(ui);
            let response = output.response.response.labelled_by(label.id);
            if self.just_opened {
                // The previous query comes back selected: typing replaces it.
                response.request_focus();
                let all = egui::text::CCursorRange::select_all(&output.galley);
                output.state.cursor.set_char_range(Some(all));
                output.state.store(ui.ctx(), id);
                self.just_opened = false;
            }
            let (down, up, enter) = ui.input(|i| {
                (
                    i.key_pressed(Key::ArrowDown),
                    i.key_pressed(Key::ArrowUp),
                    i.key_pressed(Key::Enter),
                )
            });
            if down && !listed.is_empty() {
                self.selected = (self.selected + 1).min(listed.len() - 1);
            }
            if up {
                self.selected = self.selected.saturating_sub(1);
            }
            if enter && let Some(index) = index {
                // Typed (or scanned) and Enter at once: what Enter opens is a hit of what
                // was typed, never of the query before it.
                self.ask(index);
                self.take_answer(ui.ctx(), WAIT_FOR_ENTER);
                listed = self.listed();
            }
            if enter && !self.is_answered() {
                // Still searching (a long search on a busy computer): the first hit opens
                // when it comes, never one of the query before.
                self.enter_for = Some((self.query.clone(), self.scope));
            } else if enter && let Some(hit) = listed.get(self.selected) {
                chosen = Some(hit.doc);
            }
            self.kinds_ui(ui, lang);
            self.narrowing_ui(ui, data, index, lang);
            ui.add_space(6.0);
            if index.is_none() {
                ui.weak(lang.pick("正在准备搜索…", "Preparing the search…"));
            } else if listed.is_empty() && !self.query.trim().is_empty() {
                // Nothing by name yet, but the files are still being looked through.
                let looking = self.words_wanted().is_some_and(|q| !self.has_words_for(q));
                ui.weak(match (self.is_pending(), looking) {
                    (true, _) => lang.pick("正在搜索…", "Searching…"),
                    (false, true) => lang.pick(
                        "正在查找文件中的文字…",
                        "Looking for the words inside the files…",
                    ),
                    (false, false) => lang.pick("没有找到匹配的记录。", "Nothing matches."),
                });
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .min_scrolled_height(420.0)
                .show(ui, |ui| {
                    let palette = theme::palette(ui.visuals());
                    for (i, hit) in listed.iter().enumerate() {
                        let kind = RichText::new(kind_label(hit.doc.kind, lang))
                            .size(theme::SMALL)
                            .color(palette.accent);
                        // A meeting found by what its minutes say, not by its name, says so.
                        let subtitle = if hit.quality == MatchQuality::Body {
                            let said = match hit.doc.kind {
                                DocKind::Document => lang.pick("文件内容中提到", "in the file"),
                                _ => lang.pick("记录中提到", "in the minutes"),
                            };
                            format!("{said} · {}", hit.subtitle)
                        } else {
                            hit.subtitle.clone()
                        };
                        let subtitle = RichText::new(subtitle)
                            .size(theme::SMALL)
                            .color(palette.internal);
                        // A long title is cut with "…", never the kind in front of it; the
                        // selected row keeps its highlight (`selectable` frames it).
                        let title = hit.title.as_str().atom_shrink(true);
                        let picture = self.thumbnail(ctx, store, hit.doc).map(|t| {
                            egui::Image::new(&t)
                                .fit_to_exact_size(egui::vec2(THUMB, THUMB))
                                .maintain_aspect_ratio(true)
                        });
                        let row = match picture {
                            Some(p) => egui::Button::selectable(
                                i == self.selected,
                                (p, kind, title, Atom::grow(), subtitle),
                            ),
                            None => egui::Button::selectable(
                                i == self.selected,
                                (kind, title, Atom::grow(), subtitle),
                            ),
                        }
                        .truncate()
                        .min_size(egui::vec2(ui.available_width(), 30.0));
                        let r = ui.add(row);
                        if i == self.selected && (down || up) {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            chosen = Some(hit.doc);
                        }
                    }
                });
        });
        let route = chosen.and_then(|doc| route_of(doc, data));
        if modal.should_close() || chosen.is_some() {
            self.open = false;
            self.enter_for = None;
            // The thumbnails' textures go with the popup: a day of searches would keep every
            // picture ever listed.
            self.thumbs.forget_pictures();
        }
        route
    }

    /// The thumbnail of a document's newest file (a picture, or a PDF's first page), once
    /// made.
    fn thumbnail(
        &mut self,
        ctx: &egui::Context,
        store: Reader<'_>,
        doc: DocRef,
    ) -> Option<egui::TextureHandle> {
        if doc.kind != DocKind::Document {
            return None;
        }
        self.thumbs.of_document(ctx, store, doc.id)
    }
}

/// How far below the window's top edge the search box opens, in points.
const POPUP_TOP: f32 = 72.0;

/// The side of a thumbnail in the list of hits.
const THUMB: f32 = 28.0;
