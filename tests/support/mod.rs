//! Shared by the durability tests: the seeded random numbers that make a failure reproducible,
//! the switch for the long variants, and running the `account-desk` binary.
//!
//! Environment variables:
//! - `ACCOUNT_DESK_LONG_TESTS=1` runs the long variants (more kills, more damaged copies,
//!   more fuzz cases) with a fresh seed each run;
//! - `ACCOUNT_DESK_TEST_SEED=N` replays the run that printed `seed N`.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// True when the long variants are asked for (`ACCOUNT_DESK_LONG_TESTS=1`).
pub fn long_tests() -> bool {
    std::env::var("ACCOUNT_DESK_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// The seed of this run: `ACCOUNT_DESK_TEST_SEED` if set, else a fresh one in the long
/// variant, else `default` (CI runs are the same every time). Printed so a failure can be
/// replayed; the test harness shows it with the failure.
pub fn seed(test: &str, default: u64) -> u64 {
    let seed = match std::env::var("ACCOUNT_DESK_TEST_SEED") {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("ACCOUNT_DESK_TEST_SEED={v:?} is not a number")),
        Err(_) if long_tests() => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(default, |d| d.as_nanos() as u64),
        Err(_) => default,
    };
    println!("{test}: seed {seed} (replay with ACCOUNT_DESK_TEST_SEED={seed})");
    seed
}

/// xorshift64*: small, deterministic and good enough to pick offsets and delays.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// A random byte.
    pub fn byte(&mut self) -> u8 {
        (self.next_u64() >> 56) as u8
    }
}

/// What a run of the `account-desk` binary did.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `account-desk --db DB ARGS…`; a panic message on stderr fails the test at once.
pub fn desk(db: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_account-desk"));
    cmd.arg("--db").arg(db).args(args);
    finish(cmd)
}

/// Runs a prepared command (the binary, perhaps through a shell or in another folder) to its
/// end; a panic message on stderr fails the test at once.
pub fn finish(mut cmd: Command) -> Run {
    let out: Output = cmd.output().expect("run account-desk");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "a panic reached the person: {}",
        run.stderr
    );
    run
}

/// Opens the database at `db` in the test process, after the commands a test ran on it.
///
/// Tests of one binary run in parallel, and each spawns `account-desk` processes. Between
/// `fork` and `exec`, such a child holds a copy of every file descriptor of the test process,
/// the lock file's of a store another test just closed included (close-on-exec closes it only
/// at `exec`), so for a moment the lock still looks taken. An `AlreadyOpen` is therefore tried
/// again for a while before it counts.
pub fn open_store(db: &Path) -> account_desk::store::Store {
    use account_desk::store::{Store, StoreError};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match Store::open(db) {
            Ok(store) => return store,
            Err(StoreError::AlreadyOpen { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{}: {e}", db.display()),
        }
    }
}
