//! stub
use plotters::coord::Shift;
use plotters::prelude::*;
use super::ChartError;
use super::data::ComparisonData;
use super::style::ChartStyle;
pub fn draw_compare<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &ComparisonData, style: &ChartStyle) -> Result<(), ChartError> {
    super::frame::not_enough_data(area, style, &data.title, &data.subtitle, "stub")
}
