//! A small page-flow engine on top of printpdf's drawing operations: a cursor that runs down
//! A4 pages, wrapped text, tables whose rows break across pages, and a few shapes. Positions
//! are in points, measured from the top of the page (printpdf counts from the bottom).

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt,
    Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::{Face, Fonts};
use super::wrap::{ellipsize, wrap};

pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 51.0;
pub const TOP: f32 = 50.0;
/// Room kept free at the bottom for the footer.
pub const BOTTOM: f32 = 62.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb3(pub f32, pub f32, pub f32);

impl Rgb3 {
    pub const fn hex(v: u32) -> Rgb3 {
        Rgb3(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }

    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: self.0,
            g: self.1,
            b: self.2,
            icc_profile: None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb3,
}

impl Style {
    pub const fn new(face: Face, size: f32, color: Rgb3) -> Style {
        Style { face, size, color }
    }

    pub const fn with_color(self, color: Rgb3) -> Style {
        Style { color, ..self }
    }

    pub const fn with_face(self, face: Face) -> Style {
        Style { face, ..self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// The baseline of a line of `size` text in a line box `leading` high, centred on the
/// capitals: DejaVu's cap height is 0.73 em.
pub fn baseline(top: f32, leading: f32, size: f32) -> f32 {
    top + leading / 2.0 + 0.365 * size
}

pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    ids: [FontId; 2],
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Distance of the cursor from the top of the current page.
    pub y: f32,
    /// Drawn at the top of every page after the first.
    running_head: Option<(String, Style)>,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts, regular: FontId, bold: FontId) -> Layout<'f> {
        Layout {
            fonts,
            ids: [regular, bold],
            pages: Vec::new(),
            ops: Vec::new(),
            y: TOP,
            running_head: None,
        }
    }

    pub fn set_running_head(&mut self, text: String, style: Style) {
        self.running_head = Some((text, style));
    }

    pub fn bottom(&self) -> f32 {
        PAGE_H - BOTTOM
    }

    pub fn space_left(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn need(&mut self, height: f32) {
        if height > self.space_left() {
            self.new_page();
        }
    }

    pub fn at_page_top(&self) -> bool {
        self.y <= self.content_top() + 0.01
    }

    fn content_top(&self) -> f32 {
        if self.pages.is_empty() {
            TOP
        } else {
            TOP + 22.0
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = TOP;
        if let Some((text, style)) = self.running_head.clone() {
            let text = self.fit(&text, CONTENT_W, style);
            self.text(MARGIN_X, baseline(TOP, 12.0, style.size), &text, style);
            self.hline(TOP + 15.0, 0.5, Rgb3::hex(0xc8ced6));
        }
        self.y = self.content_top();
    }

    /// Moves the cursor down; at the top of a page a gap is pointless and dropped.
    pub fn gap(&mut self, height: f32) {
        if !self.at_page_top() {
            self.y += height;
        }
    }

    /// The finished pages, each with the footer `footer(page_index, page_count)` drawn on it.
    pub fn finish(mut self, footer: impl Fn(&mut Layout<'f>, usize, usize)) -> Vec<Vec<Op>> {
        self.pages.push(std::mem::take(&mut self.ops));
        let pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        let mut done = Vec::with_capacity(count);
        for (i, ops) in pages.into_iter().enumerate() {
            self.ops = ops;
            footer(&mut self, i, count);
            done.push(std::mem::take(&mut self.ops));
        }
        done
    }

    // ---- measuring --------------------------------------------------------------------------

    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(style.face, text, style.size)
    }

    pub fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        wrap(text, width, |c| {
            self.fonts.char_width(style.face, c, style.size)
        })
    }

    pub fn fit(&self, text: &str, width: f32, style: Style) -> String {
        ellipsize(text, width, |c| {
            self.fonts.char_width(style.face, c, style.size)
        })
    }

    // ---- drawing at fixed positions -------------------------------------------------------

    /// One line of text with its baseline at `baseline`. Characters the asked-for face lacks
    /// are drawn in the other face.
    /// A line with right-to-left text is drawn in visual order (see [`super::bidi`]).
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.trim().is_empty() {
            return;
        }
        let text = super::bidi::visual_order(text);
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor {
            col: style.color.color(),
        });
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_H - baseline)),
        });
        let mut run = String::new();
        let mut run_face = None;
        for c in text.chars() {
            let face = self.fonts.face_for(style.face, c);
            if run_face.is_some_and(|f| f != face) {
                self.show(run_face, &mut run, style.size);
            }
            run_face = Some(face);
            run.push(c);
        }
        self.show(run_face, &mut run, style.size);
        self.ops.push(Op::EndTextSection);
    }

    fn show(&mut self, face: Option<Face>, run: &mut String, size: f32) {
        let Some(face) = face else { return };
        if run.is_empty() {
            return;
        }
        let id = match face {
            Face::Regular => &self.ids[0],
            Face::Bold => &self.ids[1],
        };
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(size),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(std::mem::take(run))],
        });
    }

    pub fn text_aligned(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        text: &str,
        style: Style,
        align: Align,
    ) {
        let w = self.width(text, style);
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - w,
            Align::Center => x + (width - w) / 2.0,
        };
        self.text(x, baseline, text, style);
    }

    pub fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, fill: Rgb3) {
        self.ops.push(Op::SetFillColor { col: fill.color() });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_H - top - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// A filled rectangle with rounded corners of radius `r`.
    pub fn round_rect(&mut self, x: f32, top: f32, w: f32, h: f32, r: f32, fill: Rgb3) {
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        // Control-point distance for a quarter circle drawn with one cubic Bézier.
        let k = r * 0.552_284_8;
        let (x0, x1) = (x, x + w);
        let (y0, y1) = (PAGE_H - top - h, PAGE_H - top);
        let p = |x: f32, y: f32, bezier: bool| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier,
        };
        let points = vec![
            p(x0 + r, y0, false),
            p(x1 - r, y0, false),
            p(x1 - r + k, y0, true),
            p(x1, y0 + r - k, true),
            p(x1, y0 + r, false),
            p(x1, y1 - r, false),
            p(x1, y1 - r + k, true),
            p(x1 - r + k, y1, true),
            p(x1 - r, y1, false),
            p(x0 + r, y1, false),
            p(x0 + r - k, y1, true),
            p(x0, y1 - r + k, true),
            p(x0, y1 - r, false),
            p(x0, y0 + r, false),
            p(x0, y0 + r - k, true),
            p(x0 + r - k, y0, true),
            p(x0 + r, y0, false),
        ];
        self.ops.push(Op::SetFillColor { col: fill.color() });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32, color: Rgb3) {
        let p = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier: false,
        };
        self.ops.push(Op::SetOutlineColor { col: color.color() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![p(from), p(to)],
                is_closed: false,
            },
        });
    }

    /// A horizontal rule across the content width at `y`.
    pub fn hline(&mut self, y: f32, thickness: f32, color: Rgb3) {
        self.line((MARGIN_X, y), (PAGE_W - MARGIN_X, y), thickness, color);
    }

    // ---- flowing content ------------------------------------------------------------------

    /// Already wrapped lines, one `leading` apart, at `x`, breaking pages as needed.
    pub fn lines(&mut self, lines: &[String], x: f32, style: Style, leading: f32) {
        for line in lines {
            self.need(leading);
            self.text(x, baseline(self.y, leading, style.size), line, style);
            self.y += leading;
        }
    }

    /// Wraps `text` into `width` and flows it down the pages.
    pub fn paragraph(&mut self, text: &str, x: f32, width: f32, style: Style, leading: f32) {
        let lines = self.wrap(text, width, style);
        self.lines(&lines, x, style, leading);
    }
}

/// One cell of a table row: wrapped lines in one style, over `span` columns.
pub struct Cell {
    pub lines: Vec<String>,
    pub style: Style,
    pub align: Align,
    pub span: usize,
}

impl Cell {
    pub fn empty() -> Cell {
        Cell {
            lines: Vec::new(),
            style: Style::new(Face::Regular, 1.0, Rgb3(0.0, 0.0, 0.0)),
            align: Align::Left,
            span: 1,
        }
    }
}

/// A table with fixed column widths whose rows may grow and break across pages; the header
/// row is repeated on every page the table continues on.
pub struct Table {
    pub x: f32,
    pub widths: Vec<f32>,
    pub pad_x: f32,
    pub pad_y: f32,
    pub leading: f32,
    pub header: Option<(Vec<String>, Style, Rgb3)>,
    /// How each column's header is aligned (left when missing).
    pub header_align: Vec<Align>,
    pub rule: Option<Rgb3>,
}

/// Column widths for `available` points: every column gets what its longest line needs when
/// that fits; otherwise each gets its minimum (or less, if it needs less) and the rest is
/// shared in proportion to how much more each would like.
pub fn fit_columns(natural: &[f32], min: &[f32], available: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= available {
        let extra = available - total;
        return natural
            .iter()
            .map(|n| n + if total > 0.0 { extra * n / total } else { 0.0 })
            .collect();
    }
    let floor: Vec<f32> = natural.iter().zip(min).map(|(n, m)| n.min(*m)).collect();
    let left = (available - floor.iter().sum::<f32>()).max(0.0);
    let wants: Vec<f32> = natural.iter().zip(&floor).map(|(n, f)| n - f).collect();
    let want: f32 = wants.iter().sum();
    floor
        .iter()
        .zip(&wants)
        .map(|(f, w)| f + if want > 0.0 { left * w / want } else { 0.0 })
        .collect()
}

impl Table {
    pub fn width(&self) -> f32 {
        self.widths.iter().sum()
    }

    /// Wraps `text` for column `col`.
    pub fn cell(&self, l: &Layout, col: usize, text: &str, style: Style, align: Align) -> Cell {
        self.cell_span(l, col, 1, text, style, align)
    }

    /// Wraps `text` for the `span` columns starting at `col`.
    pub fn cell_span(
        &self,
        l: &Layout,
        col: usize,
        span: usize,
        text: &str,
        style: Style,
        align: Align,
    ) -> Cell {
        let inner = self.span_width(col, span) - 2.0 * self.pad_x;
        Cell {
            lines: l.wrap(text, inner.max(1.0), style),
            style,
            align,
            span: span.max(1),
        }
    }

    fn col_x(&self, col: usize) -> f32 {
        self.x + self.widths.iter().take(col).sum::<f32>()
    }

    fn span_width(&self, col: usize, span: usize) -> f32 {
        self.widths.iter().skip(col).take(span.max(1)).sum()
    }

    pub fn draw_header(&self, l: &mut Layout) {
        let Some((titles, style, bg)) = &self.header else {
            return;
        };
        let cells: Vec<Cell> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let align = self.header_align.get(i).copied().unwrap_or(Align::Left);
                self.cell(l, i, t, *style, align)
            })
            .collect();
        let n = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let h = n as f32 * self.leading + 2.0 * self.pad_y;
        l.need(h + self.leading + 2.0 * self.pad_y);
        l.rect(self.x, l.y, self.width(), h, *bg);
        self.draw_cells(l, &cells, 0, n);
        l.y += h;
    }

    fn draw_cells(&self, l: &mut Layout, cells: &[Cell], from: usize, to: usize) {
        // One baseline per line across the row, even where sizes differ.
        let size = cells
            .iter()
            .filter(|c| !c.lines.is_empty())
            .map(|c| c.style.size)
            .fold(0.0, f32::max);
        let mut col = 0;
        for cell in cells {
            let x = self.col_x(col) + self.pad_x;
            let w = self.span_width(col, cell.span) - 2.0 * self.pad_x;
            col += cell.span;
            let end = to.min(cell.lines.len());
            for (i, line) in cell.lines.iter().enumerate().take(end).skip(from) {
                let top = l.y + self.pad_y + (i - from) as f32 * self.leading;
                let b = baseline(top, self.leading, size);
                l.text_aligned(x, w, b, line, cell.style, cell.align);
            }
        }
    }

    /// Draws one row with a rule under it. A row that does not fit moves to the next page; a
    /// row taller than a whole page is split between its lines.
    pub fn row(&self, l: &mut Layout, cells: &[Cell]) {
        self.row_ruled(l, cells, true);
    }

    /// [`Table::row`], with the rule under the row only if `rule_after`: a row continued by
    /// the next one.
    pub fn row_ruled(&self, l: &mut Layout, cells: &[Cell], rule_after: bool) {
        let n = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let height = |lines: usize| lines as f32 * self.leading + 2.0 * self.pad_y;
        let full_page = l.bottom() - TOP - 22.0 - self.header_height(l);
        // A short row moves to the next page whole; a long one starts here if a few of its
        // lines fit, rather than leaving half a page empty.
        let lines_here = ((l.space_left() - 2.0 * self.pad_y) / self.leading).floor();
        let short = n <= 6 && height(n) <= full_page;
        if height(n) > l.space_left() && (short || lines_here < 3.0) {
            self.continue_on_next_page(l);
        }
        let mut from = 0;
        let mut fresh = false;
        while from < n {
            let fit = ((l.space_left() - 2.0 * self.pad_y) / self.leading).floor();
            let fit = match fit {
                f if f >= 1.0 => f as usize,
                // Even a fresh page has no room for a line: draw one anyway, never loop.
                _ if fresh => 1,
                _ => {
                    self.continue_on_next_page(l);
                    fresh = true;
                    continue;
                }
            };
            fresh = false;
            let to = (from + fit).min(n);
            self.draw_cells(l, cells, from, to);
            l.y += height(to - from);
            if let Some(rule) = self.rule.filter(|_| rule_after || to < n) {
                l.line((self.x, l.y), (self.x + self.width(), l.y), 0.5, rule);
            }
            from = to;
            if from < n {
                self.continue_on_next_page(l);
                fresh = true;
            }
        }
    }

    fn header_height(&self, l: &Layout) -> f32 {
        match &self.header {
            Some((titles, style, _)) => {
                let n = titles
                    .iter()
                    .enumerate()
                    .map(|(i, t)| self.cell(l, i, t, *style, Align::Left).lines.len())
                    .max()
                    .unwrap_or(1);
                n as f32 * self.leading + 2.0 * self.pad_y
            }
            None => 0.0,
        }
    }

    fn continue_on_next_page(&self, l: &mut Layout) {
        l.new_page();
        self.draw_header(l);
    }
}
