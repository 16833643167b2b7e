//! The Results screen: one tab per questionnaire with its charts (rendered by `crate::outputs::charts` into
//! cached textures), tables with n, mean and sd, the HERO segments, the roadblock ranking with
//! remedies and owners, project placement, and the problems met loading the folder.

use std::path::Path;

use super::charts_cache::{ChartCache, ChartEntry};
use super::{AppError, Command, DialogPurpose, ThemeChoice};
use crate::analysis::scoring::{QuestionnaireScore, ScoreOptions, WorkshopScore, score_workshop};
use crate::analysis::stats::Summary;
use crate::model::questionnaire::AskedPer;
use crate::model::text::{count, noun, percent, shorten};
use crate::storage::folder::WorkshopFolder;

/// What the Results (and Presenter) screens show, and the caches behind them.
#[derive(Default)]
pub struct ResultsView {
    /// The group filter; `None` is the whole workshop.
    pub group: Option<String>,
    /// A classification rule (e.g. the HERO Index's 2011 rule) picked on the results screen and
    /// not yet confirmed as the workshop's. Everything shown is always scored with the workshop's
    /// one rule, so the charts, exports, report and presenter cannot disagree.
    pub proposed_rule: Option<String>,
    pub score: Option<WorkshopScore>,
    /// Index into `score.questionnaires`.
    pub tab: usize,
    pub charts: ChartCache,
    /// The action plan being edited; filled from the workshop when first shown.
    pub action_drafts: Option<Vec<super::actions::ActionDraft>>,
    /// The actions the drafts were filled from: the base when saving merges the edit with
    /// changes another program made to `workshop.ron` meanwhile.
    pub action_drafts_base: Vec<crate::model::workshop::Action>,
    /// The last "Compare with…" result: its charts and the table the command line prints.
    pub comparison: Option<super::compare::ComparisonView>,
    /// The anonymity threshold being edited; filled from the workshop when first shown.
    pub threshold_draft: Option<usize>,
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
            self.charts
                .set_entries(super::charts_cache::entries_for(&score));
            self.score = Some(score);
        }
    }

    /// Writes chart `chart_index` as PNG or SVG (by the path's extension).
    pub fn export_chart(&self, chart_index: usize, path: &Path) -> Result<(), AppError> {
        self.charts.export(chart_index, path)
    }
}

/// A team workshop's results; a self-assessment's are `self_assessment::results_ui`, written for
/// one person.
pub fn results_ui(
    ui: &mut egui::Ui,
    view: &mut ResultsView,
    folder: &WorkshopFolder,
    library: &crate::session::library::Library,
    theme: ThemeChoice,
    commands: &mut Vec<Command>,
) {
    let Some(score) = &view.score else {
        return;
    };
    let compact = is_compact(ui.ctx());
    let mut tools_open = !compact;
    ui.horizontal_wrapped(|ui| {
        if compact {
            // The date is on every chart's subtitle; here it would take a row.
            let heading = ui.heading(egui::RichText::new(shorten(&score.title, 36)).size(17.0));
            match score.date {
                Some(date) => heading.on_hover_text(format!("{} ({date})", score.title)),
                None => heading.on_hover_text(&score.title),
            };
        } else {
            ui.heading(egui::RichText::new(&score.title).size(24.0));
            if let Some(date) = score.date {
                ui.label(date.to_string());
            }
        }
        ui.label(
            egui::RichText::new(format!("n = {}", score.respondents))
                .size(if compact { 16.0 } else { 20.0 })
                .strong(),
        )
        .on_hover_text("Completed responses counted");
        if score.in_progress > 0 {
            ui.label(format!("({} unfinished, not counted)", score.in_progress));
        }
        if compact {
            if let Some(group) = &view.group {
                ui.label(format!("Group: {group}"));
            }
            tools_open = tools_toggle_ui(ui);
            // Folded away, unsaved action plan edits are still announced.
            let unsaved = view.action_drafts.as_ref().is_some_and(|drafts| {
                super::actions::has_unsaved_edits(drafts, &view.action_drafts_base)
            });
            if unsaved && !tools_open {
                ui.colored_label(ui.visuals().warn_fg_color, "Action plan not saved");
            }
        }
    });
    if !tools_open {
        if let Some(rule) = view.proposed_rule.clone() {
            rule_confirm_ui(ui, &rule, &mut view.proposed_rule, folder, commands);
        }
        problems_ui(ui, score);
        if let Some(comparison) = &mut view.comparison {
            super::compare::comparison_ui(ui, comparison, theme);
        }
        tabs_and_charts_ui(ui, view, folder, theme, commands);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        group_filter_ui(ui, view.group.as_deref(), score, folder, commands);
        rule_ui(ui, &mut view.proposed_rule, score, folder);
        if ui.button("Export CSV…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::ExportCsv));
        }
        if ui.button("Export report…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::ExportReport));
        }
        if ui.button("Import CSV…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::ImportCsv));
        }
        super::compare::compare_menu_ui(ui, library, &folder.dir, commands);
        if ui.button("Add response file…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::ImportResponse));
        }
    });
    if let Some(rule) = view.proposed_rule.clone() {
        rule_confirm_ui(ui, &rule, &mut view.proposed_rule, folder, commands);
    }
    problems_ui(ui, score);
    let drafts = view.action_drafts.get_or_insert_with(|| {
        view.action_drafts_base = folder.workshop.actions.clone();
        folder
            .workshop
            .actions
            .iter()
            .map(super::actions::ActionDraft::from_action)
            .collect()
    });
    let unsaved = super::actions::has_unsaved_edits(drafts, &view.action_drafts_base);
    super::actions::action_plan_ui(ui, drafts, unsaved, commands);
    let threshold = view
        .threshold_draft
        .get_or_insert(folder.workshop.anonymity_threshold);
    workshop_settings_ui(ui, threshold, folder, commands);
    if let Some(comparison) = &mut view.comparison {
        super::compare::comparison_ui(ui, comparison, theme);
    }
    tabs_and_charts_ui(ui, view, folder, theme, commands);
}

/// Below this window height in points (a 1024×768 projector at UI scale 2 is 384) the results'
/// header is compact: a smaller title, and the group, rule, export and settings rows folded
/// behind one toggle, so the first chart starts in the top half of the window.
pub(super) const COMPACT_HEIGHT: f32 = 500.0;

pub(super) fn is_compact(ctx: &egui::Context) -> bool {
    ctx.content_rect().height() < COMPACT_HEIGHT
}

/// The compact header's toggle of its tools rows; whether they are open (kept in egui's memory).
fn tools_toggle_ui(ui: &mut egui::Ui) -> bool {
    let id = ui.make_persistent_id("results-tools-open");
    let mut open = ui.data(|data| data.get_temp::<bool>(id)).unwrap_or(false);
    let text = if open {
        "Hide group, rule, export"
    } else {
        "Show group, rule, export"
    };
    if ui
        .add(egui::Button::new(text).selected(open))
        .on_hover_text("The group filter, the rule, exports, imports, the action plan and settings")
        .clicked()
    {
        open = !open;
        ui.data_mut(|data| data.insert_temp(id, open));
    }
    open
}

/// The questionnaire tabs and the open tab's charts, tables and notes.
fn tabs_and_charts_ui(
    ui: &mut egui::Ui,
    view: &mut ResultsView,
    folder: &WorkshopFolder,
    theme: ThemeChoice,
    commands: &mut Vec<Command>,
) {
    let Some(score) = &view.score else {
        return;
    };
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
            // The notes of the room's discussion of these prompts are taken on their own
            // screen; a facilitator looks for them beside the prompts' results.
            let discussed = folder
                .catalog
                .get(&questionnaire.id)
                .is_some_and(|q| q.discussed_in_room);
            if discussed
                && ui
                    .button("Discussion notes…")
                    .on_hover_text(
                        "Take the notes of the room's discussion, one prompt at a time, with \
                         the room's ratings beside each",
                    )
                    .clicked()
            {
                commands.push(Command::ShowDiscussion);
            }
        }
    });
    ui.separator();
    let questionnaire = &score.questionnaires[view.tab];
    if questionnaire.nobody_evaluated_an_entry() {
        ui.label(unevaluated_hint(
            questionnaire,
            folder,
            is_compact(ui.ctx()),
        ));
        return;
    }
    let width_px = ui.available_width();
    // Each tab keeps its own scroll position (and none takes another screen's).
    egui::ScrollArea::vertical()
        .id_salt(("results", &questionnaire.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Whole points: the texture is rendered at exactly this size times the pixels per
            // point, so it is shown one texture pixel per screen pixel.
            let chart_width = (width_px - 24.0).clamp(320.0, 1100.0).floor();
            let size = egui::vec2(chart_width, (chart_width * 0.6).floor());
            let indices = view.charts.indices_for(&questionnaire.id);
            for index in indices {
                let Some(entry) = view.charts.entry(index).cloned() else {
                    continue;
                };
                chart_ui(ui, &mut view.charts, index, &entry, size, theme, commands);
            }
            questionnaire_ui(ui, questionnaire);
            super::entries::entries_ui(ui, questionnaire);
            notes_ui(ui, questionnaire);
        });
}

/// One sentence in place of the empty charts of a per-project or per-channel questionnaire nobody
/// has evaluated an entry of: why, and where the facilitator lists the entries.
fn unevaluated_hint(
    questionnaire: &QuestionnaireScore,
    folder: &WorkshopFolder,
    is_compact_now: bool,
) -> String {
    let listed = questionnaire.asked_per.entries(&folder.workshop).len();
    let noun = questionnaire.asked_per.noun();
    let where_to_list = match questionnaire.asked_per {
        AskedPer::Channel if is_compact_now => {
            "List the customer channels under Workshop settings (Show group, rule, export)"
        }
        AskedPer::Channel => "List the customer channels under Workshop settings above",
        _ => "Add the projects the team proposes on the Participants screen (New project)",
    };
    if listed == 0 {
        format!(
            "{} is asked once per {noun}, and this workshop lists no {noun} yet, so there is \
             nothing to show. {where_to_list}; each participant then rates each one.",
            questionnaire.title
        )
    } else {
        format!(
            "Nobody has evaluated a {noun} of {} yet ({} listed): each participant rates each \
             one when they take part.",
            questionnaire.title,
            count(listed, noun, &format!("{noun}s"))
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn chart_ui(
    ui: &mut egui::Ui,
    charts: &mut ChartCache,
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
    // Charts scrolled out of view are not drawn (nor rendered, the first time).
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let pixels_per_point = ui.ctx().pixels_per_point();
        let rect = egui::emath::GuiRounding::round_to_pixels(rect, pixels_per_point);
        match charts.texture(ui.ctx(), index, size, pixels_per_point, theme) {
            Ok(texture) => {
                ui.put(
                    rect,
                    egui::Image::new((texture.id(), size)).alt_text(entry.title.clone()),
                );
            }
            Err(message) => {
                ui.put(
                    rect,
                    egui::Label::new(
                        egui::RichText::new(message.to_string()).color(ui.visuals().error_fg_color),
                    ),
                );
            }
        }
    }
    ui.add_space(16.0);
}

/// Settings that may change after the workshop was created (for now the anonymity threshold),
/// open at once when `workshop.ron` holds something to fix.
fn workshop_settings_ui(
    ui: &mut egui::Ui,
    threshold: &mut usize,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new("Workshop settings")
        .id_salt("workshop-settings")
        .default_open(!folder.warnings.is_empty())
        .show(ui, |ui| {
            for warning in &folder.warnings {
                ui.colored_label(ui.visuals().warn_fg_color, warning);
            }
            ui.horizontal(|ui| {
                let label = ui.label("Anonymity threshold");
                ui.add(
                    egui::DragValue::new(threshold)
                        .range(1..=50)
                        .suffix(" people"),
                )
                .labelled_by(label.id)
                .on_hover_text("Groups smaller than this are never shown apart");
                if ui.button("Save settings").clicked() {
                    commands.push(Command::SetAnonymityThreshold(*threshold));
                }
            });
            super::home::threshold_hint_ui(ui, *threshold);
            super::channels::channels_ui(ui, folder, commands);
        });
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
            if ui
                .selectable_label(selected.is_none(), "Whole workshop")
                .clicked()
            {
                commands.push(Command::SetGroup(None));
            }
            for group in &folder.workshop.groups {
                let reportable = selected == Some(group.as_str())
                    || score.groups.iter().any(|g| &g.group == group);
                let text = if reportable {
                    group.clone()
                } else {
                    format!(
                        "{group} (not shown apart: fewer than {}, or would reveal others)",
                        count(score.anonymity_threshold, "answer", "answers")
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

/// The classification rules the score offers (data in the questionnaire files), as radio
/// buttons; shown only when there is a choice. The workshop's rule is marked; picking another
/// only proposes it (see [`rule_confirm_ui`]).
fn rule_ui(
    ui: &mut egui::Ui,
    proposed: &mut Option<String>,
    score: &WorkshopScore,
    folder: &WorkshopFolder,
) {
    if score.rules.len() < 2 {
        return;
    }
    let current = proposed.as_deref().unwrap_or(&folder.workshop.rule);
    ui.label("Rule");
    let mut picked = None;
    for rule in &score.rules {
        if ui
            .radio(current == rule.id, &rule.id)
            .on_hover_text(&rule.title)
            .clicked()
            && current != rule.id
        {
            picked = Some(rule.id.clone());
        }
    }
    if let Some(rule) = picked {
        *proposed = (rule != folder.workshop.rule).then_some(rule);
    }
}

/// Asks whether a rule picked on the results screen becomes the workshop's rule (saved in
/// `workshop.ron`); until it does, nothing shown changes.
fn rule_confirm_ui(
    ui: &mut egui::Ui,
    rule: &str,
    proposed: &mut Option<String>,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    let current = &folder.workshop.rule;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.label(format!(
                "Make {rule} the workshop's rule? The results, charts, exports, report and \
                 presenter all use the workshop's one rule (now {current}); it is saved in the \
                 workshop."
            ));
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(format!("Make {rule} the workshop's rule"))
                    .clicked()
                {
                    commands.push(Command::SetRule(rule.to_owned()));
                    *proposed = None;
                }
                if ui.button(format!("Keep {current}")).clicked() {
                    *proposed = None;
                }
            });
        });
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
                    "{} could not be used; the results below leave {} out. Fix or remove \
                     each file, then open the workshop again:",
                    count(score.problems.len(), "file", "files"),
                    noun(score.problems.len(), "it", "them")
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

fn questionnaire_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    ui.label(count(
        questionnaire.respondents,
        "respondent",
        "respondents",
    ));
    reliability_ui(ui, questionnaire);

    if let Some(segments) = &questionnaire.segments {
        ui.add_space(8.0);
        ui.strong(&segments.title);
        ui.label(crate::model::questionnaire::classification_label(
            &segments.rule_title,
        ));
        egui::Grid::new("segments").striped(true).show(ui, |ui| {
            for header in [
                "Segment",
                "People",
                "Share",
                "95% interval",
                "Benchmark",
                "Owner",
            ] {
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
                ui.label(segment.owner.label());
                ui.end_row();
            }
        });
        if segments.unclassified > 0 {
            ui.label(format!(
                "{} skipped a question the classification needs and {} not counted.",
                count(segments.unclassified, "respondent", "respondents"),
                noun(segments.unclassified, "is", "are")
            ));
        }
        if let (Some(population), Some(source)) =
            (&segments.benchmark_population, &segments.benchmark_source)
        {
            ui.label(
                egui::RichText::new(format!("Benchmark: {population}. Source: {source}.")).weak(),
            );
        }
        ui.add_space(4.0);
        ui.strong("Levers");
        for segment in &segments.segments {
            advice_ui(ui, &segment.title, None, &segment.lever);
        }
    }

    if !questionnaire.roadblocks.is_empty() {
        ui.add_space(8.0);
        ui.strong("Ranked, weakest first");
        egui::Grid::new("roadblocks").striped(true).show(ui, |ui| {
            for header in ["#", "Roadblock", "Mean", "Band", "Owner"] {
                ui.strong(header);
            }
            ui.end_row();
            for roadblock in &questionnaire.roadblocks {
                ui.label(
                    roadblock
                        .rank
                        .map_or_else(|| "–".to_owned(), |rank| rank.to_string()),
                );
                ui.label(&roadblock.title);
                ui.label(format_number(roadblock.mean));
                ui.label(
                    roadblock
                        .band
                        .as_ref()
                        .map_or("–", |band| band.label.as_str()),
                );
                ui.label(
                    roadblock
                        .band
                        .as_ref()
                        .map_or("–", |band| band.owner.label()),
                );
                ui.end_row();
            }
        });
        ui.add_space(4.0);
        ui.strong("Remedies");
        for roadblock in &questionnaire.roadblocks {
            if let Some(band) = &roadblock.band {
                let title = match roadblock.rank {
                    Some(rank) => format!("{rank}. {}", roadblock.title),
                    None => roadblock.title.clone(),
                };
                advice_ui(ui, &title, Some(band.owner.label()), &band.recommendation);
            }
        }
    }

    if let Some(placement) = &questionnaire.placement {
        ui.add_space(8.0);
        ui.strong("Projects");
        egui::Grid::new("projects").striped(true).show(ui, |ui| {
            for header in [
                "Project",
                "Evaluations",
                &placement.x_label,
                &placement.y_label,
                "Placement",
            ] {
                ui.strong(header);
            }
            ui.end_row();
            for project in &placement.projects {
                ui.label(&project.project);
                ui.label(project.evaluations.to_string());
                ui.label(
                    project
                        .x
                        .map_or_else(|| "–".to_owned(), |x| format!("{x:.0}")),
                );
                ui.label(
                    project
                        .y
                        .map_or_else(|| "–".to_owned(), |y| format!("{y:.0}")),
                );
                ui.label(project.zone_label.as_deref().unwrap_or("–"));
                ui.end_row();
            }
        });
        ui.add_space(4.0);
        for project in &placement.projects {
            if let Some(advice) = &project.advice {
                advice_ui(ui, &project.project, None, advice);
            }
        }
    }

    if !questionnaire.dimensions.is_empty() {
        ui.add_space(8.0);
        ui.strong("Dimensions");
        egui::Grid::new("dimensions").striped(true).show(ui, |ui| {
            for header in ["Dimension", "n", "Mean", "SD", "Median", "Scale", "Band"] {
                ui.strong(header);
            }
            ui.end_row();
            for dimension in &questionnaire.dimensions {
                ui.label(&dimension.title);
                summary_cells(ui, &dimension.summary);
                ui.label(format_number(dimension.summary.median));
                ui.label(format!(
                    "{:.0}–{:.0}",
                    dimension.scale_min, dimension.scale_max
                ));
                match (&dimension.withheld, &dimension.band) {
                    (Some(reason), _) => ui.weak(format!("Withheld: {reason}")),
                    (None, Some(band)) => ui.label(&band.label),
                    (None, None) => ui.label("–"),
                };
                ui.end_row();
            }
        });
        let with_bands: Vec<_> = questionnaire
            .dimensions
            .iter()
            .filter_map(|dimension| dimension.band.as_ref().map(|band| (dimension, band)))
            .collect();
        if !with_bands.is_empty() && questionnaire.roadblocks.is_empty() {
            ui.add_space(4.0);
            ui.strong("Recommendations");
            for (dimension, band) in with_bands {
                let title = format!("{} ({})", dimension.title, band.label);
                advice_ui(ui, &title, Some(band.owner.label()), &band.recommendation);
            }
        }
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
                    ui.add(egui::Label::new(shorten(&item.text, 90)))
                        .on_hover_text(format!("{}: {}", item.id, item.text));
                    summary_cells(ui, &item.summary);
                    match (&item.withheld, item.declined) {
                        (Some(reason), _) => ui.weak(format!("Withheld: {reason}")),
                        (None, declined) => ui.label(declined.unwrap_or(0).to_string()),
                    };
                    ui.end_row();
                }
            });
        });
}

/// The discussion notes (e.g. the customer-dialogue notes) under each prompt, as the score holds
/// them: without names, of the selected group when one is selected, withheld when too few wrote.
fn notes_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    if questionnaire.notes.is_empty() {
        return;
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(format!(
        "Notes ({})",
        count(questionnaire.notes.len(), "question", "questions")
    ))
    .id_salt(("notes", &questionnaire.id))
    .show(ui, |ui| {
        for list in &questionnaire.notes {
            ui.strong(&list.prompt);
            if let Some(reason) = &list.withheld {
                ui.weak(format!(
                    "{} withheld: {reason}.",
                    count(list.count, "note", "notes")
                ));
            } else if list.notes.is_empty() {
                ui.label(egui::RichText::new("No notes yet.").weak());
            }
            for note in &list.notes {
                let prefix = note
                    .project
                    .as_ref()
                    .map(|project| format!("{project}: "))
                    .unwrap_or_default();
                ui.label(format!("• {prefix}{}", note.text));
            }
            ui.add_space(6.0);
        }
    });
}

/// One recommendation: a bold title, who should act, and the text wrapped to the full width.
fn advice_ui(ui: &mut egui::Ui, title: &str, owner: Option<&str>, text: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(title).strong());
        if let Some(owner) = owner {
            ui.label(egui::RichText::new(format!("for {owner}")).weak());
        }
        ui.label(text);
    });
}

fn summary_cells(ui: &mut egui::Ui, summary: &Summary) {
    ui.label(summary.n.to_string());
    ui.label(format_number(summary.mean));
    ui.label(format_number(summary.sd));
}

/// How far each dimension's score can be trusted, in figures and in plain words.
fn reliability_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    use crate::analysis::reliability::{agreement_phrase, alpha_phrase};
    let figure = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    egui::CollapsingHeader::new("Reliability")
        .id_salt(("reliability", &questionnaire.id))
        .show(ui, |ui| {
            ui.label(
                "Alpha: do the items of a dimension measure one thing? rwg(J): does the team \
                 agree? ICC: do groups differ? A dash means too few answers to tell.",
            );
            egui::Grid::new(("reliability-grid", &questionnaire.id))
                .striped(true)
                .show(ui, |ui| {
                    for header in [
                        "Dimension",
                        "Alpha",
                        "rwg(J)",
                        "r*wg(J)",
                        "ICC(1)",
                        "ICC(2)",
                        "In plain words",
                    ] {
                        ui.strong(header);
                    }
                    ui.end_row();
                    for dimension in &questionnaire.dimensions {
                        let r = &dimension.reliability;
                        ui.label(&dimension.title);
                        ui.label(figure(r.alpha));
                        ui.label(figure(r.rwg_j));
                        ui.label(figure(r.rwg_j_lindell));
                        ui.label(figure(r.icc1));
                        ui.label(figure(r.icc2));
                        let mut words = Vec::new();
                        if let Some(rwg) = r.rwg_j {
                            words.push(agreement_phrase(rwg).to_owned());
                        }
                        if let Some(alpha) = r.alpha {
                            words.push(format!("consistency {}", alpha_phrase(alpha)));
                        }
                        ui.label(if words.is_empty() {
                            "–".to_owned()
                        } else {
                            words.join("; ")
                        });
                        ui.end_row();
                    }
                });
        });
}
