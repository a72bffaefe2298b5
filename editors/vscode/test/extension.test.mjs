// The compiled extension (out/extension.js) loaded against a stand-in for the `vscode` module:
// what it does when the executable is missing, and "crosscheck: Show claims" running the real
// CLI on a temporary copy of editors/fixtures/corpus. (VS Code itself cannot run here; the
// language client is exercised by the protocol test instead.)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import Module, { createRequire } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(process.env.CROSSCHECK_BIN ?? path.join(here, "../../../target/release/crosscheck"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-ext-"));
const root = path.join(tmp, "corpus");
fs.cpSync(path.join(here, "../../fixtures/corpus"), root, { recursive: true });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Anything the extension or the language client touches that the test does not care about. */
const anything = new Proxy(function () {}, {
  get: (_t, p) => (p === "then" ? undefined : p === Symbol.toPrimitive ? () => "" : anything),
  apply: () => anything,
  construct: () => anything,
});
const stub = (o) => new Proxy(o, { get: (t, p) => (p in t ? t[p] : anything) });

const seen = { errors: [], warnings: [], commands: new Map(), documents: [], settingsOpened: [] };
const settings = { path: "/nonexistent/crosscheck" };
const disposable = { dispose() {} };
const vscode = stub({
  workspace: stub({
    getConfiguration: () => ({ get: (k, d) => settings[k] ?? d, inspect: (k) => (k in settings ? { globalValue: settings[k] } : {}) }),
    onDidChangeConfiguration: () => disposable,
    workspaceFolders: [{ uri: { scheme: "file", fsPath: root }, name: "corpus", index: 0 }],
    getWorkspaceFolder: () => undefined,
    openTextDocument: async (o) => (seen.documents.push(o), o),
  }),
  window: stub({
    activeTextEditor: undefined,
    showErrorMessage: async (m, ...items) => (seen.errors.push(m), items[0]),
    showWarningMessage: async (m) => (seen.warnings.push(m), undefined),
    showTextDocument: async () => undefined,
    withProgress: (_o, f) => f({ report() {} }),
    setStatusBarMessage: () => disposable,
  }),
  commands: stub({
    registerCommand: (id, f) => (seen.commands.set(id, f), disposable),
    executeCommand: async (...a) => void seen.settingsOpened.push(a),
  }),
  ProgressLocation: { Notification: 15 },
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === "vscode" ? vscode : load.call(this, request, ...rest);
};
const require = createRequire(import.meta.url);
const ext = require("../out/extension.js");
const context = { subscriptions: [] };

test("activation with a missing executable: a clear error that opens the setting", async () => {
  await ext.activate(context);
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0], /cannot find the executable "\/nonexistent\/crosscheck" \(setting crosscheck\.path\)/);
  // The error's button was "pressed" (the stand-in returns the first item): settings open at crosscheck.path.
  assert.deepEqual(seen.settingsOpened, [["workbench.action.openSettings", "crosscheck.path"]]);
  assert.deepEqual([...seen.commands.keys()].sort(), ["crosscheck.restartServer", "crosscheck.showClaims"]);
});

test("crosscheck: Show claims runs crosscheck claims on the workspace folder", async () => {
  settings.path = bin;
  await seen.commands.get("crosscheck.showClaims")();
  assert.deepEqual(seen.errors.length, 1, "no new error");
  assert.equal(seen.documents.length, 1);
  const doc = seen.documents[0];
  assert.equal(doc.language, "plaintext");
  assert.ok(doc.content.startsWith(`Claims of ${root}\n\n`), doc.content);
  assert.match(doc.content, /Larkspur Ferry Company, traffic, passengers \[conflict\]/);
  assert.match(doc.content, /320 passengers ~ 410 passengers: conflict/);
});

test("deactivate with no client running is harmless", async () => {
  await ext.deactivate();
});
