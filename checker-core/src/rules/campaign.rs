//! `campaign`: a nudge toward the company's goals, not a problem.
//!
//! ## What it checks
//!
//! With `"nudge": "careers"`: a post that uses one of the `topics` (job
//! openings: `wir suchen`, `we're hiring`, `Stellenangebot`) but does not
//! contain `organization.careers_url`. With `"nudge": "campaigns"`: for each
//! campaign of `organization.campaigns` that runs on the day of writing, a
//! post that uses one of the campaign's `topics` but not its `hashtag`.
//! Topics and hashtags match like `terms` lists (case-insensitive, on word
//! boundaries). Without a careers link or campaigns the rule stays quiet.
//! The hit is about the whole post; rules of this kind belong in the
//! `campaign` category, which hosts show as a suggestion.
//!
//! ## Why it matters
//!
//! A guideline also says what the company wants: people who read about an
//! opening should find the careers page, and posts about a campaign reach
//! further with its hashtag. A kind colleague would point that out.
//!
//! ## Example
//!
//! With `"careers_url": "https://acme.example/careers"`, `Wir suchen
//! Verstärkung im Vertrieb!` gets the suggestion to append the link;
//! `Wir suchen Verstärkung: https://acme.example/careers` does not.
//!
//! ## Fix
//!
//! Append the careers link or the campaign's hashtag, one click.

use serde::Deserialize;

use super::require::appended;
use super::term_list::{self, TermList};
use super::CompileEnv;
use super::{CompileKind, Fix, Hit, RuleKind};
use crate::context::{Active, CheckContext};
use crate::document::Document;
use crate::policy::model::TermItem;
use crate::problem::Problem;
use crate::text::lexicon::{MatchMode, TermOptions};

/// Parameters of a `campaign` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// What to suggest: `careers` (the organization's `careers_url`) or
    /// `campaigns` (the hashtags of the organization's `campaigns`).
    pub nudge: Nudge,
    /// For `careers`: terms that make a post about job openings.
    #[serde(default)]
    pub topics: Vec<TermItem>,
}

/// The goal a `campaign` rule serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Nudge {
    Careers,
    Campaigns,
}

const WORDS: TermOptions = TermOptions {
    mode: MatchMode::Word,
    case_sensitive: false,
};

impl CompileKind for Params {
    fn compile(self, env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        match self.nudge {
            Nudge::Careers => {
                if self.topics.is_empty() {
                    return Err(vec![Problem::new(
                        "/topics",
                        "a careers nudge needs the terms of a post about job openings",
                    )
                    .hint("e.g. [\"wir suchen\", \"we're hiring\"]")]);
                }
                let topics = term_list::register(&self.topics, WORDS, env, "/topics")?;
                Ok(Box::new(Careers {
                    topics,
                    url: env.organization.careers_url.clone(),
                }))
            }
            Nudge::Campaigns => {
                if !self.topics.is_empty() {
                    return Err(vec![Problem::new(
                        "/topics",
                        "campaign topics belong to each campaign in `organization.campaigns`",
                    )
                    .hint("remove `topics` here")]);
                }
                let campaigns = env.organization.campaigns.clone();
                let mut compiled = Vec::with_capacity(campaigns.len());
                for campaign in campaigns {
                    let words = |terms: Vec<String>| -> Vec<TermItem> {
                        terms.into_iter().map(TermItem::Plain).collect()
                    };
                    let topics = term_list::register(&words(campaign.topics), WORDS, env, "")?;
                    let hashtag = term_list::register(
                        &words(vec![campaign.hashtag.clone()]),
                        WORDS,
                        env,
                        "",
                    )?;
                    compiled.push(CompiledCampaign {
                        topics,
                        hashtag,
                        text: campaign.hashtag,
                        active: campaign.active,
                    });
                }
                Ok(Box::new(Campaigns(compiled)))
            }
        }
    }
}

/// A compiled careers nudge. Without a careers link it stays quiet.
#[derive(Debug)]
struct Careers {
    topics: TermList,
    url: Option<String>,
}

impl RuleKind for Careers {
    fn check(&self, doc: &Document<'_>, _context: &CheckContext, hits: &mut Vec<Hit>) {
        let Some(url) = &self.url else { return };
        if doc.term_matches(self.topics.id).is_empty() || mentions_link(doc.text, url) {
            return;
        }
        let mut hit = Hit::document();
        hit.fixes.push(Fix {
            replacement: appended(doc.text, url),
            range: None,
        });
        hits.push(hit);
    }
}

/// Whether `text` links to `url`, with or without its scheme, `www.` or a
/// trailing slash, in any case.
fn mentions_link(text: &str, url: &str) -> bool {
    let bare = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_end_matches('/');
    let bare = bare.strip_prefix("www.").unwrap_or(bare).to_lowercase();
    !bare.is_empty() && text.to_lowercase().contains(&bare)
}

/// One campaign, compiled.
#[derive(Debug)]
struct CompiledCampaign {
    topics: TermList,
    hashtag: TermList,
    text: String,
    active: Option<Active>,
}

/// A compiled campaigns nudge: one hit per running campaign whose topic
/// the post is about without its hashtag.
#[derive(Debug)]
struct Campaigns(Vec<CompiledCampaign>);

impl RuleKind for Campaigns {
    fn check(&self, doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        for campaign in &self.0 {
            let running = campaign
                .active
                .is_none_or(|active| active.contains(context.date));
            if running
                && !doc.term_matches(campaign.topics.id).is_empty()
                && doc.term_matches(campaign.hashtag.id).is_empty()
            {
                let mut hit = Hit::document();
                hit.fixes.push(Fix {
                    replacement: appended(doc.text, &campaign.text),
                    range: None,
                });
                hits.push(hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::{CheckContext, Date, Lang, Platform, Policy};

    fn policy(organization: serde_json::Value) -> crate::Checker {
        let policy = json!({
            "version": 1,
            "extends": ["organization"],
            "organization": organization,
        });
        Policy::from_json(&policy.to_string())
            .and_then(|policy| policy.compile())
            .expect("the policy compiles")
    }

    fn nudges(checker: &crate::Checker, text: &str, date: &str) -> Vec<(String, String)> {
        let context = CheckContext {
            lang: Lang::De,
            date: Date::parse(date),
            ..CheckContext::new(Platform::Linkedin)
        };
        checker
            .check(text, &context)
            .findings
            .into_iter()
            .filter(|finding| finding.category == crate::Category::Campaign)
            .map(|finding| (finding.rule, finding.suggestions[0].replacement.clone()))
            .collect()
    }

    #[test]
    fn a_job_post_without_the_careers_link_gets_it_suggested() {
        let checker = policy(
            json!({"name": "Acme", "disclosures": ["#employee"], "careers_url": "https://acme.example/careers"}),
        );
        let day = "2026-11-27";
        assert_eq!(
            nudges(&checker, "Wir suchen Verstärkung im Vertrieb!", day),
            [(
                "org.careers".to_owned(),
                " https://acme.example/careers".to_owned()
            )]
        );
        let linked = "We're hiring! See acme.example/Careers/ for more.";
        assert!(nudges(&checker, linked, day).is_empty());
        assert!(nudges(&checker, "Schönes Wochenende!", day).is_empty());
    }

    #[test]
    fn without_a_careers_link_or_campaigns_the_nudges_stay_quiet() {
        let checker = policy(json!({"name": "Acme", "disclosures": ["#employee"]}));
        assert!(nudges(&checker, "Wir suchen Verstärkung!", "2026-11-27").is_empty());
    }

    #[test]
    fn a_running_campaign_suggests_its_hashtag() {
        let checker = policy(
            json!({"name": "Acme", "disclosures": ["#employee"], "campaigns": [{
                "hashtag": "#AcmeGreenWeek",
                "topics": ["Nachhaltigkeit", "sustainability"],
                "active": {"from": "2026-11-01", "until": "2026-11-30"}
            }]}),
        );
        let text = "Nachhaltigkeit beginnt im Kleinen.";
        assert_eq!(
            nudges(&checker, text, "2026-11-27"),
            [("org.campaign".to_owned(), " #AcmeGreenWeek".to_owned())]
        );
        assert!(nudges(&checker, text, "2026-12-01").is_empty());
        let tagged = "Nachhaltigkeit beginnt im Kleinen. #acmegreenweek";
        assert!(nudges(&checker, tagged, "2026-11-27").is_empty());
    }

    #[test]
    fn a_suggestion_cannot_be_made_to_block() {
        let policy = json!({
            "version": 1,
            "extends": ["organization"],
            "organization": {"name": "Acme", "disclosures": ["#employee"]},
            "overrides": [{"id": "org.careers", "level": "block"}],
        });
        let problems = Policy::from_json(&policy.to_string())
            .and_then(|policy| policy.compile())
            .unwrap_err()
            .problems;
        assert!(problems
            .iter()
            .any(|problem| problem.message.contains("cannot block")));
    }

    #[test]
    fn rejects_a_careers_nudge_without_topics() {
        let problems =
            crate::rules::kind_harness::compile::<super::Params>(json!({"nudge": "careers"}))
                .unwrap_err();
        assert_eq!(problems[0].path, "/topics");
    }
}
