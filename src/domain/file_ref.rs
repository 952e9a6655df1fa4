//! The value a record carries to name a stored file: its fingerprint (SHA-256 of the content),
//! its size and the name it arrived with. Plain data, no file-system access: the domain holds it
//! in its records, and `store::files` re-exports it for the file store that fills it in.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// The SHA-256 of a file's content: its name in the file store, so equal content is kept once
/// and any change to the bytes is noticed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FileHash(pub [u8; 32]);

impl FileHash {
    /// The fingerprint of `bytes` (for tests and small contents; files are hashed as they
    /// stream in).
    pub fn of_bytes(bytes: &[u8]) -> FileHash {
        FileHash(Sha256::digest(bytes).into())
    }

    /// 64 lower-case hexadecimal digits: the file's name in the store and in manifests.
    pub fn to_hex(&self) -> String {
        let mut out = String::with_capacity(64);
        for b in self.0 {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        out
    }

    /// Reads 64 hexadecimal digits (either case); `None` for anything else.
    pub fn from_hex(text: &str) -> Option<FileHash> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, pair) in bytes.chunks_exact(2).enumerate() {
            out[i] = (digit(pair[0])? << 4) | digit(pair[1])?;
        }
        Some(FileHash(out))
    }

    /// The first 12 digits: enough to tell files apart in a message.
    pub fn short(&self) -> String {
        self.to_hex()[..12].to_string()
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

impl fmt::Display for FileHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for FileHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileHash({})", self.to_hex())
    }
}

impl FromStr for FileHash {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FileHash::from_hex(s.trim())
            .ok_or_else(|| format!("“{s}” is not a file fingerprint (64 hexadecimal digits)"))
    }
}

/// A file kept in the store, as a record names it: the signed copy of sent minutes, a brief's
/// attachment. The content is found by `hash`; `original_name` is what a person sees and the
/// name an opened copy gets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileRef {
    /// Fingerprint of the content, and so its name in the store.
    pub hash: FileHash,
    /// Length in bytes, checked before the slower hash when files are verified.
    pub size: u64,
    /// The file's name when it was imported (`会议纪要 签字版.pdf`), folder removed.
    pub original_name: String,
    /// A media type guessed from the name's extension (`application/pdf`), for choosing an
    /// icon or a preview; `None` when the extension is unknown.
    pub media_type: Option<String>,
}

/// The media type of common agency files, from the extension of `name` (any letter case).
pub fn guess_media_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let kind = match ext.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps" => "application/vnd.ms-works",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "eml" => "message/rfc822",
        "zip" => "application/zip",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "tif" | "tiff" => "image/tiff",
        "heic" => "image/heic",
        "psd" => "image/vnd.adobe.photoshop",
        "ai" => "application/postscript",
        "svg" => "image/svg+xml",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_reads_back_from_its_hex_and_bad_text_is_refused() {
        let h = FileHash::of_bytes(b"abc");
        // The SHA-256 of "abc" as published with the standard.
        assert_eq!(
            h.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(FileHash::from_hex(&h.to_hex()), Some(h));
        assert_eq!(FileHash::from_hex(&h.to_hex().to_uppercase()), Some(h));
        assert_eq!(h.to_hex().parse::<FileHash>(), Ok(h));
        assert_eq!(h.short(), "ba7816bf8f01");
        for bad in [
            "",
            "ab",
            &h.to_hex()[1..],
            &format!("{}g", &h.to_hex()[1..]),
        ] {
            assert_eq!(FileHash::from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn media_types_come_from_the_extension() {
        assert_eq!(guess_media_type("纪要 签字版.PDF"), Some("application/pdf"));
        assert_eq!(guess_media_type("a.tar.zip"), Some("application/zip"));
        assert_eq!(guess_media_type("报告"), None);
        assert_eq!(guess_media_type("x.unknown"), None);
    }
}
