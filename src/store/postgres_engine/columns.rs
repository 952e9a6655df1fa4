//! Between the program's values and the database's columns: ids and versions are
//! unsigned here and `bigint` there, and a row read back becomes a key and a stored row.

use super::super::StoreError;
use super::super::backend::{Access, Key, Rev, RowMeta, StoredRow, WriteStamp};
use super::super::codec::Kind;

/// The column list every read of a row selects, in [`row_of`]'s order.
pub(super) const ROW_COLUMNS: &str =
    "id, version, rev, bytes, client, job, state, owner, written_by, written_at_ms, restores";

/// A client or server error as a sentence: the server's own message when it sent one
/// (`e`'s display alone says only "db error"), else what failed on the way.
pub(super) fn pg(e: postgres::Error) -> StoreError {
    let text = match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => match std::error::Error::source(&e) {
            Some(source) => format!("{e}: {source}"),
            None => e.to_string(),
        },
    };
    if text.contains("password missing") {
        return StoreError::Engine(
            "the team database's server asks for a password and none was given: set \
             PGPASSWORD, or keep it in this computer's keychain with `account-desk team login URL`"
                .into(),
        );
    }
    // The team's rules (row-level security, the functions' checks) said no.
    if let Some(db) = e.as_db_error()
        && (*db.code() == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE
            || *db.code() == postgres::error::SqlState::RAISE_EXCEPTION)
    {
        return StoreError::Refused(text);
    }
    // No answer from the server: the connection could not be made or was lost.
    if e.as_db_error().is_none() && (e.is_closed() || io_error(&e)) {
        return StoreError::Unreachable(text);
    }
    StoreError::Engine(format!("the team database: {text}"))
}

/// Whether `e` comes from the network (refused, reset, timed out) rather than the server.
fn io_error(e: &postgres::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// An id or version as the database keeps it (`bigint`); the largest key of a range scan
/// (`u64::MAX`) becomes the largest the database holds.
pub(super) fn db_id(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

pub(super) fn db_u64(v: i64, what: &'static str) -> Result<u64, StoreError> {
    u64::try_from(v)
        .map_err(|_| StoreError::Engine(format!("the team database holds a negative {what}: {v}")))
}

pub(super) fn db_version(v: i64) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|_| {
        StoreError::Engine(format!(
            "the team database holds a version out of range: {v}"
        ))
    })
}

pub(super) fn kind_code(kind: Kind) -> i16 {
    i16::from(kind as u8)
}

/// A row as selected with [`ROW_COLUMNS`].
pub(super) fn row_of(row: &postgres::Row) -> Result<(Key, StoredRow), StoreError> {
    let get_i64 = |i: usize| row.try_get::<_, i64>(i).map_err(pg);
    let key = Key::pair(db_u64(get_i64(0)?, "id")?, db_version(get_i64(1)?)?);
    let bytes: Vec<u8> = row.try_get(3).map_err(pg)?;
    let state: i16 = row.try_get(6).map_err(pg)?;
    let meta = RowMeta {
        rev: Rev(db_u64(get_i64(2)?, "revision")?),
        written: Some(WriteStamp {
            by: db_u64(get_i64(8)?, "writer")?,
            at_ms: get_i64(9)?,
            restores: db_u64(get_i64(10)?, "revision")?,
        }),
        access: Access {
            client: db_u64(get_i64(4)?, "client")?,
            job: db_u64(get_i64(5)?, "job")?,
            state: u8::try_from(state).unwrap_or(0),
            owner: db_u64(get_i64(7)?, "owner")?,
        },
    };
    Ok((key, StoredRow { bytes, meta }))
}
