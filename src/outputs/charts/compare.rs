//! Comparison: the same dimension means for several groups or workshops (waves) as grouped bars,
//! one colour and fill pattern per series, with optional interval whiskers. Which groups may be
//! shown is decided before the data gets here: groups under the anonymity threshold never arrive.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::data::ComparisonData;
use super::frame::{self, Axis, Key, LegendItem, Rect};
use super::style::ChartStyle;
use super::text::{self, Align, Label};

pub fn draw_compare<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ComparisonData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(
            area,
            style,
            &data.title,
            &data.subtitle,
            "There is nothing to compare yet: the chart needs at least one group or workshop with \
             scored answers.",
        );
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let scale =
        if data.scale.0.is_finite() && data.scale.1.is_finite() && data.scale.1 > data.scale.0 {
            data.scale
        } else {
            (1.0, 5.0)
        };

    let legend: Vec<LegendItem> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (colour, hatch) = style.series(i);
            LegendItem {
                key: Key::Swatch(colour, hatch),
                label: s.name.clone(),
            }
        })
        .collect();
    let legend_h = frame::legend(
        area,
        style,
        &legend,
        content.x1,
        content.y0,
        content.width(),
    )?;

    let dims = data.dimensions.len();
    let label_size = style.label_px();
    let probe = Axis::numeric(scale, (0.0, 1.0), 4, &data.y_label);
    let left = frame::y_axis_gutter(
        style,
        probe.label_width(label_size),
        !data.y_label.is_empty(),
    );
    let label_lines = 3;
    let plot = Rect {
        x0: content.x0 + left,
        y0: content.y0 + legend_h + style.px(34.0),
        x1: content.x1,
        y1: content.y1 - text::block_height(label_lines, label_size) - style.px(20.0),
    };
    let y_axis = Axis::numeric(scale, (plot.y1, plot.y0), 4, &data.y_label);
    frame::axes(area, style, plot, None, Some(&y_axis))?;

    let slot_w = plot.width() / dims as f64;
    let series = data.series.len().max(1);
    let group_w = slot_w * if series == 1 { 0.5 } else { 0.8 };
    let bar_w = group_w / series as f64;
    let inner_gap = (bar_w * 0.08).min(style.px(6.0));
    let value_size = style.small_px();
    let show_values = text::width("0.0", value_size) + style.px(6.0) < bar_w;
    let y = |v: f64| y_axis.scale.map(v.clamp(scale.0, scale.1));
    for (d, dimension) in data.dimensions.iter().enumerate() {
        let slot_x0 = plot.x0 + slot_w * d as f64;
        let group_x0 = slot_x0 + (slot_w - group_w) / 2.0;
        for (s, series) in data.series.iter().enumerate() {
            let x0 = group_x0 + bar_w * s as f64 + inner_gap / 2.0;
            let x1 = x0 + bar_w - inner_gap;
            let cx = (x0 + x1) / 2.0;
            let Some(mean) = series.means.get(d).copied().flatten() else {
                // A gap says "no score" better than a zero-height bar would.
                text::line(
                    area,
                    style,
                    "–",
                    (cx, plot.y1 - style.px(8.0) - value_size * text::CAP_HEIGHT),
                    Align::Centre,
                    value_size,
                    &style.muted(),
                )?;
                continue;
            };
            let (colour, hatch) = style.series(s);
            let bar = Rect {
                x0,
                y0: y(mean),
                x1,
                y1: plot.y1,
            };
            frame::hatched_rect(area, style, bar, colour, hatch)?;
            let mut top = bar.y0;
            if let Some((low, high)) = series.intervals.get(d).copied().flatten() {
                frame::whisker(area, style, cx, (y(low), y(high)), bar_w * 0.18)?;
                top = top.min(y(high));
            }
            if show_values {
                text::line(
                    area,
                    style,
                    &format!("{mean:.1}"),
                    (cx, top - style.px(8.0) - value_size * text::CAP_HEIGHT),
                    Align::Centre,
                    value_size,
                    &style.text(),
                )?;
            }
        }
        let label = Label::new(dimension, label_size, slot_w * 0.92, label_lines);
        label.draw(
            area,
            style,
            (slot_x0 + slot_w / 2.0, plot.y1 + style.px(14.0)),
            Align::Centre,
            &style.text(),
        )?;
    }
    Ok(())
}
