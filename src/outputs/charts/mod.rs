//! Charts: every result as a report-quality plotters chart. Each chart kind has one generic draw
//! function over `DrawingBackend`, fed by a plain view-model struct from [`data`] (never by the
//! scoring types directly), and that one function serves the app's texture ([`render_rgb`]), PNG
//! ([`render_png`]) and SVG ([`render_svg`]) alike. Text uses the Ubuntu Light face egui already
//! ships, registered once, so no font is ever looked up on the system. [`from_score`] turns scoring
//! results into chart data; [`sample`] holds hand-made data for previews, tests and benchmarks.

mod compare;
mod data;
mod effort_value;
mod frame;
pub mod from_score;
mod items;
mod quadrant;
mod roadblocks;
pub mod sample;
mod segments;
mod style;
mod svg;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use serde::{Deserialize, Serialize};

pub use compare::draw_compare;
pub use data::{
    ComparisonData, ComparisonSeries, Corner, EffortValueData, ItemDistributionData, ItemGroup,
    ItemRow, Level, ProjectPoint, QuadrantData, RoadblockCategory, RoadblockData, SegmentBar,
    SegmentLabel, SegmentSharesData, Spread, ZoneRect,
};
pub use effort_value::draw_effort_value;
pub use items::draw_items;
pub use quadrant::draw_quadrant;
pub use roadblocks::{draw_roadblock_bars, draw_roadblock_radar};
pub use segments::draw_segments;
pub use style::ChartStyle;

/// The font family every chart asks for; registered from `epaint_default_fonts` on first use.
pub(crate) const FONT_FAMILY: &str = "sans-serif";

/// What went wrong while drawing, encoding or writing a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(
        "unknown chart kind \"{0}\": expected one of quadrant, segments, roadblocks, \
         roadblock-bars, items, effort-value, compare"
    )]
    UnknownKind(String),
    #[error(
        "invalid chart size {width_px}×{height_px} px at scale {scale}: width and height must be \
         at least 200 px and at most 16384 px once scaled, and the scale must be positive"
    )]
    InvalidSize {
        width_px: u32,
        height_px: u32,
        scale: f64,
    },
    #[error("cannot export a chart to {path}: the file name must end in .png or .svg")]
    UnsupportedFormat { path: PathBuf },
    #[error("no {kind} chart for this workshop: {reason}")]
    NotApplicable {
        kind: ChartKind,
        reason: &'static str,
    },
    #[error("the bundled chart font could not be loaded")]
    Font,
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Encode(#[from] image::ImageError),
    #[error("could not write the chart to {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(error.to_string())
    }
}

/// The charts the app, the exports and the command line know, by their command-line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ChartKind {
    Quadrant,
    Segments,
    Roadblocks,
    RoadblockBars,
    Items,
    EffortValue,
    Compare,
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Quadrant,
        ChartKind::Segments,
        ChartKind::Roadblocks,
        ChartKind::RoadblockBars,
        ChartKind::Items,
        ChartKind::EffortValue,
        ChartKind::Compare,
    ];

    /// The command-line name, also used in exported file names.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Quadrant => "quadrant",
            ChartKind::Segments => "segments",
            ChartKind::Roadblocks => "roadblocks",
            ChartKind::RoadblockBars => "roadblock-bars",
            ChartKind::Items => "items",
            ChartKind::EffortValue => "effort-value",
            ChartKind::Compare => "compare",
        }
    }

    /// A short human name, for menus and tabs.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Quadrant => "HERO quadrant",
            ChartKind::Segments => "Segment shares",
            ChartKind::Roadblocks => "Roadblock profile",
            ChartKind::RoadblockBars => "Roadblocks ranked",
            ChartKind::Items => "Item distribution",
            ChartKind::EffortValue => "Effort–value map",
            ChartKind::Compare => "Comparison",
        }
    }
}

impl fmt::Display for ChartKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ChartKind {
    type Err = ChartError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        ChartKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == wanted)
            .ok_or_else(|| ChartError::UnknownKind(s.to_string()))
    }
}

/// Light for documents and print, dark for the app's dark mode and projectors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl FromStr for Theme {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            other => Err(format!("unknown theme \"{other}\": expected light or dark")),
        }
    }
}

/// Size and look of one rendered chart. `scale` multiplies the pixel size of raster output (2 for
/// print) while keeping the layout; SVG is drawn at `width_px`×`height_px` and scales freely.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExportOptions {
    pub width_px: u32,
    pub height_px: u32,
    pub scale: f64,
    pub theme: Theme,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            width_px: 1600,
            height_px: 1000,
            scale: 1.0,
            theme: Theme::Light,
        }
    }
}

impl ExportOptions {
    /// The raster size once `scale` is applied, or an error for sizes no chart can be drawn at.
    pub fn pixel_size(&self) -> Result<(u32, u32), ChartError> {
        let invalid = || ChartError::InvalidSize {
            width_px: self.width_px,
            height_px: self.height_px,
            scale: self.scale,
        };
        if !(self.scale.is_finite() && self.scale > 0.0) {
            return Err(invalid());
        }
        let width = (f64::from(self.width_px) * self.scale).round();
        let height = (f64::from(self.height_px) * self.scale).round();
        let allowed = 200.0..=16384.0;
        if !allowed.contains(&width) || !allowed.contains(&height) {
            return Err(invalid());
        }
        Ok((width as u32, height as u32))
    }
}

/// One chart's data, whichever kind it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ChartData {
    Quadrant(QuadrantData),
    Segments(SegmentSharesData),
    /// The radar (spider) view of the roadblock profile.
    Roadblocks(RoadblockData),
    /// The same profile as ranked horizontal bars.
    RoadblockBars(RoadblockData),
    Items(ItemDistributionData),
    EffortValue(EffortValueData),
    Compare(ComparisonData),
}

impl ChartData {
    pub fn kind(&self) -> ChartKind {
        match self {
            ChartData::Quadrant(_) => ChartKind::Quadrant,
            ChartData::Segments(_) => ChartKind::Segments,
            ChartData::Roadblocks(_) => ChartKind::Roadblocks,
            ChartData::RoadblockBars(_) => ChartKind::RoadblockBars,
            ChartData::Items(_) => ChartKind::Items,
            ChartData::EffortValue(_) => ChartKind::EffortValue,
            ChartData::Compare(_) => ChartKind::Compare,
        }
    }

    /// The chart's own title (as drawn at its top).
    pub fn title(&self) -> &str {
        match self {
            ChartData::Quadrant(d) => &d.title,
            ChartData::Segments(d) => &d.title,
            ChartData::Roadblocks(d) | ChartData::RoadblockBars(d) => &d.title,
            ChartData::Items(d) => &d.title,
            ChartData::EffortValue(d) => &d.title,
            ChartData::Compare(d) => &d.title,
        }
    }

    /// True when the chart would show the "Not enough data yet" panel.
    pub fn is_empty(&self) -> bool {
        match self {
            ChartData::Quadrant(d) => d.is_empty(),
            ChartData::Segments(d) => d.is_empty(),
            ChartData::Roadblocks(d) | ChartData::RoadblockBars(d) => d.is_empty(),
            ChartData::Items(d) => d.is_empty(),
            ChartData::EffortValue(d) => d.is_empty(),
            ChartData::Compare(d) => d.is_empty(),
        }
    }
}

/// Draw any chart onto any plotters area: the single dispatch point used by every output.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    register_font()?;
    match data {
        ChartData::Quadrant(d) => draw_quadrant(area, d, style),
        ChartData::Segments(d) => draw_segments(area, d, style),
        ChartData::Roadblocks(d) => draw_roadblock_radar(area, d, style),
        ChartData::RoadblockBars(d) => draw_roadblock_bars(area, d, style),
        ChartData::Items(d) => draw_items(area, d, style),
        ChartData::EffortValue(d) => draw_effort_value(area, d, style),
        ChartData::Compare(d) => draw_compare(area, d, style),
    }
}

/// A chart rendered into memory: tightly packed RGB rows, ready for an egui texture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbPixels {
    pub width_px: u32,
    pub height_px: u32,
    /// `width_px * height_px * 3` bytes, row by row.
    pub rgb: Vec<u8>,
}

/// Render into an in-memory RGB buffer of `opts.pixel_size()`.
pub fn render_rgb(data: &ChartData, opts: &ExportOptions) -> Result<RgbPixels, ChartError> {
    let (width, height) = opts.pixel_size()?;
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        let style = ChartStyle::new(opts.theme, width, height, opts.scale).raster();
        draw(&root, data, &style)?;
        root.present()?;
    }
    Ok(RgbPixels {
        width_px: width,
        height_px: height,
        rgb,
    })
}

/// Render and encode as PNG (fast deflate: charts are flat colour, so it compresses well anyway).
pub fn render_png(data: &ChartData, opts: &ExportOptions) -> Result<Vec<u8>, ChartError> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};

    let pixels = render_rgb(data, opts)?;
    let mut png = Vec::with_capacity(pixels.rgb.len() / 8);
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            &pixels.rgb,
            pixels.width_px,
            pixels.height_px,
            image::ExtendedColorType::Rgb8,
        )?;
    Ok(png)
}

/// Render as SVG text. Text stays text; labels shortened with an ellipsis carry their full text in
/// a `<title>` element (shown as a tooltip, found by search and screen readers).
pub fn render_svg(data: &ChartData, opts: &ExportOptions) -> Result<String, ChartError> {
    // Validate like the raster outputs so a bad size fails the same way everywhere.
    opts.pixel_size()?;
    let (width, height) = (opts.width_px, opts.height_px);
    let style = ChartStyle::new(opts.theme, width, height, 1.0);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root, data, &style)?;
        root.present()?;
    }
    Ok(svg::finish(out, &style.take_shortened()))
}

/// Write a chart to `path`, as PNG or SVG according to its extension, through the one atomic
/// writer: a failed write leaves any old file whole, and a symlink at `path` is replaced, not
/// followed.
pub fn export(path: &Path, data: &ChartData, opts: &ExportOptions) -> Result<(), ChartError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match extension.as_deref() {
        Some("png") => render_png(data, opts)?,
        Some("svg") => render_svg(data, opts)?.into_bytes(),
        _ => {
            return Err(ChartError::UnsupportedFormat {
                path: path.to_path_buf(),
            });
        }
    };
    crate::storage::write_atomic(path, &bytes, crate::storage::Durability::Synced).map_err(
        |source| ChartError::Write {
            path: path.to_path_buf(),
            source,
        },
    )
}

/// Register the bundled font with plotters, once per process.
pub(crate) fn register_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(
            FONT_FAMILY,
            FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        )
        .is_ok()
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_kind_names_round_trip() {
        for kind in ChartKind::ALL {
            assert_eq!(kind.as_str().parse::<ChartKind>().unwrap(), kind);
        }
        assert_eq!(
            "Roadblock-Bars".parse::<ChartKind>().unwrap(),
            ChartKind::RoadblockBars
        );
        let error = "pie".parse::<ChartKind>().unwrap_err();
        assert!(error.to_string().contains("\"pie\""), "{error}");
        assert!(error.to_string().contains("effort-value"), "{error}");
    }

    #[test]
    fn pixel_size_applies_scale_and_rejects_nonsense() {
        let mut opts = ExportOptions {
            scale: 2.0,
            ..ExportOptions::default()
        };
        assert_eq!(opts.pixel_size().unwrap(), (3200, 2000));
        opts.scale = 0.0;
        assert!(matches!(
            opts.pixel_size(),
            Err(ChartError::InvalidSize { .. })
        ));
        opts.scale = 1.0;
        opts.width_px = 10;
        assert!(opts.pixel_size().is_err());
    }

    #[test]
    fn export_refuses_unknown_extension_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.jpg");
        let data = ChartData::Compare(ComparisonData::default());
        let error = export(&path, &data, &ExportOptions::default()).unwrap_err();
        assert!(matches!(error, ChartError::UnsupportedFormat { .. }));
        assert!(error.to_string().contains("chart.jpg"));
        assert!(!path.exists());
    }
}
