//! Adapters from scoring results to chart data (to come).
