//! The sample agency's estimates: every job that went into production did so with a
//! production estimate approved by the AM (陈静) and the director's office (刘洋) and
//! signed by the client; the jobs still being estimated show the other states — a draft,
//! one returned by the AM, one waiting for the director's office, a signature that does not
//! match the version sent, a change order and a media plan, a declined version revised and
//! signed, a voided estimate.

use super::clients::{CHEN, LIU, ZHANG};
use super::{Loader, SampleError};
use crate::domain::estimate::{
    Decision, EstimateKind, EstimateLine, EstimateVersion, Evidence, LineCategory, MediaBilling,
    MediaTerms, Signature,
};
use crate::domain::{Estimate, EstimateId, Fen, JobId};
use crate::services::{Command, VersionDraft, estimates::version_hash};
use crate::store::Key;
use chrono::NaiveDate;

/// A line of a sample estimate; an outsourced one (with a vendor) costs five sixths of its
/// price, a 20 % markup.
fn line(
    category: LineCategory,
    description: &str,
    spec: &str,
    unit: &str,
    quantity: i64,
    price_yuan: i64,
    vendor: &str,
) -> EstimateLine {
    let price = Fen(price_yuan * 100);
    // The vendor quotes (and costs) the whole line.
    let cost = (!vendor.is_empty())
        .then(|| Fen(price.0 * 5 / 6).times_thousandths(quantity))
        .flatten();
    EstimateLine {
        category,
        description: description.into(),
        specification: spec.into(),
        unit: unit.into(),
        quantity,
        unit_price: price,
        vendor: vendor.into(),
        vendor_quote: cost,
        cost,
        note: String::new(),
        media: None,
    }
}

/// The lines of a sample estimate: an event, a film or packaging and print, by what the
/// job's title says, scaled by `scale` (percent).
pub fn sample_lines(title: &str, scale: i64) -> Vec<EstimateLine> {
    use LineCategory::*;
    let s = |yuan: i64| yuan * scale / 100;
    let mut lines = vec![line(
        Creative,
        "创意策划与设计",
        "主视觉及延展",
        "项",
        1000,
        s(60_000),
        "",
    )];
    if title.contains("发布会")
        || title.contains("试驾")
        || title.contains("路演")
        || title.contains("盛典")
        || title.contains("直播")
    {
        lines.extend([
            line(
                Venue,
                "活动场地租赁",
                "含搭建撤场 2 天",
                "天",
                2000,
                s(45_000),
                "星河会展中心",
            ),
            line(
                Production,
                "舞台及灯光音响",
                "主舞台 18m×6m",
                "项",
                1000,
                s(120_000),
                "光影舞美工程",
            ),
            line(
                Staff,
                "主持人及礼仪",
                "主持 1 名、礼仪 6 名",
                "人天",
                7000,
                s(2_500),
                "星耀演艺经纪",
            ),
            line(
                Travel,
                "执行团队差旅",
                "沈阳往返 6 人",
                "人次",
                6000,
                s(3_200),
                "携程商旅",
            ),
        ]);
    } else if title.contains("TVC")
        || title.contains("视频")
        || title.contains("传播")
        || title.contains("推广")
    {
        lines.extend([
            line(
                Production,
                "TVC 拍摄",
                "15 秒 ×2，4K",
                "天",
                1500,
                s(180_000),
                "光影制作",
            ),
            line(
                Production,
                "后期剪辑与调色",
                "含 3 轮修改",
                "项",
                1000,
                s(60_000),
                "光影制作",
            ),
            line(
                Staff,
                "演员费用",
                "主演 2 名，含肖像权一年",
                "人",
                2000,
                s(40_000),
                "星耀演艺经纪",
            ),
        ]);
    } else {
        lines.extend([
            line(
                Materials,
                "包装打样",
                "礼盒 3 款，各 5 份",
                "款",
                3000,
                s(8_000),
                "华彩印务",
            ),
            line(
                Materials,
                "终端物料印刷",
                "冰柜贴、价格牌、堆头围挡",
                "套",
                500_000,
                s(36),
                "华彩印务",
            ),
        ]);
    }
    lines.push(line(
        ServiceFee,
        "项目管理服务费",
        "按执行总额 10%",
        "项",
        1000,
        s(40_000),
        "",
    ));
    lines
}

/// A media plan's lines: two channels billed two ways.
fn media_lines(start: NaiveDate) -> Vec<EstimateLine> {
    let end = start + chrono::Days::new(30);
    let media = |channel: &str, billing, yuan: i64| EstimateLine {
        vendor_quote: None,
        cost: None,
        media: Some(MediaTerms {
            channel: channel.into(),
            billing,
            flight_start: start,
            flight_end: end,
        }),
        ..line(
            LineCategory::Media,
            &format!("{channel} 投放"),
            "30 天",
            "项",
            1000,
            yuan,
            channel,
        )
    };
    vec![
        media(
            "抖音信息流",
            MediaBilling::Gross {
                commission_bp: 1500,
            },
            800_000,
        ),
        media(
            "分众电梯屏",
            MediaBilling::NetPlusFee { fee_bp: 800 },
            450_000,
        ),
    ]
}

impl Loader<'_> {
    fn newest(&self, id: EstimateId) -> Result<(Estimate, EstimateVersion), SampleError> {
        let e: Estimate = self
            .store
            .get(id.0)?
            .ok_or_else(|| SampleError::Data(format!("estimate {}", id.0)))?;
        let v = self
            .store
            .read()?
            .get_at::<EstimateVersion>(Key::pair(id.0, e.versions))?
            .ok_or_else(|| SampleError::Data(format!("estimate {} version", id.0)))?;
        Ok((e, v))
    }

    fn decide(
        &mut self,
        by: usize,
        on: &str,
        id: EstimateId,
        d: Decision,
    ) -> Result<(), SampleError> {
        self.apply(Some(by), on, Command::DecideEstimate(id, d))?;
        Ok(())
    }

    /// A new estimate of `kind` on `job` by `ae`, valid for 60 days from `on`.
    pub(super) fn new_estimate(
        &mut self,
        ae: usize,
        on: &str,
        job: JobId,
        kind: EstimateKind,
        title: &str,
        lines: Vec<EstimateLine>,
    ) -> Result<EstimateId, SampleError> {
        // Sixty days to sign: the sample's clients take their time, never past it.
        let draft = VersionDraft {
            valid_until: Some(super::day(on)? + chrono::Days::new(60)),
            ..VersionDraft::with_lines(title, lines)
        };
        let id = self.apply(
            Some(ae),
            on,
            Command::CreateEstimate(job, kind, Box::new(draft)),
        )?;
        self.summary.estimates += 1;
        Ok(EstimateId(id))
    }

    /// Submitted by `ae`, approved by the AM and the director's office, sent, all on `on`.
    pub(super) fn approve_and_send(
        &mut self,
        ae: usize,
        on: &str,
        id: EstimateId,
    ) -> Result<(), SampleError> {
        self.decide(ae, on, id, Decision::Submit)?;
        self.decide(CHEN, on, id, Decision::ApproveAsAm)?;
        self.decide(LIU, on, id, Decision::ApproveAsDirector)?;
        self.decide(ae, on, id, Decision::Send)
    }

    /// The client's signature recorded by `ae` on `on`: of the version sent (matching), or
    /// of `claimed` with what was read off the paper.
    pub(super) fn sign(
        &mut self,
        ae: usize,
        on: &str,
        id: EstimateId,
        claimed: Option<(u32, &str)>,
    ) -> Result<(), SampleError> {
        let (_, v) = self.newest(id)?;
        let hash = version_hash(&v)?;
        let (version, read) = claimed.map_or((v.number, hash.short()), |(n, r)| (n, r.to_string()));
        let signature = Signature {
            version,
            read_hash: read,
            evidence: Evidence::SignedScan,
            file: None,
        };
        self.decide(ae, on, id, Decision::Sign(signature))
    }

    /// One step of [`OTHER_STATES`] on `job` (titled `title`, its AE `ae`), on `on`: it
    /// concerns the job's newest estimate.
    pub(super) fn other_state(
        &mut self,
        (job, title, ae): (JobId, &str, usize),
        on: &str,
        act: Act,
    ) -> Result<(), SampleError> {
        let newest = || -> Result<EstimateId, SampleError> {
            self.store
                .read()?
                .estimates(Some(job))?
                .last()
                .map(|e| e.id)
                .ok_or_else(|| SampleError::Data(format!("no estimate on “{title}”")))
        };
        match act {
            Act::New(kind, scale) => {
                let (name, lines) = match kind {
                    EstimateKind::Production => (title.to_string(), sample_lines(title, scale)),
                    EstimateKind::ChangeOrder => {
                        let extra = line(
                            LineCategory::Production,
                            "追加 6 秒贴片版本",
                            "6 秒 ×3",
                            "支",
                            3000,
                            15_000 * scale / 100,
                            "光影制作",
                        );
                        (format!("{title} 追加"), vec![extra])
                    }
                    EstimateKind::Media => {
                        let start = super::day(on)? + chrono::Days::new(44);
                        (format!("{title} 媒介计划"), media_lines(start))
                    }
                };
                self.new_estimate(ae, on, job, kind, &name, lines)?;
                Ok(())
            }
            Act::Submit => self.decide(ae, on, newest()?, Decision::Submit),
            Act::ReturnAsAm(why) => {
                self.decide(CHEN, on, newest()?, Decision::ReturnAsAm(why.into()))
            }
            Act::ApproveAsAm => self.decide(CHEN, on, newest()?, Decision::ApproveAsAm),
            Act::ApproveAsDirector(by) => {
                self.decide(by, on, newest()?, Decision::ApproveAsDirector)
            }
            Act::Send => self.decide(ae, on, newest()?, Decision::Send),
            Act::SignOther(version, read) => self.sign(ae, on, newest()?, Some((version, read))),
        }
    }
}

/// What happens to a sample estimate on a day (besides the road to production).
#[derive(Debug, Clone, Copy)]
pub(super) enum Act {
    /// A new estimate of this kind, its amounts scaled by this percent.
    New(EstimateKind, i64),
    /// Submitted by the AE.
    Submit,
    /// Returned by the AM with this comment.
    ReturnAsAm(&'static str),
    /// Approved by the AM.
    ApproveAsAm,
    /// Approved by this member of the director's office (or the AD).
    ApproveAsDirector(usize),
    /// Sent to the client.
    Send,
    /// A signature that does not match: the version the paper claims and what was read.
    SignOther(u32, &'static str),
}

/// The estimates in the states the road to production leaves out, on the jobs whose title
/// has the word: a draft, one returned by the AM, a signature that does not match, a change
/// order sent and a media plan approved on a job in production.
pub(super) const OTHER_STATES: &[(&str, &str, Act)] = &[
    ("SU7", "2026-10-29", Act::New(EstimateKind::Production, 150)),
    ("SU7", "2026-10-30", Act::Submit),
    ("SU7", "2026-10-30", Act::ApproveAsAm),
    ("SU7", "2026-10-30", Act::ApproveAsDirector(LIU)),
    ("SU7", "2026-10-30", Act::Send),
    ("SU7", "2026-11-06", Act::SignOther(1, "0000beef")),
    (
        "纯甄",
        "2026-11-10",
        Act::New(EstimateKind::ChangeOrder, 100),
    ),
    ("纯甄", "2026-11-11", Act::Submit),
    ("纯甄", "2026-11-11", Act::ApproveAsAm),
    ("纯甄", "2026-11-11", Act::ApproveAsDirector(LIU)),
    ("纯甄", "2026-11-11", Act::Send),
    ("纯甄", "2026-11-12", Act::New(EstimateKind::Media, 100)),
    ("纯甄", "2026-11-12", Act::Submit),
    ("纯甄", "2026-11-13", Act::ApproveAsAm),
    ("纯甄", "2026-11-16", Act::ApproveAsDirector(ZHANG)),
    (
        "春节 TVC",
        "2026-11-18",
        Act::New(EstimateKind::Production, 120),
    ),
    ("春节 TVC", "2026-11-18", Act::Submit),
    (
        "春节 TVC",
        "2026-11-19",
        Act::ReturnAsAm("演员费用请补充第二家供应商报价；后期修改轮次写明。"),
    ),
    (
        "iX3 2027",
        "2026-11-20",
        Act::New(EstimateKind::Production, 80),
    ),
];
