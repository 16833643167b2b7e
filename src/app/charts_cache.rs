//! Chart textures for the Results and Presenter screens. Each chart is drawn by `crate::outputs::charts`
//! (the same draw functions the exports and the command line use) into an RGB buffer, uploaded as
//! an egui texture and kept until the data, the size or the theme changes — never every frame.
//! Textures are rendered at the screen's pixels per point (which includes the UI scale), so a
//! chart's text is sharp and grows with the UI scale. The presenter's slides are the same charts,
//! with long item lists split over several slides so no item is left out.

use std::path::Path;

use super::{AppError, ThemeChoice};
use crate::analysis::scoring::WorkshopScore;
use crate::outputs::charts::{self, ChartData, ExportOptions, Theme};

/// Exported charts are drawn at this size (the report size the charts are designed for).
const EXPORT_WIDTH_PX: u32 = 1600;
const EXPORT_HEIGHT_PX: u32 = 1000;
/// The charts' smallest drawable size, in points.
const MIN_CHART_POINTS: f32 = 200.0;
/// Items on one presenter slide: every label on two lines at projector size.
pub const ITEMS_PER_SLIDE: usize = 8;

/// One presenter slide: a chart, or one part of an item chart too long for one slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// The chart (index into the entries) it shows.
    pub chart_index: usize,
    /// "Item distribution (2 of 3)" when the chart is split.
    pub title: String,
    pub data: ChartData,
}

/// The slides of `entries`, in order.
fn slides_for(entries: &[ChartEntry]) -> Vec<Slide> {
    let mut slides = Vec::new();
    for (chart_index, entry) in entries.iter().enumerate() {
        let pages = match &entry.data {
            ChartData::Items(items) => items
                .pages(ITEMS_PER_SLIDE)
                .into_iter()
                .map(ChartData::Items)
                .collect(),
            other => vec![other.clone()],
        };
        let count = pages.len();
        for (page, data) in pages.into_iter().enumerate() {
            let title = if count == 1 {
                entry.title.clone()
            } else {
                format!("{} ({} of {count})", entry.title, page + 1)
            };
            slides.push(Slide {
                chart_index,
                title,
                data,
            });
        }
    }
    slides
}

/// One chart the results offer.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEntry {
    /// The questionnaire whose tab shows it.
    pub questionnaire: String,
    pub title: String,
    /// Suggested export file name, without extension.
    pub file_stem: String,
    pub data: ChartData,
}

/// Size (in points), pixel density and theme a texture was rendered for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RenderKey {
    width_pt: u32,
    height_pt: u32,
    pixels_per_point: f32,
    theme: ThemeChoice,
}

struct CachedTexture {
    key: RenderKey,
    texture: egui::TextureHandle,
}

/// The charts of the current score and their textures.
#[derive(Default)]
pub struct ChartCache {
    entries: Vec<ChartEntry>,
    textures: Vec<Option<CachedTexture>>,
    slides: Vec<Slide>,
    slide_textures: Vec<Option<CachedTexture>>,
    /// How many times a chart was rendered (for tests and the benchmark).
    pub render_count: usize,
}

/// Every chart that applies to `score`, in tab order. A per-project or per-channel questionnaire
/// nobody has evaluated an entry of has none: its charts would be empty frames on the results and
/// on the presenter's slides (its tab says how to list the entries instead).
pub fn entries_for(score: &WorkshopScore) -> Vec<ChartEntry> {
    let unevaluated: Vec<&str> = score
        .questionnaires
        .iter()
        .filter(|q| q.nobody_evaluated_an_entry())
        .map(|q| q.id.as_str())
        .collect();
    crate::outputs::charts::from_score::charts_for(score)
        .into_iter()
        .filter(|(questionnaire, _)| !unevaluated.contains(&questionnaire.as_str()))
        .map(|(questionnaire, data)| {
            let kind = data.kind();
            ChartEntry {
                title: kind.title().to_owned(),
                // Slugged: the id comes from a questionnaire file.
                file_stem: format!("{}-{}", crate::storage::slug(&questionnaire), kind.as_str()),
                questionnaire,
                data,
            }
        })
        .collect()
}

impl ChartCache {
    pub fn clear(&mut self) {
        self.entries.clear();
        self.textures.clear();
        self.slides.clear();
        self.slide_textures.clear();
    }

    pub fn set_entries(&mut self, entries: Vec<ChartEntry>) {
        self.textures = entries.iter().map(|_| None).collect();
        self.slides = slides_for(&entries);
        self.slide_textures = self.slides.iter().map(|_| None).collect();
        self.entries = entries;
    }

    /// The presenter's chart slides.
    pub fn slides(&self) -> &[Slide] {
        &self.slides
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, index: usize) -> Option<&ChartEntry> {
        self.entries.get(index)
    }

    pub fn indices_for(&self, questionnaire: &str) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.questionnaire == questionnaire)
            .map(|(index, _)| index)
            .collect()
    }

    /// The texture of chart `index` at `size` points, rendered only if not cached at this size
    /// and theme.
    pub fn texture(
        &mut self,
        ctx: &egui::Context,
        index: usize,
        size: egui::Vec2,
        pixels_per_point: f32,
        theme: ThemeChoice,
    ) -> Result<&egui::TextureHandle, AppError> {
        let data = &self.entries.get(index).ok_or(AppError::ChartGone)?.data;
        let slot = self.textures.get_mut(index).ok_or(AppError::ChartGone)?;
        let name = format!("chart-{index}");
        cached_texture(
            ctx,
            &name,
            slot,
            data,
            size,
            pixels_per_point,
            theme,
            &mut self.render_count,
        )
    }

    /// The texture of presenter slide `index` (see [`Self::slides`]).
    pub fn slide_texture(
        &mut self,
        ctx: &egui::Context,
        index: usize,
        size: egui::Vec2,
        pixels_per_point: f32,
        theme: ThemeChoice,
    ) -> Result<&egui::TextureHandle, AppError> {
        let data = &self.slides.get(index).ok_or(AppError::ChartGone)?.data;
        let slot = self
            .slide_textures
            .get_mut(index)
            .ok_or(AppError::ChartGone)?;
        let name = format!("slide-{index}");
        cached_texture(
            ctx,
            &name,
            slot,
            data,
            size,
            pixels_per_point,
            theme,
            &mut self.render_count,
        )
    }

    /// Writes chart `index` to `path` (PNG or SVG, by extension) at report size, light theme.
    pub fn export(&self, index: usize, path: &Path) -> Result<(), AppError> {
        let entry = self.entries.get(index).ok_or(AppError::ChartGone)?;
        let options = ExportOptions {
            width_px: EXPORT_WIDTH_PX,
            height_px: EXPORT_HEIGHT_PX,
            scale: 1.0,
            theme: Theme::Light,
        };
        charts::export(path, &entry.data, &options).map_err(AppError::ChartExport)
    }
}

/// The texture in `slot` if it was rendered for this size, density and theme; else `data`
/// rendered afresh into it. The chart is drawn at `size` × `pixels_per_point` pixels, so one
/// texture pixel is one screen pixel: no resampling blurs or unevens its text.
#[allow(clippy::too_many_arguments)]
fn cached_texture<'a>(
    ctx: &egui::Context,
    name: &str,
    slot: &'a mut Option<CachedTexture>,
    data: &ChartData,
    size: egui::Vec2,
    pixels_per_point: f32,
    theme: ThemeChoice,
    render_count: &mut usize,
) -> Result<&'a egui::TextureHandle, AppError> {
    let (width_pt, height_pt) = (
        size.x.max(MIN_CHART_POINTS).round(),
        size.y.max(MIN_CHART_POINTS).round(),
    );
    // A texture larger than the GPU takes (2048 px on some) is drawn at fewer pixels per point
    // and shown scaled up, rather than failing.
    let max_side_px = ctx.input(|input| input.max_texture_side) as f32;
    let pixels_per_point = pixels_per_point.min(max_side_px / width_pt.max(height_pt));
    let key = RenderKey {
        width_pt: width_pt as u32,
        height_pt: height_pt as u32,
        pixels_per_point,
        theme,
    };
    if !matches!(slot, Some(cached) if cached.key == key) {
        let options = ExportOptions {
            width_px: key.width_pt,
            height_px: key.height_pt,
            scale: f64::from(pixels_per_point),
            theme,
        };
        let pixels = charts::render_rgb(data, &options).map_err(AppError::ChartDraw)?;
        let image = egui::ColorImage::from_rgb(
            [pixels.width_px as usize, pixels.height_px as usize],
            &pixels.rgb,
        );
        let texture = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
        *render_count += 1;
        *slot = Some(CachedTexture { key, texture });
    }
    match slot {
        Some(cached) => Ok(&cached.texture),
        None => Err(AppError::ChartNotKept),
    }
}
