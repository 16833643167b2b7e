//! File dialogs. The native dialog (rfd over the XDG desktop portal on Linux) runs on its own
//! thread and its answer is polled each frame, so the window never blocks. Without a portal rfd
//! answers "no file" at once, exactly like a cancel; an answer that quick is taken to mean no
//! dialog could be shown, and an in-app path field takes its place, saying why. Each dialog starts
//! where the app suggests (see `App::dialog_start`), and one that asks for a file refuses a folder
//! before anything is tried.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::Command;

/// A "no file" answer faster than this cannot have come from a person.
const NO_PORTAL_WITHIN: Duration = Duration::from_millis(400);

/// What the chosen path will be used for.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogPurpose {
    /// A folder for a new workshop; the answer goes back to the Home form.
    NewWorkshopFolder,
    OpenWorkshop,
    ImportResponse,
    SaveResponseCopy,
    ExportChart {
        chart_index: usize,
        name: String,
    },
    ExportCsv,
    ExportReport,
    ImportCsv,
    /// An earlier (or later) workshop of the same team to compare with.
    CompareWith,
}

impl DialogPurpose {
    fn title(&self) -> &'static str {
        match self {
            Self::NewWorkshopFolder => "Folder for the new workshop",
            Self::OpenWorkshop => "Open a workshop folder",
            Self::ImportResponse => "Add a response file to the workshop",
            Self::SaveResponseCopy => "Save my response file",
            Self::ExportChart { .. } => "Export chart (.png or .svg)",
            Self::ExportCsv => "Export CSV",
            Self::ExportReport => "Export report (.html)",
            Self::ImportCsv => "Import answers from a CSV file",
            Self::CompareWith => "Compare with another workshop folder",
        }
    }

    fn picks_folder(&self) -> bool {
        matches!(
            self,
            Self::NewWorkshopFolder | Self::OpenWorkshop | Self::CompareWith
        )
    }

    /// For a dialog that opens a file: what kind, and its extensions.
    fn file_filter(&self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            Self::ImportResponse => Some(("Response file", &["ron"])),
            Self::ImportCsv => Some(("CSV file", &["csv"])),
            Self::NewWorkshopFolder
            | Self::OpenWorkshop
            | Self::CompareWith
            | Self::SaveResponseCopy
            | Self::ExportChart { .. }
            | Self::ExportCsv
            | Self::ExportReport => None,
        }
    }

    fn saves(&self) -> bool {
        matches!(
            self,
            Self::SaveResponseCopy
                | Self::ExportChart { .. }
                | Self::ExportCsv
                | Self::ExportReport
        )
    }

    fn default_file_name(&self) -> String {
        match self {
            Self::SaveResponseCopy => "my-response.ron".to_owned(),
            Self::ExportChart { name, .. } => format!("{name}.png"),
            Self::ExportCsv => "responses.csv".to_owned(),
            Self::ExportReport => "report.html".to_owned(),
            _ => String::new(),
        }
    }

    /// The command that uses the chosen path; `None` for paths the caller picks up itself.
    pub fn command_for(self, path: PathBuf) -> Option<Command> {
        match self {
            Self::NewWorkshopFolder => None,
            Self::OpenWorkshop => Some(Command::OpenWorkshop(path)),
            Self::ImportResponse => Some(Command::ImportResponse(path)),
            Self::SaveResponseCopy => Some(Command::SaveResponseCopy(path)),
            Self::ExportChart { chart_index, .. } => {
                Some(Command::ExportChart { chart_index, path })
            }
            Self::ExportCsv => Some(Command::ExportCsv(path)),
            Self::ExportReport => Some(Command::ExportReport(path)),
            Self::ImportCsv => Some(Command::ImportCsv(path)),
            Self::CompareWith => Some(Command::CompareWith(path)),
        }
    }
}

/// Whether to try the native dialog first. Tests use the path field only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogMode {
    Native,
    PathFieldOnly,
}

struct Pending {
    purpose: DialogPurpose,
    started: Instant,
    answer: Receiver<Option<PathBuf>>,
    start_dir: Option<PathBuf>,
}

/// The in-app replacement for a dialog.
pub struct PathField {
    pub purpose: DialogPurpose,
    pub path: String,
    pub reason: Option<String>,
    /// Why the path typed was not taken (a folder where a file is asked for).
    pub refused: Option<String>,
    /// Keyboard focus goes to the field once, when it appears.
    focused_once: bool,
}

pub struct Dialogs {
    mode: DialogMode,
    pending: Option<Pending>,
    pub path_field: Option<PathField>,
    /// The latest folder chosen for a new workshop, picked up by the Home form.
    pub chosen_new_workshop_folder: Option<PathBuf>,
}

impl Dialogs {
    pub fn new(mode: DialogMode) -> Self {
        Self {
            mode,
            pending: None,
            path_field: None,
            chosen_new_workshop_folder: None,
        }
    }

    pub fn set_mode(&mut self, mode: DialogMode) {
        self.mode = mode;
    }

    pub fn is_waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Opens a dialog for `purpose`: the native one on a worker thread, or the path field.
    pub fn open(
        &mut self,
        purpose: DialogPurpose,
        start_dir: Option<PathBuf>,
        ctx: &egui::Context,
    ) {
        if self.pending.is_some() {
            return;
        }
        if self.mode == DialogMode::PathFieldOnly {
            self.show_path_field(purpose, start_dir, None);
            return;
        }
        let (sender, answer) = channel();
        let ctx = ctx.clone();
        let thread_purpose = purpose.clone();
        let thread_dir = start_dir.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title(thread_purpose.title());
                // A suggested folder may not exist yet (a new workshop's): start in its parent.
                if let Some(dir) = thread_dir.as_deref().and_then(nearest_existing) {
                    dialog = dialog.set_directory(dir);
                }
                let chosen = if thread_purpose.picks_folder() {
                    dialog.pick_folder()
                } else if thread_purpose.saves() {
                    dialog
                        .set_file_name(thread_purpose.default_file_name())
                        .save_file()
                } else {
                    let (name, extensions) = thread_purpose
                        .file_filter()
                        .unwrap_or(("Response file", &["ron"]));
                    dialog.add_filter(name, extensions).pick_file()
                };
                let _ = sender.send(chosen);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(Pending {
                    purpose,
                    started: Instant::now(),
                    answer,
                    start_dir,
                });
            }
            Err(error) => self.show_path_field(
                purpose,
                start_dir,
                Some(format!("The file dialog could not start ({error}).")),
            ),
        }
    }

    fn show_path_field(
        &mut self,
        purpose: DialogPurpose,
        start_dir: Option<PathBuf>,
        reason: Option<String>,
    ) {
        let mut path = start_dir.unwrap_or_default();
        let name = purpose.default_file_name();
        if !name.is_empty() {
            path.push(name);
        }
        let mut text = path.display().to_string();
        // Asking for a file: the folder is where to look, so the name is typed after it.
        if purpose.file_filter().is_some() && !text.is_empty() {
            text.push(std::path::MAIN_SEPARATOR);
        }
        self.path_field = Some(PathField {
            purpose,
            path: text,
            reason,
            refused: None,
            focused_once: false,
        });
    }

    /// Turns a dialog's answer into commands (or into the path field when no dialog appeared).
    pub fn poll(&mut self, commands: &mut Vec<Command>) {
        let Some(pending) = &self.pending else {
            return;
        };
        let answer = match pending.answer.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => None,
        };
        let Some(pending) = self.pending.take() else {
            return;
        };
        match answer {
            Some(path) => self.chosen(pending.purpose, path, commands),
            None if pending.started.elapsed() < NO_PORTAL_WITHIN => self.show_path_field(
                pending.purpose,
                pending.start_dir,
                Some(
                    "No file dialog could be shown (this desktop has no file-chooser portal, \
                     e.g. xdg-desktop-portal is not running). Type the path instead."
                        .to_owned(),
                ),
            ),
            None => {}
        }
    }

    fn chosen(&mut self, purpose: DialogPurpose, path: PathBuf, commands: &mut Vec<Command>) {
        if purpose == DialogPurpose::NewWorkshopFolder {
            self.chosen_new_workshop_folder = Some(path);
        } else {
            commands.push(Command::DialogChosen(purpose, path));
        }
    }

    /// The path field, when one is open.
    pub fn fallback_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some(field) = &mut self.path_field else {
            return;
        };
        let mut close = false;
        let mut chosen = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(field.purpose.title());
            if let Some(reason) = &field.reason {
                ui.label(reason);
            }
            if let Some((kind, extensions)) = field.purpose.file_filter() {
                ui.label(format!(
                    "Type the path of a {kind} (.{}).",
                    extensions.join(", .")
                ));
            }
            ui.horizontal(|ui| {
                let label = ui.label("Path");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut field.path)
                            .desired_width(ui.available_width() - 180.0),
                    )
                    .labelled_by(label.id);
                if !field.focused_once {
                    field.focused_once = true;
                    edit.request_focus();
                }
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("OK").clicked() || enter {
                    let path = PathBuf::from(field.path.trim());
                    match field.purpose.file_filter() {
                        Some((kind, _)) if path.is_dir() => {
                            field.refused = Some(format!(
                                "{} is a folder; add the name of the {kind} in it.",
                                path.display()
                            ));
                        }
                        _ if path.as_os_str().is_empty() => {}
                        _ => chosen = Some(path),
                    }
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
            if let Some(refused) = &field.refused {
                ui.colored_label(ui.visuals().error_fg_color, refused);
            }
        });
        ui.add_space(8.0);
        if let Some(path) = chosen {
            let purpose = field.purpose.clone();
            self.path_field = None;
            self.chosen(purpose, path, commands);
        } else if close {
            self.path_field = None;
        }
    }
}

/// `path` if it exists, else its nearest ancestor that does.
fn nearest_existing(path: &std::path::Path) -> Option<&std::path::Path> {
    path.ancestors().find(|dir| dir.is_dir())
}
