//! The charts' input: plain view-model structs, one per chart, holding exactly what is drawn and
//! nothing of the scoring code's own types, so the two can change independently. Every struct has
//! a `subtitle` (n and the workshop date, written by whoever builds it) and an `is_empty` that
//! decides when the chart shows its "Not enough data yet" panel instead.

use serde::{Deserialize, Serialize};

/// Which corner of the quadrant a segment occupies (x grows right, y grows up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Corner {
    /// High x, high y: HEROes in the HERO index.
    TopRight,
    /// High x, low y: Locked-down.
    BottomRight,
    /// Low x, high y: Rogues.
    TopLeft,
    /// Low x, low y: Disenfranchised.
    BottomLeft,
}

/// A segment's name and size, written in its corner of the quadrant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentLabel {
    pub title: String,
    pub corner: Corner,
    pub count: usize,
    /// 0–1.
    pub share: f64,
}

/// Each respondent on two axes, with the classification's threshold lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuadrantData {
    pub title: String,
    pub subtitle: String,
    pub x_label: String,
    pub y_label: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    /// Where the vertical line is drawn: the boundary between the classes. For whole-number
    /// answers and a rule "x ≥ 8", pass 7.5 so no point sits on the line.
    pub x_threshold: f64,
    pub y_threshold: f64,
    /// Says what the line means, e.g. "Empowered: 8 or more".
    pub x_threshold_label: String,
    pub y_threshold_label: String,
    /// (x, y, index into `segments`) per respondent. Equal points are spread out when drawn.
    pub points: Vec<(f64, f64, usize)>,
    pub segments: Vec<SegmentLabel>,
    /// Small print under the chart (e.g. the rule and how many could not be classified).
    pub footnote: String,
}

impl QuadrantData {
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

/// One segment's share in the team, with its 95% interval and the published benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentBar {
    pub title: String,
    pub corner: Corner,
    pub count: usize,
    /// 0–1, like the interval and the benchmark.
    pub share: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub benchmark: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentSharesData {
    pub title: String,
    pub subtitle: String,
    /// Respondents classified (the denominator of the shares).
    pub classified: usize,
    pub segments: Vec<SegmentBar>,
    /// Legend name of the benchmark bars, e.g. "US information workers, Q4 2009".
    pub benchmark_label: String,
    /// The benchmark's source, printed as a footnote.
    pub footnote: String,
}

impl SegmentSharesData {
    pub fn is_empty(&self) -> bool {
        self.classified == 0 || self.segments.is_empty()
    }
}

/// How a dimension scores against its bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Roadblock,
    Watch,
    Strong,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Roadblock => "Roadblock",
            Level::Watch => "Watch",
            Level::Strong => "Strong",
        }
    }
}

/// How widely the team's answers spread around a mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Spread {
    /// One standard deviation either side of the mean.
    StandardDeviation(f64),
    /// The lowest and highest score in the team.
    Range { min: f64, max: f64 },
}

impl Spread {
    /// The band (low, high) around `mean`, clamped to `scale`.
    pub(crate) fn band(self, mean: f64, scale: (f64, f64)) -> (f64, f64) {
        let (low, high) = match self {
            Spread::StandardDeviation(sd) => (mean - sd, mean + sd),
            Spread::Range { min, max } => (min, max),
        };
        (low.max(scale.0), high.min(scale.1))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoadblockCategory {
    pub title: String,
    /// `None` when nobody answered enough of its items.
    pub mean: Option<f64>,
    pub spread: Option<Spread>,
    pub level: Option<Level>,
}

/// The roadblock profile, used by both the radar and the ranked bars. Categories are drawn in the
/// order given: pass them ranked, worst first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoadblockData {
    pub title: String,
    pub subtitle: String,
    pub categories: Vec<RoadblockCategory>,
    /// The lowest and highest possible score; higher is better.
    pub scale: (f64, f64),
    /// What the score axis measures, e.g. "Mean score (1 = blocked, 5 = clear)".
    pub axis_label: String,
    /// Says what the band around the mean is, e.g. "±1 standard deviation".
    pub spread_label: String,
    pub footnote: String,
}

impl RoadblockData {
    pub fn is_empty(&self) -> bool {
        self.categories.iter().all(|c| c.mean.is_none())
    }
}

/// One item's answers, counted per option (in the order of [`ItemDistributionData::options`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    pub label: String,
    pub counts: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemGroup {
    /// The dimension's title, shown as a heading above its items.
    pub title: String,
    pub items: Vec<ItemRow>,
}

/// Diverging stacked bars for any ordered answer scale.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemDistributionData {
    pub title: String,
    pub subtitle: String,
    /// Answer options from the most negative to the most positive.
    pub options: Vec<String>,
    /// The middle option drawn centred on zero, if the scale has one.
    pub neutral: Option<usize>,
    pub groups: Vec<ItemGroup>,
    pub footnote: String,
}

impl ItemDistributionData {
    /// The chart split into charts of at most `max_items` items each (a group's heading repeats
    /// on each page it spans), for slides that must show every item legibly. Each page's
    /// subtitle says which items it holds; one page is the chart as it is.
    pub fn pages(&self, max_items: usize) -> Vec<ItemDistributionData> {
        let max_items = max_items.max(1);
        let total: usize = self.groups.iter().map(|g| g.items.len()).sum();
        if total <= max_items {
            return vec![self.clone()];
        }
        let mut pages: Vec<Vec<ItemGroup>> = vec![Vec::new()];
        let mut on_page = 0;
        for group in &self.groups {
            for item in &group.items {
                if on_page == max_items {
                    pages.push(Vec::new());
                    on_page = 0;
                }
                let page = pages.last_mut().expect("pages start non-empty");
                match page.last_mut() {
                    Some(last) if last.title == group.title => last.items.push(item.clone()),
                    _ => page.push(ItemGroup {
                        title: group.title.clone(),
                        items: vec![item.clone()],
                    }),
                }
                on_page += 1;
            }
        }
        let count = pages.len();
        let mut first = 1;
        pages
            .into_iter()
            .enumerate()
            .map(|(index, groups)| {
                let items: usize = groups.iter().map(|g| g.items.len()).sum();
                let range = format!(
                    "items {first}–{} of {total} (part {} of {count})",
                    first + items - 1,
                    index + 1
                );
                first += items;
                ItemDistributionData {
                    subtitle: if self.subtitle.is_empty() {
                        range
                    } else {
                        format!("{}; {range}", self.subtitle)
                    },
                    groups,
                    ..self.clone()
                }
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
            || self
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .all(|i| i.counts.iter().all(|&c| c == 0))
    }
}

/// A labelled rectangle of the effort–value map, in data coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneRect {
    pub label: String,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectPoint {
    pub name: String,
    pub x: f64,
    pub y: f64,
    /// The zone's label, if it falls in one (not drawn, kept for the legend of tables).
    pub zone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EffortValueData {
    pub title: String,
    pub subtitle: String,
    pub x_label: String,
    pub y_label: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub zones: Vec<ZoneRect>,
    pub projects: Vec<ProjectPoint>,
    pub footnote: String,
}

impl EffortValueData {
    pub fn is_empty(&self) -> bool {
        self.projects.is_empty()
    }
}

/// One group or wave: its mean per dimension (same order as `dimensions`), with an optional
/// interval (low, high) drawn as a whisker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonSeries {
    /// E.g. "Support (n = 12)" or "March 2025".
    pub name: String,
    pub means: Vec<Option<f64>>,
    pub intervals: Vec<Option<(f64, f64)>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComparisonData {
    pub title: String,
    pub subtitle: String,
    pub y_label: String,
    pub dimensions: Vec<String>,
    /// Only groups large enough to be shown apart: the adapter leaves the others out.
    pub series: Vec<ComparisonSeries>,
    pub scale: (f64, f64),
    /// E.g. which groups were left out under the anonymity threshold.
    pub footnote: String,
}

impl ComparisonData {
    pub fn is_empty(&self) -> bool {
        self.dimensions.is_empty()
            || self
                .series
                .iter()
                .all(|s| s.means.iter().all(Option::is_none))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str) -> ItemRow {
        ItemRow {
            label: label.to_owned(),
            counts: vec![1, 2],
        }
    }

    #[test]
    fn a_long_item_chart_splits_into_pages_that_keep_every_item() {
        let data = ItemDistributionData {
            title: "Answers per item".into(),
            subtitle: "Team".into(),
            options: vec!["No".into(), "Yes".into()],
            neutral: None,
            groups: vec![
                ItemGroup {
                    title: "Silos".into(),
                    items: (1..=5).map(|i| row(&format!("s{i}"))).collect(),
                },
                ItemGroup {
                    title: "Tools".into(),
                    items: (1..=6).map(|i| row(&format!("t{i}"))).collect(),
                },
            ],
            footnote: String::new(),
        };
        assert_eq!(data.pages(11), vec![data.clone()]);
        let pages = data.pages(4);
        assert_eq!(pages.len(), 3);
        let labels: Vec<Vec<(&str, &str)>> = pages
            .iter()
            .map(|page| {
                page.groups
                    .iter()
                    .flat_map(|g| g.items.iter().map(|i| (g.title.as_str(), i.label.as_str())))
                    .collect()
            })
            .collect();
        // The heading repeats on the page a group continues on; no item is lost or doubled.
        assert_eq!(
            labels[1],
            vec![
                ("Silos", "s5"),
                ("Tools", "t1"),
                ("Tools", "t2"),
                ("Tools", "t3")
            ]
        );
        assert_eq!(labels.iter().map(Vec::len).sum::<usize>(), 11);
        assert_eq!(pages[2].subtitle, "Team; items 9–11 of 11 (part 3 of 3)");
    }
}
