//! The subcommands. Each opens what it needs, does one thing and writes a short report.

use super::{CliError, Db, ListWhat};
use crate::demo::sample;
use crate::domain::meeting::{FollowUp, MeetingKind, MinutesState};
use crate::domain::{Brand, Client, ClientId, Job, Lang, Meeting, MeetingId, format};
use crate::reports::minutes::DocLang;
use crate::safe_file;
use crate::services::{ServiceError, export};
use crate::store::{Store, StoreError, backup};
use chrono::{DateTime, FixedOffset, Local, Offset, TimeZone, Utc};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

mod documents;
mod schedule;

pub(in crate::cli) use documents::open_job;
pub(in crate::cli) use documents::{check_output, check_output_exists, write_file};
pub(super) use documents::{export_agenda, export_brief, export_minutes};
pub(super) use schedule::{ScheduleAsk, export_schedule, list_tasks};

pub(super) fn must_exist(db: &Path) -> Result<(), CliError> {
    if db.exists() {
        return Ok(());
    }
    // `exists()` is false for a link that leads nowhere or round in a loop: the store says so.
    Store::refuse_unusable_path(db)?;
    Err(CliError::NoDatabase {
        path: db.to_path_buf(),
    })
}

/// A value for a tab-separated cell: tabs and line breaks become spaces.
pub(super) fn cell(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn row(out: &mut dyn Write, cells: &[&str]) -> Result<(), CliError> {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    writeln!(out, "{}", line.join("\t"))?;
    Ok(())
}

/// `sample-data`: the sample agency into a new or empty database.
/// The agency is written into a temporary file renamed into place when complete, so a run
/// that is killed leaves no half-made agency.
pub(super) fn sample_data(db: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let loading = Store::open_for_loading(db)?;
    let summary = sample::load_sample(loading.store()?, Utc::now(), Local::now().date_naive())?;
    loading.finish()?;
    writeln!(out, "Loaded the sample agency into {}:", db.display())?;
    writeln!(out, "{summary}")?;
    Ok(())
}

/// `gen --scale decade|year`: prints progress as it goes (every tenth of the jobs).
pub(super) fn generate(
    db: &Path,
    scale: super::GenScale,
    seed: u64,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::demo::generate::{self, Plan, Scale};
    let started = std::time::Instant::now();
    // Written into a temporary file renamed into place when complete (see `sample_data`).
    let loading = Store::open_for_loading(db)?;
    let store = loading.store()?;
    let plan = Plan {
        seed,
        ..Plan::of(match scale {
            super::GenScale::Decade => Scale::Decade,
            super::GenScale::Year => Scale::Year,
        })
    };
    writeln!(out, "Generating into {} (seed {seed})…", db.display())?;
    let mut last_tenth = usize::MAX;
    let mut failed_write: Option<std::io::Error> = None;
    let generated = generate::generate(
        store,
        &plan,
        Utc::now(),
        Local::now().date_naive(),
        &mut |p| {
            let tenth = (p.done * 10).checked_div(p.total).unwrap_or(10);
            if p.stage == "job history" && tenth == last_tenth {
                return;
            }
            last_tenth = tenth;
            let line = format!(
                "  {:<12} {:>7} / {:<7} {:>5.1} s",
                p.stage,
                p.done,
                p.total,
                started.elapsed().as_secs_f64()
            );
            if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
                failed_write.get_or_insert(e);
            }
        },
    )?;
    if let Some(e) = failed_write {
        return Err(e.into());
    }
    loading.finish()?;
    writeln!(
        out,
        "Done in {:.1} s: {generated}",
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// `list clients|brands|jobs`.
pub(super) fn list(db: &Db, what: ListWhat, out: &mut dyn Write) -> Result<(), CliError> {
    let store = db.open_existing()?;
    let view = store.read()?;
    let clients: Vec<Client> = view.all()?;
    let client_name: HashMap<_, _> = clients
        .iter()
        .map(|c| (c.id, c.display_name().to_string()))
        .collect();
    match what {
        ListWhat::Clients => {
            row(
                out,
                &["name", "short_name", "industry", "since", "archived"],
            )?;
            for c in &clients {
                let since = c.since.map(|d| d.to_string()).unwrap_or_default();
                let archived = if c.archived { "yes" } else { "no" };
                row(
                    out,
                    &[&c.name, &c.short_name, &c.industry, &since, archived],
                )?;
            }
        }
        ListWhat::Brands => {
            row(out, &["brand", "client", "competitors"])?;
            let mut brands: Vec<Brand> = view.all()?;
            brands.sort_by_key(|b| (b.client_id, b.id));
            for b in &brands {
                let client = client_name.get(&b.client_id).map_or("", String::as_str);
                row(out, &[&b.name, client, &b.competitors.join("、")])?;
            }
        }
        ListWhat::Jobs => {
            row(
                out,
                &[
                    "number",
                    "title",
                    "client",
                    "brand",
                    "status",
                    "requested_on",
                    "due_on",
                ],
            )?;
            let brand_name: HashMap<_, _> = view
                .all::<Brand>()?
                .into_iter()
                .map(|b| (b.id, b.name))
                .collect();
            let mut jobs: Vec<Job> = view.all()?;
            jobs.sort_by(|a, b| {
                (a.number.year, a.number.seq, &a.number.text).cmp(&(
                    b.number.year,
                    b.number.seq,
                    &b.number.text,
                ))
            });
            for j in &jobs {
                let client = client_name.get(&j.client_id).map_or("", String::as_str);
                let brand = j
                    .brand_id
                    .and_then(|b| brand_name.get(&b))
                    .map_or("", String::as_str);
                let due = j.due_on.map(|d| d.to_string()).unwrap_or_default();
                row(
                    out,
                    &[
                        &j.number.text,
                        &j.title,
                        client,
                        brand,
                        format::job_status(j.status, Lang::En),
                        &j.requested_on.to_string(),
                        &due,
                    ],
                )?;
            }
        }
        // `run` sends `list tasks` to `list_tasks`, with its job number.
        ListWhat::Tasks => return Err(CliError::ListNeedsJob),
        ListWhat::Estimates => return super::estimates::list(db, None, out),
        ListWhat::Documents => return super::filing::list(db, None, None, out),
        ListWhat::Items => {
            row(
                out,
                &["id", "number", "title", "kind", "client", "place", "where"],
            )?;
            let users: HashMap<_, _> = view
                .all::<crate::domain::User>()?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect();
            let today = Local::now().date_naive();
            let mut items: Vec<crate::domain::LibraryItem> = view.all()?;
            items.sort_by_key(|i| i.serial);
            for i in &items {
                let client = client_name.get(&i.client_id).map_or("", String::as_str);
                let place = match i.out_on() {
                    None => "home".to_string(),
                    Some(l) => {
                        let who = users.get(&l.borrower).map_or("?", String::as_str);
                        match l.loan.days_overdue(today) {
                            0 => format!("{who} until {}", l.loan.due_on),
                            late => format!("{who} until {} ({late} days overdue)", l.loan.due_on),
                        }
                    }
                };
                row(
                    out,
                    &[
                        &i.id.0.to_string(),
                        &i.label(),
                        &i.title,
                        i.kind.names().1,
                        client,
                        &i.home.label(),
                        &place,
                    ],
                )?;
            }
        }
        ListWhat::Meetings => {
            let meetings: Vec<Meeting> = view.all()?;
            for line in meeting_rows(meetings, &client_name, Utc::now(), &Local) {
                row(out, &line.iter().map(String::as_str).collect::<Vec<_>>())?;
            }
        }
    }
    Ok(())
}

/// The rows of `list meetings` (header first), oldest meeting first, times local to `tz`.
fn meeting_rows<Tz: TimeZone>(
    mut meetings: Vec<Meeting>,
    client_name: &HashMap<ClientId, String>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Vec<Vec<String>>
where
    Tz::Offset: std::fmt::Display,
{
    meetings.sort_by_key(|m| (m.start, m.id));
    let local = |at: DateTime<Utc>| at.with_timezone(tz).format("%Y-%m-%d %H:%M").to_string();
    let mut rows = vec![
        ["id", "start", "kind", "client", "title", "minutes"]
            .map(String::from)
            .to_vec(),
    ];
    for m in &meetings {
        let kind = match m.kind {
            MeetingKind::Meeting => "meeting",
            MeetingKind::PhoneCall => "phone call",
            MeetingKind::VideoCall => "video call",
            MeetingKind::SiteVisit => "site visit",
        };
        let version = m.latest().map_or(0, |s| s.version);
        let minutes = match m.follow_up(now) {
            FollowUp::Upcoming => "upcoming".to_string(),
            FollowUp::Writing { due } => format!("draft, due {}", local(due)),
            FollowUp::DueSoon { due } => format!("draft, due soon: {}", local(due)),
            FollowUp::Overdue { due } => format!("OVERDUE: not sent, was due {}", local(due)),
            FollowUp::Awaiting { sent } => {
                let notified = match m.state() {
                    MinutesState::Notified => ", client notified",
                    _ => "",
                };
                format!("v{version} sent {}{notified}, awaiting reply", local(sent))
            }
            FollowUp::Unconfirmed { days } => {
                format!("UNCONFIRMED: v{version} sent {days} days ago, no reply")
            }
            FollowUp::Disputed => format!("DISPUTED: v{version}, revise and send again"),
            FollowUp::Confirmed => format!("v{version} confirmed"),
        };
        let client = client_name.get(&m.client_id).map_or("", String::as_str);
        rows.push(vec![
            m.id.0.to_string(),
            local(m.start),
            kind.to_string(),
            client.to_string(),
            m.title.clone(),
            minutes,
        ]);
    }
    rows
}

/// `backup PATH`: a consistent copy; an existing file is never replaced, nor is the database
/// or one of its own files.
pub(super) fn backup(db: &Path, dest: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    crate::store::refuse_backup_target(db, dest)?;
    let store = match Db::Desk(db.to_path_buf()).open_existing() {
        Err(CliError::Store(StoreError::AlreadyOpen { path })) => {
            return Err(CliError::BackupWhileOpen { path });
        }
        other => other?,
    };
    // The database and the files beside it (store::files).
    let files = match store.backup_with_files(dest) {
        Ok(files) => files,
        Err(StoreError::Exists { path }) => return Err(CliError::BackupExists { path }),
        Err(e) => return Err(e.into()),
    };
    writeln!(out, "Backed up {} to {}", db.display(), dest.display())?;
    if let Some(files) = files {
        writeln!(
            out,
            "Files: {} in all, {} new copied ({} bytes) to {}; list in {}",
            files.files,
            files.copied,
            files.bytes_copied,
            crate::store::files::backup_files_dir(dest).display(),
            crate::store::files::manifest_path(dest).display()
        )?;
    }
    Ok(())
}

/// `restore PATH [--force]`: works whether or not the database can be opened, so a damaged
/// one can be replaced; the replaced file is kept in the backup folder. The database's lock
/// is held throughout, so a window or command that has it open refuses the restore, and one
/// started during it is refused.
pub(super) fn restore(
    db: &Path,
    from: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let restored = backup::restore(db, from, force, Local::now().naive_local())?;
    writeln!(out, "Restored {} from {}", db.display(), from.display())?;
    if let Some(saved) = restored.previous_saved_to {
        writeln!(
            out,
            "The previous database was saved to {}",
            saved.display()
        )?;
    }
    Ok(())
}

/// `check`: counts per kind and the schema version; every problem is listed and fails the
/// command.
pub(super) fn check(db: &Db, out: &mut dyn Write) -> Result<(), CliError> {
    let store = match db {
        Db::Desk(path) => {
            must_exist(path)?;
            // The whole file, even if it was closed cleanly; nothing is migrated or written,
            // and a clean pass leaves the clean-close seal valid for the next start.
            Store::open_checked(path)?
        }
        Db::Team(address) => Store::open_team(address)?,
    };
    let report = store.check()?;
    writeln!(out, "database\t{}", db.shown().display())?;
    // A team database's schema has its own numbering (not reported yet).
    if db.desk().is_some() {
        writeln!(out, "schema version\t{}", report.schema_version)?;
    }
    for (kind, count) in &report.counts {
        writeln!(out, "{}\t{count}", kind.name())?;
    }
    // The files the records name (beside a desk's file, or in the team database), when
    // there are any.
    let file_problems = super::files::print_report(&store, out)?;
    if report.problems.is_empty() && file_problems == 0 {
        writeln!(out, "No problems found.")?;
        return Ok(());
    }
    for problem in &report.problems {
        writeln!(out, "problem\t{}", cell(problem))?;
    }
    Err(CliError::CheckFailed {
        count: report.problems.len() + file_problems,
        db: db.shown(),
    })
}

/// A hint printed after an error: where the newest automatic backup is when the file is not
/// a database or `check` found problems. (A damaged database's own message names the backup
/// already.)
pub(super) fn hint(error: &CliError, db: &Path) -> Option<String> {
    let damaged = match error {
        CliError::Store(StoreError::NotADatabase { path, .. }) => path == db,
        CliError::CheckFailed { .. } => true,
        _ => false,
    };
    if !damaged {
        return None;
    }
    let newest = backup::newest_backup(db).ok().flatten()?;
    Some(format!(
        "The newest automatic backup is {}; restore it with: account-desk --db \"{}\" restore \"{}\" --force",
        newest.display(),
        db.display(),
        newest.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(out: Vec<u8>) -> String {
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn cells_never_break_the_table() {
        assert_eq!(cell("可口可乐\t雪碧\r\n芬达"), "可口可乐 雪碧  芬达");
    }

    #[test]
    fn lists_are_tab_separated_with_one_header_row() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("客户 资料").join("desk.redb");
        let mut out = Vec::new();
        sample_data(&db, &mut out).unwrap();
        assert!(text(out).contains("13 jobs"));

        let mut out = Vec::new();
        list(&Db::Desk(db.clone()), ListWhat::Jobs, &mut out).unwrap();
        let out = text(out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 14);
        assert_eq!(
            lines[0],
            "number\ttitle\tclient\tbrand\tstatus\trequested_on\tdue_on"
        );
        assert!(lines.iter().all(|l| l.split('\t').count() == 7));
        assert!(lines.contains(
            &"2026-0001\t2026 春节终端陈列物料（POSM）\t可口可乐\t可口可乐\tCompleted\t2026-01-06\t2026-02-01"
        ));
        // Sorted by year and sequence.
        assert!(lines[1].starts_with("2025-0001") && lines[13].starts_with("2026-0008"));

        let mut out = Vec::new();
        list(&Db::Desk(db.clone()), ListWhat::Brands, &mut out).unwrap();
        assert!(text(out).contains("雪碧\t可口可乐\t七喜、美年达、元气森林"));
        let mut out = Vec::new();
        list(&Db::Desk(db.clone()), ListWhat::Clients, &mut out).unwrap();
        assert!(text(out).contains("华晨宝马汽车有限公司\t宝马\t汽车\t2021-06-15\tno"));
    }

    #[test]
    fn meeting_rows_say_where_the_minutes_stand() {
        use crate::domain::{Stamp, UserId};
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let at = |d: u32, h: u32| {
            tz.with_ymd_and_hms(2026, 11, d, h, 0, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let stamp = Stamp {
            by: UserId(1),
            at: at(1, 9),
        };
        let meeting = |id: u64, d: u32, title: &str| Meeting {
            id: MeetingId(id),
            title: title.into(),
            ..Meeting::new(
                MeetingKind::VideoCall,
                ClientId(1),
                at(d, 14),
                at(d, 15),
                stamp,
            )
        };
        let mut sent = meeting(2, 10, "已发送");
        sent.minutes.points.push(crate::domain::meeting::Point {
            text: "要点".into(),
            ..Default::default()
        });
        sent.send(
            Stamp {
                by: UserId(1),
                at: at(10, 18),
            },
            vec!["a@b.cn".into()],
        )
        .unwrap();
        let meetings = vec![meeting(3, 26, "提案"), sent, meeting(1, 20, "周会")];
        let names = HashMap::from([(ClientId(1), "可口可乐".to_string())]);
        let rows = meeting_rows(meetings, &names, at(26, 10), &tz);
        let lines: Vec<String> = rows.iter().map(|r| r.join("\t")).collect();
        assert_eq!(
            lines,
            [
                "id\tstart\tkind\tclient\ttitle\tminutes",
                "2\t2026-11-10 14:00\tvideo call\t可口可乐\t已发送\tUNCONFIRMED: v1 sent 15 days ago, no reply",
                "1\t2026-11-20 14:00\tvideo call\t可口可乐\t周会\tOVERDUE: not sent, was due 2026-11-21 15:00",
                "3\t2026-11-26 14:00\tvideo call\t可口可乐\t提案\tupcoming",
            ]
        );
    }

    #[test]
    fn reading_commands_never_create_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("none.redb");
        let err = check(&Db::Desk(db.clone()), &mut Vec::new()).unwrap_err();
        assert!(matches!(err, CliError::NoDatabase { .. }));
        assert!(err.to_string().contains("none.redb"));
        assert!(!db.exists());
    }
}
