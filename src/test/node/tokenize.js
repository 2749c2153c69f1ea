// Tokenises descriptions with a TextMate grammar as VS Code does (vscode-textmate, with the
// Oniguruma regular expressions compiled to WebAssembly), for TextMateGrammarTest.
//   node tokenize.js GRAMMAR.json INPUT.json OUTPUT.json
// INPUT is [{"name", "text"}]; OUTPUT is [{"name", "lines": [[{"start", "end", "scopes"}]]}], one
// process for every file.
const fs = require('fs');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const [grammarPath, inputPath, outputPath] = process.argv.slice(2);
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
  createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
  createOnigString: (text) => new oniguruma.OnigString(text)
}));
const registry = new textmate.Registry({
  onigLib,
  loadGrammar: async (scopeName) => scopeName === 'source.cnn'
    ? textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null
});

registry.loadGrammar('source.cnn').then((grammar) => {
  const files = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
  const tokenised = files.map(({ name, text }) => {
    let state = textmate.INITIAL;
    const lines = text.split(/\r\n|\n|\r/).map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
    });
    return { name, lines };
  });
  fs.writeFileSync(outputPath, JSON.stringify(tokenised));
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
