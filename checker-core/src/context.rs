//! The check context: where and when a text is being written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The site a text is written on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Linkedin,
    X,
    Generic,
}

/// The kind of compose box on that site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Surface {
    Post,
    Comment,
    Reply,
    Message,
    /// A field of the writer's own profile; which one is the context's
    /// `field`.
    Profile,
}

/// A field of a profile (surface `profile`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The display name.
    Name,
    /// LinkedIn's headline under the name (220 characters).
    Headline,
    /// LinkedIn's "About" section (2,600 characters).
    About,
    /// X's bio (160 characters).
    Bio,
    Location,
}

/// A language Postlint speaks. Messages in a policy are keyed by these codes.
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
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// Every language, in the order of their codes.
    pub(crate) const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The code policies and locales use.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The order in which a text for a reader of `self` is picked: their
    /// language, the policy's `fallback_language`, then any other. The one
    /// language picker: messages, suggestions and labels all follow it.
    pub(crate) fn preference(self, fallback: Lang) -> impl Iterator<Item = Lang> {
        [self, fallback].into_iter().chain(Lang::ALL)
    }
}

/// A text in several languages, e.g. `{"de": "…", "en": "…"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<Lang, String>);

impl Localized {
    /// The text for `lang`, picked in [`Lang::preference`] order.
    pub(crate) fn pick(&self, lang: Lang, fallback: Lang) -> Option<&str> {
        lang.preference(fallback)
            .find_map(|lang| self.0.get(&lang))
            .map(String::as_str)
    }
}

/// A kind of media attached to a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentKind {
    Image,
    Video,
    Document,
}

/// Attachments of one kind and how many there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Attachment {
    pub kind: AttachmentKind,
    pub count: u32,
    /// How many of `count` have no description (alt text) where the site
    /// offers one. Sites without descriptions report 0.
    #[serde(default)]
    pub undescribed: u32,
}

/// A date window; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Active {
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
}

impl Active {
    /// Whether `date` lies in the window; no date counts as inside.
    pub(crate) fn contains(&self, date: Option<Date>) -> bool {
        date.is_none_or(|date| {
            self.from.is_none_or(|from| from <= date)
                && self.until.is_none_or(|until| date <= until)
        })
    }
}

/// A calendar date, `YYYY-MM-DD`, used for `active` windows.
///
/// Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, or `None` when it does not exist (e.g. 2026-02-30).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    ///
    /// ```
    /// use checker_core::Date;
    /// assert!(Date::parse("2026-11-27").is_some());
    /// assert!(Date::parse("2026-02-30").is_none());
    /// assert!(Date::parse("27.11.2026").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let digits = &text[range];
            digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse().ok())?
        };
        Date::new(number(0..4)?, number(5..7)? as u8, number(8..10)? as u8)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date of the form YYYY-MM-DD"))
        })
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

/// Everything about a check except the text itself.
///
/// Rules can be limited to platforms, surfaces, profile fields and dates; the language picks
/// which translation of messages a finding carries; attachments drive
/// context rules such as the copyright reminder; the department picks the
/// policy's `departments` overlay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckContext {
    #[serde(default = "CheckContext::default_platform")]
    pub platform: Platform,
    #[serde(default = "CheckContext::default_surface")]
    pub surface: Surface,
    /// The day of writing. `None` means rules with an `active` window are
    /// treated as active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The language of the user interface, for messages.
    #[serde(default = "CheckContext::default_lang")]
    pub lang: Lang,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The profile field being edited; only with surface `profile`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    /// The writer's department, an id of the policy's `departments`: its
    /// rules and overrides apply on top of the policy's. `None`, or an id
    /// the policy does not define, means the policy's own rules only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

impl CheckContext {
    fn default_platform() -> Platform {
        Platform::Generic
    }
    fn default_surface() -> Surface {
        Surface::Post
    }
    fn default_lang() -> Lang {
        Lang::En
    }

    /// A post on `platform`, in English, with no date and no attachments.
    pub fn new(platform: Platform) -> CheckContext {
        CheckContext {
            platform,
            ..CheckContext::default()
        }
    }
}

impl Default for CheckContext {
    fn default() -> CheckContext {
        CheckContext {
            platform: Platform::Generic,
            surface: Surface::Post,
            date: None,
            lang: Lang::En,
            attachments: Vec::new(),
            field: None,
            department: None,
        }
    }
}
