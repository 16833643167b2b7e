//! Notices files that other programs write into an open workshop folder (another laptop on a
//! shared folder, a copy in a file manager, an import on the command line). A `notify` watcher
//! collects the changed paths; once they have been quiet for [`DEBOUNCE`] (or changes have kept
//! coming for [`MAX_WAIT`]) [`FolderWatcher::take_settled`] hands them over, and the owner passes
//! them to [`crate::storage::folder::WorkshopFolder::refresh`]. The front end is woken through a
//! callback, so this module knows nothing of the window.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// How long changes must be quiet before they are handed over: a burst of writes (an import of
/// many files, a sync client catching up) becomes one refresh.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// Changes that keep coming are handed over after this anyway, so a refresh never waits longer.
pub const MAX_WAIT: Duration = Duration::from_millis(1200);

/// Changed paths since the last hand-over, and when the first and the latest arrived.
#[derive(Debug, Default)]
struct Pending {
    paths: BTreeSet<PathBuf>,
    first: Option<Instant>,
    latest: Option<Instant>,
}

/// Watches one workshop folder (and its `responses/` and `questionnaires/`) while it is open.
pub struct FolderWatcher {
    dir: PathBuf,
    pending: Arc<Mutex<Pending>>,
    // Dropping the watcher stops it; it is only held.
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for FolderWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderWatcher")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl FolderWatcher {
    /// Starts watching `dir`. `wake(delay)` is called from the watcher's thread after each
    /// change, asking the owner to look again after `delay` (when the change will have settled).
    pub fn new(dir: &Path, wake: impl Fn(Duration) + Send + 'static) -> notify::Result<Self> {
        let pending = Arc::new(Mutex::new(Pending::default()));
        let shared = Arc::clone(&pending);
        let mut watcher =
            notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
                let Ok(event) = result else {
                    return;
                };
                // Reads (including our own) are reported as access events: only writes matter.
                if !matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                ) {
                    return;
                }
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|path| !is_hidden(path))
                    .collect();
                if paths.is_empty() {
                    return;
                }
                let now = Instant::now();
                {
                    let mut pending = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    pending.paths.extend(paths);
                    pending.first.get_or_insert(now);
                    pending.latest = Some(now);
                }
                wake(DEBOUNCE);
            })?;
        watcher.watch(dir, RecursiveMode::Recursive)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            pending,
            _watcher: watcher,
        })
    }

    /// The folder being watched.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The paths changed since the last call, once they have settled at `now`; `None` while
    /// nothing changed or changes are still arriving.
    pub fn take_settled(&self, now: Instant) -> Option<Vec<PathBuf>> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let (first, latest) = (pending.first?, pending.latest?);
        let quiet = now.saturating_duration_since(latest) >= DEBOUNCE;
        let overdue = now.saturating_duration_since(first) >= MAX_WAIT;
        if !(quiet || overdue) {
            return None;
        }
        let taken = std::mem::take(&mut *pending);
        Some(taken.paths.into_iter().collect())
    }
}

/// Dot-files are the atomic writer's temp files (and editors' swap files): never workshop data.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.as_encoded_bytes().starts_with(b"."))
}
