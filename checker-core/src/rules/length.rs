//! `length`: the post is longer than the platform allows.
//!
//! ## What it checks
//! The length of the text as the platform counts it, against the limit for
//! the platform and surface (post, comment, reply, message), and on a
//! profile against the limit of its field:
//! - X counts weighted characters (twitter-text configuration v3): most
//!   Latin, Greek and Cyrillic characters 1, CJK characters and emoji 2, a
//!   whole emoji sequence 2, every link 23 whatever its length; after NFC
//!   normalisation. Default limit 280 for posts, comments and replies.
//! - LinkedIn counts characters (Unicode code points). Default limits 3,000
//!   for posts, 1,250 for comments and replies.
//! - Messages and other sites have no limit unless the policy sets one.
//! - Profile fields count characters on every site, as the profile forms
//!   do. Default limits: LinkedIn's headline 220 and about 2,600, X's bio
//!   160; other fields none unless the policy sets one.
//!
//! The finding spans the overflow, from the first character past the limit
//! to the end, which is the part X highlights in its composer. The count
//! itself is reported as the check's `length` (e.g. `281 / 280`).
//!
//! ## Why it matters
//! The platform refuses or cuts an over-long post, often after the employee
//! has finished polishing it; showing the overflow while typing avoids a
//! last-minute rewrite, and cut-off sentences can change what a post says.
//!
//! ## Example
//! A 300-character announcement on X:
//! ```text
//! Wir freuen uns riesig, heute unser neues Werk in Leipzig zu eröffnen … (300 Zeichen)
//! ```
//!
//! ## Fix
//! Shorten the highlighted part, or split the text into a thread. Links cost
//! 23 characters on X however long they are, so long URLs need no shortener.

use serde::{Deserialize, Deserializer};
use unicode_segmentation::GraphemeCursor;

use super::CompileEnv;
use crate::context::{CheckContext, Field, Platform, Surface};
use crate::document::Document;
use crate::finding::{LengthReport, LengthUnit};
use crate::problem::Problem;
use crate::rules::{CompileKind, Hit, RuleKind};
use crate::text::x_count::{count_weighted, X_POST_LIMIT};

/// Length limits per platform and surface.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Limits on X by surface, in X's weighted characters: a number sets a
    /// limit, `null` removes it. A surface left out keeps X's own limit:
    /// 280 for posts, comments and replies; none for messages. X Premium:
    /// `{"post": 25000}`. `profile` sets limits per profile field, in
    /// characters: `{"profile": {"bio": 160}}` is X's own.
    #[serde(default)]
    x: SurfaceLimits,
    /// Limits on LinkedIn by surface, in characters. A surface left out
    /// keeps LinkedIn's own limit: 3000 for posts, 1250 for comments and
    /// replies; none for messages. `profile`: LinkedIn's own are
    /// `{"headline": 220, "about": 2600}`.
    #[serde(default)]
    linkedin: SurfaceLimits,
    /// Limits on other sites by surface, in characters; none unless set.
    #[serde(default)]
    generic: SurfaceLimits,
}

/// Limits by surface. A number sets the limit, `null` removes it, a missing
/// key keeps the platform's default.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct SurfaceLimits {
    /// Posts.
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    post: Option<Option<usize>>,
    /// Comments.
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    comment: Option<Option<usize>>,
    /// Replies to comments or posts.
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    reply: Option<Option<usize>>,
    /// Direct messages.
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    message: Option<Option<usize>>,
    /// Profile fields, in characters, e.g. `{"headline": 120}`.
    #[serde(default)]
    profile: FieldLimits,
}

/// Limits by profile field, like [`SurfaceLimits`].
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct FieldLimits {
    /// The display name.
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    name: Option<Option<usize>>,
    /// LinkedIn's headline (default 220).
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    headline: Option<Option<usize>>,
    /// LinkedIn's about section (default 2600).
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    about: Option<Option<usize>>,
    /// X's bio (default 160).
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    bio: Option<Option<usize>>,
    /// The location.
    #[serde(default, deserialize_with = "set_or_removed")]
    #[schemars(with = "Option<usize>")]
    location: Option<Option<usize>>,
}

/// Tells an explicit `null` (`Some(None)`) from a missing key (`None`).
fn set_or_removed<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<usize>>, D::Error> {
    Option::<usize>::deserialize(deserializer).map(Some)
}

const SURFACES: [(Surface, &str); 4] = [
    (Surface::Post, "post"),
    (Surface::Comment, "comment"),
    (Surface::Reply, "reply"),
    (Surface::Message, "message"),
];

/// Platform defaults, in the order of [`SURFACES`].
const X_DEFAULTS: [Option<usize>; 4] = [
    Some(X_POST_LIMIT),
    Some(X_POST_LIMIT),
    Some(X_POST_LIMIT),
    None,
];
const LINKEDIN_DEFAULTS: [Option<usize>; 4] = [Some(3000), Some(1250), Some(1250), None];
const GENERIC_DEFAULTS: [Option<usize>; 4] = [None; 4];

const FIELDS: [(Field, &str); 5] = [
    (Field::Name, "name"),
    (Field::Headline, "headline"),
    (Field::About, "about"),
    (Field::Bio, "bio"),
    (Field::Location, "location"),
];

/// Profile field defaults, in the order of [`FIELDS`].
const X_FIELD_DEFAULTS: [Option<usize>; 5] = [None, None, None, Some(160), None];
const LINKEDIN_FIELD_DEFAULTS: [Option<usize>; 5] = [None, Some(220), Some(2600), None, None];
const GENERIC_FIELD_DEFAULTS: [Option<usize>; 5] = [None; 5];

/// Applies the limits a policy gives over `defaults`; a limit of 0 is a
/// problem at `/{platform}/{key}`.
fn resolve_limits<const N: usize>(
    given: [&Option<Option<usize>>; N],
    keys: [&str; N],
    path: &str,
    defaults: [Option<usize>; N],
    problems: &mut Vec<Problem>,
) -> [Option<usize>; N] {
    let mut limits = defaults;
    for (index, (value, key)) in given.iter().zip(keys).enumerate() {
        if let Some(limit) = value {
            if *limit == Some(0) {
                problems.push(Problem {
                    path: format!("{path}/{key}"),
                    message: "a limit of 0 would flag every text".to_owned(),
                    hint: Some("use `null` to remove the limit".to_owned()),
                });
            }
            limits[index] = *limit;
        }
    }
    limits
}

/// Resolved limits of one platform.
#[derive(Debug)]
struct PlatformLimits {
    /// In the order of [`SURFACES`].
    surfaces: [Option<usize>; 4],
    /// In the order of [`FIELDS`].
    fields: [Option<usize>; 5],
}

impl SurfaceLimits {
    fn resolve(
        &self,
        platform: &str,
        defaults: ([Option<usize>; 4], [Option<usize>; 5]),
        problems: &mut Vec<Problem>,
    ) -> PlatformLimits {
        let surfaces = resolve_limits(
            [&self.post, &self.comment, &self.reply, &self.message],
            SURFACES.map(|(_, key)| key),
            &format!("/{platform}"),
            defaults.0,
            problems,
        );
        let profile = &self.profile;
        let fields = resolve_limits(
            [
                &profile.name,
                &profile.headline,
                &profile.about,
                &profile.bio,
                &profile.location,
            ],
            FIELDS.map(|(_, key)| key),
            &format!("/{platform}/profile"),
            defaults.1,
            problems,
        );
        PlatformLimits { surfaces, fields }
    }
}

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        let mut problems = Vec::new();
        let kind = Length {
            x: self
                .x
                .resolve("x", (X_DEFAULTS, X_FIELD_DEFAULTS), &mut problems),
            linkedin: self.linkedin.resolve(
                "linkedin",
                (LINKEDIN_DEFAULTS, LINKEDIN_FIELD_DEFAULTS),
                &mut problems,
            ),
            generic: self.generic.resolve(
                "generic",
                (GENERIC_DEFAULTS, GENERIC_FIELD_DEFAULTS),
                &mut problems,
            ),
        };
        if problems.is_empty() {
            Ok(Box::new(kind))
        } else {
            Err(problems)
        }
    }
}

/// The compiled `length` rule: limits by platform.
#[derive(Debug)]
struct Length {
    x: PlatformLimits,
    linkedin: PlatformLimits,
    generic: PlatformLimits,
}

impl Length {
    fn limit(&self, context: &CheckContext) -> Option<usize> {
        let limits = match context.platform {
            Platform::X => &self.x,
            Platform::Linkedin => &self.linkedin,
            Platform::Generic => &self.generic,
        };
        if context.surface == Surface::Profile {
            let field = context.field?;
            let index = FIELDS.iter().position(|(known, _)| *known == field)?;
            return limits.fields[index];
        }
        let index = SURFACES
            .iter()
            .position(|(surface, _)| *surface == context.surface)?;
        limits.surfaces[index]
    }

    /// X counts posts in weighted characters; everything else, profiles
    /// on X included, counts code points.
    fn weighted(context: &CheckContext) -> bool {
        context.platform == Platform::X && context.surface != Surface::Profile
    }
}

/// The start of the first user-perceived character that does not fit
/// entirely within `limit` code points, so an emoji is never split; `None`
/// when the text fits.
fn overflow_start_in_characters(text: &str, limit: usize) -> Option<usize> {
    // The first code point past the limit, then the start of the cluster
    // it belongs to: only the clusters around the limit are segmented.
    // A code point takes at least one byte, so the first `limit` bytes hold
    // at most `limit` of them: count those at once, then step to the limit.
    let mut past_limit = limit.min(text.len());
    while !text.is_char_boundary(past_limit) {
        past_limit -= 1;
    }
    let mut code_points = text[..past_limit].chars().count();
    let mut rest = text[past_limit..].chars();
    while code_points < limit {
        past_limit += rest.next()?.len_utf8();
        code_points += 1;
    }
    if past_limit >= text.len() {
        return None;
    }
    let mut cursor = GraphemeCursor::new(past_limit, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => Some(past_limit),
        _ => cursor.prev_boundary(text, 0).ok().flatten(),
    }
}

impl RuleKind for Length {
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        let Some(limit) = self.limit(context) else {
            return;
        };
        let overflow = if Length::weighted(context) {
            let count = count_weighted(doc.text, limit);
            (count.weighted_length > limit).then_some(count.fits_until)
        } else {
            overflow_start_in_characters(doc.text, limit)
        };
        if let Some(start) = overflow.filter(|&start| start < doc.text.len()) {
            hits.push(Hit::at(start..doc.text.len()));
        }
    }

    fn length(&self, doc: &Document, context: &CheckContext) -> Option<LengthReport> {
        let limit = self.limit(context)?;
        let (count, unit) = if Length::weighted(context) {
            (
                count_weighted(doc.text, limit).weighted_length,
                LengthUnit::Weighted,
            )
        } else {
            (doc.text.chars().count(), LengthUnit::Characters)
        };
        Some(LengthReport {
            platform: context.platform,
            count,
            limit,
            unit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::kind_harness::compile;
    use proptest::prelude::*;

    fn context(platform: Platform, surface: Surface) -> CheckContext {
        CheckContext {
            platform,
            surface,
            ..CheckContext::default()
        }
    }

    /// The overflowing part, if any, and the length report.
    fn run(
        rule: &dyn RuleKind,
        text: &str,
        context: &CheckContext,
    ) -> (Option<String>, Option<LengthReport>) {
        let doc = Document::new(text);
        let mut hits = Vec::new();
        rule.check(&doc, context, &mut hits);
        assert!(hits.len() <= 1);
        let overflow = hits.first().map(|hit| {
            let range = hit.range.clone().expect("the overflow has a span");
            text[range].to_owned()
        });
        (overflow, rule.length(&doc, context))
    }

    #[test]
    fn flags_the_overflow_of_a_long_german_post_on_x() {
        let rule = compile::<Params>(serde_json::json!({})).unwrap();
        let text = format!(
            "{} Ende der Geschichte.",
            "Wir eröffnen heute das neue Werk in Leipzig. ".repeat(6)
        );
        let (overflow, report) = run(rule.as_ref(), &text, &context(Platform::X, Surface::Post));
        assert_eq!(overflow.as_deref(), Some("Geschichte."));
        let report = report.unwrap();
        assert_eq!(
            (report.count, report.limit, report.unit),
            (291, 280, LengthUnit::Weighted)
        );
        assert_eq!(report.platform, Platform::X);
    }

    fn profile(platform: Platform, field: Field) -> CheckContext {
        CheckContext {
            field: Some(field),
            ..context(platform, Surface::Profile)
        }
    }

    #[test]
    fn limits_profile_fields_per_platform_in_characters() {
        let rule = compile::<Params>(serde_json::json!({})).unwrap();
        let headline = format!("{}Acme", "Ingenieurin für Windparks · ".repeat(8));
        assert_eq!(headline.chars().count(), 228);
        let (overflow, report) = run(
            rule.as_ref(),
            &headline,
            &profile(Platform::Linkedin, Field::Headline),
        );
        assert_eq!(overflow.as_deref(), Some("s · Acme"));
        let report = report.unwrap();
        assert_eq!((report.count, report.limit), (228, 220));
        assert_eq!(report.unit, LengthUnit::Characters);

        // X counts a bio in characters: a link is not 23 here.
        let bio = format!("{} https://acme.example/jobs", "Wind & Wetter. ".repeat(10));
        let (overflow, report) = run(rule.as_ref(), &bio, &profile(Platform::X, Field::Bio));
        assert_eq!(report.unwrap().count, 176);
        assert_eq!(overflow.unwrap().chars().count(), 16);

        // A field without a default limit, and the headline on X, are unlimited.
        for (platform, field) in [
            (Platform::Linkedin, Field::Location),
            (Platform::X, Field::Headline),
        ] {
            assert_eq!(
                run(rule.as_ref(), &headline, &profile(platform, field)),
                (None, None)
            );
        }
        // Without a field, a profile has no limit.
        let no_field = context(Platform::Linkedin, Surface::Profile);
        assert_eq!(run(rule.as_ref(), &headline, &no_field), (None, None));
    }

    #[test]
    fn a_policy_sets_and_removes_profile_limits() {
        let rule = compile::<Params>(serde_json::json!({
            "linkedin": {"profile": {"headline": null, "location": 10}}
        }))
        .unwrap();
        let long = "x".repeat(300);
        let headline = profile(Platform::Linkedin, Field::Headline);
        assert_eq!(run(rule.as_ref(), &long, &headline), (None, None));
        let location = profile(Platform::Linkedin, Field::Location);
        assert_eq!(
            run(rule.as_ref(), "Berlin, Germany", &location)
                .0
                .as_deref(),
            Some("rmany")
        );
        let problems =
            compile::<Params>(serde_json::json!({"x": {"profile": {"bio": 0}}})).unwrap_err();
        assert_eq!(problems[0].path, "/x/profile/bio");
    }

    #[test]
    fn counts_links_as_23_on_x_so_a_post_with_a_long_link_fits() {
        let rule = compile::<Params>(serde_json::json!({})).unwrap();
        let text = format!(
            "{} Read more: https://acme.com/blog/2026/11/our-new-plant-in-leipzig-opens-today-with-500-new-jobs",
            "We are opening our new plant in Leipzig today. ".repeat(5)
        );
        assert!(text.chars().count() > 280);
        let (overflow, report) = run(rule.as_ref(), &text, &context(Platform::X, Surface::Reply));
        assert_eq!(overflow, None);
        assert_eq!(report.unwrap().count, 235 + 12 + 23);
    }

    #[test]
    fn applies_linkedin_limits_per_surface_in_characters() {
        let rule = compile::<Params>(serde_json::json!({})).unwrap();
        let comment = format!(
            "{}Schluss",
            "Danke für die Einladung zum Panel! ".repeat(36)
        );
        let (overflow, report) = run(
            rule.as_ref(),
            &comment,
            &context(Platform::Linkedin, Surface::Comment),
        );
        assert_eq!(report.unwrap().unit, LengthUnit::Characters);
        assert_eq!(report.unwrap().count, 1267);
        assert_eq!(overflow.unwrap().chars().count(), 1267 - 1250);
        let (overflow, report) = run(
            rule.as_ref(),
            &comment,
            &context(Platform::Linkedin, Surface::Post),
        );
        assert_eq!((overflow, report.unwrap().limit), (None, 3000));
    }

    #[test]
    fn does_not_split_an_emoji_sequence_at_the_limit() {
        let rule = compile::<Params>(serde_json::json!({"linkedin": {"comment": 10}})).unwrap();
        let (overflow, _) = run(
            rule.as_ref(),
            "Top Team! 👩‍💻",
            &context(Platform::Linkedin, Surface::Comment),
        );
        assert_eq!(overflow.as_deref(), Some("👩‍💻"));
    }

    #[test]
    fn short_posts_and_unlimited_surfaces_are_not_flagged() {
        let rule = compile::<Params>(serde_json::json!({})).unwrap();
        let long = "Ein sehr langer Text. ".repeat(500);
        for (text, platform, surface) in [
            (
                "Great talk today, thanks @acme!",
                Platform::X,
                Surface::Post,
            ),
            (
                "Schöner Vortrag heute 👏",
                Platform::Linkedin,
                Surface::Comment,
            ),
            (long.as_str(), Platform::X, Surface::Message),
            (long.as_str(), Platform::Generic, Surface::Post),
        ] {
            let (overflow, _) = run(rule.as_ref(), text, &context(platform, surface));
            assert_eq!(overflow, None, "{platform:?} {surface:?}");
        }
        let (_, report) = run(
            rule.as_ref(),
            &long,
            &context(Platform::Generic, Surface::Post),
        );
        assert_eq!(report, None, "no limit, no length report");
    }

    #[test]
    fn limits_can_be_raised_removed_and_added() {
        let rule = compile::<Params>(serde_json::json!({
            "x": {"post": 25000, "reply": null},
            "generic": {"message": 500}
        }))
        .unwrap();
        let text = "x".repeat(600);
        let (overflow, report) = run(rule.as_ref(), &text, &context(Platform::X, Surface::Post));
        assert_eq!((overflow, report.unwrap().limit), (None, 25000));
        assert_eq!(
            run(rule.as_ref(), &text, &context(Platform::X, Surface::Reply)).1,
            None
        );
        // The comment keeps its default.
        assert!(run(
            rule.as_ref(),
            &text,
            &context(Platform::X, Surface::Comment)
        )
        .0
        .is_some());
        let (overflow, _) = run(
            rule.as_ref(),
            &text,
            &context(Platform::Generic, Surface::Message),
        );
        assert_eq!(overflow.map(|part| part.len()), Some(100));
    }

    #[test]
    fn documents_its_parameters_in_the_schema() {
        let schema = serde_json::to_value(schemars::schema_for!(Params)).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        let keys: Vec<_> = properties.keys().map(String::as_str).collect();
        assert_eq!(keys, ["generic", "linkedin", "x"]);
        assert!(properties["x"]["description"]
            .as_str()
            .unwrap()
            .contains("280"));
    }

    #[test]
    fn rejects_a_zero_limit_and_unknown_keys() {
        let problems = compile::<Params>(serde_json::json!({"linkedin": {"post": 0}})).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "/linkedin/post");
        assert!(
            serde_json::from_value::<Params>(serde_json::json!({"x": {"posts": 300}})).is_err()
        );
        assert!(serde_json::from_value::<Params>(serde_json::json!({"mastodon": {}})).is_err());
    }

    proptest! {
        #[test]
        fn the_overflow_starts_at_the_first_cluster_past_the_limit(
            text in "(\\PC|\u{1F469}\u{200D}\u{1F4BB}|e\u{301}|\u{1F1E9}\u{1F1EA}){0,60}",
            limit in 0usize..80,
        ) {
            use unicode_segmentation::UnicodeSegmentation;
            let mut code_points = 0;
            let expected = text.grapheme_indices(true).find_map(|(at, cluster)| {
                code_points += cluster.chars().count();
                (code_points > limit).then_some(at)
            });
            prop_assert_eq!(overflow_start_in_characters(&text, limit), expected);
        }

        #[test]
        fn the_overflow_is_a_suffix_on_char_boundaries(text in "\\PC{0,400}", platform in prop_oneof![Just(Platform::X), Just(Platform::Linkedin)], limit in 1usize..300) {
            let rule = compile::<Params>(serde_json::json!({"x": {"post": limit}, "linkedin": {"post": limit}})).unwrap();
            let doc = Document::new(&text);
            let context = context(platform, Surface::Post);
            let mut hits = Vec::new();
            rule.check(&doc, &context, &mut hits);
            let report = rule.length(&doc, &context).unwrap();
            prop_assert_eq!(hits.len(), usize::from(report.count > limit));
            for hit in hits {
                let range = hit.range.unwrap();
                prop_assert!(range.start < range.end && range.end == text.len());
                prop_assert!(text.is_char_boundary(range.start));
            }
        }
    }
}
