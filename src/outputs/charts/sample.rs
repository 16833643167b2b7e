//! Hand-made sample data for every chart: a 24-person customer-service team's first workshop.
//! Used by the tests, the benchmark and the chart review, and handy as a preview before a
//! workshop has answers. The numbers are invented but consistent with each other.

use super::ChartData;
use super::ChartKind;
use super::data::*;

const SUBTITLE: &str = "Customer service, Lyon · n = 24 · workshop of 12 March 2025";

/// Sample data for `kind`.
pub fn sample(kind: ChartKind) -> ChartData {
    match kind {
        ChartKind::Quadrant => ChartData::Quadrant(quadrant()),
        ChartKind::Segments => ChartData::Segments(segments()),
        ChartKind::Roadblocks => ChartData::Roadblocks(roadblocks()),
        ChartKind::RoadblockBars => ChartData::RoadblockBars(roadblocks()),
        ChartKind::Items => ChartData::Items(items()),
        ChartKind::EffortValue => ChartData::EffortValue(effort_value()),
        ChartKind::Compare => ChartData::Compare(compare()),
    }
}

fn segment_titles() -> [(&'static str, Corner); 4] {
    [
        ("HEROes", Corner::TopRight),
        ("Locked-down", Corner::BottomRight),
        ("Rogues", Corner::TopLeft),
        ("Disenfranchised", Corner::BottomLeft),
    ]
}

fn segment_of(x: f64, y: f64) -> usize {
    match (x >= 8.0, y >= 2.0) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    }
}

/// 24 answers on a 1–10 agreement scale × unsanctioned tools used, with the usual ties.
pub(crate) fn quadrant_points() -> Vec<(f64, f64, usize)> {
    const ANSWERS: [(u8, u8); 24] = [
        (9, 3),
        (8, 2),
        (10, 4),
        (8, 2),
        (9, 2),
        (8, 0),
        (9, 1),
        (8, 1),
        (10, 0),
        (8, 1),
        (9, 0),
        (8, 0),
        (6, 3),
        (5, 2),
        (7, 2),
        (4, 5),
        (7, 1),
        (6, 0),
        (5, 1),
        (3, 0),
        (7, 0),
        (6, 1),
        (5, 0),
        (6, 0),
    ];
    ANSWERS
        .iter()
        .map(|&(x, y)| {
            let (x, y) = (f64::from(x), f64::from(y));
            (x, y, segment_of(x, y))
        })
        .collect()
}

fn quadrant() -> QuadrantData {
    let points = quadrant_points();
    quadrant_from_points(points)
}

/// Quadrant data for any set of points under the 2010 rule (used for edge cases too).
pub(crate) fn quadrant_from_points(points: Vec<(f64, f64, usize)>) -> QuadrantData {
    let total = points.len();
    let segments = segment_titles()
        .iter()
        .enumerate()
        .map(|(i, &(title, corner))| {
            let count = points.iter().filter(|p| p.2 == i).count();
            SegmentLabel {
                title: title.to_string(),
                corner,
                count,
                share: if total == 0 {
                    0.0
                } else {
                    count as f64 / total as f64
                },
            }
        })
        .collect();
    QuadrantData {
        title: "HERO quadrant".into(),
        subtitle: SUBTITLE.into(),
        x_label: "Empowered: “I can solve my own problems at work” (1–10)".into(),
        y_label: "Resourceful: unsanctioned tools used regularly".into(),
        x_range: (1.0, 10.0),
        y_range: (0.0, 5.0),
        x_threshold: 7.5,
        y_threshold: 1.5,
        x_threshold_label: "Empowered: 8 or more".into(),
        y_threshold_label: "Resourceful: 2 or more tools".into(),
        points,
        segments,
        footnote: "Rule: HERO index 2010 (empowered ≥ 8 of 10, resourceful ≥ 2 tools IT has not \
                   sanctioned). Equal answers are drawn side by side."
            .into(),
    }
}

fn segments() -> SegmentSharesData {
    // Wilson 95% intervals for n = 24.
    let rows = [
        (5, 0.092, 0.404, 0.20),
        (7, 0.149, 0.492, 0.34),
        (4, 0.067, 0.359, 0.13),
        (8, 0.180, 0.529, 0.34),
    ];
    SegmentSharesData {
        title: "Segments compared with the published benchmark".into(),
        subtitle: SUBTITLE.into(),
        classified: 24,
        segments: segment_titles()
            .iter()
            .zip(rows)
            .map(|(&(title, corner), (count, low, high, bench))| SegmentBar {
                title: title.into(),
                corner,
                count,
                share: count as f64 / 24.0,
                ci_low: low,
                ci_high: high,
                benchmark: Some(bench),
            })
            .collect(),
        benchmark_label: "US information workers, Q4 2009".into(),
        footnote: "Benchmark: J. Bernoff, “How many HEROes are in your company?”, Groundswell \
                   blog, 3 Nov 2010 (Forrester survey, Q4 2009; rounded, sums to 101%). Whiskers: \
                   95% Wilson interval."
            .into(),
    }
}

fn roadblocks() -> RoadblockData {
    let rows: [(&str, f64, f64, Level); 8] = [
        ("Silos stop information flowing", 2.1, 0.8, Level::Roadblock),
        (
            "Frontline not asked about its tools",
            2.4,
            1.1,
            Level::Roadblock,
        ),
        ("Rigid back-office systems", 2.9, 0.9, Level::Watch),
        (
            "Leaders assume they know what customers want",
            3.0,
            1.2,
            Level::Watch,
        ),
        ("Missing incentives, noisy metrics", 3.2, 0.7, Level::Watch),
        ("Culture punishes pushback", 3.6, 0.9, Level::Strong),
        ("No dialogue with customers", 3.9, 0.6, Level::Strong),
        ("Customers not profiled", 4.2, 0.5, Level::Strong),
    ];
    RoadblockData {
        title: "Roadblock profile".into(),
        subtitle: SUBTITLE.into(),
        categories: rows
            .iter()
            .map(|&(title, mean, sd, level)| RoadblockCategory {
                title: title.into(),
                mean: Some(mean),
                spread: Some(Spread::StandardDeviation(sd)),
                level: Some(level),
            })
            .collect(),
        scale: (1.0, 5.0),
        axis_label: "Mean score (1 = blocked, 5 = clear)".into(),
        spread_label: "±1 standard deviation".into(),
        footnote: "Higher is better. Bands: roadblock below 2.5, watch 2.5–3.5, strong above 3.5."
            .into(),
    }
}

fn items() -> ItemDistributionData {
    let row = |label: &str, counts: [usize; 5]| ItemRow {
        label: label.into(),
        counts: counts.to_vec(),
    };
    ItemDistributionData {
        title: "Answers per item".into(),
        subtitle: SUBTITLE.into(),
        options: [
            "Strongly disagree",
            "Disagree",
            "Neither",
            "Agree",
            "Strongly agree",
        ]
        .map(String::from)
        .to_vec(),
        neutral: Some(2),
        groups: vec![
            ItemGroup {
                title: "Silos".into(),
                items: vec![
                    row(
                        "I can get the information I need from other departments within a day",
                        [6, 9, 4, 4, 1],
                    ),
                    row(
                        "Other teams tell us before they change something that affects customers",
                        [8, 8, 5, 2, 1],
                    ),
                    row(
                        "We share what we learn from customers across departments",
                        [3, 7, 6, 6, 2],
                    ),
                ],
            },
            ItemGroup {
                title: "Tools".into(),
                items: vec![
                    row(
                        "I was asked about the tools I use before they were chosen",
                        [9, 7, 3, 4, 1],
                    ),
                    row(
                        "When a tool gets in the way, I know who can change it",
                        [4, 6, 5, 7, 2],
                    ),
                ],
            },
            ItemGroup {
                title: "Customer dialogue".into(),
                items: vec![
                    row(
                        "We talk with customers about how to improve our service",
                        [1, 2, 4, 11, 6],
                    ),
                    row(
                        "Customer feedback reaches the people who can act on it",
                        [2, 3, 5, 10, 4],
                    ),
                    row("I know what our customers value most", [0, 1, 3, 12, 8]),
                ],
            },
        ],
        footnote: "Bars show the share of people who answered each item; “Neither” is centred."
            .into(),
    }
}

fn effort_value() -> EffortValueData {
    let zone = |label: &str, x: (f64, f64), y: (f64, f64)| ZoneRect {
        label: label.into(),
        x,
        y,
    };
    let project = |name: &str, x: f64, y: f64| ProjectPoint {
        name: name.into(),
        x,
        y,
        zone: None,
    };
    EffortValueData {
        title: "Effort–value map of HERO projects".into(),
        subtitle: "Customer service, Lyon · 6 projects, 19 evaluations · workshop of 12 March 2025"
            .into(),
        x_label: "Effort: resistance to expect (0–100)".into(),
        y_label: "Value: benefit sought (0–100)".into(),
        x_range: (0.0, 100.0),
        y_range: (0.0, 100.0),
        zones: vec![
            zone("Just do it", (0.0, 50.0), (50.0, 100.0)),
            zone("Plan and sponsor", (50.0, 100.0), (50.0, 100.0)),
            zone("Quick wins, if cheap", (0.0, 50.0), (0.0, 50.0)),
            zone("Shadow IT risk", (50.0, 100.0), (0.0, 50.0)),
        ],
        projects: vec![
            project("Callback scheduler", 28.0, 81.0),
            project("Shared FAQ wiki", 18.0, 64.0),
            project("Chat-based returns", 62.0, 77.0),
            project("Own CRM spreadsheet", 71.0, 31.0),
            project("Tweet-reply rota", 35.0, 42.0),
            project("Supplier delay alerts", 55.0, 58.0),
        ],
        footnote:
            "Each point is a project's mean over its evaluations. Zones from the effort–value \
                   questionnaire."
                .into(),
    }
}

fn compare() -> ComparisonData {
    let series = |name: &str, means: [f64; 5]| ComparisonSeries {
        name: name.into(),
        means: means.iter().map(|&m| Some(m)).collect(),
        intervals: means
            .iter()
            .map(|&m| Some(((m - 0.35).max(1.0), (m + 0.35).min(5.0))))
            .collect(),
    };
    ComparisonData {
        title: "Dimension scores by group".into(),
        subtitle: "Workshop of 12 March 2025 · n = 24 in 3 groups shown".into(),
        y_label: "Mean score (1–5)".into(),
        dimensions: [
            "Silos",
            "Frontline voice on tools",
            "Back-office flexibility",
            "Customer dialogue",
            "Incentives and metrics",
        ]
        .map(String::from)
        .to_vec(),
        series: vec![
            series("Phone (n = 9)", [2.0, 2.3, 2.8, 3.9, 3.1]),
            series("Chat and e-mail (n = 8)", [2.4, 2.9, 3.1, 4.1, 3.0]),
            series("Social media (n = 7)", [2.9, 3.4, 2.6, 4.4, 3.5]),
        ],
        scale: (1.0, 5.0),
        footnote: "Whiskers: 95% interval of the mean. Back office (n = 3) is not shown apart: \
                   groups under 5 people stay anonymous."
            .into(),
    }
}
