//! The room screen for the projector: a large QR code of the join URL, the URL and the room code
//! in big type, and live counts (joined, answering, finished) — never who answered what. The
//! server itself is [`crate::room::Room`]; this file only draws it. Leaving the screen closes the
//! room (see [`super::App::ui`]).

use crate::room::{Room, RoomConfig, RoomError};
use crate::storage::folder::WorkshopFolder;

use super::Command;

/// An open room and the texture of its QR code.
pub struct RoomView {
    pub room: Room,
    qr: Option<egui::TextureHandle>,
}

impl RoomView {
    /// Opens a room on the workshop: port 8080 when free (easy to type), else any free port.
    pub fn open(folder: &WorkshopFolder) -> Result<Self, RoomError> {
        let room = match Room::open_folder(folder, RoomConfig::default()) {
            Err(RoomError::Listen { .. }) => Room::open_folder(
                folder,
                RoomConfig {
                    port: 0,
                    ..RoomConfig::default()
                },
            )?,
            other => other?,
        };
        Ok(Self { room, qr: None })
    }
}

/// The QR code of `url` as an image, `scale` pixels per module, with the standard quiet zone.
pub fn qr_image(url: &str, scale: usize) -> Option<egui::ColorImage> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let modules = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let side = (modules + 2 * quiet) * scale;
    let mut pixels = vec![egui::Color32::WHITE; side * side];
    for (index, color) in colors.iter().enumerate() {
        if *color != qrcode::Color::Dark {
            continue;
        }
        let (row, column) = (index / modules + quiet, index % modules + quiet);
        for y in row * scale..(row + 1) * scale {
            for x in column * scale..(column + 1) * scale {
                pixels[y * side + x] = egui::Color32::BLACK;
            }
        }
    }
    Some(egui::ColorImage::new([side, side], pixels))
}

pub fn room_ui(ui: &mut egui::Ui, view: &mut RoomView, commands: &mut Vec<Command>) {
    // Counts change as phones answer: look again every second.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs(1));
    let url = view.room.join_url().to_owned();
    let texture = view.qr.get_or_insert_with(|| {
        let image = qr_image(&url, 12)
            .unwrap_or_else(|| egui::ColorImage::filled([1, 1], egui::Color32::WHITE));
        ui.ctx()
            .load_texture("room-qr", image, egui::TextureOptions::NEAREST)
    });
    let status = view.room.status();
    ui.vertical_centered(|ui| {
        ui.add_space(12.0);
        ui.heading(egui::RichText::new("Answer on your phone").size(40.0));
        ui.label(
            egui::RichText::new("Scan the code, or type the address. Same Wi-Fi as this laptop.")
                .size(20.0),
        );
        ui.add_space(12.0);
        let side = (ui.available_height() * 0.6).clamp(160.0, 720.0);
        ui.add(egui::Image::new(&*texture).fit_to_exact_size(egui::vec2(side, side)));
        ui.add_space(12.0);
        ui.label(egui::RichText::new(&url).monospace().size(30.0));
        ui.label(
            egui::RichText::new(format!("Room code: {}", view.room.code()))
                .monospace()
                .size(24.0),
        );
        ui.add_space(16.0);
        ui.label(
            egui::RichText::new(format!(
                "Joined {}   ·   Answering {}   ·   Finished {}",
                status.joined, status.answering, status.finished
            ))
            .size(28.0)
            .strong(),
        );
        if view.room.urls().len() > 1 {
            ui.add_space(8.0);
            ui.label("Other addresses of this laptop (if phones cannot reach the one above):");
            for other in &view.room.urls()[1..] {
                ui.label(egui::RichText::new(other).monospace());
            }
        }
        ui.add_space(16.0);
        if ui
            .add(egui::Button::new(
                egui::RichText::new("Close the room").size(22.0),
            ))
            .clicked()
        {
            commands.push(Command::CloseRoom);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_image_is_square_with_dark_modules_and_a_white_quiet_zone() {
        let image = qr_image("http://192.168.1.2:8080/abcdefghjkmnpqr", 3).unwrap();
        let [width, height] = image.size;
        assert_eq!(width, height);
        assert_eq!(width % 3, 0);
        let dark = image
            .pixels
            .iter()
            .filter(|pixel| **pixel == egui::Color32::BLACK)
            .count();
        assert!(
            dark > width * height / 5,
            "{dark} dark of {}",
            width * height
        );
        // The quiet zone (4 modules) is white all round.
        assert!(
            image.pixels[..width * 12]
                .iter()
                .all(|pixel| *pixel == egui::Color32::WHITE)
        );
    }
}
