// Drives the real `crosscheck lsp` through vscode-jsonrpc, the JSON-RPC library VS Code's
// language client is built on, as VS Code would: its client capabilities (positions in UTF-16
// only, work-done progress, dynamic registration of watched files), the extension's own
// settings (compiled from src/settings.ts), a temporary copy of editors/fixtures/corpus.
//
//   CROSSCHECK_BIN=/path/to/crosscheck node --test test/
//
// (npm test compiles first; the binary defaults to ../../target/release/crosscheck.)

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import rpc from "vscode-jsonrpc/node";
import { serverSettings } from "../out/settings.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(process.env.CROSSCHECK_BIN ?? path.join(here, "../../../target/release/crosscheck"));
if (!fs.existsSync(bin)) {
  throw new Error(`crosscheck binary not found at ${bin}: build it (cargo build --release) or set CROSSCHECK_BIN`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-vscode-"));
const root = path.join(tmp, "corpus");
fs.cpSync(path.join(here, "../../fixtures/corpus"), root, { recursive: true });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const uri = (p) => pathToFileURL(p).href;
const ferry = path.join(root, "ferry.md");
const ferryUri = uri(ferry);
const pierUri = uri(path.join(root, "pier.md"));

/** The client capabilities VS Code 1.9x sends through vscode-languageclient (the parts a server can see). */
const vscodeCapabilities = {
  workspace: {
    applyEdit: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ["create", "rename", "delete"],
      failureHandling: "textOnlyTransactional",
      normalizesLineEndings: true,
      changeAnnotationSupport: { groupsOnLabel: true },
    },
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    symbol: { dynamicRegistration: true, symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => i + 1) }, tagSupport: { valueSet: [1] }, resolveSupport: { properties: ["location.range"] } },
    codeLens: { refreshSupport: true },
    executeCommand: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    semanticTokens: { refreshSupport: true },
    fileOperations: { dynamicRegistration: true, didCreate: true, didRename: true, didDelete: true, willCreate: true, willRename: true, willDelete: true },
    inlineValue: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    definition: { dynamicRegistration: true, linkSupport: true },
    references: { dynamicRegistration: true },
    documentHighlight: { dynamicRegistration: true },
    documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true, tagSupport: { valueSet: [1] } },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"] } },
      honorsChangeAnnotations: false,
    },
    rename: { dynamicRegistration: true, prepareSupport: true, prepareSupportDefaultBehavior: 1, honorsChangeAnnotations: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
  },
  window: { showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true }, workDoneProgress: true },
  general: {
    staleRequestSupport: { cancel: true, retryOnContentModified: ["textDocument/semanticTokens/full", "textDocument/semanticTokens/range", "textDocument/semanticTokens/full/delta"] },
    regularExpressions: { engine: "ECMAScript", version: "ES2020" },
    markdown: { parser: "marked", version: "1.1.0" },
    positionEncodings: ["utf-16"],
  },
};

/** The extension's settings as a user would set them: unsourced figures as errors. */
const userSettings = { "severity.unsourced-figure": { globalValue: "error" }, "severity.conflicting-figure": { globalValue: "default" }, exclude: {} };
const settings = { crosscheck: serverSettings((k) => userSettings[k]) };

/** A connection to a fresh server, recording what it sends. */
function connect() {
  const child = spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const seen = { diagnostics: new Map(), progress: [], registrations: [], messages: [], waiters: [] };
  const poke = () => {
    for (const w of [...seen.waiters]) {
      if (w.check()) {
        seen.waiters.splice(seen.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  conn.onRequest("client/registerCapability", (p) => {
    seen.registrations.push(...p.registrations);
    poke();
    return null;
  });
  conn.onRequest("window/workDoneProgress/create", () => null);
  conn.onRequest("workspace/configuration", (p) => p.items.map(() => settings.crosscheck));
  conn.onNotification("$/progress", (p) => {
    seen.progress.push(p.value);
    poke();
  });
  conn.onNotification("textDocument/publishDiagnostics", (p) => {
    seen.diagnostics.set(p.uri, p.diagnostics);
    poke();
  });
  conn.onNotification("window/showMessage", (p) => seen.messages.push(p));
  conn.onNotification("window/logMessage", (p) => seen.messages.push(p));
  conn.listen();
  /** Resolves once `check()` holds (checked on every message), fails after `ms`. */
  const until = (what, check, ms = 30000) =>
    new Promise((resolve, reject) => {
      if (check()) {
        return resolve();
      }
      const w = { check, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        seen.waiters.splice(seen.waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for ${what}; server stderr: ${stderr.slice(-2000)}`));
      }, ms);
      seen.waiters.push(w);
    });
  return { child, conn, seen, until };
}

const brief = (ds) =>
  (ds ?? [])
    .map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character])
    .sort((a, b) => a[2] - b[2] || a[3] - b[3]);

// "$2.7 million" follows two em dashes: 48 UTF-16 units in (52 bytes in UTF-8).
const CONFLICT = ["conflicting-figure", 2, 2, 35, 2, 49];
const UNSOURCED = ["unsourced-figure", 1, 4, 48, 4, 60];

test("crosscheck lsp through vscode-jsonrpc with VS Code's capabilities", async (t) => {
  const { child, conn, seen, until } = connect();
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));

  const init = await conn.sendRequest("initialize", {
    processId: process.pid,
    clientInfo: { name: "Visual Studio Code", version: "1.91.0" },
    locale: "en",
    rootPath: root,
    rootUri: uri(root),
    capabilities: vscodeCapabilities,
    initializationOptions: settings,
    trace: "off",
    workspaceFolders: [{ uri: uri(root), name: "corpus" }],
  });
  await conn.sendNotification("initialized", {});

  await t.test("initialize: UTF-16 positions, incremental sync, navigation", () => {
    assert.equal(init.capabilities.positionEncoding, "utf-16");
    assert.equal(init.capabilities.textDocumentSync.change, 2);
    assert.equal(init.capabilities.definitionProvider, true);
    assert.equal(init.serverInfo.name, "crosscheck");
  });

  await t.test("the server registers a file watcher and reports indexing progress", async () => {
    await until("client/registerCapability", () => seen.registrations.length > 0);
    assert.equal(seen.registrations[0].method, "workspace/didChangeWatchedFiles");
    await until("$/progress end", () => seen.progress.some((v) => v.kind === "end"));
    assert.equal(seen.progress[0].kind, "begin");
    assert.match(seen.progress.find((v) => v.kind === "end").message, /^indexed 2 files/);
  });

  await t.test("diagnostics: codes, severities from the settings, exact UTF-16 ranges", async () => {
    const text = fs.readFileSync(ferry, "utf8");
    await conn.sendNotification("textDocument/didOpen", { textDocument: { uri: ferryUri, languageId: "markdown", version: 1, text } });
    await until("ferry.md diagnostics", () => JSON.stringify(brief(seen.diagnostics.get(ferryUri))) === JSON.stringify([CONFLICT, UNSOURCED]));
    const ds = [...seen.diagnostics.get(ferryUri)].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(ds[0].source, "crosscheck");
    assert.match(ds[0].message, /^320 passengers here; 410 passengers in /);
    assert.equal(ds[0].relatedInformation[0].location.uri, pierUri);
    assert.deepEqual(ds[0].relatedInformation[0].location.range.start, { line: 2, character: 35 });
    assert.match(ds[1].message, /^\$2\.7 million has no source/);
    assert.ok(ds[1].codeDescription.href.endsWith("README.md#unsourced-figure"), ds[1].codeDescription.href);
  });

  await t.test("definition: Okafor goes to Ines Okafor", async () => {
    const def = await conn.sendRequest("textDocument/definition", { textDocument: { uri: ferryUri }, position: { line: 6, character: 2 } });
    const loc = Array.isArray(def) ? def[0] : def;
    assert.deepEqual(loc, { uri: ferryUri, range: { start: { line: 2, character: 82 }, end: { line: 2, character: 93 } } });
  });

  await t.test("an incremental edit (as VS Code sends it) clears the unsourced figure", async () => {
    // Before the final period of line 5; VS Code sends rangeLength too.
    await conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: ferryUri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 60 }, end: { line: 4, character: 60 } }, rangeLength: 0, text: ", the port authority said" }],
    });
    await until("the unsourced figure to go", () => JSON.stringify(brief(seen.diagnostics.get(ferryUri))) === JSON.stringify([CONFLICT]));
  });

  await t.test("didChangeConfiguration replaces the settings; every key the extension sends is one the server knows", async () => {
    const set = {
      diagnostics: "open",
      include: ["**/*.md"],
      exclude: ["archive/**"],
      extensions: ["md", "txt"],
      maxFileSize: "1MB",
      pollIntervalMs: 1000,
      "attribution.phrases": ["per the logbook"],
      "attribution.verbs": ["tweeted"],
      "severity.unsourced-figure": "error",
      "severity.conflicting-figure": "hint",
      "severity.differing-figure": "information",
      "severity.entity-variant": "off",
    };
    const changed = { crosscheck: serverSettings((k) => (k in set ? { globalValue: set[k] } : {})) };
    assert.equal(Object.keys(changed.crosscheck).length, 8, JSON.stringify(changed));
    await conn.sendNotification("workspace/didChangeConfiguration", { settings: changed });
    await until("the conflict as a hint", () => JSON.stringify(brief(seen.diagnostics.get(ferryUri))) === JSON.stringify([["conflicting-figure", 4, 2, 35, 2, 49]]));
  });

  await t.test("no warnings about the settings", () => {
    const warnings = seen.messages.filter((m) => m.type <= 2);
    assert.deepEqual(warnings, []);
  });

  await t.test("shutdown and exit: exit code 0", async () => {
    await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
    assert.equal(await exited, 0);
    conn.dispose();
  });
});
