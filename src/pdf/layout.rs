//! Placing things on pages: fonts registered with their metrics, a canvas that draws in
//! top-down points (as layouts are thought about) and a paginator that flows content over as
//! many A4 pages as needed, then adds each page's header and footer once the page count is
//! known.

use super::PdfError;
use super::bidi;
use super::fallback;
use super::metrics::{FontMetrics, Source};
use super::theme::{self, Tone};
use super::wrap::wrap_lines;
use printpdf::{
    FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt, Rect, TextItem, WindingOrder,
    XObjectId, XObjectTransform,
};

/// A font registered with the document, with the metrics to lay text out in it.
#[derive(Debug)]
pub struct Face {
    /// The document's handle for the font.
    pub id: FontId,
    /// Widths and coverage, for wrapping and placeholders.
    pub metrics: FontMetrics,
}

impl Face {
    /// Registers `font` with `doc`. Only fonts registered on the document that is saved are
    /// embedded (and subset), so every face used on a page must come from here.
    pub fn register(doc: &mut PdfDocument, font: ParsedFont) -> Face {
        let id = doc.add_font(&font);
        Face {
            id,
            metrics: FontMetrics::new(font),
        }
    }

    /// Parses font bytes and registers the font with `doc`.
    pub fn load(doc: &mut PdfDocument, bytes: &[u8]) -> Result<Face, PdfError> {
        let metrics = FontMetrics::parse(bytes)?;
        let id = doc.add_font(metrics.font());
        Ok(Face { id, metrics })
    }

    /// The document's handle for the font that draws a run from `source`: this face's own, or
    /// a fallback's (registered at save time, only if used: see [`super::fallback`]).
    pub fn font_id(&self, source: Source) -> &FontId {
        match source {
            Source::Main => &self.id,
            Source::Fallback(kind) => fallback::font_id(kind),
        }
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub struct Style<'f> {
    /// The font.
    pub face: &'f Face,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub tone: Tone,
}

impl<'f> Style<'f> {
    /// A style from its parts.
    pub fn new(face: &'f Face, size: f32, tone: Tone) -> Self {
        Style { face, size, tone }
    }

    /// Line height for this size ([`theme::LEADING`] times the size).
    pub fn line_height(&self) -> f32 {
        self.size * theme::LEADING
    }

    /// Width of `text` in this style, in points.
    pub fn width(&self, text: &str) -> f32 {
        self.face.metrics.text_width(text, self.size)
    }

    /// `text` made printable in this font and wrapped to `max_width` points.
    pub fn wrap(&self, text: &str, max_width: f32) -> Vec<String> {
        let printable = self.face.metrics.printable(text);
        wrap_lines(&printable, max_width, |c| {
            self.face.metrics.char_width(c, self.size)
        })
    }

    /// `text` shortened with `…` to fit `max_width` points in this style.
    pub fn truncate(&self, text: &str, max_width: f32) -> String {
        self.face
            .metrics
            .truncate_to_width(text, self.size, max_width)
    }

    /// `text` wrapped to `max_width` points, at most `max_lines` lines (the last one
    /// shortened with `…` when text is left over).
    pub fn wrap_at_most(&self, text: &str, max_width: f32, max_lines: usize) -> Vec<String> {
        let mut lines = self.wrap(text, max_width);
        if lines.len() > max_lines && max_lines > 0 {
            let rest = lines[max_lines - 1..].concat();
            lines.truncate(max_lines - 1);
            lines.push(self.truncate(&format!("{rest}…"), max_width));
        }
        lines
    }

    /// The baseline of a line whose box starts at `top` and is `line_height` tall: the CJK
    /// em box (0.88 above the baseline, 0.12 below) centred in the line box.
    pub fn baseline(&self, top: f32, line_height: f32) -> f32 {
        top + line_height / 2.0 + 0.38 * self.size
    }
}

/// Drawing on one page, in points measured from the top-left corner.
#[derive(Debug)]
pub struct Canvas<'p> {
    ops: &'p mut Vec<Op>,
    page_height: f32,
}

impl<'p> Canvas<'p> {
    /// Drawing into `ops`, the content of a page `page_height` points tall.
    pub fn new(ops: &'p mut Vec<Op>, page_height: f32) -> Canvas<'p> {
        Canvas { ops, page_height }
    }

    fn y(&self, from_top: f32) -> Pt {
        Pt(self.page_height - from_top)
    }

    fn point(&self, x: f32, from_top: f32) -> LinePoint {
        LinePoint {
            p: Point {
                x: Pt(x),
                y: self.y(from_top),
            },
            bezier: false,
        }
    }

    /// Draws one line of `text` with its baseline `baseline` points below the top edge. The
    /// text is made printable first (characters no font has become the placeholder), put in
    /// visual order (right-to-left runs reversed, see [`bidi`]), then drawn run by run, each
    /// in the font that has its characters (the main font or a fallback); each run starts
    /// where the one before it ends.
    pub fn text(&mut self, style: Style<'_>, x: f32, baseline: f32, text: &str) {
        let text = style.face.metrics.printable(text);
        if text.trim().is_empty() {
            return;
        }
        let text = bidi::visual(&text);
        let y = self.y(baseline);
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor {
                col: style.tone.color(),
            },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y },
            },
        ]);
        for (source, run) in style.face.metrics.runs(&text) {
            self.ops.extend([
                Op::SetFont {
                    font: PdfFontHandle::External(style.face.font_id(source).clone()),
                    size: Pt(style.size),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run.to_string())],
                },
            ]);
        }
        self.ops.push(Op::EndTextSection);
    }

    /// Draws `text` so that it ends at `right`.
    pub fn text_right(&mut self, style: Style<'_>, right: f32, baseline: f32, text: &str) {
        let width = style.width(&style.face.metrics.printable(text));
        self.text(style, right - width, baseline, text);
    }

    /// Fills a rectangle whose top-left corner is (`x`, `top`).
    pub fn fill_rect(&mut self, x: f32, top: f32, width: f32, height: f32, tone: Tone) {
        let y = self.y(top + height);
        self.ops.extend([
            Op::SetFillColor { col: tone.color() },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y,
                    width: Pt(width),
                    height: Pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
        ]);
    }

    /// Strokes the outline of a rectangle whose top-left corner is (`x`, `top`).
    pub fn stroke_rect(&mut self, x: f32, top: f32, width: f32, height: f32, pen: Pen) {
        let corners = [
            (x, top),
            (x + width, top),
            (x + width, top + height),
            (x, top + height),
        ];
        self.path(&corners, true, pen);
    }

    /// Fills the polygon through `corners` (x, points from the top edge).
    pub fn fill_polygon(&mut self, corners: &[(f32, f32)], tone: Tone) {
        let points = corners.iter().map(|&(x, y)| self.point(x, y)).collect();
        self.ops.extend([
            Op::SetFillColor { col: tone.color() },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    /// Fills the rectangles (`x`, `top`, width, height) as one path, so that rectangles
    /// that touch print as one shape, without the hairline seams viewers draw between
    /// separately filled neighbours (a QR code's modules).
    pub fn fill_rects(&mut self, rects: &[(f32, f32, f32, f32)], tone: Tone) {
        let rings = rects
            .iter()
            .map(|&(x, top, w, h)| PolygonRing {
                points: [(x, top + h), (x + w, top + h), (x + w, top), (x, top)]
                    .iter()
                    .map(|&(x, y)| self.point(x, y))
                    .collect(),
            })
            .collect();
        self.ops.extend([
            Op::SetFillColor { col: tone.color() },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    /// Strokes the line through `points` (x, points from the top edge), closed or open.
    pub fn path(&mut self, points: &[(f32, f32)], closed: bool, pen: Pen) {
        let points = points.iter().map(|&(x, y)| self.point(x, y)).collect();
        self.ops.extend([
            Op::SetOutlineColor {
                col: pen.tone.color(),
            },
            Op::SetOutlineThickness {
                pt: Pt(pen.thickness),
            },
        ]);
        if let Some(dash) = pen.dash {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &dash),
            });
        }
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: closed,
            },
        });
        if pen.dash.is_some() {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::solid(),
            });
        }
    }

    /// Strokes a horizontal rule from `x1` to `x2` at `y` points below the top edge.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, tone: Tone) {
        self.path(&[(x1, y), (x2, y)], false, Pen::new(thickness, tone));
    }

    /// Strokes a vertical line at `x` from `y1` to `y2` points below the top edge.
    pub fn vline(&mut self, x: f32, y1: f32, y2: f32, pen: Pen) {
        self.path(&[(x, y1), (x, y2)], false, pen);
    }

    /// Places an image `pixels` wide (square) as a `size`-point square at (`x`, `top`).
    pub fn image_square(&mut self, id: &XObjectId, pixels: usize, x: f32, top: f32, size: f32) {
        let dpi = pixels as f32 * 72.0 / size.max(1.0);
        self.ops.push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(self.y(top + size)),
                dpi: Some(dpi),
                ..Default::default()
            },
        });
    }
}

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pen {
    /// Width in points.
    pub thickness: f32,
    /// Colour.
    pub tone: Tone,
    /// Dash and gap lengths in points, or solid.
    pub dash: Option<[f32; 2]>,
}

impl Pen {
    /// A solid pen.
    pub const fn new(thickness: f32, tone: Tone) -> Pen {
        Pen {
            thickness,
            tone,
            dash: None,
        }
    }

    /// The same pen, dashed.
    pub const fn dashed(self, dash: f32, gap: f32) -> Pen {
        Pen {
            dash: Some([dash, gap]),
            ..self
        }
    }
}

/// Flows content down A4 pages, starting a new page whenever the next piece does not fit.
#[derive(Debug)]
pub struct Paginator {
    pages: Vec<Vec<Op>>,
    cursor: f32,
    top: f32,
    bottom: f32,
    page_height: f32,
}

impl Paginator {
    /// Starts page 1 with content at `first_top`; later pages start at `top`, and content
    /// never goes below `bottom` (all in points from the top edge of an A4 page).
    pub fn new(first_top: f32, top: f32, bottom: f32) -> Paginator {
        Paginator {
            pages: vec![Vec::new()],
            cursor: first_top,
            top,
            bottom: bottom.max(top + 1.0),
            page_height: theme::PAGE_HEIGHT,
        }
    }

    /// Where the next content starts, in points from the top edge.
    pub fn cursor(&self) -> f32 {
        self.cursor
    }

    /// Moves the cursor down by `dy` points (the caller made sure it fits, or does not care
    /// about the space it skips at a page end).
    pub fn advance(&mut self, dy: f32) {
        self.cursor += dy;
    }

    /// Space left on the current page, in points.
    pub fn room(&self) -> f32 {
        self.bottom - self.cursor
    }

    /// Height of the content area of a page after the first.
    pub fn page_room(&self) -> f32 {
        self.bottom - self.top
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.cursor = self.top;
    }

    /// Starts a new page unless `height` points still fit on this one (or this page is
    /// still empty, where nothing would be gained).
    pub fn ensure_room(&mut self, height: f32) {
        let fresh = self.pages.last().is_none_or(Vec::is_empty);
        if height > self.room() + 0.01 && !fresh {
            self.new_page();
        }
    }

    /// Drawing on the current page.
    pub fn canvas(&mut self) -> Canvas<'_> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        Canvas {
            ops: &mut self.pages[last],
            page_height: self.page_height,
        }
    }

    /// Draws already wrapped lines at `x`, one per `line_height`, breaking pages between
    /// lines as needed. Empty lines separate paragraphs; a paragraph never leaves its first
    /// line alone at the foot of a page nor its last line alone at the top of the next, and
    /// an empty line that falls on a page break is dropped.
    pub fn lines(&mut self, style: Style<'_>, x: f32, lines: &[String], line_height: f32) {
        let mut index = 0; // position of the line within its paragraph
        let mut paragraph = 0; // lines in the current paragraph
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                index = 0;
                let at_top = self.pages.len() > 1 && self.cursor <= self.top + 0.01;
                if line_height > self.room() {
                    self.new_page();
                } else if !at_top {
                    self.cursor += line_height;
                }
                continue;
            }
            if index == 0 {
                paragraph = lines[i..].iter().take_while(|l| !l.is_empty()).count();
            }
            let remaining = paragraph - index;
            let keep = if paragraph >= 2 && (index == 0 || (paragraph >= 3 && remaining == 2)) {
                2.0
            } else {
                1.0
            };
            self.ensure_room(keep * line_height);
            let baseline = style.baseline(self.cursor, line_height);
            self.canvas().text(style, x, baseline, line);
            self.cursor += line_height;
            index += 1;
        }
    }

    /// Finishes the document: `decorate(page, total, canvas)` draws each page's header and
    /// footer (1-based page number), then the pages become A4 [`PdfPage`]s.
    pub fn finish(
        mut self,
        mut decorate: impl FnMut(usize, usize, &mut Canvas<'_>),
    ) -> Vec<PdfPage> {
        let total = self.pages.len();
        let page_height = self.page_height;
        for (i, ops) in self.pages.iter_mut().enumerate() {
            let mut canvas = Canvas { ops, page_height };
            decorate(i + 1, total, &mut canvas);
        }
        self.pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginator_breaks_pages_only_when_content_does_not_fit() {
        let mut p = Paginator::new(10.0, 50.0, 100.0);
        p.ensure_room(80.0);
        assert_eq!(p.page_count(), 1, "an empty first page never breaks");
        p.canvas().fill_rect(0.0, 10.0, 1.0, 1.0, theme::RULE);
        p.advance(80.0);
        p.ensure_room(10.0);
        assert_eq!((p.page_count(), p.cursor()), (1, 90.0));
        p.ensure_room(10.5);
        assert_eq!((p.page_count(), p.cursor()), (2, 50.0));
        assert_eq!(p.page_room(), 50.0);
        let mut seen = Vec::new();
        let pages = p.finish(|n, total, _| seen.push((n, total)));
        assert_eq!(pages.len(), 2);
        assert_eq!(seen, vec![(1, 2), (2, 2)]);
    }

    /// Where each drawn line went: (page, cursor before it), from the text sections' count.
    fn flow(room_lines: usize, lines: &[&str]) -> (usize, f32) {
        let face = test_face();
        let style = Style::new(&face, 10.0, theme::INK);
        let mut p = Paginator::new(0.0, 0.0, room_lines as f32 * 10.0);
        p.canvas().fill_rect(0.0, 0.0, 1.0, 1.0, theme::RULE);
        let owned: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        p.lines(style, 0.0, &owned, 10.0);
        (p.page_count(), p.cursor())
    }

    fn test_face() -> Face {
        let font = ParsedFont::from_bytes(crate::fonts::NOTO_SANS_SC_REGULAR, 0, &mut Vec::new())
            .expect("bundled font parses");
        Face::register(&mut PdfDocument::new("test"), font)
    }

    #[test]
    fn a_line_switches_font_where_the_main_font_lacks_a_glyph() {
        let face = test_face();
        let mut ops = Vec::new();
        let style = Style::new(&face, 10.0, theme::INK);
        Canvas::new(&mut ops, 100.0).text(style, 0.0, 10.0, "吉田 𠮷野家 🎉 שלום!");
        let shown: Vec<(String, String)> = ops
            .windows(2)
            .filter_map(|pair| match pair {
                [
                    Op::SetFont {
                        font: PdfFontHandle::External(id),
                        ..
                    },
                    Op::ShowText { items },
                ] => {
                    let font = if *id == face.id {
                        "main".to_string()
                    } else {
                        crate::fonts::Fallback::ALL
                            .into_iter()
                            .find(|k| fallback::font_id(*k) == id)
                            .map_or("?".into(), |k| k.name().to_string())
                    };
                    let text = match items.as_slice() {
                        [TextItem::Text(t)] => t.clone(),
                        _ => String::new(),
                    };
                    Some((font, text))
                }
                _ => None,
            })
            .collect();
        let expected = [
            ("main", "吉田 "),
            ("fallback_hanamin", "𠮷"),
            ("main", "野家 "),
            ("fallback_noto_emoji", "🎉"),
            ("main", " "),
            // Drawn right to left: the letters reversed.
            ("fallback_dejavu_sans", "םולש"),
            ("main", "!"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .collect();
        assert_eq!(shown, expected);
        // One text section for the whole line: each run continues where the last one ended.
        let sections = ops
            .iter()
            .filter(|op| matches!(op, Op::StartTextSection))
            .count();
        assert_eq!(sections, 1);
    }

    #[test]
    fn paragraphs_leave_no_single_line_behind() {
        // Room for 3 lines: a 4-line paragraph would leave 1 line on page 2, so 2 go over.
        assert_eq!(flow(3, &["a", "b", "c", "d"]), (2, 20.0));
        // A 2-line paragraph starting on the last line moves over whole.
        assert_eq!(flow(3, &["a", "b", "", "c", "d"]), (2, 20.0));
        // A blank line that falls on the break is not carried to the next page.
        assert_eq!(flow(3, &["a", "b", "c", "", "d"]), (2, 10.0));
        // One line per paragraph needs no company.
        assert_eq!(flow(3, &["a", "b", "c"]), (1, 30.0));
    }
}
