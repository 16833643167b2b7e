//! Table exports: the raw answers as CSV (one row per respondent, one column per
//! `questionnaire.item`), per-project evaluations in a second file, a codebook that SPSS, R and Excel
//! users expect, and the score summary as a table, JSON or CSV. Unanswered is an empty cell and
//! "prefer not to answer" is [`DECLINED_CELL`]; choices are option ids, several joined by `;`.
//!
//! Every CSV this app writes goes through [`text_cell`], so no text cell can run as a spreadsheet
//! formula; [`read_cell`] undoes it for the import, so export then import is exact.

use crate::storage::csv_format::{CsvFiles, DECLINED_CELL, MISSING_CODES, text_cell};
use std::borrow::Cow;
use std::path::Path;

use crate::analysis::scoring::WorkshopScore;
use crate::model::item_kind::CHOICE_SEPARATOR;
use crate::model::questionnaire::Questionnaire;
use crate::model::response::{Answer, Section};
use crate::model::text::shorten;
use crate::storage::folder::WorkshopFolder;
use crate::storage::{self, Durability, Problem};

/// One column: questionnaire id, item id, and the item when the questionnaire still has it.
struct Column<'a> {
    questionnaire: &'a str,
    item: String,
}

/// Writes the answers, projects and codebook CSV files (each atomically).
pub fn export_csv(folder: &WorkshopFolder, out: &Path) -> Result<CsvFiles, Problem> {
    let files = CsvFiles::beside(out);
    let questionnaires: Vec<&Questionnaire> = used_questionnaires(folder);
    let (person, project): (Vec<&Questionnaire>, Vec<&Questionnaire>) =
        questionnaires.iter().partition(|q| !q.is_per_entry());

    let person_columns = columns(folder, &person);
    let mut answers = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id", "label", "group", "completed_at"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    header.extend(person_columns.iter().map(Column::header));
    write_record(&mut answers, &header, &files.answers)?;
    for loaded in &folder.responses {
        let response = &loaded.response;
        let mut row = vec![
            text_cell(&response.id).into_owned(),
            text_cell(response.label.as_deref().unwrap_or_default()).into_owned(),
            text_cell(response.group.as_deref().unwrap_or_default()).into_owned(),
            response
                .completed_at
                .map(|t| t.to_rfc3339())
                .unwrap_or_default(),
        ];
        for column in &person_columns {
            let section = response.sections_of(column.questionnaire).next();
            row.push(section.map(|s| cell(s, &column.item)).unwrap_or_default());
        }
        write_record(&mut answers, &row, &files.answers)?;
    }

    let project_columns = columns(folder, &project);
    let mut projects = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "respondent_id",
        "label",
        "group",
        "questionnaire",
        "project",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(project_columns.iter().map(Column::header));
    write_record(&mut projects, &header, &files.projects)?;
    for loaded in &folder.responses {
        let response = &loaded.response;
        for section in &response.sections {
            if !project.iter().any(|q| q.id == section.questionnaire) {
                continue;
            }
            let mut row: Vec<String> = [
                response.id.as_str(),
                response.label.as_deref().unwrap_or_default(),
                response.group.as_deref().unwrap_or_default(),
                section.questionnaire.as_str(),
                section.project.as_deref().unwrap_or_default(),
            ]
            .into_iter()
            .map(|text| text_cell(text).into_owned())
            .collect();
            for column in &project_columns {
                row.push(if column.questionnaire == section.questionnaire {
                    cell(section, &column.item)
                } else {
                    String::new()
                });
            }
            write_record(&mut projects, &row, &files.projects)?;
        }
    }

    let mut codebook = csv::Writer::from_writer(Vec::new());
    write_record(
        &mut codebook,
        &[
            "questionnaire",
            "item",
            "text",
            "dimension",
            "kind",
            "min",
            "max",
            "reverse",
            "labels",
            "missing",
        ],
        &files.codebook,
    )?;
    for questionnaire in &questionnaires {
        for item in &questionnaire.items {
            let (min, max) = item
                .kind
                .value_range()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .unwrap_or_default();
            let labels = item.kind.codebook_labels();
            write_record(
                &mut codebook,
                &[
                    text_cell(&questionnaire.id),
                    text_cell(&item.id),
                    text_cell(&item.text),
                    text_cell(item.dimension.as_deref().unwrap_or("")),
                    Cow::Borrowed(item.kind.name()),
                    Cow::Owned(min),
                    Cow::Owned(max),
                    Cow::Borrowed(if item.reverse { "true" } else { "false" }),
                    text_cell(&labels),
                    Cow::Borrowed(MISSING_CODES),
                ],
                &files.codebook,
            )?;
        }
    }

    for (writer, path) in [
        (answers, &files.answers),
        (projects, &files.projects),
        (codebook, &files.codebook),
    ] {
        let bytes = writer
            .into_inner()
            .map_err(|error| Problem::unwritable(path, error.to_string()))?;
        storage::write_atomic(path, &bytes, Durability::Synced).map_err(|error| {
            Problem::unwritable(path, format!("could not write the file: {error}"))
        })?;
    }
    Ok(files)
}

impl Column<'_> {
    fn header(&self) -> String {
        text_cell(&format!("{}.{}", self.questionnaire, self.item)).into_owned()
    }
}

fn write_record<S: AsRef<str>>(
    writer: &mut csv::Writer<Vec<u8>>,
    record: &[S],
    path: &Path,
) -> Result<(), Problem> {
    writer
        .write_record(record.iter().map(|cell| cell.as_ref().as_bytes()))
        .map_err(|error| Problem::unwritable(path, error.to_string()))
}

/// The questionnaires the workshop uses plus any its responses answered, that are installed.
fn used_questionnaires(folder: &WorkshopFolder) -> Vec<&Questionnaire> {
    let mut ids = folder.workshop.questionnaires.clone();
    for loaded in &folder.responses {
        for section in &loaded.response.sections {
            if !ids.iter().any(|id| *id == section.questionnaire) {
                ids.push(section.questionnaire.to_string());
            }
        }
    }
    ids.iter().filter_map(|id| folder.catalog.get(id)).collect()
}

/// Every item of the questionnaires, then answers to items no longer in them (kept, never dropped).
fn columns<'a>(folder: &WorkshopFolder, questionnaires: &[&'a Questionnaire]) -> Vec<Column<'a>> {
    let mut columns = Vec::new();
    for questionnaire in questionnaires {
        for item in &questionnaire.items {
            columns.push(Column {
                questionnaire: &questionnaire.id,
                item: item.id.clone(),
            });
        }
        let mut orphans: Vec<String> = folder
            .responses
            .iter()
            .flat_map(|loaded| loaded.response.sections_of(&questionnaire.id))
            .flat_map(|section| section.answers.keys())
            .filter(|id| questionnaire.item(id).is_none())
            .map(|id| id.to_string())
            .collect();
        orphans.sort();
        orphans.dedup();
        columns.extend(orphans.into_iter().map(|item| Column {
            questionnaire: &questionnaire.id,
            item,
        }));
    }
    columns
}

/// One answer as its cell: numbers as numbers, everything else guarded as text.
fn cell(section: &Section, item: &str) -> String {
    match section.answers.get(item) {
        Some(Answer::Value(value)) => value.to_string(),
        Some(Answer::Choice(id)) => text_cell(id).into_owned(),
        Some(Answer::Choices(ids)) => text_cell(&ids.join(CHOICE_SEPARATOR)).into_owned(),
        Some(Answer::Text(text)) => text_cell(text).into_owned(),
        Some(Answer::Declined) => DECLINED_CELL.to_owned(),
        None => String::new(),
    }
}

/// The score summary as a CSV table: one row per questionnaire dimension.
pub fn score_csv(score: &WorkshopScore) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "questionnaire",
        "dimension",
        "title",
        "n",
        "mean",
        "sd",
        "median",
        "min",
        "max",
        "band",
        "withheld",
    ];
    let _ = writer.write_record(header);
    let number = |value: Option<f64>| value.map(|v| format!("{v:.4}")).unwrap_or_default();
    for questionnaire in &score.questionnaires {
        for dimension in &questionnaire.dimensions {
            let summary = &dimension.summary;
            let _ = writer.write_record([
                text_cell(&questionnaire.id).into_owned(),
                text_cell(&dimension.id).into_owned(),
                text_cell(&dimension.title).into_owned(),
                summary.n.to_string(),
                number(summary.mean),
                number(summary.sd),
                number(summary.median),
                number(summary.min),
                number(summary.max),
                dimension
                    .band
                    .as_ref()
                    .map(|b| text_cell(&b.label).into_owned())
                    .unwrap_or_default(),
                dimension.withheld.clone().unwrap_or_default(),
            ]);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The score summary as a plain-text table for the terminal.
pub fn score_table(score: &WorkshopScore) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let number = |value: Option<f64>| {
        value
            .map(|v| format!("{v:.2}"))
            .unwrap_or_else(|| "–".into())
    };
    let _ = writeln!(
        out,
        "{} — {}{}",
        score.title,
        crate::model::text::count(score.respondents, "respondent", "respondents"),
        score.date.map(|d| format!(", {d}")).unwrap_or_default()
    );
    if let Some(group) = &score.group {
        let _ = writeln!(out, "Group: {group}");
    }
    for questionnaire in &score.questionnaires {
        let _ = writeln!(
            out,
            "\n{} (n = {})",
            questionnaire.title, questionnaire.respondents
        );
        let _ = writeln!(
            out,
            "  {:<34} {:>5} {:>6} {:>6} {:>6}  band",
            "dimension", "n", "mean", "sd", "median"
        );
        for dimension in &questionnaire.dimensions {
            let s = &dimension.summary;
            let _ = writeln!(
                out,
                "  {:<34} {:>5} {:>6} {:>6} {:>6}  {}",
                shorten(&dimension.title, 34),
                s.n,
                number(s.mean),
                number(s.sd),
                number(s.median),
                match (&dimension.withheld, &dimension.band) {
                    (Some(reason), _) => format!("withheld: {reason}"),
                    (None, band) => band.as_ref().map(|b| b.label.clone()).unwrap_or_default(),
                }
            );
        }
        if let Some(segments) = &questionnaire.segments {
            let _ = writeln!(
                out,
                "  Segments (rule {}, {} classified):",
                segments.rule, segments.classified
            );
            if let Some(reason) = &segments.withheld {
                let _ = writeln!(out, "    withheld: {reason}");
            }
            let shown = segments.withheld.is_none();
            for segment in segments.segments.iter().filter(|_| shown) {
                let _ = writeln!(
                    out,
                    "    {:<16} {:>4}  {:>5.1}%  (95% CI {:.1}–{:.1}%){}",
                    segment.title,
                    segment.share.count,
                    segment.share.share * 100.0,
                    segment.share.ci_low * 100.0,
                    segment.share.ci_high * 100.0,
                    segment
                        .benchmark
                        .map(|b| format!("  benchmark {:.0}%", b * 100.0))
                        .unwrap_or_default()
                );
            }
        }
        if !questionnaire.roadblocks.is_empty() {
            let _ = writeln!(out, "  Ranked, weakest first:");
            for rank in &questionnaire.roadblocks {
                let band = rank.band.as_ref();
                let _ = writeln!(
                    out,
                    "    {}. {} ({}) {} → {}",
                    rank.rank
                        .map_or_else(|| "–".to_owned(), |rank| rank.to_string()),
                    rank.title,
                    number(rank.mean),
                    band.map(|b| b.label.as_str()).unwrap_or(""),
                    band.map(|b| b.owner.label()).unwrap_or("")
                );
            }
        }
        for entry in &questionnaire.entries {
            let noun = questionnaire.asked_per.noun();
            if let Some(reason) = &entry.withheld {
                let _ = writeln!(out, "  {noun} \"{}\": withheld: {reason}", entry.entry);
                continue;
            }
            let cells: Vec<String> = entry
                .dimensions
                .iter()
                .map(|d| match (&d.withheld, &d.band) {
                    (Some(_), _) => format!("{} withheld", d.title),
                    (None, band) => format!(
                        "{} {}{}",
                        d.title,
                        number(d.summary.mean),
                        band.as_ref()
                            .map(|b| format!(" {}", b.label))
                            .unwrap_or_default()
                    ),
                })
                .collect();
            let _ = writeln!(
                out,
                "  {noun} \"{}\" ({} evaluations): {}",
                entry.entry,
                entry.evaluations,
                cells.join("; ")
            );
        }
        if let Some(placement) = &questionnaire.placement {
            for project in &placement.projects {
                if let Some(reason) = &project.withheld {
                    let _ = writeln!(out, "  Project \"{}\": withheld: {reason}", project.project);
                    continue;
                }
                let _ = writeln!(
                    out,
                    "  Project \"{}\": {} {} / {} {} → {}",
                    project.project,
                    placement.x_label,
                    number(project.x),
                    placement.y_label,
                    number(project.y),
                    project.zone_label.as_deref().unwrap_or("unplaced")
                );
            }
        }
    }
    if !score.suppressed_groups.is_empty() {
        let _ = writeln!(
            out,
            "\nNot reported apart (fewer than {}, or would reveal others by subtraction): {}",
            crate::model::text::count(score.anonymity_threshold, "answer", "answers"),
            score.suppressed_groups.join(", ")
        );
    }
    for problem in &score.problems {
        let _ = writeln!(out, "problem: {problem}");
    }
    for warning in &score.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::csv_format::{Cell, read_cell, unguard};

    #[test]
    fn formula_starts_are_guarded_and_read_back_exactly() {
        let cases = [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@a", "'@a"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'tis", "''tis"),
            ("'", "''"),
            ("DECLINED", "'DECLINED"),
            ("plain", "plain"),
            ("5", "5"),
            ("a=b", "a=b"),
            ("declined", "declined"),
            ("", ""),
        ];
        for (text, written) in cases {
            assert_eq!(text_cell(text), written, "{text:?}");
            assert_eq!(unguard(written), text, "{written:?}");
            let expected = if text.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(text)
            };
            assert_eq!(read_cell(written), expected, "{written:?}");
        }
        assert_eq!(read_cell(DECLINED_CELL), Cell::Declined);
        // A hand-typed apostrophe that the export would not have added is kept.
        assert_eq!(read_cell("'tis"), Cell::Text("'tis"));
    }
}
