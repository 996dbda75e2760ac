//! Text processing shared by several rules: finding URLs, and counting
//! length as X does.

pub(crate) mod urls;
pub(crate) mod x_count;
