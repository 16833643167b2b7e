//! The `chart` and `charts` commands: score the workshop, pick the chart data from the score and
//! write PNG or SVG through the one atomic writer.

use super::*;

/// Size, look and selection of a `chart` command.
pub(super) struct ChartSettings {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) scale: f64,
    pub(super) theme: String,
    pub(super) group: Option<String>,
    pub(super) rule: Option<String>,
}

pub(super) fn parse_theme(
    theme: &str,
    dir: &Path,
) -> Result<crate::outputs::charts::Theme, Failure> {
    theme
        .parse()
        .map_err(|message: String| Failure::from(Problem::new(dir, message)))
}

/// Scores the workshop for charting; an empty workshop is invalid input for a chart.
fn score_for_charts(
    dir: &Path,
    paths: &Paths,
    rule: Option<String>,
    group: Option<String>,
) -> Result<scoring::WorkshopScore, Failure> {
    let folder = open_target(dir, paths)?;
    let score = scoring::score_workshop(&folder, &ScoreOptions { rule, group });
    if score.respondents == 0 {
        return Err(Failure::from(Problem::new(
            dir,
            "no completed responses yet; there is nothing to chart",
        )));
    }
    Ok(score)
}

pub(super) fn chart(
    dir: &Path,
    paths: &Paths,
    kind: &str,
    file: &Path,
    settings: ChartSettings,
    out: &mut dyn Write,
) -> CommandResult {
    use crate::outputs::charts::{self, ChartKind, ExportOptions};
    refuse_stdout(
        file,
        "standard output cannot say whether the chart is PNG or SVG; name a file ending in .png \
         or .svg",
    )?;
    let kind: ChartKind = kind
        .parse()
        .map_err(|error: charts::ChartError| Failure::from(Problem::new(dir, error.to_string())))?;
    let options = ExportOptions {
        width_px: settings.width,
        height_px: settings.height,
        scale: settings.scale,
        theme: parse_theme(&settings.theme, dir)?,
    };
    options
        .pixel_size()
        .map_err(|error| Failure::from(Problem::new(file, error.to_string())))?;
    let score = score_for_charts(dir, paths, settings.rule, settings.group)?;
    let data = charts::from_score::chart_for(kind, &score)
        .map_err(|error| Failure::from(Problem::new(dir, error.to_string())))?;
    export_chart(file, &data, &options)?;
    let _ = writeln!(out, "wrote {}", file.display());
    Ok(EXIT_OK)
}

/// Writes a chart to the file the user named: an extension we cannot write is their input to fix
/// (exit 1), anything else (an unwritable folder, say) an error (exit 2).
pub(super) fn export_chart(
    file: &Path,
    data: &crate::outputs::charts::ChartData,
    options: &crate::outputs::charts::ExportOptions,
) -> Result<(), Failure> {
    crate::outputs::charts::export(file, data, options)
        .map_err(|error| Failure::from(chart_problem(file, &error)))
}

/// A chart that could not be exported: an extension we cannot write is the user's input to fix;
/// every other failure happened while writing.
fn chart_problem(file: &Path, error: &crate::outputs::charts::ChartError) -> Problem {
    use crate::outputs::charts::ChartError;
    let problem = Problem::new(file, error.to_string());
    match error {
        ChartError::UnsupportedFormat { .. }
        | ChartError::UnknownKind(_)
        | ChartError::InvalidSize { .. }
        | ChartError::NotApplicable { .. } => problem,
        ChartError::Font
        | ChartError::Draw(_)
        | ChartError::Encode(_)
        | ChartError::Write { .. } => problem.with_kind(ProblemKind::Unwritable),
    }
}

pub(super) fn all_charts(
    dir: &Path,
    paths: &Paths,
    out_dir: &Path,
    theme: &str,
    rule: Option<String>,
    out: &mut dyn Write,
) -> CommandResult {
    use crate::outputs::charts::{self, ExportOptions};
    let options = ExportOptions {
        theme: parse_theme(theme, dir)?,
        ..ExportOptions::default()
    };
    let score = score_for_charts(dir, paths, rule, None)?;
    std::fs::create_dir_all(out_dir).map_err(|error| {
        Failure::from(Problem::unwritable(
            out_dir,
            format!("could not create the folder: {error}"),
        ))
    })?;
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for (questionnaire, data) in charts::from_score::charts_for(&score) {
        // The id comes from a file: slugged, so `../x` cannot leave the folder. Several item charts
        // per questionnaire (or ids slugging alike) are numbered so no file overwrites another.
        let stem = format!("{}-{}", storage::slug(&questionnaire), data.kind().as_str());
        let count = seen.entry(stem.clone()).or_default();
        *count += 1;
        let stem = if *count == 1 {
            stem
        } else {
            format!("{stem}-{count}")
        };
        for extension in ["png", "svg"] {
            let path = out_dir.join(format!("{stem}.{extension}"));
            charts::export(&path, &data, &options)
                .map_err(|error| Failure::from(chart_problem(&path, &error)))?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
    }
    Ok(EXIT_OK)
}
