//! A realistic sample workshop, deterministic for a seed: several groups with different profiles,
//! every questionnaire answered (per-entry ones, such as per project or per channel, for two
//! entries per respondent, round-robin over the workshop's list). Answers are drawn from a latent score per respondent and dimension, shifted per group,
//! so dimensions hang together the way real answers do. Works for any questionnaire, not only the
//! bundled ones.

use std::path::Path;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::questionnaire::{ItemKind, Questionnaire};
use crate::model::response::{Answer, Response, Section};
use crate::model::workshop::Workshop;
use crate::storage::catalog::Catalog;
use crate::storage::folder::{RESPONSES_DIR, WORKSHOP_FILE, response_file_name};
use crate::storage::{self, Durability, Problem};

pub const MAX_PARTICIPANTS: usize = 100_000;
pub const DEFAULT_PARTICIPANTS: usize = 24;

const GROUPS: &[&str] = &["Customer service", "Field service", "Sales", "Marketing"];
const PROJECTS: &[&str] = &[
    "Photo upload in the field app",
    "Customer chat on the help pages",
    "Shared answers wiki for agents",
    "Social media listening board",
];
const CHANNELS: &[&str] = &[
    "Web site",
    "Mobile app",
    "Social media",
    "Call centre",
    "In person",
];
/// Entries of a list each respondent evaluates in a per-entry questionnaire.
const ENTRIES_PER_RESPONDENT: usize = 2;
const NAMES: &[&str] = &[
    "Amira", "Ben", "Chloé", "Dev", "Elif", "Finn", "Grace", "Hiro", "Inès", "Jonas", "Kofi",
    "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Viktor",
    "Wen", "Yara", "Zoë",
];
const NOTES: &[&str] = &[
    "We mostly hear from customers through complaints; nobody owns the wider conversation.",
    "Field staff know the regulars by name but that knowledge never reaches the website team.",
    "Agreed to try a monthly call with five customers and share what we learn.",
    "Customers compare us with what they read online before they even call.",
];

/// The facilitator's notes on the first customer-dialogue prompts.
const DISCUSSION_NOTES: &[&str] = &[
    "We describe the product in our own jargon; the support team hears customers' words every day. \
     Next: collect ten customer phrases for the website.",
    "Internal customers and resellers are forgotten. Agreed to list every group we serve by the \
     next meeting.",
    "Field staff know the regulars by name but that knowledge never reaches the website team.",
    "We mostly hear from customers through complaints. Trying a monthly call with five customers.",
];

/// Writes a demo workshop into `dir` (created if needed; must not already hold a workshop).
pub fn write_demo(dir: &Path, participants: usize, seed: u64) -> Result<Workshop, Problem> {
    if participants == 0 || participants > MAX_PARTICIPANTS {
        return Err(Problem::new(
            dir,
            format!("participants must be between 1 and {MAX_PARTICIPANTS}"),
        ));
    }
    if dir.join(WORKSHOP_FILE).exists() {
        // The destination is taken: the command could not run (exit 2), not bad input.
        return Err(Problem::unwritable(
            dir.join(WORKSHOP_FILE),
            "a workshop already exists here; choose an empty folder",
        ));
    }
    let catalog = Catalog::bundled();
    let mut workshop = Workshop::new(
        "Demo: customer care readiness",
        NaiveDate::from_ymd_opt(2026, 11, 16).expect("valid date"),
    );
    workshop.facilitator = "Alex Morgan".to_owned();
    workshop.groups = GROUPS.iter().map(|g| (*g).to_owned()).collect();
    workshop.projects = PROJECTS.iter().map(|p| (*p).to_owned()).collect();
    workshop.channels = CHANNELS.iter().map(|c| (*c).to_owned()).collect();
    let questionnaires: Vec<&Questionnaire> = workshop
        .questionnaires
        .iter()
        .filter_map(|id| catalog.get(id))
        .collect();

    let hashes: Vec<String> = questionnaires.iter().map(|q| q.content_hash()).collect();
    let responses_dir = dir.join(RESPONSES_DIR);
    std::fs::create_dir_all(&responses_dir).map_err(|error| {
        Problem::unwritable(dir, format!("could not create the folder: {error}"))
    })?;

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // A shift per group and dimension gives each group its own profile.
    let group_shift: Vec<Vec<f64>> = GROUPS
        .iter()
        .map(|_| (0..64).map(|_| normal(&mut rng) * 0.12).collect())
        .collect();
    // An organisation-wide strength or weakness per dimension, so roadblocks differ.
    let organisation_shift: Vec<f64> = (0..64).map(|_| normal(&mut rng) * 0.18).collect();
    // A level per entry of a list (project, channel) and dimension, so entries differ.
    let entry_latent: Vec<Vec<f64>> = (0..PROJECTS.len().max(CHANNELS.len()))
        .map(|_| (0..8).map(|_| rng.random_range(0.15..0.85)).collect())
        .collect();
    let start = Utc
        .with_ymd_and_hms(2026, 11, 16, 9, 30, 0)
        .single()
        .expect("valid time");

    for index in 0..participants {
        let group_index = index % GROUPS.len();
        let id = storage::short_id(&mut rng);
        let label = if rng.random_bool(0.15) {
            None
        } else {
            Some(format!(
                "{} {}",
                NAMES[index % NAMES.len()],
                index / NAMES.len() + 1
            ))
        };
        let mut response = Response::new(id, label, Some(GROUPS[group_index].to_owned()));
        response.started_at = start + Duration::minutes(index as i64 * 3);
        response.completed_at = Some(response.started_at + Duration::minutes(12));
        let general = normal(&mut rng) * 0.15;
        for (questionnaire, hash) in questionnaires.iter().zip(&hashes) {
            let entries = questionnaire.asks_per().entries(&workshop);
            let evaluated: Vec<Option<usize>> = if questionnaire.is_per_entry() {
                (0..ENTRIES_PER_RESPONDENT.min(entries.len()))
                    .map(|k| Some((index + k) % entries.len()))
                    .collect()
            } else {
                vec![None]
            };
            for entry in evaluated {
                let latents: Vec<f64> = questionnaire
                    .dimensions
                    .iter()
                    .enumerate()
                    .map(|(d, _)| match entry {
                        Some(e) => {
                            entry_latent[e % entry_latent.len()][d % 8] + normal(&mut rng) * 0.08
                        }
                        None => {
                            0.5 + general
                                + organisation_shift[d % 64]
                                + group_shift[group_index][d % 64]
                                + normal(&mut rng) * 0.15
                        }
                    })
                    .collect();
                let section = response.section_with_hash(
                    questionnaire,
                    hash,
                    entry.map(|e| entries[e].as_str()),
                );
                answer_section(
                    &mut rng,
                    questionnaire,
                    section,
                    &latents,
                    general,
                    group_shift[group_index][63],
                    index,
                );
            }
        }
        let path = responses_dir.join(response_file_name(&response));
        storage::save_ron_with(&path, &response, Durability::Deferred)?;
    }
    storage::sync_dir(&responses_dir);
    // The facilitator's notes of the room's discussion, on the first prompts discussed.
    for questionnaire in &questionnaires {
        if !questionnaire.discussed_in_room {
            continue;
        }
        let prompts = questionnaire
            .items
            .iter()
            .filter(|item| item.dimension.is_some());
        let notes = prompts
            .zip(DISCUSSION_NOTES)
            .map(|(item, note)| (item.id.to_string(), (*note).to_owned()));
        workshop
            .discussion_notes
            .insert(questionnaire.id.to_string(), notes.collect());
    }
    storage::save_ron(&dir.join(WORKSHOP_FILE), &workshop)?;
    Ok(workshop)
}

/// Fills one section: each item drawn around its dimension's latent level (`latents`), items
/// without a dimension around the respondent's general level plus `shift`.
fn answer_section(
    rng: &mut ChaCha8Rng,
    questionnaire: &Questionnaire,
    section: &mut Section,
    latents: &[f64],
    general: f64,
    shift: f64,
    index: usize,
) {
    for item in &questionnaire.items {
        let latent = item
            .dimension
            .as_ref()
            .and_then(|dimension| {
                questionnaire
                    .dimensions
                    .iter()
                    .position(|d| &d.id == dimension)
            })
            .map_or(0.45 + general + shift, |d| latents[d]);
        let latent = latent.clamp(0.0, 1.0);
        if !section.is_shown(questionnaire, item) {
            continue;
        }
        if let Some(answer) = draw_answer(rng, &item.kind, latent, item.reverse, index) {
            section.answers.insert(item.id.clone(), answer);
        }
    }
}

/// One plausible answer for a respondent whose latent level (0–1) on the item's dimension is
/// `latent`. About 2% of scored answers are "prefer not to answer".
fn draw_answer(
    rng: &mut ChaCha8Rng,
    kind: &ItemKind,
    latent: f64,
    reverse: bool,
    index: usize,
) -> Option<Answer> {
    let noisy = (latent + normal(rng) * 0.12).clamp(0.0, 1.0);
    let level = if reverse { 1.0 - noisy } else { noisy };
    if kind.is_scored() && rng.random_bool(0.02) {
        return Some(Answer::Declined);
    }
    let on_range = |min: f64, max: f64| (min + level * (max - min)).round() as i64;
    Some(match kind {
        ItemKind::Likert { points, .. } => Answer::Value(on_range(1.0, f64::from(*points))),
        ItemKind::Scale { min, max, .. } => Answer::Value(on_range(*min as f64, *max as f64)),
        ItemKind::YesNo => Answer::Value(i64::from(rng.random_bool(level.clamp(0.05, 0.95)))),
        // Behaviour counts are skewed: most people use a few unsanctioned tools, some many.
        ItemKind::Count { max } => {
            let mean = 0.2 + 2.2 * level;
            let draw = -mean * (1.0 - rng.random::<f64>()).ln();
            Answer::Value((draw.floor() as i64).min(i64::from(*max)))
        }
        ItemKind::SingleChoice { options } => {
            let position = ((level * options.len() as f64) as usize).min(options.len() - 1);
            Answer::Choice(options[position].id.clone())
        }
        ItemKind::MultipleChoice { options } => Answer::Choices(
            options
                .iter()
                .filter(|_| rng.random_bool(0.4))
                .map(|option| option.id.clone())
                .collect(),
        ),
        ItemKind::Text { .. } => {
            if !index.is_multiple_of(6) {
                return None;
            }
            Answer::Text(NOTES[(index / 6) % NOTES.len()].to_owned())
        }
    })
}

/// A standard normal draw (Box–Muller), so the demo needs no extra distribution crate.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}
