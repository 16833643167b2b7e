//! The presenter view for the projector: full screen, dark, large type, one slide at a time — a
//! title slide, then each chart. Arrow keys (or Page Up/Down, Space) move; Escape leaves.

use egui::Key;

use super::results::ResultsView;
use super::{Command, ThemeChoice};

pub fn presenter_ui(
    ui: &mut egui::Ui,
    view: &mut ResultsView,
    slide: &mut usize,
    commands: &mut Vec<Command>,
) {
    let Some(score) = &view.score else {
        return;
    };
    let slides = 1 + view.charts.len();
    let (forward, backward, leave) = ui.input(|input| {
        (
            input.key_pressed(Key::ArrowRight)
                || input.key_pressed(Key::PageDown)
                || input.key_pressed(Key::Space),
            input.key_pressed(Key::ArrowLeft) || input.key_pressed(Key::PageUp),
            input.key_pressed(Key::Escape),
        )
    });
    if forward {
        *slide = (*slide + 1).min(slides - 1);
    }
    if backward {
        *slide = slide.saturating_sub(1);
    }
    if leave {
        commands.push(Command::ShowResults);
    }

    let footer_height = 48.0;
    let full = ui.available_rect_before_wrap();
    let body =
        egui::Rect::from_min_max(full.min, egui::pos2(full.max.x, full.max.y - footer_height));
    ui.scope_builder(egui::UiBuilder::new().max_rect(body), |ui| {
        if *slide == 0 {
            ui.add_space(body.height() * 0.3);
            ui.vertical_centered(|ui| {
                ui.label(egui::RichText::new(&score.title).size(56.0).strong());
                if let Some(date) = score.date {
                    ui.label(egui::RichText::new(date.to_string()).size(32.0));
                }
                ui.add_space(24.0);
                ui.label(
                    egui::RichText::new(format!("{} people took part", score.respondents))
                        .size(40.0),
                );
            });
        } else {
            let index = *slide - 1;
            if let Some(entry) = view.charts.entry(index).cloned() {
                ui.vertical_centered(|ui| {
                    ui.label(egui::RichText::new(&entry.title).size(40.0).strong());
                });
                let room = ui.available_size() - egui::vec2(32.0, 16.0);
                let size = fit(room, 1.6);
                let pixels_per_point = ui.ctx().pixels_per_point();
                match view.charts.texture(
                    ui.ctx(),
                    index,
                    size,
                    pixels_per_point,
                    ThemeChoice::Dark,
                ) {
                    Ok(texture) => {
                        ui.vertical_centered(|ui| {
                            ui.add(
                                egui::Image::new((texture.id(), size))
                                    .alt_text(entry.title.clone()),
                            );
                        });
                    }
                    Err(message) => {
                        ui.label(egui::RichText::new(message.to_string()).size(28.0));
                    }
                }
            }
        }
    });
    let footer =
        egui::Rect::from_min_max(egui::pos2(full.min.x, full.max.y - footer_height), full.max);
    ui.scope_builder(egui::UiBuilder::new().max_rect(footer), |ui| {
        ui.horizontal_centered(|ui| {
            if ui
                .add_enabled(
                    *slide > 0,
                    egui::Button::new(egui::RichText::new("Previous").size(22.0)),
                )
                .clicked()
            {
                *slide = slide.saturating_sub(1);
            }
            ui.label(egui::RichText::new(format!("{} / {slides}", *slide + 1)).size(22.0));
            if ui
                .add_enabled(
                    *slide + 1 < slides,
                    egui::Button::new(egui::RichText::new("Next").size(22.0)),
                )
                .clicked()
            {
                *slide = (*slide + 1).min(slides - 1);
            }
            if ui
                .button(egui::RichText::new("Leave presenter (Esc)").size(22.0))
                .clicked()
            {
                commands.push(Command::ShowResults);
            }
        });
    });
}

/// The largest size with `aspect` (width / height) that fits `room`.
fn fit(room: egui::Vec2, aspect: f32) -> egui::Vec2 {
    let room = room.max(egui::vec2(64.0, 40.0));
    if room.x / room.y > aspect {
        egui::vec2(room.y * aspect, room.y)
    } else {
        egui::vec2(room.x, room.x / aspect)
    }
}
