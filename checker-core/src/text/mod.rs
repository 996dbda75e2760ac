//! Text analysis shared by several rule kinds.

pub mod urls;
pub mod x_count;
