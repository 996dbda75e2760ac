/**
 * "Add this post as a test": the draft in "Try a post", its context and the
 * rules its findings come from become an entry of the policy's `tests`
 * (docs/policy.md, "Policy tests"), so the policy keeps proving it.
 *
 * The entry is inserted as text where the syntax tree says `tests` ends (or
 * a `tests` key is added after the last key), in one undoable change, so
 * the rest of the policy keeps the layout its author gave it.
 */

import { ensureSyntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import type { CheckContext, Finding } from '../../extension/src/protocol';

/** One entry of a policy's `tests`. */
export interface PolicyTest {
  name: string;
  text: string;
  context: Partial<CheckContext>;
  expect: string[];
}

const INDENT_UNIT = '  ';
/** How long the whole-document parse may take before the insertion gives up. */
const PARSE_BUDGET_MS = 500;

export function testFromDraft(name: string, text: string, context: CheckContext, findings: readonly Finding[]): PolicyTest {
  const { platform, surface, date, lang, attachments } = context;
  return {
    name,
    text,
    // As the docs write a context: only what differs from nothing.
    context: { platform, surface, ...(date ? { date } : {}), lang, ...(attachments.length ? { attachments } : {}) },
    expect: [...new Set(findings.map((finding) => finding.rule))],
  };
}

/** JSON on one line, with a space after `:` and `,`, as the documented policies write values. */
function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${compact(item)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** The test as a block: one key per line at `indent` plus a unit, the braces at `indent`. */
function block(test: PolicyTest, indent: string): string {
  const lines = Object.entries(test).map(([key, value]) => `${indent}${INDENT_UNIT}${JSON.stringify(key)}: ${compact(value)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function indentOf(state: EditorState, position: number): string {
  return /^\s*/.exec(state.doc.lineAt(position).text)?.[0] ?? '';
}

/** The values of an array node, without its brackets and commas. */
function elements(array: SyntaxNode): SyntaxNode[] {
  const values: SyntaxNode[] = [];
  for (let child = array.firstChild; child; child = child.nextSibling) {
    if (!['[', ']', ',', '⚠'].includes(child.name)) values.push(child);
  }
  return values;
}

/**
 * The change that appends `test` to the policy's `tests`, and where the
 * test starts after it; null when the source is not a JSON object the
 * parser could read whole.
 */
export function appendTest(state: EditorState, test: PolicyTest): { changes: { from: number; to: number; insert: string }; start: number } | null {
  const tree = ensureSyntaxTree(state, state.doc.length, PARSE_BUDGET_MS);
  const root = tree?.topNode.getChild('Object');
  if (!root) return null;
  const properties = root.getChildren('Property');
  const last = properties.at(-1);
  if (!last) return null;
  const tests = properties.find((property) => {
    const name = property.getChild('PropertyName');
    return name !== null && state.sliceDoc(name.from, name.to) === '"tests"';
  });
  if (!tests) {
    const indent = indentOf(state, last.from);
    const before = `,\n${indent}"tests": [\n${indent}${INDENT_UNIT}`;
    return { changes: { from: last.to, to: last.to, insert: `${before}${block(test, indent + INDENT_UNIT)}\n${indent}]` }, start: last.to + before.length };
  }
  const array = tests.getChild('Array');
  if (!array) return null;
  const previous = elements(array).at(-1);
  if (previous) {
    const indent = indentOf(state, previous.from);
    const before = `,\n${indent}`;
    return { changes: { from: previous.to, to: previous.to, insert: `${before}${block(test, indent)}` }, start: previous.to + before.length };
  }
  const indent = indentOf(state, tests.from);
  const before = `[\n${indent}${INDENT_UNIT}`;
  return { changes: { from: array.from, to: array.to, insert: `${before}${block(test, indent + INDENT_UNIT)}\n${indent}]` }, start: array.from + before.length };
}

/** Where a JSON pointer starts in a policy's source: 1-based line and character column. */
type Locate = (pointers: string[]) => ({ line: number; column: number } | null)[];

/**
 * The same for a YAML policy with `testCount` tests (null: no `tests` key):
 * the test as one flow mapping (JSON, which YAML reads alike) in a `- `
 * item after the last one of the block list `tests`, or a new `tests:` list
 * at the end. Null when `tests` is written in flow style (`tests: [...]`).
 */
export function appendTestToYaml(source: string, test: PolicyTest, testCount: number | null, locate: Locate): { changes: { from: number; to: number; insert: string }; start: number } | null {
  const item = compact(test);
  if (testCount === null) {
    const before = `${source === '' || source.endsWith('\n') ? '' : '\n'}tests:\n${INDENT_UNIT}- `;
    return { changes: { from: source.length, to: source.length, insert: `${before}${item}\n` }, start: source.length + before.length };
  }
  if (testCount === 0) return null;
  const [key, last] = locate(['/tests', `/tests/${testCount - 1}`]);
  if (!key || !last) return null;
  const lines = source.split('\n');
  const lastLine = lines[last.line - 1] ?? '';
  const dash = last.column - 3;
  if (dash < 0 || lastLine.slice(dash, dash + 2) !== '- ') return null;
  const indent = lastLine.slice(0, dash);
  // The last item ends before the next line indented no deeper than `tests:`.
  const keyIndent = key.column - 1;
  let end = last.line;
  for (let index = last.line; index < lines.length; index += 1) {
    const line = lines[index];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (line.length - line.trimStart().length <= keyIndent) break;
    end = index + 1;
  }
  const offset = lines.slice(0, end).reduce((sum, line) => sum + line.length + 1, 0);
  const at = Math.min(offset, source.length);
  const before = `${at === source.length && !source.endsWith('\n') ? '\n' : ''}${indent}- `;
  return { changes: { from: at, to: at, insert: `${before}${item}\n` }, start: at + before.length };
}
