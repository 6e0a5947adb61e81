//! Building blocks every capability uses: Swedish order, numbers and text folding, tables in and out, calendars and holidays, statistics, the check of text and pictures as they enter, and what a bulk action reached.

pub mod calendar;
pub mod codes;
pub mod collation;
pub mod columns;
pub mod email;
pub mod export;
pub mod holidays;
pub mod image;
pub mod input;
pub mod reach;
pub mod stats;
pub mod tabular;
pub mod text;
