//! Chart textures for the Results and Presenter screens. Each chart is drawn by `crate::outputs::charts`
//! (the same draw functions the exports and the command line use) into an RGB buffer, uploaded as
//! an egui texture and kept until the data, the size or the theme changes — never every frame.

use std::path::Path;

use super::{AppError, ThemeChoice};
use crate::analysis::scoring::WorkshopScore;
use crate::outputs::charts::{self, ChartData, ExportOptions, Theme};

/// Exported charts are drawn at this size (the report size the charts are designed for).
const EXPORT_WIDTH_PX: u32 = 1600;
const EXPORT_HEIGHT_PX: u32 = 1000;
/// The charts' smallest drawable size, in points.
const MIN_CHART_POINTS: f32 = 200.0;

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
    /// How many times a chart was rendered (for tests and the benchmark).
    pub render_count: usize,
}

/// Every chart that applies to `score`, in tab order.
pub fn entries_for(score: &WorkshopScore) -> Vec<ChartEntry> {
    crate::outputs::charts::from_score::charts_for(score)
        .into_iter()
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
    }

    pub fn set_entries(&mut self, entries: Vec<ChartEntry>) {
        self.textures = entries.iter().map(|_| None).collect();
        self.entries = entries;
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
        let key = RenderKey {
            width_pt: size.x.max(MIN_CHART_POINTS).round() as u32,
            height_pt: size.y.max(MIN_CHART_POINTS).round() as u32,
            pixels_per_point,
            theme,
        };
        let entry = self.entries.get(index).ok_or(AppError::ChartGone)?;
        let fresh = matches!(self.textures.get(index), Some(Some(cached)) if cached.key == key);
        if !fresh {
            let options = ExportOptions {
                width_px: key.width_pt,
                height_px: key.height_pt,
                scale: f64::from(pixels_per_point),
                theme,
            };
            let pixels = charts::render_rgb(&entry.data, &options).map_err(AppError::ChartDraw)?;
            let image = egui::ColorImage::from_rgb(
                [pixels.width_px as usize, pixels.height_px as usize],
                &pixels.rgb,
            );
            let texture = ctx.load_texture(
                format!("chart-{index}"),
                image,
                egui::TextureOptions::LINEAR,
            );
            self.render_count += 1;
            if let Some(slot) = self.textures.get_mut(index) {
                *slot = Some(CachedTexture { key, texture });
            }
        }
        match self.textures.get(index) {
            Some(Some(cached)) => Ok(&cached.texture),
            Some(None) | None => Err(AppError::ChartNotKept),
        }
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
