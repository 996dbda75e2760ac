// The baseline peer: the straightforward checker an extension would ship
// without Postlint's engine. For every terms rule one RegExp, an alternation
// of the escaped terms (longest first, so the longest term wins at a
// position, as in the engine), with the `iu` flags and Unicode-aware word
// boundaries; every pattern as its own RegExp. It returns the matches as
// UTF-16 spans, like the engine's findings.

// With the `u` flag only syntax characters may be escaped.
const escape = (term) => term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** RegExp source for terms; `prefix` terms may continue into a compound. */
function alternation(terms, prefix) {
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  return `${BEFORE}(?:${sorted.map(escape).join('|')})${prefix ? '' : AFTER}`;
}

/**
 * `policy`: the policy document; `packTerms`: the terms rules of the packs
 * it extends (the engine embeds those); `patterns`: `{id, js}` of its
 * pattern rules.
 */
export function compileBaseline(policy, packTerms, patterns) {
  const regexps = [];
  for (const rule of [...packTerms, ...policy.rules.filter((r) => r.kind === 'terms')]) {
    if (rule.enabled === false) continue;
    const flags = rule.case_sensitive ? 'gu' : 'giu';
    const entries = rule.terms.map((t) => (typeof t === 'string' ? { term: t } : t));
    const byMatch = (prefix) => entries.filter((t) => ((t.match ?? rule.match) === 'prefix') === prefix).map((t) => t.term);
    for (const prefix of [false, true]) {
      const terms = byMatch(prefix);
      if (terms.length > 0) regexps.push({ rule: rule.id, regexp: new RegExp(alternation(terms, prefix), flags) });
    }
  }
  for (const pattern of patterns) regexps.push({ rule: pattern.id, regexp: new RegExp(pattern.js, 'gu') });
  return {
    check(text) {
      const hits = [];
      for (const { rule, regexp } of regexps) {
        for (const match of text.matchAll(regexp)) hits.push({ rule, start: match.index, end: match.index + match[0].length });
      }
      return hits.sort((a, b) => a.start - b.start);
    },
  };
}
