//! "Compare with…" on the Results screen: a menu of the other workshops on this machine (never the
//! open one) and "Another folder…", then the comparison drawn as the wave chart of each
//! questionnaire (`crate::outputs::charts`, from the comparison the analysis computed) beside the
//! table the command line prints.

use std::path::Path;

use super::charts_cache::{ChartCache, ChartEntry};
use super::{Command, DialogPurpose, ThemeChoice};
use crate::analysis::waves::{Comparison, comparison_table};
use crate::outputs::charts::from_score::waves_compared;
use crate::session::library::Library;

/// A comparison as the Results screen shows it.
#[derive(Default)]
pub struct ComparisonView {
    /// The titles of the workshops compared, oldest first.
    pub titles: Vec<String>,
    /// The table `hero-readiness compare` prints.
    pub table: String,
    /// One wave chart per questionnaire with dimensions.
    pub charts: ChartCache,
    /// The questionnaire title of each chart, to pick it by.
    pub chart_names: Vec<String>,
    /// The chart shown (one at a time, so the panel stays short enough to leave the tabs in view).
    pub shown: usize,
}

impl ComparisonView {
    pub fn new(comparison: &Comparison) -> Self {
        let entries: Vec<(String, ChartEntry)> = comparison
            .questionnaires
            .iter()
            .filter(|questionnaire| !questionnaire.dimensions.is_empty())
            .filter_map(|questionnaire| {
                let data = waves_compared(comparison, Some(&questionnaire.id))?;
                Some((
                    questionnaire.title.clone(),
                    ChartEntry {
                        questionnaire: questionnaire.id.clone(),
                        title: format!("{}: change between workshops", questionnaire.title),
                        file_stem: format!("{}-waves", crate::storage::slug(&questionnaire.id)),
                        data,
                    },
                ))
            })
            .collect();
        let (chart_names, entries): (Vec<String>, Vec<ChartEntry>) = entries.into_iter().unzip();
        let mut charts = ChartCache::default();
        charts.set_entries(entries);
        Self {
            titles: comparison
                .waves
                .iter()
                .map(|wave| wave.title.clone())
                .collect(),
            table: comparison_table(comparison),
            charts,
            chart_names,
            shown: 0,
        }
    }
}

/// The "Compare with…" menu: the other workshops by title, then a folder of the user's choice.
pub fn compare_menu_ui(
    ui: &mut egui::Ui,
    library: &Library,
    current: &Path,
    commands: &mut Vec<Command>,
) {
    ui.menu_button("Compare with…", |ui| {
        let others = library.others_than(current);
        if others.is_empty() {
            ui.label("No other workshop on this computer yet.");
        }
        for other in others {
            let text = match other.date {
                Some(date) => format!("{} ({date})", other.title),
                None => other.title.clone(),
            };
            if ui
                .button(text)
                .on_hover_text(other.dir.display().to_string())
                .clicked()
            {
                commands.push(Command::CompareWith(other.dir.clone()));
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Another folder…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::CompareWith));
            ui.close();
        }
    });
}

/// Height of the comparison's chart and table, so the panel leaves the result tabs in view.
const PANEL_HEIGHT_PX: f32 = 380.0;

/// The comparison: a questionnaire's chart beside the table on a wide screen, above it on a narrow
/// one; a row of questionnaire titles picks the chart.
pub fn comparison_ui(ui: &mut egui::Ui, view: &mut ComparisonView, theme: ThemeChoice) {
    egui::CollapsingHeader::new("Comparison with another wave")
        .id_salt("comparison")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(format!("Oldest first: {}", view.titles.join(", then ")));
            if view.charts.len() > 1 {
                ui.horizontal_wrapped(|ui| {
                    for (index, name) in view.chart_names.iter().enumerate() {
                        if ui.selectable_label(view.shown == index, name).clicked() {
                            view.shown = index;
                        }
                    }
                });
            }
            let wide = ui.available_width() >= 1000.0;
            if wide {
                ui.columns(2, |columns| {
                    chart_ui(&mut columns[0], view, theme);
                    table_ui(&mut columns[1], &view.table);
                });
            } else {
                chart_ui(ui, view, theme);
                table_ui(ui, &view.table);
            }
        });
}

fn chart_ui(ui: &mut egui::Ui, view: &mut ComparisonView, theme: ThemeChoice) {
    let index = view.shown.min(view.charts.len().saturating_sub(1));
    let Some(title) = view.charts.entry(index).map(|entry| entry.title.clone()) else {
        ui.label("No questionnaire with dimension scores to chart.");
        return;
    };
    let width_px = ui.available_width().clamp(280.0, 900.0);
    let size = egui::vec2(width_px, (width_px * 0.6).min(PANEL_HEIGHT_PX));
    let pixels_per_point = ui.ctx().pixels_per_point();
    match view
        .charts
        .texture(ui.ctx(), index, size, pixels_per_point, theme)
    {
        Ok(texture) => {
            ui.add(egui::Image::new((texture.id(), size)).alt_text(title));
        }
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error.to_string());
        }
    }
}

fn table_ui(ui: &mut egui::Ui, table: &str) {
    egui::ScrollArea::both()
        .id_salt("comparison-table")
        .max_height(PANEL_HEIGHT_PX)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(table).monospace());
        });
}
