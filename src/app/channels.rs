//! The workshop's customer channels, edited after the workshop was created (one per line) for
//! the questionnaires asked once per channel. The text being typed lives in egui's memory until
//! "Save channels" turns it into a [`Command::SetChannels`]; the session checks the names.

use super::Command;
use crate::storage::folder::WorkshopFolder;

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
