/**
 * The deploy panel: what `postlint deploy` writes for a browser and an OS,
 * generated in the page by the same Rust code (the `postlint-deploy` crate
 * through the WebAssembly package), so the bytes are identical.
 */

import { deployArtifact } from '../../checker-wasm/pkg/checker_wasm.js';
import { el } from '../../extension/src/content/shadow';
import { download } from './files';
import { t } from './i18n';

/** What `deployArtifact` returns: the file's bytes and how to offer it. */
interface Artifact {
  bytes: Uint8Array;
  fileName: string;
  mime: string;
  /** The encoding of `bytes` as text: `utf-8`, or `utf-16le` for a .reg file. */
  encoding: string;
}

const BROWSERS = ['chrome', 'edge', 'firefox'] as const;
const SYSTEMS = ['linux', 'windows', 'macos', 'any'] as const;

function select<T extends string>(id: string, values: readonly T[], label: (value: T) => string): HTMLSelectElement {
  const element = el(document, 'select');
  element.id = id;
  for (const value of values) {
    const option = el(document, 'option', '', label(value));
    option.value = value;
    element.append(option);
  }
  return element;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el(document, 'label');
  label.append(el(document, 'span', '', text), ' ', control);
  return label;
}

export class DeployPanel {
  private policy = '';
  private artifact: Artifact | null = null;
  private readonly browser: HTMLSelectElement;
  private readonly os: HTMLSelectElement;
  private readonly extensionId: HTMLInputElement;

  constructor(private readonly panel: HTMLElement) {
    this.browser = select('deploy-browser', BROWSERS, (browser) => ({ chrome: 'Google Chrome', edge: 'Microsoft Edge', firefox: 'Mozilla Firefox' })[browser]);
    this.os = select('deploy-os', SYSTEMS, (os) => t(`os_${os}`));
    this.extensionId = el(document, 'input');
    this.extensionId.id = 'deploy-extension-id';
    this.extensionId.spellcheck = false;
    this.extensionId.size = 36;
    for (const control of [this.browser, this.os, this.extensionId]) control.addEventListener('input', () => this.generate());
    this.render();
  }

  policyChanged(policy: string): void {
    this.policy = policy;
    this.generate();
  }

  /** Rebuilds the panel's texts in the current language, keeping the choices. */
  render(): void {
    const chosenOs = this.os.value;
    for (const option of this.os.options) option.textContent = t(`os_${option.value as (typeof SYSTEMS)[number]}`);
    this.os.value = chosenOs;
    const form = el(document, 'div', 'deploy-form');
    form.append(labelled(t('deploy_browser'), this.browser), labelled(t('deploy_os'), this.os), labelled(t('deploy_extension_id'), this.extensionId));
    const copy = el(document, 'button', '', t('deploy_copy'));
    copy.type = 'button';
    copy.id = 'deploy-copy';
    copy.addEventListener('click', () => this.copy());
    const save = el(document, 'button', '', t('deploy_download'));
    save.type = 'button';
    save.id = 'deploy-download';
    save.addEventListener('click', () => {
      if (this.artifact) download(this.artifact.bytes, this.artifact.fileName, this.artifact.mime);
    });
    const status = el(document, 'p', 'meta deploy-status');
    status.setAttribute('role', 'status');
    const output = el(document, 'pre', 'deploy-output');
    output.tabIndex = 0;
    this.panel.replaceChildren(el(document, 'p', 'meta', t('deploy_intro')), form, el(document, 'p', '', ''), output, status);
    this.panel.children[2]!.append(copy, ' ', save);
    this.generate();
  }

  private generate(): void {
    const output = this.panel.querySelector<HTMLElement>('.deploy-output');
    const status = this.panel.querySelector<HTMLElement>('.deploy-status');
    if (!output || !status) return;
    this.artifact = null;
    output.textContent = '';
    status.textContent = '';
    if (!this.policy || !this.extensionId.value.trim()) return;
    try {
      this.artifact = deployArtifact(this.policy, {
        browser: this.browser.value,
        os: this.os.value,
        extensionId: this.extensionId.value.trim(),
      }) as Artifact;
      output.textContent = new TextDecoder(this.artifact.encoding).decode(this.artifact.bytes);
      if (this.artifact.encoding !== 'utf-8') status.textContent = t('deploy_binary');
    } catch (error) {
      status.textContent = deployProblem(error);
    }
  }

  private copy(): void {
    const text = this.panel.querySelector('.deploy-output')?.textContent ?? '';
    const status = this.panel.querySelector<HTMLElement>('.deploy-status');
    navigator.clipboard.writeText(text).then(() => {
      if (status) status.textContent = t('deploy_copied');
    }, () => undefined);
  }
}

/** What the engine's deploy code threw, in the reader's language where the Studio's own fields are at fault. */
function deployProblem(error: unknown): string {
  const option = (error as { option?: unknown } | null)?.option;
  if (option === '--extension-id') return t('deploy_error_extension_id');
  if (option === '--os') return t('deploy_error_os');
  return t('deploy_error', error instanceof Error ? error.message : String(error));
}
