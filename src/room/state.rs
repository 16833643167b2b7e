//! What an open room holds in memory: its secret code, the seats of the people who joined (each a
//! [`ParticipantRun`] with its own per-seat writer folder, so one phone's fsync never waits for
//! another's), the wrong-code counts per address, and the live counts the projector shows. Nothing
//! here is ever sent to a phone except the phone's own seat.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

use super::Limits;
use crate::session::{PacedPart, Participant, ParticipantRun};
use crate::storage::folder::WorkshopFolder;

/// One person's place in the room.
pub(crate) struct Seat {
    /// The workshop and catalogue without anyone's responses but this seat's own: the run saves
    /// through it, and it can never leak another person's answers.
    pub folder: WorkshopFolder,
    pub run: ParticipantRun,
    /// Anti-forgery token every form of this seat carries.
    pub form_token: String,
    /// Text the person typed that was refused (too long), shown again instead of lost.
    pub draft: Option<String>,
    pub answered: bool,
    pub finished: bool,
    /// Where this seat is in the part the facilitator put on the room.
    pub paced: Option<SeatPace>,
}

/// A seat's walk through one generation of a paced part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeatPace {
    pub generation: u64,
    /// The question of the part the seat is on (an index into its run's steps).
    pub position: usize,
    /// Moved on from at least one question of the part in this generation.
    pub started: bool,
    /// Went through every shown question of the part (answered, declined, or an optional one
    /// left empty): it then waits for the next part instead of seeing this one again.
    pub done: bool,
}

/// The part the facilitator has put on the room, if any. Each put-on is a new generation, so
/// putting a part on again asks everyone again.
#[derive(Default)]
pub(crate) struct Paced {
    pub part: Option<PacedPart>,
    pub generation: u64,
    /// Seats that went through every shown question of the part in this generation.
    pub answered: usize,
    /// Seats that answered some of the part's questions in this generation but not yet all.
    pub answering: usize,
}

/// Joined / answering / finished, for the projector. Never who answered what.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoomStatus {
    pub joined: usize,
    /// Joined, gave at least one answer, not finished.
    pub answering: usize,
    pub finished: usize,
    /// How many times an answer (or a finished response) was saved: it changes whenever the
    /// folder did, so the facilitator's screens know when to read the answers again.
    pub saves: usize,
}

#[derive(Default)]
struct Counts {
    joined: AtomicUsize,
    answering: AtomicUsize,
    finished: AtomicUsize,
    saves: AtomicUsize,
}

struct Failures {
    count: u32,
    last: Instant,
}

pub(crate) struct RoomState {
    pub code: String,
    /// Anti-forgery token of the join form (there is no seat yet to hold one).
    pub join_token: String,
    /// The workshop and catalogue, no responses: cloned into each new seat.
    pub skeleton: WorkshopFolder,
    pub limits: Limits,
    seats: Mutex<HashMap<String, Arc<Mutex<Seat>>>>,
    rng: Mutex<ChaCha20Rng>,
    failures: Mutex<HashMap<IpAddr, Failures>>,
    counts: Counts,
    pub paced: Mutex<Paced>,
}

/// Locks a mutex even if a panicking thread poisoned it: the data are plain values a panic cannot
/// leave half-changed in a way that matters more than refusing every later request would.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Wrong codes from one address before answers to it are slowed down.
const FREE_FAILURES: u32 = 5;
const MAX_FAILURE_DELAY: Duration = Duration::from_secs(5);
/// Addresses remembered at most; beyond it the oldest quiet ones are forgotten.
const MAX_FAILING_ADDRESSES: usize = 10_000;

impl RoomState {
    pub fn new(folder: &WorkshopFolder, limits: Limits) -> Self {
        let mut rng = ChaCha20Rng::from_os_rng();
        let code = random_code(&mut rng);
        let join_token = random_hex(&mut rng);
        let mut skeleton = folder.clone();
        skeleton.responses.clear();
        skeleton.problems.clear();
        skeleton.warnings.clear();
        Self {
            code,
            join_token,
            skeleton,
            limits,
            seats: Mutex::default(),
            rng: Mutex::new(rng),
            failures: Mutex::default(),
            counts: Counts::default(),
            paced: Mutex::default(),
        }
    }

    /// Seats a new participant; returns their secret (the cookie value), or `None` when the room
    /// is full.
    pub fn join(&self, participant: Participant) -> Option<String> {
        let (secret, form_token) = {
            let mut rng = lock(&self.rng);
            (random_hex(&mut rng), random_hex(&mut rng))
        };
        let folder = self.skeleton.clone();
        let run = ParticipantRun::start(&folder, participant);
        let seat = Seat {
            folder,
            run,
            form_token,
            draft: None,
            answered: false,
            finished: false,
            paced: None,
        };
        let mut seats = lock(&self.seats);
        if seats.len() >= self.limits.max_participants {
            return None;
        }
        seats.insert(secret.clone(), Arc::new(Mutex::new(seat)));
        self.counts.joined.fetch_add(1, Ordering::Relaxed);
        Some(secret)
    }

    pub fn seat(&self, secret: &str) -> Option<Arc<Mutex<Seat>>> {
        lock(&self.seats).get(secret).cloned()
    }

    /// Counts a seat's first answer and its finish (each once).
    pub fn note_progress(&self, seat: &mut Seat, answered: bool, finished: bool) {
        if answered || finished {
            // Counted after the write: whoever sees the new count finds the answer on disk.
            self.counts.saves.fetch_add(1, Ordering::Release);
        }
        if answered && !seat.answered {
            seat.answered = true;
            if !seat.finished {
                self.counts.answering.fetch_add(1, Ordering::Relaxed);
            }
        }
        if finished && !seat.finished {
            seat.finished = true;
            if seat.answered {
                self.counts.answering.fetch_sub(1, Ordering::Relaxed);
            }
            self.counts.finished.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Puts `part` on every phone (`None`: back to their own runs), as a new generation.
    pub fn put_on(&self, part: Option<PacedPart>) {
        let mut paced = lock(&self.paced);
        paced.generation += 1;
        paced.part = part;
        paced.answered = 0;
        paced.answering = 0;
    }

    /// The part on the room (if any) and the generation, read together: a phone page carries the
    /// generation it was drawn for and reloads when the room's moves on.
    pub fn pace(&self) -> (Option<PacedPart>, u64) {
        let paced = lock(&self.paced);
        (paced.part.clone(), paced.generation)
    }

    /// Moves the seat's walk of generation `generation` to `pace` after a saved answer, counting
    /// the seat as answering (first answer) and as answered (last), each once, if that
    /// generation is still on.
    pub fn note_paced_answer(&self, seat: &mut Seat, pace: SeatPace) {
        let before = seat.paced.filter(|old| old.generation == pace.generation);
        let was_started = before.is_some_and(|old| old.started && !old.done);
        let was_done = before.is_some_and(|old| old.done);
        let mut paced = lock(&self.paced);
        if paced.generation == pace.generation {
            let now_started = pace.started && !pace.done;
            match (was_started, now_started) {
                (false, true) => paced.answering += 1,
                (true, false) => paced.answering = paced.answering.saturating_sub(1),
                _ => {}
            }
            if pace.done && !was_done {
                paced.answered += 1;
            }
        }
        seat.paced = Some(pace);
    }

    pub fn status(&self) -> RoomStatus {
        RoomStatus {
            joined: self.counts.joined.load(Ordering::Relaxed),
            answering: self.counts.answering.load(Ordering::Relaxed),
            finished: self.counts.finished.load(Ordering::Relaxed),
            saves: self.counts.saves.load(Ordering::Acquire),
        }
    }

    /// Records a request without the room code from `address`; returns how long to hold the
    /// answer, so guessing codes from one address gets slower and slower.
    pub fn wrong_code(&self, address: IpAddr) -> Duration {
        let mut failures = lock(&self.failures);
        if failures.len() >= MAX_FAILING_ADDRESSES && !failures.contains_key(&address) {
            let cutoff = Instant::now() - Duration::from_secs(600);
            failures.retain(|_, entry| entry.last > cutoff);
            if failures.len() >= MAX_FAILING_ADDRESSES {
                failures.clear();
            }
        }
        let entry = failures.entry(address).or_insert(Failures {
            count: 0,
            last: Instant::now(),
        });
        entry.count = entry.count.saturating_add(1);
        entry.last = Instant::now();
        failure_delay(entry.count)
    }

    /// A request with the right code proves the address knows it: its wrong-code count is cleared.
    pub fn right_code(&self, address: IpAddr) {
        let mut failures = lock(&self.failures);
        if !failures.is_empty() {
            failures.remove(&address);
        }
    }
}

/// Nothing for the first few (a typo), then 100 ms doubling per further failure, at most 5 s.
pub(crate) fn failure_delay(count: u32) -> Duration {
    if count <= FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES - 1).min(10);
    (Duration::from_millis(100) * (1 << doublings)).min(MAX_FAILURE_DELAY)
}

/// Letters and digits that cannot be misread for each other on a projector (no 0/o, 1/l/i).
const CODE_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// 15 characters of a 31-letter alphabet: 74 bits, a fresh code every time a room opens.
fn random_code(rng: &mut ChaCha20Rng) -> String {
    let alphabet = CODE_ALPHABET;
    // Rejecting bytes above the last whole multiple keeps every letter equally likely.
    let mut code = String::with_capacity(15);
    while code.len() < 15 {
        let byte = (rng.next_u32() & 0xff) as u8;
        if usize::from(byte) < alphabet.len() * 8 {
            code.push(char::from(alphabet[usize::from(byte) % alphabet.len()]));
        }
    }
    code
}

/// 128 random bits as hex: seat secrets and form tokens.
fn random_hex(rng: &mut ChaCha20Rng) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_codes_carry_at_least_64_bits_and_differ() {
        let mut rng = ChaCha20Rng::from_os_rng();
        let first = random_code(&mut rng);
        let second = random_code(&mut rng);
        assert_ne!(first, second);
        let bits = first.len() as f64 * (CODE_ALPHABET.len() as f64).log2();
        assert!(bits >= 64.0, "{bits} bits");
        assert!(first.bytes().all(|byte| CODE_ALPHABET.contains(&byte)));
    }

    #[test]
    fn every_saved_answer_and_finish_moves_the_save_count_and_a_back_step_does_not() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("w");
        crate::inputs::demo::write_demo(&dir, 1, 7).unwrap();
        let folder =
            crate::session::open_workshop(&dir, &crate::storage::paths::Paths::none()).unwrap();
        let state = RoomState::new(&folder, Limits::default());
        let secret = state
            .join(Participant {
                label: None,
                group: None,
            })
            .unwrap();
        let seat = state.seat(&secret).unwrap();
        let mut seat = lock(&seat);
        assert_eq!(state.status().saves, 0, "joining saves no answer");
        state.note_progress(&mut seat, false, false);
        assert_eq!(state.status().saves, 0, "a back step or an empty form");
        state.note_progress(&mut seat, true, false);
        state.note_progress(&mut seat, true, false);
        assert_eq!(state.status().saves, 2);
        state.note_progress(&mut seat, true, true);
        let status = state.status();
        assert_eq!((status.saves, status.finished, status.answering), (3, 1, 0));
    }

    #[test]
    fn wrong_codes_are_free_at_first_then_slower_up_to_a_cap() {
        assert_eq!(failure_delay(1), Duration::ZERO);
        assert_eq!(failure_delay(5), Duration::ZERO);
        assert_eq!(failure_delay(6), Duration::from_millis(100));
        assert_eq!(failure_delay(7), Duration::from_millis(200));
        assert_eq!(failure_delay(9), Duration::from_millis(800));
        assert_eq!(failure_delay(40), MAX_FAILURE_DELAY);
    }
}
