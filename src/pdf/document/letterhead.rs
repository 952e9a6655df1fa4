//! The agency's letterhead: the full one at the top of a portrait document's first page,
//! and the compact line that heads every page of the landscape schedule.

use super::{Frame, LEFT, RIGHT, WIDTH};
use crate::pdf::layout::{Canvas, Style};
use crate::pdf::theme::{self as t, mm};
use crate::pdf::{Fonts, Logo};
use crate::reports::DocLang;
use crate::reports::Letterhead;

/// Size of the logo on the full letterhead.
const LOGO_SIZE: f32 = mm(15.0);
/// Size of the logo on the compact letterhead line.
const LINE_LOGO_SIZE: f32 = mm(10.0);

impl Frame<'_> {
    /// Logo and agency names on the left; address and phone on the right; a two-tone rule.
    pub(super) fn letterhead(&mut self, lh: &Letterhead, logo: &Logo) {
        let top = self.pages.cursor();
        let small = self.regular(t::SIZE_SMALL, t::MUTED);
        let name = self.bold(t::SIZE_AGENCY, t::INK);
        let name_en = self.regular(8.5, t::MUTED);
        let phone = match lh.phone.trim() {
            "" => String::new(),
            p => {
                let label = match self.lang {
                    DocLang::Zh => "电话",
                    DocLang::En => "Tel.",
                    DocLang::Both => "电话 Tel.",
                };
                format!("{label} {p}")
            }
        };
        let contact: Vec<String> = [lh.address.as_str(), phone.as_str()]
            .iter()
            .map(|l| small.truncate(l, WIDTH * 0.45))
            .collect();
        let right_width = contact.iter().map(|l| small.width(l)).fold(0.0, f32::max);
        let name_x = LEFT + LOGO_SIZE + mm(3.5);
        let name_max = RIGHT - right_width - mm(6.0) - name_x;
        let mut canvas = self.pages.canvas();
        canvas.image_square(&logo.id, logo.pixels, LEFT, top, LOGO_SIZE);
        canvas.text(
            name,
            name_x,
            top + mm(7.2),
            &name.truncate(&lh.agency_name, name_max),
        );
        let en = name_en.truncate(&lh.agency_name_en, name_max);
        canvas.text(name_en, name_x, top + mm(12.2), &en);
        for (i, line) in contact.iter().enumerate() {
            canvas.text_right(small, RIGHT, top + mm(7.2) + i as f32 * mm(4.2), line);
        }
        let rule = top + LOGO_SIZE + mm(3.5);
        canvas.hline(LEFT, RIGHT, rule, 1.6, t::ACCENT);
        canvas.hline(LEFT, RIGHT, rule + 2.4, 0.5, t::ACCENT_SOFT);
        self.pages.advance(rule + 2.4 - top + mm(8.0));
    }
}

/// The compact letterhead: a small logo with the agency's names beside it, from (`x`,
/// `top`), the names at most `max_width` points wide.
pub(in crate::pdf) fn letterhead_line(
    canvas: &mut Canvas<'_>,
    fonts: &Fonts,
    logo: &Logo,
    lh: &Letterhead,
    (x, top, max_width): (f32, f32, f32),
) {
    canvas.image_square(&logo.id, logo.pixels, x, top, LINE_LOGO_SIZE);
    let name_x = x + LINE_LOGO_SIZE + mm(2.5);
    let agency = Style::new(&fonts.bold, 10.5, t::INK);
    canvas.text(
        agency,
        name_x,
        top + mm(4.4),
        &agency.truncate(&lh.agency_name, max_width),
    );
    let agency_en = Style::new(&fonts.regular, 6.8, t::MUTED);
    canvas.text(
        agency_en,
        name_x,
        top + mm(8.4),
        &agency_en.truncate(&lh.agency_name_en, max_width),
    );
}
