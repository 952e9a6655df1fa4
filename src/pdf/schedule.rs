//! The schedule (工作进度表) as PDF, landscape A4 or A3: a task table beside a Gantt timeline
//! on every page.
//!
//! Rows flow down as many pages as they need, never cut at a page break, with the column
//! header repeated on each page. When the dates do not fit the page width at a readable
//! scale, the timeline is tiled across pages — each tile a run of whole weeks, the task table
//! repeated beside it. Every page carries the letterhead line, the client, job number,
//! version and issue date, the legend and "page x / y"; the internal version says 内部 /
//! INTERNAL on every page, a client version not issued says 草稿 / DRAFT on every page and
//! is never titled as a version. Client actions stand out without colour: ★, bold type and
//! a tinted row. A phase is a bold row whose summary bar spans its tasks, indented under it
//! (and never left alone at the foot of a page). The working plan draws the today line and
//! its statuses are those of the day; an issued version has no today line and its statuses
//! are those of its issue date (状态截至 / Status as of, in the header). The changes since
//! the previous issued version close the document.

use super::layout::{Canvas, Pen, Style};
use super::theme::{self as t, Tone, mm};
use super::{Fonts, Logo, PdfError, save};
use crate::domain::Lang;
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::TaskStatus;
use crate::reports::Label;
use crate::reports::schedule::{
    CLIENT_ACTION_MARK, Row, ScheduleReport, View, labels, palette, party_label, status_label,
};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use printpdf::{Mm, Op, PdfDocument, PdfPage};

/// The paper a schedule is printed on, always landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 297 × 210 mm.
    #[default]
    A4,
    /// 420 × 297 mm, for long schedules on the wall.
    A3,
}

impl Paper {
    /// Width and height in millimetres (landscape).
    pub const fn millimetres(self) -> (f32, f32) {
        match self {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        }
    }

    /// `a4` or `a3`, in any case.
    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "a3" => Some(Paper::A3),
            _ => None,
        }
    }
}

fn tone([r, g, b]: [u8; 3]) -> Tone {
    Tone(r, g, b)
}

/// Marks the internal version.
const INTERNAL: Tone = Tone(0xB4, 0x23, 0x18);
/// Marks a client version that was not issued (草稿 / DRAFT).
const DRAFT: Tone = Tone(0x6D, 0x28, 0xD9);
/// The summary bar of a phase.
const PHASE: Tone = Tone(0x37, 0x41, 0x51);
/// How far a task inside a phase is indented in the task column.
const INDENT: f32 = mm(3.5);
const WHITE: Tone = Tone(0xFF, 0xFF, 0xFF);

const MARGIN: f32 = mm(10.0);
/// From the top margin to the table header.
const HEADER_HEIGHT: f32 = mm(21.0);
/// The table header: Chinese and English labels, months and days.
const TABLE_HEAD: f32 = mm(8.5);
/// Legend and footer under the rows.
const FOOT_HEIGHT: f32 = mm(13.0);
const PAD_X: f32 = mm(1.4);
const PAD_Y: f32 = mm(1.1);
/// Narrowest day the timeline is drawn with before it is tiled across pages.
const MIN_DAY: f32 = 3.0;
/// Widest day: a short schedule does not turn into a few huge blocks.
const MAX_DAY: f32 = 26.0;

const SIZE_CELL: f32 = 7.6;
const SIZE_NOTE: f32 = 6.3;
const LINE: f32 = SIZE_CELL * 1.32;
const NOTE_LINE: f32 = SIZE_NOTE * 1.3;
const BAR: f32 = 7.0;
/// The thickness of a phase's summary bar.
const PHASE_BAR: f32 = 3.2;

/// Where things go on a page.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    width: f32,
    height: f32,
    left: f32,
    right: f32,
    /// Left edges of task, party, start, end and status, then the timeline's left edge.
    columns: [f32; 6],
    body_top: f32,
    body_bottom: f32,
}

impl Geometry {
    fn new(paper: Paper) -> Geometry {
        let (w, h) = paper.millimetres();
        let (width, height) = (mm(w), mm(h));
        let left = MARGIN;
        let task = match paper {
            Paper::A4 => mm(64.0),
            Paper::A3 => mm(86.0),
        };
        let widths = [task, mm(20.0), mm(16.5), mm(16.5), mm(15.0)];
        let mut columns = [left; 6];
        for i in 0..widths.len() {
            columns[i + 1] = columns[i] + widths[i];
        }
        let table_top = MARGIN + HEADER_HEIGHT;
        Geometry {
            width,
            height,
            left,
            right: width - MARGIN,
            columns,
            body_top: table_top + TABLE_HEAD,
            body_bottom: height - MARGIN - FOOT_HEIGHT,
        }
    }

    fn table_top(&self) -> f32 {
        self.body_top - TABLE_HEAD
    }

    fn timeline_left(&self) -> f32 {
        self.columns[5]
    }

    fn timeline_width(&self) -> f32 {
        self.right - self.timeline_left()
    }
}

/// The run of days one page shows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Window {
    first: NaiveDate,
    days: i64,
    day_width: f32,
}

impl Window {
    fn last(&self) -> NaiveDate {
        self.first + Duration::days(self.days - 1)
    }

    /// The x of the left edge of `day` (which may lie outside the window).
    fn x(&self, left: f32, day: NaiveDate) -> f32 {
        left + (day - self.first).num_days() as f32 * self.day_width
    }
}

/// The days the timeline covers, cut into windows of whole weeks that fit `width` points.
fn windows(report: &ScheduleReport, width: f32) -> Vec<Window> {
    let (mut from, mut to) = report.span.unwrap_or((report.today, report.today));
    for row in &report.rows {
        if let Some((start, end)) = row.actual {
            from = from.min(start);
            to = to.max(end.unwrap_or(start));
        }
    }
    let from = from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
    let to = to + Duration::days(i64::from(6 - to.weekday().num_days_from_monday()));
    let days = (to - from).num_days() + 1;
    if days as f32 * MIN_DAY <= width {
        return vec![Window {
            first: from,
            days,
            day_width: (width / days as f32).min(MAX_DAY),
        }];
    }
    let per_window = ((width / MIN_DAY) as i64 / 7 * 7).max(7);
    let day_width = width / per_window as f32;
    let mut out = Vec::new();
    let mut first = from;
    while first <= to {
        out.push(Window {
            first,
            days: per_window,
            day_width,
        });
        first += Duration::days(per_window);
    }
    out
}

/// Whether the row has a bar, diamond or actual dates within the window.
fn touches(row: &Row, w: Window) -> bool {
    let overlaps = |a: NaiveDate, b: NaiveDate| a <= w.last() && b >= w.first;
    overlaps(row.start, row.end) || row.actual.is_some_and(|(a, b)| overlaps(a, b.unwrap_or(a)))
}

/// The text of one row, wrapped, and the height it takes.
#[derive(Debug)]
struct RowText {
    name: Vec<String>,
    note: Vec<String>,
    owner: String,
    height: f32,
}

/// What a schedule prints with.
struct Doc<'a> {
    report: &'a ScheduleReport,
    fonts: &'a Fonts,
    calendar: &'a WorkCalendar,
    logo: &'a Logo,
    g: Geometry,
    lang: Lang,
}

mod chart;
mod frame;

/// Renders the schedule to PDF bytes: landscape `paper`, fonts subset and embedded, text
/// extractable; `calendar` shades the days nobody works.
pub fn render_schedule(
    report: &ScheduleReport,
    calendar: &WorkCalendar,
    paper: Paper,
) -> Result<Vec<u8>, PdfError> {
    let title = format!(
        "{} {} {} {}",
        labels::TITLE.zh,
        report.job_number,
        report.job_title,
        report.version_text()
    );
    let mut pdf = PdfDocument::new(&title);
    let fonts = Fonts::register(&mut pdf)?;
    let logo = Logo::add(&mut pdf)?;
    let doc = Doc {
        report,
        fonts: &fonts,
        calendar,
        logo: &logo,
        g: Geometry::new(paper),
        lang: report.lang,
    };
    let g = doc.g;
    let windows = windows(report, g.timeline_width());
    let texts: Vec<RowText> = report.rows.iter().map(|r| doc.row_text(r)).collect();

    // Rows into bands that fit a page, whole rows only.
    let room = g.body_bottom - g.body_top;
    let mut bands: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, text) in texts.iter().enumerate() {
        if used + text.height > room && i > start {
            // A phase never ends a page: it goes over with its first task.
            let cut = match i - 1 > start && report.rows[i - 1].phase {
                true => i - 1,
                false => i,
            };
            bands.push(start..cut);
            start = cut;
            used = texts[cut..i].iter().map(|t| t.height).sum();
        }
        used += text.height;
    }
    bands.push(start..texts.len());

    let mut pages: Vec<Vec<Op>> = Vec::new();
    let mut last_bottom = g.body_top;
    for band in &bands {
        // A tile where none of the band's rows has anything to show is not printed.
        let shown: Vec<usize> = (0..windows.len())
            .filter(|&k| band.clone().any(|i| touches(&report.rows[i], windows[k])))
            .collect();
        let shown = if shown.is_empty() { vec![0] } else { shown };
        for index in shown {
            let w = windows[index];
            let mut ops = Vec::new();
            let mut canvas = Canvas::new(&mut ops, g.height);
            doc.header(&mut canvas, Some((index, windows.len(), w)));
            doc.table_header(&mut canvas, w);
            let bottom = g.body_top + texts[band.clone()].iter().map(|t| t.height).sum::<f32>();
            doc.timeline_grid(&mut canvas, w, bottom);
            let mut top = g.body_top;
            for i in band.clone() {
                doc.row(&mut canvas, w, &report.rows[i], &texts[i], top);
                top += texts[i].height;
            }
            doc.today_line(&mut canvas, w, bottom);
            canvas.vline(
                g.timeline_left(),
                g.table_top(),
                bottom,
                Pen::new(0.6, t::MUTED),
            );
            last_bottom = bottom;
            pages.push(ops);
        }
    }
    let table_pages = pages.len();
    doc.changes(&mut pages, last_bottom);

    let total = pages.len();
    let (w_mm, h_mm) = paper.millimetres();
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut ops)| {
            let mut canvas = Canvas::new(&mut ops, g.height);
            if i >= table_pages {
                // A page holding only the list of changes.
                doc.header(&mut canvas, None);
            }
            doc.foot(&mut canvas, i + 1, total);
            PdfPage::new(Mm(w_mm), Mm(h_mm), ops)
        })
        .collect();
    Ok(save(pdf, pages))
}
