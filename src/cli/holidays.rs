//! `account-desk holidays`: an agency's IT imports a year's State Council holiday notice from
//! a text file, and lists the days off and make-up working days of any year.

use super::CliError;
use super::commands::cell;
use crate::domain::calendar::notice::{Notice, weekday_name};
use crate::domain::calendar::{DaySource, ListedDay};
use crate::domain::{AgencySettings, Lang, UserId};
use crate::services::holidays::{self, NoticeFileError};
use crate::services::{self, Base, Command, Ctx};
use crate::store::Store;
use chrono::{Datelike, Local, NaiveDate, Utc};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `holidays` does.
#[derive(Debug, Subcommand)]
pub enum HolidaysCommand {
    /// Read a State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) saved as
    /// a text file, UTF-8 or GB18030; print the year, its days off and make-up working days,
    /// and save them as the agency's days for that year
    Import {
        /// The notice's text, e.g. copied from gov.cn into Notepad
        #[arg(value_name = "FILE.txt")]
        file: PathBuf,
        /// Only print what the notice says (and which schedules it would touch); save nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Every day off and make-up working day of YEAR, built in and the agency's, as
    /// tab-separated text with a header row: date, kind, name, source
    List {
        /// The year, e.g. 2027
        #[arg(value_name = "YEAR")]
        year: i32,
    },
}

/// Runs a `holidays` subcommand on the database at `db`.
pub fn run(db: &Path, command: &HolidaysCommand, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        HolidaysCommand::Import { file, dry_run } => import(db, file, *dry_run, out),
        HolidaysCommand::List { year } => list(db, *year, out),
    }
}

/// The database, checked whole before it is read (as every command does).
fn open_existing(db: &Path) -> Result<Store, CliError> {
    if !db.exists() {
        Store::refuse_unusable_path(db)?;
        return Err(CliError::NoDatabase {
            path: db.to_path_buf(),
        });
    }
    Ok(Store::open_verified(db)?)
}

/// A notice that could not be read, as the file's error (the message names the file once).
fn file_error(e: NoticeFileError) -> CliError {
    let (path, source) = match e {
        NoticeFileError::Read { path, source } => (path, source),
        NoticeFileError::TooLarge { ref path } => (
            path.clone(),
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "too large to be a holiday notice; save only the notice's text (.txt)",
            ),
        ),
        NoticeFileError::Notice { path, problem } => (
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, problem.message(Lang::En)),
        ),
    };
    CliError::Io { path, source }
}

fn kind(working: bool) -> &'static str {
    match working {
        true => "make-up working day",
        false => "day off",
    }
}

fn row(out: &mut dyn Write, cells: &[&str]) -> Result<(), CliError> {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    writeln!(out, "{}", line.join("\t"))?;
    Ok(())
}

fn print_notice(notice: &Notice, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "year\t{}", notice.year)?;
    writeln!(
        out,
        "notice\t{}",
        notice.reference.as_deref().unwrap_or("(none given)")
    )?;
    writeln!(
        out,
        "{} days off, {} make-up working days",
        notice.days_off_count(),
        notice.make_up_count()
    )?;
    row(out, &["date", "kind", "name", "weekday"])?;
    for (date, day) in notice.days() {
        let weekday = weekday_name(date.weekday(), Lang::En);
        row(
            out,
            &[&date.to_string(), kind(day.working), &day.name, weekday],
        )?;
    }
    Ok(())
}

/// `holidays import FILE.txt [--dry-run]`.
fn import(db: &Path, file: &Path, dry_run: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let notice = holidays::read_notice_file(file).map_err(file_error)?;
    print_notice(&notice, out)?;
    if dry_run && !db.exists() {
        writeln!(out, "Dry run: nothing was saved.")?;
        return Ok(());
    }
    let store = open_existing(db)?;
    let settings = store.settings()?;
    let import = settings.with_notice(&notice);
    let old = settings.calendar();
    let new = import.settings.calendar();
    let affected = holidays::affected_schedules(&store, notice.year, &old, &new)?;
    for d in &import.replaced {
        writeln!(
            out,
            "replaces the agency's own day {} ({}, {})",
            d.date,
            d.name,
            kind(d.working)
        )?;
    }
    if !affected.is_empty() {
        writeln!(
            out,
            "{} schedule(s) have tasks on days this notice changes; no task is moved — re-plan \
             them in the schedule:",
            affected.len()
        )?;
        for s in &affected {
            for t in &s.tasks {
                writeln!(
                    out,
                    "  {} {}\t{}\t{} – {}\t{} → {} working days",
                    s.job_number,
                    cell(&s.job_title),
                    cell(&t.name),
                    t.start,
                    t.end,
                    t.working_days_before,
                    t.working_days_after
                )?;
            }
        }
    }
    if dry_run {
        writeln!(out, "Dry run: nothing was saved.")?;
        return Ok(());
    }
    let ctx = Ctx {
        actor: UserId(0),
        now: Utc::now(),
        today: Local::now().date_naive(),
    };
    services::apply(
        &store,
        &ctx,
        Command::SaveSettings(import.settings, Base::Overwrite),
    )?;
    writeln!(
        out,
        "Saved the {} notice as the agency's days in {}.",
        notice.year,
        db.display()
    )?;
    Ok(())
}

/// Where a listed day comes from, for the `source` column.
fn source(day: &ListedDay, settings: &AgencySettings, built_in: Option<&str>) -> String {
    match day.source {
        DaySource::BuiltIn => match built_in {
            Some(r) if !r.is_empty() => format!("built-in {r}"),
            _ => "built-in".into(),
        },
        DaySource::Agency => {
            let notice = settings
                .notices
                .iter()
                .find(|n| n.dates.contains(&day.date));
            match notice {
                Some(n) if !n.reference.is_empty() => format!("agency notice {}", n.reference),
                Some(_) => "agency notice".into(),
                None => "agency".into(),
            }
        }
    }
}

/// `holidays list YEAR`.
fn list(db: &Path, year: i32, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open_existing(db)?;
    let settings = store.settings()?;
    let cal = settings.calendar();
    row(out, &["date", "kind", "name", "source"])?;
    for day in cal.special_days(year) {
        // The built-in notice of a day is its year's (元旦 of 2022-12-31 is the 2023 notice's,
        // but the file lists it under its own year).
        let built_in = cal
            .notice(day.date.year())
            .filter(|_| cal.notice_source(day.date.year()) == Some(DaySource::BuiltIn));
        let source = source(&day, &settings, built_in);
        row(
            out,
            &[&day.date.to_string(), kind(day.working), &day.name, &source],
        )?;
    }
    if !cal.has_official_data(year) && NaiveDate::from_ymd_opt(year, 1, 1).is_some() {
        eprintln!(
            "warning: the State Council notice for {year} is not known yet, so its public \
             holidays are not listed and count as working days; import it with `account-desk \
             holidays import FILE.txt`"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Cli, CliCommand};
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<HolidaysCommand, String> {
        let mut all = vec!["account-desk", "holidays"];
        all.extend_from_slice(args);
        match Cli::try_parse_from(all).map_err(|e| e.to_string())?.command {
            Some(CliCommand::Holidays { what }) => Ok(what),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn import_takes_a_file_and_an_optional_dry_run_and_list_a_year() {
        match parse(&["import", "2027年 通知.txt", "--dry-run"]) {
            Ok(HolidaysCommand::Import { file, dry_run }) => {
                assert_eq!(file, PathBuf::from("2027年 通知.txt"));
                assert!(dry_run);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse(&["import", "a.txt"]),
            Ok(HolidaysCommand::Import { dry_run: false, .. })
        ));
        assert!(matches!(
            parse(&["list", "2027"]),
            Ok(HolidaysCommand::List { year: 2027 })
        ));
        for bad in [
            &["list", "明年"][..],
            &["list"],
            &["import"],
            &["remove", "2027"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
