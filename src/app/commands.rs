//! What the window can be asked to do: every click and key that changes more than a draft
//! becomes a [`Command`], carried out after the frame by [`App::apply`], most of them by a call
//! into the session layer (the handlers live in `workflows.rs`).

use super::*;

/// Something the UI asked for, carried out by [`App::apply`] after the frame.
#[derive(Debug, Clone)]
pub enum Command {
    GoHome,
    /// Create the workshop the Home form describes (checked by the session) in `dir` (`None`:
    /// the form could not say where).
    CreateWorkshop {
        dir: Option<PathBuf>,
        draft: WorkshopDraft,
    },
    OpenWorkshop(PathBuf),
    /// What `hero-readiness PATH` (or a double-click) asks for: a workshop folder opens; a
    /// response file opens as that person's results (see [`App::open_path`]).
    OpenPath(PathBuf),
    /// Reopen the workshop open when the window last closed (start-up).
    ReopenLast,
    OpenDemo,
    /// The demo with a word of welcome: what a first run shows.
    OpenDemoWelcome,
    StartSelfAssessment,
    ImportResponse(PathBuf),
    /// A file or folder dropped on the window: a response joins the open workshop; with none
    /// open, it opens like [`Command::OpenPath`] (a folder as a workshop, a response file as that
    /// person's results).
    Dropped(PathBuf),
    /// Copy the current self-assessment's response file to this path.
    SaveResponseCopy(PathBuf),
    ShowParticipantStart,
    /// Add a project for the per-project questionnaire to the open workshop (saved at once).
    AddProject(String),
    StartParticipant(ParticipantDraft),
    Resume(String),
    /// Record an answer to the current question (written at once), then move on if `advance`.
    RecordAnswer {
        answer: Answer,
        advance: bool,
    },
    /// On to the next shown question; after the last one the response is finished.
    NextQuestion,
    PreviousQuestion,
    /// The facilitator's gesture during a participant's run: back to the participants screen
    /// (typed text is written first; an unfinished run can be resumed from there).
    UnlockForFacilitator,
    /// The start form for the next participant, handed over (locked): what "Next participant"
    /// on the thank-you screen leads to.
    NextParticipant,
    /// The discussion screen, on its first prompt.
    ShowDiscussion,
    /// Save the note on discussion prompt `prompt` (`base`: the note the edit started from),
    /// then show prompt `then` if given; a failed save stays on the prompt with the text kept.
    SaveDiscussionNote {
        prompt: usize,
        base: String,
        text: String,
        then: Option<usize>,
    },
    ShowTally,
    SubmitTally,
    /// Take back the saved tally of `questionnaire` for the room of `group`.
    UndoTally {
        questionnaire: String,
        group: Option<String>,
    },
    /// Serve the workshop to phones on the local network and show the room screen.
    OpenRoom,
    /// Stop the room server and go back to the Participants screen.
    CloseRoom,
    /// Back to the open room's screen (from the top bar's "Room open" button).
    ShowRoom,
    /// Put a part on every phone of the open room (`None`: back to self-paced), saving the note
    /// being typed on the part before.
    PutOnPhones(Option<crate::session::PacedPart>),
    /// Show (`true`) or hide the room's answers to the part on the phones.
    RevealPaced(bool),
    /// Save the facilitator's note on a paced part (`base`: the note the edit started from).
    SavePacedNote {
        part: crate::session::PacedPart,
        base: String,
        text: String,
    },
    ShowResults,
    ShowPresenter,
    SetGroup(Option<String>),
    /// Make this classification rule the open workshop's (saved in `workshop.ron`).
    SetRule(String),
    ExportChart {
        chart_index: usize,
        path: PathBuf,
    },
    ExportCsv(PathBuf),
    /// Write the one-file HTML report of the open workshop.
    ExportReport(PathBuf),
    /// Turn the rows of an exported-layout CSV file into responses of the open workshop.
    ImportCsv(PathBuf),
    /// Compare the open workshop with another wave of the same team.
    CompareWith(PathBuf),
    /// Store the edited action plan in `workshop.ron`.
    SaveActions(Vec<actions::ActionDraft>),
    /// Change the open workshop's anonymity threshold (checked, then saved in `workshop.ron`).
    SetAnonymityThreshold(usize),
    /// Replace the open workshop's customer channels (checked and saved by the session).
    SetChannels(Vec<String>),
    OpenDialog(DialogPurpose),
    DialogChosen(DialogPurpose, PathBuf),
    SetTheme(ThemeChoice),
    SetUiScale(f32),
    DismissMessage(usize),
}

impl App {
    pub(super) fn apply_command(&mut self, command: Command, ctx: &egui::Context) {
        // Whatever the room screen's click leads to (another screen, another workshop, closing
        // the room), the note typed there is saved first, not after a typing pause that would
        // never come.
        if matches!(self.screen, Screen::Room) && !matches!(command, Command::SavePacedNote { .. })
        {
            self.flush_paced_note();
        }
        match command {
            Command::GoHome => {
                self.leave_presenter(ctx);
                self.refresh_library();
                self.screen = Screen::Home(NewWorkshopDraft::default());
            }
            Command::CreateWorkshop { dir, draft } => self.create_workshop(dir, &draft),
            Command::OpenWorkshop(dir) => self.open_workshop(&dir),
            Command::OpenPath(path) => self.open_path(&path),
            Command::ReopenLast => self.reopen_last(),
            Command::OpenDemoWelcome => self.open_demo_welcome(ctx),
            Command::OpenDemo => match &self.paths.data_dir {
                Some(data_dir) => match Self::ensure_demo(data_dir) {
                    Ok(dir) => self.open_workshop(&dir),
                    Err(problem) => self.error(problem.to_string()),
                },
                None => self.error(
                    "There is no user data folder on this system to hold the demo workshop; \
                     create one with `hero-readiness demo DIR` and open that folder.",
                ),
            },
            Command::StartSelfAssessment => self.start_self_assessment(),
            Command::ImportResponse(path) => self.import_response(&path),
            Command::Dropped(path) => {
                if self.workshop.is_none() {
                    // Nothing to join: opened as `hero-readiness PATH` would open it.
                    self.open_path(&path);
                } else {
                    self.import_response(&path);
                }
            }
            Command::SaveResponseCopy(target) => self.save_response_copy(&target),
            Command::ShowParticipantStart => {
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                    self.screen = Screen::ParticipantStart(ParticipantDraft::default());
                }
            }
            Command::StartParticipant(draft) => self.start_participant(draft),
            Command::AddProject(name) => self.add_project(name),
            Command::Resume(response_id) => self.resume(&response_id),
            Command::RecordAnswer { answer, advance } => self.record_answer(answer, advance),
            Command::NextQuestion => self.next_question(),
            Command::PreviousQuestion => {
                self.flush_typing();
                if let (Some(folder), Screen::Run(run)) = (&self.workshop, &mut self.screen) {
                    run.participant.back(folder);
                }
            }
            Command::UnlockForFacilitator => self.unlock_for_facilitator(),
            Command::NextParticipant => {
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                    self.screen = Screen::ParticipantStart(ParticipantDraft {
                        handed_over: true,
                        ..ParticipantDraft::default()
                    });
                }
            }
            Command::ShowDiscussion => self.show_discussion(),
            Command::SaveDiscussionNote {
                prompt,
                base,
                text,
                then,
            } => self.save_discussion_note(prompt, &base, &text, then),
            Command::ShowTally => {
                if let Some(folder) = &self.workshop {
                    let kept = self
                        .kept_tally
                        .take()
                        .filter(|draft| draft.workshop_dir == folder.dir);
                    self.screen = Screen::Tally(kept.unwrap_or_else(|| TallyDraft::new(folder)));
                }
            }
            Command::SubmitTally => self.submit_tally(),
            Command::UndoTally {
                questionnaire,
                group,
            } => self.undo_tally(&questionnaire, group.as_deref()),
            Command::OpenRoom if self.room.is_some() => self.screen = Screen::Room,
            Command::ShowRoom => {
                if self.room.is_some() {
                    self.leave_presenter(ctx);
                    self.screen = Screen::Room;
                }
            }
            Command::OpenRoom => {
                if let Some(folder) = &self.workshop {
                    match room_ui::RoomView::open(folder) {
                        Ok(view) => {
                            self.room = Some(view);
                            self.screen = Screen::Room;
                        }
                        Err(error) => self.error(format!("The room could not open: {error}")),
                    }
                }
            }
            Command::PutOnPhones(part) => self.put_on_phones(part),
            Command::RevealPaced(shown) => self.reveal_paced(shown),
            Command::SavePacedNote { part, base, text } => {
                self.save_paced_note(&part, &base, &text);
            }
            Command::CloseRoom => {
                self.flush_paced_note();
                self.room = None;
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                }
                self.screen = Screen::ParticipantStart(ParticipantDraft::default());
            }
            Command::ShowResults => {
                self.leave_presenter(ctx);
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                    self.screen = Screen::Results;
                }
            }
            Command::ShowPresenter => {
                if self.workshop.is_some() {
                    self.screen = Screen::Presenter { chart_index: 0 };
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                }
            }
            Command::SetGroup(group) => self.results.set_group(group),
            Command::SetRule(rule) => self.set_rule(&rule),
            Command::ExportChart { chart_index, path } => {
                match self.results.export_chart(chart_index, &path) {
                    Ok(()) => self.info(format!("Chart saved to {}", path.display())),
                    Err(error) => self.error(error.to_string()),
                }
            }
            Command::ExportCsv(path) => match &self.workshop {
                Some(folder) => match crate::outputs::export::export_csv(folder, &path) {
                    Ok(files) => self.info(format!(
                        "CSV saved: {}, {} and {}",
                        files.answers.display(),
                        files.projects.display(),
                        files.codebook.display()
                    )),
                    Err(problem) => self.error(problem.to_string()),
                },
                None => self.error("Open a workshop before exporting."),
            },
            Command::ExportReport(path) => match &self.workshop {
                Some(folder) => match session::export_report(folder, &path) {
                    Ok(()) => self.info(format!("Report saved to {}", path.display())),
                    Err(error) => self.error(error.to_string()),
                },
                None => self.error("Open a workshop before exporting."),
            },
            Command::ImportCsv(path) => self.import_csv(&path),
            Command::SaveActions(drafts) => self.save_actions(&drafts),
            Command::SetAnonymityThreshold(threshold) => self.set_anonymity_threshold(threshold),
            Command::SetChannels(channels) => self.set_channels(channels),
            Command::CompareWith(path) => self.compare_with(&path),
            Command::OpenDialog(purpose) => {
                let start = self.dialog_start(&purpose);
                self.dialogs.open(purpose, start, ctx);
            }
            Command::DialogChosen(purpose, path) => {
                if let Some(command) = purpose.command_for(path) {
                    self.apply(command, ctx);
                }
            }
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetUiScale(scale) => {
                // A dragged slider stops on twentieths. (The slider has no step of its own: a
                // step would pull the tenths of egui's Ctrl+plus/minus zoom back onto its grid.)
                self.settings.ui_scale =
                    ((scale * 20.0).round() / 20.0).clamp(UI_SCALE_RANGE.0, UI_SCALE_RANGE.1)
            }
            Command::DismissMessage(index) => {
                if index < self.messages.len() {
                    self.messages.remove(index);
                }
            }
        }
    }
}
