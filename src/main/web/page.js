// The playground's page: it edits, draws and shares; every figure, shape, diagnostic and line of generated code
// comes from the compiler in the worker (cnnc's own Java, compiled by TeaVM).
import {EditorView, lineNumbers} from "@codemirror/view";
import {EditorState, ChangeSet} from "@codemirror/state";
import {syntaxHighlighting, defaultHighlightStyle} from "@codemirror/language";
import {python} from "@codemirror/lang-python";
import {java} from "@codemirror/lang-java";
import cnncTable from "cnnc-report-table";
import {Compiler} from "./compiler-client.js";
import {createEditor, showAnalysis} from "./editor.js";
import {fragmentOf, textOf} from "./sharing.js";
import {drawDiagram} from "./diagram.js";
import {loadScript} from "./load-script.js";

const $ = id => document.getElementById(id);
const SEED = "seed.cnn";
const status = $("status");

function say(text, kind) {
  status.textContent = text;
  status.className = kind || "";
}

// ---- the compiler, and the edits made while it works ----------------------------------------------------------

let compiler = null;

/** Whether the browser runs garbage-collected WebAssembly: a module of one struct type validates. */
function runsWasmGc() {
  try {
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 3, 1, 95, 0]));
  } catch (no) {
    return false;
  }
}

async function startCompiler() {
  const engine = new URLSearchParams(location.search).get("engine") || (runsWasmGc() ? "wasm" : "js");
  await loadScript("compiler-" + engine + ".js");
  compiler = new Compiler(window.cnncCompiler, why => {
    say(why, "error");
    compileSoon();
  });
  document.body.dataset.engine = engine;
}

/** Edits since a text was sent to the compiler, one accumulator per request in flight. */
const inFlight = new Set();
let compiling = false;
let wanted = false;
let lastResult = null;
let compiledText = null;
let fileName = SEED;

const service = {
  changed(update) {
    if (!update.docChanged) {
      if (update.selectionSet) followCursor(true);
      return;
    }
    for (const since of inFlight) since.changes = since.changes.compose(update.changes);
    compileSoon();
    shareSoon();
    if ($("sample").value && update.transactions.some(t => t.isUserEvent("input") || t.isUserEvent("delete"))) {
      $("sample").value = "";
    }
  },
  async hover(offset) {
    if (compiling || wanted) return null;
    return (await compiler.ask("hover", {offset})).result;
  },
  async complete(offset) {
    await idle();
    return (await compiler.ask("complete", {offset})).result;
  },
};

let idleWaiters = [];
let shownWaiters = [];
function idle() {
  return compiling || wanted ? new Promise(resolve => idleWaiters.push(resolve)) : Promise.resolve();
}

function compileSoon() {
  wanted = true;
  if (!compiling && compiler) compile();
}

async function compile() {
  compiling = true;
  wanted = false;
  document.body.dataset.compiling = "yes";
  const since = {changes: ChangeSet.empty(view.state.doc.length)};
  inFlight.add(since);
  const text = view.state.doc.toString();
  try {
    const {result, millis, times} = await compiler.ask("compile", {name: fileName, text, batch: $("batch").value,
      dtype: $("dtype").value || "float32", optimizer: $("memory-optimizer").value || "adam",
      table: currentTab === "report" || currentTab === "diagram"});
    lastResult = result;
    compiledText = text;
    const drawing = performance.now();
    showAnalysis(view, result, since.changes);
    showProblems(result.diagnostics);
    showReport(result);
    const drawn = performance.now() - drawing;
    const errors = result.diagnostics.filter(d => d.severity === "error").length;
    const warnings = result.diagnostics.length - errors;
    say((errors ? errors + (errors === 1 ? " error" : " errors") : "ok")
      + (warnings ? ", " + warnings + (warnings === 1 ? " warning" : " warnings") : "")
      + " · compiled in " + millis.toFixed(1) + " ms", errors ? "error" : "ok");
    document.body.dataset.compiled = String(Number(document.body.dataset.compiled || 0) + 1);
    if (!wanted && shownWaiters.length) {
      const waiters = shownWaiters;
      shownWaiters = [];
      framed({...times, drawing: performance.timeOrigin + drawing}).then(frame =>
        waiters.forEach(resolve => resolve({millis, drawn, text, ...frame})));
    }
    refreshTab();
  } catch (error) {
    say(String(error.message || error), "error");
  } finally {
    inFlight.delete(since);
    compiling = false;
    if (wanted) {
      compile();
    } else {
      delete document.body.dataset.compiling;
      idleWaiters.forEach(resolve => resolve());
      idleWaiters = [];
    }
  }
}

/**
 * For the tests and the benchmark, who wait for a compilation shown: the browser's style and layout of what the page
 * drew (made now, as the browser would make them before the next frame, or sooner when CodeMirror reads the page),
 * and when that frame has been drawn (a message sent from an animation frame's callback arrives after its paint).
 * Times are in ms since the epoch, on the clock of the worker's times.
 */
function framed(times) {
  const styling = performance.now();
  void document.body.offsetWidth;
  const laidOut = performance.now() - styling;
  return new Promise(resolve => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve({times: {...times, laidOut, framed: performance.timeOrigin + performance.now()}});
    channel.port2.postMessage(null);
  }));
}

// ---- the editor --------------------------------------------------------------------------------------------------

const view = createEditor($("editor"), "", service);

function setText(text, name) {
  fileName = name || "model.cnn";
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}, selection: {anchor: 0}});
  view.scrollDOM.scrollTop = 0;
}

function showProblems(diagnostics) {
  const list = $("problems");
  list.replaceChildren();
  for (const d of diagnostics) {
    const item = document.createElement("button");
    item.type = "button";
    item.className = "problem " + d.severity;
    item.dataset.line = d.line;
    item.textContent = d.rendered;
    item.addEventListener("click", () => {
      const at = Math.min(d.from, view.state.doc.length);
      view.dispatch({selection: {anchor: at, head: Math.min(d.to, view.state.doc.length)},
        effects: EditorView.scrollIntoView(at, {y: "center"})});
      view.focus();
    });
    list.appendChild(item);
  }
  list.hidden = diagnostics.length === 0;
}

// ---- the report tab: the heading, the totals and the table, as the HTML report has them --------------------------

const folded = new Set();
let table = null;
// the table's rows as the worker wrote them, and the elements made of them, in the tree's order
let shownHeader = null;
let shownRows = [];
let rowElements = [];
const parser = document.createElement("template");

function showReport(result) {
  if (!result.heading) {
    $("summary").innerHTML = "<p class=\"note\">The model has errors, so there is no report: each is shown in the "
      + "editor and under it.</p>";
    $("table").replaceChildren();
    if (table) table.forget();
    table = null;
    return;
  }
  if ($("summary").innerHTML !== result.heading) $("summary").innerHTML = result.heading;
  if (!result.table) return; // worked out only while the report is shown
  // a row is its HTML, or the index of the same row in the table shown (typing changes a few rows, or moves some)
  const {head, rows: given, foot} = result.table;
  const rows = given.map(row => typeof row === "number" ? shownRows[row] : row);
  if (table && head !== shownHeader) {
    table.forget(); // another model's columns (a "from" column comes with branches)
    table = null;
  }
  if (table) {
    // only the rows that changed are made again, and the others kept with what the page added to them
    parser.innerHTML = given.filter(row => typeof row === "string").join("");
    const fresh = Array.from(parser.content.children);
    let next = 0;
    rowElements = given.map(row => typeof row === "number" ? rowElements[row] : fresh[next++]);
    table.adopt(rowElements);
  } else {
    $("table").innerHTML = head + rows.join("") + foot;
    const element = $("table").querySelector("table");
    rowElements = Array.from(element.tBodies[0].rows);
    table = cnncTable(element, {filter: $("filter"), folded, onSelect: row => selectSource(row),
      scroller: $("tab-report")});
  }
  shownRows = rows;
  shownHeader = head;
  followCursor(false);
}

function rowSpan(row) {
  const index = row.dataset.row !== undefined ? Number(row.dataset.row) : null;
  if (index !== null && lastResult && lastResult.rows[index]) return lastResult.rows[index];
  return null;
}

function selectSource(row) {
  const span = rowSpan(row);
  if (!span) return;
  const [from, to] = span.map(offset => Math.min(offset, view.state.doc.length));
  view.dispatch({selection: {anchor: from, head: to}, effects: EditorView.scrollIntoView(from, {y: "center"})});
}

/**
 * The rows made by the statement under the cursor are marked in the table; when the cursor moved (`reveal`), and
 * none of them is in view, the table scrolls to the first.
 */
function followCursor(reveal) {
  if (!table || !lastResult) return;
  const at = view.state.selection.main.head;
  const marked = [];
  for (const row of table.rows) {
    const span = rowSpan(row);
    const here = !!span && span[0] <= at && at <= span[1];
    row.classList.toggle("at-cursor", here);
    if (here) marked.push(row);
  }
  if (reveal && currentTab === "report" && marked.length) table.reveal(marked);
}

$("depth").addEventListener("change", () => table && table.foldFrom(Number($("depth").value)));
for (const id of ["batch", "dtype", "memory-optimizer"]) $(id).addEventListener("change", compileSoon);
$("copy-format").addEventListener("change", async () => {
  const format = $("copy-format").value;
  $("copy-format").value = "";
  if (!format) return;
  const {result} = await compiler.ask("report", {format, explain: false});
  await copy(result, "the report as " + format);
});

// ---- the other tabs: working, generated code, diagram -------------------------------------------------------------

let currentTab = "report";

function codeState(text, backend) {
  return EditorState.create({doc: text, extensions: [lineNumbers(), EditorState.readOnly.of(true),
    EditorView.editable.of(false), syntaxHighlighting(defaultHighlightStyle),
    backend === "dl4j" ? java() : python()]});
}

const codeView = new EditorView({parent: $("code"), state: codeState("", "torch")});

document.querySelectorAll("#tabs button").forEach(button => button.addEventListener("click", () => {
  currentTab = button.dataset.tab;
  document.querySelectorAll("#tabs button").forEach(b => b.setAttribute("aria-selected", String(b === button)));
  const panel = ["keras", "torch", "dl4j"].includes(currentTab) ? "code" : currentTab;
  document.querySelectorAll(".tab").forEach(tab => { tab.hidden = tab.id !== "tab-" + panel; });
  refreshTab();
}));

async function refreshTab() {
  const tab = currentTab;
  if ((tab === "report" || tab === "diagram") && lastResult && lastResult.heading && !lastResult.table) {
    compileSoon(); // with the table this time; the compilation shown comes back here
    return;
  }
  if (tab === "working") {
    const {result} = await compiler.ask("report", {format: "text", explain: true});
    $("working").textContent = result || "The model has errors: the working needs a model without them.";
  }
  if (tab === "diagram") {
    await refreshDiagram();
  } else if (["keras", "torch", "dl4j"].includes(tab)) {
    const {result} = await compiler.ask("generate", {backend: tab, loss: $("loss").value,
      optimizer: $("optimizer").value, rate: $("rate").value.trim()});
    if (tab !== currentTab) return;
    codeView.setState(codeState(result.code || "", tab));
    $("code-diagnostics").textContent = result.diagnostics;
    $("code-diagnostics").hidden = !result.diagnostics;
    document.body.dataset.generated = tab;
  }
}

for (const id of ["loss", "optimizer", "rate"]) $(id).addEventListener("change", refreshTab);

// the diagram of the text compiled last: one layout at a time, the newest text's when the last ends
let drawing = false;
let drawAgain = false;
let lastSvg = null;
async function refreshDiagram() {
  if (drawing) {
    drawAgain = true;
    return;
  }
  drawing = true;
  try {
    do {
      drawAgain = false;
      const started = performance.now();
      const svg = await drawDiagram((op, args) => compiler.ask(op, args));
      if (svg === null) {
        $("diagram").innerHTML = "<p class=\"note\">The model has errors, so there is no diagram.</p>";
      } else {
        $("diagram").innerHTML = svg;
        lastSvg = svg;
        document.body.dataset.diagram = String(Number(document.body.dataset.diagram || 0) + 1);
        say(status.textContent.replace(/ · diagram in .*$/, "") + " · diagram in "
          + Math.round(performance.now() - started) + " ms", status.className);
      }
    } while (drawAgain);
  } catch (error) {
    say("the diagram failed: " + (error.message || error), "error");
  } finally {
    drawing = false;
  }
}

// a click on a box selects its row (shown in the report tab) and its text
$("diagram").addEventListener("click", event => {
  const layer = event.target.closest(".layer");
  const block = layer ? null : event.target.closest(".block");
  if (!layer && !block) return;
  document.querySelectorAll("#diagram .selected").forEach(e => e.classList.remove("selected"));
  (layer || block).classList.add("selected");
  const row = !table ? null : layer ? table.rows.find(r => r.dataset.row === layer.dataset.row)
    : table.rows.find(r => r.classList.contains("block") && r.dataset.path === block.dataset.block);
  if (row) {
    table.select(row);
    selectSource(row);
  } else if (layer && lastResult && lastResult.rows[Number(layer.dataset.row)]) {
    const [from, to] = lastResult.rows[Number(layer.dataset.row)];
    view.dispatch({selection: {anchor: from, head: to}, effects: EditorView.scrollIntoView(from, {y: "center"})});
  }
});

const fileNames = {keras: "model_keras.py", torch: "model_torch.py", dl4j: null};

function codeFileName() {
  if (currentTab !== "dl4j") return fileNames[currentTab];
  const match = /public final class (\w+)/.exec(codeView.state.doc.toString());
  return (match ? match[1] : "Model") + ".java";
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    say("copied " + what, "ok");
  } catch (denied) {
    say("the browser did not let the page copy " + what + " (" + denied.message + ")", "error");
  }
}

$("copy").addEventListener("click", () => copy(codeView.state.doc.toString(), "the " + currentTab + " code"));
$("download").addEventListener("click", () => {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([codeView.state.doc.toString()], {type: "text/plain"}));
  link.download = codeFileName();
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
});

// ---- samples and sharing ---------------------------------------------------------------------------------------

const samples = window.cnncSamples || [];
{
  const menu = $("sample");
  const groups = new Map();
  samples.forEach((sample, index) => {
    if (!groups.has(sample.group)) {
      const group = document.createElement("optgroup");
      group.label = sample.group;
      groups.set(sample.group, group);
      menu.appendChild(group);
    }
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = sample.name;
    groups.get(sample.group).appendChild(option);
  });
  menu.addEventListener("change", () => {
    const sample = samples[Number(menu.value)];
    if (sample) {
      setText(sample.text, sample.name.split("/").pop());
      history.replaceState(null, "", location.pathname + location.search);
    }
  });
}

let shareTimer = null;
function shareSoon() {
  clearTimeout(shareTimer);
  shareTimer = setTimeout(async () => {
    const fragment = await fragmentOf(view.state.doc.toString());
    history.replaceState(null, "", "#" + fragment);
  }, 300);
}

$("share").addEventListener("click", async () => {
  clearTimeout(shareTimer);
  const fragment = await fragmentOf(view.state.doc.toString());
  history.replaceState(null, "", "#" + fragment);
  await copy(location.href, "a link to this description");
});

// ---- start ---------------------------------------------------------------------------------------------------

async function start() {
  await startCompiler();
  const {result: choices} = await compiler.ask("choices", {});
  const fill = (select, words, selected) => words.forEach(word => {
    const option = document.createElement("option");
    const [value, meaning] = Array.isArray(word) ? word : [word, null];
    option.value = value;
    option.textContent = value;
    if (meaning) option.title = meaning;
    option.selected = value === selected;
    select.appendChild(option);
  });
  fill($("dtype"), choices.dtypes, "float32");
  fill($("memory-optimizer"), choices.optimizers, "adam");
  fill($("optimizer"), choices.optimizers, "adam");
  fill($("loss"), choices.losses, "");
  let text = null;
  try {
    text = await textOf(location.hash);
  } catch (damaged) {
    say("the link's description could not be read (" + damaged.message + "); showing the seed instead", "error");
  }
  if (text === null) {
    const seed = samples.find(sample => sample.name === SEED);
    setText(seed ? seed.text : "", SEED);
    if (seed) $("sample").value = String(samples.indexOf(seed));
  } else {
    setText(text, "model.cnn");
  }
}

// For the browser tests and the benchmark: the editor, and a promise of the next text's compilation shown (and the
// frame after it drawn), with the worker's time (millis), the page's time to draw it (drawn), and its times (framed);
// and the report's table, whose rows are mostly out of the page.
window.cnncPlayground = {view, shown: () => new Promise(resolve => shownWaiters.push(resolve)),
  compiledText: () => compiledText, svg: () => lastSvg, rowSpan: row => lastResult && lastResult.rows[row],
  table: () => table};

start().catch(error => say("the compiler did not start: " + (error.message || error), "error"));
