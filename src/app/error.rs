//! What can go wrong in the window itself, as values: the screens show them (their `Display` is
//! the sentence the user reads) and tests match on the variant instead of the wording.

use crate::outputs::charts::ChartError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The results changed (a refresh, another filter) since the chart was chosen.
    #[error("This chart is no longer available.")]
    ChartGone,
    /// The rendered chart had nowhere to be cached (its slot vanished while drawing).
    #[error("The chart could not be kept.")]
    ChartNotKept,
    /// Rendering the chart for the window failed.
    #[error("The chart could not be drawn: {0}")]
    ChartDraw(ChartError),
    /// Writing the chart to the file the user chose failed.
    #[error(transparent)]
    ChartExport(ChartError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_sentences_and_keep_the_cause() {
        assert_eq!(
            AppError::ChartGone.to_string(),
            "This chart is no longer available."
        );
        let error = AppError::ChartDraw(ChartError::Draw("out of memory".to_owned()));
        assert!(
            error
                .to_string()
                .starts_with("The chart could not be drawn: "),
            "{error}"
        );
        assert!(error.to_string().contains("out of memory"), "{error}");
    }
}
