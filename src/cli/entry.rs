//! The start of both programs: `account-desk` (the window, and on Linux and macOS the command
//! line too) and `account-desk-cli` (the command line only, a console program on Windows).
//!
//! On Windows `account-desk.exe` is a GUI program, so starting it from the Start menu opens no
//! console window; but cmd and PowerShell neither wait for a GUI program nor see its exit
//! status. Scripts therefore call `account-desk-cli.exe`, which runs the very same commands
//! through [`main`]: the two binaries differ only in the [`Program`] they pass.

use super::{Cli, CliError, DataPlaces, Db};
use clap::{CommandFactory, FromArgMatches};
use std::fmt::Display;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window: [`crate::app::run`].
pub type OpenWindow = fn(WindowStart) -> anyhow::Result<()>;

/// What the window opens, and with what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowStart {
    /// This computer's database (`--db`, else the data folder's).
    pub desk: PathBuf,
    /// A team database's URL (`--team`, a profile's name resolved), opened instead.
    pub team: Option<String>,
    /// eframe's preferences file (`None`: eframe's choice).
    pub prefs: Option<PathBuf>,
    /// The connection profiles (`teams.conf` in the data folder).
    pub profiles: Option<PathBuf>,
}

/// Which of the two programs is running.
#[derive(Debug, Clone, Copy)]
pub enum Program {
    /// `account-desk`: without a subcommand it opens the window with the function given
    /// (`crate::app::run`; passed in by the binary, so that the companion, which never names
    /// it, is linked without the window's code).
    Desk(OpenWindow),
    /// `account-desk-cli`: the command line only; without a subcommand it prints its usage
    /// and exits with status 2 (a script waiting on a window would hang).
    Companion,
}

impl Program {
    /// The binary's name, as its `--help` and `--version` show it.
    pub fn name(self) -> &'static str {
        match self {
            Program::Desk(_) => "account-desk",
            Program::Companion => "account-desk-cli",
        }
    }

    /// The command-line definition of this program: the shared [`Cli`], renamed and with its
    /// own description for the companion.
    pub fn command(self) -> clap::Command {
        let command = Cli::command();
        match self {
            Program::Desk(_) if cfg!(windows) => command.after_help(
                "For scripts (cmd, PowerShell, Task Scheduler) use account-desk-cli.exe: the same \
                 commands as a console program, so the script waits for it and sees its output \
                 and exit status.",
            ),
            Program::Desk(_) => command,
            Program::Companion => command
                .name(self.name())
                .bin_name(self.name())
                .about(
                    "Account Desk (客户执行台) on the command line: the commands of account-desk, \
                     for scripts. Output goes to stdout, errors to stderr; exit status 0 on \
                     success, 1 on failure, 2 for a usage error. Start account-desk for the window.",
                )
                .subcommand_required(true)
                .arg_required_else_help(true),
        }
    }
}

/// Parses the command line and runs it: opens the window (the desk program without a
/// subcommand) or runs one command, printing its report on stdout and any error on stderr.
/// Exit status 0 on success, 1 on failure, 2 for a usage error (from clap).
pub fn main(program: Program) -> ExitCode {
    env_logger::init();
    let args = match Cli::from_arg_matches(&program.command().get_matches()) {
        Ok(args) => args,
        Err(e) => e.exit(),
    };
    // The reader of a file's words, run by the app as a child it can stop: no database.
    if let Some(super::CliCommand::ExtractText { path, name }) = &args.command {
        let code = crate::extract::isolated::child_main(
            path,
            name.as_deref(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    // The drawer of a PDF's first page, likewise.
    if let Some(super::CliCommand::PdfThumbnail { path }) = &args.command {
        let code = crate::services::thumbs::pdf_child_main(
            path,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let places = DataPlaces::here();
    let db = match (args.db.clone(), &places) {
        (Some(db), _) => db,
        (None, Some(places)) => places.db.clone(),
        (None, None) => return fail(CliError::NoDataDir, None),
    };
    let Some(command) = &args.command else {
        // `subcommand_required` keeps the companion from getting here; should it ever, it
        // must not open a window a script would wait on.
        let Program::Desk(open_window) = program else {
            return fail("no command given (see --help)", None);
        };
        let profiles = places.as_ref().map(|p| p.profiles());
        let team = match &args.team {
            Some(given) => match team_url(given, profiles.as_deref()) {
                Ok(url) => Some(url),
                Err(e) => return fail(e, None),
            },
            None => None,
        };
        log::info!("opening the window over {} ({places:?})", db.display());
        if let Some(places) = &places {
            places.adopt_old_prefs();
        }
        let opened: anyhow::Result<()> = open_window(WindowStart {
            desk: db,
            team,
            prefs: places.map(|p| p.prefs),
            profiles,
        });
        return match opened {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("{e:#}"), None),
        };
    };
    if let Some(problem) = crate::domain::calendar::WorkCalendar::shipped_problem() {
        let text = crate::domain::calendar::WorkCalendar::shipped_problem_text(
            problem,
            crate::domain::Lang::En,
        );
        let _ = writeln!(std::io::stderr().lock(), "warning: {text}");
    }
    let target = match &args.team {
        Some(given) => match team_url(given, places.as_ref().map(|p| p.profiles()).as_deref())
            .map_err(CliError::Usage)
            .and_then(|url| Db::team(&url))
        {
            Ok(team) => team,
            Err(e) => return fail(e, None),
        },
        None => Db::Desk(db.clone()),
    };
    let mut stdout = std::io::stdout().lock();
    match super::run_on(command, &target, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        // `account-desk list jobs | head`: the reader has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let hint = super::hint(&e, &db);
            fail(e, hint)
        }
    }
}

/// The URL `--team` names: a URL as given, else a connection profile's (`teams.conf`).
fn team_url(given: &str, profiles: Option<&std::path::Path>) -> Result<String, String> {
    if super::profiles::is_url(given) {
        return Ok(given.to_string());
    }
    let profiles = match profiles {
        Some(file) => super::profiles::Profiles::load(file)?,
        None => super::profiles::Profiles::default(),
    };
    profiles.resolve(given)
}

/// Prints the error (and advice, if any) on stderr; exit code 1.
fn fail(error: impl Display, hint: Option<String>) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    // Nothing more can be done when stderr itself is gone.
    let _ = writeln!(stderr, "error: {error}");
    if let Some(hint) = hint {
        let _ = writeln!(stderr, "{hint}");
    }
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk program, with a window that is never opened here.
    const DESK: Program = Program::Desk(|_| Ok(()));

    #[test]
    fn both_programs_share_the_commands() {
        let desk = DESK.command();
        let companion = Program::Companion.command();
        let names = |c: &clap::Command| {
            c.get_subcommands()
                .map(|s| s.get_name().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&desk), names(&companion));
        assert!(names(&desk).iter().any(|n| n == "check"));
        companion.clone().debug_assert();
        assert_eq!(companion.get_name(), "account-desk-cli");
    }

    #[test]
    fn the_companion_needs_a_command_and_the_desk_does_not() {
        let desk = DESK
            .command()
            .try_get_matches_from(["account-desk", "--db", "x.redb"]);
        assert!(desk.is_ok());
        let companion = Program::Companion.command().try_get_matches_from([
            "account-desk-cli",
            "--db",
            "x.redb",
        ]);
        let error = companion.err().map(|e| e.exit_code());
        assert_eq!(error, Some(2));
        let listed = Program::Companion
            .command()
            .try_get_matches_from(["account-desk-cli", "--db", "x.redb", "list", "jobs"])
            .map_err(|e| e.to_string())
            .and_then(|m| Cli::from_arg_matches(&m).map_err(|e| e.to_string()));
        assert!(matches!(
            listed.map(|cli| cli.command),
            Ok(Some(super::super::CliCommand::List { .. }))
        ));
    }
}
