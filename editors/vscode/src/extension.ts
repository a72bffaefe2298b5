// crosscheck for VS Code: starts `crosscheck lsp` for Markdown and plain-text documents through
// vscode-languageclient, passes the extension's settings to it, and adds the commands
// "crosscheck: Restart server" and "crosscheck: Show claims".

import * as vscode from "vscode";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { findExecutable } from "./executable";
import { serverSettings } from "./settings";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function configuredPath(): string {
  return vscode.workspace.getConfiguration("crosscheck").get<string>("path", "crosscheck").trim() || "crosscheck";
}

/** The settings as the server wants them: only what the user set, under `crosscheck`. */
function settingsForServer(): { crosscheck: Record<string, unknown> } {
  return { crosscheck: serverSettings((key) => vscode.workspace.getConfiguration("crosscheck").inspect(key)) };
}

async function missingExecutable(configured: string): Promise<void> {
  const open = "Open Settings";
  const choice = await vscode.window.showErrorMessage(
    `crosscheck: cannot find the executable "${configured}" (setting crosscheck.path). ` +
      "Install crosscheck (`cargo install --path .` in its repository) so that it is on PATH, or set crosscheck.path to its absolute path.",
    open,
  );
  if (choice === open) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "crosscheck.path");
  }
}

async function start(): Promise<void> {
  const configured = configuredPath();
  const exe = findExecutable(configured);
  if (!exe) {
    await missingExecutable(configured);
    return;
  }
  output ??= vscode.window.createOutputChannel("crosscheck", { log: true });
  const serverOptions: ServerOptions = {
    run: { command: exe, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command: exe, args: ["lsp"], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: settingsForServer(),
    outputChannel: output,
    // The server asks for the file watcher itself (client/registerCapability); no
    // `synchronize` option, so that only the settings the user set are sent (below).
    middleware: {
      workspace: {
        // Answer workspace/configuration with the same settings as initializationOptions.
        configuration: (params) => params.items.map((item) => (item.section === "crosscheck" || !item.section ? settingsForServer().crosscheck : null)),
      },
    },
  };
  const c = new LanguageClient("crosscheck", "crosscheck", serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (e) {
    client = undefined;
    void vscode.window.showErrorMessage(`crosscheck: the language server "${exe} lsp" did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(3000);
    } catch {
      // Already stopped or never started.
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
  if (client) {
    void vscode.window.setStatusBarMessage("crosscheck: server restarted", 3000);
  }
}

/** The folder whose corpus "Show claims" reports: the active document's folder, else the first. */
function claimsFolder(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc) {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (folder?.uri.scheme === "file") {
      return folder.uri.fsPath;
    }
    if (doc.uri.scheme === "file") {
      return path.dirname(doc.uri.fsPath);
    }
  }
  const first = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file");
  return first?.uri.fsPath;
}

async function showClaims(): Promise<void> {
  const configured = configuredPath();
  const exe = findExecutable(configured);
  if (!exe) {
    await missingExecutable(configured);
    return;
  }
  const folder = claimsFolder();
  if (!folder) {
    void vscode.window.showWarningMessage("crosscheck: open a folder or a file to show the claims of its corpus.");
    return;
  }
  const text = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `crosscheck: reading the claims of ${folder}` },
    () =>
      new Promise<string | undefined>((resolve) => {
        execFile(exe, ["claims", "--format", "text", folder], { cwd: folder, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
          if (err) {
            void vscode.window.showErrorMessage(`crosscheck claims failed: ${stderr.trim() || err.message}`);
            resolve(undefined);
          } else {
            resolve(stdout);
          }
        });
      }),
  );
  if (text === undefined) {
    return;
  }
  const content = text.trim() === "" ? `No claim is stated by two or more figures in ${folder}.\n` : `Claims of ${folder}\n\n${text}`;
  const doc = await vscode.workspace.openTextDocument({ content, language: "plaintext" });
  await vscode.window.showTextDocument(doc, { preview: true });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("crosscheck.restartServer", () => restart()),
    vscode.commands.registerCommand("crosscheck.showClaims", () => showClaims()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("crosscheck")) {
        return;
      }
      if (e.affectsConfiguration("crosscheck.path")) {
        await restart();
        return;
      }
      // Replaces the server's earlier editor settings as a whole.
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsForServer() });
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
