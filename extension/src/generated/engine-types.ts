// Generated from checker-core's Rust types (their JSON Schema, as the engine
// serializes them) by checker-core/tests/generated_types.rs. Do not edit:
// change the Rust types, then regenerate with
//   UPDATE_GENERATED=1 cargo test -p checker-core --test generated_types

/** A language Postlint speaks. Messages in a policy are keyed by these codes. */
export type Lang = 'de' | 'en';

/** The site a text is written on. */
export type Platform = 'linkedin' | 'x' | 'generic';

/** The kind of compose box on that site. */
export type Surface = 'post' | 'comment' | 'reply' | 'message' | 'profile';

/** How strongly a rule speaks up. */
export type Level = 'hint' | 'warn' | 'block';

/**
 * The guideline topic a rule belongs to. The extension and the reports group
 * and colour by it.
 */
export type Category = 'confidential' | 'quiet-period' | 'critical-topic' | 'crisis' | 'disclosure' | 'brand' | 'personal-data' | 'secret' | 'internal-link' | 'netiquette' | 'copyright' | 'length' | 'other' | 'campaign';

/** A kind of media attached to a post. */
export type AttachmentKind = 'image' | 'video' | 'document';

/** Attachments of one kind and how many there are. */
export interface Attachment {
  count: number;
  kind: AttachmentKind;
  /**
   * How many of `count` have no description (alt text) where the site
   * offers one. Sites without descriptions report 0.
   */
  undescribed: number;
}

/**
 * Everything about a check except the text itself.
 *
 * Rules can be limited to platforms, surfaces, profile fields and dates; the language picks
 * which translation of messages a finding carries; attachments drive
 * context rules such as the copyright reminder; the department picks the
 * policy's `departments` overlay.
 */
export interface CheckContext {
  attachments: Attachment[];
  /**
   * The day of writing. `None` means rules with an `active` window are
   * treated as active.
   */
  date?: string;
  /**
   * The writer's department, an id of the policy's `departments`: its
   * rules and overrides apply on top of the policy's. `None`, or an id
   * the policy does not define, means the policy's own rules only.
   */
  department?: string;
  /** The profile field being edited; only with surface `profile`. */
  field?: 'location' | 'name' | 'headline' | 'about' | 'bio';
  /** The language of the user interface, for messages. */
  lang: Lang;
  platform: Platform;
  surface: Surface;
}

/**
 * A range of the checked text in UTF-16 code units, as JavaScript's
 * `String.prototype.slice` counts them. `start` is inclusive, `end` exclusive.
 */
export interface Span {
  end: number;
  start: number;
}

/** A fix the employee can choose. */
export interface Suggestion {
  /** Button text, in the check's language. */
  label: string;
  /** The text to put in place of `span`. */
  replacement: string;
  /** What to replace; `None` means insert at the end of the text. */
  span: Span | null;
}

/** One problem in a text: which rule, where, why, and how to fix it. */
export interface Finding {
  category: Category;
  explanation: string;
  level: Level;
  /** The guideline section this rule comes from. */
  link: string | null;
  message: string;
  /** Whether the employee may post anyway, knowingly. */
  overridable: boolean;
  /** The text under `span`, exactly. */
  quote: string | null;
  /** The id of the rule that raised it. */
  rule: string;
  /**
   * Where in the text; `None` for document-level findings such as a
   * missing disclosure.
   */
  span: Span | null;
  suggestions: Suggestion[];
}

/** How a length is counted. */
export type LengthUnit = 'weighted' | 'characters';

/** The length of the text as the platform counts it, against its limit. */
export interface LengthReport {
  count: number;
  limit: number;
  platform: Platform;
  unit: LengthUnit;
}

/** The result of one check. */
export interface Report {
  /**
   * Ordered by span start (document-level findings last), then by level,
   * most severe first.
   */
  findings: Finding[];
  /**
   * Present when the policy has a length rule for the context's platform
   * and surface.
   */
  length: LengthReport | null;
}

/** A rule after packs and overrides, as `Policy::rules` lists it. */
export interface RuleInfo {
  category: Category;
  /**
   * The contact role the rule's message or explanation names
   * (`{contact.press}` → `press`), the first one found.
   */
  contact: string | null;
  enabled: boolean;
  /**
   * What the rule is for, in every language Postlint speaks (each picked
   * like a finding's, so every language is present): the rule's
   * explanation with `{organization}` and `{contact.<role>}` rendered as
   * in findings and `{quote}`, `{replacement}` as "…".
   */
  explanation: {
    de?: string;
    en?: string;
  };
  id: string;
  kind: string;
  level: Level;
  overridable: boolean;
  /**
   * Where the rule comes from: a pack name (`base`, `organization`) or
   * `policy` for the policy's own rules.
   */
  source: string;
}
