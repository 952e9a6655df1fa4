//! The content hash of a record, defined once for every later use (approvals bound to the
//! version they approved, documents, reports): SHA-256 of a canonical, versioned encoding.
//!
//! The canonical encoding is the tag `AD-CONTENT-1`, a zero byte, the record's kind (u8) and
//! layout version (u16 little-endian), then its payload exactly as stored (bincode 2,
//! standard configuration, of the frozen layout in [`super::records`] — fixed field order,
//! no maps, so equal records give equal bytes). The envelope's checksum is left out, so the
//! hash does not change when a record is only resealed. A new layout version of a kind
//! changes its records' hashes; the tag changes only if this definition does.

use super::codec::{self, CodecError};
use super::records::Record;
use sha2::{Digest, Sha256};
use std::fmt;

/// The tag that starts every hashed encoding.
const TAG: &[u8] = b"AD-CONTENT-1\0";

/// The SHA-256 content hash of a record.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// The hash of a record as this build encodes it.
    pub fn of<T: Record>(record: &T) -> Result<ContentHash, CodecError> {
        let bytes = record.encode()?;
        let (version, payload) = codec::open_envelope(T::KIND, &bytes)?;
        let mut h = Sha256::new();
        h.update(TAG);
        h.update([T::KIND as u8]);
        h.update(version.to_le_bytes());
        h.update(payload);
        Ok(ContentHash(h.finalize().into()))
    }

    /// All 64 hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The short form printed on documents: the first 8 hex digits.
    pub fn short(&self) -> String {
        self.hex()[..8].to_string()
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({})", self.short())
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Audit, Client, ClientId, Stamp, UserId};
    use chrono::{DateTime, NaiveDate};

    fn client(name: &str) -> Client {
        let stamp = Stamp {
            by: UserId(1),
            at: DateTime::from_timestamp_millis(1_700_000_000_000).unwrap_or_default(),
        };
        Client {
            id: ClientId(7),
            name: name.into(),
            short_name: String::new(),
            industry: "快消".into(),
            address: String::new(),
            phone: String::new(),
            since: NaiveDate::from_ymd_opt(2020, 1, 1),
            notes: String::new(),
            archived: false,
            invoicing: Default::default(),
            audit: Audit::new(stamp),
        }
    }

    #[test]
    fn equal_records_hash_equal_and_any_change_shows() {
        let a = ContentHash::of(&client("华润怡宝")).unwrap();
        assert_eq!(a, ContentHash::of(&client("华润怡宝")).unwrap());
        assert_ne!(a, ContentHash::of(&client("华润怡宝 ")).unwrap());
        assert_eq!(a.hex().len(), 64);
        assert_eq!(a.short(), a.hex()[..8]);
    }

    #[test]
    fn hex_reads_back_and_nothing_else_does() {
        // A hash bound to a step is read back as a file's fingerprint is.
        let from_hex = |t: &str| crate::domain::FileHash::from_hex(t).map(|h| h.0);
        let h = ContentHash([0xab; 32]);
        assert_eq!(from_hex(&h.hex()), Some([0xab; 32]));
        assert_eq!(from_hex(&h.hex().to_uppercase()), Some([0xab; 32]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex(&"g".repeat(64)), None);
        assert_eq!(from_hex(&"é".repeat(32)), None);
    }

    #[test]
    fn the_definition_is_stable() {
        // Written down once: a change of encoding or tag shows here, not in a signed PDF.
        let mut h = Sha256::new();
        h.update(TAG);
        let empty: [u8; 32] = h.finalize().into();
        let hex: String = empty.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex.len(), 64);
        let a = ContentHash::of(&client("华润怡宝")).unwrap();
        let bytes = client("华润怡宝").encode().unwrap();
        let (version, payload) = codec::open_envelope(crate::store::Kind::Client, &bytes).unwrap();
        let mut h = Sha256::new();
        h.update(b"AD-CONTENT-1\0");
        h.update([3u8]);
        h.update(version.to_le_bytes());
        h.update(payload);
        assert_eq!(a.0, <[u8; 32]>::from(h.finalize()));
    }
}
