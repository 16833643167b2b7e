//! Checks a parsed questionnaire for meaning, beyond what the RON parser catches: duplicate ids,
//! unknown dimensions, show-if conditions pointing forward or at unknown items, label counts that do
//! not match the points, empty options, bands, rules and zones that cannot work, and anything
//! beyond the format's [`limits`]. Each finding names the part of the file it concerns and what
//! was expected. `storage::catalog::load_questionnaire` is the one way a questionnaire file becomes
//! usable: parsed, then checked here.

use std::collections::BTreeSet;

use crate::model::questionnaire::{AskedPer, Condition, ItemKind, Questionnaire, limits};

/// Every meaning problem in `questionnaire`, e.g. `item "silos_2": show_if refers to "silos_9",
/// which comes later; a condition can only look back`. Empty when the questionnaire is valid.
pub fn validate(questionnaire: &Questionnaire) -> Vec<String> {
    let mut findings = Vec::new();
    let mut report = |place: String, message: String| findings.push(format!("{place}: {message}"));
    let q = questionnaire;

    if !is_valid_id(&q.id) {
        report(
            format!("questionnaire \"{}\"", shown(&q.id)),
            ID_RULE.into(),
        );
    }
    if q.title.trim().is_empty() {
        report(
            "questionnaire".into(),
            "title is empty; give it a title".into(),
        );
    }
    check_chars(
        &mut report,
        "questionnaire",
        "title",
        &q.title,
        limits::LABEL_CHARS,
    );
    let long_texts = [
        ("description", &q.description),
        ("instructions", &q.instructions),
    ];
    for (field, text) in long_texts {
        check_chars(
            &mut report,
            "questionnaire",
            field,
            text,
            limits::TEXT_CHARS,
        );
    }
    if q.items.is_empty() {
        report(
            "questionnaire".into(),
            "has no items; add at least one".into(),
        );
    }
    if q.per_project && !matches!(q.asked_per, AskedPer::Once | AskedPer::Project) {
        report(
            "questionnaire".into(),
            format!(
                "says both `per_project: true` and `asked_per: {:?}`; keep only `asked_per`",
                q.asked_per
            ),
        );
    }
    // Past these counts the file is not a real questionnaire; checking every pair of items and
    // dimensions would only make a hostile file slow.
    let mut oversized = false;
    for (what, count, max) in [
        ("items", q.items.len(), limits::ITEMS),
        ("dimensions", q.dimensions.len(), limits::DIMENSIONS),
    ] {
        if count > max {
            report(
                "questionnaire".into(),
                format!("has {count} {what}; at most {max} are allowed"),
            );
            oversized = true;
        }
    }
    if oversized {
        return findings;
    }

    let mut dimension_ids = BTreeSet::new();
    for dimension in &q.dimensions {
        let place = format!("dimension \"{}\"", shown(&dimension.id));
        if !dimension_ids.insert(dimension.id.as_str()) {
            report(
                place.clone(),
                "duplicate dimension id; ids must be unique".into(),
            );
        }
        if !is_valid_id(&dimension.id) {
            report(place.clone(), ID_RULE.into());
        }
        check_chars(
            &mut report,
            &place,
            "title",
            &dimension.title,
            limits::LABEL_CHARS,
        );
        let description = &dimension.description;
        check_chars(
            &mut report,
            &place,
            "description",
            description,
            limits::TEXT_CHARS,
        );
        let ranges: BTreeSet<(i64, i64)> = q
            .items_of(&dimension.id)
            .filter_map(|item| item.kind.value_range())
            .map(|(a, b)| (a as i64, b as i64))
            .collect();
        if ranges.is_empty() {
            report(
                place.clone(),
                "has no scored items; add items or remove it".into(),
            );
        } else if ranges.len() > 1 {
            report(
                place,
                format!(
                    "mixes answer scales {ranges:?}; items averaged into one score must share a \
                     scale"
                ),
            );
        }
    }

    let mut item_ids = BTreeSet::new();
    for (index, item) in q.items.iter().enumerate() {
        let place = format!("item \"{}\"", shown(&item.id));
        if !item_ids.insert(item.id.as_str()) {
            report(
                place.clone(),
                "duplicate item id; ids must be unique".into(),
            );
        }
        if !is_valid_id(&item.id) {
            report(place.clone(), ID_RULE.into());
        }
        if item.text.trim().is_empty() {
            report(place.clone(), "text is empty; write the question".into());
        }
        check_chars(&mut report, &place, "text", &item.text, limits::TEXT_CHARS);
        if let Some(help) = &item.help {
            check_chars(&mut report, &place, "help", help, limits::TEXT_CHARS);
        }
        if let Some(dimension) = &item.dimension
            && q.dimension(dimension).is_none()
        {
            report(
                place.clone(),
                format!(
                    "unknown dimension \"{dimension}\"; expected one of {}",
                    list(&dimension_ids)
                ),
            );
        }
        if !(item.weight > 0.0 && item.weight <= limits::WEIGHT) {
            report(
                place.clone(),
                format!(
                    "weight {} must be a positive number no larger than {}",
                    item.weight,
                    limits::WEIGHT
                ),
            );
        }
        if item.reverse && !item.kind.is_scored() {
            report(place.clone(), "reverse applies only to scored items".into());
        }
        match &item.kind {
            ItemKind::Likert { points, labels } => {
                let (fewest, most) = limits::LIKERT_POINTS.into_inner();
                if !limits::LIKERT_POINTS.contains(points) {
                    report(
                        place.clone(),
                        format!("{points} points; a Likert scale has {fewest} to {most} points"),
                    );
                }
                if labels.len() != *points as usize {
                    report(
                        place.clone(),
                        format!(
                            "{} labels for {points} points; expected one label per point",
                            labels.len()
                        ),
                    );
                }
                for label in labels.iter().take(limits::OPTIONS) {
                    check_chars(&mut report, &place, "label", label, limits::LABEL_CHARS);
                }
            }
            ItemKind::Scale {
                min,
                max,
                min_label,
                max_label,
            } => {
                let end = limits::SCALE_END_ABS;
                if min >= max {
                    report(
                        place.clone(),
                        format!("scale from {min} to {max}; min must be below max"),
                    );
                } else if min.unsigned_abs() > end || max.unsigned_abs() > end {
                    report(
                        place.clone(),
                        format!("scale from {min} to {max}; both ends must lie within ±{end}"),
                    );
                } else if max - min > limits::SCALE_SPAN {
                    report(
                        place.clone(),
                        format!(
                            "scale from {min} to {max} spans {}; at most {} is allowed",
                            max - min,
                            limits::SCALE_SPAN
                        ),
                    );
                }
                for (field, label) in [("min_label", min_label), ("max_label", max_label)] {
                    check_chars(&mut report, &place, field, label, limits::LABEL_CHARS);
                }
            }
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                if options.is_empty() {
                    report(place.clone(), "has no options; add at least one".into());
                }
                if options.len() > limits::OPTIONS {
                    report(
                        place.clone(),
                        format!(
                            "has {} options; at most {} are allowed",
                            options.len(),
                            limits::OPTIONS
                        ),
                    );
                }
                let mut seen = BTreeSet::new();
                for option in options.iter().take(limits::OPTIONS) {
                    let option_place = format!("{place}, option \"{}\"", shown(&option.id));
                    if !seen.insert(option.id.as_str()) {
                        report(
                            place.clone(),
                            format!("duplicate option id \"{}\"", shown(&option.id)),
                        );
                    }
                    if !is_valid_id(&option.id) {
                        report(option_place.clone(), ID_RULE.into());
                    }
                    let label = &option.label;
                    check_chars(
                        &mut report,
                        &option_place,
                        "label",
                        label,
                        limits::LABEL_CHARS,
                    );
                    if let Some(score) = option.score {
                        check_number(&mut report, &option_place, "score", score);
                    }
                }
            }
            ItemKind::Count { max } => {
                if !(1..=limits::COUNT_MAX).contains(max) {
                    report(
                        place.clone(),
                        format!(
                            "count with max {max}; expected a max from 1 to {}",
                            limits::COUNT_MAX
                        ),
                    );
                }
            }
            ItemKind::YesNo | ItemKind::Text { .. } => {}
        }
        if let Some(show_if) = &item.show_if {
            if let Condition::AtLeast(threshold) | Condition::AtMost(threshold) = show_if.when {
                check_number(&mut report, &place, "show_if threshold", threshold);
            }
            match q.item_index(&show_if.item) {
                None => report(
                    place.clone(),
                    format!("show_if refers to unknown item \"{}\"", show_if.item),
                ),
                Some(source) if source >= index => report(
                    place.clone(),
                    format!(
                        "show_if refers to \"{}\", which does not come before it; a condition can \
                         only look back at earlier answers",
                        show_if.item
                    ),
                ),
                Some(source) => {
                    let kind = &q.items[source].kind;
                    let fits = match &show_if.when {
                        Condition::IsYes | Condition::IsNo => matches!(kind, ItemKind::YesNo),
                        Condition::AtLeast(_) | Condition::AtMost(_) => kind.is_scored(),
                        Condition::Chosen(id) => kind
                            .choice_options()
                            .is_some_and(|options| options.iter().any(|option| &option.id == id)),
                    };
                    if !fits {
                        report(
                            place.clone(),
                            format!(
                                "show_if condition {:?} cannot apply to \"{}\", a {} item",
                                show_if.when,
                                show_if.item,
                                kind.name()
                            ),
                        );
                    }
                }
            }
        }
    }

    validate_interpretation(q, &dimension_ids, &mut report);
    findings
}

fn validate_interpretation(
    q: &Questionnaire,
    dimension_ids: &BTreeSet<&str>,
    report: &mut impl FnMut(String, String),
) {
    for bands in &q.interpretation.bands {
        let place = format!("bands for \"{}\"", shown(&bands.dimension));
        if q.dimension(&bands.dimension).is_none() {
            report(
                place.clone(),
                format!("unknown dimension; expected one of {}", list(dimension_ids)),
            );
            continue;
        }
        if bands.bands.is_empty() {
            report(place, "no bands; add at least one".into());
            continue;
        }
        if bands.bands.len() > limits::BANDS {
            report(
                place,
                format!(
                    "{} bands; at most {} are allowed",
                    bands.bands.len(),
                    limits::BANDS
                ),
            );
            continue;
        }
        for band in &bands.bands {
            let band_place = format!("{place}, band \"{}\"", shown(&band.label));
            check_chars(
                report,
                &band_place,
                "label",
                &band.label,
                limits::LABEL_CHARS,
            );
            let recommendation = &band.recommendation;
            check_chars(
                report,
                &band_place,
                "recommendation",
                recommendation,
                limits::TEXT_CHARS,
            );
        }
        let (min, max) = q.dimension_range(&bands.dimension);
        if (bands.bands[0].from - min).abs() > 1e-9 {
            report(
                place.clone(),
                format!(
                    "first band starts at {}; expected the scale minimum {min}",
                    bands.bands[0].from
                ),
            );
        }
        for pair in bands.bands.windows(2) {
            if pair[1].from <= pair[0].from {
                report(
                    place.clone(),
                    format!(
                        "band \"{}\" starts at {}, not above the previous band's {}; thresholds must rise",
                        pair[1].label, pair[1].from, pair[0].from
                    ),
                );
            }
        }
        for band in &bands.bands {
            if !(min..=max).contains(&band.from) {
                report(
                    place.clone(),
                    format!(
                        "band \"{}\" starts at {}, outside the scale {min}–{max}",
                        band.label, band.from
                    ),
                );
            }
        }
    }

    if let Some(classification) = &q.interpretation.classification {
        let title = &classification.title;
        check_chars(
            report,
            "classification",
            "title",
            title,
            limits::LABEL_CHARS,
        );
        if classification.rules.len() > limits::RULES {
            report(
                "classification".into(),
                format!(
                    "{} rules; at most {} are allowed",
                    classification.rules.len(),
                    limits::RULES
                ),
            );
            return;
        }
        for (name, axis) in [("x", &classification.x), ("y", &classification.y)] {
            let axis_place = format!("classification axis {name}");
            check_chars(
                report,
                &axis_place,
                "label",
                &axis.label,
                limits::LABEL_CHARS,
            );
            if axis.items.len() > limits::ITEMS {
                report(
                    axis_place,
                    format!(
                        "lists {} items; at most {}",
                        axis.items.len(),
                        limits::ITEMS
                    ),
                );
                continue;
            }
            if axis.items.is_empty() {
                report(
                    format!("classification axis {name}"),
                    "lists no items".into(),
                );
            }
            for id in &axis.items {
                match q.item(id) {
                    None => report(
                        format!("classification axis {name}"),
                        format!("unknown item \"{id}\""),
                    ),
                    Some(item) if !item.kind.is_scored() => report(
                        format!("classification axis {name}"),
                        format!(
                            "item \"{id}\" is a {} item; expected a numeric one",
                            item.kind.name()
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
        if classification.rules.is_empty() {
            report(
                "classification".into(),
                "has no rules; add at least one".into(),
            );
        }
        let mut rule_ids = BTreeSet::new();
        for rule in &classification.rules {
            let place = format!("classification rule \"{}\"", shown(&rule.id));
            if !rule_ids.insert(rule.id.as_str()) {
                report(place.clone(), "duplicate rule id".into());
            }
            if !(rule.x_at_least.is_finite() && rule.y_at_least.is_finite()) {
                report(place.clone(), "thresholds must be numbers".into());
            }
            if !is_valid_id(&rule.id) {
                report(place.clone(), ID_RULE.into());
            }
            check_chars(report, &place, "title", &rule.title, limits::LABEL_CHARS);
            if let Some(benchmark) = &rule.benchmark {
                for (field, text) in [
                    ("population", &benchmark.population),
                    ("source", &benchmark.source),
                ] {
                    check_chars(report, &place, field, text, limits::TEXT_CHARS);
                }
                for (segment, share) in &benchmark.shares {
                    if !classification.segments.iter().any(|s| &s.id == segment) {
                        report(
                            place.clone(),
                            format!("benchmark names unknown segment \"{segment}\""),
                        );
                    }
                    if !(0.0..=1.0).contains(share) {
                        report(
                            place.clone(),
                            format!("benchmark share {share} for \"{segment}\"; expected 0 to 1"),
                        );
                    }
                }
            }
        }
        if !rule_ids.contains(classification.default_rule.as_str()) {
            report(
                "classification".into(),
                format!(
                    "default_rule \"{}\" is not one of the rules",
                    classification.default_rule
                ),
            );
        }
        for segment in &classification.segments {
            let place = format!("classification segment \"{}\"", shown(&segment.id));
            check_chars(report, &place, "title", &segment.title, limits::LABEL_CHARS);
            let texts = [
                ("description", &segment.description),
                ("lever", &segment.lever),
                ("for_you", &segment.for_you),
            ];
            for (field, text) in texts {
                check_chars(report, &place, field, text, limits::TEXT_CHARS);
            }
        }
        for x_high in [true, false] {
            for y_high in [true, false] {
                let matching = classification
                    .segments
                    .iter()
                    .filter(|s| s.x_high == x_high && s.y_high == y_high)
                    .count();
                if matching != 1 {
                    report(
                        "classification".into(),
                        format!(
                            "{matching} segments for x_high: {x_high}, y_high: {y_high}; expected \
                             exactly one segment per combination"
                        ),
                    );
                }
            }
        }
    }

    if let Some(placement) = &q.interpretation.placement {
        for dimension in [&placement.x_dimension, &placement.y_dimension] {
            if q.dimension(dimension).is_none() {
                report(
                    "placement".into(),
                    format!("unknown dimension \"{dimension}\""),
                );
            }
        }
        if placement.zones.is_empty() {
            report("placement".into(), "has no zones; add at least one".into());
        }
        if placement.zones.len() > limits::ZONES {
            report(
                "placement".into(),
                format!(
                    "{} zones; at most {} are allowed",
                    placement.zones.len(),
                    limits::ZONES
                ),
            );
            return;
        }
        for zone in &placement.zones {
            let zone_place = format!("placement zone \"{}\"", shown(&zone.id));
            check_chars(
                report,
                &zone_place,
                "label",
                &zone.label,
                limits::LABEL_CHARS,
            );
            check_chars(
                report,
                &zone_place,
                "advice",
                &zone.advice,
                limits::TEXT_CHARS,
            );
            let in_range = |(a, b): (f64, f64)| 0.0 <= a && a < b && b <= 100.0;
            if !(in_range(zone.x) && in_range(zone.y)) {
                report(
                    format!("placement zone \"{}\"", shown(&zone.id)),
                    "ranges must run low to high within 0–100".into(),
                );
            }
        }
        let uncovered = (0..=20)
            .flat_map(|i| (0..=20).map(move |j| (f64::from(i) * 5.0, f64::from(j) * 5.0)))
            .find(|&(x, y)| !placement.zones.iter().any(|zone| zone.contains(x, y)));
        if let Some((x, y)) = uncovered {
            report(
                "placement".into(),
                format!(
                    "no zone covers the point ({x}, {y}); zones must cover the whole 0–100 map"
                ),
            );
        }
    }
}

const ID_RULE: &str = "id must be 1 to 64 lower-case letters, digits, '-' or '_'";

/// `[a-z0-9_-]{1,64}`: ids become file names, CSV columns and JSON keys, so nothing else is safe.
pub fn is_valid_id(id: &str) -> bool {
    (1..=limits::ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
}

/// A name as it appears in a finding: cut short, so an over-long id or label is not repeated
/// whole in every message about it.
fn shown(name: &str) -> String {
    match name.char_indices().nth(limits::ID_CHARS) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name.to_owned(),
    }
}

/// Reports `text` when it is longer than `max` characters.
fn check_chars(
    report: &mut impl FnMut(String, String),
    place: &str,
    field: &str,
    text: &str,
    max: usize,
) {
    let chars = text.chars().count();
    if chars > max {
        report(
            place.to_owned(),
            format!("{field} is {chars} characters long; at most {max} are allowed"),
        );
    }
}

/// Reports a number that is not finite or lies beyond ±[`limits::NUMBER_ABS`].
fn check_number(report: &mut impl FnMut(String, String), place: &str, field: &str, value: f64) {
    if !(value.is_finite() && value.abs() <= limits::NUMBER_ABS) {
        report(
            place.to_owned(),
            format!(
                "{field} {value} must be a number within ±{}",
                limits::NUMBER_ABS
            ),
        );
    }
}

fn list(ids: &BTreeSet<&str>) -> String {
    if ids.is_empty() {
        "(no dimensions are declared)".to_owned()
    } else {
        ids.iter()
            .map(|id| format!("\"{id}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
