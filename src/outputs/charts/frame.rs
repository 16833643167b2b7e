//! The pieces every chart is built from: the page (background, title, subtitle, footnote), the
//! "Not enough data yet" panel, linear scales with round-number ticks, axes and grid, legends,
//! point markers, hatched fills and dashed lines. All positions are in pixels of the area.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::style::{ChartStyle, Hatch, Marker, luminance};
use super::text::{self, Align, Label};

/// A rectangle in pixels, `x0 < x1`, `y0 < y1` (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
    pub fn corners(&self) -> [(i32, i32); 2] {
        [pt((self.x0, self.y0)), pt((self.x1, self.y1))]
    }
}

pub(crate) fn pt((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// Maps data values linearly onto pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Linear {
    pub fn new((d0, d1): (f64, f64), (p0, p1): (f64, f64)) -> Self {
        // A zero-width domain would divide by zero; widen it around its value.
        let (d0, d1) = if (d1 - d0).abs() < 1e-12 {
            (d0 - 0.5, d1 + 0.5)
        } else {
            (d0, d1)
        };
        Self { d0, d1, p0, p1 }
    }
    pub fn map(&self, v: f64) -> f64 {
        self.p0 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)
    }
}

/// A round step giving about `target` intervals over `span`.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    let raw = (span.abs() / target.max(1) as f64).max(1e-12);
    let magnitude = 10f64.powf(raw.log10().floor());
    let normalised = raw / magnitude;
    let nice = if normalised <= 1.0 {
        1.0
    } else if normalised <= 2.0 {
        2.0
    } else if normalised <= 2.5 {
        2.5
    } else if normalised <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Round-number ticks within `[lo, hi]`.
pub(crate) fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let step = nice_step(hi - lo, target);
    let first = (lo / step).ceil() * step;
    let mut out = Vec::new();
    let mut i = 0.0;
    loop {
        let v = first + i * step;
        if v > hi + step * 1e-9 {
            break;
        }
        // Avoid "-0" and float dust.
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        i += 1.0;
    }
    out
}

/// A number with as many decimals as the tick step needs.
pub(crate) fn format_number(v: f64, step: f64) -> String {
    // The fewest decimals that write the step exactly (0.25 needs two, 0.5 one).
    let decimals = (0..4)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(4) as usize;
    format!("{v:.decimals$}")
}

pub(crate) use crate::model::text::percent;

/// Paint the background, title, subtitle and footnote; returns the rectangle left for the chart.
pub(crate) fn page<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    title: &str,
    subtitle: &str,
    footnote: &str,
) -> Result<Rect, ChartError> {
    // Every chart starts here, so the draw functions also work when called on their own.
    super::register_font()?;
    area.fill(&style.background())?;
    let m = style.margin();
    let (w, h) = (style.width_px, style.height_px);
    let inner = w - 2.0 * m;

    let title = Label::new(title, style.title_px(), inner, 1);
    title.draw(area, style, (m, m), Align::Left, &style.text())?;
    let mut y = m + title.height();
    if !subtitle.is_empty() {
        let sub = Label::new(subtitle, style.subtitle_px(), inner, 1);
        y += style.px(14.0);
        sub.draw(area, style, (m, y), Align::Left, &style.muted())?;
        y += sub.height();
    }
    let top = y + style.px(28.0);

    let mut bottom = h - m;
    if !footnote.is_empty() {
        let note = Label::new(footnote, style.small_px(), inner, 3);
        let note_top = h - m * 0.75 - note.height();
        note.draw(area, style, (m, note_top), Align::Left, &style.muted())?;
        bottom = note_top - style.px(22.0);
    }
    Ok(Rect {
        x0: m,
        y0: top,
        x1: w - m,
        y1: bottom.max(top + 1.0),
    })
}

/// What follows a subtitle when the chart's figures are withheld by the disclosure rule; the
/// reason comes after it.
pub(crate) const WITHHELD_MARK: &str = " · withheld: ";

/// The panel shown instead of a chart that has nothing to show yet. When the subtitle says the
/// figures are withheld, the panel says so: "nobody has answered yet" would send a facilitator
/// whose room has answered looking for lost answers.
pub(crate) fn not_enough_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    title: &str,
    subtitle: &str,
    message: &str,
) -> Result<(), ChartError> {
    let withheld = subtitle.split_once(WITHHELD_MARK).map(|(_, reason)| {
        format!(
            "Hidden to keep answers anonymous ({reason}). The chart appears once enough people \
             have answered."
        )
    });
    let message = withheld.as_deref().unwrap_or(message);
    let content = page(area, style, title, subtitle, "")?;
    let (cx, cy) = content.centre();
    let pw = (content.width() * 0.6).max(style.px(300.0));
    let ph = (content.height() * 0.42).max(style.px(160.0));
    let panel = Rect {
        x0: cx - pw / 2.0,
        y0: cy - ph / 2.0,
        x1: cx + pw / 2.0,
        y1: cy + ph / 2.0,
    };
    area.draw(&Rectangle::new(panel.corners(), style.panel().filled()))?;
    area.draw(&Rectangle::new(
        panel.corners(),
        style.grid().stroke_width(style.line_px(2.0)),
    ))?;
    let heading = Label::new("Not enough data yet", style.font_px(36.0), pw * 0.9, 1);
    let body = Label::new(message, style.label_px(), pw * 0.8, 3);
    let gap = style.px(22.0);
    let total = heading.height() + gap + body.height();
    let top = cy - total / 2.0;
    heading.draw(area, style, (cx, top), Align::Centre, &style.text())?;
    body.draw(
        area,
        style,
        (cx, top + heading.height() + gap),
        Align::Centre,
        &style.muted(),
    )?;
    Ok(())
}

/// One axis: its scale, labelled ticks and title.
pub(crate) struct Axis {
    pub scale: Linear,
    pub ticks: Vec<(f64, String)>,
    pub title: String,
}

impl Axis {
    /// An axis with round-number ticks over `range`, drawn onto pixels `(p0, p1)`.
    pub fn numeric(
        range: (f64, f64),
        pixels: (f64, f64),
        target_ticks: usize,
        title: &str,
    ) -> Self {
        let step = nice_step(range.1 - range.0, target_ticks);
        let ticks = ticks(range.0, range.1, target_ticks)
            .into_iter()
            .map(|v| (v, format_number(v, step)))
            .collect();
        Self {
            scale: Linear::new(range, pixels),
            ticks,
            title: title.to_string(),
        }
    }

    /// Same ticks, labels rewritten (e.g. as percentages).
    pub fn relabel(mut self, f: impl Fn(f64) -> String) -> Self {
        for (v, label) in &mut self.ticks {
            *label = f(*v);
        }
        self
    }

    /// Widest tick label at `size`.
    pub fn label_width(&self, size: f64) -> f64 {
        self.ticks
            .iter()
            .map(|(_, l)| text::width(l, size))
            .fold(0.0, f64::max)
    }
}

/// Space a y axis needs left of the plot: title, gap, tick labels, gap.
pub(crate) fn y_axis_gutter(style: &ChartStyle, tick_label_width: f64, has_title: bool) -> f64 {
    let title = if has_title {
        style.axis_title_px() * 0.9 + style.px(18.0)
    } else {
        0.0
    };
    title + tick_label_width + style.px(14.0)
}

/// Space an x axis needs below the plot.
pub(crate) fn x_axis_gutter(style: &ChartStyle, has_title: bool) -> f64 {
    let ticks = style.px(12.0) + style.label_px() * text::CAP_HEIGHT;
    let title = if has_title {
        style.px(22.0) + style.axis_title_px() * 0.85
    } else {
        0.0
    };
    ticks + title + style.px(4.0)
}

/// Grid lines, axis lines, tick labels and titles around `plot`.
pub(crate) fn axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    plot: Rect,
    x: Option<&Axis>,
    y: Option<&Axis>,
) -> Result<(), ChartError> {
    let grid = style.grid().stroke_width(style.line_px(1.0));
    let axis_line = style.axis().stroke_width(style.line_px(1.5));
    let size = style.label_px();
    if let Some(y) = y {
        for (v, label) in &y.ticks {
            let py = y.scale.map(*v);
            area.draw(&PathElement::new(
                vec![pt((plot.x0, py)), pt((plot.x1, py))],
                grid,
            ))?;
            text::line(
                area,
                style,
                label,
                (plot.x0 - style.px(12.0), py - size * text::CAP_HEIGHT / 2.0),
                Align::Right,
                size,
                &style.muted(),
            )?;
        }
        if !y.title.is_empty() {
            let title_size = style.axis_title_px();
            let x_left = plot.x0 - y_axis_gutter(style, y.label_width(size), true);
            let title = text::ellipsize(&y.title, title_size, plot.height());
            if title != y.title {
                style.record_shortened(std::slice::from_ref(&title), &y.title);
            }
            text::vertical_line(
                area,
                style,
                &title,
                (x_left, plot.centre().1),
                title_size,
                &style.text(),
            )?;
        }
    }
    if let Some(x) = x {
        for (v, label) in &x.ticks {
            let px = x.scale.map(*v);
            area.draw(&PathElement::new(
                vec![pt((px, plot.y0)), pt((px, plot.y1))],
                grid,
            ))?;
            text::line(
                area,
                style,
                label,
                (px, plot.y1 + style.px(12.0)),
                Align::Centre,
                size,
                &style.muted(),
            )?;
        }
        if !x.title.is_empty() {
            let title_size = style.axis_title_px();
            let title = Label::new(&x.title, title_size, plot.width(), 1);
            let top = plot.y1 + style.px(12.0) + size * text::CAP_HEIGHT + style.px(22.0);
            title.draw(
                area,
                style,
                (plot.centre().0, top),
                Align::Centre,
                &style.text(),
            )?;
        }
    }
    area.draw(&PathElement::new(
        vec![
            pt((plot.x0, plot.y0)),
            pt((plot.x0, plot.y1)),
            pt((plot.x1, plot.y1)),
        ],
        axis_line,
    ))?;
    Ok(())
}

/// What a legend entry shows before its label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    Swatch(RGBColor, Hatch),
    Marker(Marker, RGBColor),
    /// A translucent band with its edge line (spread around a mean).
    Band(RGBColor),
    /// A bar with an interval whisker.
    Whisker(RGBColor),
    Line(RGBColor),
}

pub(crate) struct LegendItem {
    pub key: Key,
    pub label: String,
}

/// Lay out and draw a legend in rows, right-aligned to `right` starting at `top`; returns its
/// height. Entries wrap to new rows when `max_width` is reached.
pub(crate) fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    items: &[LegendItem],
    right: f64,
    top: f64,
    max_width: f64,
) -> Result<f64, ChartError> {
    let size = style.label_px();
    let key_w = style.px(30.0);
    let key_gap = style.px(10.0);
    let item_gap = style.px(32.0);
    let row_h = size * 1.35;
    // One long entry should not push the others off: each label is capped in width and wraps
    // onto further lines rather than being cut.
    let max_label = (max_width - key_w - key_gap)
        .min(style.px(620.0))
        .max(style.px(60.0));
    let labels: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let (lines, cut) = text::wrap(&item.label, size, max_label, 3);
            if cut {
                style.record_shortened(&lines, &item.label);
            }
            lines
        })
        .collect();
    let widths: Vec<f64> = labels
        .iter()
        .map(|lines| {
            let widest = lines
                .iter()
                .map(|l| text::width(l, size))
                .fold(0.0, f64::max);
            key_w + key_gap + widest
        })
        .collect();
    // Break into rows.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut row_width = 0.0;
    for (i, w) in widths.iter().enumerate() {
        let needed = if row_width > 0.0 { item_gap + w } else { *w };
        if row_width > 0.0 && row_width + needed > max_width {
            rows.push(Vec::new());
            row_width = 0.0;
        }
        row_width += if row_width > 0.0 { item_gap + w } else { *w };
        rows.last_mut().expect("rows start non-empty").push(i);
    }
    let mut cap_top = top;
    for row in &rows {
        let total: f64 =
            row.iter().map(|&i| widths[i]).sum::<f64>() + item_gap * (row.len().max(1) - 1) as f64;
        let mut x = right - total;
        let mid = cap_top + size * text::CAP_HEIGHT / 2.0;
        let mut lines_in_row = 1;
        for &i in row {
            legend_key(area, style, items[i].key, (x, mid), key_w, size)?;
            for (l, line) in labels[i].iter().enumerate() {
                text::line(
                    area,
                    style,
                    line,
                    (
                        x + key_w + key_gap,
                        cap_top + l as f64 * text::LINE_HEIGHT * size,
                    ),
                    Align::Left,
                    size,
                    &style.text(),
                )?;
            }
            lines_in_row = lines_in_row.max(labels[i].len());
            x += widths[i] + item_gap;
        }
        cap_top += row_h + (lines_in_row - 1) as f64 * text::LINE_HEIGHT * size;
    }
    Ok(cap_top - top)
}

fn legend_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    key: Key,
    (x, mid): (f64, f64),
    key_w: f64,
    size: f64,
) -> Result<(), ChartError> {
    let half = size * 0.42;
    let rect = Rect {
        x0: x,
        y0: mid - half,
        x1: x + key_w,
        y1: mid + half,
    };
    match key {
        Key::Swatch(colour, hatch) => hatched_rect(area, style, rect, colour, hatch)?,
        Key::Marker(marker, colour) => {
            draw_marker(area, style, marker, (x + key_w / 2.0, mid), half, colour)?
        }
        Key::Band(colour) => {
            area.draw(&Rectangle::new(rect.corners(), colour.mix(0.28).filled()))?;
            area.draw(&PathElement::new(
                vec![pt((x, mid)), pt((x + key_w, mid))],
                colour.stroke_width(style.line_px(3.0)),
            ))?;
        }
        Key::Whisker(colour) => {
            let stroke = style.text().stroke_width(style.line_px(2.0));
            let bar = Rect {
                x0: x + key_w * 0.2,
                x1: x + key_w * 0.8,
                y0: mid - half * 0.2,
                y1: mid + half,
            };
            area.draw(&Rectangle::new(bar.corners(), colour.filled()))?;
            let cx = x + key_w / 2.0;
            area.draw(&PathElement::new(
                vec![pt((cx, mid - half)), pt((cx, mid + half * 0.6))],
                stroke,
            ))?;
            area.draw(&PathElement::new(
                vec![
                    pt((cx - key_w * 0.2, mid - half)),
                    pt((cx + key_w * 0.2, mid - half)),
                ],
                stroke,
            ))?;
        }
        Key::Line(colour) => {
            area.draw(&PathElement::new(
                vec![pt((x, mid)), pt((x + key_w, mid))],
                colour.stroke_width(style.line_px(3.0)),
            ))?;
        }
    }
    Ok(())
}

/// A point marker of `radius`, with an outline in the background colour so overlapping points
/// stay apart.
pub(crate) fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    marker: Marker,
    (x, y): (f64, f64),
    radius: f64,
    colour: RGBColor,
) -> Result<(), ChartError> {
    let outline = style.background().stroke_width(style.line_px(1.5));
    match marker {
        Marker::Circle => {
            let r = radius.round().max(1.0) as i32;
            area.draw(&Circle::new(pt((x, y)), r, colour.filled()))?;
            area.draw(&Circle::new(pt((x, y)), r, outline))?;
        }
        Marker::Square => {
            let h = radius * 0.88;
            let points = vec![
                pt((x - h, y - h)),
                pt((x + h, y - h)),
                pt((x + h, y + h)),
                pt((x - h, y + h)),
            ];
            polygon_with_outline(area, points, colour, outline)?;
        }
        Marker::Triangle => {
            let r = radius * 1.25;
            let points = vec![
                pt((x, y - r)),
                pt((x + r * 0.866, y + r * 0.5)),
                pt((x - r * 0.866, y + r * 0.5)),
            ];
            polygon_with_outline(area, points, colour, outline)?;
        }
        Marker::Diamond => {
            let r = radius * 1.2;
            let points = vec![
                pt((x, y - r)),
                pt((x + r, y)),
                pt((x, y + r)),
                pt((x - r, y)),
            ];
            polygon_with_outline(area, points, colour, outline)?;
        }
    }
    Ok(())
}

fn polygon_with_outline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mut points: Vec<(i32, i32)>,
    colour: RGBColor,
    outline: ShapeStyle,
) -> Result<(), ChartError> {
    area.draw(&Polygon::new(points.clone(), colour.filled()))?;
    points.push(points[0]);
    area.draw(&PathElement::new(points, outline))?;
    Ok(())
}

/// A filled rectangle with an optional line pattern over it.
pub(crate) fn hatched_rect<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    rect: Rect,
    colour: RGBColor,
    hatch: Hatch,
) -> Result<(), ChartError> {
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return Ok(());
    }
    area.draw(&Rectangle::new(rect.corners(), colour.filled()))?;
    if hatch == Hatch::None {
        return Ok(());
    }
    // Pattern lines contrast with the fill, so they survive grey-scale print.
    let ink = if luminance(colour) > 0.3 {
        BLACK.mix(0.45)
    } else {
        WHITE.mix(0.6)
    };
    let stroke = ink.stroke_width(style.line_px(2.0));
    let spacing = style.px(11.0).max(4.0);
    let mut segments: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let Rect { x0, y0, x1, y1 } = rect;
    // Lines are laid out on a grid anchored at the origin, so neighbouring bars line up.
    let rising = |segments: &mut Vec<_>| {
        let mut c = ((x0 + y0) / spacing).ceil() * spacing;
        while c < x1 + y1 {
            let xa = x0.max(c - y1);
            let xb = x1.min(c - y0);
            if xb > xa {
                segments.push(((xa, c - xa), (xb, c - xb)));
            }
            c += spacing;
        }
    };
    let falling = |segments: &mut Vec<_>| {
        let mut c = ((x0 - y1) / spacing).ceil() * spacing;
        while c < x1 - y0 {
            let xa = x0.max(c + y0);
            let xb = x1.min(c + y1);
            if xb > xa {
                segments.push(((xa, xa - c), (xb, xb - c)));
            }
            c += spacing;
        }
    };
    match hatch {
        Hatch::None => {}
        Hatch::Diagonal => rising(&mut segments),
        Hatch::BackDiagonal => falling(&mut segments),
        Hatch::Cross => {
            rising(&mut segments);
            falling(&mut segments);
        }
        Hatch::Horizontal => {
            let mut y = (y0 / spacing).ceil() * spacing;
            while y < y1 {
                segments.push(((x0, y), (x1, y)));
                y += spacing;
            }
        }
    }
    for (a, b) in segments {
        area.draw(&PathElement::new(vec![pt(a), pt(b)], stroke))?;
    }
    Ok(())
}

/// A dashed straight line.
pub(crate) fn dashed_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (f64, f64),
    to: (f64, f64),
    dash: f64,
    gap: f64,
    stroke: ShapeStyle,
) -> Result<(), ChartError> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length <= 0.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / length, dy / length);
    let mut s = 0.0;
    while s < length {
        let e = (s + dash).min(length);
        area.draw(&PathElement::new(
            vec![
                pt((from.0 + ux * s, from.1 + uy * s)),
                pt((from.0 + ux * e, from.1 + uy * e)),
            ],
            stroke,
        ))?;
        s += dash + gap;
    }
    Ok(())
}

/// A vertical interval whisker with caps, in the text colour (which contrasts with every bar
/// colour of its theme).
pub(crate) fn whisker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    x: f64,
    (y_low, y_high): (f64, f64),
    cap_half_width: f64,
) -> Result<(), ChartError> {
    let ink = style.text().stroke_width(style.line_px(2.5));
    area.draw(&PathElement::new(
        vec![pt((x, y_low)), pt((x, y_high))],
        ink,
    ))?;
    for y in [y_low, y_high] {
        area.draw(&PathElement::new(
            vec![pt((x - cap_half_width, y)), pt((x + cap_half_width, y))],
            ink,
        ))?;
    }
    Ok(())
}

/// Pixel positions for points, with exact ties spread on a small sunflower (Vogel) spiral around
/// their true place: deterministic, compact, and 30 equal answers read as 30 dots, not one.
/// Neighbours on the spiral sit about 1.8 × `spacing` apart.
/// `max_reach(p)` caps how far a cluster at pixel `p` may spread (e.g. to stay inside its own
/// quadrant); crowded clusters then pack tighter and overlap rather than wander.
pub(crate) fn spread_ties(
    values: &[(f64, f64)],
    to_pixels: impl Fn(f64, f64) -> (f64, f64),
    spacing: f64,
    max_reach: impl Fn((f64, f64)) -> f64,
) -> Vec<(f64, f64)> {
    use std::collections::HashMap;
    const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
    let key = |&(x, y): &(f64, f64)| (x.to_bits(), y.to_bits());
    let mut sizes: HashMap<(u64, u64), usize> = HashMap::new();
    for v in values {
        *sizes.entry(key(v)).or_insert(0) += 1;
    }
    let mut seen: HashMap<(u64, u64), usize> = HashMap::new();
    values
        .iter()
        .map(|v| {
            let k = seen.entry(key(v)).or_insert(0);
            let rank = *k as f64;
            *k += 1;
            let p = to_pixels(v.0, v.1);
            let size = sizes[&key(v)];
            if size == 1 {
                return p;
            }
            // Radii √(k + ½) keep the first two dots as far apart as later neighbours.
            let outermost = (size as f64 - 0.5).sqrt();
            let step = spacing.min(max_reach(p).max(0.0) / outermost);
            let r = step * (rank + 0.5).sqrt();
            let theta = rank * GOLDEN_ANGLE;
            (p.0 + r * theta.cos(), p.1 + r * theta.sin())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tied_points_are_spread_deterministically_and_untied_ones_stay_put() {
        let values = vec![(8.0, 2.0); 30];
        let spread = spread_ties(&values, |x, y| (x * 10.0, y * 10.0), 5.0, |_| f64::INFINITY);
        // The cluster is centred on the true place.
        let centre = spread
            .iter()
            .fold((0.0, 0.0), |a, p| (a.0 + p.0 / 30.0, a.1 + p.1 / 30.0));
        assert!(
            (centre.0 - 80.0).abs() < 2.0 && (centre.1 - 20.0).abs() < 2.0,
            "{centre:?}"
        );
        let mut distinct = spread.clone();
        distinct.sort_by(|a, b| a.partial_cmp(b).unwrap());
        distinct.dedup_by(|a, b| (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() < 1.0);
        assert_eq!(distinct.len(), 30);
        // Compact: 30 points within √29.5 spacings of the true place.
        assert!(
            spread
                .iter()
                .all(|p| ((p.0 - 80.0).hypot(p.1 - 20.0)) <= 5.0 * 29.5f64.sqrt() + 1e-9)
        );
        // Apart: no two dots closer than 1.5 spacings.
        for (i, a) in spread.iter().enumerate() {
            for b in &spread[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) > 5.0 * 1.5, "{a:?} {b:?}");
            }
        }
        let again = spread_ties(&values, |x, y| (x * 10.0, y * 10.0), 5.0, |_| f64::INFINITY);
        assert_eq!(spread, again);
        let apart = spread_ties(&[(1.0, 1.0), (2.0, 1.0)], |x, y| (x, y), 5.0, |_| 0.0);
        assert_eq!(apart, vec![(1.0, 1.0), (2.0, 1.0)]);
        // A cap on the reach packs the cluster tighter instead.
        let capped = spread_ties(&values, |x, y| (x * 10.0, y * 10.0), 5.0, |_| 10.0);
        assert!(
            capped
                .iter()
                .all(|p| (p.0 - 80.0).hypot(p.1 - 20.0) <= 10.0 + 1e-9)
        );
    }

    #[test]
    fn ticks_are_round_and_inside_the_range() {
        assert_eq!(ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(1.0, 5.0, 4), vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(ticks(0.0, 0.6, 6).len(), 7);
        let t = ticks(0.3, 4.7, 5);
        assert_eq!(t.first(), Some(&1.0));
        assert_eq!(t.last(), Some(&4.0));
    }

    #[test]
    fn numbers_get_the_decimals_their_step_needs() {
        assert_eq!(format_number(2.0, 1.0), "2");
        assert_eq!(format_number(0.5, 0.5), "0.5");
        assert_eq!(format_number(0.25, 0.25), "0.25");
        assert_eq!(percent(0.2941), "29%");
    }

    #[test]
    fn linear_scale_maps_ends_and_survives_an_empty_domain() {
        let s = Linear::new((1.0, 5.0), (100.0, 500.0));
        assert_eq!(s.map(1.0), 100.0);
        assert_eq!(s.map(3.0), 300.0);
        let flat = Linear::new((3.0, 3.0), (0.0, 100.0));
        assert_eq!(flat.map(3.0), 50.0);
    }
}
