//! stub
use plotters::coord::Shift;
use plotters::prelude::*;
use super::ChartError;
use super::data::RoadblockData;
use super::style::ChartStyle;
pub fn draw_roadblock_radar<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &RoadblockData, style: &ChartStyle) -> Result<(), ChartError> {
    super::frame::not_enough_data(area, style, &data.title, &data.subtitle, "stub")
}
pub fn draw_roadblock_bars<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &RoadblockData, style: &ChartStyle) -> Result<(), ChartError> {
    super::frame::not_enough_data(area, style, &data.title, &data.subtitle, "stub")
}
