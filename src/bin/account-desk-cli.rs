//! `account-desk-cli`: the command line of Account Desk without the window, for scripts.
//!
//! On Windows `account-desk.exe` is a GUI program, whose output and exit status cmd and
//! PowerShell never see; this companion is a console program, so `account-desk-cli.exe list
//! jobs > jobs.txt` and `if errorlevel 1` work as scripts expect. It runs the same commands
//! through the same code as `account-desk` ([`account_desk::cli::entry::main`]); without a
//! command it prints its usage and exits with status 2 instead of opening the window.
//! Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.

use account_desk::cli::entry::{self, Program};
use std::process::ExitCode;

fn main() -> ExitCode {
    entry::main(Program::Companion)
}
