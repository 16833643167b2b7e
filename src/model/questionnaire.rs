//! The questionnaire model: what a `.ron` questionnaire file declares (dimensions, items, answer kinds,
//! show-if conditions) and how its results are interpreted (score bands, the two-axis classification
//! behind the HERO Index, the effort–value placement). Everything a user may adapt is data here; no
//! scoring code is special-cased by questionnaire id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::exact::snap;

/// The file-format version this build reads and writes. A file with a larger number was written by a
/// newer app and is refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// The most a questionnaire may declare, enforced by `validate` and whenever a questionnaire is
/// loaded. Generous for real questionnaires (the bundled ones use Likert 5, scales 0–10 and 1–10,
/// counts up to 30, about 40 items), and small enough that everything built per answer option
/// (counts, chart bars, codebook rows) stays small: a scale or count lists every whole number in
/// its range.
pub mod limits {
    /// A Likert scale runs from 2 points to 11 (a 0–10 style scale).
    pub const LIKERT_POINTS: std::ops::RangeInclusive<u32> = 2..=11;
    /// A scale's ends lie within ±1000 …
    pub const SCALE_END_ABS: u64 = 1000;
    /// … and at most 100 apart (0–100 is the widest scale in common use).
    pub const SCALE_SPAN: i64 = 100;
    /// The largest `Count(max)`; nobody counts more than a thousand of anything by hand.
    pub const COUNT_MAX: u32 = 1000;
    /// Options of a single- or multiple-choice item.
    pub const OPTIONS: usize = 50;
    /// Items of one questionnaire; a long survey has about a hundred.
    pub const ITEMS: usize = 500;
    /// Dimensions of one questionnaire.
    pub const DIMENSIONS: usize = 100;
    /// Bands of one dimension, rules of a classification, zones of a placement.
    pub const BANDS: usize = 20;
    pub const RULES: usize = 20;
    pub const ZONES: usize = 50;
    /// An item's weight is above 0 and at most this.
    pub const WEIGHT: f64 = 100.0;
    /// Choice scores and show-if thresholds lie within ±this.
    pub const NUMBER_ABS: f64 = 1000.0;
    /// Ids: `[a-z0-9_-]`, at most this many characters (they become CSV columns and file names).
    pub const ID_CHARS: usize = 64;
    /// Titles and labels (answer labels, option labels, band labels).
    pub const LABEL_CHARS: usize = 200;
    /// Item text, help, descriptions, instructions, recommendations and advice.
    pub const TEXT_CHARS: usize = 1000;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// File-format version (see [`FORMAT_VERSION`]).
    pub format_version: u32,
    /// Stable identifier, e.g. `roadblocks`; used in file names, CSV columns and JSON.
    pub id: String,
    /// The questionnaire's own revision; bump it when the wording or items change.
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Shown to the participant before the first question.
    #[serde(default)]
    pub instructions: String,
    /// `true` for questionnaires answered once per proposed project (effort–value): the older
    /// spelling of `asked_per: Project`, still read.
    #[serde(default)]
    pub per_project: bool,
    /// Asked once per entry of one of the workshop's lists (projects, channels) instead of once
    /// per person. Left out of the file when `Once`, so adding it changed no questionnaire's hash.
    #[serde(default, skip_serializing_if = "AskedPer::is_once")]
    pub asked_per: AskedPer,
    /// The room discusses the rated items together, one prompt at a time: the facilitator's
    /// discussion screen takes notes on them and can put them on the phones, and a one-person
    /// self-assessment leaves the questionnaire out (there is no room). Never serialised, so it
    /// is not part of the content hash: it changes how the questionnaire is used in a workshop,
    /// not what its answers mean.
    #[serde(default, skip_serializing)]
    pub discussed_in_room: bool,
    #[serde(default)]
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    #[serde(default)]
    pub interpretation: Interpretation,
}

/// How often a questionnaire is asked of one person: once, or once per entry of a workshop list.
/// Every per-entry questionnaire takes the same path (one section per entry, scores per entry
/// under the disclosure rule, one CSV of entries); only the list it reads differs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AskedPer {
    #[default]
    Once,
    /// Once per proposed project in `Workshop::projects`.
    Project,
    /// Once per customer channel in `Workshop::channels`.
    Channel,
}

impl AskedPer {
    pub fn is_once(&self) -> bool {
        *self == AskedPer::Once
    }

    /// What one entry is called, for prompts and headings ("project", "channel"); empty for `Once`.
    pub fn noun(self) -> &'static str {
        match self {
            AskedPer::Once => "",
            AskedPer::Project => "project",
            AskedPer::Channel => "channel",
        }
    }

    /// The workshop's entries this questionnaire is asked for; empty for `Once`.
    pub fn entries(self, workshop: &crate::model::workshop::Workshop) -> &[String] {
        match self {
            AskedPer::Once => &[],
            AskedPer::Project => &workshop.projects,
            AskedPer::Channel => &workshop.channels,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub help: Option<String>,
    pub kind: ItemKind,
    /// The dimension whose score this item feeds; items without one are reported on their own.
    #[serde(default)]
    pub dimension: Option<String>,
    /// Reverse-coded: the value counts as `(min + max) - x` in scores.
    #[serde(default)]
    pub reverse: bool,
    #[serde(default = "default_weight")]
    pub weight: f64,
    #[serde(default)]
    pub required: bool,
    /// Ask this item only when an earlier answer meets the condition.
    #[serde(default)]
    pub show_if: Option<ShowIf>,
}

fn default_weight() -> f64 {
    1.0
}

/// How an item is answered. Numeric kinds store a whole number; see [`crate::model::response::Answer`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ItemKind {
    /// Agreement scale with `points` options valued 1..=points, one label per point.
    Likert { points: u32, labels: Vec<String> },
    /// Numeric scale from `min` to `max` with labels for the two ends (e.g. 1–10 agreement).
    Scale {
        min: i64,
        max: i64,
        min_label: String,
        max_label: String,
    },
    /// Yes = 1, No = 0.
    YesNo,
    /// One option; its value is its `score`, or its position (1-based) when no score is given.
    SingleChoice { options: Vec<ChoiceOption> },
    /// Any number of options; not scored, reported as counts per option.
    MultipleChoice { options: Vec<ChoiceOption> },
    /// A whole number from 0 to `max`.
    Count { max: u32 },
    /// Free text; never scored.
    Text { multiline: bool },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    /// An item that comes earlier in the same questionnaire.
    pub item: String,
    pub when: Condition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// The earlier item's value is at least this.
    AtLeast(f64),
    /// The earlier item's value is at most this.
    AtMost(f64),
    /// The earlier yes/no item was answered yes.
    IsYes,
    /// The earlier yes/no item was answered no.
    IsNo,
    /// The earlier choice item has this option chosen.
    Chosen(String),
}

/// How scores are read: bands per dimension, and the optional classification and placement rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpretation {
    #[serde(default)]
    pub bands: Vec<DimensionBands>,
    #[serde(default)]
    pub classification: Option<Classification>,
    #[serde(default)]
    pub placement: Option<Placement>,
    /// Rank the banded dimensions from worst to best as roadblocks.
    #[serde(default)]
    pub rank_as_roadblocks: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionBands {
    pub dimension: String,
    /// Ordered by `from`, lowest first; a band covers scores from its `from` up to the next band's.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest dimension score (inclusive) in this band.
    pub from: f64,
    pub label: String,
    pub level: Level,
    pub recommendation: String,
    pub owner: Owner,
}

/// How a band reads: drives colours and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    Roadblock,
    Watch,
    Strong,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Roadblock => "roadblock",
            Level::Watch => "watch",
            Level::Strong => "strong",
        }
    }
}

/// Whom a recommendation targets (the three parties of the HERO Compact, plus leadership).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Owner {
    Heroes,
    Managers,
    #[serde(rename = "IT")]
    It,
    Leadership,
}

impl Owner {
    pub fn label(self) -> &'static str {
        match self {
            Owner::Heroes => "HEROes",
            Owner::Managers => "Managers",
            Owner::It => "IT",
            Owner::Leadership => "Leadership",
        }
    }
}

/// A two-axis classification: each respondent is high or low on `x` and on `y`, which puts them in one
/// of four segments. Thresholds come from a named rule so results can say which rule produced them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    pub title: String,
    pub x: Axis,
    pub y: Axis,
    pub rules: Vec<Rule>,
    pub default_rule: String,
    /// Exactly four: one for each combination of `x_high` and `y_high`.
    pub segments: Vec<Segment>,
}

/// A classification rule as offered to people: its id (what `--rule` and the workshop file take)
/// and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChoice {
    pub id: String,
    pub title: String,
}

/// The rules the given questionnaires' classifications define, in their order, each id once (the
/// first title wins). The one place the list of rules is worked out: the score carries it to the
/// outputs, and the workshop settings check against it.
pub fn rule_choices<'a>(
    questionnaires: impl IntoIterator<Item = &'a Questionnaire>,
) -> Vec<RuleChoice> {
    let mut choices: Vec<RuleChoice> = Vec::new();
    let rules = questionnaires
        .into_iter()
        .filter_map(|q| q.interpretation.classification.as_ref())
        .flat_map(|c| &c.rules);
    for rule in rules {
        if !choices.iter().any(|choice| choice.id == rule.id) {
            choices.push(RuleChoice {
                id: rule.id.clone(),
                title: rule.title.clone(),
            });
        }
    }
    choices
}

/// How a classification rule is named to people, in one place: "Classification: 2010 rule
/// (empowered at 8 or more, …)". Rule titles read "2010 rule: empowered …", so a "Rule:" put in
/// front of one said "rule" twice; a title without a "name: detail" split is shown as written.
pub fn classification_label(rule_title: &str) -> String {
    let title = rule_title.trim();
    match title.split_once(": ") {
        Some((name, detail)) if !name.is_empty() && !detail.trim().is_empty() => {
            format!("Classification: {name} ({})", detail.trim())
        }
        _ => format!("Classification: {title}"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    pub label: String,
    /// The axis value is the sum of these items' answers (unweighted, not reverse-coded).
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title: String,
    /// High on x when the x value is at least this.
    pub x_at_least: f64,
    /// High on y when the y value is at least this.
    pub y_at_least: f64,
    #[serde(default)]
    pub benchmark: Option<Benchmark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// Who was surveyed and when, e.g. "US information workers, Q4 2009".
    pub population: String,
    pub source: String,
    /// Segment id → published share (0–1). Segments the source did not publish are left out.
    pub shares: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: String,
    pub title: String,
    pub x_high: bool,
    pub y_high: bool,
    #[serde(default)]
    pub description: String,
    /// What helps people in this segment (encourage, guide, equip…).
    #[serde(default)]
    pub lever: String,
    /// The segment told to one person who took the self-assessment: what it means for them and
    /// what they can do themselves ("you"). Empty: a self-assessment shows the description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub for_you: String,
    pub owner: Owner,
}

/// Places a per-project evaluation on a 0–100 map of two dimensions (effort × value) and names the
/// zone it falls in. Zones are rectangles, half-open like bands (see [`Zone::contains`]); the first
/// that contains the point wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    pub x_dimension: String,
    pub y_dimension: String,
    pub zones: Vec<Zone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub advice: String,
    /// `(from, to)` on each axis of the 0–100 map: from inclusive, to exclusive, except that a
    /// range ending at the map's edge (100) includes it.
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Zone {
    /// The top and right edge of the map, which the zones ending there include.
    pub const MAP_MAX: f64 = 100.0;

    /// Whether the point lies in this zone. Ranges are half-open, [from, to), so a point exactly on
    /// an edge between two zones lands in the zone that starts there, as a score on a band's
    /// `from` lands in that band. Coordinates are [`snap`]ped first, so 39.99999999999999 (13/5
    /// as 2.5999999999999996, rescaled) counts as 40.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let within = |(from, to): (f64, f64), value: f64| {
            let value = snap(value);
            from <= value && (value < to || (to >= Self::MAP_MAX && value <= to))
        };
        within(self.x, x) && within(self.y, y)
    }
}

impl Questionnaire {
    /// How often one person answers it: `per_project: true` reads as `asked_per: Project`.
    pub fn asks_per(&self) -> AskedPer {
        if self.per_project && self.asked_per.is_once() {
            AskedPer::Project
        } else {
            self.asked_per
        }
    }

    /// Whether it is answered once per entry of a workshop list rather than once per person.
    pub fn is_per_entry(&self) -> bool {
        !self.asks_per().is_once()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|item| item.id == id)
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|dimension| dimension.id == id)
    }

    /// Lowest and highest possible score of a dimension, from its scored items.
    pub fn dimension_range(&self, dimension: &str) -> (f64, f64) {
        self.items_of(dimension)
            .filter_map(|item| item.kind.value_range())
            .fold(None, |acc: Option<(f64, f64)>, (min, max)| {
                Some(acc.map_or((min, max), |(a, b)| (a.min(min), b.max(max))))
            })
            .unwrap_or((0.0, 1.0))
    }

    pub fn items_of<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |item| item.dimension.as_deref() == Some(dimension))
    }

    pub fn bands_for(&self, dimension: &str) -> Option<&[Band]> {
        self.interpretation
            .bands
            .iter()
            .find(|bands| bands.dimension == dimension)
            .map(|bands| bands.bands.as_slice())
    }

    /// A short fingerprint of the questionnaire's content, recorded in each response so that a later
    /// change to the questionnaire is noticed when scoring.
    pub fn content_hash(&self) -> String {
        let canonical = ron::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        digest[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// The band a score falls in: the last band whose `from` is not above the score, so a score exactly
/// on a `from` lands in the band that starts there. The score is [`snap`]ped first: a mean of 13/5
/// computed as 2.5999999999999996 is 2.6 and lands in a band starting at 2.6. Scores below the
/// first band belong to it.
pub fn band_for(bands: &[Band], score: f64) -> Option<&Band> {
    let score = snap(score);
    bands
        .iter()
        .rev()
        .find(|band| score >= band.from)
        .or_else(|| bands.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(from: f64, label: &str) -> Band {
        Band {
            from,
            label: label.to_owned(),
            level: Level::Watch,
            recommendation: String::new(),
            owner: Owner::Managers,
        }
    }

    #[test]
    fn a_rule_is_named_once() {
        assert_eq!(
            classification_label("2010 rule: empowered at 8 or more, resourceful with 2 or more"),
            "Classification: 2010 rule (empowered at 8 or more, resourceful with 2 or more)"
        );
        assert_eq!(classification_label("Strict"), "Classification: Strict");
        assert_eq!(classification_label("Odd: "), "Classification: Odd:");
    }

    #[test]
    fn a_score_on_a_band_edge_lands_in_the_band_that_starts_there() {
        // The bundled roadblocks bands: Roadblock from 1.0, Watch from 2.6, Strong from 3.6.
        let bands = [
            band(1.0, "Roadblock"),
            band(2.6, "Watch"),
            band(3.6, "Strong"),
        ];
        let label = |score: f64| band_for(&bands, score).unwrap().label.as_str();
        assert_eq!(label(2.6), "Watch");
        // 13/5 as a running sum of 1, 1, 11/3, 11/3, 11/3 over 5: one bit below 2.6.
        assert_eq!(2.599_999_999_999_999_6_f64.to_bits() + 1, 2.6_f64.to_bits());
        assert_eq!(label(2.599_999_999_999_999_6), "Watch");
        assert_eq!(label(2.599_999), "Roadblock");
        assert_eq!(label(3.6), "Strong");
        assert_eq!(label(3.599_999_999_999_999_6), "Strong");
        assert_eq!(label(1.0), "Roadblock");
        // Below the first band (cannot happen on the scale, but never "no band").
        assert_eq!(label(0.5), "Roadblock");
        assert!(band_for(&[], 3.0).is_none());
    }

    fn zone(x: (f64, f64), y: (f64, f64)) -> Zone {
        Zone {
            id: String::new(),
            label: String::new(),
            advice: String::new(),
            x,
            y,
        }
    }

    #[test]
    fn zones_are_half_open_except_at_the_maps_far_edge() {
        let low_left = zone((0.0, 40.0), (0.0, 50.0));
        let high_right = zone((40.0, 100.0), (50.0, 100.0));
        assert!(low_left.contains(0.0, 0.0));
        assert!(low_left.contains(39.999, 49.999));
        assert!(!low_left.contains(40.0, 10.0));
        assert!(!low_left.contains(10.0, 50.0));
        assert!(high_right.contains(40.0, 50.0));
        // 13/5 computed as 2.5999999999999996 on a 1–5 scale, rescaled: 39.99999999999999, on
        // the edge all the same.
        let noisy = (2.599_999_999_999_999_6 - 1.0) / 4.0 * 100.0;
        assert!(noisy < 40.0);
        assert!(high_right.contains(noisy, 50.0));
        assert!(!low_left.contains(noisy, 10.0));
        assert!(high_right.contains(100.0, 100.0));
        assert!(!high_right.contains(100.1, 100.0));
    }
}
