//! Item distribution: one diverging stacked bar per item, disagreement to the left of zero,
//! agreement to the right and the neutral option straddling the centre line, items grouped under
//! their dimension. Works for any ordered scale (4, 5, 7 or 11 points, with or without a middle).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;
use super::data::{ItemDistributionData, ItemRow};
use super::frame::{self, Key, LegendItem, Linear, Rect, pt};
use super::style::{ChartStyle, Hatch, text_on};
use super::text::{self, Align, Label};

pub fn draw_items<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ItemDistributionData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return frame::not_enough_data(
            area,
            style,
            &data.title,
            &data.subtitle,
            "No item has been answered yet: the bars appear with the first completed response.",
        );
    }
    let content = frame::page(area, style, &data.title, &data.subtitle, &data.footnote)?;
    let options = data.options.len();
    let neutral = data.neutral.filter(|&n| n < options);
    let colours: Vec<RGBColor> = (0..options)
        .map(|i| style.diverging(i, options, neutral))
        .collect();

    let legend: Vec<LegendItem> = data
        .options
        .iter()
        .zip(&colours)
        .map(|(label, &colour)| LegendItem {
            key: Key::Swatch(colour, Hatch::None),
            label: label.clone(),
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

    // Where each item's bar starts and ends, as shares of its respondents.
    let left_count = neutral.unwrap_or(options / 2);
    let right_start = neutral.map_or(options.div_ceil(2), |n| n + 1);
    let extents: Vec<(f64, f64)> = data
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .map(|item| {
            let total: usize = item.counts.iter().sum();
            if total == 0 {
                return (0.0, 0.0);
            }
            let share = |i: usize| item.counts.get(i).copied().unwrap_or(0) as f64 / total as f64;
            let half_neutral = neutral.map_or(0.0, |n| share(n) / 2.0);
            let left: f64 = (0..left_count).map(share).sum::<f64>() + half_neutral;
            let right: f64 = (right_start..options).map(share).sum::<f64>() + half_neutral;
            (left, right)
        })
        .collect();
    let round_up = |v: f64| ((v / 0.2).ceil() * 0.2).clamp(0.2, 1.0);
    let left_max = round_up(extents.iter().map(|e| e.0).fold(0.0, f64::max));
    let right_max = round_up(extents.iter().map(|e| e.1).fold(0.0, f64::max));

    let label_w = content.width() * 0.33;
    let n_w = style.px(80.0);
    let plot = Rect {
        x0: content.x0 + label_w + style.px(20.0),
        y0: content.y0 + legend_h + style.px(24.0),
        x1: content.x1 - n_w,
        y1: content.y1 - frame::x_axis_gutter(style, true),
    };
    let x = Linear::new((-left_max, right_max), (plot.x0, plot.x1));
    let zero = x.map(0.0);

    // Rows: a heading per dimension (when there is more than one, or it has a title), then its
    // items. Below a legible row height the rows that do not fit are left out, and said so.
    let show_headings = data.groups.len() > 1 || data.groups.iter().any(|g| !g.title.is_empty());
    let mut rows: Vec<Row> = Vec::new();
    let mut index = 0;
    for group in &data.groups {
        if show_headings {
            rows.push(Row::Heading(&group.title));
        }
        for item in &group.items {
            rows.push(Row::Item(index, item));
            index += 1;
        }
    }
    let row_h = (plot.height() / rows.len().max(1) as f64).clamp(style.px(30.0), style.px(90.0));
    let capacity = ((plot.height() / row_h).floor() as usize).max(2);
    if rows.len() > capacity {
        rows.truncate(capacity - 1);
        if matches!(rows.last(), Some(Row::Heading(_))) {
            rows.pop();
        }
        let shown = rows.iter().filter(|r| matches!(r, Row::Item(..))).count();
        rows.push(Row::More(index - shown));
    }
    let size = style.label_px().min(row_h * 0.36).max(style.font_px(0.0));
    let max_lines = if row_h > 2.5 * size { 2 } else { 1 };
    let bar_h = row_h * 0.62;

    // Grid: a line per 20%, labelled without sign, and a firm zero line drawn last.
    let grid = style.grid().stroke_width(style.line_px(1.0));
    let tick_size = style.label_px();
    let steps = |v: f64| (v / 0.2).round() as i32;
    for k in -steps(left_max)..=steps(right_max) {
        let tick = f64::from(k) * 0.2;
        let px = x.map(tick);
        area.draw(&PathElement::new(
            vec![pt((px, plot.y0)), pt((px, plot.y1))],
            grid,
        ))?;
        text::line(
            area,
            style,
            &frame::percent(tick.abs()),
            (px, plot.y1 + style.px(12.0)),
            Align::Centre,
            tick_size,
            &style.muted(),
        )?;
    }
    // Direction hints under the axis, named after the scale's ends.
    let hint_top = plot.y1 + style.px(12.0) + tick_size * text::CAP_HEIGHT + style.px(22.0);
    let axis_size = style.axis_title_px();
    if let (Some(first), Some(last)) = (data.options.first(), data.options.last()) {
        // Arrows are drawn, not typed: the bundled face has no arrow glyphs.
        let arrow_w = style.px(34.0);
        let gap = style.px(16.0);
        let room = ((zero - plot.x0).min(plot.x1 - zero) - arrow_w - 2.0 * gap).max(style.px(80.0));
        let left = Label::new(first, axis_size, room, 1);
        let right = Label::new(last, axis_size, room, 1);
        let mid = hint_top + axis_size * text::CAP_HEIGHT / 2.0;
        let ink = style.text();
        left.draw(
            area,
            style,
            (zero - gap - arrow_w - gap, hint_top),
            Align::Right,
            &ink,
        )?;
        right.draw(
            area,
            style,
            (zero + gap + arrow_w + gap, hint_top),
            Align::Left,
            &ink,
        )?;
        arrow(
            area,
            style,
            (zero - gap, mid),
            (zero - gap - arrow_w, mid),
            ink,
        )?;
        arrow(
            area,
            style,
            (zero + gap, mid),
            (zero + gap + arrow_w, mid),
            ink,
        )?;
    }
    // The "n" column heading sits on the first row of headings (or just above the bars).
    let n_top = if show_headings {
        let heading_size = (size * 1.08).min(row_h * 0.5).max(size);
        plot.y0 + row_h * 0.62 - text::block_height(1, heading_size) / 2.0
    } else {
        plot.y0 - style.px(6.0) - size * text::CAP_HEIGHT
    };
    text::line(
        area,
        style,
        "n",
        (plot.x1 + n_w / 2.0, n_top),
        Align::Centre,
        size,
        &style.muted(),
    )?;
    // The zero line goes under the bars: the neutral option straddles it.
    area.draw(&PathElement::new(
        vec![pt((zero, plot.y0)), pt((zero, plot.y1))],
        style.text().stroke_width(style.line_px(2.0)),
    ))?;

    for (r, row) in rows.iter().enumerate() {
        let y = plot.y0 + r as f64 * row_h;
        let mid = y + row_h / 2.0;
        match *row {
            Row::Heading(title) => {
                let heading_size = (size * 1.08).min(row_h * 0.5).max(size);
                let heading = Label::new(title, heading_size, content.width() * 0.6, 1);
                let top = y + row_h * 0.62 - heading.height() / 2.0;
                // A plate keeps the grid from running through the heading.
                let plate = Rect {
                    x0: content.x0,
                    y0: top - style.px(6.0),
                    x1: content.x0 + heading.width() + style.px(12.0),
                    y1: top + heading.height() + style.px(2.0),
                };
                area.draw(&Rectangle::new(
                    plate.corners(),
                    style.background().filled(),
                ))?;
                heading.draw(area, style, (content.x0, top), Align::Left, &style.text())?;
                let rule_y = y + row_h - 1.0;
                area.draw(&PathElement::new(
                    vec![pt((content.x0, rule_y)), pt((content.x1, rule_y))],
                    style.axis().mix(0.6).stroke_width(style.line_px(1.0)),
                ))?;
            }
            Row::More(hidden) => {
                let note = format!(
                    "… and {hidden} more item{} not shown: too many to read at this size",
                    if hidden == 1 { "" } else { "s" }
                );
                text::line(
                    area,
                    style,
                    &note,
                    (
                        content.x0 + style.px(16.0),
                        mid - size * text::CAP_HEIGHT / 2.0,
                    ),
                    Align::Left,
                    size,
                    &style.muted(),
                )?;
            }
            Row::Item(index, item) => {
                let label = Label::new(&item.label, size, label_w - style.px(16.0), max_lines);
                label.draw(
                    area,
                    style,
                    (
                        content.x0 + style.px(16.0),
                        mid - label.height() / 2.0 + size * 0.1,
                    ),
                    Align::Left,
                    &style.text(),
                )?;
                let total: usize = item.counts.iter().sum();
                text::line(
                    area,
                    style,
                    &total.to_string(),
                    (plot.x1 + n_w / 2.0, mid - size * text::CAP_HEIGHT / 2.0),
                    Align::Centre,
                    size,
                    &style.muted(),
                )?;
                let bar = Rect {
                    x0: 0.0,
                    y0: mid - bar_h / 2.0,
                    x1: 0.0,
                    y1: mid + bar_h / 2.0,
                };
                stacked_bar(
                    area,
                    style,
                    item,
                    (-extents[index].0, &x),
                    bar,
                    &colours,
                    size,
                )?;
            }
        }
    }
    Ok(())
}

/// One line of the chart.
enum Row<'a> {
    Heading(&'a str),
    /// (index among all items, the item)
    Item(usize, &'a ItemRow),
    /// How many items did not fit.
    More(usize),
}

/// An item's options laid left to right from `start` (a share left of zero), with the share
/// written inside each segment wide enough to hold it.
fn stacked_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    item: &ItemRow,
    (start, x): (f64, &Linear),
    bar: Rect,
    colours: &[RGBColor],
    size: f64,
) -> Result<(), ChartError> {
    let total: usize = item.counts.iter().sum();
    if total == 0 {
        return Ok(());
    }
    let mid = bar.centre().1;
    let mut from = start;
    for (i, &colour) in colours.iter().enumerate() {
        let s = item.counts.get(i).copied().unwrap_or(0) as f64 / total as f64;
        if s <= 0.0 {
            continue;
        }
        let segment = Rect {
            x0: x.map(from),
            x1: x.map(from + s),
            ..bar
        };
        area.draw(&Rectangle::new(segment.corners(), colour.filled()))?;
        let value = frame::percent(s);
        let value_size = (size * 0.9).max(style.font_px(0.0));
        if text::width(&value, value_size) + style.px(10.0) < segment.width()
            && value_size * 1.1 < bar.height()
        {
            text::line(
                area,
                style,
                &value,
                (
                    segment.centre().0,
                    mid - value_size * text::CAP_HEIGHT / 2.0,
                ),
                Align::Centre,
                value_size,
                &text_on(colour),
            )?;
        }
        from += s;
    }
    Ok(())
}

/// A short arrow from `from` to `to` with a filled head.
fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    from: (f64, f64),
    to: (f64, f64),
    colour: RGBColor,
) -> Result<(), ChartError> {
    let head = style.px(10.0);
    let direction = (to.0 - from.0).signum();
    let base = to.0 - direction * head;
    area.draw(&PathElement::new(
        vec![pt(from), pt((base, to.1))],
        colour.stroke_width(style.line_px(2.0)),
    ))?;
    area.draw(&Polygon::new(
        vec![
            pt(to),
            pt((base, to.1 - head * 0.6)),
            pt((base, to.1 + head * 0.6)),
        ],
        colour.filled(),
    ))?;
    Ok(())
}
