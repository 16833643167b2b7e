//! The Results screen: one tab per questionnaire with its charts (rendered by `crate::charts` into
//! cached textures), tables with n, mean and sd, the HERO segments, the roadblock ranking with
//! remedies and owners, project placement, and the problems met loading the folder.

use std::path::Path;

use super::charts_cache::{ChartCache, ChartEntry};
use super::{Command, DialogPurpose, ThemeChoice};
use crate::scoring::{QuestionnaireScore, ScoreOptions, WorkshopScore, score_workshop};
use crate::stats::Summary;
use crate::workshop::WorkshopFolder;

/// What the Results (and Presenter) screens show, and the caches behind them.
#[derive(Default)]
pub struct ResultsView {
    /// The group filter; `None` is the whole workshop.
    pub group: Option<String>,
    pub score: Option<WorkshopScore>,
    /// Index into `score.questionnaires`.
    pub tab: usize,
    pub charts: ChartCache,
}

impl ResultsView {
    /// Forgets the score (and with it the charts) after the data changed.
    pub fn invalidate(&mut self) {
        self.score = None;
        self.charts.clear();
    }

    pub fn set_group(&mut self, group: Option<String>) {
        if self.group != group {
            self.group = group;
            self.invalidate();
        }
    }

    /// Scores the workshop if the cached score is out of date. Pure computation, no I/O.
    pub fn ensure_scored(&mut self, folder: &WorkshopFolder) {
        if self.score.is_none() {
            let options = ScoreOptions {
                rule: None,
                group: self.group.clone(),
            };
            let score = score_workshop(folder, &options);
            self.charts.set_entries(super::charts_cache::entries_for(&score));
            self.score = Some(score);
        }
    }

    /// Writes chart `chart_index` as PNG or SVG (by the path's extension).
    pub fn export_chart(&self, chart_index: usize, path: &Path) -> Result<(), String> {
        let Some(score) = &self.score else {
            return Err("There are no results to export yet.".to_owned());
        };
        self.charts.export(score, chart_index, path)
    }
}

pub fn results_ui(
    ui: &mut egui::Ui,
    view: &mut ResultsView,
    folder: &WorkshopFolder,
    self_assessment: bool,
    theme: ThemeChoice,
    commands: &mut Vec<Command>,
) {
    let Some(score) = &view.score else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let heading = if self_assessment {
            "Your results".to_owned()
        } else {
            score.title.clone()
        };
        ui.heading(egui::RichText::new(heading).size(24.0));
        if let Some(date) = score.date {
            ui.label(date.to_string());
        }
        ui.label(egui::RichText::new(format!("n = {}", score.respondents)).strong())
            .on_hover_text("Completed responses counted");
        if score.in_progress > 0 {
            ui.label(format!("({} unfinished, not counted)", score.in_progress));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if !self_assessment {
            group_filter_ui(ui, view.group.as_deref(), score, folder, commands);
        }
        if ui.button("Export CSV…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::ExportCsv));
        }
        if self_assessment {
            if ui.button("Save my response file…").clicked() {
                commands.push(Command::OpenDialog(DialogPurpose::SaveResponseCopy));
            }
        } else if ui.button("Add response file…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::ImportResponse));
        }
    });
    problems_ui(ui, score);

    if score.questionnaires.is_empty() {
        ui.label("No questionnaire results yet: nobody has finished a questionnaire.");
        return;
    }
    view.tab = view.tab.min(score.questionnaires.len() - 1);
    ui.horizontal_wrapped(|ui| {
        for (index, questionnaire) in score.questionnaires.iter().enumerate() {
            if ui
                .selectable_label(view.tab == index, &questionnaire.title)
                .clicked()
            {
                view.tab = index;
            }
        }
    });
    ui.separator();
    let questionnaire = &score.questionnaires[view.tab];
    let width_px = ui.available_width();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            questionnaire_ui(ui, questionnaire);
            ui.add_space(12.0);
            let chart_width = (width_px - 24.0).clamp(320.0, 1100.0);
            let size = egui::vec2(chart_width, chart_width * 0.6);
            let indices = view.charts.indices_for(&questionnaire.id);
            for index in indices {
                let Some(entry) = view.charts.entry(index).cloned() else {
                    continue;
                };
                chart_ui(ui, &mut view.charts, score, index, &entry, size, theme, commands);
            }
        });
}

#[allow(clippy::too_many_arguments)]
fn chart_ui(
    ui: &mut egui::Ui,
    charts: &mut ChartCache,
    score: &WorkshopScore,
    index: usize,
    entry: &ChartEntry,
    size: egui::Vec2,
    theme: ThemeChoice,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong(&entry.title);
        if ui
            .button("Export chart…")
            .on_hover_text(format!("Save “{}” as PNG or SVG", entry.title))
            .clicked()
        {
            commands.push(Command::OpenDialog(DialogPurpose::ExportChart {
                chart_index: index,
                name: entry.file_stem.clone(),
            }));
        }
    });
    let pixels_per_point = ui.ctx().pixels_per_point();
    match charts.texture(ui.ctx(), score, index, size, pixels_per_point, theme) {
        Ok(texture) => {
            ui.add(egui::Image::new((texture.id(), size)).alt_text(entry.title.clone()));
        }
        Err(message) => {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }
    ui.add_space(16.0);
}

fn group_filter_ui(
    ui: &mut egui::Ui,
    selected: Option<&str>,
    score: &WorkshopScore,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    if folder.workshop.groups.is_empty() {
        return;
    }
    let label = ui.label("Group");
    egui::ComboBox::from_id_salt("results_group")
        .selected_text(selected.unwrap_or("Whole workshop"))
        .show_ui(ui, |ui| {
            if ui.selectable_label(selected.is_none(), "Whole workshop").clicked() {
                commands.push(Command::SetGroup(None));
            }
            for group in &folder.workshop.groups {
                let reportable = selected == Some(group.as_str())
                    || score.groups.iter().any(|g| &g.group == group);
                let text = if reportable {
                    group.clone()
                } else {
                    format!(
                        "{group} (hidden: fewer than {} people)",
                        score.anonymity_threshold
                    )
                };
                let response = ui.add_enabled(
                    reportable,
                    egui::Button::selectable(selected == Some(group.as_str()), text),
                );
                if response.clicked() {
                    commands.push(Command::SetGroup(Some(group.clone())));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

fn problems_ui(ui: &mut egui::Ui, score: &WorkshopScore) {
    if score.problems.is_empty() && score.warnings.is_empty() {
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        if !score.problems.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "{} file(s) could not be used; the results below leave them out. Fix or remove \
                     each file, then open the workshop again:",
                    score.problems.len()
                ),
            );
            for problem in &score.problems {
                ui.label(egui::RichText::new(problem.to_string()).monospace());
            }
        }
        for warning in &score.warnings {
            ui.label(format!("Note: {warning}"));
        }
    });
}

fn format_number(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn questionnaire_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    ui.label(format!("{} respondents", questionnaire.respondents));

    if let Some(segments) = &questionnaire.segments {
        ui.add_space(8.0);
        ui.strong(format!("{} — rule: {}", segments.title, segments.rule_title));
        egui::Grid::new("segments").striped(true).show(ui, |ui| {
            for header in ["Segment", "People", "Share", "95% interval", "Benchmark", "Lever", "Owner"] {
                ui.strong(header);
            }
            ui.end_row();
            for segment in &segments.segments {
                ui.label(&segment.title);
                ui.label(segment.share.count.to_string());
                ui.label(percent(segment.share.share));
                ui.label(format!(
                    "{} – {}",
                    percent(segment.share.ci_low),
                    percent(segment.share.ci_high)
                ));
                ui.label(segment.benchmark.map_or_else(|| "–".to_owned(), percent));
                ui.label(&segment.lever);
                ui.label(segment.owner.label());
                ui.end_row();
            }
        });
        if segments.unclassified > 0 {
            ui.label(format!(
                "{} respondent(s) skipped a question the classification needs and are not counted.",
                segments.unclassified
            ));
        }
        if let (Some(population), Some(source)) =
            (&segments.benchmark_population, &segments.benchmark_source)
        {
            ui.label(egui::RichText::new(format!("Benchmark: {population}. Source: {source}.")).weak());
        }
    }

    if !questionnaire.roadblocks.is_empty() {
        ui.add_space(8.0);
        ui.strong("Roadblocks, worst first");
        egui::Grid::new("roadblocks").striped(true).show(ui, |ui| {
            for header in ["#", "Roadblock", "Mean", "Band", "Remedy", "Owner"] {
                ui.strong(header);
            }
            ui.end_row();
            for roadblock in &questionnaire.roadblocks {
                ui.label(roadblock.rank.to_string());
                ui.label(&roadblock.title);
                ui.label(format_number(roadblock.mean));
                match &roadblock.band {
                    Some(band) => {
                        ui.label(&band.label);
                        ui.add(egui::Label::new(&band.recommendation).wrap());
                        ui.label(band.owner.label());
                    }
                    None => {
                        ui.label("–");
                        ui.label("–");
                        ui.label("–");
                    }
                }
                ui.end_row();
            }
        });
    }

    if let Some(placement) = &questionnaire.placement {
        ui.add_space(8.0);
        ui.strong("Projects");
        egui::Grid::new("projects").striped(true).show(ui, |ui| {
            for header in ["Project", "Evaluations", &placement.x_label, &placement.y_label, "Placement", "Advice"] {
                ui.strong(header);
            }
            ui.end_row();
            for project in &placement.projects {
                ui.label(&project.project);
                ui.label(project.evaluations.to_string());
                ui.label(project.x.map_or_else(|| "–".to_owned(), |x| format!("{x:.0}")));
                ui.label(project.y.map_or_else(|| "–".to_owned(), |y| format!("{y:.0}")));
                ui.label(project.zone_label.as_deref().unwrap_or("–"));
                ui.add(egui::Label::new(project.advice.as_deref().unwrap_or("")).wrap());
                ui.end_row();
            }
        });
    }

    if !questionnaire.dimensions.is_empty() {
        ui.add_space(8.0);
        ui.strong("Dimensions");
        egui::Grid::new("dimensions").striped(true).show(ui, |ui| {
            for header in ["Dimension", "n", "Mean", "SD", "Median", "Range", "Band", "Recommendation"] {
                ui.strong(header);
            }
            ui.end_row();
            for dimension in &questionnaire.dimensions {
                ui.label(&dimension.title);
                summary_cells(ui, &dimension.summary);
                ui.label(format_number(dimension.summary.median));
                ui.label(format!("{:.0}–{:.0}", dimension.scale_min, dimension.scale_max));
                match &dimension.band {
                    Some(band) => {
                        ui.label(&band.label);
                        ui.add(
                            egui::Label::new(format!(
                                "{} ({})",
                                band.recommendation,
                                band.owner.label()
                            ))
                            .wrap(),
                        );
                    }
                    None => {
                        ui.label("–");
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
    }

    ui.add_space(8.0);
    egui::CollapsingHeader::new(format!("Items ({})", questionnaire.items.len()))
        .id_salt(("items", &questionnaire.id))
        .show(ui, |ui| {
            egui::Grid::new("items").striped(true).show(ui, |ui| {
                for header in ["Item", "n", "Mean", "SD", "Declined"] {
                    ui.strong(header);
                }
                ui.end_row();
                for item in &questionnaire.items {
                    ui.add(egui::Label::new(&item.text).truncate())
                        .on_hover_text(format!("{}: {}", item.id, item.text));
                    summary_cells(ui, &item.summary);
                    ui.label(item.declined.to_string());
                    ui.end_row();
                }
            });
        });
}

fn summary_cells(ui: &mut egui::Ui, summary: &Summary) {
    ui.label(summary.n.to_string());
    ui.label(format_number(summary.mean));
    ui.label(format_number(summary.sd));
}
