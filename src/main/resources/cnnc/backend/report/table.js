"use strict";
/*
 * The layer table's behaviour, shared by the HTML report (inlined before page.js) and the playground (bundled):
 * block instances fold and unfold their rows, a header sorts by its column (the row number back to the tree),
 * a filter hides the rows without its words, and a click selects a row.
 *   table     the <table> HtmlReport writes (rows with data-path, data-row, data-depth, data-line)
 *   options   {filter: an <input> or null, folded: a Set of folded paths kept across tables, onSelect(row, event),
 *              scroller: the element that scrolls the table, to put only the rows in its view in the page}
 *
 * With a scroller the table is windowed: a browser styles and lays out every row a table holds, hidden or not in
 * view, each time anything on the page changes (ResNet50's 214 rows took 4 to 10 ms of a 16 ms frame), so the
 * rows live out of the page and only those in view, and a margin, are put in it, between two spacers as tall as
 * the rows above and below. The rows are of one height (white-space: pre, one line each), which the windowing
 * measures; the columns are given at least the width of their widest cell, so that they stay put as the rows scroll.
 */
function cnncTable(table, options) {
  const body = table.tBodies[0];
  const scroller = options.scroller || null;
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

  /** Reads the rows again, after their table changed in place. */
  function rescan() {
    adopt(Array.from(body.rows).filter(row => !row.classList.contains("spacer")));
  }

  /** Takes `fresh` as the table's rows, in tree order (the playground's, as you type). */
  function adopt(fresh) {
    const selected = rows.find(row => row.classList.contains("selected"));
    rows = fresh;
    treeOrder = rows.slice();
    rows.forEach(row => { row.ancestors = ancestors(row); });
    if (selected && !rows.includes(selected)) {
      const same = rows.find(row => key(row) === key(selected));
      if (same) same.classList.add("selected");
    }
    if (scroller) widenColumns();
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

  function key(row) {
    return row.dataset.row !== undefined ? "row " + row.dataset.row : "block " + row.dataset.path;
  }

  /** The rows shown (neither folded away nor filtered out), in the order shown. */
  let shown = [];

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
    shown = rows.filter(row => !row.classList.contains("hidden"));
    draw();
  }

  // ---- the rows in the page: all of them, or with a scroller those in its view ---------------------------------

  const MARGIN = 15; // rows put in the page above and below the view, for the scroll the next frame draws
  const top = spacer();
  const bottom = spacer();
  // what the window is drawn from, measured when the page is laid out anyway (a frame after a scroll or a resize)
  // and not as the table changes, which would lay the page out once more
  const view = {scrollTop: 0, height: 900, bodyTop: 0, rowHeight: 19};
  let measured = false;
  let toReveal = null;

  function spacer() {
    const row = document.createElement("tr");
    row.className = "spacer";
    row.setAttribute("aria-hidden", "true");
    const cell = row.insertCell();
    cell.colSpan = table.tHead.rows[0].cells.length;
    cell.style.cssText = "padding: 0; border: none; height: 0";
    return row;
  }

  function draw() {
    if (!scroller) {
      const now = body.rows;
      if (rows.some((row, i) => now[i] !== row)) rows.forEach(row => body.appendChild(row));
      return;
    }
    // fewer rows than when the view was measured (a fold, the depth, a smaller model): the browser scrolls back to
    // the end of what is left, and the window is drawn from there now, not a frame later from a place past the end
    view.scrollTop = Math.min(view.scrollTop, Math.max(0, view.bodyTop + shown.length * view.rowHeight - view.height));
    const first = Math.max(0, Math.floor((view.scrollTop - view.bodyTop) / view.rowHeight) - MARGIN);
    const last = Math.min(shown.length, Math.ceil((view.scrollTop + view.height - view.bodyTop) / view.rowHeight) + MARGIN);
    const inView = shown.slice(first, Math.max(first, last));
    top.cells[0].style.height = first * view.rowHeight + "px";
    bottom.cells[0].style.height = Math.max(0, shown.length - first - inView.length) * view.rowHeight + "px";
    // the rows that stay stay put (a row taken out and put back loses the focus, and the browser its place)
    const keep = new Set(inView);
    for (const row of Array.from(body.children)) {
      if (row !== top && row !== bottom && !keep.has(row)) row.remove();
    }
    if (top.parentNode !== body) body.prepend(top);
    let at = top.nextSibling;
    for (const row of inView) {
      if (at === row) at = at.nextSibling;
      else body.insertBefore(row, at);
    }
    if (bottom.parentNode !== body) body.appendChild(bottom);
    if (!measured) schedule();
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      measure();
      if (toReveal && view.height > 0) reveal(toReveal);
      else draw();
    });
  }

  function measure() {
    if (!scroller.isConnected || scroller.clientHeight === 0) return; // its tab is hidden
    view.scrollTop = scroller.scrollTop;
    view.height = scroller.clientHeight;
    view.bodyTop = body.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const inView = Array.from(body.children).slice(1, -1);
    if (inView.length > 1) {
      const height = (inView[inView.length - 1].getBoundingClientRect().bottom - inView[0].getBoundingClientRect().top)
        / inView.length;
      if (height > 0) {
        view.rowHeight = height;
        measured = true;
      }
    }
  }

  const resized = scroller ? new ResizeObserver(schedule) : null;
  if (scroller) {
    scroller.addEventListener("scroll", schedule, {passive: true});
    resized.observe(scroller);
  }

  /**
   * Gives each column the width of its widest cell, as if every row were in the page. The cells hold one line of
   * a monospaced font each, so a column's width is its longest text in ch (a fold button: a little more).
   */
  let widened = null;
  function widenColumns() {
    const widths = Array.from(table.tHead.rows[0].cells, th => th.textContent.length);
    for (const row of rows) {
      const cells = row.cells;
      for (let i = 0; i < cells.length && i < widths.length; i++) {
        const length = cells[i].textContent.length + (cells[i].firstElementChild ? 1.4 : 0);
        if (length > widths[i]) widths[i] = length;
      }
    }
    if (String(widths) === String(widened)) return;
    widened = widths;
    Array.from(table.tHead.rows[0].cells).forEach((th, i) => { th.style.minWidth = "calc(" + widths[i] + "ch + 12px)"; });
  }

  /**
   * Scrolls the row (of an array of rows: the first shown, unless one is in view) into the middle of the view; if
   * the table's tab is hidden, when it is shown.
   */
  function reveal(which) {
    toReveal = null;
    const wanted = Array.isArray(which) ? which : [which];
    if (!scroller) {
      wanted[0].scrollIntoView({block: "nearest"});
      return;
    }
    if (!scroller.isConnected || scroller.clientHeight === 0) {
      toReveal = which;
      return;
    }
    measure();
    const header = table.tHead.getBoundingClientRect().height;
    const indices = wanted.map(row => shown.indexOf(row)).filter(index => index >= 0);
    const offset = index => view.bodyTop + index * view.rowHeight;
    const inView = index => offset(index) >= view.scrollTop + header && offset(index) + view.rowHeight <= view.scrollTop + view.height;
    if (indices.length && !indices.some(inView)) {
      scroller.scrollTop = Math.max(0, offset(indices[0]) - view.height / 2);
      view.scrollTop = scroller.scrollTop;
    }
    draw();
  }

  // ---- folding, sorting, selecting ------------------------------------------------------------------------------

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
      rows = treeOrder.slice();
    } else {
      sorted = column;
      const key = row => row.cells[index].dataset.value;
      const numbers = treeOrder.every(row => !isNaN(numeric(key(row))));
      rows = treeOrder.slice().sort((a, b) => {
        const x = key(a), y = key(b);
        const order = numbers ? numeric(x) - numeric(y) : x.localeCompare(y);
        return (ascending ? order : -order) || (Number(a.dataset.row || 0) - Number(b.dataset.row || 0));
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    }
    refresh();
  }

  /** Marks a row as selected, unfolding what hides it, and scrolls it into view; returns it. */
  function select(row) {
    row.ancestors.forEach(path => folded.delete(path));
    if (filter && filter.value) filter.value = "";
    rows.forEach(r => r.classList.remove("selected"));
    row.classList.add("selected");
    refresh();
    if (scroller) reveal(row);
    return row;
  }

  body.addEventListener("click", event => {
    const row = event.target.closest("tr");
    if (!row || row.classList.contains("spacer")) return;
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

  rescan(); // with a scroller, measured in the next frame (measuring now would lay the page out once more)

  return {
    /** Every row, in the order shown, whether in the page or not (with a scroller, most are not). */
    get rows() { return rows; },
    /** The rows neither folded away nor filtered out, in the order shown. */
    get shown() { return shown; },
    /** Whether a header sorts the rows (their order is then not the table's own). */
    get sorted() { return sorted !== null; },
    rescan,
    adopt,
    /** Stops following the scroller, for a table that takes this one's place. */
    forget() {
      if (!scroller) return;
      scroller.removeEventListener("scroll", schedule);
      resized.disconnect();
    },
    refresh,
    select,
    reveal,
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
