//! Codec fuzz: decoding any bytes as any record kind returns a value or a `CodecError`, never
//! panics, and never accepts a damaged record. Four properties (proptest):
//! - arbitrary bytes, decoded as every kind;
//! - a valid envelope header (every kind, versions 0, 1, 2, 65535 and random) with a random
//!   payload;
//! - real records (the sample agency, every kind) mutated: bytes flipped, inserted, deleted,
//!   overwritten with runs of 0xFD/0xFF/0x00 (huge, invalid or empty length prefixes), kind or version byte
//!   changed; decoded as every kind;
//! - real records cut short or followed by extra bytes: always an error.
//!
//! CI runs 4,000–12,000 cases per property (under 2 s); `ACCOUNT_DESK_LONG_TESTS=1` runs 100
//! times as many (about 2 minutes) with a fresh seed; `ACCOUNT_DESK_TEST_SEED=N` replays a
//! printed seed.
//! For much longer, coverage-guided runs use the `cargo fuzz` target in `fuzz/` (see
//! `fuzz/README.md`).

mod support;

use account_desk::demo::sample::load_sample;
use account_desk::domain::estimate::check::MoneySettings;
use account_desk::domain::estimate::{EstimateVersion, Release};
use account_desk::domain::schedule::{IssuedSchedule, JobSchedule};
use account_desk::domain::template::ScheduleTemplates;
use account_desk::domain::{
    AgencySettings, Brand, BriefVersion, Change, Client, Contact, Contract, Estimate, Job, Meeting,
    User,
};
use account_desk::store::codec::CodecError;
use account_desk::store::records::Record;
use account_desk::store::{Kind, Store, StoreError};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::sync::OnceLock;

/// The record layout version this build writes for `kind`.
fn current_version(kind: Kind) -> u16 {
    match kind {
        Kind::Settings => AgencySettings::VERSION,
        Kind::Meeting => Meeting::VERSION,
        Kind::Schedule => JobSchedule::VERSION,
        Kind::IssuedSchedule => IssuedSchedule::VERSION,
        Kind::Templates => ScheduleTemplates::VERSION,
        Kind::MoneySettings => MoneySettings::VERSION,
        Kind::Client => Client::VERSION,
        _ => 1,
    }
}

/// Decodes `bytes` as every record kind, in `Kind::ALL` order; what was decoded is encoded
/// again.
fn decode_each_kind(bytes: &[u8]) -> [(Kind, Result<Vec<u8>, CodecError>); 24] {
    fn again<T: Record>(bytes: &[u8]) -> (Kind, Result<Vec<u8>, CodecError>) {
        (T::KIND, T::decode(bytes).and_then(|v| v.encode()))
    }
    [
        again::<AgencySettings>(bytes),
        again::<User>(bytes),
        again::<Client>(bytes),
        again::<Contact>(bytes),
        again::<Contract>(bytes),
        again::<Brand>(bytes),
        again::<Job>(bytes),
        again::<BriefVersion>(bytes),
        again::<Change>(bytes),
        again::<JobSchedule>(bytes),
        again::<IssuedSchedule>(bytes),
        again::<Meeting>(bytes),
        again::<ScheduleTemplates>(bytes),
        again::<Estimate>(bytes),
        again::<EstimateVersion>(bytes),
        again::<MoneySettings>(bytes),
        again::<Release>(bytes),
        again::<account_desk::domain::budget::ClientBudget>(bytes),
        again::<account_desk::domain::invoice::Invoice>(bytes),
        again::<account_desk::domain::invoice::VendorCost>(bytes),
        again::<account_desk::domain::budget::road::MonthlyReport>(bytes),
        again::<account_desk::domain::Document>(bytes),
        again::<account_desk::domain::LibraryItem>(bytes),
        again::<account_desk::domain::CreativeWork>(bytes),
    ]
}

/// Decodes `bytes` as every record kind; the kinds that accepted it.
fn decode_as_every_kind(bytes: &[u8]) -> Vec<Kind> {
    decode_each_kind(bytes)
        .into_iter()
        .filter_map(|(kind, r)| r.ok().map(|_| kind))
        .collect()
}

/// Every record of the sample agency, encoded, with its kind.
fn real_records() -> &'static [(Kind, Vec<u8>)] {
    static RECORDS: OnceLock<Vec<(Kind, Vec<u8>)>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&tmp.path().join("desk.redb")).expect("open");
        let now = Utc
            .with_ymd_and_hms(2026, 11, 26, 1, 0, 0)
            .single()
            .expect("time");
        load_sample(&store, now, now.date_naive()).expect("sample");
        collect(&store).expect("read the sample")
    })
}

fn collect(store: &Store) -> Result<Vec<(Kind, Vec<u8>)>, StoreError> {
    fn all<T: Record>(out: &mut Vec<(Kind, Vec<u8>)>, records: Vec<T>) -> Result<(), StoreError> {
        for r in records {
            out.push((T::KIND, r.encode()?));
        }
        Ok(())
    }
    let view = store.read()?;
    let mut out = Vec::new();
    all(&mut out, vec![view.settings()?])?;
    all(&mut out, view.all::<User>()?)?;
    all(&mut out, view.all::<Client>()?)?;
    all(&mut out, view.all::<Contact>()?)?;
    all(&mut out, view.all::<Contract>()?)?;
    all(&mut out, view.all::<Brand>()?)?;
    let jobs = view.all::<Job>()?;
    for j in &jobs {
        all(&mut out, view.brief_versions(j.id)?)?;
        all(&mut out, view.schedule(j.id)?.into_iter().collect())?;
        all(&mut out, view.issued_schedules(j.id)?)?;
    }
    all(&mut out, jobs)?;
    all(&mut out, view.all::<Meeting>()?)?;
    all(
        &mut out,
        view.all::<account_desk::domain::budget::ClientBudget>()?,
    )?;
    all(
        &mut out,
        view.all::<account_desk::domain::invoice::Invoice>()?,
    )?;
    all(
        &mut out,
        view.all::<account_desk::domain::invoice::VendorCost>()?,
    )?;
    all(
        &mut out,
        view.all::<account_desk::domain::budget::road::MonthlyReport>()?,
    )?;
    all(&mut out, view.all::<account_desk::domain::Document>()?)?;
    all(&mut out, view.all::<account_desk::domain::LibraryItem>()?)?;
    all(&mut out, view.all::<account_desk::domain::CreativeWork>()?)?;
    all(&mut out, view.changes()?)?;
    // The sample agency keeps the built-in templates, which are stored once saved.
    let templates = account_desk::services::templates::or_builtin(view.templates()?);
    all(&mut out, vec![templates])?;
    let estimates = view.estimates(None)?;
    for e in &estimates {
        all(&mut out, view.estimate_versions(e.id)?)?;
    }
    all(&mut out, estimates)?;
    all(&mut out, vec![view.money_settings()?])?;
    // The sample lets no job past the gate; a release as an account director writes one.
    let job = view.all::<Job>()?.remove(0);
    all(
        &mut out,
        vec![Release {
            job_id: job.id,
            client_id: job.client_id,
            number: 1,
            by: job.audit.created.by,
            at: job.audit.created.at,
            reason: "客户总裁邮件确认，签署件下周补回".into(),
            problems: vec!["没有客户签署且哈希一致的制作费预估，不能进入制作".into()],
        }],
    )?;
    Ok(out)
}

/// The runner of one property: seeded, no regression files written into the tree.
fn runner(property: &str, cases: u32) -> TestRunner {
    let cases = if support::long_tests() {
        cases * 100
    } else {
        cases
    };
    let seed = support::seed(property, 20_261_126);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    })
}

fn kind_strategy() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

#[test]
fn the_sample_records_round_trip_and_are_only_their_own_kind() {
    let records = real_records();
    for kind in Kind::ALL {
        assert!(
            records.iter().any(|(k, _)| *k == kind),
            "no {kind:?} record to mutate"
        );
    }
    for (kind, bytes) in records {
        for (k, result) in decode_each_kind(bytes) {
            match result {
                Ok(again) => assert!(k == *kind && &again == bytes, "{kind:?} as {k:?}"),
                Err(e) => assert!(k != *kind, "{kind:?}: {e}"),
            }
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let strategy = proptest::collection::vec(any::<u8>(), 0..1024);
    let result = runner("arbitrary bytes", 4_000).run(&strategy, |bytes| {
        decode_as_every_kind(&bytes);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn a_valid_header_with_a_random_payload_never_panics() {
    let version = prop_oneof![
        Just(0u16),
        Just(1u16),
        Just(2u16),
        Just(u16::MAX),
        any::<u16>()
    ];
    let strategy = (
        kind_strategy(),
        version,
        proptest::collection::vec(any::<u8>(), 0..512),
    );
    let result = runner("valid header", 8_000).run(&strategy, |(kind, version, payload)| {
        let mut bytes = b"AD".to_vec();
        bytes.push(kind as u8);
        bytes.extend_from_slice(&version.to_le_bytes());
        bytes.extend_from_slice(&payload);
        for (k, result) in decode_each_kind(&bytes) {
            // Versions 1 up to the one this build writes are known.
            let known = (1..=current_version(k)).contains(&version);
            match result {
                // Only its own kind, and only in a version this build knows.
                Ok(_) => prop_assert!(k == kind && known, "accepted as {k:?}"),
                Err(CodecError::WrongKind { .. }) => prop_assert!(k != kind),
                Err(CodecError::TooNew { .. }) => {
                    prop_assert!(k == kind && version > current_version(k))
                }
                Err(CodecError::UnknownVersion { .. }) => prop_assert!(k == kind && version == 0),
                Err(CodecError::Damaged { .. }) => prop_assert!(k == kind && known),
                Err(other) => prop_assert!(false, "{k:?}: {other}"),
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// One change to a record's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: usize,
        xor: u8,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Delete {
        at: usize,
        len: usize,
    },
    /// A run of 0xFD (bincode's marker for a u64 varint: a huge length), 0xFF (an invalid
    /// marker), 0x80 or 0x00.
    Run {
        at: usize,
        len: usize,
        value: u8,
    },
    Kind(u8),
    Version(u16),
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        4 => (at, 1..=255u8).prop_map(|(at, xor)| Mutation::Flip { at, xor }),
        2 => (at, proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (at, 1..32usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (at, 1..12usize, prop_oneof![Just(0xFDu8), Just(0xFFu8), Just(0u8), Just(0x80u8)])
            .prop_map(|(at, len, value)| Mutation::Run { at, len, value }),
        1 => any::<u8>().prop_map(Mutation::Kind),
        1 => any::<u16>().prop_map(Mutation::Version),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Flip { at, xor } => bytes[at % len] ^= xor,
        Mutation::Insert { at, bytes: new } => {
            let at = at % (len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Delete { at, len: n } => {
            let at = at % len;
            bytes.drain(at..(at + n).min(len));
        }
        Mutation::Run { at, len: n, value } => {
            let at = at % len;
            for b in &mut bytes[at..(at + n).min(len)] {
                *b = *value;
            }
        }
        Mutation::Kind(k) if len > 2 => bytes[2] = *k,
        Mutation::Version(v) if len > 4 => bytes[3..5].copy_from_slice(&v.to_le_bytes()),
        Mutation::Kind(_) | Mutation::Version(_) => {}
    }
}

#[test]
fn mutated_real_records_never_panic() {
    let records = real_records();
    let strategy = (
        0..records.len(),
        proptest::collection::vec(mutation_strategy(), 1..6),
    );
    let result = runner("mutated records", 12_000).run(&strategy, |(i, mutations)| {
        let (kind, original) = &records[i];
        let mut bytes = original.clone();
        for m in &mutations {
            if !bytes.is_empty() {
                mutate(&mut bytes, m);
            }
        }
        let accepted = decode_as_every_kind(&bytes);
        prop_assert!(accepted.iter().all(|k| k == kind), "{accepted:?}");
        if &bytes == original {
            prop_assert_eq!(accepted, vec![*kind]);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn cut_or_extended_real_records_are_always_refused() {
    let records = real_records();
    let strategy = (
        0..records.len(),
        any::<usize>(),
        proptest::collection::vec(any::<u8>(), 0..8),
    );
    let result = runner("cut records", 4_000).run(&strategy, |(i, cut, extra)| {
        let (kind, original) = &records[i];
        let cut = cut % original.len();
        let short = &original[..cut];
        let accepted = decode_as_every_kind(short);
        if !accepted.is_empty() {
            return Err(TestCaseError::fail(format!(
                "{kind:?} record cut to {cut} of {} bytes accepted as {accepted:?}",
                original.len()
            )));
        }
        if !extra.is_empty() {
            let mut longer = original.clone();
            longer.extend_from_slice(&extra);
            prop_assert_eq!(decode_as_every_kind(&longer), Vec::<Kind>::new());
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
