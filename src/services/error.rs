//! Errors of the use cases, with the message a person sees in either language.

use crate::domain::job::IllegalTransition;
use crate::domain::money::MoneyError;
use crate::domain::schedule::ScheduleProblem;
use crate::domain::text::TextError;
use crate::domain::{Lang, format};
use crate::store::StoreError;
use thiserror::Error;

/// What was wrong with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing typed where something is required.
    Required,
    /// Longer than allowed.
    TooLong {
        /// Characters allowed.
        max: usize,
    },
    /// An invisible control character.
    ControlChar,
    /// Not a date.
    BadDate,
    /// Not an amount.
    BadMoney(MoneyError),
    /// An end before a start.
    EndBeforeStart,
    /// A job-number format that cannot work.
    BadFormat(String),
    /// Not an email address.
    BadEmail,
    /// A reference to a record that does not exist (e.g. a deleted brand).
    Missing,
    /// The same entry listed twice (e.g. a date among the agency's days).
    Repeated(String),
    /// More entries than allowed.
    TooMany {
        /// Entries allowed.
        max: usize,
    },
    /// Not a taxpayer id (统一社会信用代码 or an older id).
    BadTaxId(String),
}

/// A field that failed validation. `field` is a stable key (see [`field_label`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Stable field key, e.g. `name`, `budget`.
    pub field: &'static str,
    /// What was wrong.
    pub problem: Problem,
}

impl From<TextError> for FieldError {
    fn from(e: TextError) -> Self {
        match e {
            TextError::Required { field } => FieldError {
                field,
                problem: Problem::Required,
            },
            TextError::TooLong { field, max, .. } => FieldError {
                field,
                problem: Problem::TooLong { max },
            },
            TextError::ControlChar { field } => FieldError {
                field,
                problem: Problem::ControlChar,
            },
        }
    }
}

/// Everything a use case can refuse or fail with.
#[derive(Debug, Error)]
pub enum ServiceError {
    /// A form field is invalid; nothing was saved.
    #[error("invalid {}: {:?}", .0.field, .0.problem)]
    Invalid(FieldError),
    /// The record to change no longer exists.
    #[error("{what} {id} does not exist")]
    NotFound {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: u64,
    },
    /// A status change the lifecycle does not allow.
    #[error(transparent)]
    Transition(#[from] IllegalTransition),
    /// A status change that is made only with a reason (cancelling, reopening), asked
    /// without one.
    #[error("{} needs a reason", .0.names().1)]
    ReasonNeeded(crate::domain::job::StatusReason),
    /// A completed job archived before its job file holds the completion form; the job's
    /// number.
    #[error("job {0} has no completion form in its file yet")]
    CompletionFormMissing(String),
    /// A change to an archived job's brief, schedule, estimates, documents or meetings; the
    /// job's number. Reopening the job (with a reason) makes it editable again.
    #[error("job {0} is archived and read-only")]
    Archived(String),
    /// A record that others refer to cannot be removed.
    #[error("{0} is still referred to and cannot be removed")]
    InUse(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A document could not be produced.
    #[error("export failed: {0}")]
    Export(String),
    /// A schedule that cannot be saved as it is; `task` names the task concerned.
    #[error("{task}: {problem}")]
    Schedule {
        /// The task's name (or number when it has none).
        task: String,
        /// What is wrong.
        problem: ScheduleProblem,
    },
    /// Issuing needs a schedule with at least one task the client sees.
    #[error("job {0} has no schedule with a task for the client to issue")]
    NothingToIssue(String),
    /// A meeting that cannot be saved, or minutes that cannot take the step asked.
    #[error(transparent)]
    Meeting(crate::domain::meeting::MeetingError),
    /// The plan of a schedule asked to print is not there (no schedule, nothing issued, no
    /// such version).
    #[error("{}", .0.message(Lang::En))]
    Plan(crate::services::export::PlanError),
    /// A change to the schedule templates that was refused.
    #[error(transparent)]
    Template(#[from] crate::domain::template::TemplateError),
    /// An estimate's step, or a job's move into production, that was refused.
    #[error("{}", .0.message(Lang::En))]
    Money(super::estimates::MoneyRefusal),
    /// A change to a document that was refused (kept by law, in the trash…).
    #[error("{}", .0.message(Lang::En))]
    Document(super::documents::DocumentRefusal),
    /// A step on the library's shelves that was refused (out on loan, overdue…).
    #[error("{}", .0.message(Lang::En))]
    Library(super::library::LibraryRefusal),
}

impl From<FieldError> for ServiceError {
    fn from(e: FieldError) -> Self {
        ServiceError::Invalid(e)
    }
}

impl From<TextError> for ServiceError {
    fn from(e: TextError) -> Self {
        ServiceError::Invalid(e.into())
    }
}

/// The label of a form field, for messages.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        "name" => ("名称", "Name"),
        "short_name" => ("简称", "Short name"),
        "industry" => ("行业", "Industry"),
        "address" => ("地址", "Address"),
        "phone" => ("电话", "Phone"),
        "since" => ("服务开始日期", "Client since"),
        "notes" => ("备注", "Notes"),
        "contact_name" => ("姓名", "Name"),
        "title" => ("标题", "Title"),
        "job_title" => ("职务", "Job title"),
        "email" => ("电子邮件", "Email"),
        "wechat" => ("微信", "WeChat"),
        "number" => ("合约编号", "Contract number"),
        "scope" => ("范围", "Scope"),
        "start" => ("开始日期", "Start date"),
        "end" => ("结束日期", "End date"),
        "value" => ("金额", "Value"),
        "facts" => ("品牌资料", "Key facts"),
        "key_points" => ("重点", "Key points"),
        "positioning" => ("定位与策略", "Positioning and strategy"),
        "competitors" => ("竞争品牌", "Competitors"),
        "client" => ("客户", "Client"),
        "brand" => ("品牌", "Brand"),
        "requested_on" => ("申请日期", "Requested on"),
        "due_on" => ("截止日期", "Due date"),
        "background" => ("背景", "Background"),
        "objective" => ("目标", "Objective"),
        "audience" => ("目标受众", "Target audience"),
        "key_message" => ("核心信息", "Key message"),
        "deliverables" => ("交付物", "Deliverables"),
        "mandatories" => ("必备要素", "Mandatories"),
        "budget" => ("预算", "Budget"),
        "timing" => ("时间安排", "Timing"),
        "agency_name" => ("公司名称", "Agency name"),
        "agency_name_en" => ("英文名称", "English name"),
        "job_number_format" => ("工作号格式", "Job number format"),
        "agency_days" => ("公司休息日", "Company days off"),
        "agency_day_name" => ("休息日名称", "Name of the day"),
        "user_name" => ("用户姓名", "User name"),
        "meeting_title" => ("会议主题", "Subject"),
        "place" => ("地点", "Place"),
        "attendee_name" => ("与会人员", "Attendee"),
        "attendee_title" => ("职务/公司", "Title or company"),
        "agenda_title" => ("议程", "Agenda item"),
        "presenter" => ("主讲人", "Presenter"),
        "prep_owner" => ("负责人", "Owner"),
        "prep_item" => ("准备事项", "Preparation item"),
        "point" => ("要点", "Point"),
        "solution" => ("解决方法", "Solution"),
        "internal_note" => ("内部备注", "Internal note"),
        "action" => ("待办事项", "Action"),
        "action_owner" => ("负责人", "Owner"),
        "confirmed_by" => ("客户确认人", "Confirmed by"),
        "comments" => ("客户意见", "Client's comments"),
        "scan" => ("回传件扫描", "Scan of the returned copy"),
        "job" => ("工作", "Job"),
        "invoice_company" => ("开票名称", "Name on the fapiao"),
        "tax_id" => ("纳税人识别号", "Taxpayer id"),
        "invoice_address" => ("开票地址", "Registered address"),
        "invoice_phone" => ("开票电话", "Registered phone"),
        "bank" => ("开户行", "Bank"),
        "account" => ("账号", "Account"),
        "budget_year" => ("预算年度", "Budget year"),
        "media_budget" => ("媒介预算", "Media budget"),
        "production_budget" => ("制作预算", "Production budget"),
        "budget_from" => ("生效日期", "Applies from"),
        "budget_reason" => ("调整原因", "Reason for the change"),
        "issued_on" => ("开票日期", "Issued on"),
        "invoice_due" => ("付款到期日", "Payment due on"),
        "gross" => ("价税合计", "Total with tax"),
        "tax" => ("税额", "Tax"),
        "note" => ("备注", "Note"),
        "received_on" => ("到账日", "Received on"),
        "received" => ("收款金额", "Amount received"),
        "reference" => ("银行流水号或备注", "Bank reference"),
        "vendor" => ("供应商", "Vendor"),
        "cost" => ("成本金额", "Cost"),
        "cost_tax" => ("成本税额", "Tax on the cost"),
        "fapiao_number" => ("供应商发票号", "Vendor's fapiao number"),
        "cost_on" => ("成本日期", "Date of the cost"),
        "void_reason" => ("作废理由", "Reason to void"),
        "remarks" => ("客户经理说明", "Remarks"),
        "document_title" => ("文件标题", "Document title"),
        "document_number" => ("文件编号", "Number"),
        "counterparty" => ("往来单位", "Counterparty"),
        "topic" => ("主题", "Topic"),
        "tags" => ("标签", "Tags"),
        "version_note" => ("版本说明", "Version note"),
        "item_title" => ("物品名称", "Item"),
        "item_owner" => ("所属单位", "Owner"),
        "shelf_place" => ("存放位置", "Shelf place"),
        "borrower" => ("借用人", "Borrower"),
        "reason" => ("理由", "Reason"),
        "work" => ("广告作品", "Creative work"),
        "work_title" => ("作品名称", "Title of the work"),
        "campaign" => ("广告活动", "Campaign"),
        "format" => ("规格与长度", "Format and length"),
        "last_ran" => ("最后投放日期", "Last ran"),
        "outlets" => ("投放媒体", "Outlets"),
        "regions" => ("投放地区", "Regions"),
        "approval_number" => ("广告审查批准文号", "Ad-review approval no."),
        "credits" => ("主创人员", "Credits"),
        "awards" => ("获奖", "Awards"),
        "right_holder" => ("权利人", "Rights holder"),
        "document" => ("文件", "Document"),
        _ => ("字段", "Field"),
    };
    lang.pick(zh, en)
}

impl ServiceError {
    /// The message shown to a person, saying what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ServiceError::Invalid(FieldError { field, problem }) => {
                let label = field_label(field, lang);
                match (problem, lang) {
                    (Problem::Required, Lang::Zh) => format!("请填写“{label}”。"),
                    (Problem::Required, Lang::En) => format!("{label} is required."),
                    (Problem::TooLong { max }, Lang::Zh) => {
                        format!("“{label}”太长：最多 {max} 个字。")
                    }
                    (Problem::TooLong { max }, Lang::En) => {
                        format!("{label} is too long: at most {max} characters.")
                    }
                    (Problem::ControlChar, Lang::Zh) => {
                        format!("“{label}”含有不可见的控制字符，请删除后重试。")
                    }
                    (Problem::ControlChar, Lang::En) => format!(
                        "{label} contains an invisible control character; remove it and try again."
                    ),
                    (Problem::BadDate, Lang::Zh) => {
                        format!("“{label}”不是有效日期，请按 2026-11-26 的格式填写。")
                    }
                    (Problem::BadDate, Lang::En) => {
                        format!("{label} is not a valid date; type it like 2026-11-26.")
                    }
                    (Problem::BadMoney(e), lang) => money_message(label, e, lang),
                    (Problem::EndBeforeStart, Lang::Zh) => {
                        format!("“{label}”不能早于开始日期。")
                    }
                    (Problem::EndBeforeStart, Lang::En) => {
                        format!("{label} cannot be before the start.")
                    }
                    (Problem::BadFormat(why), Lang::Zh) => {
                        format!("“{label}”无效：{why}。例如 {{YYYY}}-{{NNNN}}。")
                    }
                    (Problem::BadFormat(why), Lang::En) => {
                        format!("{label} is invalid: {why}. Example: {{YYYY}}-{{NNNN}}.")
                    }
                    (Problem::BadEmail, Lang::Zh) => {
                        format!("“{label}”不是有效的电子邮件地址。")
                    }
                    (Problem::BadEmail, Lang::En) => {
                        format!("{label} is not a valid email address.")
                    }
                    (Problem::Missing, Lang::Zh) => {
                        format!("所选的“{label}”已不存在，请重新选择。")
                    }
                    (Problem::Missing, Lang::En) => {
                        format!("The selected {label} no longer exists; choose again.")
                    }
                    (Problem::Repeated(what), Lang::Zh) => {
                        format!("“{label}”中 {what} 出现了两次，请删除其中一个。")
                    }
                    (Problem::Repeated(what), Lang::En) => {
                        format!("{what} appears twice in {label}; remove one.")
                    }
                    (Problem::TooMany { max }, Lang::Zh) => {
                        format!("“{label}”最多 {max} 项。")
                    }
                    (Problem::TooMany { max }, Lang::En) => {
                        format!("{label} holds at most {max} entries.")
                    }
                    (Problem::BadTaxId(id), Lang::Zh) => format!(
                        "“{label}”应为 18 位统一社会信用代码（或 15、20 位旧税号），由数字和大写字母组成；“{id}”不是。"
                    ),
                    (Problem::BadTaxId(id), Lang::En) => format!(
                        "{label} is the 18-character unified social credit code (or an older 15- or 20-character id) of digits and capital letters; “{id}” is not."
                    ),
                }
            }
            ServiceError::NotFound { .. } => lang
                .pick(
                    "该记录已不存在（可能已被撤销或删除）。",
                    "That record no longer exists (it may have been undone or deleted).",
                )
                .to_string(),
            ServiceError::CompletionFormMissing(n) => match lang {
                Lang::Zh => format!(
                    "工作 {n} 的工作档案中还没有工作完成表。请先把工作完成表（或其签字扫描件）归入工作档案，再归档。"
                ),
                Lang::En => format!(
                    "Job {n} has no completion form in its file. File its completion form (or a signed scan of it) in the job file first, then archive it."
                ),
            },
            ServiceError::Archived(n) => match lang {
                Lang::Zh => format!(
                    "工作 {n} 已归档，只读。如需修改，请先在工作页上“重新打开…”（须写明理由）。"
                ),
                Lang::En => format!(
                    "Job {n} is archived and read-only. To change it, reopen it on its page first (with a reason)."
                ),
            },
            ServiceError::ReasonNeeded(r) => match lang {
                Lang::Zh => format!("{}须写明理由。", r.names().0),
                Lang::En => format!("{}: say why.", r.names().1),
            },
            ServiceError::Transition(t) => match lang {
                Lang::Zh => format!(
                    "工作状态不能从“{}”改为“{}”。",
                    format::job_status(t.from, lang),
                    format::job_status(t.to, lang)
                ),
                Lang::En => format!(
                    "A job cannot move from {} to {}.",
                    format::job_status(t.from, lang),
                    format::job_status(t.to, lang)
                ),
            },
            ServiceError::InUse(what) => match lang {
                Lang::Zh => format!("“{what}”仍被其他记录引用，不能删除。"),
                Lang::En => format!("{what} is still used by other records and cannot be removed."),
            },
            ServiceError::Export(e) => match lang {
                Lang::Zh => format!("导出失败：{e}"),
                Lang::En => format!("Export failed: {e}"),
            },
            // The store's own sentence names the file and says what to do; whether anything
            // was being saved is not known here, so it is not claimed.
            ServiceError::Store(e) => e.message(lang),
            ServiceError::Schedule { task, problem } => schedule_message(task, problem, lang),
            ServiceError::Meeting(e) => meeting_message(e, lang),
            ServiceError::Plan(e) => e.message(lang),
            ServiceError::Template(e) => super::templates::message(e, lang),
            ServiceError::Money(e) => e.message(lang),
            ServiceError::Document(e) => e.message(lang),
            ServiceError::Library(e) => e.message(lang),
            ServiceError::NothingToIssue(job) => match lang {
                Lang::Zh => format!("工作 {job} 的进度表里还没有客户可见的任务，无法发给客户。"),
                Lang::En => format!(
                    "Job {job} has no schedule task the client can see; there is nothing to issue."
                ),
            },
        }
    }
}

fn schedule_message(task: &str, problem: &ScheduleProblem, lang: Lang) -> String {
    use ScheduleProblem as P;
    match (problem, lang) {
        (P::NoName(_), Lang::Zh) => "有任务没有名称，请填写。".into(),
        (P::NoName(_), Lang::En) => "A task has no name; give it one.".into(),
        (P::NameTooLong(_), Lang::Zh) => format!("任务“{task}”的名称太长：最多 200 个字。"),
        (P::NameTooLong(_), Lang::En) => {
            format!("The name of task “{task}” is too long: at most 200 characters.")
        }
        (P::DuplicateId(_), Lang::Zh) => format!("任务“{task}”的编号重复。"),
        (P::DuplicateId(_), Lang::En) => format!("Task “{task}” has a number used twice."),
        (P::UnknownPredecessor { .. }, Lang::Zh) => {
            format!("任务“{task}”的前置任务已不存在，请重新选择。")
        }
        (P::UnknownPredecessor { .. }, Lang::En) => {
            format!("Task “{task}” waits for a task that no longer exists; choose again.")
        }
        (P::Loop(_), Lang::Zh) => format!("任务“{task}”的前置任务形成了循环，请去掉其中一个。"),
        (P::Loop(_), Lang::En) => {
            format!("Task “{task}” waits for itself through its predecessors; remove one link.")
        }
        (P::EndBeforeStart(_), Lang::Zh) => {
            format!("任务“{task}”的结束日期早于开始日期（里程碑只有一天）。")
        }
        (P::EndBeforeStart(_), Lang::En) => {
            format!("Task “{task}” ends before it starts (a milestone is a single day).")
        }
        (P::Progress(_), Lang::Zh) => format!("任务“{task}”的进度不能超过 100%。"),
        (P::Progress(_), Lang::En) => format!("Task “{task}” cannot be more than 100% done."),
        (P::TooMany, Lang::Zh) => format!(
            "一个进度表最多 {} 个任务。",
            crate::domain::schedule::MAX_TASKS
        ),
        (P::TooMany, Lang::En) => format!(
            "A schedule holds at most {} tasks.",
            crate::domain::schedule::MAX_TASKS
        ),
        (P::Level(_), Lang::Zh) => {
            format!("任务“{task}”缩进了，但上面没有可归入的阶段；请先取消缩进（Alt+←）。")
        }
        (P::Level(_), Lang::En) => {
            format!("Task “{task}” is indented with no phase above it; outdent it first (Alt+←).")
        }
    }
}

fn meeting_message(e: &crate::domain::meeting::MeetingError, lang: Lang) -> String {
    use crate::domain::meeting::{MAX_ITEMS, MeetingError as E};
    match (e, lang) {
        (E::Text(t), lang) => ServiceError::Invalid(FieldError::from(t.clone())).message(lang),
        (E::EndBeforeStart, Lang::Zh) => "结束时间不能早于开始时间。".into(),
        (E::EndBeforeStart, Lang::En) => "The meeting cannot end before it starts.".into(),
        (E::TooMany(_), Lang::Zh) => format!("每一栏最多 {MAX_ITEMS} 项。"),
        (E::TooMany(what), Lang::En) => format!("At most {MAX_ITEMS} {what}."),
        (E::BadEmail(a), Lang::Zh) => format!("“{a}”不是有效的电子邮件地址。"),
        (E::BadEmail(a), Lang::En) => format!("{a} is not a valid email address."),
        (E::MissingPrep, Lang::Zh) => "四项标准会前准备不能删除。".into(),
        (E::MissingPrep, Lang::En) => {
            "The four standard preparation items cannot be removed.".into()
        }
        (E::NothingToSend, Lang::Zh) => "会议记录还是空的：先写下要点、决定或待办事项。".into(),
        (E::NothingToSend, Lang::En) => {
            "The minutes are empty: write the points, decisions or actions first.".into()
        }
        (E::NoRecipients, Lang::Zh) => "没有收件人：请先在与会人员中加入客户方人员。".into(),
        (E::NoRecipients, Lang::En) => {
            "No one to send to: add the client's attendees first.".into()
        }
        (E::AwaitingReply(v), Lang::Zh) => {
            format!("v{v} 已发出，正在等客户回复；如需更正，请先修改会议记录。")
        }
        (E::AwaitingReply(v), Lang::En) => format!(
            "v{v} was sent and awaits the client's reply; to correct it, edit the minutes first."
        ),
        (E::AlreadyConfirmed(v), Lang::Zh) => format!("客户已确认 v{v}，不能再发送。"),
        (E::AlreadyConfirmed(v), Lang::En) => {
            format!("The client confirmed v{v}; there is nothing more to send.")
        }
        (E::NotRevised(v), Lang::Zh) => {
            format!("客户对 v{v} 有异议：请先按客户意见修改会议记录，再发送新版本。")
        }
        (E::NotRevised(v), Lang::En) => format!(
            "The client disputed v{v}: revise the minutes from their comments, then send the new version."
        ),
        (E::NotSent, Lang::Zh) => "会议记录还没有发送。".into(),
        (E::NotSent, Lang::En) => "The minutes have not been sent yet.".into(),
        (E::AlreadyReplied(v), Lang::Zh) => format!("v{v} 已有客户回复。"),
        (E::AlreadyReplied(v), Lang::En) => format!("v{v} already has the client's reply."),
        (E::NotConfirmed(v), Lang::Zh) => {
            format!("v{v} 还没有客户确认：先记下确认，再附回传件。")
        }
        (E::NotConfirmed(v), Lang::En) => format!(
            "v{v} is not confirmed yet: record the client's confirmation, then attach the signed copy."
        ),
        (E::NoComments, Lang::Zh) => "请填写客户的意见。".into(),
        (E::NoComments, Lang::En) => "Write down the client's comments.".into(),
    }
}

fn money_message(label: &str, e: &MoneyError, lang: Lang) -> String {
    match (e, lang) {
        (MoneyError::Empty, Lang::Zh) => format!("请填写“{label}”。"),
        (MoneyError::Empty, Lang::En) => format!("{label} is required."),
        (MoneyError::NotANumber(s), Lang::Zh) => {
            format!("“{label}”中的“{s}”不是金额，请填写如 1234.50 的数字。")
        }
        (MoneyError::NotANumber(s), Lang::En) => {
            format!("{label}: '{s}' is not an amount; type a number such as 1234.50.")
        }
        (MoneyError::TooManyDecimals, Lang::Zh) => {
            format!("“{label}”最多两位小数（精确到分）。")
        }
        (MoneyError::TooManyDecimals, Lang::En) => {
            format!("{label} takes at most two decimals (fen).")
        }
        (MoneyError::Negative, Lang::Zh) => format!("“{label}”不能为负数。"),
        (MoneyError::Negative, Lang::En) => format!("{label} cannot be negative."),
        (MoneyError::TooLarge, Lang::Zh) => format!("“{label}”金额过大。"),
        (MoneyError::TooLarge, Lang::En) => format!("{label} is too large."),
    }
}
