//! Creating a workshop: the one set of checks the app's new-workshop form and
//! `hero-readiness new` share (a title, a date, known questionnaires, a rule those questionnaires
//! define, an anonymity threshold that keeps groups anonymous), then the folder is written.

use std::path::Path;

use chrono::NaiveDate;

use super::SessionError;
use crate::model::questionnaire::AskedPer;
use crate::model::workshop::{Workshop, check_anonymity_threshold, entry_names};
use crate::storage::Problem;
use crate::storage::catalog::Catalog;
use crate::storage::folder::{WORKSHOP_FILE, WorkshopFolder};

/// A workshop as described by a form or the command line, not yet checked.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopDraft {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub facilitator: String,
    /// Questionnaire ids, in the order they are asked.
    pub questionnaires: Vec<String>,
    pub groups: Vec<String>,
    /// For the per-project questionnaire.
    pub projects: Vec<String>,
    /// For the per-channel questionnaires (customer profiles): web site, call centre, ….
    pub channels: Vec<String>,
    pub anonymity_threshold: usize,
    pub rule: String,
}

impl WorkshopDraft {
    /// The workshop this draft describes, or what to fix, as a sentence. Names are trimmed and
    /// duplicates dropped. Questionnaire ids and the rule are checked by [`create_workshop`],
    /// which knows the catalogue.
    pub fn workshop(&self) -> Result<Workshop, String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("Give the workshop a title.".to_owned());
        }
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("Date \"{}\": expected YYYY-MM-DD.", self.date.trim()))?;
        if self.questionnaires.is_empty() {
            return Err("Choose at least one questionnaire.".to_owned());
        }
        let mut workshop = Workshop::new(title, date);
        workshop.facilitator = self.facilitator.trim().to_owned();
        workshop.questionnaires = self.questionnaires.clone();
        workshop.groups = distinct(&self.groups);
        workshop.projects = distinct(&self.projects);
        workshop.channels =
            entry_names(&self.channels, "channel").map_err(|reason| sentence(&reason))?;
        check_anonymity_threshold(self.anonymity_threshold).map_err(|reason| sentence(&reason))?;
        workshop.anonymity_threshold = self.anonymity_threshold;
        workshop.rule = self.rule.clone();
        Ok(workshop)
    }

    /// How long one person's run is at most: every item of each chosen questionnaire, once per
    /// project or channel for those asked per entry (show-if can only shorten it). The form
    /// shows it so that a facilitator sees the cost of each questionnaire and channel they add.
    pub fn questions_per_person(&self, catalog: &Catalog) -> usize {
        let entries = |list: &[String]| list.iter().filter(|name| !name.trim().is_empty()).count();
        self.questionnaires
            .iter()
            .filter_map(|id| catalog.get(id))
            .map(|questionnaire| {
                let times = match questionnaire.asks_per() {
                    AskedPer::Once => 1,
                    AskedPer::Project => entries(&self.projects),
                    AskedPer::Channel => entries(&self.channels),
                };
                questionnaire.items.len() * times
            })
            .sum()
    }
}

/// Checks `draft` against the catalogue and creates the workshop in `dir` (empty or absent).
/// A value to fix is [`SessionError::Refused`]; a folder that cannot be written is
/// [`SessionError::Write`].
pub fn create_workshop(
    dir: &Path,
    draft: &WorkshopDraft,
    catalog: &Catalog,
) -> Result<WorkshopFolder, SessionError> {
    let workshop = draft.workshop().map_err(SessionError::Refused)?;
    let unknown: Vec<&str> = workshop
        .questionnaires
        .iter()
        .filter(|id| catalog.get(id).is_none())
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = catalog
            .entries
            .iter()
            .map(|entry| entry.questionnaire.id.as_str())
            .collect();
        return Err(SessionError::Refused(format!(
            "Unknown questionnaire {}; expected one of {}.",
            unknown.join(", "),
            known.join(", ")
        )));
    }
    let known_rules: Vec<String> = workshop
        .questionnaires
        .iter()
        .filter_map(|id| catalog.get(id))
        .filter_map(|questionnaire| questionnaire.interpretation.classification.as_ref())
        .flat_map(|classification| classification.rules.iter().map(|rule| rule.id.clone()))
        .collect();
    if !known_rules.is_empty() && !known_rules.contains(&workshop.rule) {
        return Err(SessionError::Refused(format!(
            "Unknown rule \"{}\"; expected one of {}.",
            workshop.rule,
            known_rules.join(", ")
        )));
    }
    let file = dir.join(WORKSHOP_FILE);
    if file.exists() {
        return Err(SessionError::Invalid(Problem::new(
            &file,
            "a workshop already exists here; open it instead, or choose another folder",
        )));
    }
    WorkshopFolder::create_with(dir, workshop, &super::catalog_paths(catalog))
        .map_err(SessionError::Write)
}

/// A library message (written to follow a path, in lower case) as a sentence on its own.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// The names trimmed, without blanks or repeats, in their first order.
fn distinct(names: &[String]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for name in names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
    {
        if !seen.iter().any(|existing| existing == name) {
            seen.push(name.to_owned());
        }
    }
    seen
}
