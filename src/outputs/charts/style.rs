//! The look shared by every chart: theme colours, a colour-blind-safe palette (Okabe–Ito, picked so
//! neighbours also differ in lightness for grey-scale print), marker shapes and hatching that carry
//! the same meaning without colour, and sizes expressed relative to a 1600×1000 reference so one
//! layout works at any size and scale.

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Theme;
use super::data::{Corner, Level};

/// Okabe–Ito colours (Okabe & Ito 2008), distinguishable with every common colour-vision deficiency.
pub(crate) mod okabe_ito {
    use plotters::style::RGBColor;
    pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
}

use okabe_ito as oi;

/// Marker shapes, so segments stay apart where colour is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// Fill patterns drawn over a colour, for the same reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hatch {
    None,
    /// Lines rising to the right.
    Diagonal,
    /// Lines falling to the right.
    BackDiagonal,
    Horizontal,
    Cross,
}

/// The smallest chart text, in points (pixels at scale 1): about 14 px on a 1024×768 projector.
pub const MIN_TEXT_PT: f64 = 14.0;

/// Colours, sizes and the log of shortened labels for one rendering of one chart.
#[derive(Debug)]
pub struct ChartStyle {
    pub theme: Theme,
    pub width_px: f64,
    pub height_px: f64,
    /// Pixels per reference pixel (1 at 1600×1000, 2 at 3200×2000).
    pub unit: f64,
    /// Raster scale factor, which sets the smallest legible text size.
    pub scale: f64,
    /// Text is drawn glyph by glyph into pixels (PNG, the app) rather than as text elements (SVG).
    pub raster_glyphs: bool,
    /// Labels shown shortened, as (lines drawn, full text), for SVG `<title>` elements.
    shortened: RefCell<Vec<(Vec<String>, String)>>,
}

impl ChartStyle {
    pub fn new(theme: Theme, width_px: u32, height_px: u32, scale: f64) -> Self {
        let (w, h) = (f64::from(width_px), f64::from(height_px));
        Self {
            theme,
            width_px: w,
            height_px: h,
            unit: (w / 1600.0).min(h / 1000.0),
            scale: if scale.is_finite() && scale > 0.0 {
                scale
            } else {
                1.0
            },
            raster_glyphs: false,
            shortened: RefCell::new(Vec::new()),
        }
    }

    /// The same style, for raster output: text drawn as placed glyphs.
    pub fn raster(mut self) -> Self {
        self.raster_glyphs = true;
        self
    }

    /// A style sized for `area`; `scale` is the raster scale (1 on screen at 1:1, 2 for print).
    pub fn for_area<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        theme: Theme,
        scale: f64,
    ) -> Self {
        let (w, h) = area.dim_in_pixel();
        Self::new(theme, w, h, scale)
    }

    /// A length given in reference pixels, in this rendering's pixels.
    pub fn px(&self, reference: f64) -> f64 {
        reference * self.unit
    }

    /// A font size given in reference pixels, never below [`MIN_TEXT_PT`] points: on screen the
    /// scale is the pixels per point (UI scale included), so small charts on a projector keep
    /// readable text, and a larger UI scale makes chart text larger, as it does all other text.
    pub fn font_px(&self, reference: f64) -> f64 {
        (reference * self.unit).max(MIN_TEXT_PT * self.scale)
    }

    pub(crate) fn title_px(&self) -> f64 {
        self.font_px(40.0)
    }
    pub(crate) fn subtitle_px(&self) -> f64 {
        self.font_px(25.0)
    }
    pub(crate) fn axis_title_px(&self) -> f64 {
        self.font_px(24.0)
    }
    pub(crate) fn label_px(&self) -> f64 {
        self.font_px(22.0)
    }
    pub(crate) fn small_px(&self) -> f64 {
        self.font_px(19.0)
    }
    /// Outer margin of the whole chart.
    pub(crate) fn margin(&self) -> f64 {
        self.px(40.0)
    }
    pub(crate) fn line_px(&self, reference: f64) -> u32 {
        self.px(reference).round().max(1.0) as u32
    }

    pub(crate) fn record_shortened(&self, lines: &[String], full: &str) {
        self.shortened
            .borrow_mut()
            .push((lines.to_vec(), super::text::full_text(full)));
    }

    /// Labels drawn shortened so far (and forget them).
    pub(crate) fn take_shortened(&self) -> Vec<(Vec<String>, String)> {
        std::mem::take(&mut self.shortened.borrow_mut())
    }

    fn dark(&self) -> bool {
        self.theme == Theme::Dark
    }

    pub(crate) fn background(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0x1B, 0x1B, 0x1B)
        } else {
            WHITE
        }
    }
    /// A slightly raised surface: empty-data panel, label plates.
    pub(crate) fn panel(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0x26, 0x26, 0x26)
        } else {
            RGBColor(0xF3, 0xF3, 0xF3)
        }
    }
    pub(crate) fn text(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0xEC, 0xEC, 0xEC)
        } else {
            RGBColor(0x1A, 0x1A, 0x1A)
        }
    }
    pub(crate) fn muted(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0xA6, 0xA6, 0xA6)
        } else {
            RGBColor(0x59, 0x59, 0x59)
        }
    }
    pub(crate) fn grid(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0x36, 0x36, 0x36)
        } else {
            RGBColor(0xE4, 0xE4, 0xE4)
        }
    }
    pub(crate) fn axis(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0x8C, 0x8C, 0x8C)
        } else {
            RGBColor(0x73, 0x73, 0x73)
        }
    }

    /// The team's own bars and lines.
    pub(crate) fn team(&self) -> RGBColor {
        if self.dark() { oi::SKY_BLUE } else { oi::BLUE }
    }
    /// Reference bars (benchmarks): neutral grey, hatched.
    pub(crate) fn reference(&self) -> RGBColor {
        if self.dark() {
            RGBColor(0x80, 0x80, 0x80)
        } else {
            RGBColor(0xB4, 0xB4, 0xB4)
        }
    }

    /// A segment's colour and marker, fixed by its corner.
    pub(crate) fn segment(&self, corner: Corner) -> (RGBColor, Marker) {
        match corner {
            Corner::TopRight => (self.team(), Marker::Circle),
            Corner::BottomRight => (oi::ORANGE, Marker::Square),
            Corner::TopLeft => (
                if self.dark() {
                    RGBColor(0xF0, 0x7D, 0x3C)
                } else {
                    oi::VERMILLION
                },
                Marker::Triangle,
            ),
            Corner::BottomLeft => (oi::REDDISH_PURPLE, Marker::Diamond),
        }
    }

    /// A level's colour and hatching: green–orange–red by convention, but strong is darkened
    /// and roadblocks are hatched so the three stay apart in grey scale.
    pub(crate) fn level(&self, level: Option<Level>) -> (RGBColor, Hatch) {
        match (level, self.dark()) {
            (Some(Level::Strong), false) => (RGBColor(0x00, 0x7A, 0x5A), Hatch::None),
            (Some(Level::Strong), true) => (RGBColor(0x2B, 0xB5, 0x8A), Hatch::None),
            (Some(Level::Watch), _) => (oi::ORANGE, Hatch::None),
            (Some(Level::Roadblock), false) => (oi::VERMILLION, Hatch::Diagonal),
            (Some(Level::Roadblock), true) => (RGBColor(0xF0, 0x7D, 0x3C), Hatch::Diagonal),
            (None, _) => (self.reference(), Hatch::None),
        }
    }

    /// Colour and hatching of the `index`th series of a grouped bar chart.
    pub(crate) fn series(&self, index: usize) -> (RGBColor, Hatch) {
        const HATCHES: [Hatch; 7] = [
            Hatch::None,
            Hatch::None,
            Hatch::Diagonal,
            Hatch::None,
            Hatch::BackDiagonal,
            Hatch::Horizontal,
            Hatch::Cross,
        ];
        let colours = [
            self.team(),
            oi::ORANGE,
            oi::BLUISH_GREEN,
            oi::VERMILLION,
            if self.dark() { oi::BLUE } else { oi::SKY_BLUE },
            oi::REDDISH_PURPLE,
            oi::YELLOW,
        ];
        let hatch = HATCHES[index % HATCHES.len()];
        // Past seven series, shift the pattern so repeats still differ.
        let hatch = if index >= HATCHES.len() && hatch == Hatch::None {
            Hatch::Cross
        } else {
            hatch
        };
        (colours[index % colours.len()], hatch)
    }

    /// Colour of option `index` on a diverging scale of `count` options with an optional neutral
    /// middle: reds for disagreement, blues for agreement (ColorBrewer RdBu, colour-blind safe),
    /// darker the further from the middle, so strength also reads in grey scale.
    pub(crate) fn diverging(&self, index: usize, count: usize, neutral: Option<usize>) -> RGBColor {
        const NEG: [(f64, f64, f64); 3] = [(253., 219., 199.), (239., 138., 98.), (178., 24., 43.)];
        const POS: [(f64, f64, f64); 3] =
            [(209., 229., 240.), (103., 169., 207.), (33., 102., 172.)];
        let centre = match neutral {
            Some(n) => n as f64,
            None => (count as f64 - 1.0) / 2.0,
        };
        let offset = index as f64 - centre;
        if offset.abs() < 1e-9 {
            return if self.dark() {
                RGBColor(0x70, 0x70, 0x70)
            } else {
                RGBColor(0xC8, 0xC8, 0xC8)
            };
        }
        // Options on this side, counted from the middle outwards.
        let (side_count, distance) = if offset < 0.0 {
            let n = neutral.unwrap_or(count / 2);
            (n, (centre - index as f64).ceil() as usize)
        } else {
            let first = neutral.map_or(count.div_ceil(2), |n| n + 1);
            (count - first, (index as f64 - centre).ceil() as usize)
        };
        let t = if side_count <= 1 {
            0.7
        } else {
            0.3 + 0.7 * (distance.saturating_sub(1)) as f64 / (side_count - 1) as f64
        };
        let ramp = if offset < 0.0 { &NEG } else { &POS };
        ramp_at(ramp, t)
    }
}

/// Linear interpolation along a three-stop colour ramp, `t` in 0–1.
fn ramp_at(ramp: &[(f64, f64, f64); 3], t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0) * 2.0;
    let (a, b, f) = if t <= 1.0 {
        (ramp[0], ramp[1], t)
    } else {
        (ramp[1], ramp[2], t - 1.0)
    };
    let mix = |x: f64, y: f64| (x + (y - x) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Relative luminance (sRGB), to choose dark or light text on a coloured fill.
pub(crate) fn luminance(colour: RGBColor) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(colour.0) + 0.7152 * lin(colour.1) + 0.0722 * lin(colour.2)
}

/// Text colour that reads on `fill`.
pub(crate) fn text_on(fill: RGBColor) -> RGBColor {
    if luminance(fill) > 0.33 {
        RGBColor(0x1A, 0x1A, 0x1A)
    } else {
        WHITE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_scale_is_symmetric_and_darkens_outwards() {
        let style = ChartStyle::new(Theme::Light, 1600, 1000, 1.0);
        let five: Vec<_> = (0..5).map(|i| style.diverging(i, 5, Some(2))).collect();
        // Reds then grey then blues, with the extremes darker than their neighbours.
        assert!(five[0].0 > five[0].2 && five[4].2 > five[4].0);
        assert!(luminance(five[0]) < luminance(five[1]));
        assert!(luminance(five[4]) < luminance(five[3]));
        assert_eq!(five[2].0, five[2].1);
        // An even scale has no grey middle.
        let four: Vec<_> = (0..4).map(|i| style.diverging(i, 4, None)).collect();
        assert!(four[1].0 > four[1].2 && four[2].2 > four[2].0);
        assert!(luminance(four[0]) < luminance(four[1]));
    }

    #[test]
    fn levels_differ_in_lightness_or_pattern() {
        let style = ChartStyle::new(Theme::Light, 1600, 1000, 1.0);
        let (strong, strong_hatch) = style.level(Some(Level::Strong));
        let (watch, _) = style.level(Some(Level::Watch));
        let (roadblock, roadblock_hatch) = style.level(Some(Level::Roadblock));
        assert!(luminance(watch) - luminance(strong) > 0.15);
        assert!(luminance(watch) - luminance(roadblock) > 0.15);
        // Strong and roadblock are close in grey, so the pattern must tell them apart.
        assert_ne!(strong_hatch, roadblock_hatch);
    }

    #[test]
    fn sizes_follow_the_area_but_stay_legible() {
        let full = ChartStyle::new(Theme::Light, 1600, 1000, 1.0);
        let three_quarters = ChartStyle::new(Theme::Light, 1200, 750, 1.0);
        assert_eq!(full.label_px(), 22.0);
        assert_eq!(three_quarters.label_px(), 16.5);
        // 19 × 0.5 would be 9.5 px: held at 14.
        let half = ChartStyle::new(Theme::Light, 800, 500, 1.0);
        assert_eq!(half.small_px(), 14.0);
        // On screen at UI scale 1.5 the same chart is 1.5 times as many pixels, and its
        // smallest text 21 px: chart text grows with the UI scale like the window's text.
        let zoomed = ChartStyle::new(Theme::Light, 1200, 750, 1.5);
        assert_eq!(zoomed.small_px(), 21.0);
    }
}
