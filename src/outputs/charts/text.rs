//! Text measured and placed by the glyph box, not by plotters' anchor guesses: wrapping to a width,
//! shortening with an ellipsis (remembering the full text for SVG), and drawing a line so that its
//! capitals start exactly at the requested top. The SVG post-processing in `svg.rs` moves SVG text
//! to the same place. Text from data is made drawable first ([`drawable`]): control characters go,
//! and anything beyond what could ever fit is cut before it is measured, so the cost of a label
//! grows with the room it has, not with its length.
//!
//! Raster text (PNG and the app's textures) is drawn glyph by glyph here with `ab_glyph`, each at
//! its exact pen position with its side bearing: plotters' own raster text puts every glyph's
//! bitmap at the whole pixel left of its pen, ignoring the bearing, which at screen sizes made
//! letter spacing visibly uneven ("Systems an dIT"). SVG keeps plotters' `<text>` elements.

use std::borrow::Cow;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

use super::style::ChartStyle;
use super::{ChartError, FONT_FAMILY};

/// Ubuntu's capital height, in plotters font-size units (ab_glyph scales ascent − descent to
/// the size; Ubuntu has ascent 0.932 em, descent 0.189 em, cap height 0.693 em).
pub(crate) const CAP_HEIGHT: f64 = 0.618;
/// How far plotters' bitmap backend draws capitals above the requested top (baseline at size/2).
const CAP_ABOVE_TOP: f64 = 0.5 - CAP_HEIGHT;
/// Distance between baselines of wrapped lines.
pub(crate) const LINE_HEIGHT: f64 = 1.12;

/// The narrowest advance, in ems, of any character worth counting (a hair space is about 0.08):
/// a line `room` pixels wide never shows more than `room / (NARROWEST_EM × size)` characters.
const NARROWEST_EM: f64 = 0.05;
/// Characters of a shortened label's full text kept for SVG's `<title>`: enough for any real
/// label, and a pasted novel does not bloat every export.
pub(crate) const FULL_TEXT_MAX_CHARS: usize = 1000;

/// `text` as a chart can draw it on one line: control characters dropped (whitespace ones become a
/// space), and cut after the most characters that could fit in `room_px` at `size`. Returns the
/// text and whether it was cut. Costs time in proportion to the room, whatever the text's length.
pub(crate) fn drawable(text: &str, size: f64, room_px: f64) -> (Cow<'_, str>, bool) {
    let per_char = (NARROWEST_EM * size).max(0.01);
    let max_chars = (room_px.max(0.0) / per_char).ceil().min(1e6) as usize + 1;
    clean_and_cut(text, max_chars)
}

/// The full text of a shortened label as kept for a `<title>`: on one line, without control
/// characters, at most [`FULL_TEXT_MAX_CHARS`] (ending in "…" when cut). Applying it twice
/// changes nothing.
pub(crate) fn full_text(text: &str) -> String {
    match clean_and_cut(text, FULL_TEXT_MAX_CHARS) {
        (text, false) => text.into_owned(),
        (text, true) => {
            let mut kept: String = text.chars().take(FULL_TEXT_MAX_CHARS - 1).collect();
            kept.push('…');
            kept
        }
    }
}

fn clean_and_cut(text: &str, max_chars: usize) -> (Cow<'_, str>, bool) {
    let unwanted = |c: char| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    let mut clean_until = text.len();
    let mut cut = false;
    for (count, (at, c)) in text.char_indices().enumerate() {
        if count == max_chars {
            clean_until = at;
            cut = true;
            break;
        }
        if unwanted(c) {
            // Slow path: rebuild, still reading no further than the characters kept.
            let mut out = String::with_capacity(text.len().min(max_chars * 4));
            let mut kept = 0;
            for c in text.chars() {
                let c = match c {
                    c if c.is_control() && c.is_whitespace() => ' ',
                    c if unwanted(c) => continue,
                    c => c,
                };
                if kept == max_chars {
                    return (Cow::Owned(out), true);
                }
                out.push(c);
                kept += 1;
            }
            return (Cow::Owned(out), false);
        }
    }
    (Cow::Borrowed(&text[..clean_until]), cut)
}

pub(crate) fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), size, FontStyle::Normal)
}

/// Advance width of `text` at `size`, in pixels (with kerning, as drawn).
pub(crate) fn width(text: &str, size: f64) -> f64 {
    match glyph_font() {
        Some(face) => f64::from(advance(&ab_glyph::Font::as_scaled(face, size as f32), text)),
        // Without the font nothing is drawn either; a rough estimate keeps layout sane.
        None => text.chars().count() as f64 * size * 0.5,
    }
}

/// The chart face for raster text, parsed once.
fn glyph_font() -> Option<&'static ab_glyph::FontRef<'static>> {
    static FACE: std::sync::OnceLock<Option<ab_glyph::FontRef<'static>>> =
        std::sync::OnceLock::new();
    FACE.get_or_init(|| ab_glyph::FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok())
        .as_ref()
}

/// The pen advance of `text` with kerning.
fn advance(face: &ab_glyph::PxScaleFont<&ab_glyph::FontRef<'static>>, text: &str) -> f32 {
    use ab_glyph::ScaleFont;
    let mut pen = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = face.glyph_id(c);
        if let Some(previous) = previous {
            pen += face.kern(previous, id);
        }
        pen += face.h_advance(id);
        previous = Some(id);
    }
    pen
}

/// Draws `text` as raster glyphs, the pen starting at `start` on `baseline` (sub-pixel places);
/// `to_area` turns a pixel of this horizontal run into the area's pixel (for rotated text).
fn raster_run<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    size: f64,
    (start, baseline): (f32, f32),
    colour: &RGBColor,
    to_area: impl Fn(i32, i32) -> (i32, i32),
) -> Result<(), ChartError> {
    use ab_glyph::{Font, ScaleFont, point};
    let Some(face) = glyph_font() else {
        return Err(ChartError::Font);
    };
    let scaled = face.as_scaled(size as f32);
    let mut pen = start;
    let mut previous = None;
    let mut failed = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            pen += scaled.kern(previous, id);
        }
        previous = Some(id);
        let glyph = id.with_scale_and_position(scaled.scale(), point(pen, baseline));
        pen += scaled.h_advance(id);
        let Some(outline) = face.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
        outline.draw(|x, y, coverage| {
            if coverage <= 0.0 || failed.is_some() {
                return;
            }
            let at = to_area(left + x as i32, top + y as i32);
            if let Err(error) = area.draw_pixel(at, &colour.mix(f64::from(coverage.min(1.0)))) {
                failed = Some(error.to_string());
            }
        });
    }
    match failed {
        Some(error) => Err(ChartError::Draw(error)),
        None => Ok(()),
    }
}

/// Height taken by `lines` lines of text at `size`, from the first cap top to the last baseline
/// plus descenders.
pub(crate) fn block_height(lines: usize, size: f64) -> f64 {
    if lines == 0 {
        0.0
    } else {
        CAP_HEIGHT * size + (lines - 1) as f64 * LINE_HEIGHT * size + 0.2 * size
    }
}

/// Shorten `text` to fit `max_width`, ending in "…" when anything was cut.
pub(crate) fn ellipsize(text: &str, size: f64, max_width: f64) -> String {
    let (text, cut) = drawable(text, size, max_width);
    if !cut && width(&text, size) <= max_width {
        return text.into_owned();
    }
    with_ellipsis(&text, size, max_width)
}

/// The longest prefix of `text` that fits `max_width` with "…" after it, and the "…".
fn with_ellipsis(text: &str, size: f64, max_width: f64) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Binary search the longest prefix that fits with the ellipsis.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&candidate, size) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix: String = chars[..lo].iter().collect();
    let prefix = prefix.trim_end_matches(|c: char| c.is_whitespace() || ",;:–-".contains(c));
    format!("{prefix}…")
}

/// Greedy word wrap into at most `max_lines` lines of `max_width`; the last line is shortened with
/// an ellipsis if the text does not fit. Returns the lines and whether anything was cut.
pub(crate) fn wrap(text: &str, size: f64, max_width: f64, max_lines: usize) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let (text, cut) = drawable(text, size, max_width * max_lines as f64);
    // Each line, and whether it ends inside a word that was broken for being too wide.
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push((std::mem::take(&mut current), false));
        }
        let mut rest = word.to_string();
        while width(&rest, size) > max_width {
            let fit = longest_fitting_prefix(&rest, size, max_width).max(1);
            lines.push((rest.chars().take(fit).collect(), true));
            rest = rest.chars().skip(fit).collect();
        }
        current = rest;
    }
    if !current.is_empty() {
        lines.push((current, false));
    }
    if lines.len() <= max_lines {
        let mut lines: Vec<String> = lines.into_iter().map(|(l, _)| l).collect();
        if cut && let Some(last) = lines.last_mut() {
            // Everything kept fits, but more was cut before wrapping: say so.
            *last = with_ellipsis(last, size, max_width);
        }
        return (lines, cut);
    }
    // Too many lines: keep the first ones, run the rest into the last and cut it to size.
    let tail = lines[max_lines - 1..]
        .iter()
        .fold(String::new(), |mut acc, (line, broken)| {
            acc.push_str(line);
            if !broken {
                acc.push(' ');
            }
            acc
        });
    let mut kept: Vec<String> = lines
        .into_iter()
        .take(max_lines - 1)
        .map(|(l, _)| l)
        .collect();
    kept.push(ellipsize(tail.trim_end(), size, max_width));
    (kept, true)
}

fn longest_fitting_prefix(word: &str, size: f64, max_width: f64) -> usize {
    let chars: Vec<char> = word.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect();
        if width(&candidate, size) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Where a text line sits horizontally relative to its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

impl Align {
    fn hpos(self) -> HPos {
        match self {
            Align::Left => HPos::Left,
            Align::Centre => HPos::Center,
            Align::Right => HPos::Right,
        }
    }
}

/// Draw one line with its capitals' top at `cap_top`.
pub(crate) fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartStyle,
    text: &str,
    (x, cap_top): (f64, f64),
    align: Align,
    size: f64,
    colour: &RGBColor,
) -> Result<(), ChartError> {
    let (text, _) = drawable(text, size, f64::from(area.dim_in_pixel().0));
    if text.is_empty() {
        return Ok(());
    }
    if chart.raster_glyphs {
        let start = match align {
            Align::Left => x,
            Align::Centre => x - width(&text, size) / 2.0,
            Align::Right => x - width(&text, size),
        };
        let baseline = cap_top + CAP_HEIGHT * size;
        return raster_run(
            area,
            &text,
            size,
            (start as f32, baseline as f32),
            colour,
            |x, y| (x, y),
        );
    }
    let style = font(size)
        .color(colour)
        .pos(Pos::new(align.hpos(), VPos::Top));
    let top = cap_top - CAP_ABOVE_TOP * size;
    area.draw(&Text::new(
        text.into_owned(),
        (x.round() as i32, top.round() as i32),
        style,
    ))?;
    Ok(())
}

/// Draw one line rotated a quarter turn anticlockwise (reading upwards), centred on `y`, with
/// the capitals' top at `cap_left`.
pub(crate) fn vertical_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartStyle,
    text: &str,
    (cap_left, y): (f64, f64),
    size: f64,
    colour: &RGBColor,
) -> Result<(), ChartError> {
    let (text, _) = drawable(text, size, f64::from(area.dim_in_pixel().1));
    if text.is_empty() {
        return Ok(());
    }
    if chart.raster_glyphs {
        // Laid out horizontally from (0, 0), then turned: run x goes up from the bottom end,
        // run y (down from the baseline's cap line) goes right from `cap_left`.
        let bottom = (y + width(&text, size) / 2.0).round() as i32;
        let left = cap_left.round() as i32;
        let cap = (CAP_HEIGHT * size) as f32;
        return raster_run(area, &text, size, (0.0, cap), colour, |run_x, run_y| {
            (left + run_y, bottom - run_x)
        });
    }
    let style = font(size)
        .transform(FontTransform::Rotate270)
        .color(colour)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let left = cap_left - CAP_ABOVE_TOP * size;
    area.draw(&Text::new(
        text.into_owned(),
        (left.round() as i32, y.round() as i32),
        style,
    ))?;
    Ok(())
}

/// A wrapped (and if need be shortened) label: the lines to draw and how tall they are.
pub(crate) struct Label {
    pub lines: Vec<String>,
    pub size: f64,
    full: Option<String>,
}

impl Label {
    pub(crate) fn new(text: &str, size: f64, max_width: f64, max_lines: usize) -> Self {
        let (lines, shortened) = wrap(text, size, max_width, max_lines);
        Self {
            lines,
            size,
            full: shortened.then(|| full_text(text)),
        }
    }

    pub(crate) fn height(&self) -> f64 {
        block_height(self.lines.len(), self.size)
    }

    pub(crate) fn width(&self) -> f64 {
        self.lines
            .iter()
            .map(|l| width(l, self.size))
            .fold(0.0, f64::max)
    }

    /// Whether the text did not fit and was cut.
    pub(crate) fn is_shortened(&self) -> bool {
        self.full.is_some()
    }

    /// Notes a shortened label's full text (for SVG), for a label drawn other than by [`draw`].
    pub(crate) fn note_if_shortened(&self, style: &ChartStyle) {
        if let Some(full) = &self.full {
            style.record_shortened(&self.lines, full);
        }
    }

    /// Draw the lines from `cap_top` down, noting a shortened label's full text for SVG.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
        (x, cap_top): (f64, f64),
        align: Align,
        colour: &RGBColor,
    ) -> Result<(), ChartError> {
        if let Some(full) = &self.full {
            style.record_shortened(&self.lines, full);
        }
        for (i, text) in self.lines.iter().enumerate() {
            let y = cap_top + i as f64 * LINE_HEIGHT * self.size;
            line(area, style, text, (x, y), align, self.size, colour)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() {
        // Measuring needs the font registered, as drawing does.
        super::super::register_font().unwrap();
    }

    #[test]
    fn short_text_is_left_alone() {
        setup();
        let (lines, cut) = wrap("Silos", 20.0, 500.0, 2);
        assert_eq!(lines, vec!["Silos".to_string()]);
        assert!(!cut);
    }

    #[test]
    fn long_text_wraps_then_ends_in_an_ellipsis() {
        setup();
        let text = "Frontline staff are asked about the tools they must use before anyone buys them \
                    and nobody waits for a committee to decide what customers want";
        let (lines, cut) = wrap(text, 20.0, 300.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(cut);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 20.0) <= 300.5), "{lines:?}");
        assert!(lines[0].starts_with("Frontline staff"));
    }

    #[test]
    fn wrapping_keeps_every_word_when_it_fits() {
        setup();
        let text = "Équipe Zoë – Service client du samedi matin";
        let (lines, cut) = wrap(text, 20.0, 200.0, 4);
        assert!(!cut);
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn an_unbreakable_word_is_cut_not_overflowing() {
        setup();
        let word = "x".repeat(200);
        let (lines, cut) = wrap(&word, 20.0, 150.0, 2);
        assert!(cut);
        assert!(lines.iter().all(|l| width(l, 20.0) <= 150.5), "{lines:?}");
        let e = ellipsize(&word, 20.0, 150.0);
        assert!(e.ends_with('…') && width(&e, 20.0) <= 150.0);
    }

    /// Centres of the ink runs along row `y` of an RGB buffer `width` wide (white background).
    fn stem_centres(rgb: &[u8], width: usize, y: usize) -> Vec<f64> {
        let ink = |x: usize| 255.0 - f64::from(rgb[(y * width + x) * 3]);
        let mut centres = Vec::new();
        let (mut sum, mut weighted) = (0.0, 0.0);
        for x in 0..width {
            let v = ink(x);
            if v > 8.0 {
                sum += v;
                weighted += v * x as f64;
            } else if sum > 0.0 {
                centres.push(weighted / sum);
                (sum, weighted) = (0.0, 0.0);
            }
        }
        centres
    }

    fn drawn_stems(raster_glyphs: bool) -> Vec<f64> {
        setup();
        let (width, height) = (300usize, 40usize);
        let mut rgb = vec![255u8; width * height * 3];
        {
            let area = BitMapBackend::with_buffer(&mut rgb, (width as u32, height as u32))
                .into_drawing_area();
            let mut style = ChartStyle::new(super::super::Theme::Light, 300, 40, 1.0);
            style.raster_glyphs = raster_glyphs;
            line(
                &area,
                &style,
                "llllllllll",
                (10.3, 10.0),
                Align::Left,
                13.0,
                &BLACK,
            )
            .unwrap();
            area.present().unwrap();
        }
        // Halfway down the letters' stems.
        stem_centres(&rgb, width, 10 + 4)
    }

    #[test]
    fn raster_glyphs_keep_even_spacing_at_screen_sizes() {
        let stems = drawn_stems(true);
        assert_eq!(stems.len(), 10, "{stems:?}");
        let gaps: Vec<f64> = stems.windows(2).map(|w| w[1] - w[0]).collect();
        let (min, max) = gaps
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
        // The advance of "l" at 13 px, every time, to within a fraction of a pixel.
        assert!(max - min < 0.35, "uneven letter spacing: {gaps:?}");
    }
}
