//! The action plan editor on the Results screen: the facilitator edits a draft of the agreed
//! actions (what, who, by when, status) and saves it into `workshop.ron`, where the report reads it.

use chrono::NaiveDate;

use super::Command;
use crate::model::workshop::{Action, ActionStatus};

/// One action as typed: the due date stays text until it is saved, so a half-typed date is kept.
#[derive(Debug, Clone, Default, PartialEq)]
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

/// The editor: one row per action and buttons to add a row and save the plan.
pub fn action_plan_ui(
    ui: &mut egui::Ui,
    drafts: &mut Vec<ActionDraft>,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new("Action plan")
        .id_salt("action-plan")
        .show(ui, |ui| {
            ui.label(
                "What the team agreed to do next. Saved in the workshop and shown in the report.",
            );
            let mut remove = None;
            egui::Grid::new("action-plan-grid")
                .num_columns(5)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    // Column headers name each row's fields for screen readers and tests.
                    let action_header = ui.strong("Action").id;
                    let owner_header = ui.strong("Owner").id;
                    let due_header = ui.strong("Due (YYYY-MM-DD)").id;
                    let status_header = ui.strong("Status").id;
                    ui.label("");
                    ui.end_row();
                    for (index, draft) in drafts.iter_mut().enumerate() {
                        let number = index + 1;
                        ui.add(
                            egui::TextEdit::singleline(&mut draft.action)
                                .hint_text("e.g. Invite five agents to the next tool decision")
                                .desired_width(360.0),
                        )
                        .labelled_by(action_header)
                        .on_hover_text(format!("Action {number}"));
                        ui.add(egui::TextEdit::singleline(&mut draft.owner).desired_width(140.0))
                            .labelled_by(owner_header)
                            .on_hover_text(format!("Owner of action {number}"));
                        ui.add(
                            egui::TextEdit::singleline(&mut draft.due)
                                .hint_text("2026-12-31")
                                .desired_width(110.0),
                        )
                        .labelled_by(due_header)
                        .on_hover_text(format!("Due date of action {number}"));
                        egui::ComboBox::from_id_salt(("action-status", index))
                            .selected_text(draft.status.label())
                            .show_ui(ui, |ui| {
                                for status in ActionStatus::ALL {
                                    ui.selectable_value(&mut draft.status, status, status.label());
                                }
                            })
                            .response
                            .labelled_by(status_header);
                        if ui.button(format!("Remove action {number}")).clicked() {
                            remove = Some(index);
                        }
                        ui.end_row();
                    }
                });
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
}
