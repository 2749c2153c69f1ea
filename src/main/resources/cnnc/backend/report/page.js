"use strict";
(function () {
  const filter = document.getElementById("filter");

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

  function shown(row, fromDiagram) {
    row.scrollIntoView({block: "center"});
    showLine(row.dataset.line);
    const box = row.dataset.row !== undefined
      ? document.querySelector('.cnnc-diagram .layer[data-row="' + row.dataset.row + '"]')
      : document.querySelector('.cnnc-diagram .block[data-block="' + CSS.escape(row.dataset.path) + '"]');
    mark(".cnnc-diagram .selected", box);
    if (box && !fromDiagram) box.scrollIntoView({block: "center", inline: "center"});
  }

  const table = cnncTable(document.getElementById("layers"), {filter, onSelect: row => shown(row, false)});

  document.querySelector(".cnnc-diagram").addEventListener("click", event => {
    const layer = event.target.closest(".layer");
    const block = layer ? null : event.target.closest(".block");
    const row = layer ? document.getElementById("row-" + layer.dataset.row)
      : block ? table.rows.find(r => r.classList.contains("block") && r.dataset.path === block.dataset.block) : null;
    if (row) shown(table.select(row), true);
  });

  document.getElementById("expand").addEventListener("click", () => table.expandAll());
  document.getElementById("collapse").addEventListener("click", () => table.collapseAll());
  table.foldFrom(Number(document.body.dataset.depth));
})();
