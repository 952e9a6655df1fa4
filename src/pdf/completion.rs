//! The job completion form as a PDF in the document frame: letterhead, title, facts (client,
//! completion day, signed estimates, final cost, the difference), then what was delivered
//! and the lessons.

use super::PdfError;
use super::brief::text_section;
use super::document::{self, DocumentInfo, Fact, TitleBlock};
use super::theme::{self as t, mm};
use crate::reports::DocLang;
use crate::reports::completion::{CompletionReport, TITLE};

/// Renders the form to PDF bytes (A4, fonts subset and embedded, text extractable).
pub fn render_completion(report: &CompletionReport) -> Result<Vec<u8>, PdfError> {
    let title = DocLang::Both.caption(TITLE);
    let info = DocumentInfo {
        letterhead: &report.letterhead,
        name: title.clone(),
        number: report.job_number.clone(),
        detail: report.job_title.clone(),
        version: String::new(),
        content_hash: None,
        lang: DocLang::Both,
    };
    let facts: Vec<Fact> = report
        .facts
        .iter()
        .map(|f| Fact {
            label: DocLang::Both.caption(f.label),
            value: f.value.clone(),
            known: f.known,
        })
        .collect();
    document::compose(&info, |frame| {
        frame.title_block(&TitleBlock {
            title: &title,
            mark: &report.job_number,
            mark_tone: t::ACCENT,
            subject: None,
        });
        frame.facts(&facts);
        frame.pages.advance(mm(6.0));
        for (label, body) in &report.sections {
            text_section(frame, *label, body, body != "—", false);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::Letterhead;
    use crate::reports::completion::{CompletionForm, CompletionInputs};

    #[test]
    fn the_form_reads_back_with_its_facts_and_sections() {
        let report = CompletionReport::new(
            CompletionInputs {
                letterhead: Letterhead::default(),
                job_number: "2026-0003",
                job_title: "2027 春节 TVC 与社交媒体",
                client: "可口可乐",
                completed_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(),
                signed: vec![crate::domain::Fen(120_000_000)],
            },
            &CompletionForm {
                delivered: "60 秒 TVC 1 支；15 秒剪辑版 3 支；社交媒体海报 9 张。".into(),
                final_cost: Some(crate::domain::Fen(125_000_000)),
                lessons: "外景拍摄预留雨天备用日。".into(),
            },
        );
        let bytes = render_completion(&report).expect("pdf");
        // `ACCOUNT_DESK_PDF_OUT=/some/dir` keeps the form for a look.
        if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
            let _ = std::fs::write(std::path::Path::new(&dir).join("completion.pdf"), &bytes);
        }
        let text: String = pdf_extract::extract_text_from_mem(&bytes)
            .expect("text")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for want in [
            "工作完成表",
            "2026-0003",
            "交付内容",
            "社交媒体海报9张",
            "经验与教训",
            "外景拍摄预留雨天备用日",
            "差额",
        ] {
            assert!(text.contains(want), "{want} in {text}");
        }
    }
}
