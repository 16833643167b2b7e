//! The roadblock profile, two ways from the same data: a radar (spider) with the team mean as a
//! polygon inside a band for the spread, and ranked horizontal bars coloured by level. Levels are
//! also told by marker shape (radar) or hatching (bars) and written out, for grey-scale print.

use std::f64::consts::PI;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::data::{Level, RoadblockCategory, RoadblockData};
use super::frame::{self, Axis, Key, LegendItem, Linear, Rect, pt};
use super::style::{ChartStyle, Marker};
use super::text::{self, Align, Label};

const EMPTY_MESSAGE: &str = "No roadblock category has enough answers yet: a score appears once people have answered \
     at least half of its questions.";

fn level_marker(level: Option<Level>) -> Marker {
    match level {
        Some(Level::Roadblock) => Marker::Triangle,
        Some(Level::Watch) => Marker::Diamond,
        Some(Level::Strong) | None => Marker::Circle,
    }
}

fn format_score(v: f64) -> String {
    format!("{v:.1}")
}

/// "2.4 · Roadblock", or "no answers yet".
fn score_text(category: &RoadblockCategory) -> String {
    match (category.mean, category.level) {
        (Some(mean), Some(level)) => format!("{} · {}", format_score(mean), level.label()),
        (Some(mean), None) => format_score(mean),
        (None, _) => "no answers yet".into(),
    }
}

fn scale_of(data: &RoadblockData) -> (f64, f64) {
    let (lo, hi) = data.scale;
    if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo, hi)
    } else {
        (1.0, 5.0)
    }
}

/// The levels present, for the legend, in a fixed order.
fn levels_present(data: &RoadblockData) -> Vec<Level> {
    [Level::Strong, Level::Watch, Level::Roadblock]
        .into_iter()
        .filter(|l| data.categories.iter().any(|c| c.level == Some(*l)))
        .collect()
}

pub fn draw_roadblock_radar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &RoadblockData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(area, style, &data.title, &data.subtitle, EMPTY_MESSAGE);
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let scale = scale_of(data);
    let team = style.team();
    let has_spread = data.categories.iter().any(|c| c.spread.is_some());

    let mut legend = vec![LegendItem {
        key: Key::Line(team),
        label: "Team mean".into(),
    }];
    if has_spread {
        legend.push(LegendItem {
            key: Key::Band(team),
            label: if data.spread_label.is_empty() {
                "Spread".into()
            } else {
                data.spread_label.clone()
            },
        });
    }
    for level in levels_present(data) {
        legend.push(LegendItem {
            key: Key::Marker(level_marker(Some(level)), style.level(Some(level)).0),
            label: level.label().into(),
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

    // Room for the category labels around the rim.
    let label_size = style.label_px();
    let label_w = (content.width() * 0.2).min(style.px(300.0));
    let label_lines = 3;
    let label_h = text::block_height(label_lines, label_size);
    let body = Rect {
        y0: content.y0 + legend_h + style.px(16.0),
        ..content
    };
    let (cx, cy) = body.centre();
    let radius = ((body.width() / 2.0 - label_w - style.px(24.0))
        .min(body.height() / 2.0 - label_h - style.px(40.0)))
    .max(style.px(40.0));
    let r_of = Linear::new(scale, (0.0, radius));
    let n = data.categories.len().max(1);
    // Spokes start at twelve o'clock and go clockwise, in rank order.
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let at = |i: usize, v: f64| {
        let r = r_of.map(v.clamp(scale.0, scale.1));
        let a = angle(i);
        (cx + r * a.cos(), cy + r * a.sin())
    };

    // Web: rings at round values, spokes, ring values along the first spoke.
    let step = frame::nice_step(scale.1 - scale.0, 4);
    let rings: Vec<f64> = frame::ticks(scale.0, scale.1, 4);
    let grid = style.grid().stroke_width(style.line_px(1.5));
    for &v in &rings {
        if v <= scale.0 {
            continue;
        }
        let mut ring: Vec<(i32, i32)> = (0..n).map(|i| pt(at(i, v))).collect();
        ring.push(ring[0]);
        area.draw(&PathElement::new(ring, grid))?;
    }
    for i in 0..n {
        area.draw(&PathElement::new(
            vec![pt((cx, cy)), pt(at(i, scale.1))],
            grid,
        ))?;
    }

    // The spread band: outer edge forward, inner edge back, as one ring-shaped polygon.
    if has_spread {
        let band: Vec<(f64, f64)> = data
            .categories
            .iter()
            .map(|c| match (c.mean, c.spread) {
                (Some(m), Some(s)) => s.band(m, scale),
                (Some(m), None) => (m, m),
                (None, _) => (scale.0, scale.0),
            })
            .collect();
        let mut ring: Vec<(i32, i32)> = (0..n).map(|i| pt(at(i, band[i].1))).collect();
        ring.push(ring[0]);
        ring.push(pt(at(0, band[0].0)));
        ring.extend((0..n).rev().map(|i| pt(at(i, band[i].0))));
        let alpha = if style.theme == super::Theme::Dark {
            0.32
        } else {
            0.22
        };
        area.draw(&Polygon::new(ring, team.mix(alpha).filled()))?;
    }

    // Ring values on top of the band so they stay readable, halfway between the last spoke and
    // the first, where no mean marker can sit.
    let small = style.small_px();
    let half_sector = PI / n as f64;
    for &v in &rings {
        let r = r_of.map(v) * half_sector.cos();
        let a = -PI / 2.0 - half_sector;
        let (x, y) = (cx + r * a.cos(), cy + r * a.sin());
        let value = frame::format_number(v, step);
        let half_w = text::width(&value, small) / 2.0 + style.px(4.0);
        let half_h = small * 0.5;
        area.draw(&Rectangle::new(
            [pt((x - half_w, y - half_h)), pt((x + half_w, y + half_h))],
            style.background().mix(0.8).filled(),
        ))?;
        text::line(
            area,
            style,
            &value,
            (x, y - small * text::CAP_HEIGHT / 2.0),
            Align::Centre,
            small,
            &style.muted(),
        )?;
    }

    // Mean polygon through the categories that have a mean.
    let mean_points: Vec<(i32, i32)> = data
        .categories
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.mean.map(|m| pt(at(i, m))))
        .collect();
    let mut outline = mean_points;
    if outline.len() >= 3 {
        outline.push(outline[0]);
    }
    area.draw(&PathElement::new(
        outline,
        team.stroke_width(style.line_px(3.5)),
    ))?;
    let marker_r = style.px(10.0);
    for (i, c) in data.categories.iter().enumerate() {
        if let Some(m) = c.mean {
            frame::draw_marker(
                area,
                style,
                level_marker(c.level),
                at(i, m),
                marker_r,
                style.level(c.level).0,
            )?;
        }
    }

    // Labels around the rim: title (wrapped), then score and level.
    for (i, c) in data.categories.iter().enumerate() {
        let a = angle(i);
        let (dx, dy) = (a.cos(), a.sin());
        let gap = style.px(22.0);
        let anchor = (cx + (radius + gap) * dx, cy + (radius + gap) * dy);
        let title = Label::new(&c.title, label_size, label_w, label_lines - 1);
        let score = score_text(c);
        let block_h = title.height() + style.px(8.0) + text::block_height(1, label_size);
        let align = if dx.abs() < 0.2 {
            Align::Centre
        } else if dx > 0.0 {
            Align::Left
        } else {
            Align::Right
        };
        let top = if dy < -0.7 {
            anchor.1 - block_h
        } else if dy > 0.7 {
            anchor.1
        } else {
            anchor.1 - block_h / 2.0
        };
        title.draw(area, style, (anchor.0, top), align, &style.text())?;
        let score_top = top + title.height() + style.px(8.0);
        let score_w = text::width(&score, label_size);
        let key_r = label_size * 0.36;
        let key_space = key_r * 2.0 + style.px(8.0);
        let (text_x, key_x) = match align {
            Align::Left => (anchor.0 + key_space, anchor.0 + key_r),
            Align::Right => (anchor.0, anchor.0 - score_w - key_space + key_r),
            Align::Centre => (
                anchor.0 + key_space / 2.0,
                anchor.0 - score_w / 2.0 - key_space / 2.0 + key_r,
            ),
        };
        if c.mean.is_some() {
            frame::draw_marker(
                area,
                style,
                level_marker(c.level),
                (key_x, score_top + label_size * text::CAP_HEIGHT / 2.0),
                key_r,
                style.level(c.level).0,
            )?;
        }
        text::line(
            area,
            style,
            &score,
            (text_x, score_top),
            align,
            label_size,
            &style.muted(),
        )?;
    }
    Ok(())
}

pub fn draw_roadblock_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &RoadblockData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(area, style, &data.title, &data.subtitle, EMPTY_MESSAGE);
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let scale = scale_of(data);
    let has_spread = data.categories.iter().any(|c| c.spread.is_some());

    let mut legend: Vec<LegendItem> = levels_present(data)
        .into_iter()
        .map(|level| {
            let (colour, hatch) = style.level(Some(level));
            LegendItem {
                key: Key::Swatch(colour, hatch),
                label: level.label().into(),
            }
        })
        .collect();
    if has_spread {
        legend.push(LegendItem {
            key: Key::Line(style.text()),
            label: if data.spread_label.is_empty() {
                "Spread".into()
            } else {
                data.spread_label.clone()
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

    let label_size = style.label_px();
    let label_w = content.width() * 0.3;
    let value_w = style.px(190.0);
    let plot = Rect {
        x0: content.x0 + label_w + style.px(16.0),
        y0: content.y0 + legend_h + style.px(24.0),
        x1: content.x1 - value_w,
        y1: content.y1 - frame::x_axis_gutter(style, !data.axis_label.is_empty()),
    };
    let x_axis = Axis::numeric(scale, (plot.x0, plot.x1), 4, &data.axis_label);
    frame::axes(area, style, plot, Some(&x_axis), None)?;

    let n = data.categories.len().max(1);
    let row_h = plot.height() / n as f64;
    let bar_h = (row_h * 0.56).min(style.px(56.0));
    let size = label_size.min(row_h * 0.38).max(style.font_px(0.0));
    let max_lines = if row_h > 2.6 * size { 2 } else { 1 };
    let spread_stroke = style.text().stroke_width(style.line_px(2.0));
    for (i, c) in data.categories.iter().enumerate() {
        let mid = plot.y0 + row_h * (i as f64 + 0.5);
        let label = Label::new(&c.title, size, label_w, max_lines);
        label.draw(
            area,
            style,
            (
                plot.x0 - style.px(16.0),
                mid - label.height() / 2.0 + size * 0.1,
            ),
            Align::Right,
            &style.text(),
        )?;
        let Some(mean) = c.mean else {
            text::line(
                area,
                style,
                &score_text(c),
                (
                    plot.x0 + style.px(10.0),
                    mid - size * text::CAP_HEIGHT / 2.0,
                ),
                Align::Left,
                size,
                &style.muted(),
            )?;
            continue;
        };
        let (colour, hatch) = style.level(c.level);
        let end = x_axis.scale.map(mean.clamp(scale.0, scale.1));
        let bar = Rect {
            x0: plot.x0,
            y0: mid - bar_h / 2.0,
            x1: end,
            y1: mid + bar_h / 2.0,
        };
        frame::hatched_rect(area, style, bar, colour, hatch)?;
        let mut text_x = end;
        if let Some(spread) = c.spread {
            let (low, high) = spread.band(mean, scale);
            let (x_low, x_high) = (x_axis.scale.map(low), x_axis.scale.map(high));
            let cap = bar_h * 0.3;
            area.draw(&PathElement::new(
                vec![pt((x_low, mid)), pt((x_high, mid))],
                spread_stroke,
            ))?;
            for x in [x_low, x_high] {
                area.draw(&PathElement::new(
                    vec![pt((x, mid - cap)), pt((x, mid + cap))],
                    spread_stroke,
                ))?;
            }
            text_x = text_x.max(x_high);
        }
        text::line(
            area,
            style,
            &score_text(c),
            (text_x + style.px(12.0), mid - size * text::CAP_HEIGHT / 2.0),
            Align::Left,
            size,
            &style.text(),
        )?;
    }
    Ok(())
}
