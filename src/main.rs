//! `account-desk`: opens the window, or runs one command-line task (see `--help`).
//! Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.
//!
//! On Windows this is a GUI program (no console window beside the app when it is started from
//! the Start menu). cmd and PowerShell do not wait for a GUI program and lose its exit status,
//! so scripts use the console companion `account-desk-cli.exe` (src/bin/account-desk-cli.rs),
//! which runs the same code: [`account_desk::cli::entry::main`].
#![cfg_attr(windows, windows_subsystem = "windows")]

use account_desk::cli::entry::{self, Program};
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(windows)]
    console::attach_to_parent();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    account_desk::memory::on_release(glibc::trim);
    entry::main(Program::Desk(account_desk::app::run))
}

/// glibc keeps what each thread freed in that thread's arena; `malloc_trim` returns the
/// free pages of every arena to the system (measured on a decade's data, `cargo bench
/// --bench memory`: the peak after searching and opening the database again fell from
/// 266 MiB to 250 MiB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }

    /// Returns the free memory of every arena to the system.
    pub fn trim() {
        // SAFETY: malloc_trim takes a byte count to keep and only walks glibc's own
        // allocator state under its locks; it returns whether it gave anything back.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// A courtesy for `account-desk.exe --help` typed in a console: a GUI program starts without
/// standard output, so when it is given arguments and has none, it borrows the console of the
/// program that started it, if that has one. Output then shows, but the console does not wait
/// for it and its exit status is lost: that is what `account-desk-cli.exe` is for.
#[cfg(windows)]
mod console {
    use std::ffi::c_void;

    /// `AttachConsole`'s "the parent's console".
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    /// `GetStdHandle`'s `(DWORD)-11` and `(DWORD)-12`.
    const STD_OUTPUT_HANDLE: u32 = -11_i32 as u32;
    const STD_ERROR_HANDLE: u32 = -12_i32 as u32;
    /// `INVALID_HANDLE_VALUE`, `(HANDLE)-1`.
    const INVALID_HANDLE: isize = -1;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(which: u32) -> *mut c_void;
    }

    /// Whether the standard handle `which` leads somewhere (a console, a file, a pipe).
    fn has_handle(which: u32) -> bool {
        // SAFETY: GetStdHandle takes a constant and returns a handle value (possibly null or
        // INVALID_HANDLE_VALUE); nothing is dereferenced.
        let handle = unsafe { GetStdHandle(which) };
        !handle.is_null() && handle as isize != INVALID_HANDLE
    }

    /// Attaches to the parent's console when there are arguments (the window alone needs no
    /// console) and neither stdout nor stderr was given to this process (output redirected
    /// to a file or a pipe is kept as it is).
    pub fn attach_to_parent() {
        if std::env::args_os().len() <= 1
            || has_handle(STD_OUTPUT_HANDLE)
            || has_handle(STD_ERROR_HANDLE)
        {
            return;
        }
        // SAFETY: AttachConsole takes a process id and touches only this process's console
        // state; it fails harmlessly (returns 0) when the parent has no console.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
