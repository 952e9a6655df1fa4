//! `export brief|minutes|agenda`: documents written from the database, whole or not at all,
//! never over the database or one of its files.

use super::*;

/// `export brief JOB_NUMBER -o FILE.pdf [--lang zh|en]`: the same PDF the window exports.
/// Opens the database and finds the job numbered `job_number`.
pub(in crate::cli) fn open_job(
    db: &Db,
    job_number: &str,
) -> Result<(Store, crate::domain::Job), CliError> {
    let store = db.open_existing()?;
    let job = store
        .job_by_number(job_number)?
        .ok_or_else(|| CliError::JobNotFound {
            number: job_number.trim().to_string(),
            db: db.shown(),
        })?;
    Ok((store, job))
}

pub(in crate::cli) fn export_brief(
    db: &Db,
    job_number: &str,
    output: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_output(db, output, "pdf")?;
    let (store, job) = open_job(db, job_number)?;
    let now = Local::now();
    let bytes = export::brief_pdf(&store, job.id, lang, now.date_naive(), *now.offset())?;
    write_file(output, &bytes)?;
    writeln!(
        out,
        "Wrote the brief of {} {} to {} ({} KiB)",
        job.number.text,
        job.title,
        output.display(),
        bytes.len().div_ceil(1024)
    )?;
    Ok(())
}

/// Opens the database and finds meeting `id`, with a message that says how to find the ids.
pub(super) fn open_meeting(db: &Db, id: u64) -> Result<(Store, Meeting), CliError> {
    let store = db.open_existing()?;
    let meeting = store.get::<Meeting>(id)?.ok_or_else(|| {
        CliError::Service(ServiceError::Export(format!(
            "there is no meeting {id} in {}; `account-desk list meetings` shows the meeting ids",
            db.shown().display()
        )))
    })?;
    Ok((store, meeting))
}

/// This computer's UTC offset at the meeting's start (so a meeting across a daylight-saving
/// change prints the time people met at).
pub(super) fn local_offset(at: DateTime<Utc>) -> FixedOffset {
    Local.from_utc_datetime(&at.naive_utc()).offset().fix()
}

/// Checks an export's file before the database is even opened: never the database or one of
/// its files (however the name is spelled), and no extension of another format. A name
/// without an extension is written as given.
pub(in crate::cli) fn check_output(
    db: &Db,
    output: &Path,
    extension: &'static str,
) -> Result<(), CliError> {
    if let Some(db) = db.desk() {
        crate::store::refuse_overwrite(db, output)?;
    }
    if safe_file::has_extension(output) && !safe_file::extension_matches(output, extension) {
        return Err(CliError::WrongExtension {
            path: output.to_path_buf(),
            expected: extension,
            suggestion: safe_file::fix_extension(output, extension),
        });
    }
    Ok(())
}

/// Refuses to write `output` over anything: an existing file, or the database and its
/// files.
pub(in crate::cli) fn check_output_exists(db: &Db, output: &Path) -> Result<(), CliError> {
    if let Some(db) = db.desk() {
        crate::store::refuse_overwrite(db, output)?;
    }
    if output.exists() || output.is_symlink() {
        return Err(CliError::Usage(format!(
            "{} already exists; a file is never written over: choose a new name",
            output.display()
        )));
    }
    Ok(())
}

/// Writes an exported document whole or not at all: a failure leaves the file that was there.
pub(in crate::cli) fn write_file(output: &Path, bytes: &[u8]) -> Result<(), CliError> {
    safe_file::write_atomic(output, bytes).map_err(|source| CliError::WriteFailed {
        path: output.to_path_buf(),
        source,
    })
}

/// `export minutes MEETING_ID [--version N] [--lang zh|en|both] -o FILE.pdf`.
pub(in crate::cli) fn export_minutes(
    db: &Db,
    id: u64,
    version: Option<u32>,
    lang: DocLang,
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_output(db, output, "pdf")?;
    let (store, meeting) = open_meeting(db, id)?;
    if let Some(v) = version.filter(|v| !meeting.sent.iter().any(|s| s.version == *v)) {
        let sent: Vec<String> = meeting
            .sent
            .iter()
            .map(|s| format!("v{}", s.version))
            .collect();
        let known = match sent.is_empty() {
            true => "nothing was sent yet; leave out --version for the draft".to_string(),
            false => format!("sent: {}", sent.join(", ")),
        };
        return Err(CliError::Service(ServiceError::Export(format!(
            "version {v} of the minutes of meeting {id} ({}) was never sent; {known}",
            meeting.title
        ))));
    }
    // Without --version: the latest version sent when nothing changed since (that is what
    // the client has); a draft only when there is one.
    let latest_unchanged = match version {
        None => meeting.version_to_export(),
        Some(_) => None,
    };
    let bytes = export::minutes_pdf(
        &store,
        MeetingId(id),
        version.or(latest_unchanged),
        lang,
        local_offset(meeting.start),
    )?;
    write_file(output, &bytes)?;
    let which = match (version, latest_unchanged) {
        (Some(v), _) => format!("v{v} as sent"),
        (None, Some(v)) => format!("v{v} as sent, the latest; nothing changed since"),
        (None, None) => format!("draft of v{}", meeting.next_version()),
    };
    writeln!(
        out,
        "Wrote the minutes ({which}) of meeting {id} {} to {} ({} KiB)",
        meeting.title,
        output.display(),
        bytes.len().div_ceil(1024)
    )?;
    Ok(())
}

/// `export agenda MEETING_ID [--lang zh|en|both] -o FILE.pdf`.
pub(in crate::cli) fn export_agenda(
    db: &Db,
    id: u64,
    lang: DocLang,
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_output(db, output, "pdf")?;
    let (store, meeting) = open_meeting(db, id)?;
    let bytes = export::agenda_pdf(&store, MeetingId(id), lang, local_offset(meeting.start))?;
    write_file(output, &bytes)?;
    writeln!(
        out,
        "Wrote the agenda of meeting {id} {} ({} items) to {} ({} KiB)",
        meeting.title,
        meeting.agenda.len(),
        output.display(),
        bytes.len().div_ceil(1024)
    )?;
    Ok(())
}
