//! The room screen for the projector: a large QR code of the join URL, the URL and the room code
//! in big type, and live counts (joined, answering, finished) — never who answered what. The
//! server itself is [`crate::room::Room`]; this file draws it and keeps the facilitator's other
//! screens live while it is open.
//!
//! The room stays open while the facilitator looks at Results, the presenter or any other screen
//! of the same workshop; the top bar says so and leads back here. Going Home or opening another
//! workshop closes it, with a message saying so. While it is open, Results and the presenter read
//! the answers again when the room saved new ones, at most once a second, and score them through
//! the same disclosure rule as always: a figure appears only once enough people gave it.

use std::path::PathBuf;
use std::time::Duration;

use crate::room::{Room, RoomConfig, RoomError, RoomStatus};
use crate::storage::folder::WorkshopFolder;

use super::paced_ui::{self, PacedPanel};
use super::{App, Command, Screen, ThemeChoice};

/// From this width (points) the room screen shows the parts to pace beside the QR code.
const WIDE_ROOM_POINTS: f32 = 900.0;

/// The shown results are read again at most this often while answers arrive (seconds).
pub const LIVE_RESCORE_SECONDS: f64 = 1.0;

/// An open room and the texture of its QR code.
pub struct RoomView {
    pub room: Room,
    /// The workshop the room serves: opening another one closes the room.
    pub dir: PathBuf,
    qr: Option<egui::TextureHandle>,
    /// The room's save count the shown results were read at.
    seen_saves: usize,
    /// When (window clock) the results were last read again for the room.
    rescored_at: Option<f64>,
    /// The folder watcher saw a change while the results follow the room: they are read again
    /// on the room's once-a-second beat rather than at once as well.
    pub stale: bool,
    /// Facilitator-paced parts: what can be put on the phones, the reveal and the notes.
    pub paced: PacedPanel,
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
        Ok(Self {
            room,
            dir: folder.dir.clone(),
            qr: None,
            seen_saves: 0,
            rescored_at: None,
            stale: false,
            paced: PacedPanel::new(folder),
        })
    }
}

/// "Room open · 12 joined · 5 finished": the top bar's reminder, and the way back to the room.
pub fn room_badge_text(status: RoomStatus) -> String {
    format!(
        "Room open · {} joined · {} finished",
        status.joined, status.finished
    )
}

/// The top bar's room button (only while a room is open).
pub fn room_badge_ui(ui: &mut egui::Ui, view: &RoomView, commands: &mut Vec<Command>) {
    let text = room_badge_text(view.room.status());
    if ui
        .button(egui::RichText::new(text).strong())
        .on_hover_text("Phones are answering. Click for the room's QR code and counts.")
        .clicked()
    {
        commands.push(Command::ShowRoom);
    }
}

impl App {
    /// Once a frame, before drawing: closes the room when its workshop was left (Home, another
    /// workshop), and re-reads the answers for Results and the presenter when the room saved new
    /// ones. Only the scores are dropped: the tab, the scroll position and the slide stay.
    pub(super) fn follow_room(&mut self, ctx: &egui::Context) {
        // The room screen saves its note after a pause in typing; away from it (or with the room
        // closing) nothing would, so the note is saved now.
        if !matches!(self.screen, Screen::Room) {
            self.flush_paced_note();
        }
        let Some(view) = &mut self.room else {
            if let Screen::Discussion(discussion) = &mut self.screen {
                discussion.pacer = None;
            }
            return;
        };
        let same_workshop = self
            .workshop
            .as_ref()
            .is_some_and(|folder| folder.dir == view.dir);
        if !same_workshop || matches!(self.screen, Screen::Home(_)) {
            if let Some(view) = self.room.take() {
                let status = view.room.close();
                self.info(format!(
                    "The room is closed ({} joined, {} finished); every answer given is saved \
                     in the workshop.",
                    status.joined, status.finished
                ));
            }
            if same_workshop && let Some(folder) = &mut self.workshop {
                folder.reload_responses();
                self.results.invalidate();
            }
            return;
        }
        // The discussion screen paces the room while it is open.
        if let Screen::Discussion(discussion) = &mut self.screen {
            if discussion.pacer.is_none() {
                discussion.pacer = Some(view.room.pacer());
            }
            // Revealed just now: the figures are scored at once, then on the room's beat.
            if discussion.revealed
                && discussion.reveal.is_none()
                && let (Some(part), Some(folder)) = (view.room.pacer().part(), &mut self.workshop)
            {
                folder.reload_responses();
                discussion.reveal = Some(Box::new(crate::session::reveal(folder, &part)));
            }
        }
        // New answers arrive without any input: look at the counts every second.
        ctx.request_repaint_after(Duration::from_secs_f64(LIVE_RESCORE_SECONDS));
        let saves = view.room.status().saves;
        let live = matches!(
            self.screen,
            Screen::Results | Screen::Presenter { .. } | Screen::Discussion(_)
        ) || (matches!(self.screen, Screen::Room) && view.paced.revealed);
        if (saves == view.seen_saves && !view.stale) || !live {
            return;
        }
        let now = ctx.input(|input| input.time);
        if let Some(at) = view.rescored_at {
            let wait = at + LIVE_RESCORE_SECONDS - now;
            if wait > 0.0 {
                ctx.request_repaint_after(Duration::from_secs_f64(wait));
                return;
            }
        }
        view.seen_saves = saves;
        view.stale = false;
        view.rescored_at = Some(now);
        if let Some(folder) = &mut self.workshop {
            folder.reload_responses();
            self.results.invalidate();
            if view.paced.revealed
                && let Some(part) = view.room.pacer().part()
            {
                view.paced.rescore(folder, &part);
            }
            // The discussion's ratings are the score's figures, under the workshop's own rule.
            if let Screen::Discussion(discussion) = &mut self.screen {
                discussion.score = crate::analysis::scoring::score_workshop(
                    folder,
                    &crate::analysis::scoring::ScoreOptions::default(),
                );
                if discussion.revealed
                    && let Some(part) = view.room.pacer().part()
                {
                    discussion.reveal = Some(Box::new(crate::session::reveal(folder, &part)));
                }
            }
        }
    }

    /// Saves the note typed on the room screen if it differs from the saved one (once: a refused
    /// save keeps its error and the text until the next edit).
    pub(super) fn flush_paced_note(&mut self) {
        let Some(view) = &self.room else {
            return;
        };
        // Never into another workshop opened meanwhile.
        let same_workshop = self
            .workshop
            .as_ref()
            .is_some_and(|folder| folder.dir == view.dir);
        if view.paced.note.error.is_some() || !same_workshop {
            return;
        }
        if let Some(Command::SavePacedNote { part, base, text }) = view.paced.note.save_command() {
            self.save_paced_note(&part, &base, &text);
        }
    }

    /// Puts `part` on every phone (`None`: back to self-paced). The note typed on the part before
    /// is saved first; if that fails nothing moves and the note stays with its error.
    pub(super) fn put_on_phones(&mut self, part: Option<crate::session::PacedPart>) {
        let (Some(view), Some(folder)) = (&mut self.room, &mut self.workshop) else {
            return;
        };
        let note = &mut view.paced.note;
        if let (Some(noted), true) = (&note.part, note.edited()) {
            match crate::session::save_part_note(folder, noted, &note.base, &note.draft) {
                Ok(()) => note.error = None,
                Err(error) => {
                    note.error = Some(error.to_string());
                    return;
                }
            }
        }
        view.room.pacer().put_on(part.clone());
        view.paced.hide();
        view.paced.note = match &part {
            Some(part) => super::paced_ui::NoteDraft::of(folder, part),
            None => Default::default(),
        };
    }

    /// Reveals (re-reading the answers first) or hides the room's answers to the part on the
    /// phones.
    pub(super) fn reveal_paced(&mut self, shown: bool) {
        let (Some(view), Some(folder)) = (&mut self.room, &mut self.workshop) else {
            return;
        };
        if !shown {
            view.paced.hide();
            return;
        }
        let Some(part) = view.room.pacer().part() else {
            return;
        };
        folder.reload_responses();
        self.results.invalidate();
        view.paced.revealed = true;
        view.paced.rescore(folder, &part);
    }

    /// Saves the facilitator's note on a paced part (merged with a save from elsewhere; a note
    /// changed in both places is refused and the text kept).
    pub(super) fn save_paced_note(
        &mut self,
        part: &crate::session::PacedPart,
        base: &str,
        text: &str,
    ) {
        let (Some(view), Some(folder)) = (&mut self.room, &mut self.workshop) else {
            return;
        };
        let note = &mut view.paced.note;
        match crate::session::save_part_note(folder, part, base, text) {
            Ok(()) => {
                note.error = None;
                if note.part.as_ref() == Some(part) {
                    note.base = text.trim().to_owned();
                    note.saved = true;
                }
            }
            Err(error) => note.error = Some(error.to_string()),
        }
    }

    /// Whether the results follow the room now (see [`Self::follow_room`]): then a change the
    /// folder watcher saw waits for the room's beat instead of re-scoring at once.
    pub(super) fn results_follow_room(&self) -> bool {
        self.room.is_some() && matches!(self.screen, Screen::Results | Screen::Presenter { .. })
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

/// The room screen: the paced part on the phones when there is one (with a line saying how to
/// join, for latecomers), else the QR code, address, code and counts, and the parts that can be
/// put on the phones.
pub fn room_ui(
    ui: &mut egui::Ui,
    view: &mut RoomView,
    folder: &WorkshopFolder,
    theme: ThemeChoice,
    commands: &mut Vec<Command>,
) {
    // Counts change as phones answer: look again every second.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs(1));
    let pacer = view.room.pacer();
    let status = view.room.status();
    egui::ScrollArea::vertical()
        .id_salt("room")
        .auto_shrink([false, false])
        .show(ui, |ui| match pacer.part() {
            Some(part) => {
                // Put on from the discussion screen: this screen's reveal and note follow.
                if view.paced.note.part.as_ref() != Some(&part) {
                    commands.extend(view.paced.note.save_command());
                    view.paced.hide();
                    view.paced.note = paced_ui::NoteDraft::of(folder, &part);
                }
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(format!(
                            "Join: {} · Room code {}",
                            view.room.join_url(),
                            view.room.code()
                        ))
                        .monospace(),
                    );
                    ui.label(counts_text(status));
                });
                ui.separator();
                paced_ui::paced_ui(
                    ui,
                    &mut view.paced,
                    &pacer,
                    &part,
                    folder,
                    status.joined,
                    theme,
                    commands,
                );
            }
            None if ui.available_width() >= WIDE_ROOM_POINTS && !view.paced.parts.is_empty() => {
                // Side by side on a wide screen, so the parts are in view beside the QR code.
                ui.columns(2, |columns| {
                    join_ui(&mut columns[0], view, status, commands);
                    egui::ScrollArea::vertical().id_salt("room-parts").show(
                        &mut columns[1],
                        |ui| {
                            paced_ui::parts_list_ui(ui, &view.paced, folder, commands);
                        },
                    );
                });
            }
            None => {
                join_ui(ui, view, status, commands);
                ui.add_space(16.0);
                paced_ui::parts_list_ui(ui, &view.paced, folder, commands);
            }
        });
}

fn counts_text(status: RoomStatus) -> String {
    format!(
        "Joined {}   ·   Answering {}   ·   Finished {}",
        status.joined, status.answering, status.finished
    )
}

/// The QR code, the address and code in big type, the live counts and "Close the room".
fn join_ui(
    ui: &mut egui::Ui,
    view: &mut RoomView,
    status: RoomStatus,
    commands: &mut Vec<Command>,
) {
    let url = view.room.join_url().to_owned();
    let texture = view.qr.get_or_insert_with(|| {
        let image = qr_image(&url, 12)
            .unwrap_or_else(|| egui::ColorImage::filled([1, 1], egui::Color32::WHITE));
        ui.ctx()
            .load_texture("room-qr", image, egui::TextureOptions::NEAREST)
    });
    ui.vertical_centered(|ui| {
        ui.add_space(12.0);
        ui.heading(egui::RichText::new("Answer on your phone").size(40.0));
        ui.label(
            egui::RichText::new("Scan the code, or type the address. Same Wi-Fi as this laptop.")
                .size(20.0),
        );
        ui.add_space(12.0);
        let side = (ui.ctx().content_rect().height() * 0.5).clamp(160.0, 720.0);
        ui.add(egui::Image::new(&*texture).fit_to_exact_size(egui::vec2(side, side)));
        ui.add_space(12.0);
        ui.label(egui::RichText::new(&url).monospace().size(30.0));
        ui.label(
            egui::RichText::new(format!("Room code: {}", view.room.code()))
                .monospace()
                .size(24.0),
        );
        ui.add_space(16.0);
        ui.label(egui::RichText::new(counts_text(status)).size(28.0).strong());
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
