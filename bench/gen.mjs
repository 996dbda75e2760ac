// The one source of benchmark inputs: policies and posts, generated
// deterministically, written as JSON into bench/out/. The native criterion
// benches, the memory probe and the browser page all read these files, so
// every side checks exactly the same texts against exactly the same policies.
//
//   node bench/gen.mjs            the full matrix
//   node bench/gen.mjs --smoke    a tiny matrix for the CI smoke run
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'bench', 'out');

/** mulberry32: tiny, seedable, the same sequence on every machine. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n) => Math.floor(next() * n);
  const pick = (list) => list[below(list.length)];
  return { next, below, pick };
}

const ONSETS = ['K', 'Kr', 'St', 'B', 'M', 'Tr', 'G', 'Z', 'Pl', 'H', 'W', 'Sch', 'D', 'N', 'V', 'L', 'F', 'R', 'Br', 'Gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ä', 'ö', 'ü', 'ei', 'au'];
const CODAS = ['', 'n', 'r', 'l', 'x', 'nd', 'rk', 'st', 'ch', 'm'];
const SURNAMES = ['Müller', 'Schäfer', 'Böhm', 'Jürgensen', 'Köhler', 'Löwe', 'Krüger', 'Hübner', 'Wößner', 'Özdemir', 'Bäcker', 'Förster', 'Günther', 'Mähler', 'Thür', 'Schröder', 'Brüggemann', 'Käser', 'Nöth', 'Zöllner'];
const TRADES = ['Logistik', 'Bau', 'Immobilien', 'Maschinenbau', 'Elektrotechnik', 'Spedition', 'Feinkost', 'Brauerei', 'Holding', 'Systemhaus', 'Kältetechnik', 'Gerüstbau'];
const FORMS = ['GmbH', 'AG', 'KG', '& Söhne', 'GmbH & Co. KG', 'SE', 'OHG'];
const PHRASE_HEADS = ['Projekt', 'Initiative', 'Programm', 'Operation', 'Roadmap', 'Deal', 'Übernahme', 'Codename', 'Projekt Nord', 'Werk'];
const ANIMALS = ['Kranich', 'Falke', 'Luchs', 'Biber', 'Eisvogel', 'Wal', 'Otter', 'Kormoran', 'Dachs', 'Möwe', 'Falcon', 'Heron', 'Osprey', 'Lynx'];
const COLOURS = ['Blauer', 'Grüner', 'Goldener', 'Weißer', 'Roter', 'Silver', 'Amber', 'Crimson'];

/** A pronounceable made-up word, capitalised, maybe with umlauts. */
function syllables(r, count) {
  let word = '';
  for (let i = 0; i < count; i += 1) word += (i === 0 ? r.pick(ONSETS) : r.pick(ONSETS).toLowerCase()) + r.pick(VOWELS) + (i === count - 1 ? r.pick(CODAS) : '');
  return word;
}

/** One term in the shapes real lists have: code names, customers, phrases. */
function term(r) {
  const shape = r.next();
  if (shape < 0.4) {
    // Code names: "Kranich-427", "ORION7", "Blauer Wal 3"
    const kind = r.below(3);
    if (kind === 0) return `${r.pick(ANIMALS)}-${r.below(1000)}`;
    if (kind === 1) return `${syllables(r, 2).toUpperCase()}${r.below(100)}`;
    return `${r.pick(COLOURS)} ${syllables(r, 2)} ${1 + r.below(20)}`;
  }
  if (shape < 0.75) {
    // Customers: "Müller Logistik GmbH", "Bäckerei Jürgensen", "Krälon Bau AG"
    const name = r.next() < 0.5 ? r.pick(SURNAMES) : syllables(r, 2);
    const kind = r.below(3);
    if (kind === 0) return `${name} ${r.pick(TRADES)} ${r.pick(FORMS)}`;
    if (kind === 1) return `${r.pick(['Bäckerei', 'Autohaus', 'Praxis Dr.', 'Kanzlei', 'Hotel'])} ${name}`;
    return `${name} ${syllables(r, 2)} ${r.pick(FORMS)}`;
  }
  // Multiword phrases: "Projekt Goldener Luchs", "Übernahme von Brämo"
  const kind = r.below(3);
  if (kind === 0) return `${r.pick(PHRASE_HEADS)} ${r.pick(COLOURS)} ${syllables(r, 2)}`;
  if (kind === 1) return `${r.pick(['Übernahme von', 'Fusion mit', 'acquisition of', 'merger with'])} ${syllables(r, 3)}`;
  return `${r.pick(['interne', 'vertrauliche', 'internal'])} ${syllables(r, 2)} ${r.pick(['Preisliste', 'Roadmap', 'Kalkulation', 'forecast'])}`;
}

/** `count` distinct terms (case-insensitively); every list is a prefix of a longer one. */
export function terms(count) {
  const r = random(7);
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    const candidate = term(r);
    const key = candidate.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(candidate);
  }
  return out;
}

/**
 * 200 patterns like IT writes them: ticket numbers, employee and order ids,
 * internal hosts. Each is given in both dialects with the same meaning: Rust
 * `regex` for the engine, a JavaScript RegExp (flag `u`) for the baseline.
 * Rust's `\b` and `\d` are Unicode-aware, hence the JavaScript spelling.
 */
export function patterns(count) {
  const r = random(11);
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const prefix = syllables(r, 2).replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase() + i;
    const digits = `{${3 + r.below(2)},${6 + r.below(2)}}`;
    const kind = i % 3;
    const rust = kind === 0 ? `\\b${prefix}-\\d${digits}\\b` : kind === 1 ? `\\b${prefix.toLowerCase()}\\.intern\\.example\\b` : `\\bMA-${prefix}\\d${digits}\\b`;
    const js = rust
      .replace(/^\\b/, '(?<![\\p{L}\\p{N}\\p{M}_])')
      .replace(/\\b$/, '(?![\\p{L}\\p{N}\\p{M}_])')
      .replaceAll('\\d', '\\p{Nd}');
    out.push({ id: `bench.pattern${i}`, rust, js });
  }
  return out;
}

const SENTENCES = [
  'Heute war ein großer Tag für unser Team in Köln: Nach zwei Jahren Entwicklung geht unsere neue Plattform live. 🚀',
  'Ich bin stolz auf alle, die daran mitgearbeitet haben – von der Entwicklung über das Design bis zum Support.',
  'What I learned along the way: ship small, listen to the people who use what you build, and never underestimate a good test suite.',
  'Wir suchen übrigens Verstärkung für unser Büro in München, gern auch in Teilzeit.',
  'Thanks to everyone who joined our meetup last week, the questions were excellent. 🙏',
  'Nächste Woche spreche ich auf der Konferenz in Düsseldorf über nachhaltige Lieferketten.',
  'The best part of this job is seeing customers succeed with what we built together.',
  'Gemeinsam mit unseren Partnern haben wir die Abläufe im Lager deutlich vereinfacht.',
  'If you are curious how we approach accessibility, I am happy to share our checklist.',
  'Ein herzliches Dankeschön an das Team für die großartige Zusammenarbeit im letzten Quartal!',
  'Our new office in Hamburg opens in spring, with plenty of space for workshops.',
  'Gestern haben wir mit Kundinnen und Kunden über ihre Wünsche für das nächste Release gesprochen.',
  'It was a pleasure to mentor three students this summer; all of them are now writing production code.',
  'Die Übergabe an das neue Team lief reibungslos, auch dank guter Dokumentation.',
  'Looking back on ten years at this company, I am grateful for every colleague I met. 🎉',
  'Weniger Meetings, mehr Fokus: Das ist unser Vorsatz für das kommende Jahr.',
];

/**
 * A post of `length` characters (code points) of German and English prose
 * mentioning listed terms (from the first 100, so every policy lists them)
 * and, every few sentences, an id that a pattern flags.
 */
export function post(length, listed, patternList) {
  const r = random(length);
  let text = `Kurzes Update zu ${listed[r.below(Math.min(100, listed.length))]}: `;
  let sentences = 0;
  while ([...text].length < length) {
    text += r.pick(SENTENCES);
    sentences += 1;
    if (sentences % 2 === 0) text += ` Heute mit ${listed[r.below(Math.min(100, listed.length))]} besprochen.`;
    if (sentences % 7 === 0) text += ` Ticket ${sample(patternList[r.below(patternList.length)], r)} ist erledigt.`;
    text += r.below(4) === 0 ? '\n\n' : ' ';
  }
  return [...text].slice(0, length).join('');
}

/** A string the pattern matches: digits for `\d{…}`, the literal rest. */
function sample(pattern, r) {
  return pattern.rust
    .replaceAll('\\b', '')
    .replaceAll('\\.', '.')
    .replace(/\\d\{(\d+),\d+\}/, (_, n) => String(10 ** (Number(n) - 1) + r.below(9 * 10 ** (Number(n) - 1))));
}

function rule(id, kind, extra) {
  return {
    id,
    kind,
    category: 'confidential',
    message: { de: '„{quote}“ ist intern.', en: '“{quote}” is internal.' },
    explanation: { de: 'Bitte nicht öffentlich nennen.', en: 'Please keep it internal.' },
    ...extra,
  };
}

/** A policy: `count` terms in one rule, the base pack, and the patterns. */
export function policy(listed, patternList) {
  return {
    version: 1,
    revision: `bench-${listed.length}`,
    fallback_language: 'en',
    extends: ['base'],
    rules: [rule('bench.terms', 'terms', { terms: listed }), ...patternList.map((p) => rule(p.id, 'pattern', { pattern: p.rust }))],
  };
}

export const FULL = { termCounts: [100, 10_000, 100_000], textLengths: [280, 3_000, 30_000], patterns: 200 };
export const SMOKE = { termCounts: [100], textLengths: [280], patterns: 5 };

/** Writes bench/out/inputs.json (the matrix index), policy-*.json and baseline-packs.json. */
export function generate(matrix) {
  mkdirSync(OUT, { recursive: true });
  const all = terms(Math.max(...matrix.termCounts));
  const patternList = patterns(matrix.patterns);
  const texts = Object.fromEntries(matrix.textLengths.map((n) => [String(n), post(n, all, patternList)]));
  const policies = {};
  for (const count of matrix.termCounts) {
    const name = `terms${count}`;
    const file = `policy-${name}.json`;
    writeFileSync(join(OUT, file), JSON.stringify(policy(all.slice(0, count), patternList)));
    policies[name] = { file, terms: count, patterns: patternList.length };
  }
  // The baseline needs the pack's term lists as data (the engine embeds them).
  const base = JSON.parse(readFileSync(join(ROOT, 'checker-core', 'packs', 'base.json'), 'utf8'));
  writeFileSync(join(OUT, 'baseline-packs.json'), JSON.stringify(base.rules.filter((r) => r.kind === 'terms')));
  const inputs = { matrix, texts, policies, patterns: patternList, context: { platform: 'linkedin', surface: 'post', lang: 'de' } };
  writeFileSync(join(OUT, 'inputs.json'), JSON.stringify(inputs, null, 1));
  return inputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const inputs = generate(process.argv.includes('--smoke') ? SMOKE : FULL);
  console.log(`bench/out: ${Object.keys(inputs.policies).join(', ')}; texts ${Object.keys(inputs.texts).join(', ')} chars`);
}
