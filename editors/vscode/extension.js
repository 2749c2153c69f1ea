// Starts cnnc's language server (`cnnc lsp`, over standard input and output) for .cnn files.
// Highlighting needs none of this: it comes from syntaxes/cnn.tmLanguage.json.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('cnnc').get('path') || 'cnnc';
  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'cnn' },
      { scheme: 'untitled', language: 'cnn' }
    ]
  };
  client = new LanguageClient('cnnc', 'cnnc', serverOptions, clientOptions);
  client.start().catch((error) => {
    vscode.window.showErrorMessage(`cnnc: cannot start "${command} lsp" (set cnnc.path): ${error.message || error}`);
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
