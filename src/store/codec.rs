//! The one place that knows how records become bytes. Every stored value is an envelope:
//! `b"AD"`, the record kind (u8), the record's schema version (u16 little-endian), then the
//! payload encoded with bincode 2 (standard config). Decoding never panics: any damage is a
//! [`CodecError`].

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

const MAGIC: [u8; 2] = *b"AD";
const HEADER_LEN: usize = 5;
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
}

impl Kind {
    /// Every kind, for checks and counts.
    pub const ALL: [Kind; 12] = [
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
    ];

    fn from_u8(v: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| *k as u8 == v)
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

/// Wraps `value` in an envelope of `kind` at `version`.
pub fn encode<T: Serialize>(kind: Kind, version: u16, value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&MAGIC);
    out.push(kind as u8);
    out.extend_from_slice(&version.to_le_bytes());
    bincode::serde::encode_into_std_write(value, &mut out, bincode::config::standard()).map_err(
        |e| CodecError::Encode {
            kind: kind.name(),
            detail: e.to_string(),
        },
    )?;
    Ok(out)
}

/// Reads the envelope: checks the magic and the kind, returns the version and the payload.
pub fn open_envelope(expected: Kind, bytes: &[u8]) -> Result<(u16, &[u8]), CodecError> {
    if bytes.len() < HEADER_LEN || bytes[..2] != MAGIC {
        return Err(CodecError::NotARecord);
    }
    let found = bytes[2];
    if Kind::from_u8(found) != Some(expected) {
        return Err(CodecError::WrongKind {
            expected: expected.name(),
            found,
        });
    }
    let version = u16::from_le_bytes([bytes[3], bytes[4]]);
    Ok((version, &bytes[HEADER_LEN..]))
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
        assert_eq!(&bytes[..5], &[b'A', b'D', 3, 1, 0]);
        let (v, payload) = open_envelope(Kind::Client, &bytes).unwrap_or((0, &[]));
        assert_eq!(v, 1);
        assert_eq!(decode_payload::<Sample>(Kind::Client, payload), Ok(s));
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
