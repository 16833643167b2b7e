//! Chart textures for the Results and Presenter screens. Each chart is drawn by `crate::charts`
//! (the same draw functions the exports and the command line use) into an RGB buffer, uploaded as
//! an egui texture and kept until the data, the size or the theme changes — never every frame.

use std::path::Path;

use super::ThemeChoice;
use crate::scoring::WorkshopScore;

/// One chart the results offer.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEntry {
    /// The questionnaire whose tab shows it.
    pub questionnaire: String,
    pub title: String,
    /// Suggested export file name, without extension.
    pub file_stem: String,
    pub chart: AppChart,
}

/// Which chart, in terms of the score it is drawn from.
#[derive(Debug, Clone, PartialEq)]
pub enum AppChart {}

/// Size (in physical pixels) and theme a texture was rendered for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RenderKey {
    width_px: u32,
    height_px: u32,
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
pub fn entries_for(_score: &WorkshopScore) -> Vec<ChartEntry> {
    Vec::new()
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
        score: &WorkshopScore,
        index: usize,
        size: egui::Vec2,
        pixels_per_point: f32,
        theme: ThemeChoice,
    ) -> Result<&egui::TextureHandle, String> {
        let key = RenderKey {
            width_px: (size.x * pixels_per_point).round().max(16.0) as u32,
            height_px: (size.y * pixels_per_point).round().max(16.0) as u32,
            theme,
        };
        let entry = self
            .entries
            .get(index)
            .ok_or_else(|| "This chart is no longer available.".to_owned())?;
        let fresh = matches!(self.textures.get(index), Some(Some(cached)) if cached.key == key);
        if !fresh {
            let rgb = render_rgb(score, entry, key)?;
            let image = egui::ColorImage::from_rgb(
                [key.width_px as usize, key.height_px as usize],
                &rgb,
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
            _ => Err("The chart could not be kept.".to_owned()),
        }
    }

    /// Writes chart `index` to `path` (PNG or SVG, by extension).
    pub fn export(&self, score: &WorkshopScore, index: usize, path: &Path) -> Result<(), String> {
        let entry = self
            .entries
            .get(index)
            .ok_or_else(|| "This chart is no longer available.".to_owned())?;
        export(score, entry, path)
    }
}

fn render_rgb(_score: &WorkshopScore, entry: &ChartEntry, _key: RenderKey) -> Result<Vec<u8>, String> {
    match entry.chart {}
}

fn export(_score: &WorkshopScore, entry: &ChartEntry, _path: &Path) -> Result<(), String> {
    match entry.chart {}
}
