// Builds the playground into one folder from the compiler that TeaVM wrote (cnnc's Java as a JavaScript
// module) and the page's own code. Run by build.sh, with the packages that package-lock.json pins installed
// in NODE_MODULES:
//   node build.mjs NODE_MODULES TEAVM_FOLDER SAMPLES_FOLDER OUTPUT_FOLDER
// TEAVM_FOLDER holds cnnc.wasm (the compiler as WebAssembly), wasm-gc-runtime.js (its loader) and cnnc.mjs (the
// compiler as JavaScript).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import {createRequire} from "node:module";

const [modules, teavm, samples, output] = process.argv.slice(2).map(p => path.resolve(p));
const esbuild = createRequire(path.join(modules, "package.json"))("esbuild");
const here = path.dirname(new URL(import.meta.url).pathname);
fs.mkdirSync(output, {recursive: true});

// the layer table's behaviour is the HTML report's own script, shared
const alias = {"cnnc-compiler-js": path.join(teavm, "cnnc.mjs"),
  "teavm-wasm-runtime": path.join(teavm, "wasm-gc-runtime.js"),
  "cnnc-report-table": path.join(here, "../resources/cnnc/backend/report/table.js")};
const common = {bundle: true, minify: true, legalComments: "none", target: "es2020", logLevel: "warning", alias,
  nodePaths: [modules]};

// The DL4J backend's helper classes, which the jar holds as files: the compiler reads them from this
// (cnnc.web.Playground.dl4jHelper), set before anything else in the worker and in the Node command.
const helperFolder = path.join(here, "../dl4j/cnnc/backend/dl4j/helpers");
const helpers = Object.fromEntries(fs.readdirSync(helperFolder).filter(f => f.endsWith(".java")).sort()
  .map(f => [f, fs.readFileSync(path.join(helperFolder, f), "utf8")]));
const helpersFirst = {js: "globalThis.cnncDl4jHelpers = " + JSON.stringify(helpers) + ";"};

// The compiler and its worker, as strings the page turns into a blob: a page opened from the file system may not
// start a worker from a file, nor fetch one, but may start one from a blob of its own. The page loads one of
// the two: WebAssembly where the browser runs it, else JavaScript.
async function workerSource(entry) {
  // TeaVM's loader reads files with node:fs when it runs under Node, never in a browser's worker
  const built = await esbuild.build({...common, entryPoints: [path.join(here, entry)], format: "iife", write: false,
    external: ["node:*"], banner: helpersFirst});
  return built.outputFiles[0].text;
}
// The WebAssembly is gzipped before it is written in base64 (the worker inflates it with the browser's own
// DecompressionStream): base64 hides the bytes' patterns from a static host's gzip, which made the page's first
// load a quarter larger.
fs.writeFileSync(path.join(output, "compiler-wasm.js"), "window.cnncCompiler = " + JSON.stringify({
  engine: "wasm", worker: await workerSource("worker-wasm.js"),
  wasm: zlib.gzipSync(fs.readFileSync(path.join(teavm, "cnnc.wasm")), {level: 9}).toString("base64")}) + ";\n");
fs.writeFileSync(path.join(output, "compiler-js.js"), "window.cnncCompiler = " + JSON.stringify({
  engine: "js", worker: await workerSource("worker-js.js")}) + ";\n");

// The layout engine, loaded only when the diagram is asked for, the same way.
const elk = fs.readFileSync(path.join(modules, "elkjs/lib/elk-worker.min.js"), "utf8");
// (elk-api.js, bundled in the page, starts it as a worker from a blob of this)
fs.writeFileSync(path.join(output, "layout.js"), "window.cnncLayoutSource = " + JSON.stringify(elk) + ";\n");

await esbuild.build({...common, entryPoints: [path.join(here, "page.js")], format: "iife",
  outfile: path.join(output, "playground.js")});


// The same compiler as a command for Node: node cnnc.mjs SUBCOMMAND [OPTIONS] FILE
await esbuild.build({...common, entryPoints: [path.join(here, "command.js")], format: "esm", platform: "node",
  outfile: path.join(output, "cnnc.mjs"), banner: helpersFirst});

for (const file of ["index.html", "playground.css"]) {
  fs.copyFileSync(path.join(here, file), path.join(output, file));
}

// The samples menu: every description under samples/ but the error samples, grouped by folder.
const groups = {"": "Samples", zoo: "keras.applications", torchvision: "torchvision", audio: "audio (sequences)"};
const menu = [];
for (const [folder, group] of Object.entries(groups)) {
  const dir = path.join(samples, folder);
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".cnn")).sort()) {
    menu.push({group, name: (folder ? folder + "/" : "") + file, text: fs.readFileSync(path.join(dir, file), "utf8")});
  }
}
fs.writeFileSync(path.join(output, "samples.js"), "window.cnncSamples = " + JSON.stringify(menu) + ";\n");
