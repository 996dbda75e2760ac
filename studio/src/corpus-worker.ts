/**
 * Measures a policy on a labeled corpus off the main thread, so typing in
 * the editors never waits for the ~300 checks. The engine's own `evaluate`
 * does the work: the numbers are those of `postlint eval`.
 */

import initWasm, { Checker } from '../../checker-wasm/pkg/checker_wasm.js';
import { compile } from '../../extension/src/background/engine';
import type { Evaluation, EvaluationAnswer, EvaluationRequest } from './engine-types';

const ready = initWasm({ module_or_path: new URL(POSTLINT_STUDIO_WASM, self.location.href) });

function problemsText(problems: readonly { path: string; message: string }[]): string {
  return problems.map((problem) => `${problem.path || '/'}: ${problem.message}`).join('; ');
}

self.addEventListener('message', async (event: MessageEvent<EvaluationRequest>) => {
  const { generation, policy, corpus } = event.data;
  let answer: EvaluationAnswer;
  try {
    await ready;
    const compiled = compile(policy);
    if ('problems' in compiled) {
      answer = { generation, ok: false, message: problemsText(compiled.problems) };
    } else {
      const checker: Checker = compiled.checker;
      try {
        answer = { generation, ok: true, evaluation: checker.evaluate(corpus) as Evaluation };
      } finally {
        checker.free();
      }
    }
  } catch (error) {
    answer = { generation, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(answer);
});
