// The extension's settings → the server's editor settings (src/settings.ts, compiled to out/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverSettings } from "../out/settings.js";

const from = (values) => serverSettings((k) => values[k]);

test("nothing set: nothing sent, so crosscheck.toml decides", () => {
  assert.deepEqual(from({ exclude: {}, diagnostics: {}, "severity.unsourced-figure": {} }), {});
});

test("set values are sent under the server's keys; 'default' severities are not", () => {
  const got = from({
    diagnostics: { globalValue: "corpus" },
    exclude: { workspaceValue: ["archive/**"] },
    maxFileSize: { globalValue: "1MB" },
    pollIntervalMs: { globalValue: 0 },
    "severity.unsourced-figure": { globalValue: "hint" },
    "severity.entity-variant": { globalValue: "default" },
    "attribution.verbs": { globalValue: ["tweeted"] },
  });
  assert.deepEqual(got, {
    diagnostics: "corpus",
    exclude: ["archive/**"],
    "max-file-size": "1MB",
    "poll-interval-ms": 0,
    severity: { "unsourced-figure": "hint" },
    attribution: { verbs: ["tweeted"] },
  });
});

test("the most specific scope wins", () => {
  assert.deepEqual(from({ exclude: { globalValue: ["a"], workspaceValue: ["b"], workspaceFolderValue: ["c"] } }), { exclude: ["c"] });
});

test("every setting in package.json reaches the server, but the client-only ones", async () => {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  const clientOnly = new Set(["crosscheck.path", "crosscheck.trace.server"]);
  for (const [name, schema] of Object.entries(pkg.contributes.configuration.properties)) {
    const key = name.slice("crosscheck.".length);
    const sample = schema.type === "array" ? ["x"] : schema.type === "number" ? 1 : (schema.enum?.find((e) => e !== "default" && e !== schema.default) ?? "x");
    const sent = from({ [key]: { globalValue: sample } });
    if (clientOnly.has(name)) {
      assert.deepEqual(sent, {}, name);
    } else {
      assert.notDeepEqual(sent, {}, `${name} is never sent to the server`);
    }
  }
});
