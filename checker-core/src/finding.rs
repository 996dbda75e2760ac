//! What a check reports: findings with UTF-16 spans, and the length count.
//!
//! These types serialize to the stable JSON contract that the CLI prints and
//! the WebAssembly bindings return (see the README).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::context::Platform;
use crate::text::utf16;

/// How strongly a rule speaks up.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Highlighted only.
    Hint,
    /// Highlighted, and the employee is asked before posting.
    Warn,
    /// The post is held back (unless the rule is overridable).
    Block,
}

/// The guideline topic a rule belongs to. The extension and the reports group
/// and colour by it.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Confidential,
    QuietPeriod,
    CriticalTopic,
    Crisis,
    Disclosure,
    Brand,
    PersonalData,
    Secret,
    InternalLink,
    Netiquette,
    Copyright,
    Length,
    Other,
    // Not a problem: a suggestion that serves the company's goals (a
    // campaign hashtag, the careers link). Shown apart from problems, never
    // counted as one, never holding a post back (see `is_problem`).
    Campaign,
}

impl Category {
    /// Every category, in taxonomy order.
    pub const ALL: [Category; 14] = [
        Category::Confidential,
        Category::QuietPeriod,
        Category::CriticalTopic,
        Category::Crisis,
        Category::Disclosure,
        Category::Brand,
        Category::PersonalData,
        Category::Secret,
        Category::InternalLink,
        Category::Netiquette,
        Category::Copyright,
        Category::Length,
        Category::Other,
        Category::Campaign,
    ];

    /// The name used in policies and in JSON, e.g. `quiet-period`.
    pub fn name(self) -> &'static str {
        match self {
            Category::Confidential => "confidential",
            Category::QuietPeriod => "quiet-period",
            Category::CriticalTopic => "critical-topic",
            Category::Crisis => "crisis",
            Category::Disclosure => "disclosure",
            Category::Brand => "brand",
            Category::PersonalData => "personal-data",
            Category::Secret => "secret",
            Category::InternalLink => "internal-link",
            Category::Netiquette => "netiquette",
            Category::Copyright => "copyright",
            Category::Length => "length",
            Category::Other => "other",
            Category::Campaign => "campaign",
        }
    }

    /// Whether findings of this category are problems. Campaign findings
    /// are suggestions: hosts show them apart and never count or block on
    /// them, and the accuracy gate scores them separately.
    pub fn is_problem(self) -> bool {
        self != Category::Campaign
    }
}

/// A range of the checked text in UTF-16 code units, as JavaScript's
/// `String.prototype.slice` counts them. `start` is inclusive, `end` exclusive.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span of the byte range `bytes` of `text`. Offsets inside a
    /// character or past the end round as described in `text/utf16.rs`: to
    /// the next character boundary, or the end.
    pub fn from_byte_range(text: &str, bytes: Range<usize>) -> Span {
        Span {
            start: utf16::utf16_offset(text, bytes.start),
            end: utf16::utf16_offset(text, bytes.end),
        }
    }

    /// The byte range of `text` this span covers, for slicing in Rust. An
    /// offset inside a surrogate pair or past the end rounds to the next
    /// character boundary or the end, and `end` is never before `start`,
    /// so a wrong span cannot panic.
    pub fn byte_range(self, text: &str) -> Range<usize> {
        let start = utf16::byte_offset(text, self.start);
        start..utf16::byte_offset(text, self.end).max(start)
    }
}

/// A fix the employee can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Suggestion {
    /// Button text, in the check's language.
    pub label: String,
    /// The text to put in place of `span`.
    pub replacement: String,
    /// What to replace; `None` means insert at the end of the text.
    pub span: Option<Span>,
}

/// One problem in a text: which rule, where, why, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// The id of the rule that raised it.
    pub rule: String,
    pub category: Category,
    pub level: Level,
    /// Whether the employee may post anyway, knowingly.
    pub overridable: bool,
    /// Where in the text; `None` for document-level findings such as a
    /// missing disclosure.
    pub span: Option<Span>,
    /// The text under `span`, exactly.
    pub quote: Option<String>,
    pub message: String,
    pub explanation: String,
    /// The guideline section this rule comes from.
    pub link: Option<String>,
    pub suggestions: Vec<Suggestion>,
}

/// How a length is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LengthUnit {
    /// X's weighted count (twitter-text config v3).
    Weighted,
    /// Unicode code points.
    Characters,
}

/// The length of the text as the platform counts it, against its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LengthReport {
    pub platform: Platform,
    pub count: usize,
    pub limit: usize,
    pub unit: LengthUnit,
}

/// The result of one check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    /// Ordered by span start (document-level findings last), then by level,
    /// most severe first.
    pub findings: Vec<Finding>,
    /// Present when the policy has a length rule for the context's platform
    /// and surface.
    pub length: Option<LengthReport>,
}
