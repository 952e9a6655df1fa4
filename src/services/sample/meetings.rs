//! The sample agency's meetings and calls, placed around the moment of loading so that the
//! minutes are in every state a team meets: a meeting tomorrow still being prepared, a call
//! just held, minutes overdue, sent and awaiting the reply, unconfirmed for a week,
//! confirmed, disputed, and disputed then confirmed as a revised version.

use super::{SampleError, clients};
use crate::domain::calendar::WorkCalendar;
use crate::domain::meeting::{
    ActionItem, ActionStatus, AgendaItem, Attendee, MeetingKind, OfficeHours, PREP_WARNING_HOURS,
    Point, PrepItem, PrepKind, Side,
};
use crate::domain::schedule::Party;
use crate::domain::{Client, Contact, Job, Meeting, MeetingId, Stamp, UserId};
use crate::services::{Command, Ctx, MinutesStep, apply};
use crate::store::Store;
use chrono::{DateTime, Duration, FixedOffset, Utc};

/// What becomes of a sample meeting's minutes, in hours after the meeting ends.
enum Fate {
    /// Not held yet, or nothing sent.
    Unsent,
    /// Sent after `sent` hours; the client notified after `notified` hours.
    Sent { sent: i64, notified: Option<i64> },
    /// Sent, then confirmed after `confirmed` hours, with the scan filed.
    Confirmed { sent: i64, confirmed: i64 },
    /// Sent, then disputed after `disputed` hours.
    Disputed { sent: i64, disputed: i64 },
    /// Disputed, revised and sent again, then confirmed.
    Revised {
        sent: i64,
        disputed: i64,
        resent: i64,
        confirmed: i64,
        revision: &'static str,
    },
}

/// When a sample meeting starts, relative to the moment of loading. Whatever the moment,
/// every meeting is placed in office hours ([`OfficeHours`]) on a working day.
enum When {
    /// Days from today (negative: past) at a local time, Beijing; a day off moves to the
    /// working day before.
    Day(i64, u32, u32),
    /// Hours from now (negative: past), moved into office hours: a meeting ahead as soon as
    /// it fits, within the day its preparation is checked if it can; a call behind to the
    /// last slot that ended that long ago.
    HoursFromNow(i64),
}

/// An action: what, party, owner (team index for the agency), owner name, due in days after
/// the meeting, done.
type SampleAction = (&'static str, Party, Option<usize>, &'static str, i64, bool);

struct Spec {
    client: usize,
    /// Index of the job (by title start) it concerns, if any.
    job: Option<&'static str>,
    kind: MeetingKind,
    title: &'static str,
    place: &'static str,
    /// When it starts.
    when: When,
    minutes_long: i64,
    /// Agency attendees (indexes into the team) and client contacts (indexes in the client).
    team: &'static [usize],
    contacts: &'static [usize],
    agenda: &'static [(&'static str, &'static str, u16)],
    /// Standard preparation items done, and custom ones (label, owner, done).
    prep_done: &'static [PrepKind],
    custom_prep: &'static [(&'static str, &'static str, bool)],
    /// Points: text, solution, decision, internal note.
    points: &'static [(&'static str, &'static str, bool, &'static str)],
    /// Actions: what, party, owner (team index for the agency), owner name, due in days
    /// after the meeting, done.
    actions: &'static [SampleAction],
    internal_note: &'static str,
    fate: Fate,
}

const SPECS: &[Spec] = &[
    Spec {
        client: clients::BMW,
        job: Some("宝马 iX3 2027"),
        kind: MeetingKind::Meeting,
        title: "iX3 2027 年度传播策略提案",
        place: "华晨宝马沈阳总部 3 号会议室",
        when: When::HoursFromNow(20),
        minutes_long: 120,
        team: &[3, 2, 0],
        contacts: &[0, 1],
        agenda: &[
            ("开场与 2026 年度回顾", "张伟", 10),
            ("2027 年度传播策略", "陈静", 40),
            ("创意方向与主视觉", "王小明", 40),
            ("媒介预算与排期", "陈静", 20),
            ("问答与下一步", "张伟", 10),
        ],
        prep_done: &[PrepKind::AgendaSent, PrepKind::TransportReception],
        custom_prep: &[("提案书打印 10 份并装订", "王小明", false)],
        points: &[],
        actions: &[],
        internal_note: "",
        fate: Fate::Unsent,
    },
    Spec {
        client: clients::COKE,
        job: Some("2027 春节 TVC"),
        kind: MeetingKind::PhoneCall,
        title: "春节 TVC 脚本反馈电话",
        place: "电话",
        when: When::HoursFromNow(-3),
        minutes_long: 30,
        team: &[0],
        contacts: &[0],
        agenda: &[],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[],
        points: &[
            (
                "客户认为第二场“团圆饭”节奏偏慢，希望压缩到 8 秒以内。",
                "导演周五前出两个剪辑方案供客户选择。",
                false,
                "",
            ),
            ("产品镜头须出现两次，结尾定格 3 秒。", "", true, ""),
        ],
        actions: &[(
            "向导演转达节奏意见并取回两版剪辑",
            Party::Agency,
            Some(0),
            "王小明",
            2,
            false,
        )],
        internal_note: "",
        fate: Fate::Unsent,
    },
    Spec {
        client: clients::XIAOMI,
        job: Some("小米 SU7 车主年度盛典"),
        kind: MeetingKind::VideoCall,
        title: "SU7 车主盛典场地与流程确认",
        place: "腾讯会议 628-114-305",
        when: When::Day(-2, 10, 0),
        minutes_long: 60,
        team: &[1, 2],
        contacts: &[0, 1],
        agenda: &[("场地方案比较", "李娜", 20), ("当日流程", "陈静", 30)],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[],
        points: &[
            (
                "场地选定亦庄车主中心，备选为首钢园 3 号馆。",
                "本周内与场地方签订意向书。",
                true,
                "首钢园报价高出 18%，不建议。",
            ),
            (
                "车主入场需核验订单号，预计 800 人，须 6 条通道。",
                "与小米 IT 对接核验接口，下周二前联调。",
                false,
                "",
            ),
            ("晚宴环节取消，改为夜间试驾体验。", "", true, ""),
        ],
        actions: &[
            ("签订场地意向书", Party::Agency, Some(1), "李娜", 3, false),
            (
                "提供订单核验接口文档",
                Party::Client,
                None,
                "许峰",
                4,
                false,
            ),
            (
                "夜间试驾路线安全评估",
                Party::Vendor,
                None,
                "执行公司",
                7,
                false,
            ),
        ],
        internal_note: "客户对预算很敏感，报价分两档提交。",
        fate: Fate::Unsent,
    },
    Spec {
        client: clients::MENGNIU,
        job: Some("特仑苏 2026 中秋礼盒"),
        kind: MeetingKind::Meeting,
        title: "特仑苏中秋礼盒项目复盘",
        place: "星河广告 12 楼大会议室",
        when: When::Day(-2, 15, 0),
        minutes_long: 90,
        team: &[0, 2, 3],
        contacts: &[0],
        agenda: &[("销售与声量数据", "陈静", 30), ("经验与改进", "王小明", 30)],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[],
        points: &[
            (
                "礼盒电商销量完成目标的 112%，线下渠道完成 94%。",
                "",
                false,
                "",
            ),
            (
                "礼盒打样周期过长，导致上市推迟 5 天。",
                "明年打样提前至 5 月启动，并预留两轮修改。",
                false,
                "",
            ),
            ("2027 中秋礼盒继续由星河广告执行。", "", true, ""),
        ],
        actions: &[(
            "提交 2027 中秋礼盒初步时间表",
            Party::Agency,
            Some(2),
            "陈静",
            10,
            false,
        )],
        internal_note: "",
        fate: Fate::Sent {
            sent: 20,
            notified: Some(21),
        },
    },
    Spec {
        client: clients::BMW,
        job: Some("宝马 3系华东经销商"),
        kind: MeetingKind::SiteVisit,
        title: "3系试驾会场地考察",
        place: "上海国际赛车场",
        when: When::Day(-8, 9, 30),
        minutes_long: 180,
        team: &[1],
        contacts: &[1],
        agenda: &[],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[],
        points: &[
            (
                "试驾路线使用 F1 赛道外环，单圈约 3 公里。",
                "赛道方出具安全方案，经销商签到区设在 2 号门。",
                true,
                "",
            ),
            ("雨天备案：室内展厅静态体验。", "", false, ""),
        ],
        actions: &[
            ("确认赛道租用合同", Party::Client, None, "吴刚", 5, false),
            ("制作签到区物料", Party::Agency, Some(1), "李娜", 12, false),
        ],
        internal_note: "",
        fate: Fate::Sent {
            sent: 6,
            notified: None,
        },
    },
    Spec {
        client: clients::COKE,
        job: Some("2026 春节终端陈列"),
        kind: MeetingKind::Meeting,
        title: "春节 POSM 打样确认",
        place: "可口可乐上海办公室",
        when: When::Day(-12, 10, 0),
        minutes_long: 60,
        team: &[0, 2],
        contacts: &[0, 1],
        agenda: &[("打样实物确认", "王小明", 40), ("生产排期", "陈静", 20)],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[("打样实物装箱带到客户处", "王小明", true)],
        points: &[
            (
                "堆头红色偏暗，改为专色 485C。",
                "印厂重新调色，三天后二次打样。",
                true,
                "",
            ),
            ("挂旗尺寸确认为 40×60 cm。", "", true, ""),
        ],
        actions: &[
            ("二次打样送客户确认", Party::Vendor, None, "印厂", 3, true),
            ("确认各区域物料数量", Party::Client, None, "孙浩", 5, true),
        ],
        internal_note: "",
        fate: Fate::Confirmed {
            sent: 5,
            confirmed: 30,
        },
    },
    Spec {
        client: clients::XIAOMI,
        job: Some("小米双十一品牌直播间"),
        kind: MeetingKind::Meeting,
        title: "双十一直播间活动复盘",
        place: "小米科技园 D 座",
        when: When::Day(-6, 14, 0),
        minutes_long: 90,
        team: &[1, 3],
        contacts: &[0],
        agenda: &[],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[],
        points: &[
            ("直播间累计观看 1,260 万人次，高于目标 26%。", "", false, ""),
            (
                "第二晚断流 7 分钟，原因是推流带宽不足。",
                "以后大型直播配备双线路推流。",
                false,
                "执行公司应承担部分责任，待商议。",
            ),
        ],
        actions: &[(
            "出具断流事故报告",
            Party::Vendor,
            None,
            "执行公司",
            3,
            false,
        )],
        internal_note: "",
        fate: Fate::Disputed {
            sent: 18,
            disputed: 40,
        },
    },
    Spec {
        client: clients::MENGNIU,
        job: Some("纯甄 2027 新年限定"),
        kind: MeetingKind::Meeting,
        title: "纯甄新年限定口味传播提案",
        place: "蒙牛北京办公室",
        when: When::Day(-20, 10, 0),
        minutes_long: 120,
        team: &[0, 2, 3],
        contacts: &[0, 1],
        agenda: &[("策略", "陈静", 45), ("创意", "王小明", 45)],
        prep_done: &PrepKind::STANDARD,
        custom_prep: &[],
        points: &[
            ("客户选定创意方向 B“年味新口味”。", "", true, ""),
            ("数字媒介预算 320 万元。", "", true, ""),
        ],
        actions: &[(
            "按方向 B 深化主视觉",
            Party::Agency,
            Some(0),
            "王小明",
            7,
            true,
        )],
        internal_note: "",
        fate: Fate::Revised {
            sent: 8,
            disputed: 26,
            resent: 30,
            confirmed: 50,
            revision: "数字媒介预算 300 万元（客户更正）。",
        },
    },
];

/// What happens to a sample meeting at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What {
    /// Booked, with attendees, agenda and preparation.
    Book,
    /// The minutes written after the meeting.
    Write,
    /// The minutes sent to the client attendees.
    Send,
    /// The client notified.
    Notify,
    /// The client confirmed (with a filed scan, or not).
    Confirm(bool),
    /// The client disputed.
    Dispute,
    /// The minutes revised from the client's comments.
    Revise,
}

/// A sample meeting event: when, which meeting ([`SPECS`] index), what.
#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    pub(super) at: DateTime<Utc>,
    spec: usize,
    what: What,
}

impl Event {
    /// Whether this event books a new meeting.
    pub(super) fn books(&self) -> bool {
        self.what == What::Book
    }
}

fn beijing() -> Result<FixedOffset, SampleError> {
    FixedOffset::east_opt(8 * 3600).ok_or_else(|| SampleError::Data("time zone".into()))
}

/// When a sample meeting starts, around `now`: in office hours on a working day.
fn start_of(spec: &Spec, now: DateTime<Utc>) -> Result<DateTime<Utc>, SampleError> {
    let tz = beijing()?;
    let cal = WorkCalendar::china();
    let hours = OfficeHours::default();
    let length = Duration::minutes(spec.minutes_long);
    let local_now = now.with_timezone(&tz).naive_local();
    let start = match spec.when {
        When::HoursFromNow(h) if h >= 0 => {
            let target = local_now + Duration::hours(h);
            // Close enough to be warned about its open preparation, if office hours allow.
            let warned = local_now + Duration::hours(PREP_WARNING_HOURS);
            let earliest = local_now + Duration::hours(1);
            hours
                .first_start_from(&cal, target, length)
                .filter(|s| *s <= warned)
                .or_else(|| {
                    hours
                        .last_start_until(&cal, target, length)
                        .filter(|s| *s >= earliest)
                })
                .or_else(|| hours.first_start_from(&cal, earliest, length))
        }
        When::HoursFromNow(h) => {
            hours.last_start_until(&cal, local_now + Duration::hours(h), length)
        }
        When::Day(day, h, m) => {
            let today = local_now.date();
            let on = today + Duration::days(day);
            let on = if day < 0 {
                cal.working_on_or_before(on)
            } else {
                cal.working_on_or_after(on)
            };
            on.and_then(|d| d.and_hms_opt(h, m, 0)).and_then(|t| {
                if hours.contains(&cal, t, t + length) {
                    Some(t)
                } else {
                    hours.last_start_until(&cal, t, length)
                }
            })
        }
    };
    start
        .and_then(|t| t.and_local_timezone(tz).single())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| SampleError::Data(spec.title.into()))
}

/// Every sample meeting event up to `now`, in time order.
pub(super) fn events(now: DateTime<Utc>) -> Result<Vec<Event>, SampleError> {
    let mut out = Vec::new();
    for (i, spec) in SPECS.iter().enumerate() {
        let start = start_of(spec, now)?;
        let end = start + Duration::minutes(spec.minutes_long);
        let h = |hours: i64| end + Duration::hours(hours);
        let mut push = |at: DateTime<Utc>, what| {
            out.push(Event {
                at: at.min(now),
                spec: i,
                what,
            })
        };
        push(start - Duration::days(3), What::Book);
        if spec.points.is_empty() && spec.actions.is_empty() {
            continue;
        }
        push(end + Duration::minutes(20), What::Write);
        match &spec.fate {
            Fate::Unsent => {}
            Fate::Sent { sent, notified } => {
                push(h(*sent), What::Send);
                if let Some(n) = notified {
                    push(h(*n), What::Notify);
                }
            }
            Fate::Confirmed { sent, confirmed } => {
                push(h(*sent), What::Send);
                push(h(*sent) + Duration::minutes(5), What::Notify);
                push(h(*confirmed), What::Confirm(true));
            }
            Fate::Disputed { sent, disputed } => {
                push(h(*sent), What::Send);
                push(h(*disputed), What::Dispute);
            }
            Fate::Revised {
                sent,
                disputed,
                resent,
                confirmed,
                ..
            } => {
                push(h(*sent), What::Send);
                push(h(*disputed), What::Dispute);
                push(h(*resent) - Duration::minutes(30), What::Revise);
                push(h(*resent), What::Send);
                push(h(*confirmed), What::Confirm(false));
            }
        }
    }
    out.sort_by_key(|e| e.at);
    Ok(out)
}

/// Applies the sample meeting events, remembering the ids of the meetings booked.
pub(super) struct Runner {
    /// The moment of loading, around which the meetings are placed.
    now: DateTime<Utc>,
    ids: Vec<Option<MeetingId>>,
}

impl Runner {
    /// A runner placing meetings around `now`.
    pub(super) fn new(now: DateTime<Utc>) -> Runner {
        Runner {
            now,
            ids: Vec::new(),
        }
    }

    /// Applies one event; `team` is the sample team in order.
    pub(super) fn run(
        &mut self,
        store: &Store,
        team: &[UserId],
        event: &Event,
    ) -> Result<(), SampleError> {
        let spec = SPECS
            .get(event.spec)
            .ok_or_else(|| SampleError::Data(format!("meeting {}", event.spec)))?;
        let person = |i: usize| {
            team.get(i)
                .copied()
                .ok_or_else(|| SampleError::Data(format!("user {i}")))
        };
        let organiser = person(spec.team.first().copied().unwrap_or(0))?;
        let ctx = Ctx {
            actor: organiser,
            now: event.at,
            today: event.at.with_timezone(&beijing()?).date_naive(),
        };
        if event.what == What::Book {
            let start = start_of(spec, self.now)?;
            let meeting = book(store, spec, start, event.at, organiser, &person)?;
            let id = apply(store, &ctx, Command::SaveMeeting(Box::new(meeting)))?.id;
            if self.ids.len() <= event.spec {
                self.ids.resize(event.spec + 1, None);
            }
            self.ids[event.spec] = Some(MeetingId(id));
            return Ok(());
        }
        let id = self
            .ids
            .get(event.spec)
            .copied()
            .flatten()
            .ok_or_else(|| SampleError::Data(format!("{} before it was booked", spec.title)))?;
        let mut meeting: Meeting = store
            .get(id.0)?
            .ok_or_else(|| SampleError::Data(spec.title.into()))?;
        let first_contact = meeting
            .attendees
            .iter()
            .find(|a| a.side == Side::Client)
            .map_or_else(String::new, |a| a.name.clone());
        let command = match event.what {
            What::Book => return Ok(()),
            What::Write => {
                write(&mut meeting, spec, &person)?;
                Command::SaveMeeting(Box::new(meeting))
            }
            What::Revise => {
                if let (Some(p), Fate::Revised { revision, .. }) =
                    (meeting.minutes.points.last_mut(), &spec.fate)
                {
                    p.text = (*revision).into();
                }
                Command::SaveMeeting(Box::new(meeting))
            }
            What::Send => Command::Minutes(id, MinutesStep::Send(meeting.client_recipients())),
            What::Notify => Command::Minutes(id, MinutesStep::Notify),
            What::Confirm(scan) => Command::Minutes(
                id,
                MinutesStep::Confirm {
                    by: first_contact,
                    scan: scan.then(|| format!("会议记录回传/{}.pdf", spec.title)),
                },
            ),
            What::Dispute => Command::Minutes(
                id,
                MinutesStep::Dispute {
                    by: first_contact,
                    comments: match spec.fate {
                        Fate::Revised { .. } => "数字媒介预算应为 300 万元。".into(),
                        _ => {
                            "断流原因应写明为执行公司设备故障，不是带宽不足；请更正后重发。".into()
                        }
                    },
                },
            ),
        };
        apply(store, &ctx, command)?;
        Ok(())
    }
}

/// The meeting as booked: attendees, agenda and preparation.
fn book(
    store: &Store,
    spec: &Spec,
    start: DateTime<Utc>,
    at: DateTime<Utc>,
    organiser: UserId,
    person: &dyn Fn(usize) -> Result<UserId, SampleError>,
) -> Result<Meeting, SampleError> {
    let client = store
        .all::<Client>()?
        .into_iter()
        .nth(spec.client)
        .ok_or_else(|| SampleError::Data(format!("client {}", spec.client)))?;
    let theirs: Vec<Contact> = store
        .all::<Contact>()?
        .into_iter()
        .filter(|c| c.client_id == client.id)
        .collect();
    let users: Vec<crate::domain::User> = store.all()?;
    let name_of = |id: UserId| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(String::new, |u| u.name.clone())
    };
    let mut meeting = Meeting::new(
        spec.kind,
        client.id,
        start,
        start + Duration::minutes(spec.minutes_long),
        Stamp { by: organiser, at },
    );
    meeting.title = spec.title.into();
    meeting.place = spec.place.into();
    // Loaded with an early clock, the job may not have been requested yet.
    if let Some(prefix) = spec.job
        && let Some(job) = store
            .all::<Job>()?
            .into_iter()
            .find(|j| j.title.starts_with(prefix))
    {
        meeting.jobs.push(job.id);
    }
    for &i in spec.team {
        let id = person(i)?;
        meeting.attendees.push(Attendee {
            side: Side::Agency,
            user: Some(id),
            contact: None,
            name: name_of(id),
            title: String::new(),
            email: String::new(),
        });
    }
    for &i in spec.contacts {
        let c = theirs
            .get(i)
            .ok_or_else(|| SampleError::Data(format!("contact {i} of {}", client.name)))?;
        meeting.attendees.push(Attendee {
            side: Side::Client,
            user: None,
            contact: Some(c.id),
            name: c.name.clone(),
            title: c.title.clone(),
            email: c.email.clone(),
        });
    }
    meeting.agenda = spec
        .agenda
        .iter()
        .map(|(title, presenter, minutes)| AgendaItem {
            title: (*title).into(),
            presenter: (*presenter).into(),
            minutes: *minutes,
        })
        .collect();
    for p in &mut meeting.prep {
        p.done = spec.prep_done.contains(&p.kind);
        p.owner = name_of(organiser);
    }
    for (label, owner, done) in spec.custom_prep {
        meeting.prep.push(PrepItem {
            kind: PrepKind::Custom,
            label: (*label).into(),
            owner: (*owner).into(),
            done: *done,
        });
    }
    Ok(meeting)
}

/// The minutes as written after the meeting.
fn write(
    meeting: &mut Meeting,
    spec: &Spec,
    person: &dyn Fn(usize) -> Result<UserId, SampleError>,
) -> Result<(), SampleError> {
    let day = meeting.start.with_timezone(&beijing()?).date_naive();
    meeting.minutes.points = spec
        .points
        .iter()
        .map(|(text, solution, decision, note)| Point {
            text: (*text).into(),
            solution: (*solution).into(),
            decision: *decision,
            internal_note: (*note).into(),
        })
        .collect();
    meeting.minutes.actions = spec
        .actions
        .iter()
        .map(|(what, party, owner_user, owner, due, done)| {
            Ok(ActionItem {
                what: (*what).into(),
                party: *party,
                owner: (*owner).into(),
                owner_user: owner_user.map(person).transpose()?,
                due: Some(day + Duration::days(*due)),
                status: if *done {
                    ActionStatus::Done
                } else {
                    ActionStatus::Open
                },
            })
        })
        .collect::<Result<_, SampleError>>()?;
    meeting.minutes.internal_note = spec.internal_note.into();
    Ok(())
}
