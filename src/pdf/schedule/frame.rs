//! What frames every page: the document frame's compact letterhead line, title and job
//! facts above; the legend and the document frame's footer (document, job number, version,
//! page x / y) below; and the list of changes that closes the document.

use super::*;
use crate::pdf::document::{DocumentInfo, draw_footer, footer_text};
use crate::reports::DocLang;

impl Doc<'_> {
    /// The letterhead line, title, version, the internal mark and the facts of the job.
    pub(super) fn header(&self, canvas: &mut Canvas<'_>, window: Option<(usize, usize, Window)>) {
        let g = &self.g;
        let r = self.report;
        let top = MARGIN;
        crate::pdf::document::letterhead_line(
            canvas,
            self.fonts,
            self.logo,
            &r.letterhead,
            (g.left, top, mm(80.0)),
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

        // Version on the right, the internal or draft mark before it.
        let version = self.style(true, 12.0, t::ACCENT);
        let version_text = r.version_text();
        canvas.text_right(version, g.right, top + mm(6.5), &version_text);
        let mark = match (r.view, r.is_draft()) {
            (View::Internal, _) => Some((labels::INTERNAL, INTERNAL)),
            (View::Client, true) => Some((labels::DRAFT, DRAFT)),
            (View::Client, false) => None,
        };
        if let Some((label, fill)) = mark {
            let badge = self.style(true, 8.5, WHITE);
            let text = label.to_string();
            let width = badge.width(&text) + mm(4.0);
            let x = g.right - version.width(&version_text) - mm(4.0) - width;
            canvas.fill_rect(x, top + mm(1.6), width, mm(6.2), fill);
            canvas.text(badge, x + mm(2.0), top + mm(6.0), &text);
        }

        // Client · job · version · the day the statuses are as of (the issue date of a
        // version, the day of printing of the working plan, where its today line is), and
        // the period of a tiled page.
        let baseline = top + mm(14.5);
        let label = self.style(false, 7.0, t::MUTED);
        let value = self.style(true, 8.0, t::INK);
        let period = window
            .filter(|&(_, count, _)| count > 1)
            .map(|(index, count, w)| {
                format!(
                    "时间段 Period {} / {}：{}",
                    index + 1,
                    count,
                    self.period(w.first, w.last())
                )
            });
        let period_style = self.style(true, 8.0, t::ACCENT);
        let as_of = match r.version {
            Some(_) => labels::ISSUED_AS_OF,
            None => labels::PRINTED_AS_OF,
        };
        let mut facts = [
            (labels::CLIENT, r.client_name.trim().to_string()),
            (
                labels::JOB,
                format!("{}  {}", r.job_number, r.job_title.trim()),
            ),
            (labels::VERSION, version_text),
            (as_of, crate::domain::format::date(r.status_date, self.lang)),
        ];
        for fact in facts.iter_mut() {
            fact.1 = value.truncate(&fact.1, mm(90.0));
        }
        // The job's title gives way when the facts and the period do not fit on the line.
        let gap = mm(6.0);
        let room = g.right - g.left - period.as_ref().map_or(0.0, |p| period_style.width(p) + gap);
        let needed: f32 = facts
            .iter()
            .map(|(name, text)| label.width(&format!("{name}  ")) + value.width(text) + gap)
            .sum();
        if needed > room {
            let job = &mut facts[1].1;
            let width = (value.width(job) - (needed - room)).max(mm(20.0));
            *job = value.truncate(job, width);
        }
        let mut x = g.left;
        for (name, text) in facts {
            let name = format!("{name}  ");
            canvas.text(label, x, baseline, &name);
            x += label.width(&name);
            canvas.text(value, x, baseline, &text);
            x += value.width(&text) + gap;
        }
        if let Some(text) = period {
            canvas.text_right(period_style, g.right, baseline, &text);
        }
        let rule = top + mm(17.5);
        canvas.hline(g.left, g.right, rule, 1.2, t::ACCENT);
        canvas.hline(g.left, g.right, rule + 2.0, 0.4, t::ACCENT_SOFT);
    }

    /// `2026年3月2日 – 7月12日`: the days of a tile, the year once when both are in it.
    fn period(&self, first: NaiveDate, last: NaiveDate) -> String {
        let full = |d| crate::domain::format::date(d, self.lang);
        match (first.year() == last.year(), self.lang) {
            (true, Lang::Zh) => format!("{} – {}月{}日", full(first), last.month(), last.day()),
            (true, Lang::En) => format!("{} – {}", full(first), last.format("%m-%d")),
            (false, _) => format!("{} – {}", full(first), full(last)),
        }
    }

    /// The legend and the footer of a page.
    pub(super) fn foot(&self, canvas: &mut Canvas<'_>, page: usize, total: usize) {
        let g = &self.g;
        let y = g.height - MARGIN - mm(8.0);
        let text = self.style(false, 6.4, t::INK);
        let mut x = g.left;
        let gap = mm(2.6);
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
        canvas.stroke_rect(
            x,
            y - 2.6,
            mm(5.0),
            5.2,
            Pen::new(1.1, tone(palette::AT_RISK)).dashed(2.0, 1.2),
        );
        x += mm(5.0) + 2.0;
        item(canvas, &mut x, &labels::AT_RISK.to_string());
        canvas.fill_rect(x, y - 2.6, mm(3.0), 5.2, tone(palette::NON_WORKING));
        canvas.stroke_rect(x, y - 2.6, mm(3.0), 5.2, Pen::new(0.3, t::RULE));
        x += mm(3.0) + 2.0;
        item(canvas, &mut x, "休息日 Day off");
        if self.report.has_phases() {
            self.phase_bar(canvas, x, x + mm(6.0), y - 1.6);
            x += mm(6.0) + 2.0;
            item(canvas, &mut x, &labels::PHASE.to_string());
        }
        // The working plan: a today line, statuses of the day. An issued version: no line,
        // statuses of its issue date (the header says 状态截至 / Status as of).
        if self.report.today_line.is_some() {
            canvas.vline(
                x + 2.0,
                y - 3.0,
                y + 3.0,
                Pen::new(0.9, t::ACCENT).dashed(2.5, 1.5),
            );
            x += 6.0;
            item(canvas, &mut x, "今天 Today");
        }

        let baseline = g.height - MARGIN - mm(1.0);
        let small = self.style(false, t::SIZE_SMALL, t::MUTED);
        let letterhead = &self.report.letterhead;
        let info = DocumentInfo {
            letterhead,
            name: DocLang::Both.caption(labels::TITLE),
            number: self.report.job_number.clone(),
            detail: self.report.job_title.clone(),
            version: self.report.version_text(),
            content_hash: self.report.content_hash.as_deref(),
            lang: DocLang::Both,
        };
        let text = footer_text(&info, DocLang::Both);
        let place = (g.left, g.right, baseline);
        draw_footer(canvas, small, place, &text, page, total, DocLang::Both);
        if self.report.view == View::Internal {
            let mark = self.style(true, t::SIZE_SMALL, INTERNAL);
            let text = "内部文件 请勿发给客户  INTERNAL – not for the client";
            canvas.text(mark, (g.width - mark.width(text)) / 2.0, baseline, text);
        } else if self.report.is_draft() {
            let mark = self.style(true, t::SIZE_SMALL, DRAFT);
            let text = format!("{}  {}", labels::DRAFT_NOTE.zh, labels::DRAFT_NOTE.en);
            canvas.text(mark, (g.width - mark.width(&text)) / 2.0, baseline, &text);
        }
    }

    /// The list of changes since the previous version, from `top` on the page `ops`,
    /// continuing on new pages as needed.
    pub(super) fn changes(&self, pages: &mut Vec<Vec<Op>>, mut top: f32) {
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
