//! Benchmark: load and score a large demo workshop (the target: 10,000 participants in
//! ≤ 0.3 s on a 2-core machine, release build). Run with `cargo bench --bench load_score`; pass a
//! participant count as the first argument to try other sizes.

use std::time::Instant;

use hero_readiness::demo::write_demo;
use hero_readiness::scoring::{ScoreOptions, score_workshop};
use hero_readiness::workshop::WorkshopFolder;

fn main() {
    let participants: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(10_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("workshop");
    let started = Instant::now();
    write_demo(&dir, participants, 1).expect("demo written");
    println!(
        "demo --participants {participants}: {:.2} s (not a target)",
        started.elapsed().as_secs_f64()
    );

    let mut load_ms = Vec::new();
    let mut score_ms = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let folder = WorkshopFolder::open(&dir).expect("workshop opens");
        load_ms.push(started.elapsed().as_secs_f64() * 1e3);
        let started = Instant::now();
        let score = score_workshop(&folder, &ScoreOptions::default());
        score_ms.push(started.elapsed().as_secs_f64() * 1e3);
        assert_eq!(score.respondents, participants);
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (load, score) = (median(&mut load_ms), median(&mut score_ms));
    println!(
        "load {load:.0} ms + score {score:.0} ms = {:.0} ms for {participants} participants \
         (median of 5; target ≤ 300 ms on 2 cores)",
        load + score
    );
}
