//! Use cases of estimates: create one on a job, save its newest version (in place while it
//! is a draft, as a new version once anything happened to it), take a step on its road
//! (submit, approve, return, send, sign, decline, void), and let a job into production —
//! through the gate, or past it by an account director with a written reason.
//!
//! Money records are never deleted and these changes are not undone: a mistake is voided
//! with a reason, or corrected by a new version.

use super::*;
use crate::domain::EstimateId;
use crate::domain::estimate::check::{self as rules, GateProblem, MoneySettings};
use crate::domain::estimate::{
    self as est, Decision, Estimate, EstimateKind, EstimateLine, EstimateStatus, EstimateVersion,
    PriceBasis, Release, StepError, TaxMode, VersionHash,
};
use crate::domain::user::Role;
use crate::store::ContentHash;

/// What a person typed for a version of an estimate. `None` takes the agency's default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionDraft {
    /// What it is for, as the client reads it.
    pub title: String,
    /// The lines.
    pub lines: Vec<EstimateLine>,
    /// VAT (`None`: the agency's default).
    pub tax: Option<TaxMode>,
    /// Whether unit prices include VAT.
    pub basis: PriceBasis,
    /// Whether the client asked for a 专票.
    pub special_fapiao: bool,
    /// Last day to sign (`None`: today plus the agency's validity days).
    pub valid_until: Option<NaiveDate>,
    /// Payment terms (`None`: the agency's).
    pub payment_terms: Option<String>,
    /// Printed for the client.
    pub client_note: String,
    /// For the account team.
    pub internal_note: String,
}

impl VersionDraft {
    /// A draft with these lines and everything else the agency's default.
    pub fn with_lines(title: &str, lines: Vec<EstimateLine>) -> VersionDraft {
        VersionDraft {
            title: title.to_string(),
            lines,
            tax: None,
            basis: PriceBasis::Net,
            special_fapiao: false,
            valid_until: None,
            payment_terms: None,
            client_note: String::new(),
            internal_note: String::new(),
        }
    }

    /// The draft of an existing version, to edit.
    pub fn of(v: &EstimateVersion) -> VersionDraft {
        VersionDraft {
            title: v.title.clone(),
            lines: v.lines.clone(),
            tax: Some(v.tax),
            basis: v.basis,
            special_fapiao: v.special_fapiao,
            valid_until: Some(v.valid_until),
            payment_terms: Some(v.payment_terms.clone()),
            client_note: v.client_note.clone(),
            internal_note: v.internal_note.clone(),
        }
    }
}

/// Why a money change was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyRefusal {
    /// The step does not follow, or this person may not take it.
    EstimateStep(StepError),
    /// The version has problems to fix before it is submitted (every one listed).
    Problems(Vec<rules::EstimateProblem>),
    /// The job may not move into production.
    Gate(Vec<GateProblem>),
    /// Only an account director lets a job past the gate.
    NotAnAd,
    /// A release past the gate needs a written reason.
    NoReason,
    /// The amounts are too large to compute.
    TooLarge,
    /// An invoice, credit note or payment with problems (every one listed).
    Invoice(Vec<crate::domain::invoice::InvoiceProblem>),
    /// Invoices and costs are recorded only against an estimate the client signed.
    NotSigned(String),
    /// A payment is recorded only against an invoice that counts (not a credit note).
    NotPayable(String),
    /// The record was voided already.
    AlreadyVoided,
    /// An invoice with payments or credit notes that count is not voided first.
    InvoiceInUse(String),
    /// The signed version has no such line.
    NoLine(u32),
    /// A budget report's step refused.
    Report(crate::domain::budget::road::ReportError),
}

impl MoneyRefusal {
    /// The message shown to a person.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            MoneyRefusal::EstimateStep(e) => step_message(e, lang),
            MoneyRefusal::Problems(list) => {
                let items: Vec<String> = list.iter().map(|p| p.describe(zh)).collect();
                match lang {
                    Lang::Zh => format!("提交前请先处理以下问题：{}。", items.join("；")),
                    Lang::En => format!("Fix these before submitting: {}.", items.join("; ")),
                }
            }
            MoneyRefusal::Gate(list) => {
                let items: Vec<String> = list.iter().map(|p| p.describe(zh)).collect();
                match lang {
                    Lang::Zh => format!(
                        "工作不能进入制作：{}。客户总监可填写理由后放行。",
                        items.join("；")
                    ),
                    Lang::En => format!(
                        "The job cannot move into production: {}. An account director may let it through with a written reason.",
                        items.join("; ")
                    ),
                }
            }
            MoneyRefusal::NotAnAd => lang
                .pick(
                    "只有客户总监（AD）可以在未签署的情况下放行制作。",
                    "Only an account director (AD) may let a job into production without a signed estimate.",
                )
                .to_string(),
            MoneyRefusal::NoReason => lang
                .pick("请写明放行的理由。", "Write the reason for letting it through.")
                .to_string(),
            MoneyRefusal::TooLarge => lang
                .pick("金额过大，无法计算。", "The amounts are too large to compute.")
                .to_string(),
            MoneyRefusal::Invoice(list) => {
                let items: Vec<String> = list.iter().map(|p| p.describe(zh)).collect();
                match lang {
                    Lang::Zh => format!("未记录：{}。", items.join("；")),
                    Lang::En => format!("Not recorded: {}.", items.join("; ")),
                }
            }
            MoneyRefusal::NotSigned(n) => match lang {
                Lang::Zh => format!("报价单 {n} 尚未由客户签署（或签署版本不符）：发票和成本只能记在已签署的报价单上。"),
                Lang::En => format!("Estimate {n} is not signed by the client with a matching hash: invoices and costs are recorded only against a signed estimate."),
            },
            MoneyRefusal::NotPayable(n) => match lang {
                Lang::Zh => format!("发票 {n} 已作废或是红字发票，不能记录收款。"),
                Lang::En => format!("Invoice {n} is voided or a credit note: no payment is recorded against it."),
            },
            MoneyRefusal::AlreadyVoided => lang
                .pick("这条记录已经作废。", "This record is voided already.")
                .to_string(),
            MoneyRefusal::InvoiceInUse(n) => match lang {
                Lang::Zh => format!("发票 {n} 已有收款或红字发票：请先作废它们，再作废这张发票。"),
                Lang::En => format!("Invoice {n} has payments or credit notes: void those first, then the invoice."),
            },
            MoneyRefusal::Report(e) => report_message(e, lang),
            MoneyRefusal::NoLine(n) => match lang {
                Lang::Zh => format!("签署版本没有第 {n} 行。"),
                Lang::En => format!("The signed version has no line {n}."),
            },
        }
    }
}

fn report_message(e: &crate::domain::budget::road::ReportError, lang: Lang) -> String {
    use crate::domain::budget::road::ReportError as E;
    match (e, lang) {
        (E::NotNow { status, .. }, Lang::Zh) => {
            format!("预算报告当前为“{}”，不能进行这一步。", status.names().0)
        }
        (E::NotNow { status, wanted }, Lang::En) => {
            format!("The report is {}; it cannot be {wanted} now.", status.names().1)
        }
        (E::WrongRole, Lang::Zh) => "只有客户经理或客户总监审核预算报告。".into(),
        (E::WrongRole, Lang::En) => "Only an account manager or director reviews a budget report.".into(),
        (E::OwnReport, Lang::Zh) => "不能审核自己提交的报告，请交给另一位同事。".into(),
        (E::OwnReport, Lang::En) => "Nobody approves a report they submitted; pass it to a colleague.".into(),
        (E::NoteRequired, Lang::Zh) => "退回时请写明意见。".into(),
        (E::NoteRequired, Lang::En) => "Write a comment to return it.".into(),
        (E::Changed, Lang::Zh) => "审核通过后报告的数字或说明有变化，请重新提交审核。".into(),
        (E::Changed, Lang::En) => "The report's figures or remarks changed since it was approved; submit it for review again.".into(),
    }
}

fn step_message(e: &StepError, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let status = |s: EstimateStatus| if zh { s.names().0 } else { s.names().1 };
    match (e, zh) {
        (StepError::NotNow { status: s, .. }, true) => {
            format!("报价单当前为“{}”，不能进行这一步。", status(*s))
        }
        (StepError::NotNow { status: s, wanted }, false) => format!(
            "The estimate is “{}”; it cannot be {wanted} now.",
            status(*s)
        ),
        (StepError::WrongRole { role, .. }, true) => format!(
            "{} 不能执行这项审批。",
            crate::domain::format::role(*role, lang)
        ),
        (StepError::WrongRole { role, wanted }, false) => format!(
            "An {} may not {wanted}.",
            crate::domain::format::role(*role, lang)
        ),
        (StepError::OwnVersion, true) => "不能审批自己编写的版本，请交给另一位同事。".into(),
        (StepError::OwnVersion, false) => {
            "Nobody approves a version they wrote; pass it to a colleague.".into()
        }
        (StepError::PreviousApprover, true) => "上一步由您审批，这一步需由另一位同事审批。".into(),
        (StepError::PreviousApprover, false) => {
            "You approved the previous step; someone else must approve this one.".into()
        }
        (StepError::VersionChanged { found, submitted }, true) => {
            format!("该版本在提交后被改动（哈希 {found}，提交时 {submitted}），请重新提交。")
        }
        (StepError::VersionChanged { found, submitted }, false) => format!(
            "The version changed after it was submitted (hash {found}, submitted {submitted}); submit it again."
        ),
        (StepError::NotNewest(v), true) => format!(
            "版本 {} 不是最新版本，只能对最新版本操作。",
            est::version_letter(*v)
        ),
        (StepError::NotNewest(v), false) => format!(
            "Version {} is not the newest; only the newest takes steps.",
            est::version_letter(*v)
        ),
        (StepError::ReasonRequired, true) => "请填写理由或意见。".into(),
        (StepError::ReasonRequired, false) => "Write the reason or comment.".into(),
        (StepError::Expired(d), true) => {
            format!("报价已于 {d} 过期，请修改有效期，作为新版本重新审批。")
        }
        (StepError::Expired(d), false) => format!(
            "The estimate expired on {d}; make a new version with a new validity and have it approved again."
        ),
        (StepError::Frozen(s), true) => format!(
            "“{}”的报价单不能再修改；如需增加内容请新建变更单。",
            status(*s)
        ),
        (StepError::Frozen(s), false) => format!(
            "A “{}” estimate is not revised; make a change order instead.",
            status(*s)
        ),
    }
}

impl From<StepError> for ServiceError {
    fn from(e: StepError) -> Self {
        ServiceError::Money(MoneyRefusal::EstimateStep(e))
    }
}

fn refused(r: MoneyRefusal) -> ServiceError {
    ServiceError::Money(r)
}

/// The content hash of a version as stored.
pub fn version_hash(v: &EstimateVersion) -> Result<VersionHash, ServiceError> {
    Ok(VersionHash(
        ContentHash::of(v)
            .map_err(crate::store::StoreError::from)?
            .0,
    ))
}

fn version_of(
    draft: VersionDraft,
    settings: &MoneySettings,
    e: &Estimate,
    number: u32,
    ctx: &Ctx,
) -> Result<EstimateVersion, ServiceError> {
    let title = crate::domain::text::required_line("title", &draft.title)?;
    let valid_until = draft
        .valid_until
        .unwrap_or_else(|| ctx.today + chrono::Days::new(u64::from(settings.validity_days)));
    let v = EstimateVersion {
        estimate_id: e.id,
        job_id: e.job_id,
        client_id: e.client_id,
        number,
        title,
        lines: draft.lines,
        tax: draft.tax.unwrap_or(settings.default_tax),
        basis: draft.basis,
        special_fapiao: draft.special_fapiao,
        valid_until,
        payment_terms: draft
            .payment_terms
            .unwrap_or_else(|| settings.payment_terms.clone()),
        client_note: draft.client_note,
        internal_note: draft.internal_note,
        author: ctx.actor,
        audit: Audit::new(ctx.stamp()),
    };
    v.totals().map_err(|_| refused(MoneyRefusal::TooLarge))?;
    Ok(v)
}

fn newest(tx: &WriteTx, e: &Estimate) -> Result<EstimateVersion, ServiceError> {
    tx.get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))?
        .ok_or(ServiceError::NotFound {
            what: "estimate version",
            id: e.id.0,
        })
}

fn summary(e: &Estimate, v: &EstimateVersion, what: &str) -> String {
    format!("{} {} {} {what}", e.number, v.letter(), v.title)
}

/// A new estimate of `kind` on a job, its version A a draft.
pub(super) fn create(
    tx: &mut WriteTx,
    ctx: &Ctx,
    job_id: JobId,
    kind: EstimateKind,
    draft: VersionDraft,
) -> Result<Outcome, ServiceError> {
    let job: Job = check_ref(tx, "job", job_id.0)?;
    let settings = tx.money_settings()?;
    let seq = tx
        .estimates(Some(job_id))?
        .iter()
        .filter(|e| e.kind == kind)
        .count() as u32
        + 1;
    let e = Estimate {
        id: EstimateId(tx.next_id()?),
        job_id,
        client_id: job.client_id,
        brand_id: job.brand_id,
        kind,
        seq,
        number: est::estimate_number(&job.number.text, kind, seq),
        versions: 1,
        events: Vec::new(),
        audit: Audit::new(ctx.stamp()),
    };
    let v = version_of(draft, &settings, &e, 1, ctx)?;
    tx.put(&e)?;
    tx.put(&v)?;
    Ok(done(
        Subject::Estimate,
        e.id.0,
        Action::Created,
        summary(&e, &v, "新建"),
        None,
    ))
}

/// Saves the newest version as edited: in place while nothing happened to it, otherwise as
/// the next version (which voids the approvals of the one before).
pub(super) fn save(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: EstimateId,
    draft: VersionDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    let mut e: Estimate = need(tx, "estimate", id.0)?;
    let old = newest(tx, &e)?;
    base.check(tx, Kind::EstimateVersion, Key::pair(id.0, e.versions))?;
    let settings = tx.money_settings()?;
    if e.newest_events().next().is_none() {
        let v = EstimateVersion {
            author: old.author,
            audit: old.audit.touched(ctx.stamp()),
            ..version_of(draft, &settings, &e, old.number, ctx)?
        };
        tx.put(&v)?;
        return Ok(done(
            Subject::Estimate,
            id.0,
            Action::Updated,
            summary(&e, &v, "已保存"),
            None,
        ));
    }
    e.may_revise(old.valid_until, ctx.today)?;
    e.versions += 1;
    let v = version_of(draft, &settings, &e, e.versions, ctx)?;
    e.audit = e.audit.touched(ctx.stamp());
    tx.put(&v)?;
    tx.put(&e)?;
    Ok(done(
        Subject::Estimate,
        id.0,
        Action::Updated,
        summary(&e, &v, "新版本"),
        None,
    ))
}

/// Takes a step on the newest version's road, as the current user.
pub(super) fn decide(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: EstimateId,
    decision: Decision,
) -> Result<Outcome, ServiceError> {
    let mut e: Estimate = need(tx, "estimate", id.0)?;
    let v = newest(tx, &e)?;
    let user: User = need(tx, "user", ctx.actor.0)?;
    if decision == Decision::Submit {
        let problems = rules::check(&v, &tx.money_settings()?, ctx.today);
        if !problems.is_empty() {
            return Err(refused(MoneyRefusal::Problems(problems)));
        }
    }
    let actor = est::Actor {
        id: user.id,
        role: user.role,
    };
    let signed_file = match &decision {
        Decision::Sign(s) => s.file.clone(),
        _ => None,
    };
    let event = e.decide(&v, version_hash(&v)?, decision, actor, ctx.now, ctx.today)?;
    let what = {
        let s = e.status(v.valid_until, ctx.today);
        let mut after = e.clone();
        after.events.push(event.clone());
        let to = after.status(v.valid_until, ctx.today);
        format!("{} → {}", s.names().0, to.names().0)
    };
    tx.estimate_step(e.id.0, v.number, event.step, &event.hash.0)?;
    e.events.push(event);
    e.audit = e.audit.touched(ctx.stamp());
    tx.put(&e)?;
    // The signed copy goes into the job file with the signature.
    if let Some(file) = signed_file {
        super::documents::file_signed_estimate(tx, ctx, &e, &v, file)?;
    }
    Ok(done(
        Subject::Estimate,
        id.0,
        Action::Updated,
        summary(&e, &v, &what),
        None,
    ))
}

/// What the production gate says of a job now.
pub fn gate(
    r: &crate::store::ReadView,
    job: JobId,
    today: NaiveDate,
) -> Result<Vec<GateProblem>, ServiceError> {
    gate_of(
        r.estimates(Some(job))?,
        |e| Ok(r.get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))?),
        today,
    )
}

fn gate_of(
    estimates: Vec<Estimate>,
    mut newest: impl FnMut(&Estimate) -> Result<Option<EstimateVersion>, ServiceError>,
    today: NaiveDate,
) -> Result<Vec<GateProblem>, ServiceError> {
    let mut with_status = Vec::with_capacity(estimates.len());
    for e in &estimates {
        let valid = newest(e)?.map_or(today, |v| v.valid_until);
        with_status.push((e, e.status(valid, today)));
    }
    Ok(rules::production_gate(&with_status))
}

/// Refuses a job's move into production while the gate has problems.
pub(super) fn check_gate(tx: &WriteTx, job: JobId, today: NaiveDate) -> Result<(), ServiceError> {
    let problems = gate_of(
        tx.estimates(Some(job))?,
        |e| Ok(tx.get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))?),
        today,
    )?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(refused(MoneyRefusal::Gate(problems)))
    }
}

/// An account director lets a job into production past the gate, with a written reason
/// (logged and shown on the job). Through the gate, it is the ordinary move.
pub(super) fn release(
    tx: &mut WriteTx,
    ctx: &Ctx,
    job_id: JobId,
    reason: &str,
) -> Result<Outcome, ServiceError> {
    let user: User = need(tx, "user", ctx.actor.0)?;
    if user.role != Role::AccountDirector {
        return Err(refused(MoneyRefusal::NotAnAd));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(refused(MoneyRefusal::NoReason));
    }
    let before: Job = need(tx, "job", job_id.0)?;
    let status = job::transition(before.status, JobStatus::InProduction)?;
    let problems = match check_gate(tx, job_id, ctx.today) {
        Ok(()) => Vec::new(),
        Err(ServiceError::Money(MoneyRefusal::Gate(p))) => p,
        Err(other) => return Err(other),
    };
    let number = tx.releases(job_id)?.len() as u32 + 1;
    tx.put(&Release {
        job_id,
        client_id: before.client_id,
        number,
        by: user.id,
        at: ctx.now,
        reason: reason.to_string(),
        problems: problems.iter().map(|p| p.describe(true)).collect(),
    })?;
    let after = Job {
        status,
        audit: before.audit.touched(ctx.stamp()),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Job,
        job_id.0,
        Action::Updated,
        format!("{} 由客户总监放行进入制作：{reason}", after.number.text),
        None,
    ))
}

/// Saves the agency's money settings.
pub(super) fn save_settings(
    tx: &mut WriteTx,
    settings: MoneySettings,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::MoneySettings, Key::ONE)?;
    tx.put_money_settings(&settings)?;
    Ok(done(
        Subject::Settings,
        0,
        Action::Updated,
        "报价与税率设置".into(),
        None,
    ))
}
