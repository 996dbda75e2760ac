/**
 * The policy editor: CodeMirror with JSON syntax, and every problem the
 * engine finds underlined where it is. Problems carry JSON pointers; the
 * engine's own source map (`locatePointers`, the one `postlint policy
 * validate` uses) turns them into line:column, and the syntax tree widens
 * each position to the key or value it names. Completion and hover come
 * from the policy's JSON Schema (`schema-editor.ts`), for JSON; YAML
 * policies are highlighted and underlined alike.
 */

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, indentOnInput, syntaxHighlighting, defaultHighlightStyle, syntaxTree } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension, type Text } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { locatePointers, policySchema } from '../../checker-wasm/pkg/checker_wasm.js';
import type { PolicyProblem } from '../../extension/src/background/policy-state';
import type { Schema } from './schema-assist';
import { schemaAssistance } from './schema-editor';

/** A problem with the place it was found, 1-based, as the CLI prints it. */
export interface LocatedProblem extends PolicyProblem {
  line: number | null;
  column: number | null;
  /** Document offsets of the underlined key or value. */
  from: number;
  to: number;
}

/**
 * Read-only while it shows the extension's policy in force, until "open a
 * copy". Still focusable, so the policy can be read and searched by keyboard.
 */
const editability = new Compartment();

/** JSON (with completion from the schema) or YAML, by the file's name. */
const language = new Compartment();

export type PolicyFormat = 'json' | 'yaml';

/** A policy file is YAML when its name ends in `.yaml` or `.yml`, as for `postlint policy validate`. */
export function formatOf(fileName: string): PolicyFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}

function languageFor(format: PolicyFormat): Extension {
  return format === 'yaml' ? yaml() : [json(), schemaAssistance(policySchema() as Schema)];
}

export function setFormat(view: EditorView, format: PolicyFormat): void {
  view.dispatch({ effects: language.reconfigure(languageFor(format)) });
}

export function setEditable(view: EditorView, yes: boolean): void {
  view.dispatch({ effects: editability.reconfigure(EditorState.readOnly.of(!yes)) });
}

export function createPolicyEditor(parent: HTMLElement, label: string, onChange: () => void): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        history(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle),
        language.of(languageFor('json')),
        editability.of(EditorState.readOnly.of(false)),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange();
        }),
      ],
    }),
  });
}

export function replaceDocument(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** The offset of a 1-based line and character column (the engine counts characters, CodeMirror UTF-16 units). */
function offsetOf(doc: Text, line: number, column: number): number {
  const docLine = doc.line(Math.min(Math.max(line, 1), doc.lines));
  let offset = docLine.from;
  for (let characters = 1; characters < column && offset < docLine.to; characters += 1) {
    offset += doc.sliceString(offset, offset + 2).codePointAt(0)! > 0xffff ? 2 : 1;
  }
  return Math.min(offset, docLine.to);
}

/** Places each problem in the source and sorts them as they appear there, unplaced ones last. */
export function locateProblems(view: EditorView, problems: readonly PolicyProblem[]): LocatedProblem[] {
  const { state } = view;
  const positions = locatePointers(state.doc.toString(), problems.map((problem) => problem.path)) as ({ line: number; column: number } | null)[];
  const tree = syntaxTree(state);
  const located = problems.map((problem, index): LocatedProblem => {
    const position = positions[index] ?? null;
    if (!position) return { ...problem, line: null, column: null, from: 0, to: Math.min(1, state.doc.length) };
    const from = offsetOf(state.doc, position.line, position.column);
    const node = tree.resolveInner(from, 1);
    // A key or scalar value: underline it whole; an object or array: its first character.
    const to = node.from === from && node.to > from && node.to - from <= 200 ? node.to : Math.min(from + 1, state.doc.line(position.line).to);
    return { ...problem, line: position.line, column: position.column, from, to: Math.max(to, from) };
  });
  return located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

/** A problem found before there is a JSON value (a YAML reading error), at its line and column when it has them. */
export function problemAt(view: EditorView, problem: PolicyProblem, position: { line: number; column: number } | null): LocatedProblem {
  const { doc } = view.state;
  if (!position) return { ...problem, line: null, column: null, from: 0, to: Math.min(1, doc.length) };
  const from = offsetOf(doc, position.line, position.column);
  return { ...problem, line: position.line, column: position.column, from, to: Math.min(from + 1, doc.lineAt(from).to) };
}

export function showProblems(view: EditorView, problems: readonly LocatedProblem[], hintLine: (hint: string) => string): void {
  const diagnostics: Diagnostic[] = problems.map((problem) => ({
    from: problem.from,
    to: problem.to,
    severity: 'error',
    source: problem.path || '/',
    message: problem.hint ? `${problem.message}\n${hintLine(problem.hint)}` : problem.message,
  }));
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Moves the cursor to `offset`, scrolls it into view and focuses the editor. */
export function jumpTo(view: EditorView, offset: number): void {
  view.dispatch({ selection: { anchor: offset }, effects: EditorView.scrollIntoView(offset, { y: 'center' }) });
  view.focus();
}

/** Where a JSON pointer is in the editor, or null when the source has no such place. */
export function offsetOfPointer(view: EditorView, pointer: string): number | null {
  const [position] = locatePointers(view.state.doc.toString(), [pointer]) as ({ line: number; column: number } | null)[];
  return position ? offsetOf(view.state.doc, position.line, position.column) : null;
}
