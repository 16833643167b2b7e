//! Scoring: from questionnaires and responses to the numbers every table, chart and export shows.
//! Item values with reverse-coding, dimension scores (mean of answered items, empty below half),
//! team summaries, counts per option, HERO segments with Wilson intervals against the benchmark,
//! roadblocks ranked worst first, effort–value placement per project, dimension scores per entry
//! of a questionnaire asked per channel (or any other workshop list), and group breakdowns under
//! one disclosure rule: a figure is shown only when at least the anonymity threshold of people
//! contributed to it, and never when the whole minus the groups shown would leave fewer than that
//! (the `disclosure` submodule). Pure functions: no I/O, no UI.

mod disclosure;
mod figures;
mod table;
mod types;

use figures::{project_name, score_rows};
pub use figures::{score_questionnaire, score_questionnaire_grouped};
pub use types::*;

use disclosure::{FigureCounts, disclose, pool_over_shown_groups};
pub use disclosure::{SUBTRACTION_REASON, shown_groups, too_few_reason, withhold_small_figures};
use table::AnswerTable;

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::analysis::stats::{Share, Summary};
use crate::model::questionnaire::{
    AskedPer, ItemKind, Level, Owner, Questionnaire, RuleChoice, Zone, band_for, rule_choices,
};
use crate::model::response::{Answer, Section, condition_holds};
use crate::storage::Problem;
use crate::storage::folder::{LoadedResponse, WorkshopFolder};

/// Scores a loaded workshop folder: every questionnaire the workshop uses (plus any found only in
/// responses), the group breakdown under the disclosure rule, and every problem and warning met on
/// the way.
pub fn score_workshop(folder: &WorkshopFolder, options: &ScoreOptions) -> WorkshopScore {
    score_responses(folder, options, Counted::Finished, None)
}

/// Whose responses a score counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Finished responses only, as every result, export and report does.
    Finished,
    /// Every response, finished or not (then `respondents` counts them all and `in_progress` is
    /// 0). For a question the whole room answers together while each person's own run is still
    /// going (room mode's facilitator-paced part): such a figure must not be shown beside the
    /// finished-only one when the two differ by fewer people than the threshold (the session
    /// layer's reveal decides).
    Everyone,
}

/// [`score_workshop`] of one questionnaire of the workshop only (with the default options),
/// counting `counted`'s responses, under the same disclosure rule.
pub fn score_questionnaire_of(
    folder: &WorkshopFolder,
    questionnaire: &str,
    counted: Counted,
) -> WorkshopScore {
    score_responses(
        folder,
        &ScoreOptions::default(),
        counted,
        Some(questionnaire),
    )
}

fn score_responses(
    folder: &WorkshopFolder,
    options: &ScoreOptions,
    counted: Counted,
    only: Option<&str>,
) -> WorkshopScore {
    let workshop = &folder.workshop;
    let mut problems = folder.catalog.problems.clone();
    problems.extend(folder.problems.iter().cloned());
    let threshold = workshop.disclosure_threshold();
    let rule = options.rule.as_deref().unwrap_or(&workshop.rule);

    let completed: Vec<&LoadedResponse> = if counted == Counted::Everyone {
        folder.responses.iter().collect()
    } else {
        folder.completed().collect()
    };
    let in_progress = folder.responses.len() - completed.len();
    let names = group_names(&completed, &workshop.groups);
    let membership: Vec<Option<usize>> = completed
        .iter()
        .map(|loaded| {
            let group = loaded.response.group.as_deref()?;
            names.binary_search_by(|name| name.as_str().cmp(group)).ok()
        })
        .collect();
    let mut head_counts = vec![0usize; names.len()];
    for g in membership.iter().flatten() {
        head_counts[*g] += 1;
    }

    let mut ids = questionnaire_ids(&workshop.questionnaires, &completed);
    if let Some(only) = only {
        ids.retain(|id| id == only);
    }
    let context = ScoringContext {
        folder,
        responses: &completed,
        membership: &membership,
        group_count: names.len(),
        rule,
        threshold,
    };
    // One questionnaire at a time, each scored on every core (see `score_one`): an answer table
    // of 100,000 respondents takes tens of megabytes, and scoring several at once held them all.
    let results: Vec<_> = ids.iter().map(|id| score_one(&context, id)).collect();

    let mut questionnaires = Vec::new();
    let mut by_group: Vec<Vec<QuestionnaireScore>> = vec![Vec::new(); names.len()];
    let mut warnings = folder.warnings.clone();
    for result in results {
        warnings.extend(result.warnings);
        if let Some((whole, groups)) = result.scores {
            questionnaires.push(whole);
            for (scores, score) in by_group.iter_mut().zip(groups) {
                scores.push(score);
            }
        }
    }
    // A group is listed when at least one of its figures may be shown; the rest are named only.
    let mut groups = Vec::new();
    let mut suppressed_groups = Vec::new();
    for ((name, questionnaires), respondents) in names.into_iter().zip(by_group).zip(head_counts) {
        if questionnaires
            .iter()
            .any(QuestionnaireScore::shows_anything)
        {
            groups.push(GroupScore {
                group: name,
                respondents,
                questionnaires,
            });
        } else {
            suppressed_groups.push(name);
        }
    }

    let mut score = WorkshopScore {
        title: workshop.title.clone(),
        date: Some(workshop.date),
        respondents: completed.len(),
        in_progress,
        anonymity_threshold: threshold,
        group: None,
        questionnaires,
        groups,
        suppressed_groups,
        problems,
        warnings,
        rules: rule_choices(ids.iter().filter_map(|id| folder.catalog.get(id))),
    };
    if let Some(group) = &options.group {
        // A group's own view is its column of the breakdown, so it shows exactly the figures the
        // breakdown may show and nothing that subtraction from the whole could expose.
        match score.groups.iter().position(|g| &g.group == group) {
            Some(index) => {
                let chosen = score.groups.swap_remove(index);
                score.group = Some(chosen.group);
                score.respondents = chosen.respondents;
                score.questionnaires = chosen.questionnaires;
                score.groups.clear();
                score.suppressed_groups.clear();
            }
            None => score.problems.push(Problem::new(
                &folder.dir,
                format!(
                    "group \"{group}\" is not shown apart: fewer than {threshold} of its people \
                     answered, or its figures would reveal others by subtraction; showing the \
                     whole workshop"
                ),
            )),
        }
    }
    score
}

/// Every group of a workshop, configured or found in answers, in sorted order.
fn group_names(responses: &[&LoadedResponse], configured: &[String]) -> Vec<String> {
    let mut names: Vec<String> = configured.to_vec();
    names.extend(
        responses
            .iter()
            .filter_map(|loaded| loaded.response.group.clone()),
    );
    names.sort();
    names.dedup();
    names
}

/// One questionnaire's share of a workshop score: the whole, each group, and the warnings.
struct QuestionnaireResult {
    scores: Option<(QuestionnaireScore, Vec<QuestionnaireScore>)>,
    warnings: Vec<String>,
}

/// What every questionnaire of one workshop score shares.
struct ScoringContext<'a> {
    folder: &'a WorkshopFolder,
    /// The completed responses scored.
    responses: &'a [&'a LoadedResponse],
    /// Each response's group, as an index into the sorted group names.
    membership: &'a [Option<usize>],
    group_count: usize,
    rule: &'a str,
    threshold: usize,
}

/// Scores questionnaire `id` over the context's responses and over every group, from one answer
/// table, then applies the disclosure rule and the statistics pooled over the groups shown.
fn score_one(context: &ScoringContext, id: &str) -> QuestionnaireResult {
    let responses = context.responses;
    let Some(questionnaire) = context.folder.catalog.get(id) else {
        return QuestionnaireResult {
            scores: None,
            warnings: vec![format!(
                "questionnaire \"{id}\" is not installed; its answers are kept but not scored"
            )],
        };
    };
    let mut warnings = Vec::new();
    // One section per respondent, or one per evaluated project; `owners[s]` is its response.
    let mut sections: Vec<&Section> = Vec::new();
    let mut owners: Vec<usize> = Vec::new();
    for (r, loaded) in responses.iter().enumerate() {
        let mut answered = loaded.response.sections_of(id);
        if questionnaire.is_per_entry() {
            for section in answered {
                sections.push(section);
                owners.push(r);
            }
        } else if let Some(section) = answered.next() {
            sections.push(section);
            owners.push(r);
            if answered.next().is_some() {
                warnings.push(format!(
                    "{}: answers \"{id}\" more than once; only the first is scored",
                    loaded.path.display()
                ));
            }
        }
    }
    let mut table = AnswerTable::new(questionnaire, &sections);
    table.tallied = owners
        .iter()
        .map(|&r| responses[r].response.from_tally)
        .collect();
    warnings.extend(table_warnings(&table, |s| &responses[owners[s]].path));

    let rule = Some(context.rule);
    let labels: Vec<Option<&str>> = owners
        .iter()
        .map(|&r| responses[r].response.label.as_deref())
        .collect();
    let all: Vec<usize> = (0..sections.len()).collect();
    let mut rows_of_group: Vec<Vec<usize>> = vec![Vec::new(); context.group_count];
    for (s, &r) in owners.iter().enumerate() {
        if let Some(g) = context.membership[r] {
            rows_of_group[g].push(s);
        }
    }
    // The whole team on one side, the groups (together as many rows) on the other: two halves of
    // the work for the cores, reading one shared table.
    let ((mut whole, whole_counts), (mut by_group, group_counts)): (
        (QuestionnaireScore, FigureCounts),
        (Vec<QuestionnaireScore>, Vec<FigureCounts>),
    ) = rayon::join(
        || {
            let whole = score_rows(&table, &all, &[], &labels, rule, false);
            let counts = FigureCounts::of_people(&table, &all, &owners, &whole);
            (whole, counts)
        },
        || {
            rows_of_group
                .par_iter()
                .map(|rows| {
                    let score = score_rows(&table, rows, &[], &labels, rule, false);
                    let counts = FigureCounts::of_people(&table, rows, &owners, &score);
                    (score, counts)
                })
                .unzip()
        },
    );
    let shown = disclose(
        questionnaire,
        &mut whole,
        &mut by_group,
        &whole_counts,
        &group_counts,
        context.threshold,
    );
    pool_over_shown_groups(&table, &mut whole, &rows_of_group, &shown);
    QuestionnaireResult {
        scores: Some((whole, by_group)),
        warnings,
    }
}

/// Answers that no longer fit the questionnaire: changed questionnaires, removed items, values out
/// of range. They are kept in the files and named here, never dropped silently.
fn table_warnings<'a>(table: &AnswerTable, path_of: impl Fn(usize) -> &'a Path) -> Vec<String> {
    let questionnaire = table.questionnaire;
    let id = &questionnaire.id;
    let mut warnings = Vec::new();
    // Hashing serialises the whole questionnaire: once per questionnaire, not per response.
    let hash = questionnaire.content_hash();
    for (s, section) in table.sections.iter().enumerate() {
        if section.hash != hash {
            warnings.push(format!(
                "{}: answered \"{id}\" version {}; the questionnaire has changed since (now \
                 version {}), so check the answers still mean the same",
                path_of(s).display(),
                section.version,
                questionnaire.version
            ));
        }
    }
    let mut orphans = table.orphans.iter().peekable();
    while let Some(&(s, first)) = orphans.next() {
        let mut names = vec![first];
        while let Some(&&(_, name)) = orphans.peek().filter(|(next, _)| *next == s) {
            names.push(name);
            orphans.next();
        }
        warnings.push(format!(
            "{}: answers to items no longer in \"{id}\" are kept but not scored: {}",
            path_of(s).display(),
            names.join(", ")
        ));
    }
    for (s, i, why) in &table.mismatches {
        warnings.push(format!(
            "{}: item \"{id}.{}\": {why}; not scored",
            path_of(*s).display(),
            questionnaire.items[*i].id
        ));
    }
    warnings
}

/// The workshop's questionnaires in its order, then any others that responses answered.
fn questionnaire_ids(configured: &[String], responses: &[&LoadedResponse]) -> Vec<String> {
    let mut ids = configured.to_vec();
    for loaded in responses {
        for section in &loaded.response.sections {
            if !ids.iter().any(|id| *id == section.questionnaire) {
                ids.push(section.questionnaire.to_string());
            }
        }
    }
    ids
}
