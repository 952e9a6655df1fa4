//! What screens read: a read-only handle on the database. Screens never hold the store
//! itself (they cannot write, and do not know which engine is underneath); every change goes
//! through a [`super::Command`].

use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::template::ScheduleTemplates;
use crate::domain::{AgencySettings, JobId};
use crate::store::{Entity, Key, Kind, ReadView, Store};

pub use crate::store::{RecordRevision, Rev};

/// Why something could not be read: the store's error, with its sentence for a person
/// ([`ReadError::message`]).
pub type ReadError = crate::store::StoreError;

/// A read-only handle on the database.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    store: &'a Store,
    /// The window's shared handle, for work a screen hands to a thread of its own.
    shared: Option<&'a std::sync::Arc<Store>>,
}

impl<'a> From<&'a Store> for Reader<'a> {
    fn from(store: &'a Store) -> Reader<'a> {
        Reader {
            store,
            shared: None,
        }
    }
}

impl<'a> Reader<'a> {
    /// Reads through `store`.
    pub fn new(store: &'a Store) -> Reader<'a> {
        Reader {
            store,
            shared: None,
        }
    }

    /// Reads through the window's shared `store`, which screens may also read from a thread
    /// of their own ([`Reader::thumbnail_loader`]).
    pub fn shared(store: &'a std::sync::Arc<Store>) -> Reader<'a> {
        Reader {
            store,
            shared: Some(store),
        }
    }

    /// A thread that reads thumbnails for a screen, if this is the window's reader
    /// ([`Reader::shared`]); `None` otherwise, and the screen reads them itself. `wake` is
    /// called after each one read.
    pub fn thumbnail_loader(
        &self,
        wake: impl Fn() + Send + 'static,
    ) -> Option<super::thumbs::ThumbLoader> {
        super::thumbs::ThumbLoader::start(self.shared?, wake)
    }

    /// How many meetings, documents, creative works and library items there are: the
    /// records the search index reads from the store beside the snapshot. Only a hint for
    /// making room: a kind whose count cannot be read counts 0.
    pub fn count_indexed(&self) -> usize {
        self.count_of(&[
            Kind::Meeting,
            Kind::Document,
            Kind::CreativeWork,
            Kind::LibraryItem,
        ])
    }

    /// How many meetings there are (0 if the store cannot say): the room their heads need.
    pub fn count_meetings(&self) -> usize {
        self.count_of(&[Kind::Meeting])
    }

    fn count_of(&self, kinds: &[Kind]) -> usize {
        let Ok(view) = self.store.read() else {
            return 0;
        };
        let count: u64 = kinds.iter().filter_map(|&k| view.count(k).ok()).sum();
        // A hint only: a damaged count must not ask for the memory of billions.
        usize::try_from(count.min(1 << 24)).unwrap_or(0)
    }

    /// A consistent snapshot for several reads.
    pub fn read(&self) -> Result<ReadView, ReadError> {
        self.store.read()
    }

    /// One record by id.
    pub fn get<T: Entity>(&self, id: u64) -> Result<Option<T>, ReadError> {
        self.store.get(id)
    }

    /// Every version of a job's brief, oldest first.
    pub fn brief_versions(
        &self,
        job: JobId,
    ) -> Result<Vec<crate::domain::BriefVersion>, ReadError> {
        self.store.brief_versions(job)
    }

    /// The documents filed with a job, oldest first (trashed ones included).
    pub fn job_documents(&self, job: JobId) -> Result<Vec<crate::domain::Document>, ReadError> {
        self.store.read()?.job_rows(job)
    }

    /// Every document of a client (`ClientId(0)`: the agency's reference files), oldest
    /// first (trashed ones included).
    pub fn client_documents(
        &self,
        client: crate::domain::ClientId,
    ) -> Result<Vec<crate::domain::Document>, ReadError> {
        self.store.read()?.client_rows(client)
    }

    /// The documents filed with a brand, its jobs' included, oldest first (trashed ones
    /// included); none when the brand is gone.
    pub fn brand_documents(
        &self,
        brand: crate::domain::BrandId,
    ) -> Result<Vec<crate::domain::Document>, ReadError> {
        let view = self.store.read()?;
        let Some(b) = view.get::<crate::domain::Brand>(brand.0)? else {
            return Ok(Vec::new());
        };
        let mut docs: Vec<crate::domain::Document> = view.client_rows(b.client_id)?;
        docs.retain(|d| d.brand_id == Some(brand));
        Ok(docs)
    }

    /// The papers filed with a meeting, oldest first (trashed ones included); none when the
    /// meeting is gone.
    pub fn meeting_documents(
        &self,
        meeting: crate::domain::MeetingId,
    ) -> Result<Vec<crate::domain::Document>, ReadError> {
        let view = self.store.read()?;
        let Some(m) = view.get::<crate::domain::Meeting>(meeting.0)? else {
            return Ok(Vec::new());
        };
        let mut docs: Vec<crate::domain::Document> = view.client_rows(m.client_id)?;
        docs.retain(|d| d.meeting_id == Some(meeting));
        Ok(docs)
    }

    /// The thumbnail of a stored picture or PDF, once made (beside a desk's database, or in
    /// the team database's server): width, height and RGBA pixels.
    pub fn thumbnail(&self, file: &crate::domain::FileRef) -> Option<(usize, usize, Vec<u8>)> {
        if !super::thumbs::has_thumbnail(&file.original_name) {
            return None;
        }
        match self.store.files().team() {
            Some(team) => match team.thumb(&file.hash) {
                Ok(Some(Ok(png))) => super::thumbs::decode(png),
                Ok(_) => None,
                Err(e) => {
                    log::warn!("the thumbnail of {}: {e}", file.original_name);
                    None
                }
            },
            None => super::thumbs::read(self.store.path(), &file.hash),
        }
    }

    /// Every creative work of a client's ad archive, in the order recorded.
    pub fn client_works(
        &self,
        client: crate::domain::ClientId,
    ) -> Result<Vec<crate::domain::CreativeWork>, ReadError> {
        self.store.read()?.client_rows(client)
    }

    /// Whether this is a team database (its files, their texts and thumbnails come through
    /// the server; the trash's purge is a desk's).
    pub fn is_team(&self) -> bool {
        self.store.files().is_team()
    }

    /// Every creative work of every client's ad archive, in the order recorded.
    pub fn creative_works(&self) -> Result<Vec<crate::domain::CreativeWork>, ReadError> {
        self.store.read()?.all()
    }

    /// Every item of the library's shelves, by archive number.
    pub fn library_items(&self) -> Result<Vec<crate::domain::LibraryItem>, ReadError> {
        let mut out: Vec<crate::domain::LibraryItem> = self.store.read()?.all()?;
        out.sort_by_key(|i| i.serial);
        Ok(out)
    }

    /// Where the words of a document's version stand: read from the texts kept beside a
    /// desk's database, or in the team database's server.
    pub fn text_state(
        &self,
        version: &crate::domain::document::DocumentVersion,
    ) -> crate::domain::document::TextState {
        super::texts::state(self.store, &version.file.hash)
    }

    /// Where a document's working copy is (see [`super::working`]); `None` without one.
    /// Whether it differs is [`super::working::differs`], which reads the whole copy:
    /// callers ask it only when the copy changed.
    pub fn working_copy(&self, doc: &crate::domain::Document) -> Option<std::path::PathBuf> {
        super::working::copy_of(self.store, doc.id)
    }

    /// A job's working schedule, if it has one.
    pub fn schedule(&self, job: JobId) -> Result<Option<JobSchedule>, ReadError> {
        self.store.schedule(job)
    }

    /// The versions of a job's schedule issued to the client, oldest first.
    pub fn issued_schedules(&self, job: JobId) -> Result<Vec<IssuedSchedule>, ReadError> {
        self.store.issued_schedules(job)
    }

    /// A record and the revision it is at, read together: what an editor starts from, so
    /// its save states exactly the revision whose content the person saw.
    pub fn shown<T: Entity>(&self, id: u64) -> Result<Option<(T, RecordRevision)>, ReadError> {
        let view = self.store.read()?;
        let Some(record) = view.get::<T>(id)? else {
            return Ok(None);
        };
        Ok(view.revision::<T>(Key::id(id))?.map(|rev| (record, rev)))
    }

    /// The revision an id-keyed record is at now, and who made it when (`None`: it is gone).
    pub fn revision<T: Entity>(&self, id: u64) -> Result<Option<RecordRevision>, ReadError> {
        self.store.read()?.revision::<T>(Key::id(id))
    }

    /// The agency settings and their revision, read together (`None`: never saved).
    pub fn settings_shown(&self) -> Result<(AgencySettings, Option<RecordRevision>), ReadError> {
        let view = self.store.read()?;
        Ok((
            view.settings()?,
            view.revision_at(Kind::Settings, Key::ONE)?,
        ))
    }

    /// The revision the agency settings are at now (`None`: never saved).
    pub fn settings_revision(&self) -> Result<Option<RecordRevision>, ReadError> {
        self.store.read()?.revision_at(Kind::Settings, Key::ONE)
    }

    /// The schedule templates as saved and their revision, read together (`None`: never
    /// saved).
    pub fn templates_shown(
        &self,
    ) -> Result<(Option<ScheduleTemplates>, Option<RecordRevision>), ReadError> {
        let view = self.store.read()?;
        Ok((
            view.templates()?,
            view.revision_at(Kind::Templates, Key::ONE)?,
        ))
    }

    /// A job's working schedule and its revision, read together (`None`: it has none).
    pub fn schedule_shown(
        &self,
        job: JobId,
    ) -> Result<(Option<JobSchedule>, Option<RecordRevision>), ReadError> {
        let view = self.store.read()?;
        Ok((
            view.schedule(job)?,
            view.revision_at(Kind::Schedule, Key::id(job.0))?,
        ))
    }

    /// The revision of version `version` of a job's brief (`None`: there is no such
    /// version): a brief is saved from the revision of the latest version shown.
    pub fn brief_revision(
        &self,
        job: JobId,
        version: u32,
    ) -> Result<Option<RecordRevision>, ReadError> {
        self.store
            .read()?
            .revision_at(Kind::BriefVersion, Key::pair(job.0, version))
    }

    /// A job's estimates, each with every version and their content hashes, read together.
    pub fn job_estimates(&self, job: JobId) -> Result<Vec<EstimateShown>, ReadError> {
        let view = self.store.read()?;
        view.estimates(Some(job))?
            .into_iter()
            .map(|e| EstimateShown::read(&view, e))
            .collect()
    }

    /// A client's fiscal year containing `as_of`, with its figures on that day on `basis`
    /// (see [`super::budgets::client_year`]).
    pub fn client_year(
        &self,
        client: crate::domain::ClientId,
        as_of: chrono::NaiveDate,
        basis: crate::domain::budget::TaxBasis,
    ) -> Result<super::budgets::ClientYear, super::ServiceError> {
        let view = self.store.read()?;
        super::budgets::client_year(&view, client, as_of, basis)
    }

    /// A client's monthly budget report of `(year, month)`, if one was started.
    pub fn budget_report_of(
        &self,
        client: crate::domain::ClientId,
        month: (i32, u32),
    ) -> Result<Option<crate::domain::budget::road::MonthlyReport>, super::ServiceError> {
        let view = self.store.read()?;
        super::export::budget::report_of(&view, client, month)
    }

    /// A job's invoices (with their payments) and vendors' costs, voided ones included.
    pub fn job_billing(&self, job: JobId) -> Result<super::invoices::JobBilling, ReadError> {
        let view = self.store.read()?;
        Ok(super::invoices::JobBilling {
            invoices: view.job_rows(job)?,
            costs: view.job_rows(job)?,
        })
    }

    /// The agency's money settings (tax rates, markup floor, validity).
    pub fn money_settings(
        &self,
    ) -> Result<crate::domain::estimate::check::MoneySettings, ReadError> {
        self.store.read()?.money_settings()
    }

    /// The estimates whose next step is `actor`'s decision on `today`: exactly those the
    /// rules would let this person approve (a submitted version for an AM or AD who did not
    /// write it, an AM-approved one for the director's office or an AD who neither wrote nor
    /// approved it).
    pub fn estimates_waiting_for(
        &self,
        actor: crate::domain::estimate::Actor,
        now: chrono::DateTime<chrono::Utc>,
        today: chrono::NaiveDate,
    ) -> Result<Vec<EstimateShown>, ReadError> {
        use crate::domain::estimate::Decision;
        Ok(self
            .estimates_waiting()?
            .into_iter()
            .filter(|e| {
                let (Some(v), Some(hash)) = (e.newest(), e.hashes.last()) else {
                    return false;
                };
                [Decision::ApproveAsAm, Decision::ApproveAsDirector]
                    .into_iter()
                    .any(|d| e.estimate.decide(v, *hash, d, actor, now, today).is_ok())
            })
            .collect())
    }

    /// What sending `version` of `estimate` would do to its client's budget (see
    /// [`super::budgets::budget_check`]).
    pub fn budget_check(
        &self,
        estimate: &crate::domain::Estimate,
        version: &crate::domain::EstimateVersion,
        today: chrono::NaiveDate,
    ) -> Result<Option<super::budgets::BudgetCheck>, super::ServiceError> {
        let view = self.store.read()?;
        super::budgets::budget_check(&view, estimate, version, today)
    }

    /// The revision of the agency's money settings (`None`: never saved).
    pub fn money_settings_revision(&self) -> Result<Option<RecordRevision>, ReadError> {
        self.store
            .read()?
            .revision_at(Kind::MoneySettings, Key::ONE)
    }

    /// Every estimate of the agency whose newest version waits for a decision, with it:
    /// for the approvals inbox, which picks those for the person.
    pub fn estimates_waiting(&self) -> Result<Vec<EstimateShown>, ReadError> {
        use crate::domain::estimate::EstimateStep;
        let view = self.store.read()?;
        view.estimates_at(&[EstimateStep::Submitted, EstimateStep::AmApproved])?
            .into_iter()
            .filter(|e| !e.events.iter().any(|ev| ev.step == EstimateStep::Voided))
            .map(|e| EstimateShown::read(&view, e))
            .collect()
    }
}

/// An estimate as a screen shows it: the record, its versions oldest first with their
/// content hashes, and the revision of the newest version (what a save of it states).
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateShown {
    /// The estimate with its road.
    pub estimate: crate::domain::Estimate,
    /// Every version, oldest first.
    pub versions: Vec<crate::domain::EstimateVersion>,
    /// The content hash of each version, in the same order.
    pub hashes: Vec<crate::domain::estimate::VersionHash>,
    /// The newest version's revision.
    pub newest_rev: Option<RecordRevision>,
}

impl EstimateShown {
    fn read(
        view: &ReadView,
        estimate: crate::domain::Estimate,
    ) -> Result<EstimateShown, ReadError> {
        let versions = view.estimate_versions(estimate.id)?;
        let hashes = versions
            .iter()
            .map(|v| {
                crate::store::ContentHash::of(v)
                    .map(|h| crate::domain::estimate::VersionHash(h.0))
                    .map_err(ReadError::from)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let newest_rev = view.revision_at(
            Kind::EstimateVersion,
            Key::pair(estimate.id.0, estimate.versions),
        )?;
        Ok(EstimateShown {
            estimate,
            versions,
            hashes,
            newest_rev,
        })
    }

    /// The newest version.
    pub fn newest(&self) -> Option<&crate::domain::EstimateVersion> {
        self.versions.last()
    }

    /// Where it stands on `today`.
    pub fn status(&self, today: chrono::NaiveDate) -> crate::domain::estimate::EstimateStatus {
        let valid = self.newest().map_or(today, |v| v.valid_until);
        self.estimate.status(valid, today)
    }
}
