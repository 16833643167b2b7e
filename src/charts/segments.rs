//! stub
use plotters::coord::Shift;
use plotters::prelude::*;
use super::ChartError;
use super::data::SegmentSharesData;
use super::style::ChartStyle;
pub fn draw_segments<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &SegmentSharesData, style: &ChartStyle) -> Result<(), ChartError> {
    super::frame::not_enough_data(area, style, &data.title, &data.subtitle, "stub")
}
