"use strict";
(function () {
  const table = document.getElementById("layers");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const treeOrder = rows.slice();
  const filter = document.getElementById("filter");
  const folded = new Set();
  let sorted = null;

  // the instances a row sits in: a block row's enclosing ones, a layer's own and enclosing ones
  function ancestors(row) {
    const path = row.dataset.path;
    if (!path) return [];
    const parts = path.split("/");
    const all = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    return row.classList.contains("block") ? all.slice(0, -1) : all;
  }
  rows.forEach(row => { row.ancestors = ancestors(row); });

  function refresh() {
    const words = filter.value.trim().toLowerCase();
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

  function mark(selector, element) {
    document.querySelectorAll(selector).forEach(e => e.classList.remove("selected"));
    if (element) element.classList.add("selected");
  }

  function showLine(line) {
    const element = document.getElementById("line-" + line);
    mark("#source .line.selected", element);
    if (element) {
      // the source scrolls on its own, so that the table keeps the selected row in view
      const source = document.getElementById("source");
      source.scrollTop = element.offsetTop - source.clientHeight / 2;
    }
  }

  function select(row, fromDiagram) {
    row.ancestors.forEach(path => folded.delete(path));
    if (filter.value) filter.value = "";
    refresh();
    mark("#layers tr.selected", row);
    row.scrollIntoView({block: "center"});
    showLine(row.dataset.line);
    const box = row.dataset.row !== undefined
      ? document.querySelector('.cnnc-diagram .layer[data-row="' + row.dataset.row + '"]')
      : document.querySelector('.cnnc-diagram .block[data-block="' + CSS.escape(row.dataset.path) + '"]');
    mark(".cnnc-diagram .selected", box);
    if (box && !fromDiagram) box.scrollIntoView({block: "center", inline: "center"});
  }

  document.querySelector(".cnnc-diagram").addEventListener("click", event => {
    const layer = event.target.closest(".layer");
    if (layer) {
      select(document.getElementById("row-" + layer.dataset.row), true);
      return;
    }
    const block = event.target.closest(".block");
    if (block) {
      const row = rows.find(r => r.classList.contains("block") && r.dataset.path === block.dataset.block);
      if (row) select(row, true);
    }
  });

  body.addEventListener("click", event => {
    const row = event.target.closest("tr");
    if (!row) return;
    if (event.target.closest("button.fold")) {
      toggle(row.dataset.path);
      return;
    }
    select(row, false);
  });

  table.tHead.addEventListener("click", event => {
    const th = event.target.closest("th");
    if (th) sortBy(th);
  });

  filter.addEventListener("input", refresh);
  document.getElementById("expand").addEventListener("click", () => { folded.clear(); refresh(); });
  document.getElementById("collapse").addEventListener("click", () => {
    rows.filter(r => r.classList.contains("block")).forEach(r => folded.add(r.dataset.path));
    refresh();
  });

  const depth = Number(document.body.dataset.depth);
  if (depth >= 0) {
    rows.filter(r => r.classList.contains("block") && Number(r.dataset.depth) >= depth)
      .forEach(r => folded.add(r.dataset.path));
  }
  refresh();
})();
