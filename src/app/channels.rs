//! The workshop's customer channels, edited after the workshop was created (one per line) for
//! the questionnaires asked once per channel, and the facilitator's note on the participant start
//! screen saying which channels each person will be asked about. The text being typed lives in
//! egui's memory until "Save channels" turns it into a [`Command::SetChannels`]; the session
//! checks the names.

use super::Command;
use crate::model::questionnaire::AskedPer;
use crate::storage::folder::WorkshopFolder;

/// For the facilitator, before a participant starts: the per-channel questionnaires and the
/// channels they will be asked about, or that they are skipped while no channel is listed.
pub(super) fn channels_hint_ui(ui: &mut egui::Ui, folder: &WorkshopFolder) {
    let titles: Vec<&str> = folder
        .workshop
        .questionnaires
        .iter()
        .filter_map(|id| folder.catalog.get(id))
        .filter(|questionnaire| questionnaire.asks_per() == AskedPer::Channel)
        .map(|questionnaire| questionnaire.title.as_str())
        .collect();
    if titles.is_empty() {
        return;
    }
    let titles = titles.join(", ");
    let channels = &folder.workshop.channels;
    ui.add_space(12.0);
    if channels.is_empty() {
        ui.label(format!(
            "For the facilitator: {titles} is asked once per channel, and no channel is listed \
             yet, so it is skipped. List the channels under Workshop settings on the Results \
             screen."
        ));
    } else {
        ui.label(format!(
            "For the facilitator: {titles} is asked once for each channel: {}.",
            channels.join(", ")
        ));
    }
}

/// A multi-line editor of the channel list with its save button.
pub(super) fn channels_ui(ui: &mut egui::Ui, folder: &WorkshopFolder, commands: &mut Vec<Command>) {
    let id = ui.make_persistent_id("channels-draft");
    let saved = folder.workshop.channels.join("\n");
    let mut text: String = ui.data_mut(|data| data.get_temp(id)).unwrap_or(saved);
    ui.horizontal_top(|ui| {
        let label = ui.label("Customer channels (one per line)");
        ui.add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(3)
                .desired_width(260.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Questionnaires asked per channel ask each participant about every one");
        if ui.button("Save channels").clicked() {
            commands.push(Command::SetChannels(
                text.lines().map(str::to_owned).collect(),
            ));
            // Forget the draft: the saved list (cleaned by the session) shows next frame.
            ui.data_mut(|data| data.remove::<String>(id));
            return;
        }
        ui.data_mut(|data| data.insert_temp(id, text));
    });
}
