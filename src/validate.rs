//! Checks a parsed questionnaire for meaning, beyond what the RON parser catches: duplicate ids,
//! unknown dimensions, show-if conditions pointing forward or at unknown items, label counts that do
//! not match the points, empty options, and bands, rules and zones that cannot work. Each finding
//! names the part of the file it concerns and what was expected.

use std::collections::BTreeSet;

use crate::questionnaire::{Condition, ItemKind, Questionnaire};

/// Every meaning problem in `questionnaire`, e.g. `item "silos_2": show_if refers to "silos_9",
/// which comes later; a condition can only look back`. Empty when the questionnaire is valid.
pub fn validate(questionnaire: &Questionnaire) -> Vec<String> {
    let mut findings = Vec::new();
    let mut report = |place: String, message: String| findings.push(format!("{place}: {message}"));
    let q = questionnaire;

    if !is_valid_id(&q.id) {
        report(
            format!("questionnaire \"{}\"", q.id),
            "id must be non-empty lower-case letters, digits, '-' or '_'".into(),
        );
    }
    if q.title.trim().is_empty() {
        report(
            "questionnaire".into(),
            "title is empty; give it a title".into(),
        );
    }
    if q.items.is_empty() {
        report(
            "questionnaire".into(),
            "has no items; add at least one".into(),
        );
    }

    let mut dimension_ids = BTreeSet::new();
    for dimension in &q.dimensions {
        let place = format!("dimension \"{}\"", dimension.id);
        if !dimension_ids.insert(dimension.id.as_str()) {
            report(
                place.clone(),
                "duplicate dimension id; ids must be unique".into(),
            );
        }
        if !is_valid_id(&dimension.id) {
            report(
                place.clone(),
                "id must be lower-case letters, digits, '-' or '_'".into(),
            );
        }
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
        let place = format!("item \"{}\"", item.id);
        if !item_ids.insert(item.id.as_str()) {
            report(
                place.clone(),
                "duplicate item id; ids must be unique".into(),
            );
        }
        if !is_valid_id(&item.id) {
            report(
                place.clone(),
                "id must be lower-case letters, digits, '-' or '_'".into(),
            );
        }
        if item.text.trim().is_empty() {
            report(place.clone(), "text is empty; write the question".into());
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
        if !(item.weight.is_finite() && item.weight > 0.0) {
            report(
                place.clone(),
                format!("weight {} must be a positive number", item.weight),
            );
        }
        if item.reverse && !item.kind.is_scored() {
            report(place.clone(), "reverse applies only to scored items".into());
        }
        match &item.kind {
            ItemKind::Likert { points, labels } => {
                if *points < 2 {
                    report(
                        place.clone(),
                        format!("{points} points; a scale needs at least 2"),
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
            }
            ItemKind::Scale { min, max, .. } if min >= max => {
                report(
                    place.clone(),
                    format!("scale from {min} to {max}; min must be below max"),
                );
            }
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                if options.is_empty() {
                    report(place.clone(), "has no options; add at least one".into());
                }
                let mut seen = BTreeSet::new();
                for option in options {
                    if !seen.insert(option.id.as_str()) {
                        report(
                            place.clone(),
                            format!("duplicate option id \"{}\"", option.id),
                        );
                    }
                }
            }
            ItemKind::Count { max: 0 } => {
                report(
                    place.clone(),
                    "count with max 0; expected a max of at least 1".into(),
                );
            }
            _ => {}
        }
        if let Some(show_if) = &item.show_if {
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
                        Condition::Chosen(id) => match kind {
                            ItemKind::SingleChoice { options }
                            | ItemKind::MultipleChoice { options } => {
                                options.iter().any(|option| &option.id == id)
                            }
                            _ => false,
                        },
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
        let place = format!("bands for \"{}\"", bands.dimension);
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
        let (min, max) = crate::scoring::dimension_range(q, &bands.dimension);
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
        for (name, axis) in [("x", &classification.x), ("y", &classification.y)] {
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
            let place = format!("classification rule \"{}\"", rule.id);
            if !rule_ids.insert(rule.id.as_str()) {
                report(place.clone(), "duplicate rule id".into());
            }
            if !(rule.x_at_least.is_finite() && rule.y_at_least.is_finite()) {
                report(place.clone(), "thresholds must be numbers".into());
            }
            if let Some(benchmark) = &rule.benchmark {
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
        for zone in &placement.zones {
            let in_range = |(a, b): (f64, f64)| 0.0 <= a && a < b && b <= 100.0;
            if !(in_range(zone.x) && in_range(zone.y)) {
                report(
                    format!("placement zone \"{}\"", zone.id),
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

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
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
