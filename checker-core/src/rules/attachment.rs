//! `attachment`: a reminder about rights whenever media is attached.
//!
//! ## What it checks
//!
//! Whether the post carries an attachment of one of the listed `kinds`
//! (default: images and videos), as the check context reports it. The text
//! itself plays no part; the hit is about the whole post. With
//! `"undescribed": true` only attachments without a description (alt text)
//! count, where the site offers one: the built-in `base.alt-text` hint
//! (off by default) asks for image descriptions that way.
//!
//! ## Why it matters
//!
//! A photo or video needs the right to publish it: from whoever took it, and
//! from the people who can be recognised in it. Screens, whiteboards and
//! badges in the background can also show what should stay internal.
//!
//! ## Example
//!
//! A LinkedIn post with a team photo from the summer party attached.
//!
//! ## Fix
//!
//! None to click: check that the picture is yours or licensed, that the people
//! in it agreed, and that nothing confidential is visible, then post.

use serde::Deserialize;

use super::CompileEnv;
use super::{CompileKind, Hit, RuleKind};
use crate::context::{AttachmentKind, CheckContext};
use crate::document::Document;
use crate::problem::Problem;

/// Parameters of an `attachment` rule.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Params {
    /// Attachment kinds that bring the reminder.
    #[serde(default = "Params::default_kinds")]
    pub kinds: Vec<AttachmentKind>,
    /// Count only attachments without a description (alt text), e.g. to
    /// ask for image descriptions for people using screen readers.
    #[serde(default)]
    pub undescribed: bool,
}

impl Params {
    fn default_kinds() -> Vec<AttachmentKind> {
        vec![AttachmentKind::Image, AttachmentKind::Video]
    }
}

impl CompileKind for Params {
    fn compile(self, _env: &mut CompileEnv<'_>) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
        if self.kinds.is_empty() {
            return Err(vec![Problem {
                path: "/kinds".into(),
                message: "an empty list of attachment kinds never matches".into(),
                hint: Some("leave `kinds` out for images and videos".into()),
            }]);
        }
        Ok(Box::new(Attachment {
            kinds: self.kinds,
            undescribed: self.undescribed,
        }))
    }
}

/// A compiled `attachment` rule.
#[derive(Debug)]
struct Attachment {
    kinds: Vec<AttachmentKind>,
    undescribed: bool,
}

impl RuleKind for Attachment {
    fn check(&self, _doc: &Document<'_>, context: &CheckContext, hits: &mut Vec<Hit>) {
        let attached = context.attachments.iter().any(|attachment| {
            let counted = if self.undescribed {
                attachment.undescribed.min(attachment.count)
            } else {
                attachment.count
            };
            counted > 0 && self.kinds.contains(&attachment.kind)
        });
        if attached {
            hits.push(Hit::document());
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::context::Attachment as Attached;
    use crate::rules::kind_harness::{base_pack_params, compile, hits_in};

    fn with(attachments: &[(AttachmentKind, u32)]) -> CheckContext {
        described(attachments, 0)
    }

    /// `attachments`, `undescribed` of each without a description.
    fn described(attachments: &[(AttachmentKind, u32)], undescribed: u32) -> CheckContext {
        CheckContext {
            attachments: attachments
                .iter()
                .map(|&(kind, count)| Attached {
                    kind,
                    count,
                    undescribed,
                })
                .collect(),
            ..CheckContext::default()
        }
    }

    fn reminded(params: serde_json::Value, text: &str, context: &CheckContext) -> bool {
        let found = hits_in::<Params>(params, text, context);
        assert!(found
            .iter()
            .all(|hit| hit.range.is_none() && hit.fixes.is_empty()));
        !found.is_empty()
    }

    #[test]
    fn an_image_or_video_brings_the_reminder() {
        let params = base_pack_params("base.attachment");
        let text = "Was für ein schöner Sommerabend mit dem ganzen Team!";
        assert!(reminded(
            params.clone(),
            text,
            &with(&[(AttachmentKind::Image, 3)])
        ));
        let text = "Highlights from our booth at the fair.";
        assert!(reminded(params, text, &with(&[(AttachmentKind::Video, 1)])));
    }

    #[test]
    fn exactly_one_document_level_hit() {
        let context = with(&[(AttachmentKind::Image, 2), (AttachmentKind::Video, 1)]);
        assert_eq!(
            hits_in::<Params>(json!({}), "Bilder vom Event", &context),
            [Hit::document()]
        );
    }

    #[test]
    fn no_media_no_reminder() {
        assert!(!reminded(json!({}), "Ein Beitrag ohne Bild.", &with(&[])));
        assert!(!reminded(
            json!({}),
            "A post with a PDF.",
            &with(&[(AttachmentKind::Document, 1)])
        ));
        assert!(!reminded(
            json!({}),
            "Zero images.",
            &with(&[(AttachmentKind::Image, 0)])
        ));
    }

    #[test]
    fn kinds_are_configurable() {
        let documents = json!({"kinds": ["document"]});
        let context = with(&[(AttachmentKind::Document, 1)]);
        assert!(reminded(documents.clone(), "Our whitepaper", &context));
        assert!(!reminded(
            documents,
            "Photo",
            &with(&[(AttachmentKind::Image, 1)])
        ));
    }

    #[test]
    fn the_alt_text_hint_asks_only_for_undescribed_images() {
        let params = base_pack_params("base.alt-text");
        let text = "Unser neues Büro";
        let images = [(AttachmentKind::Image, 2)];
        assert!(reminded(params.clone(), text, &described(&images, 1)));
        assert!(!reminded(params.clone(), text, &described(&images, 0)));
        let videos = [(AttachmentKind::Video, 1)];
        assert!(!reminded(params, text, &described(&videos, 1)));
    }

    #[test]
    fn rejects_an_empty_kind_list() {
        let problems = compile::<Params>(json!({"kinds": []})).unwrap_err();
        assert_eq!(problems[0].path, "/kinds");
    }
}
