//! The window's frame around every screen: the top bar, the status messages, the preferences and
//! the hint shown while files are dragged over the window. Drawing only; clicks become commands.

use std::path::PathBuf;

use super::{App, Command, Message, Settings, ThemeChoice};

impl App {
    /// While files are dragged over the window, says what dropping them will do.
    pub(super) fn drop_hint_ui(&self, ui: &egui::Ui) {
        let hovering = ui.input(|input| !input.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let text = match &self.workshop {
            Some(folder) => format!(
                "Drop response files to add them to “{}”",
                folder.workshop.title
            ),
            None => "Drop a workshop folder to open it".to_owned(),
        };
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_hint"),
        ));
        let rect = ui.ctx().content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(180));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
    }

    /// The top bar wraps onto a second row when the window is narrow or the UI scale large, so
    /// every action stays on screen (a projector at 1024×768 and scale 2 included).
    pub(super) fn top_bar_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // On a short window's results the bar takes two rows, not three: a smaller name, and
        // no workshop title (the results' own header names the workshop).
        let compact = super::results::is_compact(ui.ctx());
        let on_results = matches!(self.screen, super::Screen::Results);
        ui.horizontal_wrapped(|ui| {
            if compact {
                ui.label(egui::RichText::new("HERO Readiness").heading().size(16.0));
            } else {
                ui.heading("HERO Readiness");
            }
            ui.separator();
            if ui.button("Home").clicked() {
                commands.push(Command::GoHome);
            }
            if let Some(folder) = &self.workshop {
                if !(compact && on_results) {
                    ui.separator();
                    // A long title is shortened, never pushing the actions off the bar.
                    ui.label(
                        egui::RichText::new(crate::model::text::shorten(
                            &folder.workshop.title,
                            40,
                        ))
                        .strong(),
                    )
                    .on_hover_text(&folder.workshop.title);
                }
                if !self.self_assessment {
                    if ui.button("Participants").clicked() {
                        commands.push(Command::ShowParticipantStart);
                    }
                    if ui.button("Tally").clicked() {
                        commands.push(Command::ShowTally);
                    }
                }
                if ui.button("Results").clicked() {
                    commands.push(Command::ShowResults);
                }
                if !self.self_assessment && ui.button("Present").clicked() {
                    commands.push(Command::ShowPresenter);
                }
                if let Some(view) = &self.room {
                    ui.separator();
                    super::room_ui::room_badge_ui(ui, view, commands);
                }
            }
            ui.separator();
            settings_ui(ui, &self.settings, commands);
        });
    }
}

pub(super) fn collect_dropped_files(ui: &egui::Ui, commands: &mut Vec<Command>) {
    let dropped: Vec<PathBuf> = ui.input(|input| {
        input
            .raw
            .dropped_files
            .iter()
            .map(|file| file.path().to_path_buf())
            .collect()
    });
    commands.extend(dropped.into_iter().map(Command::Dropped));
}

pub(super) fn settings_ui(ui: &mut egui::Ui, settings: &Settings, commands: &mut Vec<Command>) {
    let mut scale = settings.ui_scale;
    // Label, slider and value in one box of known width, so a wrapping top bar moves them to
    // the next row together instead of cutting the slider at the window's edge.
    let width = ui.spacing().slider_width + 130.0;
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            let label = ui.label("UI scale");
            let response = ui
                .add(egui::Slider::new(
                    &mut scale,
                    super::UI_SCALE_RANGE.0..=super::UI_SCALE_RANGE.1,
                ))
                .labelled_by(label.id);
            if response.drag_stopped() || (response.changed() && !response.dragged()) {
                commands.push(Command::SetUiScale(scale));
            }
        },
    );
    let dark = settings.theme == ThemeChoice::Dark;
    let label = if dark { "Light theme" } else { "Dark theme" };
    if ui.button(label).clicked() {
        commands.push(Command::SetTheme(if dark {
            ThemeChoice::Light
        } else {
            ThemeChoice::Dark
        }));
    }
}

pub(super) fn messages_ui(ui: &mut egui::Ui, messages: &[Message], commands: &mut Vec<Command>) {
    for (index, message) in messages.iter().enumerate().rev().take(4) {
        ui.horizontal(|ui| {
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissMessage(index));
            }
            let text = egui::RichText::new(&message.text);
            if message.is_error {
                ui.label(text.color(ui.visuals().error_fg_color));
            } else {
                ui.label(text);
            }
        });
    }
}
