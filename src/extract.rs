//! Reading the words inside a document's file, for search: PDFs (lopdf), workbooks
//! (calamine), Word and PowerPoint files (zip and quick-xml), and plain text (UTF-8, UTF-16
//! or GB18030, as Chinese Windows saves it). Pictures, video and sound are not read.
//!
//! Files come from clients and vendors, so nothing here trusts them: a file over
//! [`Limits::max_file_bytes`] is not opened, a zip's entries are read through a counter that
//! stops at [`Limits::max_unzipped_bytes`] whatever their headers claim (a zip bomb), text
//! stops at [`Limits::max_chars`], and a parser's panic is caught and reported as a failure.
//! A PDF that loops or eats memory is stopped from outside: [`isolated`] runs the reading in
//! a child process (`account-desk extract-text`) with a time limit and, on Unix, a memory
//! limit, and kills it when the time is up.

pub mod isolated;

use std::io::Read;
use std::path::Path;
use thiserror::Error;

/// How much of an untrusted file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are not opened.
    pub max_file_bytes: u64,
    /// Text kept, in characters.
    pub max_chars: usize,
    /// Bytes decompressed from a zip (a Word, PowerPoint or Excel file), all entries together.
    pub max_unzipped_bytes: u64,
    /// Entries looked at in a zip.
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_chars: 1_000_000,
            max_unzipped_bytes: 256 * 1024 * 1024,
            max_entries: 20_000,
        }
    }
}

/// What was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extracted {
    /// The words, in reading order (paragraphs and cells on lines of their own).
    Text(String),
    /// A PDF with pages but no text layer: a scan.
    Scanned,
    /// A kind of file whose words are not read (pictures, video, archives, unknown).
    NotRead,
}

/// Why a file's words could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExtractError {
    /// The file is larger than the limit.
    #[error("the file is {bytes} bytes, more than the {limit} read for search")]
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The file could not be opened or read.
    #[error("{0}")]
    Unreadable(String),
    /// The file is damaged or not what its name says.
    #[error("the file is damaged or not a {kind} file: {detail}")]
    Damaged {
        /// What it was read as.
        kind: &'static str,
        /// The parser's words.
        detail: String,
    },
    /// A zip unpacks to more than the limit (a zip bomb, or a huge workbook).
    #[error("it unpacks to more than {limit} bytes; only that much is read")]
    Unzipped {
        /// The limit.
        limit: u64,
    },
    /// The reader panicked on the file.
    #[error("the reader stopped on a fault in the file")]
    Panicked,
    /// The reading took longer than allowed and was stopped.
    #[error("reading took longer than {seconds} s and was stopped")]
    TimedOut {
        /// The limit.
        seconds: u64,
    },
    /// The reading used more memory than allowed and was stopped.
    #[error("reading needed more memory than allowed and was stopped")]
    OutOfMemory,
}

/// How a file is read, by its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Word,
    Slides,
    Sheet,
    Plain,
    Other,
}

fn format_of(name: &Path) -> Format {
    let ext = name
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Format::Pdf,
        "docx" | "docm" | "dotx" => Format::Word,
        "pptx" | "pptm" | "ppsx" => Format::Slides,
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Format::Sheet,
        "txt" | "csv" | "md" | "tsv" | "log" => Format::Plain,
        _ => Format::Other,
    }
}

/// Reads the words of the file at `path` within `limits`, in this process. A panic of a
/// parser is caught; a loop is not (see [`isolated::extract`]).
pub fn extract(path: &Path, limits: &Limits) -> Result<Extracted, ExtractError> {
    extract_as(path, path, limits)
}

/// Reads the file at `path` as the kind of file `name` says (a stored file is named by its
/// content's fingerprint; the name it arrived with tells what it is).
pub fn extract_as(path: &Path, name: &Path, limits: &Limits) -> Result<Extracted, ExtractError> {
    let format = format_of(name);
    if format == Format::Other {
        return Ok(Extracted::NotRead);
    }
    let size = std::fs::metadata(path)
        .map_err(|e| ExtractError::Unreadable(format!("{}: {e}", path.display())))?
        .len();
    if size > limits.max_file_bytes {
        return Err(ExtractError::TooLarge {
            bytes: size,
            limit: limits.max_file_bytes,
        });
    }
    contained(|| match format {
        Format::Pdf => pdf(path, limits),
        Format::Word => office_xml(path, limits, "word", is_word_part),
        Format::Slides => office_xml(path, limits, "PowerPoint", is_slide_part),
        Format::Sheet => sheet(path, limits),
        Format::Plain => plain(path, limits),
        Format::Other => Ok(Extracted::NotRead),
    })
}

/// Runs a reader; its panic is caught and reported as [`ExtractError::Panicked`].
fn contained(
    read: impl FnOnce() -> Result<Extracted, ExtractError> + std::panic::UnwindSafe,
) -> Result<Extracted, ExtractError> {
    std::panic::catch_unwind(read).unwrap_or(Err(ExtractError::Panicked))
}

/// Text cut to the limit, never inside a character.
fn capped(mut text: String, limits: &Limits) -> String {
    if let Some((at, _)) = text.char_indices().nth(limits.max_chars) {
        text.truncate(at);
    }
    text
}

fn pdf(path: &Path, limits: &Limits) -> Result<Extracted, ExtractError> {
    let damaged = |e: lopdf::Error| ExtractError::Damaged {
        kind: "PDF",
        detail: e.to_string(),
    };
    let doc = lopdf::Document::load(path).map_err(damaged)?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.is_empty() {
        // No page reached from its page tree: none there, or a tree that holds itself.
        return Err(ExtractError::Damaged {
            kind: "PDF",
            detail: "no pages found".into(),
        });
    }
    let mut text = String::new();
    for page in &pages {
        // A page that cannot be read is skipped; the others still are.
        if let Ok(t) = doc.extract_text_with_limit(&[*page], limits.max_unzipped_bytes as usize) {
            text.push_str(&t);
            text.push('\n');
        }
        if text.chars().count() > limits.max_chars {
            break;
        }
    }
    if text.trim().is_empty() {
        return Ok(Extracted::Scanned);
    }
    Ok(Extracted::Text(capped(text, limits)))
}

fn is_word_part(name: &str) -> bool {
    name == "word/document.xml"
        || (name.starts_with("word/header") && name.ends_with(".xml"))
        || (name.starts_with("word/footer") && name.ends_with(".xml"))
        || name == "word/footnotes.xml"
}

fn is_slide_part(name: &str) -> bool {
    (name.starts_with("ppt/slides/slide") || name.starts_with("ppt/notesSlides/notesSlide"))
        && name.ends_with(".xml")
}

/// The number in a part's name (`slide12.xml` → 12), so slides come in their order.
fn part_number(name: &str) -> u32 {
    name.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// A Word or PowerPoint file: the text runs of its parts, a paragraph a line.
fn office_xml(
    path: &Path,
    limits: &Limits,
    kind: &'static str,
    wanted: fn(&str) -> bool,
) -> Result<Extracted, ExtractError> {
    let damaged = |detail: String| ExtractError::Damaged { kind, detail };
    let file = std::fs::File::open(path)
        .map_err(|e| ExtractError::Unreadable(format!("{}: {e}", path.display())))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| damaged(e.to_string()))?;
    if zip.len() > limits.max_entries {
        return Err(damaged(format!("{} entries", zip.len())));
    }
    let mut parts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| wanted(n))
        .map(|n| n.to_string())
        .collect();
    parts.sort_by_key(|n| {
        (
            !n.contains("document") && !n.contains("slides/"),
            part_number(n),
        )
    });
    let mut left = limits.max_unzipped_bytes;
    let mut text = String::new();
    for name in parts {
        let entry = zip.by_name(&name).map_err(|e| damaged(e.to_string()))?;
        // Read through a counter: whatever the entry's header claims, no more than is left.
        let mut bytes = Vec::new();
        entry
            .take(left + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(e.to_string()))?;
        if bytes.len() as u64 > left {
            return Err(ExtractError::Unzipped {
                limit: limits.max_unzipped_bytes,
            });
        }
        left -= bytes.len() as u64;
        xml_text(&bytes, &mut text).map_err(damaged)?;
        if text.chars().count() > limits.max_chars {
            break;
        }
    }
    Ok(Extracted::Text(capped(text, limits)))
}

/// Appends the text nodes of an Office XML part (`<w:t>`, `<a:t>`), a line per paragraph.
fn xml_text(bytes: &[u8], out: &mut String) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut inside = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "t" => inside = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "t" => inside = false,
                "p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Empty(e)) if matches!(e.local_name().as_ref(), "tab" | "br") => {
                out.push(' ');
            }
            Ok(Event::Text(t)) if inside => out.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if inside => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    let name: &str = r.as_ref();
                    match name {
                        "amp" => out.push('&'),
                        "lt" => out.push('<'),
                        "gt" => out.push('>'),
                        "quot" => out.push('"'),
                        "apos" => out.push('\''),
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
        buf.clear();
    }
}

/// A workbook: every sheet's cells, a row a line, cells apart by tabs.
fn sheet(path: &Path, limits: &Limits) -> Result<Extracted, ExtractError> {
    use calamine::Reader;
    let damaged = |detail: String| ExtractError::Damaged {
        kind: "spreadsheet",
        detail,
    };
    let mut book = calamine::open_workbook_auto(path).map_err(|e| damaged(e.to_string()))?;
    let mut text = String::new();
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        text.push_str(&name);
        text.push('\n');
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(ToString::to_string)
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                text.push_str(&cells.join("\t"));
                text.push('\n');
            }
            if text.len() > limits.max_chars * 4 {
                break;
            }
        }
        if text.chars().count() > limits.max_chars {
            break;
        }
    }
    Ok(Extracted::Text(capped(text, limits)))
}

/// Plain text: UTF-8 (with or without a byte-order mark), UTF-16 with one, else GB18030.
fn plain(path: &Path, limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limits.max_chars as u64 * 4).read_to_end(&mut bytes))
        .map_err(|e| ExtractError::Unreadable(format!("{}: {e}", path.display())))?;
    let text = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((enc, _)) => enc.decode_with_bom_removal(&bytes).0.into_owned(),
        None => match std::str::from_utf8(&bytes) {
            Ok(s) => s.to_string(),
            // Cut by the limit inside a character: UTF-8 up to there.
            Err(e) if e.error_len().is_none() => {
                String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned()
            }
            Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        },
    };
    Ok(Extracted::Text(capped(text, limits)))
}

#[cfg(test)]
mod tests;
