//! The workshop as it is written in `workshop.ron`: title, date, questionnaires, groups, HERO rule,
//! anonymity threshold, projects, channels, the action plan and the facilitator's discussion notes, with the threshold's rules and the
//! three-way merge of two edits of the same workshop (another laptop's save meeting ours).

use crate::model::bundled::BUNDLED;
use crate::model::questionnaire::FORMAT_VERSION;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    pub format_version: u32,
    pub title: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub facilitator: String,
    /// Questionnaire ids, in the order participants answer them.
    pub questionnaires: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    /// Which classification rule the HERO Index uses (e.g. "2010" or "2011").
    #[serde(default = "default_rule")]
    pub rule: String,
    /// Groups with fewer respondents than this are never reported apart.
    #[serde(default = "default_anonymity_threshold")]
    pub anonymity_threshold: usize,
    /// Proposed HERO projects to run the per-project questionnaires on.
    #[serde(default)]
    pub projects: Vec<String>,
    /// The customer channels (web site, call centre, …) to run the per-channel questionnaires on.
    /// Left out of the file when empty, so older workshops read and write unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// The action plan agreed in the workshop, edited by the facilitator.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Whether reports may name participants; off by default.
    #[serde(default)]
    pub show_labels_in_report: bool,
    /// A one-person self-assessment: the only figures are the person's own, so no anonymity
    /// threshold applies to them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub self_assessment: bool,
    /// The facilitator's notes of the discussion of each prompt: questionnaire id, then item id,
    /// then the note. Written on the discussion screen, shown in the report; never a
    /// participant's answer.
    #[serde(default, skip_serializing_if = "DiscussionNotes::is_empty")]
    pub discussion_notes: DiscussionNotes,
}

/// The key of the facilitator's note on one project or channel (every question of a per-entry
/// questionnaire for it, asked of the room together): item ids are plain words, so the prefix
/// keeps the two apart.
pub fn entry_note_key(entry: &str) -> String {
    format!("entry:{entry}")
}

/// Notes by questionnaire id, then item id or [`entry_note_key`] (sorted, so the file is stable).
pub type DiscussionNotes = BTreeMap<String, BTreeMap<String, String>>;

/// One agreed action: what, who, by when, and how far it has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub action: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Planned,
    Started,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [Self::Planned, Self::Started, Self::Done, Self::Dropped];

    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::Started => "Started",
            Self::Done => "Done",
            Self::Dropped => "Dropped",
        }
    }
}

fn default_rule() -> String {
    "2010".to_owned()
}

fn default_anonymity_threshold() -> usize {
    5
}

/// The smallest anonymity threshold a team workshop may use: below 3, anyone in a pair can
/// subtract their own answer from a figure and read the other person's.
pub const MIN_ANONYMITY_THRESHOLD: usize = 3;

/// Below this a threshold is allowed but warned about: in groups of 3 or 4, a few people who
/// compare their own answers can still work out a colleague's.
pub const RECOMMENDED_ANONYMITY_THRESHOLD: usize = 5;

/// The one check of a team workshop's anonymity threshold, used by the new-workshop form, the
/// settings editor and `hero-readiness set`: `Err(reason)` below [`MIN_ANONYMITY_THRESHOLD`],
/// `Ok(Some(warning))` below [`RECOMMENDED_ANONYMITY_THRESHOLD`], `Ok(None)` from there.
pub fn check_anonymity_threshold(threshold: usize) -> Result<Option<String>, String> {
    if threshold < MIN_ANONYMITY_THRESHOLD {
        Err(format!(
            "an anonymity threshold of {threshold} is too low: with 2, either person can subtract \
             their own answer and read the other's (and with 1, a group's figures are one \
             person's answers); use at least {MIN_ANONYMITY_THRESHOLD}, and \
             {RECOMMENDED_ANONYMITY_THRESHOLD} or more where you can"
        ))
    } else if threshold < RECOMMENDED_ANONYMITY_THRESHOLD {
        Ok(Some(format!(
            "an anonymity threshold of {threshold} is allowed, but in groups that small a few \
             people who compare their own answers can work out a colleague's; \
             {RECOMMENDED_ANONYMITY_THRESHOLD} or more is safer"
        )))
    } else {
        Ok(None)
    }
}

impl Workshop {
    pub fn new(title: impl Into<String>, date: NaiveDate) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.into(),
            date,
            facilitator: String::new(),
            questionnaires: BUNDLED
                .iter()
                .map(|(name, _)| name.trim_end_matches(".ron").to_owned())
                .collect(),
            groups: Vec::new(),
            rule: default_rule(),
            anonymity_threshold: default_anonymity_threshold(),
            projects: Vec::new(),
            channels: Vec::new(),
            actions: Vec::new(),
            show_labels_in_report: false,
            self_assessment: false,
            discussion_notes: DiscussionNotes::new(),
        }
    }

    /// The number of contributors a figure needs before it is shown: the workshop's threshold,
    /// never below [`MIN_ANONYMITY_THRESHOLD`] (an older file may hold less), and 1 for a
    /// self-assessment, whose only figures are the person's own.
    pub fn disclosure_threshold(&self) -> usize {
        if self.self_assessment {
            1
        } else {
            self.anonymity_threshold.max(MIN_ANONYMITY_THRESHOLD)
        }
    }

    /// What is wrong with the threshold a file holds, as a warning: an older file may hold 1 or
    /// 2, which is still read (and used as [`MIN_ANONYMITY_THRESHOLD`]) but must be raised.
    pub fn threshold_warning(&self, file: &Path) -> Option<String> {
        if self.self_assessment {
            return None;
        }
        check_anonymity_threshold(self.anonymity_threshold)
            .err()
            .map(|reason| {
                format!(
                    "{}: {reason}. Figures use {MIN_ANONYMITY_THRESHOLD} until it is raised \
                     (`hero-readiness set DIR --anonymity-threshold {recommended}`, or Workshop \
                     settings on the Results screen)",
                    file.display(),
                    recommended = RECOMMENDED_ANONYMITY_THRESHOLD
                )
            })
    }
}

/// Workshop settings to change after creation; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsChange {
    pub title: Option<String>,
    pub rule: Option<String>,
    pub anonymity_threshold: Option<usize>,
    /// The whole channel list, replacing the old one (checked by [`entry_names`]).
    pub channels: Option<Vec<String>>,
}

/// The most entries one workshop list (channels) may hold: every entry multiplies the questions
/// each participant answers.
pub const MAX_ENTRIES: usize = 30;
/// The longest entry name, in characters; it is shown in headings, tables and CSV cells.
pub const ENTRY_NAME_CHARS: usize = 100;

/// A workshop list (channels, say) as a person typed it: names trimmed, blanks dropped, repeats
/// dropped ignoring case (scores tell entries apart ignoring case), in their first order. Refused,
/// with a sentence fragment naming the entry, when a name holds control characters or is too
/// long, or when there are too many. `noun` is what one entry is called ("channel").
pub fn entry_names(names: &[String], noun: &str) -> Result<Vec<String>, String> {
    let mut kept: Vec<String> = Vec::new();
    for name in names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
    {
        if name.chars().any(char::is_control) {
            return Err(format!(
                "{noun} {name:?} holds a control character (a line break or tab, say); type the \
                 name on one line"
            ));
        }
        if name.chars().count() > ENTRY_NAME_CHARS {
            return Err(format!(
                "{noun} \"{}…\" is longer than {ENTRY_NAME_CHARS} characters; shorten it",
                name.chars().take(20).collect::<String>()
            ));
        }
        if !kept.iter().any(|k| k.to_lowercase() == name.to_lowercase()) {
            kept.push(name.to_owned());
        }
    }
    if kept.len() > MAX_ENTRIES {
        return Err(format!(
            "{} {noun}s listed; at most {MAX_ENTRIES} can be asked about",
            kept.len()
        ));
    }
    Ok(kept)
}

/// Three-way merge of two edits of one workshop made from the same `base`. Settings (title, date,
/// rule, threshold, …) changed on one side only take that side's value; lists of names
/// (questionnaires, groups, projects) merge as sets, keeping `theirs`' order and adding ours at the
/// end; actions are identified by their text, and each of their fields merges like a setting, so
/// an action added here and another added there both survive. When both sides changed the same
/// thing differently, or one changed what the other removed, the conflicts are listed instead.
pub fn merge_workshops(
    base: &Workshop,
    ours: &Workshop,
    theirs: &Workshop,
) -> Result<Workshop, Vec<String>> {
    let mut conflicts = Vec::new();
    let mut c = |what: String| conflicts.push(what);
    let merged = Workshop {
        format_version: merge_value(
            "the format version",
            &base.format_version,
            &ours.format_version,
            &theirs.format_version,
            &mut c,
        ),
        title: merge_value("the title", &base.title, &ours.title, &theirs.title, &mut c),
        date: merge_value("the date", &base.date, &ours.date, &theirs.date, &mut c),
        facilitator: merge_value(
            "the facilitator",
            &base.facilitator,
            &ours.facilitator,
            &theirs.facilitator,
            &mut c,
        ),
        questionnaires: merge_names(
            &base.questionnaires,
            &ours.questionnaires,
            &theirs.questionnaires,
        ),
        groups: merge_names(&base.groups, &ours.groups, &theirs.groups),
        rule: merge_value(
            "the HERO rule",
            &base.rule,
            &ours.rule,
            &theirs.rule,
            &mut c,
        ),
        anonymity_threshold: merge_value(
            "the anonymity threshold",
            &base.anonymity_threshold,
            &ours.anonymity_threshold,
            &theirs.anonymity_threshold,
            &mut c,
        ),
        projects: merge_names(&base.projects, &ours.projects, &theirs.projects),
        channels: merge_names(&base.channels, &ours.channels, &theirs.channels),
        actions: merge_actions(&base.actions, &ours.actions, &theirs.actions, &mut c),
        show_labels_in_report: merge_value(
            "whether the report names participants",
            &base.show_labels_in_report,
            &ours.show_labels_in_report,
            &theirs.show_labels_in_report,
            &mut c,
        ),
        self_assessment: merge_value(
            "the self-assessment flag",
            &base.self_assessment,
            &ours.self_assessment,
            &theirs.self_assessment,
            &mut c,
        ),
        discussion_notes: merge_notes(
            &base.discussion_notes,
            &ours.discussion_notes,
            &theirs.discussion_notes,
            &mut c,
        ),
    };
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
}

/// Three-way merge of two edits of an action plan (see [`merge_workshops`]).
pub fn merge_action_lists(
    base: &[Action],
    ours: &[Action],
    theirs: &[Action],
) -> Result<Vec<Action>, Vec<String>> {
    let mut conflicts = Vec::new();
    let merged = merge_actions(base, ours, theirs, &mut |what| conflicts.push(what));
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(conflicts)
    }
}

/// One setting: whichever side changed it wins; both changing it differently is a conflict (ours
/// is kept in the result, which is then discarded).
fn merge_value<T: PartialEq + Clone + std::fmt::Debug>(
    what: &str,
    base: &T,
    ours: &T,
    theirs: &T,
    conflict: &mut impl FnMut(String),
) -> T {
    if ours == theirs || theirs == base {
        ours.clone()
    } else if ours == base {
        theirs.clone()
    } else {
        conflict(format!("{what} ({ours:?} here, {theirs:?} there)"));
        ours.clone()
    }
}

/// Discussion notes merge one note at a time, like a setting: notes to different prompts both
/// survive; the same note changed differently on both sides is a conflict.
fn merge_notes(
    base: &DiscussionNotes,
    ours: &DiscussionNotes,
    theirs: &DiscussionNotes,
    conflict: &mut impl FnMut(String),
) -> DiscussionNotes {
    let note = |notes: &DiscussionNotes, questionnaire: &str, item: &str| {
        notes
            .get(questionnaire)
            .and_then(|items| items.get(item))
            .cloned()
    };
    let mut keys: Vec<(String, String)> = [base, ours, theirs]
        .iter()
        .flat_map(|notes| {
            notes.iter().flat_map(|(questionnaire, items)| {
                items
                    .keys()
                    .map(|item| (questionnaire.clone(), item.clone()))
            })
        })
        .collect();
    keys.sort();
    keys.dedup();
    let mut merged = DiscussionNotes::new();
    for (questionnaire, item) in keys {
        let text = merge_value(
            &format!("the discussion note on {questionnaire}.{item}"),
            &note(base, &questionnaire, &item),
            &note(ours, &questionnaire, &item),
            &note(theirs, &questionnaire, &item),
            conflict,
        );
        if let Some(text) = text {
            merged.entry(questionnaire).or_default().insert(item, text);
        }
    }
    merged
}

/// A list of names as a set: `theirs`, less what we removed, plus what we added.
fn merge_names(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base || ours == theirs {
        return ours.to_vec();
    }
    let mut merged: Vec<String> = theirs
        .iter()
        .filter(|name| ours.contains(name) || !base.contains(name))
        .cloned()
        .collect();
    for name in ours {
        if !base.contains(name) && !merged.contains(name) {
            merged.push(name.clone());
        }
    }
    merged
}

/// An action's identity across edits: its text, and which occurrence of that text it is.
fn action_keys(actions: &[Action]) -> Vec<(&str, usize)> {
    let mut keys: Vec<(&str, usize)> = Vec::with_capacity(actions.len());
    for action in actions {
        let seen = keys
            .iter()
            .filter(|(text, _)| *text == action.action)
            .count();
        keys.push((action.action.as_str(), seen));
    }
    keys
}

fn merge_actions(
    base: &[Action],
    ours: &[Action],
    theirs: &[Action],
    conflict: &mut impl FnMut(String),
) -> Vec<Action> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base || ours == theirs {
        return ours.to_vec();
    }
    let (base_keys, our_keys, their_keys) =
        (action_keys(base), action_keys(ours), action_keys(theirs));
    let find = |keys: &[(&str, usize)], key: &(&str, usize)| keys.iter().position(|k| k == key);
    let mut merged = Vec::new();
    for (their_index, key) in their_keys.iter().enumerate() {
        let their_action = &theirs[their_index];
        let name = format!("the action “{}”", key.0);
        match (find(&base_keys, key), find(&our_keys, key)) {
            // Removed here: gone, unless they changed it meanwhile.
            (Some(b), None) => {
                if their_action != &base[b] {
                    conflict(format!("{name} (removed here, changed there)"));
                }
            }
            (Some(b), Some(o)) => merged.push(merge_action(
                &name,
                &base[b],
                &ours[o],
                their_action,
                conflict,
            )),
            // Added there; if added here too, the same text must say the same thing.
            (None, Some(o)) => {
                if ours[o] != *their_action {
                    conflict(format!("{name} (added both here and there, differently)"));
                }
                merged.push(their_action.clone());
            }
            (None, None) => merged.push(their_action.clone()),
        }
    }
    for (our_index, key) in our_keys.iter().enumerate() {
        if find(&their_keys, key).is_some() {
            continue;
        }
        match find(&base_keys, key) {
            // Added here.
            None => merged.push(ours[our_index].clone()),
            // Removed there: gone, unless we changed it.
            Some(b) => {
                if ours[our_index] != base[b] {
                    conflict(format!(
                        "the action “{}” (changed here, removed there)",
                        key.0
                    ));
                }
            }
        }
    }
    merged
}

fn merge_action(
    name: &str,
    base: &Action,
    ours: &Action,
    theirs: &Action,
    conflict: &mut impl FnMut(String),
) -> Action {
    Action {
        action: ours.action.clone(),
        owner: merge_value(
            &format!("the owner of {name}"),
            &base.owner,
            &ours.owner,
            &theirs.owner,
            conflict,
        ),
        due: merge_value(
            &format!("the due date of {name}"),
            &base.due,
            &ours.due,
            &theirs.due,
            conflict,
        ),
        status: merge_value(
            &format!("the status of {name}"),
            &base.status,
            &ours.status,
            &theirs.status,
            conflict,
        ),
    }
}
