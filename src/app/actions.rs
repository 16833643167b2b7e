//! The action plan editor on the Results screen: the facilitator edits a draft of the agreed
//! actions (what, who, by when, status) and saves it into `workshop.ron`, where the report reads it.

use chrono::NaiveDate;

use super::Command;
use crate::model::workshop::{Action, ActionStatus};

/// One action as typed: the due date stays text until it is saved, so a half-typed date is kept
/// (also in the settings, when the window closes before it is saved).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ActionDraft {
    pub action: String,
    pub owner: String,
    pub due: String,
    pub status: ActionStatus,
}

impl ActionDraft {
    pub fn from_action(action: &Action) -> Self {
        Self {
            action: action.action.clone(),
            owner: action.owner.clone(),
            due: action.due.map(|date| date.to_string()).unwrap_or_default(),
            status: action.status,
        }
    }
}

/// Turns the drafts into actions, or says which due date could not be read. Rows with no action
/// text are dropped.
pub fn actions_from_drafts(drafts: &[ActionDraft]) -> Result<Vec<Action>, String> {
    drafts
        .iter()
        .filter(|draft| !draft.action.trim().is_empty())
        .map(|draft| {
            let due = match draft.due.trim() {
                "" => None,
                text => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    format!(
                        "the due date \"{text}\" of \"{}\" is not a date; write it as YYYY-MM-DD",
                        draft.action.trim()
                    )
                })?),
            };
            Ok(Action {
                action: draft.action.trim().to_owned(),
                owner: draft.owner.trim().to_owned(),
                due,
                status: draft.status,
            })
        })
        .collect()
}

/// Whether `drafts` differ from the plan they were filled from (`base`), i.e. hold edits that
/// are not saved yet. Rows without action text are left out, as saving leaves them out.
pub fn has_unsaved_edits(drafts: &[ActionDraft], base: &[Action]) -> bool {
    let filled: Vec<&ActionDraft> = drafts
        .iter()
        .filter(|draft| !draft.action.trim().is_empty())
        .collect();
    filled.len() != base.len()
        || filled
            .iter()
            .zip(base)
            .any(|(draft, action)| **draft != ActionDraft::from_action(action))
}

/// The editor: one block per action (the action text across the full width, growing with what is
/// typed; owner, due date and status beneath) and buttons to add an action and save the plan.
pub fn action_plan_ui(
    ui: &mut egui::Ui,
    drafts: &mut Vec<ActionDraft>,
    unsaved: bool,
    commands: &mut Vec<Command>,
) {
    let header = if unsaved {
        "Action plan (unsaved changes)"
    } else {
        "Action plan"
    };
    egui::CollapsingHeader::new(header)
        .id_salt("action-plan")
        .show(ui, |ui| {
            ui.label(
                "What the team agreed to do next. Saved in the workshop and shown in the report.",
            );
            // Wide enough for a sentence, never wider than a comfortable line.
            let width_px = ui.available_width().clamp(240.0, 900.0);
            let mut remove = None;
            for (index, draft) in drafts.iter_mut().enumerate() {
                let number = index + 1;
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(width_px);
                    let label = ui.strong("Action");
                    ui.add(
                        egui::TextEdit::multiline(&mut draft.action)
                            .hint_text("e.g. Invite five agents to the next tool decision")
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(format!("Action {number}"));
                    ui.horizontal_wrapped(|ui| {
                        let label = ui.label("Owner");
                        ui.add(
                            egui::TextEdit::singleline(&mut draft.owner)
                                .hint_text("who sees it through")
                                .desired_width(200.0),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(format!("Owner of action {number}"));
                        let label = ui.label("Due (YYYY-MM-DD)");
                        ui.add(
                            egui::TextEdit::singleline(&mut draft.due)
                                .hint_text("2026-12-31")
                                .desired_width(110.0),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(format!("Due date of action {number}"));
                        let label = ui.label("Status");
                        egui::ComboBox::from_id_salt(("action-status", index))
                            .selected_text(draft.status.label())
                            .show_ui(ui, |ui| {
                                for status in ActionStatus::ALL {
                                    ui.selectable_value(&mut draft.status, status, status.label());
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        if ui.button(format!("Remove action {number}")).clicked() {
                            remove = Some(index);
                        }
                    });
                });
            }
            if let Some(index) = remove {
                drafts.remove(index);
            }
            ui.horizontal(|ui| {
                if ui.button("Add action").clicked() {
                    drafts.push(ActionDraft::default());
                }
                if ui.button("Save action plan").clicked() {
                    commands.push(Command::SaveActions(drafts.clone()));
                }
                if unsaved {
                    ui.colored_label(ui.visuals().warn_fg_color, "Not saved yet");
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_become_actions_and_bad_dates_are_named() {
        let drafts = vec![
            ActionDraft {
                action: " Call five customers ".into(),
                owner: "Sam".into(),
                due: "2026-12-01".into(),
                status: ActionStatus::Started,
            },
            ActionDraft::default(),
        ];
        let actions = actions_from_drafts(&drafts).unwrap();
        assert_eq!(actions.len(), 1, "empty rows are dropped");
        assert_eq!(actions[0].action, "Call five customers");
        assert_eq!(actions[0].due, NaiveDate::from_ymd_opt(2026, 12, 1));
        let bad = vec![ActionDraft {
            action: "Fix silos".into(),
            due: "next week".into(),
            ..ActionDraft::default()
        }];
        let message = actions_from_drafts(&bad).unwrap_err();
        assert!(message.contains("\"next week\"") && message.contains("YYYY-MM-DD"));
    }

    #[test]
    fn edits_are_unsaved_until_the_drafts_match_the_plan_again() {
        let plan = vec![Action {
            action: "Call five customers".into(),
            owner: "Sam".into(),
            due: None,
            status: ActionStatus::Started,
        }];
        let mut drafts: Vec<ActionDraft> = plan.iter().map(ActionDraft::from_action).collect();
        assert!(!has_unsaved_edits(&drafts, &plan));
        drafts[0].owner.push('!');
        assert!(has_unsaved_edits(&drafts, &plan));
        drafts[0].owner.pop();
        drafts.push(ActionDraft::default());
        assert!(
            !has_unsaved_edits(&drafts, &plan),
            "a blank row is not saved"
        );
        drafts[1].action = "Fix silos".into();
        assert!(
            has_unsaved_edits(&drafts, &plan),
            "an added action is an edit"
        );
        assert!(has_unsaved_edits(&[], &plan), "a removed row is an edit");
    }
}
