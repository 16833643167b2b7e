//! Benchmark: load and score a large demo workshop (the target: 10,000 participants in
//! ≤ 0.3 s on a 2-core machine, release build). Run with `cargo bench --bench load_score`; pass a
//! participant count to try other sizes, `--rounds N` for more runs, or `--workshop DIR` to time an
//! existing workshop folder instead of a fresh demo (handy under a profiler).
//!
//! One untimed round comes first, so the figures are for a workshop whose files are in the page
//! cache (as they are once the app has opened it, or just after the demo is written) and do not
//! depend on when the kernel gets round to writing the fresh demo to disk.

use std::path::PathBuf;

// The same allocator as the `hero-readiness` binary, so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::inputs::demo::write_demo;
use hero_readiness::storage::folder::WorkshopFolder;

fn main() {
    hero_readiness::allocator::tune();
    let mut participants = 10_000usize;
    let mut rounds = 11usize;
    let mut workshop: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--rounds N")
            }
            "--workshop" => workshop = Some(args.next().expect("--workshop DIR").into()),
            // `cargo bench` passes `--bench`; ignore it and anything else that is not a count.
            other => participants = other.parse().unwrap_or(participants),
        }
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = match workshop {
        Some(dir) => dir,
        None => {
            let dir = temp.path().join("workshop");
            let started = Instant::now();
            write_demo(&dir, participants, 1).expect("demo written");
            println!(
                "demo --participants {participants}: {:.2} s (not a target)",
                started.elapsed().as_secs_f64()
            );
            dir
        }
    };

    let mut load_ms = Vec::new();
    let mut score_ms = Vec::new();
    let mut respondents = 0;
    let warm_up = WorkshopFolder::open(&dir).expect("workshop opens");
    drop(score_workshop(&warm_up, &ScoreOptions::default()));
    drop(warm_up);
    for _ in 0..rounds.max(1) {
        let started = Instant::now();
        let folder = WorkshopFolder::open(&dir).expect("workshop opens");
        load_ms.push(started.elapsed().as_secs_f64() * 1e3);
        let started = Instant::now();
        let score = score_workshop(&folder, &ScoreOptions::default());
        score_ms.push(started.elapsed().as_secs_f64() * 1e3);
        respondents = score.respondents;
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (load, score) = (median(&mut load_ms), median(&mut score_ms));
    println!(
        "load {load:.0} ms + score {score:.0} ms = {:.0} ms for {respondents} respondents \
         (median of {}; target ≤ 300 ms for 10,000 on 2 cores)",
        load + score,
        load_ms.len()
    );
}
