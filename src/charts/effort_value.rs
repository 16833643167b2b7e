//! stub
use plotters::coord::Shift;
use plotters::prelude::*;
use super::ChartError;
use super::data::EffortValueData;
use super::style::ChartStyle;
pub fn draw_effort_value<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &EffortValueData, style: &ChartStyle) -> Result<(), ChartError> {
    super::frame::not_enough_data(area, style, &data.title, &data.subtitle, "stub")
}
