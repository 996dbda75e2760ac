// Native vs WebAssembly: the same text, policy and context must give the same
// report, field for field.
//
// The native side is the release CLI (`postlint check --format json`, whose
// output is the JSON contract); the WASM side is the wasm-pack package in
// checker-wasm/pkg, loaded from its .wasm bytes. Texts: every test of every
// example policy (examples/*.json, and the CLI's test policies that carry
// tests), and every example post (examples/posts/*.txt), checked with the
// built-in default policy and with each of those policies.
//
// Run by `./dev test`, which builds both first; POSTLINT_BIN names the CLI.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { initSync, Checker, defaultPolicy, version } from "../pkg/checker_wasm.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const postlint = process.env.POSTLINT_BIN ?? path.join(root, "target/release/postlint");

initSync({ module: readFileSync(new URL("../pkg/checker_wasm_bg.wasm", import.meta.url)) });

// The CLI defaults the date to today while a WASM context may leave it out
// (meaning "every dated rule is active"); give both the same explicit date.
const FIXED_DATE = "2026-11-27";

const examplesDir = path.join(root, "examples");
const policyFiles = [
  ...readdirSync(examplesDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => path.join(examplesDir, name)),
  path.join(root, "cli/tests/fixtures/acme.json"),
  path.join(root, "cli/tests/fixtures/acme-org.json"),
];
const postFiles = readdirSync(path.join(examplesDir, "posts"))
  .filter((name) => name.endsWith(".txt"))
  .map((name) => path.join(examplesDir, "posts", name));

/** Runs the native CLI and returns its parsed JSON report. */
function nativeCheck(text, context, policyFile) {
  const args = ["check", "-", "--format", "json"];
  if (policyFile) args.push("--policy", policyFile);
  args.push("--platform", context.platform, "--surface", context.surface);
  if (context.field) args.push("--field", context.field);
  args.push("--date", context.date, "--lang", context.lang);
  for (const { kind, count, undescribed = 0 } of context.attachments) {
    for (let i = 0; i < count; i++) args.push("--attach", kind);
    // The CLI describes undescribed images only.
    if (undescribed > 0) args.push("--undescribed", String(undescribed));
  }
  if (context.department !== undefined) args.push("--department", context.department);
  const run = spawnSync(postlint, args, { input: text, encoding: "utf8" });
  assert.equal(run.error, undefined, `cannot run ${postlint}: ${run.error}`);
  assert.ok(run.status === 0 || run.status === 1, `postlint exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const holdsBack = report.findings.some((f) => (f.level === "warn" || f.level === "block") && f.category !== "campaign");
  assert.equal(run.status, holdsBack ? 1 : 0, "exit code disagrees with the findings");
  return report;
}

function fullContext(context = {}) {
  return {
    platform: context.platform ?? "generic",
    surface: context.surface ?? "post",
    date: context.date ?? FIXED_DATE,
    lang: context.lang ?? "en",
    attachments: context.attachments ?? [],
    ...(context.field ? { field: context.field } : {}),
    ...(context.department === undefined ? {} : { department: context.department }),
  };
}

function contextOfPost(file) {
  const name = path.basename(file);
  return fullContext({
    platform: name.includes("-x-") ? "x" : name.includes("-linkedin-") ? "linkedin" : "generic",
    lang: name.startsWith("de-") ? "de" : "en",
  });
}

// Counted so that the run proves it compared findings of every shape, not
// only empty lists.
const compared = { spanned: 0, wholeText: 0, suggestions: 0, profileFindings: 0, departmentFindings: 0 };

/** Checks one text both ways and compares the reports. */
function compare(checker, text, context, policyFile) {
  const wasm = checker.check(text, context);
  const native = nativeCheck(text, context, policyFile);
  // deepStrictEqual compares prototypes too: the WASM results must be plain
  // objects and arrays, with null (not undefined) for absent values.
  assert.deepStrictEqual(wasm, native);
  // The JSON text the extension passes through its port is the same report.
  assert.deepStrictEqual(JSON.parse(checker.checkJson(text, context)), native);
  if (context.field) compared.profileFindings += wasm.findings.length;
  for (const finding of wasm.findings) {
    if (finding.span === null) compared.wholeText++;
    else compared.spanned++;
    compared.suggestions += finding.suggestions.length;
    if (context.department !== undefined) compared.departmentFindings++;
  }
}

test("the package reports the CLI's version", () => {
  const run = spawnSync(postlint, ["--version"], { encoding: "utf8" });
  assert.equal(run.stdout.trim(), `postlint ${version()}`);
});

test("an invalid policy throws its problems as data", () => {
  assert.throws(
    () => Checker.compile('{"version": 1, "rules": [{"id": "x", "kind": "terms", "levle": "warn"}]}'),
    (thrown) => {
      assert.ok(Array.isArray(thrown.problems) && thrown.problems.length > 0);
      for (const problem of thrown.problems) {
        assert.equal(typeof problem.path, "string");
        assert.equal(typeof problem.message, "string");
        assert.ok(problem.hint === null || typeof problem.hint === "string");
      }
      assert.ok(thrown.problems.some((p) => p.path.startsWith("/rules/0")));
      return true;
    },
  );
});

test("there are example posts to compare", () => {
  assert.ok(postFiles.length >= 10, "fewer than 10 example posts");
});

const defaultChecker = Checker.compile(defaultPolicy());

for (const postFile of postFiles) {
  const text = readFileSync(postFile, "utf8");
  const context = contextOfPost(postFile);
  test(`default policy: ${path.basename(postFile)}`, () => {
    compare(defaultChecker, text, context, undefined);
  });
}

for (const policyFile of policyFiles) {
  const name = path.relative(root, policyFile);
  const source = readFileSync(policyFile, "utf8");
  const checker = Checker.compile(source);
  const policyTests = JSON.parse(source).tests ?? [];

  test(`${name} has tests`, () => {
    assert.ok(policyTests.length > 0);
  });

  for (const [index, policyTest] of policyTests.entries()) {
    test(`${name}: test ${index} (${policyTest.name ?? "unnamed"})`, () => {
      compare(checker, policyTest.text, fullContext(policyTest.context), policyFile);
    });
  }

  for (const postFile of postFiles) {
    test(`${name}: ${path.basename(postFile)}`, () => {
      compare(checker, readFileSync(postFile, "utf8"), contextOfPost(postFile), policyFile);
    });
  }
}

test("the comparisons covered findings of every shape", () => {
  assert.ok(compared.profileFindings > 0, "no finding in a profile field was compared");
  assert.ok(compared.spanned > 0, "no finding with a span was compared");
  assert.ok(compared.wholeText > 0, "no whole-text finding was compared");
  assert.ok(compared.suggestions > 0, "no suggestion was compared");
  assert.ok(compared.departmentFindings > 0, "no finding in a department was compared");
});
