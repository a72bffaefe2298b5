// The extension's settings → the server's editor settings (README: Language server → Settings).
// Kept free of the `vscode` module so that the Node tests can use it.
//
// Only values the user set are sent: the server lays the editor's settings over crosscheck.toml,
// so sending a default (an empty `exclude`, say) would silently override the file.

/** What `WorkspaceConfiguration.inspect` returns, in the parts used here. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

export type Inspect = (key: string) => Inspected | undefined;

/** The checks, as named in crosscheck.toml's [severity] and in diagnostics' `code`. */
export const CHECKS = ["unsourced-figure", "conflicting-figure", "differing-figure", "entity-variant"] as const;

/** Extension setting (under `crosscheck.`) → the server's key for it. */
const PLAIN: ReadonlyArray<[string, string]> = [
  ["diagnostics", "diagnostics"],
  ["exclude", "exclude"],
  ["include", "include"],
  ["extensions", "extensions"],
  ["maxFileSize", "max-file-size"],
  ["pollIntervalMs", "poll-interval-ms"],
];

function userValue(inspect: Inspect, key: string): unknown {
  const i = inspect(key);
  if (!i) {
    return undefined;
  }
  return i.workspaceFolderLanguageValue ?? i.workspaceFolderValue ?? i.workspaceLanguageValue ?? i.workspaceValue ?? i.globalLanguageValue ?? i.globalValue;
}

/** The settings to send as `{ crosscheck: … }` (initializationOptions, didChangeConfiguration). */
export function serverSettings(inspect: Inspect): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, serverKey] of PLAIN) {
    const v = userValue(inspect, key);
    if (v !== undefined && v !== null) {
      out[serverKey] = v;
    }
  }
  const severity: Record<string, unknown> = {};
  for (const check of CHECKS) {
    const v = userValue(inspect, `severity.${check}`);
    if (typeof v === "string" && v !== "default") {
      severity[check] = v;
    }
  }
  if (Object.keys(severity).length > 0) {
    out.severity = severity;
  }
  const attribution: Record<string, unknown> = {};
  for (const key of ["phrases", "verbs"]) {
    const v = userValue(inspect, `attribution.${key}`);
    if (Array.isArray(v)) {
      attribution[key] = v;
    }
  }
  if (Object.keys(attribution).length > 0) {
    out.attribution = attribution;
  }
  return out;
}
