use super::*;
use crate::domain::stamp::Stamp;

fn at() -> DateTime<Utc> {
    chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 1, 2, 0, 0)
        .single()
        .expect("moment")
}

fn report() -> MonthlyReport {
    MonthlyReport {
        id: BudgetReportId(1),
        client_id: ClientId(2),
        year: 2026,
        month: 11,
        basis: TaxBasis::Net,
        revision: 1,
        remarks: String::new(),
        events: Vec::new(),
        issued: Vec::new(),
        audit: Audit::new(Stamp {
            by: UserId(1),
            at: at(),
        }),
    }
}

const AE: ReportActor = ReportActor {
    id: UserId(1),
    role: Role::AccountExecutive,
};
const AM: ReportActor = ReportActor {
    id: UserId(2),
    role: Role::AccountManager,
};

fn take(r: &mut MonthlyReport, d: ReportDecision, who: ReportActor, hash: &str) {
    let e = r.decide(&d, who, hash, at()).expect("the step follows");
    r.events.push(e);
}

#[test]
fn a_report_is_submitted_reviewed_by_the_am_and_issued_as_approved() {
    let mut r = report();
    assert_eq!(r.status(), ReportStatus::Draft);
    // Nothing is reviewed or issued before it is submitted.
    assert!(matches!(
        r.decide(&ReportDecision::Approve, AM, "h1", at()),
        Err(ReportError::NotNow { .. })
    ));
    take(&mut r, ReportDecision::Submit, AE, "h1");
    // An AE does not review; a return needs a comment.
    assert_eq!(
        r.decide(&ReportDecision::Approve, AE, "h1", at()),
        Err(ReportError::WrongRole)
    );
    assert_eq!(
        r.decide(&ReportDecision::Return(" ".into()), AM, "h1", at()),
        Err(ReportError::NoteRequired)
    );
    take(
        &mut r,
        ReportDecision::Return("执行中金额请核对".into()),
        AM,
        "h1",
    );
    assert_eq!(r.status(), ReportStatus::Returned);
    assert!(r.may_edit().is_ok());
    take(&mut r, ReportDecision::Submit, AE, "h2");
    assert!(r.may_edit().is_err(), "not while the AM has it");
    take(&mut r, ReportDecision::Approve, AM, "h2");
    assert_eq!(r.reviewer(), Some(AM.id));
    // Issued only as approved.
    assert_eq!(
        r.decide(&ReportDecision::Issue, AE, "h3", at()),
        Err(ReportError::Changed)
    );
    take(&mut r, ReportDecision::Issue, AE, "h2");
    assert_eq!(r.status(), ReportStatus::Issued);
    assert!(r.may_edit().is_ok(), "a change starts the next revision");
}

#[test]
fn nobody_approves_a_report_they_submitted() {
    let mut r = report();
    take(&mut r, ReportDecision::Submit, AM, "h1");
    assert_eq!(
        r.decide(&ReportDecision::Approve, AM, "h1", at()),
        Err(ReportError::OwnReport)
    );
    let other = ReportActor {
        id: UserId(4),
        role: Role::AccountDirector,
    };
    take(&mut r, ReportDecision::Approve, other, "h1");
    assert_eq!(r.status(), ReportStatus::Approved);
}
