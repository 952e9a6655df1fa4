//! Calendar entries (.ics, RFC 5545) for what the client must watch: milestones and the
//! things the client owes (客户配合事项), as all-day events that Outlook, Apple Calendar and
//! Google Calendar import. Built from the client view only. Entries from a version not
//! issued (the working plan's draft) say 草稿 / DRAFT in their title and in the calendar's
//! name; they keep the UIDs, so importing the issued version later replaces them.

use crate::reports::schedule::{Row, ScheduleReport};
use icalendar::{Calendar, Component, Event, EventLike};

/// The calendar of `report`'s milestones and client actions. Each task keeps the same UID
/// in every version, so importing v2 over v1 updates the entries instead of duplicating them.
pub fn render(report: &ScheduleReport) -> String {
    let mut cal = Calendar::new();
    cal.name(&format!(
        "{}{} {}",
        draft_mark(report),
        report.job_number,
        report.job_title
    ));
    for row in &report.rows {
        if row.milestone || row.client_action {
            cal.push(event(report, row));
        }
    }
    cal.done().to_string()
}

/// `【草稿 DRAFT】` before the titles of a draft, nothing otherwise.
fn draft_mark(report: &ScheduleReport) -> String {
    match report.is_draft() {
        true => format!("【{}】", crate::reports::schedule::labels::DRAFT),
        false => String::new(),
    }
}

fn event(report: &ScheduleReport, row: &Row) -> Event {
    let marker = match (row.client_action, row.milestone) {
        (true, _) => "【客户配合 Client action】",
        (false, _) => "◆ ",
    };
    let mut description = format!(
        "{} {} · {}",
        report.job_number, report.job_title, report.client_name
    );
    if !row.note.is_empty() {
        description.push('\n');
        description.push_str(&row.note);
    }
    description.push_str(&format!(
        "\n{} {} · {}",
        crate::reports::schedule::labels::VERSION,
        report.version_text(),
        report.letterhead.agency_name
    ));
    // The end of an all-day event is exclusive.
    let end = row.end.succ_opt().unwrap_or(row.end);
    Event::new()
        .uid(&format!(
            "{}-task-{}@account-desk",
            report.job_number, row.id.0
        ))
        .summary(&format!("{}{marker}{}", draft_mark(report), row.name))
        .description(&description)
        .starts(row.start)
        .ends(end)
        .done()
}
