// extension.js — the VS Code client for drizzle-lsp: finds the server (see
// lib/find-server.js) and runs it over stdio for TypeScript and JavaScript
// files in workspaces with a drizzle.config.*.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { findServer } = require("./lib/find-server");

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration("drizzleLsp");
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  let server;
  try {
    server = await findServer({
      setting: config.get("serverPath") || undefined,
      workspaceFolder: folder && folder.uri.fsPath,
      extensionPath: context.extensionPath,
    });
  } catch (e) {
    vscode.window.showErrorMessage(e.message.split("\n")[0]);
    console.error(e.message);
    return;
  }
  const run = { command: server.path, args: ["--stdio"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "drizzleLsp",
    "Drizzle",
    { run, debug: run },
    {
      documentSelector: [
        { scheme: "file", language: "typescript" },
        { scheme: "file", language: "javascript" },
        { scheme: "file", language: "sql" }, // migration files, checked by replay
      ],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/drizzle.config.*"),
        configurationSection: "drizzle", // drizzle.severity, drizzle.diagnostics.closedFiles
      },
    },
  );
  context.subscriptions.push(client);
  await client.start();
  client.info(`drizzle-lsp ${server.version} from ${server.source}: ${server.path}`);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
