//! The client's reply in meeting layout 3: the signed copy as a stored file or an outside
//! path (see the parent module's list of layouts).

use super::{KIND, bad, moment_in};
use crate::domain::{self, meeting as m};
use crate::store::codec::CodecError;
use serde::{Deserialize, Serialize};

/// A stored file as a record names it, layout 1 (see `domain::FileRef`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRefV1 {
    pub(super) hash: [u8; 32],
    pub(super) size: u64,
    pub(super) original_name: String,
    pub(super) media_type: Option<String>,
}

/// The signed copy of a confirmation, layout 1: `file` when it is in the file store,
/// otherwise `path`, the outside path as typed (never both).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedCopyV1 {
    pub(super) file: Option<FileRefV1>,
    pub(super) path: String,
}

/// The client's reply, layout 2: layout 1 with the signed copy as a [`SignedCopyV1`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplyV2 {
    pub(super) confirmed: bool,
    pub(super) at_ms: i64,
    pub(super) by: String,
    pub(super) text: String,
    pub(super) scan: Option<SignedCopyV1>,
}

impl FileRefV1 {
    /// A file reference as stored.
    pub(in crate::store::records) fn from_domain(f: &domain::FileRef) -> Self {
        FileRefV1 {
            hash: f.hash.0,
            size: f.size,
            original_name: f.original_name.clone(),
            media_type: f.media_type.clone(),
        }
    }

    /// The file reference it stores.
    pub(in crate::store::records) fn into_domain(self) -> domain::FileRef {
        domain::FileRef {
            hash: domain::FileHash(self.hash),
            size: self.size,
            original_name: self.original_name,
            media_type: self.media_type,
        }
    }
}

impl SignedCopyV1 {
    pub(super) fn from_domain(c: &m::SignedCopy) -> Self {
        match c {
            m::SignedCopy::Stored(f) => SignedCopyV1 {
                file: Some(FileRefV1::from_domain(f)),
                path: String::new(),
            },
            m::SignedCopy::Outside(path) => SignedCopyV1 {
                file: None,
                path: path.clone(),
            },
        }
    }

    pub(super) fn into_domain(self) -> Result<m::SignedCopy, CodecError> {
        match (self.file, self.path) {
            (Some(f), path) if path.is_empty() => Ok(m::SignedCopy::Stored(f.into_domain())),
            (None, path) if !path.is_empty() => Ok(m::SignedCopy::Outside(path)),
            _ => Err(bad(KIND, "a signed copy that is neither a file nor a path")),
        }
    }
}

impl ReplyV2 {
    pub(super) fn from_domain(r: &m::Reply) -> Self {
        match r {
            m::Reply::Confirmed { at, by, scan } => ReplyV2 {
                confirmed: true,
                at_ms: at.timestamp_millis(),
                by: by.clone(),
                text: String::new(),
                scan: scan.as_ref().map(SignedCopyV1::from_domain),
            },
            m::Reply::Disputed { at, by, comments } => ReplyV2 {
                confirmed: false,
                at_ms: at.timestamp_millis(),
                by: by.clone(),
                text: comments.clone(),
                scan: None,
            },
        }
    }

    pub(super) fn into_domain(self) -> Result<m::Reply, CodecError> {
        let at = moment_in(KIND, self.at_ms)?;
        if self.confirmed {
            Ok(m::Reply::Confirmed {
                at,
                by: self.by,
                scan: self.scan.map(SignedCopyV1::into_domain).transpose()?,
            })
        } else if self.scan.is_some() {
            Err(bad(KIND, "a disputed reply with a signed copy"))
        } else {
            Ok(m::Reply::Disputed {
                at,
                by: self.by,
                comments: self.text,
            })
        }
    }
}
