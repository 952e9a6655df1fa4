//! The schedule (工作进度表) as PDF, landscape A4 or A3: a task table beside a Gantt timeline
//! on every page.
//!
//! Rows flow down as many pages as they need, never cut at a page break, with the column
//! header repeated on each page. When the dates do not fit the page width at a readable
//! scale, the timeline is tiled across pages — each tile a run of whole weeks, the task table
//! repeated beside it. Every page carries the letterhead line, the client, job number,
//! version and issue date, the legend and "page x / y"; the internal version says 内部 /
//! INTERNAL on every page. Client actions stand out without colour: ★, bold type and a
//! tinted row. The changes since the previous issued version close the document.

use super::layout::{Canvas, Pen, Style, page_label};
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

impl Doc<'_> {
    fn style(&self, bold: bool, size: f32, tone: Tone) -> Style<'_> {
        let face = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        Style::new(face, size, tone)
    }

    fn pick(&self, label: Label) -> &'static str {
        self.lang.pick(label.zh, label.en)
    }

    fn short_date(&self, d: NaiveDate) -> String {
        const ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        let weekday = d.weekday().num_days_from_monday() as usize;
        match self.lang {
            Lang::Zh => format!("{:02}/{:02} 周{}", d.month(), d.day(), ZH[weekday]),
            Lang::En => format!("{} {:02}/{:02}", d.format("%a"), d.month(), d.day()),
        }
    }

    fn row_text(&self, row: &Row) -> RowText {
        let g = &self.g;
        let name_width = g.columns[1] - g.columns[0] - 2.0 * PAD_X;
        let name_style = self.style(row.client_action, SIZE_CELL, t::INK);
        let name = if row.client_action {
            format!("{CLIENT_ACTION_MARK} {}", row.name)
        } else {
            row.name.clone()
        };
        let name = name_style.wrap_at_most(&name, name_width, 3);
        let mut note = row.note.clone();
        if row.internal_only {
            note = match note.is_empty() {
                true => "仅内部 Internal only".into(),
                false => format!("仅内部 Internal only · {note}"),
            };
        }
        let note = self
            .style(false, SIZE_NOTE, t::MUTED)
            .wrap_at_most(&note, name_width, 2);
        let owner = self
            .style(false, SIZE_NOTE, t::MUTED)
            .truncate(&row.owner, g.columns[2] - g.columns[1] - 2.0 * PAD_X);
        let lines = name.len().max(1) as f32 * LINE;
        let mut height = lines + note.len() as f32 * NOTE_LINE;
        if !owner.is_empty() {
            height = height.max(LINE + NOTE_LINE);
        }
        RowText {
            name,
            note,
            owner,
            height: height + 2.0 * PAD_Y,
        }
    }

    /// The letterhead line, title, version, the internal mark and the facts of the job.
    fn header(&self, canvas: &mut Canvas<'_>, window: Option<(usize, usize, Window)>) {
        let g = &self.g;
        let r = self.report;
        let top = MARGIN;
        let logo = mm(10.0);
        canvas.image_square(&self.logo.id, self.logo.pixels, g.left, top, logo);
        let name_x = g.left + logo + mm(2.5);
        let agency = self.style(true, 10.5, t::INK);
        canvas.text(
            agency,
            name_x,
            top + mm(4.4),
            &agency.truncate(&r.letterhead.agency_name, mm(80.0)),
        );
        let agency_en = self.style(false, 6.8, t::MUTED);
        canvas.text(
            agency_en,
            name_x,
            top + mm(8.4),
            &agency_en.truncate(&r.letterhead.agency_name_en, mm(80.0)),
        );

        // The title in the middle.
        let zh = self.style(true, 15.0, t::INK);
        let en = self.style(false, 9.0, t::MUTED);
        let title_width = zh.width(labels::TITLE.zh) + mm(2.0) + en.width(labels::TITLE.en);
        let title_x = (g.width - title_width) / 2.0;
        canvas.text(zh, title_x, top + mm(6.5), labels::TITLE.zh);
        canvas.text(
            en,
            title_x + zh.width(labels::TITLE.zh) + mm(2.0),
            top + mm(6.5),
            labels::TITLE.en,
        );

        // Version on the right, the internal mark before it.
        let version = self.style(true, 12.0, t::ACCENT);
        let version_text = r.version_text();
        canvas.text_right(version, g.right, top + mm(6.5), &version_text);
        if r.view == View::Internal {
            let badge = self.style(true, 8.5, WHITE);
            let text = labels::INTERNAL.to_string();
            let width = badge.width(&text) + mm(4.0);
            let x = g.right - version.width(&version_text) - mm(4.0) - width;
            canvas.fill_rect(x, top + mm(1.6), width, mm(6.2), INTERNAL);
            canvas.text(badge, x + mm(2.0), top + mm(6.0), &text);
        }

        // Client · job · version · issue date, and the period of a tiled page.
        let baseline = top + mm(14.5);
        let label = self.style(false, 7.0, t::MUTED);
        let value = self.style(true, 8.0, t::INK);
        let facts = [
            (labels::CLIENT, r.client_name.clone()),
            (
                labels::JOB,
                format!("{}  {}", r.job_number, r.job_title.trim()),
            ),
            (labels::VERSION, version_text),
            (
                labels::ISSUED,
                crate::domain::format::date(r.issued_on, self.lang),
            ),
        ];
        let mut x = g.left;
        for (name, text) in facts {
            let name = format!("{name}  ");
            canvas.text(label, x, baseline, &name);
            x += label.width(&name);
            let text = value.truncate(&text, mm(90.0));
            canvas.text(value, x, baseline, &text);
            x += value.width(&text) + mm(6.0);
        }
        if let Some((index, count, w)) = window.filter(|&(_, count, _)| count > 1) {
            let text = format!(
                "时间段 Period {} / {}：{} – {}",
                index + 1,
                count,
                crate::domain::format::date(w.first, self.lang),
                crate::domain::format::date(w.last(), self.lang)
            );
            canvas.text_right(self.style(true, 8.0, t::ACCENT), g.right, baseline, &text);
        }
        let rule = top + mm(17.5);
        canvas.hline(g.left, g.right, rule, 1.2, t::ACCENT);
        canvas.hline(g.left, g.right, rule + 2.0, 0.4, t::ACCENT_SOFT);
    }

    /// Column labels in two languages, and months over days in the timeline.
    fn table_header(&self, canvas: &mut Canvas<'_>, w: Window) {
        let g = &self.g;
        let top = g.table_top();
        canvas.fill_rect(
            g.left,
            top,
            g.right - g.left,
            TABLE_HEAD,
            t::TABLE_LABEL_FILL,
        );
        let zh = self.style(true, 7.2, t::INK);
        let en = self.style(false, 5.8, t::MUTED);
        let heads = [
            labels::TASK,
            labels::PARTY,
            labels::START,
            labels::END,
            labels::STATUS,
        ];
        for (i, head) in heads.iter().enumerate() {
            let x = g.columns[i] + PAD_X;
            canvas.text(zh, x, top + mm(3.6), head.zh);
            canvas.text(en, x, top + mm(7.0), head.en);
        }

        // Months on the upper half, days (or week starts) on the lower half.
        let left = g.timeline_left();
        let half = top + TABLE_HEAD / 2.0;
        let month_style = self.style(true, 6.6, t::INK);
        let mut day = w.first;
        let end = w.first + Duration::days(w.days);
        while day < end {
            let next_month = NaiveDate::from_ymd_opt(
                if day.month() == 12 {
                    day.year() + 1
                } else {
                    day.year()
                },
                day.month() % 12 + 1,
                1,
            )
            .unwrap_or(end)
            .min(end);
            let x0 = w.x(left, day);
            let x1 = w.x(left, next_month);
            let long = match self.lang {
                Lang::Zh => format!("{}年{}月", day.year(), day.month()),
                Lang::En => day.format("%b %Y").to_string(),
            };
            let short = match self.lang {
                Lang::Zh => format!("{}月", day.month()),
                Lang::En => day.format("%b").to_string(),
            };
            let room = x1 - x0 - mm(1.5);
            if let Some(text) = [long, short]
                .into_iter()
                .find(|s| month_style.width(s) <= room)
            {
                canvas.text(month_style, x0 + mm(0.8), top + mm(3.4), &text);
            }
            if day != w.first || day.day() == 1 {
                canvas.vline(x0, top, half, Pen::new(0.5, t::MUTED));
            }
            day = next_month;
        }
        canvas.hline(left, g.right, half, 0.3, t::RULE);

        let day_style = self.style(false, 5.4, t::MUTED);
        for i in 0..w.days {
            let d = w.first + Duration::days(i);
            let x = w.x(left, d);
            if !self.calendar.is_working(d) {
                canvas.fill_rect(
                    x,
                    half,
                    w.day_width,
                    TABLE_HEAD / 2.0,
                    tone(palette::NON_WORKING),
                );
            }
            let show = if w.day_width >= 9.0 {
                true
            } else {
                d.weekday() == Weekday::Mon && w.day_width * 7.0 >= 11.0
            };
            if show {
                let text = d.day().to_string();
                let tx = if w.day_width >= 9.0 {
                    x + (w.day_width - day_style.width(&text)) / 2.0
                } else {
                    x + 0.8
                };
                canvas.text(day_style, tx, top + mm(7.0), &text);
            }
        }
        canvas.hline(g.left, g.right, g.body_top, 0.8, t::ACCENT);
    }

    /// Weekends, holidays and company days off shaded; month and week lines.
    fn timeline_grid(&self, canvas: &mut Canvas<'_>, w: Window, bottom: f32) {
        let g = &self.g;
        let left = g.timeline_left();
        for i in 0..w.days {
            let d = w.first + Duration::days(i);
            let x = w.x(left, d);
            if w.day_width >= 2.0 && !self.calendar.is_working(d) {
                canvas.fill_rect(
                    x,
                    g.body_top,
                    w.day_width,
                    bottom - g.body_top,
                    tone(palette::NON_WORKING),
                );
            }
            if i > 0 && d.day() == 1 {
                canvas.vline(x, g.body_top, bottom, Pen::new(0.5, t::MUTED));
            } else if i > 0 && d.weekday() == Weekday::Mon && w.day_width * 7.0 >= 14.0 {
                canvas.vline(x, g.body_top, bottom, Pen::new(0.25, t::RULE));
            }
        }
    }

    /// One row: the cells, the tint of a client action, the bar.
    fn row(&self, canvas: &mut Canvas<'_>, w: Window, row: &Row, text: &RowText, top: f32) {
        let g = &self.g;
        let action_tone = tone(palette::CLIENT_ACTION);
        if row.client_action {
            canvas.fill_rect(
                g.left,
                top,
                g.timeline_left() - g.left,
                text.height,
                tone(palette::CLIENT_ACTION_ROW),
            );
        }
        let first = top + PAD_Y;
        let name_style = match row.client_action {
            true => self.style(true, SIZE_CELL, action_tone),
            false => self.style(false, SIZE_CELL, t::INK),
        };
        let mut y = first;
        for line in &text.name {
            canvas.text(
                name_style,
                g.columns[0] + PAD_X,
                name_style.baseline(y, LINE),
                line,
            );
            y += LINE;
        }
        let note = self.style(false, SIZE_NOTE, t::MUTED);
        for line in &text.note {
            canvas.text(
                note,
                g.columns[0] + PAD_X,
                note.baseline(y, NOTE_LINE),
                line,
            );
            y += NOTE_LINE;
        }

        let cell = self.style(false, SIZE_CELL, t::INK);
        let baseline = cell.baseline(first, LINE);
        canvas.text(
            cell,
            g.columns[1] + PAD_X,
            baseline,
            self.pick(party_label(row.party)),
        );
        if !text.owner.is_empty() {
            canvas.text(
                note,
                g.columns[1] + PAD_X,
                note.baseline(first + LINE, NOTE_LINE),
                &text.owner,
            );
        }
        let start = if row.milestone {
            String::new()
        } else {
            self.short_date(row.start)
        };
        canvas.text(cell, g.columns[2] + PAD_X, baseline, &start);
        canvas.text(
            cell,
            g.columns[3] + PAD_X,
            baseline,
            &self.short_date(row.end),
        );
        let (status_style, status) = match row.status {
            TaskStatus::Late => (self.style(true, SIZE_CELL, tone(palette::LATE)), row.status),
            s => (cell, s),
        };
        canvas.text(
            status_style,
            g.columns[4] + PAD_X,
            baseline,
            self.pick(status_label(status)),
        );
        if row.status == TaskStatus::InProgress {
            canvas.text(
                note,
                g.columns[4] + PAD_X,
                note.baseline(first + LINE, NOTE_LINE),
                &format!("{}%", row.progress),
            );
        }
        self.bar(canvas, w, row, first + (LINE - BAR) / 2.0);
        canvas.hline(g.left, g.right, top + text.height, 0.3, t::RULE);
    }

    /// The bar (or diamond) of a row, its progress, its actual dates and its marks.
    fn bar(&self, canvas: &mut Canvas<'_>, w: Window, row: &Row, top: f32) {
        let left = self.g.timeline_left();
        let right = left + w.days as f32 * w.day_width;
        let clamp = |x: f32| x.clamp(left, right);
        let colour = tone(palette::party(row.party));
        let x0 = w.x(left, row.start);
        let x1 = w.x(left, row.end + Duration::days(1));
        let small = self.style(false, SIZE_NOTE, t::INK);
        let mut label = String::new();
        let (shape_left, shape_right);
        if row.milestone {
            let cx = (x0.max(w.x(left, row.end)) + x1) / 2.0;
            let r = BAR / 2.0 + 1.0;
            let cy = top + BAR / 2.0;
            if cx < left || cx > right {
                return;
            }
            let diamond = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)];
            canvas.fill_polygon(&diamond, colour);
            canvas.path(&diamond, true, Pen::new(0.6, t::INK));
            (shape_left, shape_right) = (cx - r, cx + r);
            label = format!("{:02}/{:02}", row.end.month(), row.end.day());
        } else {
            let (a, b) = (clamp(x0), clamp(x1));
            if b - a < 0.1 {
                return;
            }
            canvas.fill_rect(a, top, b - a, BAR, colour);
            let done = if row.status == TaskStatus::Done {
                100
            } else {
                row.progress.min(100)
            };
            if done > 0 {
                let px = clamp(x0 + (x1 - x0) * f32::from(done) / 100.0);
                if px > a {
                    canvas.fill_rect(a, top + BAR - 2.2, px - a, 2.2, t::INK);
                }
            }
            match row.status {
                TaskStatus::Late => {
                    canvas.stroke_rect(a, top, b - a, BAR, Pen::new(1.3, tone(palette::LATE)))
                }
                TaskStatus::OnHold => {
                    canvas.stroke_rect(a, top, b - a, BAR, Pen::new(0.8, t::INK).dashed(1.5, 1.2))
                }
                _ => {}
            }
            (shape_left, shape_right) = (a, b);
        }
        if let Some((start, end)) = row.actual {
            let end = end.unwrap_or(self.report.today.max(start));
            let (a, b) = (
                clamp(w.x(left, start)),
                clamp(w.x(left, end + Duration::days(1))),
            );
            if b > a {
                canvas.fill_rect(a, top + BAR + 1.0, b - a, 1.6, t::MUTED);
            }
        }
        if row.client_action {
            let mark = self.style(true, SIZE_CELL, tone(palette::CLIENT_ACTION));
            let x = shape_left - mark.width(CLIENT_ACTION_MARK) - 1.0;
            if x >= left {
                canvas.text(mark, x, top + BAR - 0.5, CLIENT_ACTION_MARK);
            }
        }
        match row.status {
            TaskStatus::Late => label = self.pick(status_label(TaskStatus::Late)).to_string(),
            TaskStatus::OnHold if label.is_empty() => {
                label = self.pick(status_label(TaskStatus::OnHold)).to_string()
            }
            _ => {}
        }
        if !label.is_empty() {
            let style = match row.status {
                TaskStatus::Late => self.style(true, SIZE_NOTE, tone(palette::LATE)),
                _ => small,
            };
            let width = style.width(&label);
            let x = if shape_right + 1.5 + width <= right {
                shape_right + 1.5
            } else {
                (shape_left - 1.5 - width - mm(3.0)).max(left)
            };
            canvas.text(style, x, top + BAR - 1.0, &label);
        }
    }

    /// The today line across the rows.
    fn today_line(&self, canvas: &mut Canvas<'_>, w: Window, bottom: f32) {
        let today = self.report.today;
        if today < w.first || today > w.last() {
            return;
        }
        let x = w.x(self.g.timeline_left(), today) + w.day_width / 2.0;
        canvas.vline(
            x,
            self.g.table_top() + TABLE_HEAD / 2.0,
            bottom,
            Pen::new(0.9, t::ACCENT).dashed(2.5, 1.5),
        );
    }

    /// The legend and the footer of a page.
    fn foot(&self, canvas: &mut Canvas<'_>, page: usize, total: usize) {
        let g = &self.g;
        let y = g.height - MARGIN - mm(8.0);
        let text = self.style(false, 6.4, t::INK);
        let mut x = g.left;
        let gap = mm(3.2);
        let item = |canvas: &mut Canvas<'_>, x: &mut f32, label: &str| {
            canvas.text(text, *x, y + 2.4, label);
            *x += text.width(label) + gap;
        };
        let swatch = |canvas: &mut Canvas<'_>, x: &mut f32, fill: Tone| {
            canvas.fill_rect(*x, y - 2.6, mm(4.0), 5.2, fill);
            *x += mm(4.0) + 2.0;
        };
        for party in crate::domain::schedule::Party::ALL {
            swatch(canvas, &mut x, tone(palette::party(party)));
            item(canvas, &mut x, &party_label(party).to_string());
        }
        // Progress strip.
        canvas.fill_rect(x, y - 2.6, mm(6.0), 5.2, t::ACCENT_SOFT);
        canvas.fill_rect(x, y + 0.6, mm(3.5), 2.0, t::INK);
        x += mm(6.0) + 2.0;
        item(canvas, &mut x, "进度 Progress");
        canvas.fill_rect(x, y - 0.8, mm(6.0), 1.6, t::MUTED);
        x += mm(6.0) + 2.0;
        item(canvas, &mut x, "实际 Actual");
        let r = 3.2;
        let diamond = [(x + r, y - r), (x + 2.0 * r, y), (x + r, y + r), (x, y)];
        canvas.fill_polygon(&diamond, t::ACCENT_SOFT);
        canvas.path(&diamond, true, Pen::new(0.6, t::INK));
        x += 2.0 * r + 2.0;
        item(canvas, &mut x, "里程碑 Milestone");
        let star = self.style(true, 7.5, tone(palette::CLIENT_ACTION));
        canvas.fill_rect(
            x,
            y - 3.4,
            star.width(CLIENT_ACTION_MARK) + 3.0,
            6.8,
            tone(palette::CLIENT_ACTION_ROW),
        );
        canvas.text(star, x + 1.5, y + 2.6, CLIENT_ACTION_MARK);
        x += star.width(CLIENT_ACTION_MARK) + 5.0;
        item(canvas, &mut x, &labels::CLIENT_ACTION.to_string());
        canvas.stroke_rect(x, y - 2.6, mm(5.0), 5.2, Pen::new(1.3, tone(palette::LATE)));
        x += mm(5.0) + 2.0;
        item(canvas, &mut x, "延误 Late");
        canvas.fill_rect(x, y - 2.6, mm(3.0), 5.2, tone(palette::NON_WORKING));
        canvas.stroke_rect(x, y - 2.6, mm(3.0), 5.2, Pen::new(0.3, t::RULE));
        x += mm(3.0) + 2.0;
        item(canvas, &mut x, "休息日 Day off");
        canvas.vline(
            x + 2.0,
            y - 3.0,
            y + 3.0,
            Pen::new(0.9, t::ACCENT).dashed(2.5, 1.5),
        );
        x += 6.0;
        item(canvas, &mut x, "今天 Today");

        let baseline = g.height - MARGIN - mm(1.0);
        canvas.hline(g.left, g.right, baseline - mm(4.2), 0.4, t::RULE);
        let small = self.style(false, t::SIZE_SMALL, t::MUTED);
        let left = format!(
            "{} · {} · {}",
            self.report.letterhead.agency_name.trim(),
            self.report.job_number,
            self.report.version_text()
        );
        canvas.text(small, g.left, baseline, &small.truncate(&left, mm(120.0)));
        if self.report.view == View::Internal {
            let mark = self.style(true, t::SIZE_SMALL, INTERNAL);
            let text = "内部文件 请勿发给客户  INTERNAL – not for the client";
            canvas.text(mark, (g.width - mark.width(text)) / 2.0, baseline, text);
        }
        canvas.text_right(small, g.right, baseline, &page_label(page, total));
    }

    /// The list of changes since the previous version, from `top` on the page `ops`,
    /// continuing on new pages as needed.
    fn changes(&self, pages: &mut Vec<Vec<Op>>, mut top: f32) {
        let Some(since) = self.report.changes_since else {
            return;
        };
        let g = self.g;
        let heading = self.style(true, 9.5, t::INK);
        let body = self.style(false, 8.0, t::INK);
        let line_height = body.line_height();
        let mut lines: Vec<String> = Vec::new();
        let changes = self.report.change_lines();
        if changes.is_empty() {
            lines.push(self.lang.pick("没有变化。", "No changes.").to_string());
        }
        for change in changes {
            let wrapped = body.wrap(&change, g.right - g.left - mm(5.0));
            for (i, line) in wrapped.into_iter().enumerate() {
                lines.push(if i == 0 {
                    format!("• {line}")
                } else {
                    format!("  {line}")
                });
            }
        }
        let title = format!(
            "{}  {} v{since} → {}",
            labels::CHANGES.zh,
            labels::CHANGES.en,
            self.report.version_text()
        );
        let needed = mm(8.0) + heading.line_height() + 2.0 * line_height;
        if top + needed > g.body_bottom {
            pages.push(Vec::new());
            top = g.body_top - TABLE_HEAD;
        } else {
            top += mm(6.0);
        }
        let page_height = g.height;
        let mut canvas_page = pages.len() - 1;
        {
            let mut canvas = Canvas::new(&mut pages[canvas_page], page_height);
            canvas.fill_rect(g.left, top, mm(1.2), heading.line_height(), t::ACCENT);
            canvas.text(
                heading,
                g.left + mm(3.0),
                heading.baseline(top, heading.line_height()),
                &title,
            );
        }
        top += heading.line_height() + mm(1.0);
        for line in lines {
            if top + line_height > g.body_bottom {
                pages.push(Vec::new());
                canvas_page = pages.len() - 1;
                top = g.table_top();
            }
            let mut canvas = Canvas::new(&mut pages[canvas_page], page_height);
            canvas.text(
                body,
                g.left + mm(3.0),
                body.baseline(top, line_height),
                &line,
            );
            top += line_height;
        }
    }
}

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
            bands.push(start..i);
            start = i;
            used = 0.0;
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
