//! The monthly budget report (每月预算报告) as a PDF in the document frame, A4 portrait: the
//! header's facts (client, brands, year, as-of date, number and revision, prepared and
//! reviewed by, currency, tax basis); the key figures; the summary table; the charts; the
//! jobs; estimates awaiting signature; media by channel and month; the changes since last
//! month; the AM's remarks; the definitions; the client's acknowledgement. Every footer
//! carries the report's number, revision and hash.
//!
//! The charts print in black and white: executed is solid, in progress light and hatched,
//! media and production hatched in opposite directions and named in the legend, the budget's
//! pace a dashed line; every bar's value is printed beside the 100 % bars.

use super::PdfError;
use super::document::{
    self, Align, Cell, DocumentInfo, Fact, Frame, LEFT, RowKind, SignatureBlock, TableRow,
    TitleBlock, WIDTH,
};
use super::layout::Pen;
use super::theme::{self as t, Tone, mm};
use crate::domain::budget::BudgetSide;
use crate::domain::money::Fen;
use crate::reports::budget::{BudgetReport, labels, percent, side_caption};
use crate::reports::{Caption, DocLang};

mod chart;

/// Media: solid and light.
const MEDIA: (Tone, Tone) = (t::ACCENT, t::ACCENT_SOFT);
/// Production: solid and light.
const PRODUCTION: (Tone, Tone) = (Tone(0x8A, 0x4B, 0x12), Tone(0xE6, 0xC9, 0xA8));

/// Renders the report to PDF bytes (fonts subset and embedded, text extractable).
pub fn budget_report_pdf(report: &BudgetReport) -> Result<Vec<u8>, PdfError> {
    let info = DocumentInfo {
        letterhead: &report.letterhead,
        name: report.title.clone(),
        number: report.number.clone(),
        detail: String::new(),
        version: report.revision.clone(),
        content_hash: Some(&report.hash),
        lang: report.lang,
    };
    // The number is in the facts, the running header and every footer.
    let mark = report.revision.clone();
    let tone = if report.draft { t::CHANGED } else { t::ACCENT };
    let facts: Vec<Fact> = report
        .facts
        .iter()
        .map(|(label, value)| Fact {
            label: label.clone(),
            value: value.clone(),
            known: value != "—",
        })
        .collect();
    document::compose(&info, |f| {
        f.title_block(&TitleBlock {
            title: &report.title,
            mark: &mark,
            mark_tone: tone,
            subject: None,
        });
        f.facts(&facts);
        f.pages.advance(mm(5.0));
        f.heading(&report.lang.caption(labels::KEY_FIGURES), mm(18.0));
        f.key_figures(report);
        f.heading(&report.lang.caption(labels::SUMMARY), mm(30.0));
        f.summary_table(report);
        f.pages.advance(mm(4.0));
        f.heading(
            &report.lang.caption(labels::CHARTS),
            chart::HEIGHT + mm(24.0),
        );
        f.month_chart(report, (MEDIA, PRODUCTION));
        f.hundred_bars(report, (MEDIA, PRODUCTION));
        f.pages.advance(mm(4.0));
        f.heading(&report.lang.caption(labels::JOBS), mm(20.0));
        f.jobs_table(report);
        if !report.pending.is_empty() {
            f.pages.advance(mm(4.0));
            f.heading(&report.lang.caption(labels::PENDING), mm(14.0));
            f.pending_table(report);
        }
        if !report.channels.is_empty() {
            f.pages.advance(mm(4.0));
            f.heading(&report.lang.caption(labels::CHANNELS), mm(30.0));
            f.channel_table(report);
        }
        f.pages.advance(mm(4.0));
        let changes: Vec<String> = report.changes.iter().map(|c| format!("· {c}")).collect();
        f.paragraphs(&report.lang.caption(labels::CHANGES), &changes, t::INK, 0.0);
        let remarks = match report.remarks.trim() {
            "" => vec!["—".to_string()],
            r => r.lines().map(str::to_string).collect(),
        };
        f.paragraphs(&report.lang.caption(labels::REMARKS), &remarks, t::INK, 0.0);
        let fields = [
            report
                .lang
                .caption(crate::reports::Label::new("客户签字", "Signature")),
            report
                .lang
                .caption(crate::reports::Label::new("公司盖章", "Company chop")),
            report
                .lang
                .caption(crate::reports::Label::new("日期", "Date")),
        ];
        let note = report.lang.pick(
            "以上预算执行情况已阅，特此确认。",
            "We have read the budget figures above and acknowledge them.",
            "以上预算执行情况已阅，特此确认。 We have read and acknowledge the figures above.",
        );
        let block = SignatureBlock {
            heading: &report.lang.caption(labels::ACKNOWLEDGED),
            note,
            fields: &fields,
        };
        // The definitions stay with the acknowledgement: the block never stands alone on
        // the last page.
        let then = f.signature_block_height(&block);
        f.paragraphs(
            &report.lang.caption(labels::DEFINITIONS),
            std::slice::from_ref(&report.definitions),
            t::MUTED,
            then,
        );
        f.signature_block(&block);
    })
}

/// An amount as printed in the report's tables: yuan with fen.
fn yuan(v: i64) -> String {
    Fen(v).to_string()
}

impl Frame<'_> {
    /// The key figures, four to a row in framed cells.
    fn key_figures(&mut self, report: &BudgetReport) {
        let per_row = 4;
        let gap = mm(2.0);
        let w = (WIDTH - gap * (per_row as f32 - 1.0)) / per_row as f32;
        let h = mm(13.0);
        let label = self.regular(t::SIZE_SMALL, t::MUTED);
        let value = self.bold(11.0, t::INK);
        for row in report.key.chunks(per_row) {
            self.pages.ensure_room(h + gap);
            let top = self.pages.cursor();
            let mut canvas = self.pages.canvas();
            for (i, (caption, text)) in row.iter().enumerate() {
                let x = LEFT + i as f32 * (w + gap);
                canvas.stroke_rect(x, top, w, h, Pen::new(0.6, t::RULE));
                canvas.text(label, x + mm(2.0), top + mm(4.0), &caption.to_string());
                canvas.text(value, x + mm(2.0), top + mm(10.0), text);
            }
            self.pages.advance(h + gap);
        }
    }

    /// 媒介 / 制作 / 合计 × 年度预算 | 已执行 | 执行中 | 未执行余额 | 执行率.
    fn summary_table(&mut self, report: &BudgetReport) {
        let l = report.lang;
        let mut captions = vec![Caption::default()];
        captions.extend(crate::reports::budget::summary_columns(l));
        let money = mm(30.0);
        let mut columns = self.columns(
            &captions,
            &[
                None,
                Some(money),
                Some(money),
                Some(money),
                Some(money),
                Some(mm(20.0)),
            ],
        );
        for c in columns.iter_mut().skip(1) {
            c.align = Align::Right;
        }
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let bold = self.bold(t::SIZE_TABLE, t::INK);
        let rows: Vec<TableRow<'_>> = report
            .summary
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let x = r.figures;
                let style = if i == 2 { bold } else { body };
                let cells: Vec<Cell<'_>> = vec![
                    (r.caption.to_string(), bold),
                    (yuan(x.budget), style),
                    (yuan(x.executed), style),
                    (yuan(x.in_progress), style),
                    (yuan(x.remaining()), style),
                    (x.used_bp().map_or("—".into(), percent), style),
                ];
                TableRow {
                    cells,
                    kind: if i == 2 {
                        RowKind::Subtotal
                    } else {
                        RowKind::Line
                    },
                }
            })
            .collect();
        self.table_rows(&columns, &rows);
    }

    /// The estimates behind the figures, with their sum.
    fn jobs_table(&mut self, report: &BudgetReport) {
        let l = report.lang;
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let bold = self.bold(t::SIZE_TABLE, t::INK);
        if report.jobs.is_empty() {
            let text = l.pick(
                "本年度截至报告日没有客户签署的报价单。",
                "No estimate signed in the year by the report's day.",
                "本年度截至报告日没有客户签署的报价单。 No estimate signed yet.",
            );
            let y = self.pages.cursor();
            self.pages.canvas().text(body, LEFT, y + mm(4.0), text);
            self.pages.advance(mm(7.0));
            return;
        }
        // Eight facts in six columns, for A4 upright: the job's number over its project, the
        // estimate over the day it was signed.
        let [
            job,
            project,
            estimate,
            signed,
            amount,
            invoiced,
            open,
            status,
        ] = crate::reports::budget::job_columns(l);
        let joined = |a: Caption, b: Caption| Caption {
            main: format!("{} / {}", a.main, b.main),
            second: match (a.second.is_empty(), b.second.is_empty()) {
                (true, true) => String::new(),
                _ => format!("{} / {}", a.second, b.second),
            },
        };
        let captions = [
            joined(job, project),
            joined(estimate, signed),
            amount,
            invoiced,
            open,
            status,
        ];
        // Fitted to the values and the caption's first language (a bilingual caption wraps).
        let fit = |f: &Self, i: usize, values: Vec<String>, max: f32| {
            let main = Caption {
                main: captions[i].main.clone(),
                second: String::new(),
            };
            f.fit(&main, values.iter().map(String::as_str), max)
        };
        let jobs = &report.jobs;
        let sums: Vec<String> = jobs
            .iter()
            .flat_map(|j| [yuan(j.amount), yuan(j.invoiced), yuan(j.in_progress)])
            .chain([yuan(jobs.iter().map(|j| j.amount).sum())])
            .collect();
        let money = fit(self, 2, sums, mm(30.0)) + mm(1.0);
        let est_w = fit(
            self,
            1,
            jobs.iter()
                .flat_map(|j| [j.estimate.clone(), j.signed_on.to_string()])
                .collect(),
            mm(36.0),
        );
        let status_w = fit(
            self,
            5,
            jobs.iter().map(|j| j.status(l)).collect(),
            mm(28.0),
        );
        let mut columns = self.columns(
            &captions,
            &[
                None,
                Some(est_w),
                Some(money),
                Some(money),
                Some(money),
                Some(status_w),
            ],
        );
        for c in columns.iter_mut().skip(2).take(3) {
            c.align = Align::Right;
        }
        let mut rows: Vec<TableRow<'_>> = Vec::new();
        for side in BudgetSide::ALL {
            let lines: Vec<_> = report.jobs.iter().filter(|j| j.side == side).collect();
            if lines.is_empty() {
                continue;
            }
            rows.push(TableRow {
                cells: vec![(side_caption(l, Some(side)).to_string(), bold)],
                kind: RowKind::Group,
            });
            for j in &lines {
                rows.push(TableRow {
                    cells: vec![
                        (format!("{}\n{}", j.job, j.project), body),
                        (format!("{}\n{}", j.estimate, j.signed_on), body),
                        (yuan(j.amount), body),
                        (yuan(j.invoiced), body),
                        (yuan(j.in_progress), body),
                        (j.status(l), body),
                    ],
                    kind: RowKind::Line,
                });
            }
            let sum = |f: fn(&&&crate::reports::budget::ReportJob) -> i64| {
                lines.iter().map(|j| f(&j)).sum::<i64>()
            };
            rows.push(TableRow {
                cells: vec![
                    (
                        format!(
                            "{} {}",
                            side_caption(l, Some(side)),
                            l.caption(labels::TOTAL)
                        ),
                        bold,
                    ),
                    (String::new(), bold),
                    (yuan(sum(|j| j.amount)), bold),
                    (yuan(sum(|j| j.invoiced)), bold),
                    (yuan(sum(|j| j.in_progress)), bold),
                    (String::new(), bold),
                ],
                kind: RowKind::Subtotal,
            });
        }
        self.table_rows(&columns, &rows);
    }

    /// Estimates sent and not signed: listed, not deducted.
    fn pending_table(&mut self, report: &BudgetReport) {
        let l = report.lang;
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let captions = [
            l.caption(labels::ESTIMATE),
            l.caption(labels::PROJECT),
            Caption::default(),
            l.caption(labels::AMOUNT),
        ];
        let side_w = self.fit(
            &Caption::default(),
            [BudgetSide::Media, BudgetSide::Production]
                .iter()
                .map(|s| side_caption(l, Some(*s)).to_string())
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
            mm(34.0),
        );
        let mut columns = self.columns(
            &captions,
            &[Some(mm(34.0)), None, Some(side_w), Some(mm(30.0))],
        );
        columns[3].align = Align::Right;
        let rows: Vec<Vec<Cell<'_>>> = report
            .pending
            .iter()
            .map(|(estimate, project, side, amount)| {
                vec![
                    (estimate.clone(), body),
                    (project.clone(), body),
                    (side_caption(l, Some(*side)).to_string(), body),
                    (yuan(*amount), body),
                ]
            })
            .collect();
        self.table(&columns, &rows);
    }

    /// Media by channel: a row per month with amounts, a column per channel, the total last.
    fn channel_table(&mut self, report: &BudgetReport) {
        let l = report.lang;
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let bold = self.bold(t::SIZE_TABLE, t::INK);
        let mut captions = vec![Caption::default()];
        captions.extend(report.channels.iter().map(|c| Caption {
            main: c.channel.clone(),
            second: String::new(),
        }));
        captions.push(l.caption(labels::TOTAL));
        let n = captions.len();
        let money = ((WIDTH - mm(18.0)) / (n - 1) as f32).min(mm(30.0));
        let mut widths = vec![None];
        widths.extend(std::iter::repeat_n(Some(money), n - 1));
        let mut columns = self.columns(&captions, &widths);
        for c in columns.iter_mut().skip(1) {
            c.align = Align::Right;
        }
        let mut rows: Vec<TableRow<'_>> = Vec::new();
        for (m, label) in report.month_labels.iter().enumerate() {
            let values: Vec<i64> = report.channels.iter().map(|c| c.months[m]).collect();
            if values.iter().all(|v| *v == 0) {
                continue;
            }
            let mut cells: Vec<Cell<'_>> = vec![(label.clone(), body)];
            cells.extend(values.iter().map(|v| (yuan(*v), body)));
            cells.push((yuan(values.iter().sum()), bold));
            rows.push(TableRow {
                cells,
                kind: RowKind::Line,
            });
        }
        let mut cells: Vec<Cell<'_>> = vec![(l.caption(labels::TOTAL).to_string(), bold)];
        cells.extend(report.channels.iter().map(|c| (yuan(c.total()), bold)));
        cells.push((yuan(report.channels.iter().map(|c| c.total()).sum()), bold));
        rows.push(TableRow {
            cells,
            kind: RowKind::Subtotal,
        });
        self.table_rows(&columns, &rows);
    }

    /// A heading and its lines of text, wrapped to the width.
    /// A heading and its paragraphs; with `then` > 0 the paragraphs are kept whole on one
    /// page with `then` of room after them (for what must follow them).
    fn paragraphs(&mut self, heading: &Caption, lines: &[String], tone: Tone, then: f32) {
        let style = self.regular(t::SIZE_BODY, tone);
        let lh = style.size * t::LEADING;
        let wrapped: Vec<String> = lines
            .iter()
            .flat_map(|l| style.wrap(l, WIDTH - document::INDENT))
            .collect();
        let keep = match then > 0.0 {
            true => lh * wrapped.len() as f32 + mm(3.0) + then,
            false => lh * wrapped.len().min(3) as f32,
        };
        self.heading(heading, keep);
        self.pages
            .lines(style, LEFT + document::INDENT, &wrapped, lh);
        self.pages.advance(mm(3.0));
    }
}

/// The report's language, for the chart's legend.
fn legend(lang: DocLang) -> [String; 5] {
    let pick = |zh: &str, en: &str| match lang {
        DocLang::Zh => zh.to_string(),
        DocLang::En => en.to_string(),
        DocLang::Both => format!("{zh} {en}"),
    };
    [
        pick("媒介已执行", "Media executed"),
        pick("媒介执行中", "Media in progress"),
        pick("制作已执行", "Production executed"),
        pick("制作执行中", "Production in progress"),
        pick("预算进度", "Budget pace"),
    ]
}
