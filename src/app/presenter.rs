//! The presenter view for the projector: full screen, dark, large type, one slide at a time — a
//! title slide (saying which classification rule the figures use), then each chart, an item chart
//! too long for one slide split over several. Type sizes follow the screen's height, so the same
//! slides work at 1024×768 and 1920×1080 and any UI scale. Arrow keys (or Page Up/Down, Space)
//! move; Escape leaves.

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
    let slides = 1 + view.charts.slides().len();
    *slide = (*slide).min(slides - 1);
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

    let full = ui.available_rect_before_wrap();
    // Type sizes in points, from the height in points: a 768-pixel projector at UI scale 2 still
    // fits a title, and 1080 pixels at scale 1 do not get tiny type.
    let unit = (full.height() / 768.0).clamp(0.5, 2.0);
    let footer_size = (22.0 * unit).max(14.0);
    let footer_height = footer_size * 2.2;
    let body =
        egui::Rect::from_min_max(full.min, egui::pos2(full.max.x, full.max.y - footer_height));
    ui.scope_builder(egui::UiBuilder::new().max_rect(body), |ui| {
        if *slide == 0 {
            ui.add_space(body.height() * 0.25);
            ui.vertical_centered(|ui| {
                ui.label(egui::RichText::new(&score.title).size(56.0 * unit).strong());
                if let Some(date) = score.date {
                    ui.label(egui::RichText::new(date.to_string()).size(32.0 * unit));
                }
                ui.add_space(24.0 * unit);
                ui.label(
                    egui::RichText::new(format!(
                        "{} took part",
                        crate::model::text::count(score.respondents, "person", "people")
                    ))
                    .size(40.0 * unit),
                );
                if let Some(rule) = score
                    .questionnaires
                    .iter()
                    .find_map(|questionnaire| questionnaire.segments.as_ref())
                {
                    ui.add_space(12.0 * unit);
                    ui.label(
                        egui::RichText::new(crate::model::questionnaire::classification_label(
                            &rule.rule_title,
                        ))
                        .size(26.0 * unit),
                    );
                }
            });
        } else {
            let index = *slide - 1;
            if let Some(title) = view.charts.slides().get(index).map(|s| s.title.clone()) {
                ui.vertical_centered(|ui| {
                    ui.label(egui::RichText::new(&title).size(36.0 * unit).strong());
                });
                let room = ui.available_size() - egui::vec2(32.0, 16.0);
                let size = fit(room, 1.6).floor();
                let pixels_per_point = ui.ctx().pixels_per_point();
                match view.charts.slide_texture(
                    ui.ctx(),
                    index,
                    size,
                    pixels_per_point,
                    ThemeChoice::Dark,
                ) {
                    Ok(texture) => {
                        ui.vertical_centered(|ui| {
                            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                            // On whole pixels: one texture pixel per screen pixel.
                            let rect =
                                egui::emath::GuiRounding::round_to_pixels(rect, pixels_per_point);
                            ui.put(
                                rect,
                                egui::Image::new((texture.id(), size)).alt_text(title.clone()),
                            );
                        });
                    }
                    Err(message) => {
                        ui.label(egui::RichText::new(message.to_string()).size(28.0 * unit));
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
                    egui::Button::new(egui::RichText::new("Previous").size(footer_size)),
                )
                .clicked()
            {
                *slide = slide.saturating_sub(1);
            }
            ui.label(egui::RichText::new(format!("{} / {slides}", *slide + 1)).size(footer_size));
            if ui
                .add_enabled(
                    *slide + 1 < slides,
                    egui::Button::new(egui::RichText::new("Next").size(footer_size)),
                )
                .clicked()
            {
                *slide = (*slide + 1).min(slides - 1);
            }
            if ui
                .button(egui::RichText::new("Leave presenter (Esc)").size(footer_size))
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
