/**
 * Postlint Studio: one page where a policy is written, tried on drafts,
 * tested, measured on a labeled corpus and exported for deployment. The
 * engine is the extension's WebAssembly checker; nothing leaves the page.
 *
 * Packaged in the extension (linked from its options page), it opens the
 * policy in force, read-only, until "open a copy"; there is no server, and
 * the background hands over the policy text.
 *
 * Every policy edit recompiles the policy. A valid one replaces the checker
 * in use and refreshes every panel; an invalid one is underlined in the
 * editor while the last valid checker keeps serving the draft.
 */

import { jsonParseLinter } from '@codemirror/lang-json';
import { setDiagnostics } from '@codemirror/lint';
import initWasm, { type Checker, locatePointers, yamlToJson } from '../../checker-wasm/pkg/checker_wasm.js';
import { compile } from '../../extension/src/background/engine';
import { el } from '../../extension/src/content/shadow';
import { PROTOCOL_VERSION, type Attachment, type CheckContext, type Lang, type Platform, type PolicyAnswer, type PolicyRequest, type Report, type RuleInfo, type Surface } from '../../extension/src/protocol';
import { appendTest, appendTestToYaml, testFromDraft } from './add-test';
import { CorpusPanel, type CorpusPost } from './corpus';
import { DeployPanel } from './deploy';
import { DraftPane } from './draft';
import type { TestReport } from './engine-types';
import { pickFile, readInput, saveFile, type FileKind, type OpenedFile } from './files';
import { installExtensionMessages, localizePage, setUiLang, t, uiLang } from './i18n';
import { createPolicyEditor, formatOf, jumpTo, locateProblems, offsetOfPointer, problemAt, replaceDocument, setEditable, setFormat, showProblems, type LocatedProblem } from './policy-editor';
import { renderRules } from './rules-panel';
import { setUpTabs, showTab } from './tabs';
import { renderTests } from './tests-panel';

const POLICY_FILE: FileKind = { description: 'Postlint policy (JSON or YAML)', mime: 'application/json', extensions: ['.json', '.yaml', '.yml'] };
const CORPUS_FILE: FileKind = { description: 'Labeled posts (JSON Lines)', mime: 'application/jsonl', extensions: ['.jsonl', '.json'] };

/** What `postlint studio --policy … --corpus …` hands the page; absent on a static host. */
interface Startup {
  /** `saveToken`: "Save" writes the file back through `PUT policy` with this token. */
  policy?: { name: string; text: string; saveToken?: string };
  corpus?: { name: string; text: string };
}

/** An extension page: the Studio packaged in the extension, reached from its options page. */
const IN_EXTENSION = location.protocol === 'chrome-extension:' || location.protocol === 'moz-extension:';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page lacks #${id}`);
  return element as T;
}

installExtensionMessages();
setUiLang(uiLang());
localizePage(document);
const loading = byId<HTMLParagraphElement>('policy-status');
loading.textContent = t('loading');

try {
  await initWasm({ module_or_path: POSTLINT_STUDIO_WASM });
} catch (error) {
  loading.textContent = t('wasm_failed', error instanceof Error ? error.message : String(error));
  throw error;
}

let checker: Checker | null = null;
let validPolicy = '';
let policyFile: { name: string; handle: FileSystemFileHandle | null } = { name: 'policy.json', handle: null };
/** While the editor shows the file `postlint studio --policy` opened: the token that saves it back. */
let saveToken: string | null = null;
let problems: LocatedProblem[] = [];
let rules: RuleInfo[] = [];
let tests: TestReport | null = null;
/** Where the policy in force came from while the editor shows it read-only; null once editable. */
let inForceSource: string | null = null;

const policyEditor = createPolicyEditor(byId('policy-editor'), t('policy_editor_label'), () => scheduleCompile());
const draft = new DraftPane(byId('draft-editor'), t('try_draft_label'), byId('draft-findings'), byId('length-counter'), () => recheck());
const corpus = new CorpusPanel(byId('corpus-output'), (post) => tryPost(post));
const deploy = new DeployPanel(byId('panel-deploy'));

function jumpToPointer(pointer: string): void {
  const offset = offsetOfPointer(policyEditor, pointer);
  if (offset !== null) jumpTo(policyEditor, offset);
}

let compileQueued = false;
/** Coalesces a burst of edits (a paste, an undo of many steps) into one compile. */
function scheduleCompile(): void {
  if (compileQueued) return;
  compileQueued = true;
  setTimeout(() => {
    compileQueued = false;
    recompile();
  }, 0);
}

/** What `yamlToJson` throws. */
interface YamlProblem {
  message: string;
  hint: string | null;
  position: { line: number; column: number } | null;
}

/** The policy as the JSON text the engine compiles, or null after showing why there is none. */
function policyJson(source: string): string | null {
  if (formatOf(policyFile.name) === 'yaml') {
    try {
      return yamlToJson(source);
    } catch (error) {
      const { message, hint, position } = error as YamlProblem;
      problems = [problemAt(policyEditor, { path: '', message, hint }, position)];
      showProblems(policyEditor, problems, (text) => t('problem_hint', text));
      renderPolicyStatus(t('policy_problems', 1), true);
      return null;
    }
  }
  try {
    JSON.parse(source);
    return source;
  } catch (error) {
    // The engine would say the same without a place; CodeMirror's JSON linter knows the offset.
    policyEditor.dispatch(setDiagnostics(policyEditor.state, jsonParseLinter()(policyEditor)));
    problems = [];
    renderPolicyStatus(t('policy_not_json', error instanceof Error ? error.message : String(error)), true);
    return null;
  }
}

function recompile(): void {
  const source = policyEditor.state.doc.toString();
  const text = policyJson(source);
  if (text === null) return;
  const outcome = compile(text);
  if ('problems' in outcome) {
    problems = locateProblems(policyEditor, outcome.problems);
    showProblems(policyEditor, problems, (hint) => t('problem_hint', hint));
    renderPolicyStatus(t('policy_problems', problems.length), true);
    return;
  }
  checker?.free();
  checker = outcome.checker;
  validPolicy = source;
  problems = [];
  showProblems(policyEditor, [], (hint) => hint);
  rules = checker.rules() as RuleInfo[];
  tests = checker.runTests() as TestReport;
  renderPolicyStatus(t('policy_valid', rules.filter((rule) => rule.enabled).length), false);
  renderPanels();
  corpus.policyChanged(text);
  deploy.policyChanged(text);
  recheck();
}

function renderPolicyStatus(status: string, invalid: boolean): void {
  const line = byId('policy-status');
  line.textContent = status;
  line.classList.toggle('error', invalid);
  const list = byId('policy-problems');
  list.replaceChildren(
    ...problems.map((problem) => {
      const button = el(document, 'button', 'problem');
      button.type = 'button';
      const where = problem.line === null ? '' : `${t('policy_problem_at', problem.line, problem.column ?? 1)} `;
      button.append(el(document, 'span', 'where', where), el(document, 'span', 'path', `${problem.path || '/'}: `), el(document, 'span', 'message', problem.message));
      if (problem.hint) button.append(el(document, 'span', 'hint', t('problem_hint', problem.hint)));
      button.addEventListener('click', () => jumpTo(policyEditor, problem.from));
      const item = el(document, 'li');
      item.append(button);
      return item;
    }),
  );
}

function renderPanels(): void {
  renderRules(byId('rules-output'), rules, validPolicy, jumpToPointer);
  if (tests) renderTests(byId('tests-output'), tests, jumpToPointer);
}

function checkContext(): CheckContext {
  const attachments: Attachment[] = [];
  for (const box of document.querySelectorAll<HTMLInputElement>('input[name=attachment]:checked')) {
    attachments.push({ kind: box.value as Attachment['kind'], count: 1, undescribed: 0 });
  }
  const date = byId<HTMLInputElement>('try-date').value;
  return {
    platform: byId<HTMLSelectElement>('try-platform').value as Platform,
    surface: byId<HTMLSelectElement>('try-surface').value as Surface,
    lang: byId<HTMLSelectElement>('try-lang').value as Lang,
    attachments,
    ...(date ? { date } : {}),
  };
}

function recheck(): void {
  const report = checker ? (checker.check(draft.text(), checkContext()) as Report) : null;
  draft.show(report);
}

/** The first words of a draft, on one line, to name its test. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length <= 40 ? line : `${characters.slice(0, 40).join('')}…`;
}

/** "Add this post as a test": appends the draft, its context and its findings' rules to the policy's tests. */
function addDraftAsTest(): void {
  const text = draft.text();
  if (!text.trim()) {
    announce(t('try_add_test_empty'));
    return;
  }
  if (!checker || policyEditor.state.doc.toString() !== validPolicy) {
    announce(t('try_add_test_invalid'));
    return;
  }
  const name = t('try_test_name', excerpt(text));
  const test = testFromDraft(name, text, checkContext(), draft.findings());
  const edit = formatOf(policyFile.name) === 'yaml' ? appendTestToYaml(validPolicy, test, testCount(validPolicy), (pointers) => locatePointers(validPolicy, pointers)) : appendTest(policyEditor.state, test);
  if (!edit) {
    announce(t(formatOf(policyFile.name) === 'yaml' ? 'try_add_test_yaml_flow' : 'try_add_test_invalid'));
    return;
  }
  // Adding a test edits the policy: on the extension's policy in force, a copy.
  leaveReadOnly();
  policyEditor.dispatch({ changes: edit.changes });
  jumpTo(policyEditor, edit.start);
  announce(t('try_test_added', name));
}

/** How many tests a valid YAML policy has; null without a `tests` key. */
function testCount(source: string): number | null {
  const tests = (JSON.parse(yamlToJson(source)) as { tests?: unknown[] }).tests;
  return Array.isArray(tests) ? tests.length : null;
}

function tryPost(post: CorpusPost): void {
  byId<HTMLSelectElement>('try-platform').value = post.platform ?? 'generic';
  byId<HTMLSelectElement>('try-surface').value = post.surface ?? 'post';
  byId<HTMLSelectElement>('try-lang').value = post.lang ?? 'en';
  byId<HTMLInputElement>('try-date').value = post.date ?? '';
  const kinds = new Set((post.attachments ?? []).map((attachment) => attachment.kind));
  for (const box of document.querySelectorAll<HTMLInputElement>('input[name=attachment]')) box.checked = kinds.has(box.value as Attachment['kind']);
  showTab('try');
  draft.setText(post.text);
  draft.view.focus();
}

/** The file the editor stands for; its name decides JSON or YAML. */
function usePolicyFile(file: { name: string; handle: FileSystemFileHandle | null }): void {
  const changed = formatOf(file.name) !== formatOf(policyFile.name);
  policyFile = file;
  saveToken = null;
  if (changed) setFormat(policyEditor, formatOf(file.name));
}

function openPolicy(file: OpenedFile): void {
  leaveReadOnly();
  usePolicyFile({ name: file.name, handle: file.handle });
  replaceDocument(policyEditor, file.text);
  announce(t('file_opened', file.name));
}

function announce(text: string): void {
  byId('file-status').textContent = text;
}

async function loadTemplate(name: string): Promise<void> {
  const response = await fetch(`templates/${name}.json`);
  if (!response.ok) throw new Error(`templates/${name}.json: ${response.status}`);
  leaveReadOnly();
  usePolicyFile({ name: 'policy.json', handle: null });
  replaceDocument(policyEditor, await response.text());
}

/** Asks the extension's background for the policy in force and shows it read-only. */
async function openPolicyInForce(): Promise<void> {
  const request: PolicyRequest = { v: PROTOCOL_VERSION, type: 'policy' };
  const answer = (await chrome.runtime.sendMessage(request).catch((error: unknown) => ({ ok: false, message: String(error) }))) as PolicyAnswer | undefined;
  if (!answer?.ok) {
    announce(t('in_force_unavailable', answer?.message ?? ''));
    await loadTemplate('example-policy');
    return;
  }
  usePolicyFile({ name: 'policy.json', handle: null });
  replaceDocument(policyEditor, answer.text);
  inForceSource = answer.source;
  setEditable(policyEditor, false);
  renderInForce();
}

const IN_FORCE_SOURCES: Record<string, Parameters<typeof t>[0]> = {
  managed: 'in_force_managed',
  url: 'in_force_url',
  'url-cached': 'in_force_url_cached',
  'built-in': 'in_force_built_in',
};

function renderInForce(): void {
  const banner = byId('in-force');
  banner.hidden = inForceSource === null;
  if (inForceSource === null) return;
  // A source a newer background may add is shown by its name.
  const source = Object.hasOwn(IN_FORCE_SOURCES, inForceSource) ? t(IN_FORCE_SOURCES[inForceSource]) : inForceSource;
  byId('in-force-text').textContent = t('in_force_read_only', source);
}

/** Makes the editor editable: "open a copy", or another policy opened over the one in force. */
function leaveReadOnly(): void {
  if (inForceSource === null) return;
  inForceSource = null;
  setEditable(policyEditor, true);
  renderInForce();
}

function wireControls(): void {
  const policyInput = byId<HTMLInputElement>('policy-file');
  const corpusInput = byId<HTMLInputElement>('corpus-file');
  const failed = (name: string) => (error: unknown) => announce(t('file_error', name, error instanceof Error ? error.message : String(error)));
  byId('policy-open').addEventListener('click', () => {
    pickFile(POLICY_FILE, policyInput).then((file) => file && openPolicy(file), failed(POLICY_FILE.description));
  });
  policyInput.addEventListener('change', () => {
    readInput(policyInput).then((file) => file && openPolicy(file), failed(POLICY_FILE.description));
  });
  byId('policy-save').addEventListener('click', () => {
    if (saveToken !== null) {
      saveBack(saveToken).then(() => announce(t('file_saved', policyFile.name)), failed(policyFile.name));
      return;
    }
    saveFile(policyEditor.state.doc.toString(), policyFile.name, POLICY_FILE, policyFile.handle).then((saved) => {
      if (!saved) return;
      usePolicyFile(saved);
      announce(t('file_saved', saved.name));
    }, failed(policyFile.name));
  });
  byId('corpus-open').addEventListener('click', () => {
    pickFile(CORPUS_FILE, corpusInput).then((file) => file && corpus.open(file.name, file.text), failed(CORPUS_FILE.description));
  });
  corpusInput.addEventListener('change', () => {
    readInput(corpusInput).then((file) => file && corpus.open(file.name, file.text), failed(CORPUS_FILE.description));
  });
  byId('try-add-test').addEventListener('click', addDraftAsTest);
  byId('open-copy').addEventListener('click', () => {
    leaveReadOnly();
    announce(t('in_force_copy_opened'));
    policyEditor.focus();
  });
  const template = byId<HTMLSelectElement>('template');
  template.addEventListener('change', () => {
    const name = template.value;
    template.value = '';
    if (name && (policyEditor.state.doc.length === 0 || confirm(t('template_replace_confirm')))) loadTemplate(name).catch(failed(name));
  });
  for (const id of ['try-platform', 'try-surface', 'try-lang', 'try-date']) byId(id).addEventListener('change', recheck);
  for (const box of document.querySelectorAll('input[name=attachment]')) box.addEventListener('change', recheck);
  const language = byId<HTMLSelectElement>('ui-lang');
  language.value = uiLang();
  language.addEventListener('change', () => {
    setUiLang(language.value as Lang);
    localizePage(document);
    renderInForce();
    recompile();
    corpus.render();
    deploy.render();
  });
}

/** Writes the editor's text over the file `postlint studio --policy` opened. */
async function saveBack(token: string): Promise<void> {
  const response = await fetch('policy', { method: 'PUT', headers: { 'X-Postlint-Token': token, 'Content-Type': 'text/plain; charset=utf-8' }, body: policyEditor.state.doc.toString() });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
}

async function startup(): Promise<Startup> {
  // Served only by `postlint studio`; a static host answers 404.
  const response = await fetch('startup.json', { cache: 'no-store' }).catch(() => null);
  if (!response?.ok) return {};
  return (await response.json()) as Startup;
}

setUpTabs(byId('tabs'));
wireControls();
byId<HTMLSelectElement>('try-lang').value = uiLang();
if (IN_EXTENSION) {
  await openPolicyInForce();
} else {
  const given = await startup();
  if (given.policy) {
    openPolicy({ name: given.policy.name, text: given.policy.text, handle: null });
    saveToken = given.policy.saveToken ?? null;
  }
  else await loadTemplate('example-policy');
  if (given.corpus) corpus.open(given.corpus.name, given.corpus.text);
}
