//! The Home screen: the demo workshop, a new workshop, a self-assessment, opening a workshop folder,
//! the recent workshops by title and the past self-assessments (both from the [`Library`] the app
//! reads when Home is shown).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{Command, DialogPurpose};
use crate::model::text;
use crate::model::workshop::{Workshop, check_anonymity_threshold};
use crate::session::library::{Library, WORKSHOPS_DIR, WorkshopSummary, folder_name, unique_name};
use crate::session::{WorkshopDraft, sentence};
use crate::storage;
use crate::storage::catalog::Catalog;

/// The new-workshop form as typed so far.
#[derive(Debug, Clone)]
pub struct NewWorkshopDraft {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub facilitator: String,
    /// Questionnaire ids, in catalog order; `None` until the form first sees the catalog.
    pub questionnaires: Option<Vec<String>>,
    /// One per line.
    pub groups: String,
    /// One per line, for the per-project questionnaire.
    pub projects: String,
    /// One per line, for the per-channel questionnaire; empty until the facilitator lists the
    /// workshop's own channels (each one adds a whole pass of that questionnaire to every run).
    pub channels: String,
    pub anonymity_threshold: usize,
    pub rule: String,
    /// Empty: a folder named after the date and title in the data folder's `workshops` folder.
    pub folder: String,
    pub error: Option<String>,
}

impl Default for NewWorkshopDraft {
    fn default() -> Self {
        Self {
            title: String::new(),
            date: Utc::now().date_naive().to_string(),
            facilitator: String::new(),
            questionnaires: None,
            groups: String::new(),
            projects: String::new(),
            channels: String::new(),
            anonymity_threshold: 5,
            rule: "2010".to_owned(),
            folder: String::new(),
            error: None,
        }
    }
}

impl NewWorkshopDraft {
    /// The folder the workshop will be created in: the one typed or chosen, else one named after
    /// the date and title in the data folder's `workshops` folder, numbered when `taken` (the
    /// names in use there) already holds that name.
    pub fn target_dir(&self, data_dir: Option<&Path>, taken: &BTreeSet<String>) -> Option<PathBuf> {
        let typed = self.folder.trim();
        if !typed.is_empty() {
            return Some(PathBuf::from(typed));
        }
        let title = if self.title.trim().is_empty() {
            "workshop"
        } else {
            self.title.trim()
        };
        let stem = format!(
            "{}-{}",
            storage::slug(self.date.trim()),
            storage::slug(title)
        );
        data_dir.map(|dir| dir.join(WORKSHOPS_DIR).join(unique_name(&stem, taken)))
    }

    /// The form as the session's draft, which [`crate::session::create_workshop`] checks.
    pub fn session_draft(&self) -> WorkshopDraft {
        WorkshopDraft {
            title: self.title.clone(),
            date: self.date.clone(),
            facilitator: self.facilitator.clone(),
            questionnaires: self.questionnaires.clone().unwrap_or_default(),
            groups: self.groups.lines().map(str::to_owned).collect(),
            projects: self.projects.lines().map(str::to_owned).collect(),
            channels: self.channels.lines().map(str::to_owned).collect(),
            anonymity_threshold: self.anonymity_threshold,
            rule: self.rule.clone(),
        }
    }

    /// The workshop this form describes, or what to fix.
    pub fn workshop(&self) -> Result<Workshop, String> {
        self.session_draft().workshop()
    }
}

/// Under an anonymity threshold field: why it is refused, or what to weigh, as the user types.
pub(super) fn threshold_hint_ui(ui: &mut egui::Ui, threshold: usize) {
    match check_anonymity_threshold(threshold) {
        Ok(None) => {}
        Ok(Some(warning)) => {
            ui.colored_label(ui.visuals().warn_fg_color, sentence(&warning));
        }
        Err(reason) => {
            ui.colored_label(ui.visuals().error_fg_color, sentence(&reason));
        }
    }
}

/// The width (in points) under which Home's new-workshop form and recent list are stacked.
const HOME_TWO_COLUMNS_MIN_WIDTH: f32 = 960.0;

pub fn home_ui(
    ui: &mut egui::Ui,
    draft: &mut NewWorkshopDraft,
    library: &Library,
    catalog: &Catalog,
    data_dir: Option<&Path>,
    chosen_folder: Option<PathBuf>,
    commands: &mut Vec<Command>,
) {
    if let Some(folder) = chosen_folder {
        draft.folder = folder.display().to_string();
    }
    // Each screen's scroll area has its own id: sharing the central panel's default one, a screen
    // would open scrolled as far as the last one was.
    egui::ScrollArea::vertical().id_salt("home").show(ui, |ui| {
        ui.add_space(8.0);
        ui.heading(egui::RichText::new("How ready is your team to have HEROes?").size(26.0));
        ui.label(
            "HEROes are highly empowered and resourceful operatives: the people closest to your \
             customers who solve their problems. Run a workshop with your team, or take the \
             self-assessment on your own, and see what stands in the way.",
        );
        ui.add_space(12.0);
        ui.horizontal_wrapped(|ui| {
            let big = egui::vec2(240.0, 44.0);
            if ui
                .add(egui::Button::new("Explore the demo workshop").min_size(big))
                .on_hover_text("A sample team of 24 with every questionnaire answered")
                .clicked()
            {
                commands.push(Command::OpenDemo);
            }
            if ui
                .add(egui::Button::new("Take the self-assessment").min_size(big))
                .on_hover_text(
                    "Answer on your own, see your results, save the file for a facilitator",
                )
                .clicked()
            {
                commands.push(Command::StartSelfAssessment);
            }
            if ui
                .add(egui::Button::new("Open a workshop folder…").min_size(big))
                .clicked()
            {
                commands.push(Command::OpenDialog(DialogPurpose::OpenWorkshop));
            }
        });
        ui.add_space(16.0);

        // Side by side only when each column has room for the form's labels and fields; a
        // narrow window or a large UI scale stacks them, so no field is squeezed to a few letters.
        if ui.available_width() >= HOME_TWO_COLUMNS_MIN_WIDTH {
            ui.columns(2, |columns| {
                new_workshop_ui(&mut columns[0], draft, catalog, data_dir, library, commands);
                recent_ui(&mut columns[1], library, commands);
            });
        } else {
            new_workshop_ui(ui, draft, catalog, data_dir, library, commands);
            ui.add_space(16.0);
            recent_ui(ui, library, commands);
        }

        if !catalog.problems.is_empty() {
            ui.add_space(12.0);
            ui.strong("Questionnaire files that could not be used");
            for problem in &catalog.problems {
                ui.colored_label(ui.visuals().error_fg_color, problem.to_string());
            }
        }
    });
}

fn new_workshop_ui(
    ui: &mut egui::Ui,
    draft: &mut NewWorkshopDraft,
    catalog: &Catalog,
    data_dir: Option<&Path>,
    library: &Library,
    commands: &mut Vec<Command>,
) {
    ui.heading("New workshop");
    if draft.questionnaires.is_none() {
        draft.questionnaires = Some(
            catalog
                .entries
                .iter()
                .map(|entry| entry.questionnaire.id.clone())
                .collect(),
        );
    }
    egui::Grid::new("new_workshop")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            labelled_text(ui, "Title", &mut draft.title, "e.g. Customer care, spring");
            labelled_text(ui, "Date", &mut draft.date, "YYYY-MM-DD");
            labelled_text(ui, "Facilitator", &mut draft.facilitator, "optional");

            ui.label("Questionnaires");
            ui.vertical(|ui| {
                for entry in &catalog.entries {
                    let id = &entry.questionnaire.id;
                    let selected = draft.questionnaires.get_or_insert_with(Vec::new);
                    let mut checked = selected.contains(id);
                    if ui
                        .checkbox(&mut checked, &entry.questionnaire.title)
                        .changed()
                    {
                        if checked {
                            selected.push(id.clone());
                        } else {
                            selected.retain(|existing| existing != id);
                        }
                    }
                }
                let questions = draft.session_draft().questions_per_person(catalog);
                ui.label(
                    egui::RichText::new(format!(
                        "Up to {} per person, with the projects and channels below",
                        text::count(questions, "question", "questions")
                    ))
                    .small()
                    .weak(),
                );
            });
            ui.end_row();

            labelled_multiline(ui, "Groups (one per line)", &mut draft.groups);
            labelled_multiline(
                ui,
                "Projects to evaluate (one per line)",
                &mut draft.projects,
            );
            labelled_multiline(ui, "Customer channels (one per line)", &mut draft.channels);
            if draft.channels.trim().is_empty() {
                ui.label("");
                ui.label(
                    egui::RichText::new(
                        "e.g. Web site, Call centre: customer profiles are asked once per channel",
                    )
                    .small()
                    .weak(),
                );
                ui.end_row();
            }

            let label = ui.label("Anonymity threshold");
            ui.vertical(|ui| {
                ui.add(
                    egui::DragValue::new(&mut draft.anonymity_threshold)
                        .range(1..=50)
                        .suffix(" people"),
                )
                .labelled_by(label.id)
                .on_hover_text("Groups smaller than this are never shown apart");
                ui.set_max_width(260.0);
                threshold_hint_ui(ui, draft.anonymity_threshold);
            });
            ui.end_row();

            // The rules the chosen questionnaires define, as the score and the settings see them.
            let selected = draft.questionnaires.as_deref().unwrap_or_default();
            let rules = crate::model::questionnaire::rule_choices(
                catalog
                    .entries
                    .iter()
                    .map(|entry| &entry.questionnaire)
                    .filter(|q| selected.contains(&q.id)),
            );
            if !rules.is_empty() {
                ui.label("HERO rule");
                // Titles are sentences ("2010 rule: empowered at 8 or more, …"): one per line.
                ui.vertical(|ui| {
                    for rule in rules {
                        ui.radio_value(&mut draft.rule, rule.id, &rule.title);
                    }
                });
                ui.end_row();
            }

            let label = ui.label("Folder");
            ui.horizontal(|ui| {
                let hint = draft
                    .target_dir(data_dir, &library.taken_names)
                    .map(|dir| dir.display().to_string())
                    .unwrap_or_else(|| "choose a folder".to_owned());
                ui.add(
                    egui::TextEdit::singleline(&mut draft.folder)
                        .hint_text(hint)
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
                if ui.button("Choose…").clicked() {
                    commands.push(Command::OpenDialog(DialogPurpose::NewWorkshopFolder));
                }
            });
            ui.end_row();
        });
    ui.add_space(8.0);
    if ui
        .add(egui::Button::new("Create workshop").min_size(egui::vec2(180.0, 36.0)))
        .clicked()
    {
        draft.error = None;
        commands.push(Command::CreateWorkshop {
            dir: draft.target_dir(data_dir, &library.taken_names),
            draft: draft.session_draft(),
        });
    }
    if let Some(error) = &draft.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

fn labelled_text(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(260.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn labelled_multiline(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(text)
            .desired_rows(2)
            .desired_width(260.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn recent_ui(ui: &mut egui::Ui, library: &Library, commands: &mut Vec<Command>) {
    ui.heading("Recent workshops");
    if library.recent.is_empty() {
        ui.label("Workshops you create or open appear here.");
    }
    for workshop in &library.recent {
        workshop_link_ui(ui, workshop, commands);
    }
    if !library.self_assessments.is_empty() {
        ui.add_space(12.0);
        ui.heading("Your self-assessments");
        for assessment in &library.self_assessments {
            workshop_link_ui(ui, assessment, commands);
        }
    }
    ui.add_space(12.0);
    ui.label(
        "Response files (.ron) dropped on the window join the open workshop; a self-assessment \
         file counts like any other response.",
    );
}

/// A workshop by its title and date, the folder beneath in small print; a click opens it.
fn workshop_link_ui(ui: &mut egui::Ui, workshop: &WorkshopSummary, commands: &mut Vec<Command>) {
    let title = match workshop.date {
        Some(date) => format!("{} ({date})", workshop.title),
        None => workshop.title.clone(),
    };
    ui.vertical(|ui| {
        if ui
            .link(egui::RichText::new(title).strong())
            .on_hover_text(workshop.dir.display().to_string())
            .clicked()
        {
            commands.push(Command::OpenWorkshop(workshop.dir.clone()));
        }
        ui.label(
            egui::RichText::new(format!(
                "{} · {}",
                folder_name(&workshop.dir),
                workshop.dir.display()
            ))
            .size(12.0)
            .weak(),
        );
    });
    ui.add_space(4.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_says_what_to_fix_and_builds_the_workshop_it_shows() {
        let mut draft = NewWorkshopDraft {
            questionnaires: Some(vec!["hero-index".to_owned()]),
            ..NewWorkshopDraft::default()
        };
        assert_eq!(draft.workshop().unwrap_err(), "Give the workshop a title.");
        draft.title = "  Spring  ".to_owned();
        draft.date = "23/11/2026".to_owned();
        assert!(draft.workshop().unwrap_err().contains("YYYY-MM-DD"));
        draft.date = "2026-11-23".to_owned();
        draft.groups = "Sales\n\n Service \nSales\n".to_owned();
        draft.anonymity_threshold = 2;
        draft.rule = "2011".to_owned();
        let refused = draft.workshop().unwrap_err();
        assert!(
            refused.starts_with(
                "An anonymity threshold of 2 is too low: with 2, either person can \
                 subtract their own answer and read the other's"
            ),
            "{refused}"
        );
        draft.anonymity_threshold = 3;
        let workshop = draft.workshop().unwrap();
        assert_eq!(workshop.title, "Spring");
        assert_eq!(workshop.groups, ["Sales", "Service"]);
        assert_eq!(workshop.anonymity_threshold, 3);
        assert_eq!(workshop.rule, "2011");
        assert!(
            workshop.channels.is_empty(),
            "no channel is asked until the facilitator lists the workshop's own"
        );
        draft.channels = "Web site\n web SITE \n\nKiosk".to_owned();
        assert_eq!(draft.workshop().unwrap().channels, ["Web site", "Kiosk"]);
        draft.channels = "Web\u{7}site".to_owned();
        assert!(draft.workshop().unwrap_err().contains("control character"));
        draft.channels = String::new();
        draft.questionnaires = Some(Vec::new());
        assert!(draft.workshop().unwrap_err().contains("questionnaire"));
    }

    #[test]
    fn the_default_folder_is_named_after_date_and_title_inside_the_data_folder() {
        let draft = NewWorkshopDraft {
            title: "../Care & Co".to_owned(),
            date: "2026-11-23".to_owned(),
            ..NewWorkshopDraft::default()
        };
        let mut taken = BTreeSet::new();
        let dir = draft.target_dir(Some(Path::new("/data")), &taken).unwrap();
        assert_eq!(dir, Path::new("/data/workshops/2026-11-23-care-co"));
        assert_eq!(draft.target_dir(None, &taken), None);
        taken.insert("2026-11-23-care-co".to_owned());
        let dir = draft.target_dir(Some(Path::new("/data")), &taken).unwrap();
        assert_eq!(dir, Path::new("/data/workshops/2026-11-23-care-co-2"));
    }
}
