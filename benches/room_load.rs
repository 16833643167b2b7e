//! Load on the room server: N simulated phones on loopback (default 300, `HERO_ROOM_PHONES`), each
//! joining and answering a whole demo workshop with a think time between answers
//! (`HERO_ROOM_THINK_MS`, default 1000, jittered ±50 %). Reports answers per second and the p50,
//! p90, p99 and max latency of an answer (the POST until its redirect, which comes only after the
//! answer is written and synced), then checks that every acknowledged answer is in the files on
//! disk. Target on a 2-core machine: 300 phones, p99 ≤ 50 ms, none lost.
//!
//! `cargo bench --bench room_load` (set `HERO_ROOM_PHONES=20` for a quick look).

#[path = "../tests/room_support/mod.rs"]
mod room_support;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hero_readiness::room::{Limits, Room, RoomConfig};
use hero_readiness::storage::paths::Paths;
use room_support::{Phone, as_pairs, plain_answer};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// What one phone saw.
struct PhoneRun {
    label: String,
    /// Latency of each acknowledged answer.
    answers: Vec<Duration>,
    finished: bool,
    errors: usize,
}

fn phone_run(address: std::net::SocketAddr, base: &str, index: usize, think_ms: u64) -> PhoneRun {
    let label = format!("phone-{index:04}");
    let mut phone = Phone::new(address);
    let mut run = PhoneRun {
        label: label.clone(),
        answers: Vec::new(),
        finished: false,
        errors: 0,
    };
    // A cheap per-phone jitter, so 300 phones do not tap in lockstep.
    let mut jitter = (index as u64).wrapping_mul(2_654_435_761) | 1;
    let mut think = || {
        jitter ^= jitter << 13;
        jitter ^= jitter >> 7;
        jitter ^= jitter << 17;
        let spread = think_ms.max(1);
        Duration::from_millis(think_ms / 2 + jitter % spread)
    };
    std::thread::sleep(think());
    let mut page = phone.join(base, &label, "");
    for step in 0..1000 {
        if page.body.contains("Thank you") {
            run.finished = true;
            break;
        }
        if page.status != 200 {
            run.errors += 1;
            break;
        }
        std::thread::sleep(think());
        let form = plain_answer(&page.body, step);
        let started = Instant::now();
        let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
        let latency = started.elapsed();
        if reply.status == 303 && !reply.location().contains("?e=") {
            run.answers.push(latency);
        } else {
            run.errors += 1;
        }
        page = phone.get(reply.location());
    }
    run
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter we do not use.
    let phones = env_number("HERO_ROOM_PHONES", 300) as usize;
    let think_ms = env_number("HERO_ROOM_THINK_MS", 1000);
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    hero_readiness::inputs::demo::write_demo(&dir, 1, 2010).unwrap();
    let room = Room::open(
        &dir,
        &Paths::none(),
        RoomConfig {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            limits: Limits {
                max_connections: 2048,
                ..Limits::default()
            },
        },
    )
    .expect("the room opens");
    let base = Arc::new(format!("/{}", room.code()));
    let address = room.local_addr();
    println!("room_load: {phones} phones, think time {think_ms} ms ±50 %, on {address}");

    let started = Instant::now();
    let handles: Vec<_> = (0..phones)
        .map(|index| {
            let base = base.clone();
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || phone_run(address, &base, index, think_ms))
                .unwrap()
        })
        .collect();
    let runs: Vec<PhoneRun> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let wall = started.elapsed();
    let status = room.close();

    let mut latencies: Vec<Duration> = runs.iter().flat_map(|run| run.answers.clone()).collect();
    latencies.sort_unstable();
    let acknowledged = latencies.len();
    let errors: usize = runs.iter().map(|run| run.errors).sum();
    let finished = runs.iter().filter(|run| run.finished).count();
    println!(
        "answers: {acknowledged} acknowledged in {:.1} s = {:.0} answers/s; {errors} errors; \
         {finished}/{phones} finished (room counted {})",
        wall.as_secs_f64(),
        acknowledged as f64 / wall.as_secs_f64(),
        status.finished
    );
    println!(
        "latency per answer (write + fsync + redirect): p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.90).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );

    // Every acknowledged answer is in its phone's file, which is complete.
    let mut lost = 0usize;
    for run in &runs {
        let path = std::fs::read_dir(dir.join("responses"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| {
                path.file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with(&run.label))
            });
        let on_disk = path
            .and_then(|path| hero_readiness::storage::read_response(&path).ok())
            .map(|response| {
                let answers: usize = response
                    .sections
                    .iter()
                    .map(|section| section.answers.len())
                    .sum();
                (answers, response.completed_at.is_some())
            });
        match on_disk {
            Some((answers, complete))
                if answers >= run.answers.len() && complete == run.finished => {}
            other => {
                lost += 1;
                eprintln!(
                    "{}: acknowledged {}, on disk {other:?}",
                    run.label,
                    run.answers.len()
                );
            }
        }
    }
    println!("lost: {lost} phones with an acknowledged answer missing on disk");
    let p99 = percentile(&latencies, 0.99);
    let verdict = if lost == 0 && errors == 0 && p99 <= Duration::from_millis(50) {
        "met"
    } else {
        "NOT met"
    };
    println!("target (p99 <= 50 ms, 0 lost, 0 errors): {verdict}");
    if lost > 0 {
        std::process::exit(1);
    }
}
