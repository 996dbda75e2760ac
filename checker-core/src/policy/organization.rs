//! The `organization` section of a policy: who the employer is.
//!
//! The built-in `organization` pack turns it into rules (disclosure, brand
//! spelling, handles, critical topics, and nudges toward the careers page
//! and current campaigns), and detectors read it (official addresses,
//! internal domains).

use serde::{Deserialize, Serialize};

use crate::context::{Active, Lang, Localized};

/// The keys of [`Organization`] that hold lists of strings; the reader
/// reads them item by item.
pub(crate) const ORGANIZATION_LISTS: [&str; 5] = [
    "aliases",
    "handles",
    "products",
    "disclosures",
    "internal_domains",
];

/// Who the company is, as the rules need to know it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The name as the company spells it, e.g. `Acme`.
    pub name: String,
    /// Other names the company goes by, e.g. `Acme Corp`, `ACME GmbH`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Social handles, e.g. `@acme`, `@acme_de`.
    #[serde(default)]
    pub handles: Vec<String>,
    /// Product names as the company spells them.
    #[serde(default)]
    pub products: Vec<String>,
    /// Where the social-media guideline lives.
    #[serde(default)]
    pub guideline_url: Option<String>,
    /// Whom employees can ask, by role, e.g. `press`.
    #[serde(default)]
    pub contacts: std::collections::BTreeMap<String, Contact>,
    /// Phrases that disclose employment, e.g. `#employee`, `views are my own`.
    #[serde(default)]
    pub disclosures: Vec<String>,
    /// The disclosure the fix appends, per language.
    #[serde(default)]
    pub preferred_disclosure: Option<Localized>,
    /// Hosts that must not appear in public posts, e.g. `intranet.acme.example`.
    /// Subdomains are included.
    #[serde(default)]
    pub internal_domains: Vec<String>,
    /// What the company asks of employees' own profiles. The `organization`
    /// pack's profile rules run only for what is asked here.
    #[serde(default)]
    pub profile: Option<ProfileGuideline>,
    /// The public page of job openings, e.g. `https://acme.example/careers`.
    /// The `org.careers` nudge suggests it when a post mentions openings.
    #[serde(default)]
    pub careers_url: Option<String>,
    /// Campaigns employees can support; the `org.campaign` nudge suggests
    /// a campaign's hashtag when a post is about its topic.
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
}

/// How employees who name their employer present it in their profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileGuideline {
    /// The headline spells the company's name officially
    /// (`org.profile-name`, a warning with the official spelling as fix).
    #[serde(default)]
    pub official_name: bool,
    /// An X bio that names the employer needs one of these, e.g. `Views are
    /// my own`, `Meinung privat` (`org.profile-bio-disclosure`). Empty: not
    /// checked.
    #[serde(default)]
    pub bio_disclosures: Vec<String>,
    /// What the fix appends to such a bio, per language. Default: the first
    /// of `bio_disclosures`.
    #[serde(default)]
    pub preferred_bio_disclosure: Option<Localized>,
}

impl Organization {
    /// Whether the section asks for what a pack's `switched_on_by` names
    /// (`profile.official_name`, `profile.bio_disclosures`); `None` for a
    /// name the section does not have.
    pub(crate) fn asks_for(&self, switch: &str) -> Option<bool> {
        let profile = self.profile.as_ref();
        match switch {
            "profile.official_name" => Some(profile.is_some_and(|profile| profile.official_name)),
            "profile.bio_disclosures" => Some(profile.is_some_and(|profile| {
                profile
                    .bio_disclosures
                    .iter()
                    .any(|phrase| !phrase.trim().is_empty())
            })),
            _ => None,
        }
    }
}

/// A campaign of the company: its hashtag, its topic, and when it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// The hashtag to suggest, e.g. `#AcmeGreenWeek`.
    pub hashtag: String,
    /// Words and phrases that make a post about the campaign, e.g.
    /// `Nachhaltigkeit`, `sustainability`.
    pub topics: Vec<String>,
    /// When the campaign runs (`from`, `until`, either open); without it,
    /// always.
    #[serde(default)]
    pub active: Option<Active>,
}

/// A person or team employees can turn to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who it is, e.g. `Pressestelle`, or per language:
    /// `{"de": "Pressestelle", "en": "Press office"}`.
    #[serde(default)]
    pub name: Option<ContactName>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A contact's name: one for every language, or one per language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum ContactName {
    /// The same name in every language.
    Plain(String),
    /// A name per language, e.g. `{"de": "Pressestelle", "en": "Press office"}`.
    Localized(Localized),
}

impl ContactName {
    /// The name for a reader of `lang`, picked like every localized text.
    pub fn pick(&self, lang: Lang, fallback: Lang) -> Option<&str> {
        match self {
            ContactName::Plain(name) => Some(name),
            ContactName::Localized(names) => names.pick(lang, fallback),
        }
    }
}

impl<'de> Deserialize<'de> for ContactName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ContactName, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(name) => Ok(ContactName::Plain(name)),
            value @ serde_json::Value::Object(_) => serde_json::from_value(value)
                .map(ContactName::Localized)
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom(
                "expected a name or names per language, e.g. {\"de\": \"Pressestelle\", \"en\": \"Press office\"}",
            )),
        }
    }
}
