//! The client's estimate (报价单) as a PDF in the document frame ([`super::document`]), A4
//! portrait: letterhead, title with the estimate's number and version, the facts, the lines
//! by category with their subtotals (header repeated on every page the table continues on),
//! the totals with the amount due in capitals, whether prices include VAT, the note for the
//! client, then the acceptance block — signature, date and a box for the company chop —
//! with the version's QR check code beside it.
//!
//! Every page's footer names the estimate, its version and the short content hash; a
//! version not yet approved says 草稿 DRAFT beside the title and in every footer.

use super::PdfError;
use super::document::{
    self, Align, Cell, Column, DocumentInfo, Fact, Frame, LEFT, PAD_X, RIGHT, RowKind, TableRow,
    TitleBlock, TotalsLine, WIDTH,
};
use super::theme::{self as t, mm};
use crate::reports::estimate::{EstimateGroup, EstimateReport, EstimateRow};

mod acceptance;

/// The widest the fixed columns grow (longer values wrap).
const NUMBER_MAX: f32 = mm(12.0);
const UNIT_MAX: f32 = mm(17.0);
const QUANTITY_MAX: f32 = mm(17.0);
const PRICE_MAX: f32 = mm(28.0);
const AMOUNT_MAX: f32 = mm(32.0);
/// The most of the width left to item and specification that the specification takes.
const SPEC_SHARE: f32 = 0.45;

/// Renders the estimate to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable). Fails only on a broken build (fonts, logo) or a check code too long to
/// encode.
pub fn estimate_pdf(report: &EstimateReport) -> Result<Vec<u8>, PdfError> {
    let code = super::qr::CheckCode::new(&report.acceptance.check_payload)?;
    let version = match &report.draft {
        Some(draft) => format!("{} {draft}", report.version),
        None => report.version.clone(),
    };
    let info = DocumentInfo {
        letterhead: &report.letterhead,
        name: report.title.clone(),
        number: report.number.clone(),
        detail: report.job_line.clone(),
        version: version.clone(),
        content_hash: Some(&report.hash),
        lang: report.lang,
    };
    let (mark, mark_tone) = match report.draft {
        Some(_) => (version, t::CHANGED),
        None => (format!("{} · {}", report.number, report.version), t::ACCENT),
    };
    let facts: Vec<Fact> = report
        .facts
        .iter()
        .map(|f| Fact {
            label: f.label.clone(),
            value: f.value.clone(),
            known: true,
        })
        .collect();
    document::compose(&info, |f| {
        f.title_block(&TitleBlock {
            title: &report.title,
            mark: &mark,
            mark_tone,
            subject: Some(report.subject.as_str()).filter(|s| !s.is_empty()),
        });
        f.facts(&facts);
        f.pages.advance(mm(6.0));
        let amount_width = f.estimate_table(report);
        let totals: Vec<TotalsLine> = report
            .totals
            .iter()
            .map(|total| TotalsLine {
                caption: total.label.clone(),
                amount: total.amount.to_string(),
                strong: total.strong,
            })
            .collect();
        f.totals_block(
            &totals,
            (&report.in_words_label, &report.in_words),
            amount_width,
        );
        f.estimate_notes(report);
        f.acceptance(&report.acceptance, &code);
    })
}

impl<'f> Frame<'f> {
    /// The lines by category, each group under its heading and closed by its subtotal.
    /// Returns the width of the amount column, for the totals under it.
    fn estimate_table(&mut self, report: &EstimateReport) -> f32 {
        let rows: Vec<&EstimateRow> = report.groups.iter().flat_map(|g| &g.rows).collect();
        let numbers: Vec<String> = rows.iter().map(|r| r.number.to_string()).collect();
        let prices: Vec<String> = rows.iter().map(|r| unit_price(r)).collect();
        let mut amounts: Vec<String> = rows.iter().map(|r| r.amount.to_string()).collect();
        amounts.extend(report.totals.iter().map(|t| t.amount.to_string()));
        amounts.extend(
            report
                .groups
                .iter()
                .filter_map(|g| g.subtotal.as_ref().map(|s| s.1.to_string())),
        );
        let c = &report.columns;
        let number_w = self.fit(&c[0], numbers.iter().map(String::as_str), NUMBER_MAX);
        let unit_w = self.fit(&c[3], rows.iter().map(|r| r.unit.as_str()), UNIT_MAX);
        let qty_w = self.fit(
            &c[4],
            rows.iter().map(|r| r.quantity.as_str()),
            QUANTITY_MAX,
        );
        let price_w = self.fit(&c[5], prices.iter().map(String::as_str), PRICE_MAX);
        // Subtotals print bold, a little wider than the lines' amounts.
        let bold = self.bold(t::SIZE_TABLE, t::INK);
        let widest = amounts.iter().map(|a| bold.width(a)).fold(0.0, f32::max);
        let amount_w = self
            .fit(&c[6], amounts.iter().map(String::as_str), AMOUNT_MAX)
            .max(widest + 2.0 * PAD_X + mm(1.0));
        let rest = WIDTH - number_w - unit_w - qty_w - price_w - amount_w;
        let spec = report.has_specification;
        // The specification as wide as its longest text needs, at most its share; the item
        // takes the rest.
        let spec_w = match spec {
            true => self.fit(
                &c[2],
                rows.iter().map(|r| r.specification.as_str()),
                rest * SPEC_SHARE,
            ),
            false => 0.0,
        };
        let item_w = rest - spec_w;
        let mut captions = vec![c[0].clone(), c[1].clone()];
        let mut widths = vec![Some(number_w), Some(item_w)];
        if spec {
            captions.push(c[2].clone());
            widths.push(Some(spec_w));
        }
        captions.extend(c[3..].iter().cloned());
        widths.extend([unit_w, qty_w, price_w, amount_w].map(Some));
        let mut columns: Vec<Column> = self.columns(&captions, &widths);
        let count = columns.len();
        for i in [0, count - 3, count - 2, count - 1] {
            columns[i].align = Align::Right;
        }
        let table: Vec<TableRow<'f>> = report
            .groups
            .iter()
            .flat_map(|g| self.group_rows(g, spec))
            .collect();
        self.table_rows(&columns, &table);
        amount_w
    }

    /// A group's heading, its lines and its subtotal as table rows.
    fn group_rows(&self, group: &EstimateGroup, spec: bool) -> Vec<TableRow<'f>> {
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let number = self.regular(t::SIZE_TABLE, t::MUTED);
        let bold = self.bold(t::SIZE_TABLE, t::INK);
        let heading = self.bold(t::SIZE_TABLE, t::ACCENT);
        let mut out = vec![TableRow {
            cells: vec![(group.heading.clone(), heading)],
            kind: RowKind::Group,
        }];
        for row in &group.rows {
            let mut cells: Vec<Cell<'f>> = vec![
                (row.number.to_string(), number),
                (row.description.clone(), body),
            ];
            if spec {
                cells.push((row.specification.clone(), body));
            }
            cells.extend([
                (row.unit.clone(), body),
                (row.quantity.clone(), body),
                (unit_price(row), body),
                (row.amount.to_string(), body),
            ]);
            out.push(TableRow {
                cells,
                kind: RowKind::Line,
            });
        }
        if let Some((label, amount)) = &group.subtotal {
            let mut cells: Vec<Cell<'f>> = vec![(String::new(), body), (label.clone(), bold)];
            let blanks = if spec { 4 } else { 3 };
            cells.extend((0..blanks).map(|_| (String::new(), body)));
            cells.push((amount.to_string(), bold));
            out.push(TableRow {
                cells,
                kind: RowKind::Subtotal,
            });
        }
        out
    }

    /// Whether prices include VAT, then the note for the client under its heading.
    fn estimate_notes(&mut self, report: &EstimateReport) {
        let muted = self.regular(t::SIZE_TABLE, t::MUTED);
        let line_h = muted.line_height();
        let lines = muted.wrap(&report.basis_note, WIDTH);
        self.pages.ensure_room(line_h * lines.len().min(2) as f32);
        self.pages.lines(muted, LEFT, &lines, line_h);
        self.pages.advance(mm(5.0));
        if let Some((caption, note)) = &report.client_note {
            let body = self.regular(t::SIZE_BODY, t::INK);
            let body_h = body.line_height();
            let x = LEFT + document::INDENT;
            let lines = body.wrap(note, RIGHT - x);
            self.heading(caption, body_h * lines.len().min(2) as f32);
            self.pages.lines(body, x, &lines, body_h);
            self.pages.advance(mm(5.0));
        }
    }
}

/// A line's unit price as printed, a dash when it has none the client can multiply out.
fn unit_price(row: &EstimateRow) -> String {
    row.unit_price
        .map_or_else(|| "—".to_string(), |p| p.to_string())
}
