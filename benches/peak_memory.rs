//! Benchmark: peak memory of loading and scoring a large workshop, as `hero-readiness score
//! --format json` does it (open the folder, score, write the JSON). Targets, release build:
//! 10,000 respondents in at most 64 MB peak resident memory, 100,000 in at most 400 MB.
//!
//! Peak resident memory belongs to a whole process, so each size runs in a child process of this
//! binary (`--child DIR`), which reports the kernel's high-water mark (`VmHWM` in
//! `/proc/self/status`, the figure `/usr/bin/time -v` calls "Maximum resident set size") after
//! loading and after scoring. Linux only (elsewhere it says so and stops).
//!
//! `cargo bench --bench peak_memory` writes a demo of each size (seed 7) to a temp folder first;
//! `-- --workshop DIR` measures an existing folder instead, and `-- N` other participant counts.

use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

// The same allocator as the `hero-readiness` binary, so the figures are the app's; counted, so
// the report can tell live heap (what the program holds) from what the allocator keeps mapped.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: passed straight through to mimalloc with the caller's layout.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
}

/// Peak live heap so far in kB, then restarts the count from what is live now.
fn heap_peak_kb() -> u64 {
    let peak = PEAK.swap(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    (peak / 1024) as u64
}

use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::inputs::demo::write_demo;
use hero_readiness::storage::folder::WorkshopFolder;

/// (participants, peak target in MB).
const TARGETS: &[(usize, f64)] = &[(10_000, 64.0), (100_000, 400.0)];

/// A field of `/proc/self/status` in kB (`VmHWM`, `VmRSS`).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The child: load and score `dir`, write the JSON nowhere, print `phase kB` lines: the process's
/// peak resident memory so far (`VmHWM`) and the peak live heap of the phase (`heap_*`).
fn child(dir: &Path) {
    let started = Instant::now();
    let folder = WorkshopFolder::open(dir).expect("workshop opens");
    println!("loaded {}", status_kb("VmHWM").unwrap_or(0));
    println!("heap_loaded {}", heap_peak_kb());
    let score = score_workshop(&folder, &ScoreOptions::default());
    println!("scored {}", status_kb("VmHWM").unwrap_or(0));
    println!("heap_scored {}", heap_peak_kb());
    serde_json::to_writer_pretty(std::io::sink(), &score).expect("JSON written");
    println!("written {}", status_kb("VmHWM").unwrap_or(0));
    println!("respondents {}", score.respondents);
    println!("elapsed_ms {}", started.elapsed().as_millis());
}

fn measure(dir: &Path, participants: usize, target_mb: Option<f64>) {
    let output = Command::new(std::env::current_exe().expect("own path"))
        .arg("--child")
        .arg(dir)
        .output()
        .expect("child runs");
    assert!(output.status.success(), "child failed: {output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| -> u64 {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.trim().parse().ok())
            .unwrap_or(0)
    };
    let mb = |kb: u64| kb as f64 / 1024.0;
    let peak = mb(field("written"));
    let verdict = match target_mb {
        Some(target) if peak <= target => format!("target ≤ {target:.0} MB: met"),
        Some(target) => format!("target ≤ {target:.0} MB: MISSED"),
        None => "no target".to_owned(),
    };
    println!(
        "{participants} participants ({} respondents): peak {peak:.1} MB (after load {:.1}, after \
         score {:.1}; live heap at most {:.1} loading, {:.1} scoring); load+score+JSON {} ms; \
         {verdict}",
        field("respondents"),
        mb(field("loaded")),
        mb(field("scored")),
        mb(field("heap_loaded")),
        mb(field("heap_scored")),
        field("elapsed_ms"),
    );
}

fn main() {
    hero_readiness::allocator::tune();
    let mut args = std::env::args().skip(1);
    let mut sizes: Vec<usize> = Vec::new();
    let mut workshop: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--child" => return child(Path::new(&args.next().expect("--child DIR"))),
            "--workshop" => workshop = Some(args.next().expect("--workshop DIR").into()),
            // `cargo bench` passes `--bench`; ignore it and anything else that is not a count.
            other => sizes.extend(other.parse::<usize>().ok()),
        }
    }
    if status_kb("VmHWM").is_none() {
        println!("peak_memory needs Linux's /proc/self/status; nothing measured");
        return;
    }
    if let Some(dir) = workshop {
        return measure(&dir, 0, None);
    }
    if sizes.is_empty() {
        sizes = TARGETS.iter().map(|&(n, _)| n).collect();
    }
    for participants in sizes {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().join("workshop");
        write_demo(&dir, participants, 7).expect("demo written");
        let target = TARGETS
            .iter()
            .find(|&&(n, _)| n == participants)
            .map(|&(_, mb)| mb);
        measure(&dir, participants, target);
    }
}
