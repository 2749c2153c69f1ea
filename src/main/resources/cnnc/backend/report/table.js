"use strict";
/*
 * The layer table's behaviour, shared by the HTML report (inlined before page.js) and the playground (bundled):
 * block instances fold and unfold their rows, a header sorts by its column (the row number back to the tree),
 * a filter hides the rows without its words, and a click selects a row.
 *   table     the <table> HtmlReport writes (rows with data-path, data-row, data-depth, data-line)
 *   options   {filter: an <input> or null, folded: a Set of folded paths kept across tables, onSelect(row, event)}
 */
function cnncTable(table, options) {
  const body = table.tBodies[0];
  let rows = [];
  let treeOrder = [];
  const folded = options.folded || new Set();
  const filter = options.filter;
  let sorted = null;

  // the instances a row sits in: a block row's enclosing ones, a layer's own and enclosing ones
  function ancestors(row) {
    const path = row.dataset.path;
    if (!path) return [];
    const parts = path.split("/");
    const all = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    return row.classList.contains("block") ? all.slice(0, -1) : all;
  }

  /** Reads the rows again, after their table changed in place (the playground updates it as you type). */
  function rescan() {
    rows = Array.from(body.rows);
    treeOrder = rows.slice();
    rows.forEach(row => { row.ancestors = ancestors(row); });
    if (sorted) {
      const th = table.tHead.querySelector("th[aria-sort]");
      sorted = null;
      if (th) {
        const direction = th.getAttribute("aria-sort");
        th.setAttribute("aria-sort", direction === "ascending" ? "descending" : "ascending");
        sortBy(th);
        return;
      }
    }
    refresh();
  }
  rescan();

  function refresh() {
    const words = filter ? filter.value.trim().toLowerCase() : "";
    for (const row of rows) {
      let hidden;
      if (words) {
        hidden = !row.textContent.toLowerCase().includes(words);
      } else if (sorted) {
        hidden = row.classList.contains("block");
      } else {
        hidden = row.ancestors.some(path => folded.has(path));
      }
      row.classList.toggle("hidden", hidden);
    }
    for (const row of rows) {
      if (row.classList.contains("block")) {
        const isFolded = folded.has(row.dataset.path);
        row.classList.toggle("folded", isFolded);
        row.querySelector("button.fold").setAttribute("aria-expanded", String(!isFolded));
      }
    }
  }

  function toggle(path) {
    if (folded.has(path)) folded.delete(path); else folded.add(path);
    refresh();
  }

  function numeric(text) {
    if (text === "" || text === "all") return text === "all" ? Infinity : -Infinity;
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return parseFloat(text);
    const shape = text.split(" -> ").pop();
    if (/^[0-9]+(x[0-9]+)*$/.test(shape)) return shape.split("x").reduce((a, b) => a * Number(b), 1);
    if (/^[0-9]+\/[0-9]+$/.test(text)) { const [a, b] = text.split("/"); return a / b; }
    return NaN;
  }

  function sortBy(th) {
    const index = th.cellIndex;
    const column = th.dataset.column;
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    if (column === "row" && ascending) {
      sorted = null;
      treeOrder.forEach(row => body.appendChild(row));
    } else {
      sorted = column;
      const key = row => row.cells[index].dataset.value;
      const numbers = treeOrder.every(row => !isNaN(numeric(key(row))));
      const ordered = treeOrder.slice().sort((a, b) => {
        const x = key(a), y = key(b);
        const order = numbers ? numeric(x) - numeric(y) : x.localeCompare(y);
        return (ascending ? order : -order) || (Number(a.dataset.row || 0) - Number(b.dataset.row || 0));
      });
      ordered.forEach(row => body.appendChild(row));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    }
    refresh();
  }

  /** Marks a row as selected, unfolding what hides it; returns it. */
  function select(row) {
    row.ancestors.forEach(path => folded.delete(path));
    if (filter && filter.value) filter.value = "";
    refresh();
    table.querySelectorAll("tr.selected").forEach(r => r.classList.remove("selected"));
    row.classList.add("selected");
    return row;
  }

  body.addEventListener("click", event => {
    const row = event.target.closest("tr");
    if (!row) return;
    if (event.target.closest("button.fold")) {
      toggle(row.dataset.path);
      return;
    }
    select(row);
    if (options.onSelect) options.onSelect(row, event);
  });

  table.tHead.addEventListener("click", event => {
    const th = event.target.closest("th");
    if (th) sortBy(th);
  });

  if (filter) filter.addEventListener("input", refresh);

  return {
    get rows() { return rows; },
    /** Whether a header sorts the rows (their order is then not the table's own). */
    get sorted() { return sorted !== null; },
    rescan,
    refresh,
    select,
    /** Folds every block instance at `depth` or deeper (-1: none), as the report's --depth does. */
    foldFrom(depth) {
      folded.clear();
      if (depth >= 0) {
        rows.filter(r => r.classList.contains("block") && Number(r.dataset.depth) >= depth)
          .forEach(r => folded.add(r.dataset.path));
      }
      refresh();
    },
    expandAll() { folded.clear(); refresh(); },
    collapseAll() {
      rows.filter(r => r.classList.contains("block")).forEach(r => folded.add(r.dataset.path));
      refresh();
    },
  };
}
if (typeof module !== "undefined") module.exports = cnncTable;
