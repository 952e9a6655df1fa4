//! A row as the redb file keeps it (schema 6 on): `b'R'`, the bookkeeping
//! ([`meta_bytes`], 58 bytes), a CRC-32 of the bookkeeping (u32 little-endian), then the
//! record envelope. A row written before schema 5 is a bare envelope (it begins with `A`)
//! and has no bookkeeping: revision 0. The change log's entries, which carry no revision,
//! stay bare envelopes.

use super::{Key, Kind, RowMeta, StoreError, meta_bytes};

const MAGIC: u8 = b'R';
/// Bytes before the envelope.
pub const HEADER: usize = 1 + meta_bytes::LEN + 4;

/// The stored value of a row: its bookkeeping, then its envelope.
pub fn join(meta: &RowMeta, envelope: &[u8]) -> Vec<u8> {
    let meta = meta_bytes::encode(meta);
    let mut out = Vec::with_capacity(HEADER + envelope.len());
    out.push(MAGIC);
    out.extend_from_slice(&meta);
    out.extend_from_slice(&crc32fast::hash(&meta).to_le_bytes());
    out.extend_from_slice(envelope);
    out
}

/// A stored value's envelope, without reading its bookkeeping (a damaged header is left
/// for [`split`] to report; the envelope carries its own checksum).
pub fn envelope(bytes: &[u8]) -> &[u8] {
    match bytes.first() {
        Some(&MAGIC) => bytes.get(HEADER..).unwrap_or(bytes),
        _ => bytes,
    }
}

/// A stored value's bookkeeping and envelope; a bare envelope (written before schema 5)
/// has the default bookkeeping, revision 0. A damaged header is an error naming the row.
pub fn split(kind: Kind, key: Key, bytes: &[u8]) -> Result<(RowMeta, &[u8]), StoreError> {
    if bytes.first() != Some(&MAGIC) {
        return Ok((RowMeta::default(), bytes));
    }
    let damaged = || StoreError::Record {
        table: kind.table(),
        key: key.text(kind.spec().shape),
        source: crate::store::codec::CodecError::Damaged {
            kind: kind.name(),
            detail: "its revision header is unreadable".into(),
        },
    };
    let meta = bytes.get(1..1 + meta_bytes::LEN).ok_or_else(damaged)?;
    let sum = bytes
        .get(1 + meta_bytes::LEN..HEADER)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .ok_or_else(damaged)?;
    if crc32fast::hash(meta) != u32::from_le_bytes(sum) {
        return Err(damaged());
    }
    let meta = meta_bytes::decode(meta).ok_or_else(damaged)?;
    Ok((meta, &bytes[HEADER..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::backend::{Access, Rev, WriteStamp};

    #[test]
    fn a_row_keeps_its_bookkeeping_ahead_of_its_envelope() {
        let meta = RowMeta {
            rev: Rev(41),
            written: Some(WriteStamp {
                by: 2,
                at_ms: 1_764_144_000_000,
                restores: 0,
            }),
            access: Access {
                client: 3,
                job: 4,
                state: 1,
                owner: 2,
            },
        };
        let envelope_bytes = b"A2\x07payload".as_slice();
        let joined = join(&meta, envelope_bytes);
        assert_eq!(joined.len(), HEADER + envelope_bytes.len());
        let (found, rest) = split(Kind::Job, Key::id(9), &joined).expect("a row");
        assert_eq!((found, rest), (meta, envelope_bytes));
        assert_eq!(envelope(&joined), envelope_bytes);

        // A bare envelope (written before schema 5) is revision 0.
        let (found, rest) = split(Kind::Job, Key::id(9), envelope_bytes).expect("a row");
        assert_eq!((found, rest), (RowMeta::default(), envelope_bytes));
        assert_eq!(envelope(envelope_bytes), envelope_bytes);

        // Any flipped header byte, or a header cut short, is damage naming the row.
        for at in 1..HEADER {
            let mut bad = joined.clone();
            bad[at] ^= 0x01;
            let e = split(Kind::Job, Key::id(9), &bad).expect_err("damage");
            assert!(e.to_string().contains("jobs"), "{e}");
        }
        assert!(split(Kind::Job, Key::id(9), &joined[..20]).is_err());
    }
}
