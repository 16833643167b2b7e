//! Load on the room server: N simulated phones on loopback (default 300, `HERO_ROOM_PHONES`), each
//! joining and answering a whole demo workshop with a think time between answers
//! (`HERO_ROOM_THINK_MS`, default 1000, jittered ±50 %). Reports answers per second and the p50,
//! p90, p99 and max latency of an answer (the POST until its redirect, which comes only after the
//! answer is written and synced), then checks that every acknowledged answer is in the files on
//! disk. Target on a 2-core machine: 300 phones, p99 ≤ 50 ms, none lost.
//!
//! Then the facilitator-paced moment: a customer-dialogue prompt goes on every phone and the whole
//! room taps within about two seconds (`HERO_ROOM_BURST_MS`, default 2000). Reports that burst's
//! latency per answer, checks every phone was counted and its answer is on disk, and times the
//! reveal the projector re-scores once a second (median of 5).
//!
//! `cargo bench --bench room_load` (set `HERO_ROOM_PHONES=20` for a quick look).

#[path = "../tests/room_support/mod.rs"]
mod room_support;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hero_readiness::room::{Limits, Room, RoomConfig};
use hero_readiness::session::PacedPart;
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
    /// The phone, with its seat's cookie, for the paced round.
    phone: Phone,
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
        phone: Phone::new(address),
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
    run.phone = phone;
    run
}

/// One phone's answer to the prompt on the room, `delay` after it went on: the latency, or
/// `None` when it was not acknowledged.
fn paced_answer(phone: &mut Phone, base: &str, delay: Duration) -> Option<Duration> {
    std::thread::sleep(delay);
    let page = phone.get(&format!("{base}/q"));
    let generation = room_support::hidden(&page.body, "paced")?;
    let mut form = plain_answer(&page.body, 3);
    form.push(("paced".to_owned(), generation));
    let started = Instant::now();
    let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
    let latency = started.elapsed();
    (reply.status == 303 && !reply.location().contains("?e=")).then_some(latency)
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
    let mut runs: Vec<PhoneRun> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let wall = started.elapsed();

    // The paced moment: one prompt on every phone, the room taps within `burst_ms`.
    let burst_ms = env_number("HERO_ROOM_BURST_MS", 2000).max(1);
    let folder = hero_readiness::session::open_workshop(&dir, &Paths::none()).unwrap();
    let prompt = hero_readiness::session::discussion_prompts(&folder)
        .into_iter()
        .next()
        .expect("the demo discusses prompts");
    let part = hero_readiness::session::PacedPart::from(prompt);
    let pacer = room.pacer();
    pacer.put_on(Some(part.clone()));
    let handles: Vec<_> = runs
        .iter_mut()
        .enumerate()
        .map(|(index, run)| {
            let base = base.clone();
            let mut phone = std::mem::replace(&mut run.phone, Phone::new(address));
            let delay = Duration::from_millis((index as u64).wrapping_mul(7919) % burst_ms);
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || paced_answer(&mut phone, &base, delay))
                .unwrap()
        })
        .collect();
    let paced: Vec<Option<Duration>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let counted = pacer.answered();
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

    let mut burst: Vec<Duration> = paced.iter().flatten().copied().collect();
    burst.sort_unstable();
    let refused = paced.len() - burst.len();
    println!(
        "paced prompt, {phones} phones within {burst_ms} ms: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         {refused} refused; the room counted {counted}",
        percentile(&burst, 0.50).as_secs_f64() * 1e3,
        percentile(&burst, 0.99).as_secs_f64() * 1e3,
        burst.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    let PacedPart::Prompt(prompt) = &part else {
        unreachable!("a prompt was put on");
    };
    let folder = hero_readiness::session::open_workshop(&dir, &Paths::none()).unwrap();
    let on_disk = folder
        .responses
        .iter()
        .filter(|loaded| {
            loaded
                .response
                .label
                .as_deref()
                .is_some_and(|l| l.starts_with("phone-"))
        })
        .filter(|loaded| {
            loaded.response.sections.iter().any(|section| {
                section.questionnaire == prompt.questionnaire
                    && section.answers.get(&prompt.item).is_some()
            })
        })
        .count();
    if on_disk < burst.len() {
        lost += burst.len() - on_disk;
        eprintln!("paced: {} acknowledged, {on_disk} on disk", burst.len());
    }
    let mut reveal_times: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let reveal = hero_readiness::session::reveal(&folder, &part);
            assert!(reveal.people > 0 || reveal.withheld.is_some());
            started.elapsed()
        })
        .collect();
    reveal_times.sort_unstable();
    println!(
        "reveal of the prompt over {} responses: median {:.1} ms",
        folder.responses.len(),
        reveal_times[2].as_secs_f64() * 1e3
    );
    let p99 = percentile(&latencies, 0.99);
    let verdict = if lost == 0
        && errors == 0
        && refused == 0
        && counted == phones
        && p99 <= Duration::from_millis(50)
    {
        "met"
    } else {
        "NOT met"
    };
    println!("target (p99 <= 50 ms, 0 lost, 0 errors, every paced answer counted): {verdict}");
    if lost > 0 {
        std::process::exit(1);
    }
}
