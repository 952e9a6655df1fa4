//! The sample agency's ad archive and library shelves: four creative works of 可口可乐 and
//! 宝马 with their runs and rights (one still running on music that lapses soon); the
//! clients' tapes, discs and drives, a tearsheet, a signed original, a competitor's tape
//! and the agency's own showreel, each with its home and the works it holds; one lent and
//! back, one out for two weeks, one due back the day it went out (overdue from the next).

use super::Loader;
use super::SampleError;
use super::clients::{CHEN, LI, WANG};
use crate::domain::creative::{Medium, RightKind, UsageRight};
use crate::domain::library::{Holding, ItemCondition, MediumKind, ShelfPlace};
use crate::domain::{Client, ClientId, CreativeWorkId, Job, LibraryItemId};
use crate::services::Command;
use crate::services::library::{ItemDraft, LendAsk};
use crate::services::works::WorkDraft;

/// The items: client (short name, blank for the agency's), title, kind, holding, owner
/// named, room, cabinet, shelf, box.
type ItemSpec = (
    &'static str,
    &'static str,
    MediumKind,
    Holding,
    &'static str,
    [&'static str; 4],
);

const ITEMS: &[ItemSpec] = &[
    (
        "可口可乐",
        "2019 春节 TVC《团圆》60\" 播出带",
        MediumKind::Tape,
        Holding::Client,
        "",
        ["A", "1", "2", "03"],
    ),
    (
        "可口可乐",
        "2019 春节 TVC《团圆》15\" 剪辑版 ×3",
        MediumKind::Tape,
        Holding::Client,
        "",
        ["A", "1", "2", "03"],
    ),
    (
        "可口可乐",
        "2026 春节终端陈列 打样（POSM）",
        MediumKind::Proof,
        Holding::Client,
        "",
        ["A", "2", "1", "11"],
    ),
    (
        "可口可乐",
        "2025 夏季 百事可乐 TVC 监测录像",
        MediumKind::Disc,
        Holding::Competitor,
        "百事可乐",
        ["A", "4", "1", "20"],
    ),
    (
        "宝马",
        "BMW 3 系 2025 上市 母版素材（4K ProRes）",
        MediumKind::Drive,
        Holding::Client,
        "",
        ["B", "1", "1", "01"],
    ),
    (
        "宝马",
        "《汽车之友》2025 年 9 月刊 样刊",
        MediumKind::Tearsheet,
        Holding::Client,
        "",
        ["B", "2", "3", "07"],
    ),
    (
        "蒙牛",
        "2026 年度代理合约 签字原件",
        MediumKind::Original,
        Holding::Client,
        "",
        ["保险柜", "", "", ""],
    ),
    (
        "",
        "公司作品集 2025 Showreel",
        MediumKind::Disc,
        Holding::Agency,
        "",
        ["A", "5", "1", "01"],
    ),
];

impl Loader<'_> {
    /// Records the sample's works and registers its library items on the last day of the
    /// sample's history (the change log reads in calendar order), then their loans: one lent
    /// and back, one due back that same day (overdue from the next), one lent for two weeks.
    pub(super) fn library(&mut self) -> Result<(), SampleError> {
        let today = self
            .last_day
            .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default());
        let on = today.to_string();
        let clients = self.store.all::<Client>()?;
        let jobs = self.store.all::<Job>()?;
        let works = self.works(&clients, &on, today)?;
        // Which works each item holds, by the items' order.
        let holds: [&[usize]; 8] = [&[0], &[0], &[], &[], &[1], &[2], &[], &[]];
        let mut ids = Vec::new();
        for (n, (client, title, kind, holding, owner, [room, cabinet, shelf, box_label])) in
            ITEMS.iter().enumerate()
        {
            let client_id = clients
                .iter()
                .find(|c| c.short_name == *client)
                .map_or(ClientId(0), |c| c.id);
            let mut d = ItemDraft::new(client_id, *title);
            d.kind = *kind;
            d.holding = *holding;
            d.owner_name = (*owner).to_string();
            d.home = ShelfPlace {
                room: (*room).to_string(),
                cabinet: (*cabinet).to_string(),
                shelf: (*shelf).to_string(),
                box_label: (*box_label).to_string(),
            };
            d.condition = ItemCondition::Good;
            d.works = holds[n].iter().map(|w| works[*w]).collect();
            let command = Command::AddLibraryItem(Box::new(d));
            let id = self.apply(Some(WANG), &on, command)?;
            ids.push(LibraryItemId(id));
            self.summary.library_items += 1;
        }
        // Lent for a job under way.
        let job_of = |client: ClientId| {
            jobs.iter()
                .find(|j| j.client_id == client && j.status != crate::domain::JobStatus::Archived)
                .map(|j| j.id)
        };
        let coke = clients
            .iter()
            .find(|c| c.short_name == "可口可乐")
            .map_or(ClientId(0), |c| c.id);
        let bmw = clients
            .iter()
            .find(|c| c.short_name == "宝马")
            .map_or(ClientId(0), |c| c.id);
        let users = self.users.clone();
        let user = |i: usize| {
            users
                .get(i)
                .copied()
                .ok_or_else(|| SampleError::Data(format!("user {i}")))
        };
        let lend = |item: LibraryItemId, borrower, job_id, due_on| {
            Command::LendLibraryItem(
                item,
                Box::new(LendAsk {
                    borrower,
                    job_id,
                    due_on,
                    note: String::new(),
                }),
            )
        };
        // The 60" tape: lent and back, worn a little.
        let tape = ids[0];
        let coke_job = job_of(coke);
        self.apply(Some(WANG), &on, lend(tape, user(CHEN)?, coke_job, None))?;
        let back = Command::ReturnLibraryItem(tape, ItemCondition::Worn, "外壳有划痕".into());
        self.apply(Some(WANG), &on, back)?;
        // The 15" cuts: out to 陈静 for a screening, due back the same day: overdue from the
        // next.
        let same_day = Some(today);
        self.apply(
            Some(WANG),
            &on,
            lend(ids[1], user(CHEN)?, coke_job, same_day),
        )?;
        // The BMW master: out to 李娜 for the usual two weeks.
        self.apply(Some(WANG), &on, lend(ids[4], user(LI)?, job_of(bmw), None))?;
        Ok(())
    }

    /// The works of the sample's ad archive, in the order [`Loader::library`] links them.
    fn works(
        &mut self,
        clients: &[Client],
        on: &str,
        today: chrono::NaiveDate,
    ) -> Result<Vec<CreativeWorkId>, SampleError> {
        let client = |name: &str| {
            clients
                .iter()
                .find(|c| c.short_name == name)
                .map(|c| c.id)
                .ok_or_else(|| SampleError::Data(format!("client {name}")))
        };
        let day = |t: &str| super::loader::day(t);
        let mut out = Vec::new();
        let brands = self.store.all::<crate::domain::Brand>()?;
        let brand = |name: &str| brands.iter().find(|b| b.name == name).map(|b| b.id);
        // The sample's brands are its own: a name missing here is a sample bug.
        if brand("可口可乐").is_none() || brand("宝马 3系").is_none() {
            return Err(SampleError::Data("the sample's brands".into()));
        }
        let mut tvc = WorkDraft::new(client("可口可乐")?, "2019 春节 TVC《团圆》");
        tvc.brand_id = brand("可口可乐");
        tvc.campaign = "2019 春节 团圆".into();
        tvc.format = "60\" / 15\" ×3".into();
        tvc.ran = Some((day("2019-01-20")?, Some(day("2019-02-19")?)));
        tvc.outlets = "央视一套、湖南卫视、东方卫视".into();
        tvc.regions = "全国".into();
        tvc.approval_number = "京广审（视）第2019010012号".into();
        tvc.credits = "导演：陈可辛；制作：光影映画".into();
        tvc.awards = "2019 中国广告长城奖 影视类银奖".into();
        tvc.rights = vec![UsageRight {
            kind: RightKind::Talent,
            holder: "主演 王一".into(),
            until: Some(day("2020-02-19")?),
        }];
        let mut bmw = WorkDraft::new(client("宝马")?, "BMW 3 系 2025 上市 TVC");
        bmw.campaign = "3 系 2025 上市".into();
        bmw.brand_id = brand("宝马 3系");
        bmw.format = "30\"".into();
        bmw.ran = Some((day("2025-03-01")?, Some(day("2025-05-31")?)));
        bmw.outlets = "央视五套、腾讯视频".into();
        bmw.approval_number = "京广审（视）第2025020031号".into();
        let mut print = WorkDraft::new(client("宝马")?, "《汽车之友》2025 年 9 月刊 整版广告");
        print.medium = Medium::Magazine;
        print.campaign = "3 系 2025 上市".into();
        print.brand_id = brand("宝马 3系");
        print.format = "A4 整版".into();
        print.ran = Some((day("2025-09-01")?, Some(day("2025-09-30")?)));
        print.outlets = "《汽车之友》".into();
        // Still running, on music licensed until five weeks after the sample's last day.
        let mut outdoor = WorkDraft::new(client("可口可乐")?, "2026 冬季 畅爽 地铁灯箱");
        outdoor.medium = Medium::Outdoor;
        outdoor.campaign = "2026 冬季".into();
        outdoor.format = "6m×3m".into();
        outdoor.ran = Some((day("2026-11-01")?, None));
        outdoor.regions = "上海、北京".into();
        outdoor.rights = vec![UsageRight {
            kind: RightKind::Music,
            holder: "环球音乐".into(),
            until: Some(today + chrono::Duration::days(35)),
        }];
        // The key visuals of the TVC and the poster, filed in the client's file.
        tvc.documents = self.key_visual(
            tvc.client_id,
            "2019 春节 TVC《团圆》主视觉",
            (196, 32, 38),
            on,
        )?;
        outdoor.documents = self.key_visual(
            outdoor.client_id,
            "2026 冬季 畅爽 主视觉",
            (24, 92, 160),
            on,
        )?;
        // The summer campaign's TVC, made in a job now in the history archive.
        let summer_job = self
            .store
            .all::<Job>()?
            .into_iter()
            .find(|j| j.title.contains("畅爽一夏"))
            .ok_or_else(|| SampleError::Data("the sample's summer campaign".into()))?;
        let mut summer = WorkDraft::new(summer_job.client_id, "2025 夏季“畅爽一夏” TVC");
        summer.brand_id = brand("可口可乐");
        summer.job_id = Some(summer_job.id);
        summer.campaign = "2025 夏季 畅爽一夏".into();
        summer.format = "30\" / 15\"".into();
        summer.ran = Some((day("2025-06-01")?, Some(day("2025-08-31")?)));
        summer.outlets = "湖南卫视、抖音、腾讯视频".into();
        summer.regions = "全国".into();
        summer.approval_number = "沪广审（视）第2025050008号".into();
        for d in [tvc, bmw, print, outdoor, summer] {
            let id = self.apply(Some(WANG), on, Command::AddCreativeWork(Box::new(d)))?;
            out.push(CreativeWorkId(id));
            self.summary.creative_works += 1;
        }
        Ok(out)
    }

    /// A key visual (a 960 × 540 PNG in `colour`, with a light circle) filed in the client's
    /// file as a creative document titled `title`; none in a database kept in memory.
    fn key_visual(
        &mut self,
        client: ClientId,
        title: &str,
        (r, g, b): (u8, u8, u8),
        on: &str,
    ) -> Result<Vec<crate::domain::DocumentId>, SampleError> {
        use crate::services::documents::{DocumentDraft, FiledWith};
        if self.store.is_in_memory() {
            return Ok(Vec::new());
        }
        let picture = image::RgbImage::from_fn(960, 540, |x, y| {
            let (dx, dy) = (x as i64 - 640, y as i64 - 230);
            let shade = |c: u8| (u32::from(c) * (540 + y) / 1080) as u8;
            if dx * dx + dy * dy < 120 * 120 {
                image::Rgb([250, 240, 220])
            } else {
                image::Rgb([shade(r), shade(g), shade(b)])
            }
        });
        let mut bytes = std::io::Cursor::new(Vec::new());
        picture
            .write_to(&mut bytes, image::ImageFormat::Png)
            .map_err(|e| SampleError::Data(e.to_string()))?;
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let folder =
            std::env::temp_dir().join(format!("account-desk-kv-{}-{n}", std::process::id()));
        let path = folder.join(format!("{title}.png"));
        let written = std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(&path, bytes.into_inner()));
        let filed = written
            .map_err(|e| SampleError::Data(format!("{}: {e}", path.display())))
            .and_then(|()| {
                let with = FiledWith::Client(client);
                let file = crate::services::files::import_document_file(self.store, with, &path)
                    .map_err(|e| SampleError::Data(e.to_string()))?;
                let mut d =
                    DocumentDraft::new(crate::domain::document::DocumentKind::Creative, title);
                d.dated = super::loader::day(on).ok();
                self.apply(
                    Some(WANG),
                    on,
                    Command::FileDocument(with, Box::new(d), file),
                )
            });
        let _ = std::fs::remove_dir_all(&folder);
        let id = filed?;
        self.summary.documents += 1;
        Ok(vec![crate::domain::DocumentId(id)])
    }
}
