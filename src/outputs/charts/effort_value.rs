//! The effort–value map: each HERO project as a labelled point on effort (x) × value (y), over
//! the questionnaire's zones drawn as tinted, labelled rectangles. Labels are placed beside their
//! point where they collide with nothing else, trying right, left, above and below in turn.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::data::EffortValueData;
use super::frame::{self, Axis, Rect, pt};
use super::style::{ChartStyle, Marker};
use super::text::{Align, Label};

pub fn draw_effort_value<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &EffortValueData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(
            area,
            style,
            &data.title,
            &data.subtitle,
            "No project has been evaluated yet: a project appears on the map once someone has \
             answered its effort and value questions.",
        );
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let range = |r: (f64, f64)| {
        if r.0.is_finite() && r.1.is_finite() && r.1 > r.0 {
            r
        } else {
            (0.0, 100.0)
        }
    };
    let (x_range, y_range) = (range(data.x_range), range(data.y_range));
    let probe = Axis::numeric(y_range, (0.0, 1.0), 5, &data.y_label);
    let left = frame::y_axis_gutter(style, probe.label_width(style.label_px()), true);
    let plot = Rect {
        x0: content.x0 + left,
        y0: content.y0,
        x1: content.x1 - style.px(10.0),
        y1: content.y1 - frame::x_axis_gutter(style, true),
    };
    let x_axis = Axis::numeric(x_range, (plot.x0, plot.x1), 5, &data.x_label);
    let y_axis = Axis::numeric(y_range, (plot.y1, plot.y0), 5, &data.y_label);
    let to_px = |x: f64, y: f64| {
        (
            x_axis.scale.map(x.clamp(x_range.0, x_range.1)),
            y_axis.scale.map(y.clamp(y_range.0, y_range.1)),
        )
    };

    // Zones first, so grid and points go over them.
    let tint = if style.theme == super::Theme::Dark {
        0.16
    } else {
        0.1
    };
    let zone_rects: Vec<Rect> = data
        .zones
        .iter()
        .map(|z| {
            let (x0, y1) = to_px(z.x.0, z.y.0);
            let (x1, y0) = to_px(z.x.1, z.y.1);
            Rect { x0, y0, x1, y1 }
        })
        .collect();
    // Zones skip the first series colour: that one marks the projects.
    for (i, rect) in zone_rects.iter().enumerate() {
        let (colour, _) = style.series(i + 1);
        area.draw(&Rectangle::new(rect.corners(), colour.mix(tint).filled()))?;
    }
    frame::axes(area, style, plot, Some(&x_axis), Some(&y_axis))?;
    let zone_edge = style.axis().mix(0.7).stroke_width(style.line_px(1.5));
    for rect in &zone_rects {
        area.draw(&Rectangle::new(rect.corners(), zone_edge))?;
    }

    // Points, with ties spread apart.
    let radius = style.px(11.0);
    let values: Vec<(f64, f64)> = data.projects.iter().map(|p| (p.x, p.y)).collect();
    let points: Vec<(f64, f64)> =
        frame::spread_ties(&values, to_px, radius * 1.35, |_| f64::INFINITY)
            .into_iter()
            .map(|(x, y)| {
                (
                    x.clamp(plot.x0 + radius, plot.x1 - radius),
                    y.clamp(plot.y0 + radius, plot.y1 - radius),
                )
            })
            .collect();

    // Everything a project label must not cover: points, and zone labels once placed.
    let mut taken: Vec<Rect> = points
        .iter()
        .map(|&(x, y)| Rect {
            x0: x - radius,
            y0: y - radius,
            x1: x + radius,
            y1: y + radius,
        })
        .collect();

    // Zone labels in the zone's top-left corner (the corner farthest from most axes' labels).
    let zone_size = style.font_px(24.0);
    let pad = style.px(14.0);
    for (i, (zone, rect)) in data.zones.iter().zip(&zone_rects).enumerate() {
        let label = Label::new(&zone.label, zone_size, rect.width() - 3.0 * pad, 2);
        let (colour, _) = style.series(i + 1);
        let swatch = zone_size * 0.5;
        let x = rect.x0 + pad;
        let y = rect.y0 + pad;
        area.draw(&Rectangle::new(
            [
                pt((x, y + zone_size * 0.05)),
                pt((x + swatch, y + zone_size * 0.05 + swatch)),
            ],
            colour.filled(),
        ))?;
        label.draw(
            area,
            style,
            (x + swatch + style.px(10.0), y),
            Align::Left,
            &style.muted(),
        )?;
        taken.push(Rect {
            x0: x,
            y0: y - pad * 0.3,
            x1: x + swatch + style.px(10.0) + label.width(),
            y1: y + label.height() + pad * 0.3,
        });
    }

    // Project labels: the first side that collides with nothing, else the least bad.
    let size = style.label_px();
    let point_colour = style.team();
    for (project, &(x, y)) in data.projects.iter().zip(&points) {
        let label = Label::new(&project.name, size, plot.width() * 0.28, 1);
        let (w, h) = (label.width(), label.height());
        let gap = radius + style.px(8.0);
        let candidates = [
            (x + gap, y - h / 2.0, Align::Left),
            (x - gap, y - h / 2.0, Align::Right),
            (x, y - gap - h, Align::Centre),
            (x, y + gap, Align::Centre),
            (x + gap * 0.8, y - gap * 0.8 - h, Align::Left),
            (x - gap * 0.8, y + gap * 0.8, Align::Right),
        ];
        let bounds = |&(ax, top, align): &(f64, f64, Align)| {
            let x0 = match align {
                Align::Left => ax,
                Align::Right => ax - w,
                Align::Centre => ax - w / 2.0,
            };
            Rect {
                x0,
                y0: top,
                x1: x0 + w,
                y1: top + h,
            }
        };
        let own = Rect {
            x0: x - radius,
            y0: y - radius,
            x1: x + radius,
            y1: y + radius,
        };
        let cost = |candidate: &(f64, f64, Align)| {
            let b = bounds(candidate);
            let outside = b.x0 < plot.x0 || b.x1 > plot.x1 || b.y0 < plot.y0 || b.y1 > plot.y1;
            let collisions = taken
                .iter()
                .filter(|t| **t != own && t.intersects(&b))
                .count();
            collisions + if outside { 10 } else { 0 }
        };
        let best = candidates
            .iter()
            .min_by_key(|c| cost(c))
            .copied()
            .expect("label candidates");
        let b = bounds(&best);
        taken.push(b);
        // A faint plate keeps zone edges and grid lines from crossing the name.
        let plate = Rect {
            x0: b.x0 - style.px(4.0),
            y0: b.y0 - style.px(4.0),
            x1: b.x1 + style.px(4.0),
            y1: b.y1 + style.px(2.0),
        };
        area.draw(&Rectangle::new(
            plate.corners(),
            style.background().mix(0.7).filled(),
        ))?;
        label.draw(area, style, (best.0, best.1), best.2, &style.text())?;
    }
    for &(x, y) in &points {
        frame::draw_marker(area, style, Marker::Circle, (x, y), radius, point_colour)?;
    }
    Ok(())
}
