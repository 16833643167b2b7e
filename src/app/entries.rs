//! Scores per entry (each channel, say) of a questionnaire asked once per entry of a workshop
//! list: one row per entry, one column per dimension, mean and band, or why it is withheld.
//! Reads only the score, like every other results view.

use crate::analysis::scoring::QuestionnaireScore;

pub(super) fn entries_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    if questionnaire.entries.is_empty() {
        return;
    }
    let noun = questionnaire.asked_per.noun();
    ui.add_space(8.0);
    ui.strong(format!("By {noun}"));
    egui::Grid::new(("entries", &questionnaire.id))
        .striped(true)
        .show(ui, |ui| {
            ui.strong(capitalised(noun));
            ui.strong("Evaluations");
            for dimension in &questionnaire.dimensions {
                ui.strong(&dimension.title);
            }
            ui.end_row();
            for entry in &questionnaire.entries {
                ui.label(&entry.entry);
                ui.label(entry.evaluations.to_string());
                for dimension in &entry.dimensions {
                    match (&dimension.withheld, dimension.summary.mean) {
                        (Some(reason), _) => ui.weak(format!("Withheld: {reason}")),
                        (None, Some(mean)) => ui.label(match &dimension.band {
                            Some(band) => format!("{mean:.2} {}", band.label),
                            None => format!("{mean:.2}"),
                        }),
                        (None, None) => ui.label("–"),
                    };
                }
                ui.end_row();
            }
        });
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
