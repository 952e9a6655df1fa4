//! The one place that knows how records become bytes. Every stored value is an envelope.
//!
//! - **Envelope layout 2** (written since schema 4): `b"A2"`, the record kind (u8), the
//!   record's layout version (u16 little-endian), a CRC-32 (u32 little-endian) of everything
//!   after it and of the kind and version, then the payload encoded with bincode 2 (standard
//!   config). The checksum is verified on every read, because redb does not verify its page
//!   checksums on ordinary reads and a flipped byte inside a name decodes cleanly as another
//!   name.
//! - **Envelope layout 1** (schemas 1–3): `b"AD"`, kind, version, payload — no checksum.
//!   Still read, so that a database of an older release can be opened and migrated
//!   (see [`super::migrate`], which reseals every record with [`reseal`]).
//!
//! Decoding never panics: any damage is a [`CodecError`].

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Envelope layout 1: no checksum.
const MAGIC_V1: [u8; 2] = *b"AD";
const HEADER_V1: usize = 5;
/// Envelope layout 2: with a CRC-32.
const MAGIC_V2: [u8; 2] = *b"A2";
const HEADER_V2: usize = 9;
/// The largest payload accepted when decoding, so a damaged length prefix cannot ask for
/// gigabytes.
const DECODE_LIMIT: usize = 64 * 1024 * 1024;

/// What a stored value holds. The numbers are part of the file format: never reuse one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    /// Agency settings.
    Settings = 1,
    /// A user.
    User = 2,
    /// A client.
    Client = 3,
    /// A client contact.
    Contact = 4,
    /// A contract.
    Contract = 5,
    /// A brand.
    Brand = 6,
    /// A job.
    Job = 7,
    /// One version of a job brief.
    BriefVersion = 8,
    /// An entry of the change log.
    Change = 9,
    /// A job's working schedule.
    Schedule = 10,
    /// A schedule version issued to the client.
    IssuedSchedule = 11,
    /// A meeting or call and its minutes.
    Meeting = 12,
    /// The agency's schedule templates (one record).
    Templates = 13,
    /// An estimate and the log of its steps.
    Estimate = 14,
    /// One version of an estimate.
    EstimateVersion = 15,
    /// The agency's money settings (one record).
    MoneySettings = 16,
    /// A job let into production past the gate.
    Release = 17,
    /// A client's annual budget with its revisions.
    Budget = 18,
    /// A client invoice or credit note, with the payments received against it.
    Invoice = 19,
    /// A vendor's cost against an estimate line.
    VendorCost = 20,
    /// A client's monthly budget report, its road and its issued revisions.
    BudgetReport = 21,
    /// A document of a job file or archive, with its versions.
    Document = 22,
    /// A physical item on the library's shelves, with its loans.
    LibraryItem = 23,
    /// A creative work of a client's ad archive.
    CreativeWork = 24,
}

impl Kind {
    /// Every kind, for checks and counts.
    pub const ALL: [Kind; 24] = [
        Kind::Settings,
        Kind::User,
        Kind::Client,
        Kind::Contact,
        Kind::Contract,
        Kind::Brand,
        Kind::Job,
        Kind::BriefVersion,
        Kind::Change,
        Kind::Schedule,
        Kind::IssuedSchedule,
        Kind::Meeting,
        Kind::Templates,
        Kind::Estimate,
        Kind::EstimateVersion,
        Kind::MoneySettings,
        Kind::Release,
        Kind::Budget,
        Kind::Invoice,
        Kind::VendorCost,
        Kind::BudgetReport,
        Kind::Document,
        Kind::LibraryItem,
        Kind::CreativeWork,
    ];

    fn from_u8(v: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| *k as u8 == v)
    }

    /// The kind with this file-format number.
    pub fn from_code(v: u8) -> Option<Kind> {
        Kind::from_u8(v)
    }

    /// A short English name, for `check` output and error messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Settings => "settings",
            Kind::User => "users",
            Kind::Client => "clients",
            Kind::Contact => "contacts",
            Kind::Contract => "contracts",
            Kind::Brand => "brands",
            Kind::Job => "jobs",
            Kind::BriefVersion => "brief versions",
            Kind::Change => "change log",
            Kind::Schedule => "schedules",
            Kind::IssuedSchedule => "issued schedules",
            Kind::Meeting => "meetings",
            Kind::Templates => "schedule templates",
            Kind::Estimate => "estimates",
            Kind::EstimateVersion => "estimate versions",
            Kind::MoneySettings => "money settings",
            Kind::Release => "production releases",
            Kind::Budget => "budgets",
            Kind::Invoice => "invoices",
            Kind::VendorCost => "vendor costs",
            Kind::BudgetReport => "budget reports",
            Kind::Document => "documents",
            Kind::LibraryItem => "library items",
            Kind::CreativeWork => "creative works",
        }
    }
}

/// Why bytes could not be read back as a record.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CodecError {
    /// Shorter than the envelope header, or not starting with the magic bytes.
    #[error("not an Account Desk record")]
    NotARecord,
    /// A record of another kind where this one was expected.
    #[error("expected a {expected} record, found kind {found}")]
    WrongKind {
        /// The kind asked for.
        expected: &'static str,
        /// The kind byte found.
        found: u8,
    },
    /// Written by a newer Account Desk: this build does not know the layout.
    #[error("{kind} record version {version} is newer than this Account Desk understands")]
    TooNew {
        /// The kind of record.
        kind: &'static str,
        /// Its version.
        version: u16,
    },
    /// A version number this build never wrote.
    #[error("{kind} record version {version} is unknown")]
    UnknownVersion {
        /// The kind of record.
        kind: &'static str,
        /// Its version.
        version: u16,
    },
    /// The payload is damaged.
    #[error("damaged {kind} record: {detail}")]
    Damaged {
        /// The kind of record.
        kind: &'static str,
        /// What bincode said.
        detail: String,
    },
    /// The checksum does not match the bytes: the record was damaged after it was written.
    #[error("{kind} record fails its checksum (damaged on disk)")]
    Checksum {
        /// The kind of record.
        kind: &'static str,
    },
    /// A record without a checksum in a database whose records all carry one.
    #[error("{kind} record has no checksum (damaged on disk)")]
    Unsealed {
        /// The kind of record.
        kind: &'static str,
    },
    /// Encoding failed (should never happen for our own types).
    #[error("could not encode a {kind} record: {detail}")]
    Encode {
        /// The kind of record.
        kind: &'static str,
        /// What bincode said.
        detail: String,
    },
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

/// The CRC-32 of an envelope layout 2: over the kind, the version and the payload.
fn checksum(kind: u8, version: [u8; 2], payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&[kind]);
    h.update(&version);
    h.update(payload);
    h.finalize()
}

/// Wraps `value` in an envelope (layout 2, with its checksum) of `kind` at `version`.
pub fn encode<T: Serialize>(kind: Kind, version: u16, value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&MAGIC_V2);
    out.push(kind as u8);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    bincode::serde::encode_into_std_write(value, &mut out, bincode::config::standard()).map_err(
        |e| CodecError::Encode {
            kind: kind.name(),
            detail: e.to_string(),
        },
    )?;
    let sum = checksum(kind as u8, version.to_le_bytes(), &out[HEADER_V2..]);
    out[5..HEADER_V2].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// Wraps `value` in an envelope of layout 1 (no checksum), as releases before schema 4 wrote
/// it: for fixtures and migration tests only.
#[doc(hidden)]
pub fn encode_layout1<T: Serialize>(
    kind: Kind,
    version: u16,
    value: &T,
) -> Result<Vec<u8>, CodecError> {
    let sealed = encode(kind, version, value)?;
    let mut out = Vec::with_capacity(sealed.len() - 4);
    out.extend_from_slice(&MAGIC_V1);
    out.extend_from_slice(&sealed[2..5]);
    out.extend_from_slice(&sealed[HEADER_V2..]);
    Ok(out)
}

/// True when `bytes` is an envelope of layout 2 (with a checksum). Whether the checksum
/// matches is checked by [`open_envelope`].
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.len() >= HEADER_V2 && bytes[..2] == MAGIC_V2
}

/// Rewrites an envelope of layout 1 as layout 2 with its checksum, leaving kind, version
/// and payload as they are; a layout-2 envelope is returned unchanged (after checking it).
/// Used by the migration to schema 4.
pub fn reseal(bytes: &[u8]) -> Result<Vec<u8>, CodecError> {
    if is_sealed(bytes) {
        let kind = Kind::from_u8(bytes[2]).ok_or(CodecError::NotARecord)?;
        open_envelope(kind, bytes)?;
        return Ok(bytes.to_vec());
    }
    if bytes.len() < HEADER_V1 || bytes[..2] != MAGIC_V1 {
        return Err(CodecError::NotARecord);
    }
    let payload = &bytes[HEADER_V1..];
    let sum = checksum(bytes[2], [bytes[3], bytes[4]], payload);
    let mut out = Vec::with_capacity(bytes.len() + 4);
    out.extend_from_slice(&MAGIC_V2);
    out.extend_from_slice(&bytes[2..5]);
    out.extend_from_slice(&sum.to_le_bytes());
    out.extend_from_slice(payload);
    Ok(out)
}

/// Reads the envelope (either layout): checks the magic, the kind and — for layout 2 — the
/// checksum; returns the version and the payload.
pub fn open_envelope(expected: Kind, bytes: &[u8]) -> Result<(u16, &[u8]), CodecError> {
    let header = if is_sealed(bytes) {
        HEADER_V2
    } else if bytes.len() >= HEADER_V1 && bytes[..2] == MAGIC_V1 {
        HEADER_V1
    } else {
        return Err(CodecError::NotARecord);
    };
    let found = bytes[2];
    if Kind::from_u8(found) != Some(expected) {
        return Err(CodecError::WrongKind {
            expected: expected.name(),
            found,
        });
    }
    let payload = &bytes[header..];
    if header == HEADER_V2 {
        let stored = u32::from_le_bytes([bytes[5], bytes[6], bytes[7], bytes[8]]);
        if stored != checksum(found, [bytes[3], bytes[4]], payload) {
            return Err(CodecError::Checksum {
                kind: expected.name(),
            });
        }
    }
    let version = u16::from_le_bytes([bytes[3], bytes[4]]);
    Ok((version, payload))
}

/// Decodes a payload; the whole payload must be consumed, so trailing garbage is damage.
pub fn decode_payload<T: DeserializeOwned>(kind: Kind, payload: &[u8]) -> Result<T, CodecError> {
    let damaged = |detail: String| CodecError::Damaged {
        kind: kind.name(),
        detail,
    };
    let (value, used) =
        bincode::serde::decode_from_slice(payload, config()).map_err(|e| damaged(e.to_string()))?;
    if used != payload.len() {
        return Err(damaged(format!(
            "{} unexpected trailing bytes",
            payload.len() - used
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Sample {
        name: String,
        n: u64,
    }

    #[test]
    fn round_trip_through_the_envelope() {
        let s = Sample {
            name: "可口可乐 𠮷 😀".into(),
            n: 42,
        };
        let bytes = encode(Kind::Client, 1, &s).unwrap_or_default();
        assert_eq!(&bytes[..5], &[b'A', b'2', 3, 1, 0]);
        let (v, payload) = open_envelope(Kind::Client, &bytes).unwrap_or((0, &[]));
        assert_eq!(v, 1);
        assert_eq!(decode_payload::<Sample>(Kind::Client, payload), Ok(s));
    }

    #[test]
    fn every_flipped_bit_fails_the_checksum() {
        let s = Sample {
            name: "宝马 iX3 上市发布会".into(),
            n: 7,
        };
        let bytes = encode(Kind::Job, 3, &s).unwrap_or_default();
        assert!(is_sealed(&bytes));
        for i in 2..bytes.len() {
            for bit in 0..8 {
                let mut damaged = bytes.clone();
                damaged[i] ^= 1 << bit;
                let read = open_envelope(Kind::Job, &damaged)
                    .map_err(|e| e.to_string())
                    .and_then(|(_, p)| {
                        decode_payload::<Sample>(Kind::Job, p).map_err(|e| e.to_string())
                    });
                assert!(read.is_err(), "byte {i} bit {bit} went unnoticed");
            }
        }
    }

    #[test]
    fn layout_1_is_read_and_resealed_byte_for_byte() {
        let s = Sample {
            name: "可口可乐".into(),
            n: 9,
        };
        let old = encode_layout1(Kind::Client, 2, &s).unwrap_or_default();
        assert_eq!(&old[..5], &[b'A', b'D', 3, 2, 0]);
        assert!(!is_sealed(&old));
        let (v, payload) = open_envelope(Kind::Client, &old).unwrap_or((0, &[]));
        assert_eq!(v, 2);
        assert_eq!(decode_payload::<Sample>(Kind::Client, payload), Ok(s));
        let sealed = reseal(&old).unwrap_or_default();
        assert_eq!(
            sealed,
            encode(
                Kind::Client,
                2,
                &Sample {
                    name: "可口可乐".into(),
                    n: 9
                }
            )
            .unwrap_or_default()
        );
        assert_eq!(
            reseal(&sealed),
            Ok(sealed.clone()),
            "resealing twice changes nothing"
        );
        assert_eq!(reseal(b"junk"), Err(CodecError::NotARecord));
    }

    #[test]
    fn damage_is_an_error_never_a_panic() {
        let s = Sample {
            name: "x".into(),
            n: 1,
        };
        let bytes = encode(Kind::Job, 1, &s).unwrap_or_default();
        assert_eq!(
            open_envelope(Kind::Job, &bytes[..3]),
            Err(CodecError::NotARecord)
        );
        assert!(matches!(
            open_envelope(Kind::Client, &bytes),
            Err(CodecError::WrongKind { found: 7, .. })
        ));
        let (_, payload) = open_envelope(Kind::Job, &bytes).unwrap_or((0, &[]));
        assert!(decode_payload::<Sample>(Kind::Job, &payload[..payload.len() - 1]).is_err());
        let mut longer = payload.to_vec();
        longer.push(0);
        assert!(decode_payload::<Sample>(Kind::Job, &longer).is_err());
        // A length prefix claiming 2^60 bytes is refused by the limit, not allocated.
        let huge = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0x10];
        assert!(decode_payload::<Sample>(Kind::Job, &huge).is_err());
    }
}
