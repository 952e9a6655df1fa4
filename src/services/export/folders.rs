//! A client's (or a job's) archive as ordinary folders, readable without the app:
//! `客户/品牌/工作号/类别/文件名`. Every part is a name Windows, macOS and Linux accept (see
//! [`crate::store::files::safe_file_name`]); two files that would land on the same path — equal, or
//! equal but for letter case, which Windows and macOS do not tell apart — are told apart by
//! ` (2)`, ` (3)` before the extension; and a path longer than Windows' tools bear is
//! shortened in its file name, the extension kept.

use crate::domain::document::DocumentKind;
use crate::store::files::safe_file_name;
use std::collections::HashSet;

/// The folder of documents filed with no brand.
pub const NO_BRAND: &str = "未分品牌";
/// The folder of documents filed with no job.
pub const NO_JOB: &str = "客户资料";
/// Longest relative path written, in UTF-16 units: room is left for the folder chosen to
/// hold the export under Windows' 260.
pub const MAX_PATH_UNITS: usize = 180;

/// One document's file, as the export places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderItem {
    /// The client's short name.
    pub client: String,
    /// The brand's name, when filed with one.
    pub brand: Option<String>,
    /// The job's number, when filed with one.
    pub job: Option<String>,
    /// The document's kind (the folder is its Chinese name).
    pub kind: DocumentKind,
    /// The file's name.
    pub file_name: String,
}

/// The relative path of each item, in order, `/`-separated and all different (whatever the
/// letter case).
pub fn folder_layout(items: &[FolderItem]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    items
        .iter()
        .map(|item| {
            let folders = [
                safe_file_name(&item.client),
                safe_file_name(item.brand.as_deref().unwrap_or(NO_BRAND)),
                safe_file_name(item.job.as_deref().unwrap_or(NO_JOB)),
                safe_file_name(item.kind.names().0),
            ]
            .join("/");
            let name = safe_file_name(&item.file_name);
            let (stem, ext) = match name.rsplit_once('.') {
                Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
                _ => (name.clone(), String::new()),
            };
            let mut n = 1;
            loop {
                let suffix = match n {
                    1 => String::new(),
                    n => format!(" ({n})"),
                };
                let room = MAX_PATH_UNITS
                    .saturating_sub(units(&folders) + 1 + units(&suffix) + units(&ext))
                    .max(8);
                let stem = cut(&stem, room);
                let path = format!("{folders}/{stem}{suffix}{ext}");
                if taken.insert(path.to_lowercase()) {
                    return path;
                }
                n += 1;
            }
        })
        .collect()
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `s` cut to at most `max` UTF-16 units, never inside a character.
fn cut(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        used += c.len_utf16();
        if used > max {
            break;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(job: Option<&str>, kind: DocumentKind, file_name: &str) -> FolderItem {
        FolderItem {
            client: "宝马".into(),
            brand: Some("BMW 5系".into()),
            job: job.map(str::to_string),
            kind,
            file_name: file_name.into(),
        }
    }

    #[test]
    fn documents_go_to_client_brand_job_and_kind_folders() {
        let paths = folder_layout(&[
            item(
                Some("2024-0815"),
                DocumentKind::MediaInvoice,
                "户外媒介发票.pdf",
            ),
            FolderItem {
                brand: None,
                job: None,
                ..item(None, DocumentKind::Contract, "2025 框架合同.pdf")
            },
        ]);
        assert_eq!(
            paths,
            [
                "宝马/BMW 5系/2024-0815/媒介费用发票/户外媒介发票.pdf",
                "宝马/未分品牌/客户资料/合约/2025 框架合同.pdf",
            ]
        );
    }

    #[test]
    fn hostile_names_are_made_safe_and_never_collide_whatever_the_case() {
        let k = DocumentKind::Other;
        let paths = folder_layout(&[
            item(None, k, "CON.txt"),
            item(None, k, "a:b.pdf"),
            item(None, k, "Plan.PDF"),
            item(None, k, "plan.pdf"),
            item(None, k, "plan.pdf"),
            item(None, k, "🎬 终剪.mov"),
            item(None, k, "..."),
        ]);
        let names: Vec<&str> = paths
            .iter()
            .map(|p| p.rsplit('/').next().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                "_CON.txt",
                "a_b.pdf",
                "Plan.PDF",
                "plan (2).pdf",
                "plan (3).pdf",
                "🎬 终剪.mov",
                "file"
            ]
        );
        let unique: HashSet<String> = paths.iter().map(|p| p.to_lowercase()).collect();
        assert_eq!(unique.len(), paths.len());
    }

    #[test]
    fn a_long_name_is_shortened_with_its_extension_kept() {
        let long = format!("{}.pdf", "很长的文件名".repeat(50));
        let paths = folder_layout(&[
            item(Some("2024-0815"), DocumentKind::Other, &long),
            item(Some("2024-0815"), DocumentKind::Other, &long),
        ]);
        for p in &paths {
            assert!(units(p) <= MAX_PATH_UNITS, "{} units", units(p));
            assert!(p.ends_with(".pdf"), "{p}");
        }
        assert_ne!(paths[0], paths[1]);
        assert!(paths[1].ends_with(" (2).pdf"));
    }
}
