//! The table and the timeline of a page: column header, months and days, shading, rows
//! and their bars.

use super::*;

impl Doc<'_> {
    pub(super) fn style(&self, bold: bool, size: f32, tone: Tone) -> Style<'_> {
        let face = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        Style::new(face, size, tone)
    }

    pub(super) fn pick(&self, label: Label) -> &'static str {
        self.lang.pick(label.zh, label.en)
    }

    pub(super) fn short_date(&self, d: NaiveDate) -> String {
        const ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        let weekday = d.weekday().num_days_from_monday() as usize;
        match self.lang {
            Lang::Zh => format!("{:02}/{:02} 周{}", d.month(), d.day(), ZH[weekday]),
            Lang::En => format!("{} {:02}/{:02}", d.format("%a"), d.month(), d.day()),
        }
    }

    pub(super) fn row_text(&self, row: &Row) -> RowText {
        let g = &self.g;
        let name_width = g.columns[1] - g.columns[0] - 2.0 * PAD_X - indent(row);
        let name_style = self.style(row.client_action || row.phase, SIZE_CELL, t::INK);
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
        // The owner under the party, the percentage under a running status: two lines.
        if !owner.is_empty() || row.status == TaskStatus::InProgress {
            height = height.max(LINE + NOTE_LINE);
        }
        RowText {
            name,
            note,
            owner,
            height: height + 2.0 * PAD_Y,
        }
    }

    /// Column labels in two languages, and months over days in the timeline.
    pub(super) fn table_header(&self, canvas: &mut Canvas<'_>, w: Window) {
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
    pub(super) fn timeline_grid(&self, canvas: &mut Canvas<'_>, w: Window, bottom: f32) {
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
    pub(super) fn row(
        &self,
        canvas: &mut Canvas<'_>,
        w: Window,
        row: &Row,
        text: &RowText,
        top: f32,
    ) {
        let g = &self.g;
        let action_tone = tone(palette::CLIENT_ACTION);
        let tint = match (row.client_action, row.phase) {
            (true, _) => Some(tone(palette::CLIENT_ACTION_ROW)),
            (false, true) => Some(t::TABLE_LABEL_FILL),
            (false, false) => None,
        };
        if let Some(fill) = tint {
            canvas.fill_rect(g.left, top, g.timeline_left() - g.left, text.height, fill);
        }
        let first = top + PAD_Y;
        let name_style = match (row.client_action, row.phase) {
            (true, _) => self.style(true, SIZE_CELL, action_tone),
            (false, true) => self.style(true, SIZE_CELL, t::INK),
            (false, false) => self.style(false, SIZE_CELL, t::INK),
        };
        let name_x = g.columns[0] + PAD_X + indent(row);
        let mut y = first;
        for line in &text.name {
            canvas.text(name_style, name_x, name_style.baseline(y, LINE), line);
            y += LINE;
        }
        let note = self.style(false, SIZE_NOTE, t::MUTED);
        for line in &text.note {
            canvas.text(note, name_x, note.baseline(y, NOTE_LINE), line);
            y += NOTE_LINE;
        }

        let cell = self.style(false, SIZE_CELL, t::INK);
        let baseline = cell.baseline(first, LINE);
        // A phase spans the tasks of several parties: its party is theirs, not its own.
        if !row.phase {
            canvas.text(
                cell,
                g.columns[1] + PAD_X,
                baseline,
                self.pick(party_label(row.party)),
            );
        }
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
        let (status_style, status) = match (row.status, row.at_risk) {
            (TaskStatus::Late, _) => (
                self.style(true, SIZE_CELL, tone(palette::LATE)),
                self.pick(status_label(row.status)),
            ),
            (_, true) => (
                self.style(true, SIZE_CELL, tone(palette::AT_RISK)),
                self.pick(labels::AT_RISK),
            ),
            (s, false) => (cell, self.pick(status_label(s))),
        };
        canvas.text(status_style, g.columns[4] + PAD_X, baseline, status);
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
    pub(super) fn bar(&self, canvas: &mut Canvas<'_>, w: Window, row: &Row, top: f32) {
        let left = self.g.timeline_left();
        let right = left + w.days as f32 * w.day_width;
        let clamp = |x: f32| x.clamp(left, right);
        if row.phase {
            let (a, b) = (w.x(left, row.start), w.x(left, row.end + Duration::days(1)));
            if b > left && a < right {
                self.phase_bar(canvas, a.max(left), b.min(right), top + 1.0);
                // The ends that fall inside this tile are marked; a cut end is not.
                let r = 2.4;
                let bottom = top + 1.0 + PHASE_BAR;
                for (x, inside) in [(a, a >= left), (b, b <= right)] {
                    if inside {
                        let shift = if x == a { r } else { -r };
                        let tip = [(x, bottom), (x + shift, bottom), (x, bottom + r)];
                        canvas.fill_polygon(&tip, PHASE);
                    }
                }
            }
            if row.status == TaskStatus::Late && b > left && a < right {
                let label = self.pick(status_label(TaskStatus::Late));
                let style = self.style(true, SIZE_NOTE, tone(palette::LATE));
                if b + 1.5 + style.width(label) <= right {
                    canvas.text(style, b + 1.5, top + BAR - 1.0, label);
                }
            }
            return;
        }
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
                _ if row.at_risk => canvas.stroke_rect(
                    a,
                    top,
                    b - a,
                    BAR,
                    Pen::new(1.1, tone(palette::AT_RISK)).dashed(2.0, 1.2),
                ),
                _ => {}
            }
            (shape_left, shape_right) = (a, b);
        }
        if let Some((start, end)) = row.actual {
            // Still running: up to the day the statuses are as of.
            let end = end.unwrap_or(self.report.status_date.max(start));
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

    /// The summary bar of a phase from `x0` to `x1`, its top at `top` (the legend's sample
    /// too).
    pub(super) fn phase_bar(&self, canvas: &mut Canvas<'_>, x0: f32, x1: f32, top: f32) {
        canvas.fill_rect(x0, top, x1 - x0, PHASE_BAR, PHASE);
    }

    /// The today line across the rows: on the working plan only (an issued version's
    /// statuses are those of its issue date, and the legend says so).
    pub(super) fn today_line(&self, canvas: &mut Canvas<'_>, w: Window, bottom: f32) {
        let Some(today) = self.report.today_line else {
            return;
        };
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
}

/// How far the row's name is indented: tasks inside a phase sit under it.
fn indent(row: &Row) -> f32 {
    match row.level {
        0 => 0.0,
        _ => INDENT,
    }
}
