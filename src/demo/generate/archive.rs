//! The ad archive and the library of the generated agency, catalogued on the last day: a
//! creative work for about one finished job in five (its medium, format, where and when it
//! ran, its approval number), and for the works that leave something to keep, the item on the
//! shelves (a broadcast tape, a tearsheet, a proof), some of them out on loan.

use super::*;
use crate::domain::CreativeWorkId;
use crate::domain::creative::Medium;
use crate::domain::library::{Holding, MediumKind, ShelfPlace};
use crate::services::library::{ItemDraft, LendAsk};
use crate::services::works::WorkDraft;

/// What the library keeps of a work (its kind, and how its title ends), if anything.
type Kept = Option<(MediumKind, &'static str)>;

/// The media of generated works, with how their titles end and what is kept of them.
const MEDIA: [(Medium, &str, Kept); 6] = [
    (Medium::Tv, "TVC", Some((MediumKind::Tape, "播出带"))),
    (
        Medium::Radio,
        "电台广告",
        Some((MediumKind::Tape, "播出带")),
    ),
    (
        Medium::Magazine,
        "杂志广告",
        Some((MediumKind::Tearsheet, "样刊")),
    ),
    (
        Medium::Newspaper,
        "报纸广告",
        Some((MediumKind::Tearsheet, "样刊")),
    ),
    (
        Medium::Outdoor,
        "户外广告",
        Some((MediumKind::Proof, "打样")),
    ),
    (Medium::Digital, "数字广告", None),
];

impl Generator {
    /// Records the works of the finished jobs and registers their items, on the last day.
    pub(super) fn archive(&mut self, store: &Store) -> Result<(), GenError> {
        let jobs: Vec<crate::domain::Job> = store
            .all()
            .map_err(ServiceError::from)?
            .into_iter()
            .filter(|j: &crate::domain::Job| {
                matches!(j.status, JobStatus::Completed | JobStatus::Archived)
            })
            .collect();
        let clients: std::collections::HashMap<ClientId, String> = store
            .all::<Client>()
            .map_err(ServiceError::from)?
            .into_iter()
            .map(|c| (c.id, c.display_name().to_string()))
            .collect();
        let on = self.today;
        let librarian = self.director();
        for chunk in jobs.chunks(BATCH / 4) {
            batch(store, |b| {
                for job in chunk {
                    if !self.rng.chance(20) {
                        continue;
                    }
                    let (medium, word, kept) = MEDIA[self.rng.below(MEDIA.len())];
                    let year = job.requested_on.year();
                    let title = match job.title.starts_with(&year.to_string()) {
                        true => format!("{} {word}", job.title),
                        false => format!("{year} {} {word}", job.title),
                    };
                    let first = job.due_on.unwrap_or(job.requested_on);
                    let mut w = WorkDraft::new(job.client_id, title.clone());
                    w.brand_id = job.brand_id;
                    w.job_id = Some(job.id);
                    w.medium = medium;
                    w.campaign = job.title.clone();
                    w.format = match medium {
                        Medium::Tv | Medium::Radio => "30\" / 15\"".into(),
                        Medium::Magazine | Medium::Newspaper => "整版".into(),
                        Medium::Outdoor => "6m×3m".into(),
                        _ => String::new(),
                    };
                    let weeks = self.rng.between(2, 12);
                    let last = first + Duration::weeks(weeks);
                    w.ran = Some((first, Some(last)));
                    w.outlets = self.rng.word(vocab::CHANNELS).to_string();
                    w.regions = self.rng.word(vocab::CITIES).to_string();
                    let (outlets, regions) = (w.outlets.clone(), w.regions.clone());
                    if matches!(medium, Medium::Tv | Medium::Radio) {
                        w.approval_number =
                            format!("京广审（视）第{year}{:06}号", self.rng.between(1, 999_999));
                    }
                    let ctx = self.ctx(librarian, on);
                    let work =
                        CreativeWorkId(b.apply(&ctx, Command::AddCreativeWork(Box::new(w)))?.id);
                    self.out.creative_works += 1;
                    let run = papers::RunWork {
                        job,
                        client: clients.get(&job.client_id).map_or("", String::as_str),
                        medium,
                        ran: (first, last),
                        outlet: &outlets,
                        cities: &regions,
                    };
                    self.file_media_invoice(store, b, &ctx, &run)?;
                    let Some((kind, what)) = kept else {
                        continue;
                    };
                    let mut item = ItemDraft::new(job.client_id, format!("{title} {what}"));
                    item.kind = kind;
                    item.holding = Holding::Client;
                    item.job_id = Some(job.id);
                    item.works = vec![work];
                    item.home = ShelfPlace {
                        room: ["A", "B"][self.rng.below(2)].into(),
                        cabinet: self.rng.between(1, 12).to_string(),
                        shelf: self.rng.between(1, 6).to_string(),
                        box_label: format!("{:02}", self.rng.between(1, 40)),
                    };
                    let id = b.apply(&ctx, Command::AddLibraryItem(Box::new(item)))?.id;
                    self.out.library_items += 1;
                    // A few are out today, for a job of their client or for a pitch.
                    if self.rng.chance(10)
                        && let Some(borrower) = self.member(Role::AccountExecutive, on)
                    {
                        let ask = LendAsk {
                            borrower,
                            job_id: None,
                            due_on: None,
                            note: "比稿参考".into(),
                        };
                        let id = crate::domain::LibraryItemId(id);
                        b.apply(&ctx, Command::LendLibraryItem(id, Box::new(ask)))?;
                        self.out.loans += 1;
                    }
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}
