//! Segment shares against the benchmark: per segment, the team's share as a solid bar with its
//! 95% interval whisker, and the published benchmark as a hatched grey bar beside it, so "team"
//! and "benchmark" differ by pattern as well as colour. The benchmark's source is the footnote.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::data::SegmentSharesData;
use super::frame::{self, Axis, Key, LegendItem, Rect};
use super::style::{ChartStyle, Hatch};
use super::text::{self, Align, Label};

pub fn draw_segments<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SegmentSharesData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(
            area,
            style,
            &data.title,
            &data.subtitle,
            "No respondent could be placed in a segment yet, so there are no shares to compare \
             with the benchmark.",
        );
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let has_benchmark = data.segments.iter().any(|s| s.benchmark.is_some());

    let mut legend = vec![LegendItem {
        key: Key::Whisker(style.team()),
        label: "Your team, with 95% interval".into(),
    }];
    if has_benchmark {
        legend.push(LegendItem {
            key: Key::Swatch(style.reference(), Hatch::Diagonal),
            label: if data.benchmark_label.is_empty() {
                "Benchmark".into()
            } else {
                format!("Benchmark: {}", data.benchmark_label)
            },
        });
    }
    let legend_h = frame::legend(
        area,
        style,
        &legend,
        content.x1,
        content.y0,
        content.width(),
    )?;

    // The y axis stops a little above the highest whisker or bar, at a round percentage.
    let highest = data
        .segments
        .iter()
        .flat_map(|s| [s.share, s.ci_high, s.benchmark.unwrap_or(0.0)])
        .fold(0.0, f64::max);
    let wanted = (highest * 1.12).clamp(0.1, 1.0);
    let step = frame::nice_step(wanted, 5);
    let y_max = ((wanted / step).ceil() * step).min(1.0);

    let label_size = style.font_px(24.0);
    let detail_size = style.label_px();
    let category_h =
        text::block_height(2, label_size) + style.px(8.0) + text::block_height(1, detail_size);
    let probe = Axis::numeric((0.0, y_max), (0.0, 1.0), 5, "");
    let left = frame::y_axis_gutter(
        style,
        probe.relabel(frame::percent).label_width(style.label_px()),
        true,
    );
    let plot = Rect {
        x0: content.x0 + left,
        y0: content.y0 + legend_h + style.px(30.0),
        x1: content.x1,
        y1: content.y1 - category_h - style.px(18.0),
    };
    let y_axis = Axis::numeric((0.0, y_max), (plot.y1, plot.y0), 5, "Share of respondents")
        .relabel(frame::percent);
    frame::axes(area, style, plot, None, Some(&y_axis))?;

    let slot_w = plot.width() / data.segments.len() as f64;
    let bar_w = if has_benchmark {
        slot_w * 0.3
    } else {
        slot_w * 0.42
    };
    let bar_gap = style.px(6.0);
    let value_size = style.label_px();
    for (i, segment) in data.segments.iter().enumerate() {
        let centre = plot.x0 + slot_w * (i as f64 + 0.5);
        let team_x0 = if has_benchmark {
            centre - bar_gap / 2.0 - bar_w
        } else {
            centre - bar_w / 2.0
        };
        let y = |v: f64| y_axis.scale.map(v.clamp(0.0, y_max));
        let team = Rect {
            x0: team_x0,
            y0: y(segment.share),
            x1: team_x0 + bar_w,
            y1: plot.y1,
        };
        frame::hatched_rect(area, style, team, style.team(), Hatch::None)?;
        let whisker_x = team.centre().0;
        frame::whisker(
            area,
            style,
            whisker_x,
            (y(segment.ci_low), y(segment.ci_high)),
            bar_w * 0.18,
        )?;
        // The value sits just above the whisker's top, or the bar if that is higher.
        let label_bottom = y(segment.ci_high).min(team.y0) - style.px(10.0);
        text::line(
            area,
            style,
            &frame::percent(segment.share),
            (whisker_x, label_bottom - value_size * text::CAP_HEIGHT),
            Align::Centre,
            value_size,
            &style.text(),
        )?;
        if let Some(benchmark) = segment.benchmark {
            let bench = Rect {
                x0: centre + bar_gap / 2.0,
                y0: y(benchmark),
                x1: centre + bar_gap / 2.0 + bar_w,
                y1: plot.y1,
            };
            frame::hatched_rect(area, style, bench, style.reference(), Hatch::Diagonal)?;
            text::line(
                area,
                style,
                &frame::percent(benchmark),
                (
                    bench.centre().0,
                    bench.y0 - style.px(10.0) - value_size * text::CAP_HEIGHT,
                ),
                Align::Centre,
                value_size,
                &style.muted(),
            )?;
        }

        // Category label: segment marker and name, then "n of N".
        let (colour, marker) = style.segment(segment.corner);
        let marker_r = label_size * 0.3;
        let name = Label::new(&segment.title, label_size, slot_w * 0.9 - marker_r * 3.0, 2);
        let top = plot.y1 + style.px(16.0);
        let name_w = name.width() + marker_r * 3.0;
        frame::draw_marker(
            area,
            style,
            marker,
            (
                centre - name_w / 2.0 + marker_r,
                top + label_size * text::CAP_HEIGHT / 2.0,
            ),
            marker_r,
            colour,
        )?;
        name.draw(
            area,
            style,
            (centre - name_w / 2.0 + marker_r * 3.0, top),
            Align::Left,
            &style.text(),
        )?;
        let detail = format!("{} of {}", segment.count, data.classified);
        text::line(
            area,
            style,
            &detail,
            (centre, top + name.height() + style.px(8.0)),
            Align::Centre,
            detail_size,
            &style.muted(),
        )?;
    }
    Ok(())
}
