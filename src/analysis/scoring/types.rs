//! What scoring produces: the workshop score and its parts (questionnaires, dimensions, items,
//! segments, roadblocks, projects, notes), serialised as the `score --format json` interface.

use super::*;

/// What to score and how.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Classification rule id; `None` uses the workshop's (or the questionnaire's default).
    pub rule: Option<String>,
    /// Score only this group (refused below the anonymity threshold).
    pub group: Option<String>,
}

/// Everything the results show, for one workshop (or one group of it).
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopScore {
    pub title: String,
    pub date: Option<NaiveDate>,
    /// Completed responses counted.
    pub respondents: usize,
    /// Responses started but not finished (not counted).
    pub in_progress: usize,
    pub anonymity_threshold: usize,
    pub group: Option<String>,
    pub questionnaires: Vec<QuestionnaireScore>,
    /// Groups large enough to be reported apart.
    pub groups: Vec<GroupScore>,
    /// Groups that are not reported apart (too small, or too easy to work out from the others).
    pub suppressed_groups: Vec<String>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<String>,
    /// The classification rules the scored questionnaires offer (for a rule switch and for
    /// checking a `--rule`); the one chosen is each [`SegmentScore::rule`].
    #[serde(skip)]
    pub rules: Vec<RuleChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupScore {
    pub group: String,
    pub respondents: usize,
    pub questionnaires: Vec<QuestionnaireScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireScore {
    pub id: String,
    pub title: String,
    pub version: u32,
    /// Respondents (or, for per-project questionnaires, evaluations) with a section for it.
    pub respondents: usize,
    pub dimensions: Vec<DimensionScore>,
    pub items: Vec<ItemScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<SegmentScore>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roadblocks: Vec<RoadblockRank>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<PlacementScore>,
    /// Which workshop list it is asked per (`Once` for once per person).
    #[serde(skip_serializing_if = "AskedPer::is_once")]
    pub asked_per: AskedPer,
    /// Scores per entry (each channel, say) of a questionnaire asked per entry without a
    /// placement; each entry is withheld as a whole when fewer than the threshold of people rated it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<EntryScore>,
    /// The discussion notes: one list per text item, in questionnaire order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteList>,
}

/// The text answers to one prompt (a text item): from completed responses only, only where the
/// prompt was shown, sorted by text so that nothing follows the order of people. Withheld, like
/// any figure, when fewer than the anonymity threshold of people wrote one.
#[derive(Debug, Clone, Serialize)]
pub struct NoteList {
    /// The text item's id.
    pub item: String,
    /// The prompt, as asked.
    pub prompt: String,
    /// Notes written (kept when withheld, so outputs can say how many are held back).
    pub count: usize,
    /// Empty when withheld.
    pub notes: Vec<Note>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

/// One note, trimmed; with its project when the questionnaire evaluates projects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The writer's participant label: never in the JSON, shown only where the facilitator opts in
    /// (the report's `show_labels`).
    #[serde(skip)]
    pub label: Option<String>,
}

impl QuestionnaireScore {
    /// Whether any figure holds something to show (not withheld, someone contributed).
    pub fn shows_anything(&self) -> bool {
        self.dimensions
            .iter()
            .any(|d| d.withheld.is_none() && d.summary.n > 0)
            || self
                .items
                .iter()
                .any(|item| item.withheld.is_none() && item.answered > 0)
            || self
                .segments
                .as_ref()
                .is_some_and(|s| s.withheld.is_none() && s.classified > 0)
            || self
                .entries
                .iter()
                .any(|e| e.withheld.is_none() && e.evaluations > 0)
            || self.placement.as_ref().is_some_and(|placement| {
                placement
                    .projects
                    .iter()
                    .any(|p| p.withheld.is_none() && p.evaluations > 0)
            })
    }

    /// Whether it is asked per project or channel and nobody has evaluated one yet (the workshop
    /// lists none, or none was rated): its charts would be empty frames, so the app and the
    /// report leave them out.
    pub fn nobody_evaluated_an_entry(&self) -> bool {
        !self.asked_per.is_once() && self.respondents == 0
    }
}

/// One entry's figures: its dimension scores over the evaluations of that entry.
#[derive(Debug, Clone, Serialize)]
pub struct EntryScore {
    /// The entry as the evaluations name it (e.g. "Call centre").
    pub entry: String,
    /// Evaluations of this entry counted.
    pub evaluations: usize,
    pub dimensions: Vec<DimensionScore>,
    /// Why the entry's figures are not shown; its dimensions are then withheld too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionScore {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// The lowest and highest possible score.
    pub scale_min: f64,
    pub scale_max: f64,
    pub band: Option<BandScore>,
    #[serde(flatten)]
    pub reliability: Reliability,
    /// Why the figure is not shown (too few answers, or it would reveal others by subtraction);
    /// every other figure of it is then null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// Answers entered from a tally among `n`: a tally has no per-person scores, so the mean is
    /// then the weighted mean of the item means and the per-person figures are null.
    #[serde(skip_serializing_if = "is_zero")]
    pub tallied: usize,
    /// Each respondent's score, in response order (for comparing waves). Empty in a
    /// [`score_workshop`] score: no output of a workshop reads it, and at 100,000 respondents
    /// the whole and every group would hold tens of megabytes of it.
    #[serde(skip)]
    pub values: Vec<f64>,
}

/// How far a dimension's score can be trusted: internal consistency of its items and agreement in
/// the team. Each figure is `None` (JSON `null`) when it cannot be computed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reliability {
    /// Cronbach's alpha over complete cases, after reverse-coding.
    pub alpha: Option<f64>,
    /// Alpha without each item in turn: (item id, alpha).
    pub alpha_if_item_deleted: Vec<(String, Option<f64>)>,
    /// Within-group agreement rwg(J) of the respondents scored together.
    pub rwg_j: Option<f64>,
    /// Lindell's r*wg(J).
    pub rwg_j_lindell: Option<f64>,
    /// ICC(1) and ICC(2) of the dimension score across groups.
    pub icc1: Option<f64>,
    pub icc2: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandScore {
    pub label: String,
    pub level: Level,
    pub recommendation: String,
    pub owner: Owner,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemScore {
    pub id: String,
    pub text: String,
    pub dimension: Option<String>,
    pub kind: String,
    pub reverse: bool,
    /// Of the raw answers (before reverse-coding), so they read like the question.
    #[serde(flatten)]
    pub summary: Summary,
    /// The mean of the answers as they count in the item's dimension: reverse-coded as
    /// (min + max) − answer when `reverse`, else the answer. For one person, what their answer
    /// adds to their dimension score. `None` when nobody answered, or withheld.
    #[serde(skip)]
    pub counted_mean: Option<f64>,
    /// People shown the item who answered it in any way, "prefer not to answer" included.
    pub answered: usize,
    /// "Prefer not to answer"; null when withheld.
    pub declined: Option<usize>,
    /// Empty when withheld.
    pub counts: Vec<OptionCount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// The answer labels of an agreement (Likert) item, as the questionnaire words them, kept
    /// when the counts are withheld so a chart can still draw the scale.
    #[serde(skip)]
    pub likert_labels: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCount {
    pub value: i64,
    pub label: String,
    pub count: usize,
}

/// HERO segments (or any two-axis classification) for a team under one rule.
#[derive(Debug, Clone)]
pub struct SegmentScore {
    pub rule: String,
    pub rule_title: String,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_threshold: f64,
    pub y_threshold: f64,
    /// The lowest and highest possible value on each axis (the sum of its items' ranges); `None`
    /// when an axis item has no numeric range.
    pub x_range: Option<(f64, f64)>,
    pub y_range: Option<(f64, f64)>,
    pub classified: usize,
    /// Respondents who skipped an item the classification needs.
    pub unclassified: usize,
    /// Answers entered from a tally: they have no per-person pairs of axes, so are not classified.
    pub tallied: usize,
    /// Why the shares are not shown; `segments` then hold no counts and `points` is empty.
    pub withheld: Option<String>,
    pub segments: Vec<SegmentShare>,
    pub benchmark_population: Option<String>,
    pub benchmark_source: Option<String>,
    /// Every classified respondent: (x, y, index into `segments`).
    pub points: Vec<(f64, f64, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SegmentShare {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub share: Share,
    /// Published share for this segment under this rule, when the source gives one.
    pub benchmark: Option<f64>,
    /// `share - benchmark`.
    pub difference: Option<f64>,
    pub lever: String,
    pub owner: Owner,
    /// The segment's corner: high on x, high on y.
    #[serde(skip)]
    pub x_high: bool,
    #[serde(skip)]
    pub y_high: bool,
}

impl Serialize for SegmentScore {
    /// `{ rule, classified, unclassified, heroes: {count, share, ci_low, ci_high, …}, … }`: segment
    /// ids as keys, which is the documented JSON interface.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("rule", &self.rule)?;
        map.serialize_entry("rule_title", &self.rule_title)?;
        map.serialize_entry("classified", &self.classified)?;
        map.serialize_entry("unclassified", &self.unclassified)?;
        if self.tallied > 0 {
            map.serialize_entry("tallied", &self.tallied)?;
        }
        map.serialize_entry("benchmark_population", &self.benchmark_population)?;
        map.serialize_entry("benchmark_source", &self.benchmark_source)?;
        if let Some(reason) = &self.withheld {
            map.serialize_entry("withheld", reason)?;
            for segment in &self.segments {
                map.serialize_entry(&segment.id, &serde_json::Value::Null)?;
            }
        } else {
            for segment in &self.segments {
                map.serialize_entry(&segment.id, segment)?;
            }
        }
        map.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadblockRank {
    /// 1 = the worst roadblock; equal means share a rank (1, 2, 2, 4). `None` for a dimension
    /// nobody scored.
    pub rank: Option<usize>,
    pub dimension: String,
    pub title: String,
    pub mean: Option<f64>,
    pub band: Option<BandScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacementScore {
    pub x_label: String,
    pub y_label: String,
    pub zones: Vec<Zone>,
    pub projects: Vec<ProjectScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectScore {
    pub project: String,
    pub evaluations: usize,
    /// 0–100 on the placement's x dimension (effort); `None` if too few items were answered.
    pub x: Option<f64>,
    /// 0–100 on the y dimension (value).
    pub y: Option<f64>,
    pub zone: Option<String>,
    pub zone_label: Option<String>,
    pub advice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
