//! Chart rendering, end to end through the public API: every chart kind from realistic sample data
//! and from edge cases (no, one and two respondents, identical answers, 200-character labels,
//! accented text), in both themes. PNGs must decode at the requested size and show a real picture;
//! SVGs must be well-formed XML carrying the title, the expected labels and, for shortened labels,
//! the full text in a `<title>`.

use std::collections::HashSet;

use hero_readiness::outputs::charts::sample::sample;
use hero_readiness::outputs::charts::*;

const LONG: &str = "This label is deliberately far too long to fit anywhere on a chart: it keeps \
                    going about silos, tools nobody asked the frontline about, rigid back-office \
                    systems and metrics that reward the wrong work";

fn opts(theme: Theme) -> ExportOptions {
    ExportOptions {
        theme,
        ..ExportOptions::default()
    }
}

/// Decode a PNG and return its size and number of distinct colours.
fn png_facts(png: &[u8]) -> (u32, u32, usize) {
    let image = image::load_from_memory(png).expect("PNG decodes").to_rgb8();
    let colours: HashSet<[u8; 3]> = image.pixels().map(|p| p.0).collect();
    (image.width(), image.height(), colours.len())
}

/// All text shown in an SVG (`<text>` content), and all `<title>` texts, after XML parsing.
fn svg_texts(svg: &str) -> (Vec<String>, Vec<String>) {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let collect = |name: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name(name))
            .map(|n| {
                n.children()
                    .filter_map(|c| c.text())
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    (collect("text"), collect("title"))
}

fn assert_real_png(data: &ChartData, theme: Theme) {
    let png = render_png(data, &opts(theme)).unwrap();
    let (w, h, colours) = png_facts(&png);
    assert_eq!((w, h), (1600, 1000), "{:?}", data.kind());
    // Anti-aliased text alone gives dozens of shades; a blank or one-colour image gives 1.
    assert!(
        colours > 30,
        "{:?} {theme:?}: only {colours} colours",
        data.kind()
    );
}

fn assert_svg_shows(data: &ChartData, expected: &[&str]) -> (Vec<String>, Vec<String>) {
    let svg = render_svg(data, &opts(Theme::Light)).unwrap();
    let (texts, titles) = svg_texts(&svg);
    let all = texts.join("\n");
    for wanted in expected {
        assert!(
            all.contains(wanted),
            "{:?}: {wanted:?} not among SVG texts:\n{all}",
            data.kind()
        );
    }
    (texts, titles)
}

#[test]
fn every_sample_chart_renders_a_real_png_in_both_themes() {
    for kind in ChartKind::ALL {
        let data = sample(kind);
        assert_eq!(data.kind(), kind);
        for theme in [Theme::Light, Theme::Dark] {
            assert_real_png(&data, theme);
        }
    }
}

#[test]
fn themes_differ_where_a_reader_would_see_it() {
    let data = sample(ChartKind::Quadrant);
    let corner = |theme| {
        let pixels = render_rgb(&data, &opts(theme)).unwrap();
        let p = &pixels.rgb[..3];
        u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])
    };
    assert_eq!(corner(Theme::Light), 3 * 255, "light background is white");
    assert!(corner(Theme::Dark) < 3 * 50, "dark background is dark");
}

#[test]
fn scale_multiplies_the_pixel_size_and_keeps_the_picture() {
    let data = sample(ChartKind::RoadblockBars);
    let options = ExportOptions {
        width_px: 800,
        height_px: 500,
        scale: 2.0,
        theme: Theme::Light,
    };
    let (w, h, colours) = png_facts(&render_png(&data, &options).unwrap());
    assert_eq!((w, h), (1600, 1000));
    assert!(colours > 30);
    let rgb = render_rgb(&data, &options).unwrap();
    assert_eq!((rgb.width_px, rgb.height_px), (1600, 1000));
    assert_eq!(rgb.rgb.len(), 1600 * 1000 * 3);
    // Half size still draws every label (sizes are relative to the area).
    let half = ExportOptions {
        width_px: 800,
        height_px: 500,
        ..ExportOptions::default()
    };
    let (w, h, colours) = png_facts(&render_png(&data, &half).unwrap());
    assert_eq!((w, h), (800, 500));
    assert!(colours > 30);
}

#[test]
fn sample_svgs_are_well_formed_with_title_and_labels() {
    let expected: [(ChartKind, &[&str]); 7] = [
        (
            ChartKind::Quadrant,
            &[
                "HERO quadrant",
                "n = 24",
                "HEROes",
                "Locked-down",
                "Rogues",
                "Disenfranchised",
                "5 people · 21%",
                "Empowered: 8 or more",
            ],
        ),
        (
            ChartKind::Segments,
            &[
                "Segments compared",
                "Benchmark: US information workers, Q4 2009",
                "21%",
                "20%",
                "5 of 24",
                "Groundswell",
            ],
        ),
        (
            ChartKind::Roadblocks,
            &[
                "Roadblock profile",
                "Silos stop information flowing",
                "2.1 · Roadblock",
                "±1 standard deviation",
                "Team mean",
            ],
        ),
        (
            ChartKind::RoadblockBars,
            &[
                "Roadblock profile",
                "Customers not profiled",
                "4.2 · Strong",
                "Mean score (1 = blocked, 5 = clear)",
            ],
        ),
        (
            ChartKind::Items,
            &[
                "Answers per item",
                "Strongly disagree",
                "Strongly agree",
                "Silos",
                "Customer dialogue",
                "38%",
            ],
        ),
        (
            ChartKind::EffortValue,
            &[
                "Effort–value map",
                "Callback scheduler",
                "Own CRM spreadsheet",
                "Just do it",
                "Shadow IT risk",
            ],
        ),
        (
            ChartKind::Compare,
            &[
                "Dimension scores by group",
                "Phone (n = 9)",
                "Social media (n = 7)",
                "Customer dialogue",
                "4.4",
            ],
        ),
    ];
    for (kind, labels) in expected {
        let data = sample(kind);
        let (texts, _) = assert_svg_shows(&data, labels);
        assert!(
            !texts.iter().any(|t| t.contains("Not enough data")),
            "{kind:?}"
        );
    }
}

#[test]
fn svg_text_stays_text_with_the_bundled_face_named() {
    let svg = render_svg(&sample(ChartKind::Items), &opts(Theme::Dark)).unwrap();
    assert!(svg.contains("<text"));
    assert!(!svg.contains("<image"), "no raster inside the SVG");
    assert!(svg.contains("font-family=\"Ubuntu,"));
    // Dark background as the first shape.
    assert!(svg.contains("fill=\"#1B1B1B\""));
}

/// Every chart with nothing in it.
fn empty_charts() -> Vec<ChartData> {
    let quadrant = QuadrantData {
        title: "HERO quadrant".into(),
        subtitle: "n = 0".into(),
        ..QuadrantData::default()
    };
    let roadblocks = RoadblockData {
        title: "Roadblock profile".into(),
        categories: vec![RoadblockCategory {
            title: "Silos".into(),
            mean: None,
            spread: None,
            level: None,
        }],
        scale: (1.0, 5.0),
        ..RoadblockData::default()
    };
    vec![
        ChartData::Quadrant(quadrant),
        ChartData::Segments(SegmentSharesData {
            title: "Segments".into(),
            ..Default::default()
        }),
        ChartData::Roadblocks(roadblocks.clone()),
        ChartData::RoadblockBars(roadblocks),
        ChartData::Items(ItemDistributionData {
            title: "Answers per item".into(),
            options: vec!["No".into(), "Yes".into()],
            groups: vec![ItemGroup {
                title: "Silos".into(),
                items: vec![ItemRow {
                    label: "Q1".into(),
                    counts: vec![0, 0],
                }],
            }],
            ..Default::default()
        }),
        ChartData::EffortValue(EffortValueData {
            title: "Effort–value map".into(),
            ..Default::default()
        }),
        ChartData::Compare(ComparisonData {
            title: "Comparison".into(),
            dimensions: vec!["Silos".into()],
            series: vec![ComparisonSeries {
                name: "Wave 1".into(),
                means: vec![None],
                intervals: vec![None],
            }],
            ..Default::default()
        }),
    ]
}

#[test]
fn no_respondents_shows_a_not_enough_data_panel() {
    for data in empty_charts() {
        assert!(data.is_empty(), "{:?}", data.kind());
        assert_svg_shows(&data, &[data.title(), "Not enough data yet"]);
        assert_real_png(&data, Theme::Light);
        assert_real_png(&data, Theme::Dark);
    }
}

/// The sample charts cut down to `n` respondents (or projects).
fn charts_with_respondents(n: usize) -> Vec<ChartData> {
    let subtitle = format!("n = {n} · workshop of 12 March 2025");
    let mut out = Vec::new();

    let points: Vec<(f64, f64, usize)> = [(9.0, 3.0, 0), (5.0, 0.0, 3)][..n].to_vec();
    let mut quadrant = sample_quadrant();
    let total = points.len() as f64;
    for (i, s) in quadrant.segments.iter_mut().enumerate() {
        s.count = points.iter().filter(|p| p.2 == i).count();
        s.share = s.count as f64 / total;
    }
    quadrant.points = points;
    quadrant.subtitle = subtitle.clone();
    out.push(ChartData::Quadrant(quadrant));

    if let ChartData::Segments(mut d) = sample(ChartKind::Segments) {
        d.classified = n;
        for (i, s) in d.segments.iter_mut().enumerate() {
            s.count = usize::from(i == 0) + usize::from(i == 3 && n == 2);
            s.share = s.count as f64 / n as f64;
            s.ci_low = 0.0;
            s.ci_high = if s.count > 0 { 1.0 } else { 0.79 };
        }
        d.subtitle = subtitle.clone();
        out.push(ChartData::Segments(d));
    }

    if let ChartData::Roadblocks(mut d) = sample(ChartKind::Roadblocks) {
        for c in &mut d.categories {
            // One person: no spread to show. Two: a range.
            c.spread = (n == 2).then_some(Spread::Range {
                min: (c.mean.unwrap() - 0.5).max(1.0),
                max: (c.mean.unwrap() + 0.5).min(5.0),
            });
        }
        d.subtitle = subtitle.clone();
        out.push(ChartData::Roadblocks(d.clone()));
        out.push(ChartData::RoadblockBars(d));
    }

    if let ChartData::Items(mut d) = sample(ChartKind::Items) {
        for item in d.groups.iter_mut().flat_map(|g| &mut g.items) {
            item.counts = vec![0, 0, 0, 0, 0];
            item.counts[3] = 1;
            item.counts[0] += n - 1;
        }
        d.subtitle = subtitle.clone();
        out.push(ChartData::Items(d));
    }

    if let ChartData::EffortValue(mut d) = sample(ChartKind::EffortValue) {
        d.projects.truncate(n);
        d.subtitle = subtitle.clone();
        out.push(ChartData::EffortValue(d));
    }

    if let ChartData::Compare(mut d) = sample(ChartKind::Compare) {
        d.series.truncate(n);
        for s in &mut d.series {
            s.intervals = vec![None; s.means.len()];
        }
        d.subtitle = subtitle;
        out.push(ChartData::Compare(d));
    }
    out
}

fn sample_quadrant() -> QuadrantData {
    match sample(ChartKind::Quadrant) {
        ChartData::Quadrant(d) => d,
        _ => unreachable!(),
    }
}

#[test]
fn one_and_two_respondents_draw_real_charts() {
    for n in [1, 2] {
        let charts = charts_with_respondents(n);
        assert_eq!(charts.len(), ChartKind::ALL.len());
        for data in charts {
            assert!(!data.is_empty(), "{:?} n={n}", data.kind());
            let (texts, _) = assert_svg_shows(&data, &[data.title(), &format!("n = {n}")]);
            assert!(
                !texts.iter().any(|t| t.contains("Not enough data")),
                "{:?} n={n}",
                data.kind()
            );
            assert_real_png(&data, Theme::Light);
        }
    }
}

#[test]
fn one_respondent_segment_reads_one_person_and_its_share() {
    let data = ChartData::Quadrant(match &charts_with_respondents(1)[0] {
        ChartData::Quadrant(d) => d.clone(),
        _ => unreachable!(),
    });
    assert_svg_shows(&data, &["1 person · 100%", "0 people · 0%"]);
}

/// Pixels of exactly `colour` in a rendered chart.
fn count_colour(data: &ChartData, colour: [u8; 3]) -> usize {
    let pixels = render_rgb(data, &opts(Theme::Light)).unwrap();
    pixels
        .rgb
        .chunks_exact(3)
        .filter(|p| *p == colour.as_slice())
        .count()
}

#[test]
fn thirty_identical_answers_are_drawn_as_thirty_dots() {
    const HERO_BLUE: [u8; 3] = [0x00, 0x72, 0xB2];
    let mut one = sample_quadrant();
    one.points = vec![(9.0, 3.0, 0)];
    let mut thirty = sample_quadrant();
    thirty.points = vec![(9.0, 3.0, 0); 30];
    // The corner label's marker is the same colour: measure the points alone.
    let mut none = sample_quadrant();
    none.points = vec![(2.0, 0.0, 3)];
    let base = count_colour(&ChartData::Quadrant(none), HERO_BLUE);
    let dot = count_colour(&ChartData::Quadrant(one), HERO_BLUE) - base;
    let cluster = count_colour(&ChartData::Quadrant(thirty), HERO_BLUE) - base;
    assert!(dot > 100, "one dot has {dot} pixels");
    // Outlines overlap a little where dots touch, but most of each dot stays visible.
    assert!(
        cluster > dot * 20,
        "30 tied points cover {cluster} pixels, one covers {dot}"
    );
}

#[test]
fn identical_answers_everywhere_still_draw() {
    // Everyone agrees on every item: one full bar per item.
    let ChartData::Items(mut items) = sample(ChartKind::Items) else {
        unreachable!()
    };
    for item in items.groups.iter_mut().flat_map(|g| &mut g.items) {
        item.counts = vec![0, 0, 0, 24, 0];
    }
    let data = ChartData::Items(items);
    let (texts, _) = assert_svg_shows(&data, &["100%"]);
    assert_eq!(
        texts.iter().filter(|t| *t == "100%").count(),
        8 + 1,
        "8 bars + axis"
    );
    assert_real_png(&data, Theme::Light);

    // Every roadblock the same score, no spread.
    let ChartData::Roadblocks(mut roadblocks) = sample(ChartKind::Roadblocks) else {
        unreachable!()
    };
    for c in &mut roadblocks.categories {
        c.mean = Some(3.0);
        c.spread = Some(Spread::StandardDeviation(0.0));
        c.level = Some(Level::Watch);
    }
    for data in [
        ChartData::Roadblocks(roadblocks.clone()),
        ChartData::RoadblockBars(roadblocks),
    ] {
        assert_svg_shows(&data, &["3.0 · Watch"]);
        assert_real_png(&data, Theme::Dark);
    }

    // All projects at the same spot.
    let ChartData::EffortValue(mut map) = sample(ChartKind::EffortValue) else {
        unreachable!()
    };
    for p in &mut map.projects {
        (p.x, p.y) = (50.0, 50.0);
    }
    let data = ChartData::EffortValue(map);
    assert_svg_shows(&data, &["Callback scheduler", "Supplier delay alerts"]);
    assert_real_png(&data, Theme::Light);
}

/// Every sample chart with its labels replaced by `label`.
fn charts_labelled(label: &str) -> Vec<ChartData> {
    let mut out = Vec::new();
    for kind in ChartKind::ALL {
        let mut data = sample(kind);
        match &mut data {
            ChartData::Quadrant(d) => {
                d.title = label.into();
                d.x_label = label.into();
                d.segments[0].title = label.into();
            }
            ChartData::Segments(d) => {
                d.subtitle = label.into();
                d.segments[1].title = label.into();
                d.benchmark_label = label.into();
            }
            ChartData::Roadblocks(d) | ChartData::RoadblockBars(d) => {
                d.categories[0].title = label.into();
                d.categories[3].title = label.into();
            }
            ChartData::Items(d) => {
                d.groups[0].title = label.into();
                d.groups[0].items[0].label = label.into();
            }
            ChartData::EffortValue(d) => {
                d.projects[0].name = label.into();
                d.zones[1].label = label.into();
            }
            ChartData::Compare(d) => {
                d.dimensions[0] = label.into();
                d.series[0].name = label.into();
            }
        }
        out.push(data);
    }
    out
}

#[test]
fn long_labels_are_shortened_with_the_full_text_kept_in_svg_titles() {
    assert_eq!(LONG.chars().count(), 200);
    for data in charts_labelled(LONG) {
        let svg = render_svg(&data, &opts(Theme::Light)).unwrap();
        let (texts, titles) = svg_texts(&svg);
        assert!(
            texts.iter().any(|t| t.ends_with('…')),
            "{:?}: nothing shortened",
            data.kind()
        );
        assert!(
            titles.iter().any(|t| t == LONG),
            "{:?}: full label not kept in a <title>",
            data.kind()
        );
        // No single line carries the whole label.
        assert!(!texts.iter().any(|t| t == LONG), "{:?}", data.kind());
        assert_real_png(&data, Theme::Light);
    }
}

#[test]
fn accented_text_survives_in_svg_and_draws_in_png() {
    let label = "Équipe Zoë – Service client";
    for data in charts_labelled(label) {
        let (texts, titles) = assert_svg_shows(&data, &[label]);
        assert!(
            titles.is_empty(),
            "{:?}: nothing needed shortening",
            data.kind()
        );
        assert!(texts.iter().all(|t| !t.contains('…')), "{:?}", data.kind());
        assert_real_png(&data, Theme::Dark);
    }
}

#[test]
fn accented_letters_have_glyphs() {
    // A missing glyph would draw the same box for every letter; real glyphs differ.
    let ink = |title: &str| {
        let mut d = sample_quadrant();
        d.points.clear();
        d.title = title.into();
        let pixels = render_rgb(&ChartData::Quadrant(d), &opts(Theme::Light)).unwrap();
        // The title row only, accents included: 20..90 px from the top.
        pixels.rgb[1600 * 3 * 20..1600 * 3 * 90]
            .chunks_exact(3)
            .map(|p| p.to_vec())
            .collect::<Vec<_>>()
    };
    assert_ne!(ink("Équipe"), ink("Equipe"));
    assert_ne!(ink("Zoë"), ink("Zoe"));
    assert_ne!(ink("É"), ink("Ë"));
}

#[test]
fn export_picks_the_format_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(ChartKind::Segments);
    let png_path = dir.path().join("segments.PNG");
    let svg_path = dir.path().join("segments.svg");
    export(&png_path, &data, &ExportOptions::default()).unwrap();
    export(&svg_path, &data, &ExportOptions::default()).unwrap();
    let (w, h, _) = png_facts(&std::fs::read(&png_path).unwrap());
    assert_eq!((w, h), (1600, 1000));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    svg_texts(&svg);

    let error = export(
        &dir.path().join("segments.pdf"),
        &data,
        &ExportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(error, ChartError::UnsupportedFormat { .. }));
    assert!(error.to_string().contains("segments.pdf"), "{error}");

    let missing = dir.path().join("no-such-dir").join("chart.svg");
    let error = export(&missing, &data, &ExportOptions::default()).unwrap_err();
    assert!(matches!(error, ChartError::Write { .. }), "{error:?}");
    assert!(error.to_string().contains("no-such-dir"), "{error}");
}

#[test]
fn nonsense_sizes_are_refused_not_drawn() {
    let data = sample(ChartKind::Compare);
    for (w, h, scale) in [
        (0, 1000, 1.0),
        (1600, 1000, 0.0),
        (1600, 1000, f64::NAN),
        (20000, 1000, 1.0),
    ] {
        let options = ExportOptions {
            width_px: w,
            height_px: h,
            scale,
            theme: Theme::Light,
        };
        assert!(matches!(
            render_png(&data, &options),
            Err(ChartError::InvalidSize { .. })
        ));
        assert!(render_svg(&data, &options).is_err());
    }
}

#[test]
fn chart_kinds_parse_from_their_command_line_names() {
    let names: Vec<&str> = ChartKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "quadrant",
            "segments",
            "roadblocks",
            "roadblock-bars",
            "items",
            "effort-value",
            "compare"
        ]
    );
    for kind in ChartKind::ALL {
        assert_eq!(kind.as_str().parse::<ChartKind>().unwrap(), kind);
    }
    let error = "radar".parse::<ChartKind>().unwrap_err();
    assert!(error.to_string().contains("roadblock-bars"), "{error}");
}

/// A demo workshop on disk, scored, and every chart that applies to it.
fn demo_charts(participants: usize) -> Vec<(String, ChartData)> {
    use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
    use hero_readiness::model::workshop::Workshop;
    use hero_readiness::storage::folder::WorkshopFolder;
    let dir = tempfile::tempdir().unwrap();
    let folder = if participants == 0 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        WorkshopFolder::create(
            dir.path(),
            Workshop::new("Équipe Zoë – Service client", date),
        )
        .unwrap()
    } else {
        hero_readiness::inputs::demo::write_demo(dir.path(), participants, 7).unwrap();
        WorkshopFolder::open(dir.path()).unwrap()
    };
    let score = score_workshop(&folder, &ScoreOptions::default());
    from_score::charts_for(&score)
}

#[test]
fn a_demo_workshop_gives_every_chart_kind_and_each_renders() {
    let charts = demo_charts(40);
    for kind in ChartKind::ALL {
        assert!(
            charts.iter().any(|(_, d)| d.kind() == kind),
            "no {kind} chart from the demo workshop"
        );
    }
    for (questionnaire, data) in &charts {
        assert!(
            !data.is_empty(),
            "{questionnaire} {:?} is empty",
            data.kind()
        );
        let (texts, _) = assert_svg_shows(data, &[data.title(), "n = "]);
        assert!(
            !texts.iter().any(|t| t.contains("Not enough data")),
            "{questionnaire} {:?}",
            data.kind()
        );
        assert_real_png(data, Theme::Light);
    }
    // The quadrant names the bundled HERO segments and the rule.
    let (_, quadrant) = charts
        .iter()
        .find(|(_, d)| d.kind() == ChartKind::Quadrant)
        .unwrap();
    assert_svg_shows(
        quadrant,
        &[
            "HEROes",
            "Locked-down",
            "Rogues",
            "Disenfranchised",
            "8 or more",
            "2010 rule",
        ],
    );
}

#[test]
fn an_empty_workshop_gives_not_enough_data_panels_not_broken_charts() {
    let charts = demo_charts(0);
    assert!(
        !charts.is_empty(),
        "the bundled questionnaires still offer charts"
    );
    for (questionnaire, data) in &charts {
        assert!(data.is_empty(), "{questionnaire} {:?}", data.kind());
        assert_svg_shows(
            data,
            &[
                "Not enough data yet",
                "Équipe Zoë – Service client",
                "n = 0",
            ],
        );
        assert_real_png(data, Theme::Dark);
    }
}

#[test]
fn chart_for_explains_a_missing_chart_kind() {
    use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
    use hero_readiness::model::workshop::Workshop;
    use hero_readiness::storage::folder::WorkshopFolder;
    let dir = tempfile::tempdir().unwrap();
    let mut workshop = Workshop::new(
        "Roadblocks only",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    );
    workshop.questionnaires = vec!["roadblocks".into()];
    let folder = WorkshopFolder::create(dir.path(), workshop).unwrap();
    let score = score_workshop(&folder, &ScoreOptions::default());
    assert!(from_score::chart_for(ChartKind::RoadblockBars, &score).is_ok());
    let error = from_score::chart_for(ChartKind::Quadrant, &score).unwrap_err();
    assert!(matches!(
        error,
        ChartError::NotApplicable {
            kind: ChartKind::Quadrant,
            ..
        }
    ));
    assert!(error.to_string().contains("segments"), "{error}");
}

#[test]
fn control_characters_never_reach_an_svg_and_huge_labels_are_cut_early() {
    let hostile = format!(
        "Sales\u{1}\u{1b}[31m team\u{7}\r\n{}",
        "x".repeat(1_000_000)
    );
    for data in charts_labelled(&hostile) {
        let start = std::time::Instant::now();
        let svg = render_svg(&data, &opts(Theme::Light)).unwrap();
        let png = render_png(&data, &opts(Theme::Light)).unwrap();
        // Unoptimised test builds are slow; drawing the whole label took minutes.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{:?}: {:?}",
            data.kind(),
            start.elapsed()
        );
        assert!(
            !svg.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{:?}: control character in the SVG",
            data.kind()
        );
        let (texts, titles) = svg_texts(&svg);
        assert!(
            texts.iter().any(|t| t.starts_with("Sales[31m")),
            "{:?}: {texts:?}",
            data.kind()
        );
        // The full text kept for the tooltip is cut too, not a megabyte per label.
        assert!(
            titles.iter().all(|t| t.chars().count() <= 1000),
            "{:?}",
            data.kind()
        );
        assert!(
            svg.len() < 200_000,
            "{:?}: {} bytes",
            data.kind(),
            svg.len()
        );
        assert!(image::load_from_memory(&png).is_ok());
    }
}

#[test]
fn hostile_group_and_project_names_through_the_binary() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    hero_readiness::inputs::demo::write_demo(&dir, 24, 3).unwrap();
    let long_name = "y".repeat(100_000);
    let mut files: Vec<_> = std::fs::read_dir(dir.join("responses"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for (index, path) in files.iter().enumerate() {
        let mut response = hero_readiness::storage::read_response(path).unwrap();
        response.group = Some(
            if index % 2 == 0 {
                "Sales\u{1}"
            } else {
                "Ops\u{1b}[1m"
            }
            .into(),
        );
        for section in &mut response.sections {
            if section.project.is_some() {
                section.project = Some(long_name.clone());
            }
        }
        hero_readiness::storage::save_ron(path, &response).unwrap();
    }
    for (kind, file) in [
        ("compare", "compare.svg"),
        ("effort-value", "effort-value.svg"),
        ("effort-value", "effort-value.png"),
    ] {
        let out = temp.path().join(file);
        let start = std::time::Instant::now();
        let output = assert_cmd::Command::cargo_bin("hero-readiness")
            .unwrap()
            .env("HERO_READINESS_HOME", temp.path())
            .args(["chart", dir.to_str().unwrap(), "--kind", kind, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        // A 100,000-character name took 5 s to draw in a release build.
        assert!(
            start.elapsed().as_secs() < 5,
            "{kind}: {:?}",
            start.elapsed()
        );
        if file.ends_with(".svg") {
            let svg = std::fs::read_to_string(&out).unwrap();
            let (texts, _) = svg_texts(&svg);
            if kind == "compare" {
                assert!(texts.iter().any(|t| t.starts_with("Sales")), "{texts:?}");
                assert!(texts.iter().any(|t| t.starts_with("Ops[1m")), "{texts:?}");
            } else {
                assert!(
                    texts
                        .iter()
                        .any(|t| t.starts_with("yyy") && t.ends_with('…'))
                );
            }
            assert!(svg.len() < 200_000, "{kind}: {} bytes", svg.len());
        }
    }
}

/// Two people answered a workshop whose threshold is 5: every chart is empty because its figures
/// are withheld, and says so, instead of claiming nobody has answered yet.
#[test]
fn a_chart_emptied_by_the_threshold_says_its_figures_are_hidden_not_missing() {
    let charts = demo_charts(2);
    assert!(!charts.is_empty());
    let mut hidden = 0;
    for (_, data) in &charts {
        let svg = render_svg(data, &opts(Theme::Light)).unwrap();
        let (texts, _) = svg_texts(&svg);
        let all = texts.join(" ");
        if all.contains("Not enough data yet") {
            assert!(
                all.contains("Hidden to keep answers anonymous"),
                "{:?} does not say its figures are hidden: {all}",
                data.kind()
            );
            hidden += 1;
        }
    }
    assert!(hidden >= 3, "{hidden} charts say they are hidden");
}
