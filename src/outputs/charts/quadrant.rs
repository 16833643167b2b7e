//! The HERO quadrant: every respondent as a point on empowerment (x) × resourcefulness (y), the
//! rule's threshold lines, and each segment's name, count and share in its corner. Segments are
//! told apart by position, colour and marker shape, so the chart survives grey-scale print.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::data::{Corner, QuadrantData};
use super::frame::{self, Axis, Rect};
use super::style::{ChartStyle, Marker};
use super::text::{self, Align, Label};

pub fn draw_quadrant<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &QuadrantData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(
            area,
            style,
            &data.title,
            &data.subtitle,
            "Nobody has been placed on the quadrant yet: it fills in as respondents complete \
             the questionnaire.",
        );
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let x_range = sane_range(data.x_range, data.points.iter().map(|p| p.0));
    let y_range = sane_range(data.y_range, data.points.iter().map(|p| p.1));

    // Threshold labels live outside the plot: x above it, y to its right.
    let small = style.small_px();
    // Wide enough for the label's longest word once text is held at its smallest legible size.
    let gutter_for = |label: &str| {
        let longest_word = label
            .split_whitespace()
            .map(|word| text::width(word, small))
            .fold(0.0, f64::max);
        style
            .px(190.0)
            .max(longest_word + style.px(24.0))
            .min(content.width() * 0.25)
    };
    let gutter_of = |label: &str| {
        if label.is_empty() {
            style.px(10.0)
        } else {
            gutter_for(label)
        }
    };
    let probe = Axis::numeric(y_range, (0.0, 1.0), 6, &data.y_label);
    let base_left = frame::y_axis_gutter(style, probe.label_width(style.label_px()), true);
    // Whether every segment label fits its quadrant whole with these gutters (and, when
    // `roomy`, as at normal sizes: its marker, name and detail each on one line).
    let threshold_at = ((data.x_threshold - x_range.0) / (x_range.1 - x_range.0)).clamp(0.0, 1.0);
    let labels_fit = |left: f64, right_gutter: f64, roomy: bool| {
        let plot_w = content.width() - left - right_gutter;
        data.segments.iter().all(|segment| {
            let right = matches!(segment.corner, Corner::TopRight | Corner::BottomRight);
            let share = if right {
                1.0 - threshold_at
            } else {
                threshold_at
            };
            let layout = SegmentLayout::new(style, plot_w * share, segment);
            !layout.is_shortened() && (!roomy || layout.is_roomy())
        })
    };
    // When large text leaves a segment's name no room, the y threshold label ("Unsanctioned
    // tools used regularly: 2 or more") keeps only its value ("2 or more"): the y axis title
    // beside the plot names the axis, and the plot gets the width.
    let y_threshold_label = match data.y_threshold_label.split_once(": ") {
        Some((_, value)) if !labels_fit(base_left, gutter_of(&data.y_threshold_label), true) => {
            value
        }
        _ => data.y_threshold_label.as_str(),
    };
    let right_gutter = gutter_of(y_threshold_label);
    // The y axis title wraps onto more (turned) lines rather than being cut when large text makes
    // it longer than the plot is tall (measured against the shortest plot the x threshold row
    // can leave), as long as each line's width still leaves every segment label whole.
    let title_px = style.axis_title_px();
    let y_title_step = title_px * text::LINE_HEIGHT;
    let shortest_plot =
        (content.height() - frame::x_axis_gutter(style, true) - small * (1.6 + text::LINE_HEIGHT))
            .max(title_px);
    let mut y_title = Label::new(&data.y_label, title_px, shortest_plot, 1);
    for lines in 2..=MAX_Y_TITLE_LINES {
        let wider = base_left + (lines - 1) as f64 * y_title_step;
        if !y_title.is_shortened() || !labels_fit(wider, right_gutter, false) {
            break;
        }
        y_title = Label::new(&data.y_label, title_px, shortest_plot, lines);
    }
    let left = base_left + (y_title.lines.len().max(1) - 1) as f64 * y_title_step;
    let plot_at = |x_threshold_row: f64| Rect {
        x0: content.x0 + left,
        y0: content.y0 + x_threshold_row,
        x1: content.x1 - right_gutter,
        y1: content.y1 - frame::x_axis_gutter(style, true),
    };
    let radius = if data.points.len() > 120 {
        style.px(7.0)
    } else {
        style.px(9.5)
    };
    let spacing = radius * 1.25;
    // Keep points (and their spread-out ties) off the axes, and leave strips at the top and
    // bottom for the segment labels so they need not cover any point.
    let largest_tie = largest_tie(&data.points);
    let pad_in = |plot: Rect| {
        (spacing * ((largest_tie.max(1) - 1) as f64).sqrt() + radius * 1.6)
            .max(style.px(22.0))
            .min(plot.width().min(plot.height()) * 0.12)
    };
    // The x threshold label sits above the plot on the wider side of the threshold line and
    // wraps rather than being cut when large text (a projector at UI scale 2) makes it long.
    let x_threshold = (!data.x_threshold_label.is_empty()).then(|| {
        let plot = plot_at(small * 1.6);
        let pad = pad_in(plot);
        let tx = Axis::numeric(x_range, (plot.x0 + pad, plot.x1 - pad), 9, &data.x_label)
            .scale
            .map(data.x_threshold)
            .clamp(plot.x0, plot.x1);
        let right_aligned = tx > plot.x0 + plot.width() * 0.6;
        // Room from the line to the chart's edge on that side, less a margin for the few
        // pixels the line moves once the row grows.
        let room = if right_aligned {
            tx - content.x0
        } else {
            content.x1 - tx
        } - style.px(24.0);
        (
            Label::new(&data.x_threshold_label, small, room, 2),
            right_aligned,
        )
    });
    let x_threshold_row = x_threshold.as_ref().map_or(0.0, |(label, _)| {
        small * 1.6 + (label.lines.len() - 1) as f64 * text::LINE_HEIGHT * small
    });
    let plot = plot_at(x_threshold_row);
    let pad = pad_in(plot);
    let x_axis = Axis::numeric(x_range, (plot.x0 + pad, plot.x1 - pad), 9, &data.x_label);
    let tx = x_axis.scale.map(data.x_threshold).clamp(plot.x0, plot.x1);
    // Strips at the top and bottom as tall as the tallest segment label (its name may wrap in a
    // narrow quadrant), so the labels sit beside the points, not on them; only a very short
    // plot caps them.
    let tallest_label = data
        .segments
        .iter()
        .map(|segment| {
            let quadrant = corner_rect(plot, (tx, plot.centre().1), segment.corner);
            SegmentLayout::new(style, quadrant.width(), segment).block_h
        })
        .fold(label_block_height(style), f64::max);
    let label_strip = (tallest_label + 1.2 * style.px(LABEL_PAD) + radius * 1.2)
        .min(plot.height() * MAX_STRIP_SHARE);
    let pad_y = pad.max(label_strip);
    // The title is drawn here (wrapped), not by `frame::axes`. Fewer ticks on a short axis, so
    // their labels never run into each other.
    let band = (plot.height() - 2.0 * pad_y).max(0.0);
    let ticks = ((band / (style.label_px() * 1.8)).floor() as usize + 1).clamp(2, 6);
    let y_axis = Axis::numeric(y_range, (plot.y1 - pad_y, plot.y0 + pad_y), ticks, "");
    let ty = y_axis.scale.map(data.y_threshold).clamp(plot.y0, plot.y1);

    // Faint quadrant tints help the eye find the segments before reading the labels.
    let tint = if style.theme == super::Theme::Dark {
        0.12
    } else {
        0.07
    };
    for segment in &data.segments {
        let (colour, _) = style.segment(segment.corner);
        let rect = corner_rect(plot, (tx, ty), segment.corner);
        area.draw(&Rectangle::new(rect.corners(), colour.mix(tint).filled()))?;
    }
    frame::axes(area, style, plot, Some(&x_axis), Some(&y_axis))?;
    {
        let first = plot.x0 - left;
        y_title.note_if_shortened(style);
        for (i, line) in y_title.lines.iter().enumerate() {
            text::vertical_line(
                area,
                style,
                line,
                (first + i as f64 * y_title_step, plot.centre().1),
                title_px,
                &style.text(),
            )?;
        }
    }

    let threshold = style.text().mix(0.75).stroke_width(style.line_px(2.5));
    let (dash, gap) = (style.px(12.0), style.px(8.0));
    frame::dashed_line(area, (tx, plot.y0), (tx, plot.y1), dash, gap, threshold)?;
    frame::dashed_line(area, (plot.x0, ty), (plot.x1, ty), dash, gap, threshold)?;
    if let Some((label, right_aligned)) = &x_threshold {
        let (x, align) = if *right_aligned {
            (tx - style.px(8.0), Align::Right)
        } else {
            (tx + style.px(8.0), Align::Left)
        };
        label.draw(
            area,
            style,
            (x, plot.y0 - x_threshold_row + small * 0.35),
            align,
            &style.muted(),
        )?;
    }
    if !y_threshold_label.is_empty() {
        let label = Label::new(y_threshold_label, small, right_gutter - style.px(20.0), 5);
        let top = (ty - label.height() / 2.0).clamp(plot.y0, plot.y1 - label.height());
        label.draw(
            area,
            style,
            (plot.x1 + style.px(16.0), top),
            Align::Left,
            &style.muted(),
        )?;
    }

    let values: Vec<(f64, f64)> = data.points.iter().map(|&(x, y, _)| (x, y)).collect();
    // A cluster stays inside its own quadrant, so no dot ever looks like another segment's.
    let reach = |(px, py): (f64, f64)| {
        let own = Rect {
            x0: if px >= tx { tx } else { plot.x0 },
            x1: if px >= tx { plot.x1 } else { tx },
            y0: if py <= ty { plot.y0 } else { ty },
            y1: if py <= ty { ty } else { plot.y1 },
        };
        (px - own.x0)
            .min(own.x1 - px)
            .min(py - own.y0)
            .min(own.y1 - py)
            - radius * 1.2
    };
    let positions = frame::spread_ties(
        &values,
        |x, y| (x_axis.scale.map(x), y_axis.scale.map(y)),
        spacing,
        reach,
    );
    let positions: Vec<(f64, f64)> = positions
        .into_iter()
        .map(|(px, py)| {
            (
                px.clamp(plot.x0 + radius, plot.x1 - radius),
                py.clamp(plot.y0 + radius, plot.y1 - radius),
            )
        })
        .collect();
    for segment in &data.segments {
        corner_label(area, style, plot, (tx, ty), segment, (&positions, radius))?;
    }
    for (&(_, _, segment), &p) in data.points.iter().zip(&positions) {
        let (colour, marker) = data
            .segments
            .get(segment)
            .map(|s| style.segment(s.corner))
            .unwrap_or((style.reference(), Marker::Circle));
        frame::draw_marker(area, style, marker, p, radius, colour)?;
    }
    Ok(())
}

/// Inner padding of a segment label, in reference pixels.
const LABEL_PAD: f64 = 14.0;
/// The most lines the y axis title wraps onto before it is shortened.
const MAX_Y_TITLE_LINES: usize = 3;
/// The most of the plot's height each label strip (top and bottom) may take.
const MAX_STRIP_SHARE: f64 = 0.3;
const NAME_SIZE: f64 = 27.0;
const LABEL_GAP: f64 = 10.0;

/// Height of a segment label: name line, gap, detail line.
fn label_block_height(style: &ChartStyle) -> f64 {
    text::block_height(1, style.font_px(NAME_SIZE))
        + style.px(LABEL_GAP)
        + text::block_height(1, style.label_px())
}

/// How many points share the most common (x, y).
fn largest_tie(points: &[(f64, f64, usize)]) -> usize {
    let mut keys: Vec<(u64, u64)> = points
        .iter()
        .map(|p| (p.0.to_bits(), p.1.to_bits()))
        .collect();
    keys.sort_unstable();
    keys.chunk_by(|a, b| a == b)
        .map(<[_]>::len)
        .max()
        .unwrap_or(0)
}

/// The configured range, or one that fits the data when the configured one is unusable.
fn sane_range(range: (f64, f64), values: impl Iterator<Item = f64>) -> (f64, f64) {
    if range.0.is_finite() && range.1.is_finite() && range.1 > range.0 {
        return range;
    }
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    }
}

fn corner_rect(plot: Rect, (tx, ty): (f64, f64), corner: Corner) -> Rect {
    match corner {
        Corner::TopRight => Rect {
            x0: tx,
            y0: plot.y0,
            x1: plot.x1,
            y1: ty,
        },
        Corner::BottomRight => Rect {
            x0: tx,
            y0: ty,
            x1: plot.x1,
            y1: plot.y1,
        },
        Corner::TopLeft => Rect {
            x0: plot.x0,
            y0: plot.y0,
            x1: tx,
            y1: ty,
        },
        Corner::BottomLeft => Rect {
            x0: plot.x0,
            y0: ty,
            x1: tx,
            y1: plot.y1,
        },
    }
}

/// A segment label's lines and size in a quadrant `quadrant_width` wide.
struct SegmentLayout {
    name: Label,
    detail: Label,
    marker_r: f64,
    marker_space: f64,
    block_w: f64,
    block_h: f64,
}

impl SegmentLayout {
    fn new(style: &ChartStyle, quadrant_width: f64, segment: &super::data::SegmentLabel) -> Self {
        let pad = style.px(LABEL_PAD);
        let name_size = style.font_px(NAME_SIZE);
        let detail_size = style.label_px();
        let full_w = (quadrant_width - 2.0 * pad).max(style.px(80.0));
        let title_w = text::width(&segment.title, name_size);
        // The marker before the name repeats the shape of the points around it: a name that
        // fits on one line only without it (large text in a narrow quadrant) goes without it,
        // and the label stays a line shorter.
        let marker_r = name_size * 0.32;
        let marker_space = marker_r * 2.0 + style.px(10.0);
        let (marker_r, marker_space) = if title_w > full_w - marker_space && title_w <= full_w {
            (0.0, 0.0)
        } else {
            (marker_r, marker_space)
        };
        let max_w = (full_w - marker_space).max(style.px(80.0));
        // A name too wide even so wraps, at a hyphen too ("Locked-" / "down"), rather than
        // being cut.
        let name = if text::width(&segment.title, name_size) <= max_w {
            Label::new(&segment.title, name_size, max_w, 1)
        } else {
            Label::new(&segment.title.replace('-', "- "), name_size, max_w, 2)
        };
        let people = crate::model::text::count(segment.count, "person", "people");
        let share = frame::percent(segment.share);
        let one_line = format!("{people} · {share}");
        // The share goes on a line of its own rather than being cut off.
        let detail = if text::width(&one_line, detail_size) <= max_w + marker_space {
            Label::new(&one_line, detail_size, max_w + marker_space, 1)
        } else {
            Label::new(
                &format!("{people}, {share}"),
                detail_size,
                max_w + marker_space,
                2,
            )
        };
        let block_w = (marker_space + name.width()).max(detail.width());
        let block_h = name.height() + style.px(LABEL_GAP) + detail.height();
        Self {
            name,
            detail,
            marker_r,
            marker_space,
            block_w,
            block_h,
        }
    }

    fn is_shortened(&self) -> bool {
        self.name.is_shortened() || self.detail.is_shortened()
    }

    /// Laid out as at normal sizes: marker and name on one line, the detail on one more.
    fn is_roomy(&self) -> bool {
        self.marker_r > 0.0 && self.name.lines.len() == 1 && self.detail.lines.len() == 1
    }
}

/// Segment name with its marker, and "n people · share" beneath, in a corner of the segment's
/// quadrant: the outer corner unless another one hides fewer points.
fn corner_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    plot: Rect,
    thresholds: (f64, f64),
    segment: &super::data::SegmentLabel,
    (points, radius): (&[(f64, f64)], f64),
) -> Result<(), ChartError> {
    let quadrant = corner_rect(plot, thresholds, segment.corner);
    let pad = style.px(LABEL_PAD);
    let SegmentLayout {
        name,
        detail,
        marker_r,
        marker_space,
        block_w,
        block_h,
    } = SegmentLayout::new(style, quadrant.width(), segment);
    let name_size = name.size;
    let gap = style.px(LABEL_GAP);
    let place = |corner: Corner| {
        let right = matches!(corner, Corner::TopRight | Corner::BottomRight);
        let top = matches!(corner, Corner::TopRight | Corner::TopLeft);
        let x0 = if right {
            quadrant.x1 - pad - block_w
        } else {
            quadrant.x0 + pad
        };
        let y0 = if top {
            quadrant.y0 + pad
        } else {
            quadrant.y1 - pad - block_h
        };
        (x0, y0)
    };
    // Points whose marker would touch the label's plate.
    let hidden = |(x0, y0): (f64, f64)| {
        let reach = pad * 0.6 + radius;
        points
            .iter()
            .filter(|&&(x, y)| {
                x > x0 - reach
                    && x < x0 + block_w + reach
                    && y > y0 - reach
                    && y < y0 + block_h + reach
            })
            .count()
    };
    let preference = match segment.corner {
        Corner::TopRight => [
            Corner::TopRight,
            Corner::BottomRight,
            Corner::TopLeft,
            Corner::BottomLeft,
        ],
        Corner::BottomRight => [
            Corner::BottomRight,
            Corner::TopRight,
            Corner::BottomLeft,
            Corner::TopLeft,
        ],
        Corner::TopLeft => [
            Corner::TopLeft,
            Corner::BottomLeft,
            Corner::TopRight,
            Corner::BottomRight,
        ],
        Corner::BottomLeft => [
            Corner::BottomLeft,
            Corner::TopLeft,
            Corner::BottomRight,
            Corner::TopRight,
        ],
    };
    let (x0, y0) = preference
        .iter()
        .map(|&c| place(c))
        .min_by_key(|&p| hidden(p))
        .expect("four candidate corners");
    // A label taller than its quadrant stays inside the plot rather than over the axis' labels.
    let y0 = y0
        .min(plot.y1 - pad * 0.6 - block_h)
        .max(plot.y0 + pad * 0.6);
    // A plate in the background colour keeps grid lines from running through the text.
    let plate = Rect {
        x0: x0 - pad * 0.6,
        y0: y0 - pad * 0.6,
        x1: x0 + block_w + pad * 0.6,
        y1: y0 + block_h + pad * 0.6,
    };
    area.draw(&Rectangle::new(
        plate.corners(),
        style.background().mix(0.85).filled(),
    ))?;
    let (colour, marker) = style.segment(segment.corner);
    if marker_r > 0.0 {
        frame::draw_marker(
            area,
            style,
            marker,
            (x0 + marker_r, y0 + name_size * text::CAP_HEIGHT / 2.0),
            marker_r,
            colour,
        )?;
    }
    name.draw(
        area,
        style,
        (x0 + marker_space, y0),
        Align::Left,
        &style.text(),
    )?;
    detail.draw(
        area,
        style,
        (x0, y0 + name.height() + gap),
        Align::Left,
        &style.muted(),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::charts::{ChartData, ChartKind, Theme, sample};

    /// The quadrant drawn as SVG at `width`×`height` pixels and 2 pixels per point (dark), with
    /// the texts the drawing had to shorten.
    fn draw_small(
        data: &QuadrantData,
        width: u32,
        height: u32,
    ) -> (String, Vec<(Vec<String>, String)>) {
        let style = ChartStyle::new(Theme::Dark, width, height, 2.0);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            draw_quadrant(&root, data, &style).unwrap();
            root.present().unwrap();
        }
        let shortened = style.take_shortened();
        (svg, shortened)
    }

    /// The quadrant as the presenter draws it on a 1024×768 projector at UI scale 2: about
    /// 830×520 pixels at 2 pixels per point, where every text is held at its legible minimum.
    #[test]
    fn the_threshold_label_wraps_instead_of_being_cut_on_a_small_large_text_chart() {
        super::super::register_font().unwrap();
        let ChartData::Quadrant(mut data) = sample::sample(ChartKind::Quadrant) else {
            panic!("the quadrant sample is a quadrant");
        };
        data.x_threshold_label = "Empowerment: 8 or more".into();
        for (width, height) in [(832, 520), (640, 400), (1600, 1000)] {
            let (svg, shortened) = draw_small(&data, width, height);
            let cut: Vec<_> = shortened
                .iter()
                .filter(|(_, full)| full.contains("Empowerment"))
                .collect();
            assert!(cut.is_empty(), "{width}×{height}: cut {cut:?}");
            let shares_cut: Vec<_> = shortened
                .iter()
                .filter(|(_, full)| full.contains('%'))
                .collect();
            assert!(
                shares_cut.is_empty(),
                "{width}×{height}: a segment's share is cut: {shares_cut:?}"
            );
            assert!(
                svg.contains("Empowerment"),
                "{width}×{height}: label not drawn"
            );
        }
    }

    /// The presenter's quadrant slide at a 1024×768 projector and UI scale 2 (about 900×560
    /// pixels at 2 pixels per point), with the demo's axes and a threshold near the right edge:
    /// the narrow quadrant's "Locked-down" and the long y axis title are drawn whole.
    #[test]
    fn no_label_is_cut_on_the_presenters_slide_at_ui_scale_2() {
        super::super::register_font().unwrap();
        let ChartData::Quadrant(mut data) = sample::sample(ChartKind::Quadrant) else {
            panic!("the quadrant sample is a quadrant");
        };
        data.y_label = "Unsanctioned tools used regularly".into();
        data.x_label = "Empowerment (1–10)".into();
        data.x_threshold_label = "Empowerment: 8 or more".into();
        data.y_threshold_label = "Unsanctioned tools used regularly: 2 or more".into();
        data.x_range = (1.0, 10.0);
        data.x_threshold = 7.5;
        for (width, height) in [(896, 560), (832, 520), (1600, 1000)] {
            let (svg, shortened) = draw_small(&data, width, height);
            assert!(shortened.is_empty(), "{width}×{height}: cut {shortened:?}");
            assert!(svg.contains("Locked-"), "{width}×{height}");
        }
    }
}
