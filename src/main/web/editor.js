// The editor: CodeMirror 6, with what the compiler says about the text drawn in it. The colours, the shapes at
// line ends and the diagnostics all come from one compilation in the worker (the compiler's own tokens and parse
// tree, never a second grammar in JavaScript), and are carried through the edits made while it ran.
import {EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, Decoration,
  WidgetType, hoverTooltip} from "@codemirror/view";
import {EditorState, StateField, StateEffect, ChangeSet, RangeSetBuilder} from "@codemirror/state";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, snippetCompletion} from "@codemirror/autocomplete";
import {lintGutter, setDiagnostics, lintKeymap} from "@codemirror/lint";
import {searchKeymap, highlightSelectionMatches} from "@codemirror/search";
import {bracketMatching} from "@codemirror/language";
import {markdownElement} from "./markdown.js";

class ShapeWidget extends WidgetType {
  constructor(label) {
    super();
    this.label = label;
  }

  eq(other) {
    return other.label === this.label;
  }

  toDOM() {
    const span = document.createElement("span");
    span.className = "cm-shape";
    span.textContent = this.label;
    return span;
  }

  ignoreEvent() {
    return false;
  }
}

/** The compiler's colours and shapes, as of its last answer, moved along with every edit since. */
const analysed = StateEffect.define();
const analysis = StateField.define({
  create: () => Decoration.none,
  update(decorations, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(analysed)) return effect.value;
    }
    return transaction.docChanged ? decorations.map(transaction.changes) : decorations;
  },
  provide: field => EditorView.decorations.from(field),
});

/** The colours and shapes as one set, built in order (the compiler gives both sorted by offset). */
function decorations(result, mapping, length) {
  const builder = new RangeSetBuilder();
  const h = result.highlights;
  const hints = result.hints;
  let next = 0;
  const addHintsUpTo = limit => {
    for (; next < hints.length && mapping.mapPos(hints[next][0], 1) <= limit; next++) {
      const at = mapping.mapPos(hints[next][0], 1);
      if (at <= length) builder.add(at, at, Decoration.widget({widget: new ShapeWidget(hints[next][1]), side: 1}));
    }
  };
  let last = 0;
  for (let i = 0; i < h.length; i += 3) {
    const from = mapping.mapPos(h[i], 1);
    const to = mapping.mapPos(h[i + 1], -1);
    if (from < last || !(from < to && to <= length)) continue;
    addHintsUpTo(from); // a shape before a mark at its place: a widget after text sorts before a mark there
    builder.add(from, to, marks[h[i + 2]] || (marks[h[i + 2]] = Decoration.mark({class: "tok-" + h[i + 2]})));
    last = from;
  }
  addHintsUpTo(length);
  return builder.finish();
}

const marks = {};

function lintDiagnostics(result, mapping, length) {
  return result.diagnostics.map(d => {
    const from = Math.min(mapping.mapPos(d.from, 1), length);
    const to = Math.max(from, Math.min(mapping.mapPos(d.to, -1), length));
    const extra = d.hints.map(hint => "help: " + hint).concat(d.notes.map(note => "note: line " + note.line + ": "
      + note.message));
    return {
      from, to, severity: d.severity === "error" ? "error" : "warning", source: d.code,
      message: d.message + (extra.length ? "\n" + extra.join("\n") : ""),
    };
  });
}

/**
 * An editor in `parent`, with `service` answering for the text: service.changed(view) after each edit,
 * service.hover(offset) and service.complete(offset) as promises.
 */
export function createEditor(parent, text, service) {
  const completionKinds = {layer: "class", activation: "function", keyword: "keyword", block: "namespace",
    modifier: "property"};
  const completions = async context => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (!word && !context.explicit) return null;
    const items = await service.complete(context.pos);
    if (!items) return null;
    return {
      from: word ? word.from : context.pos,
      validFor: /^[A-Za-z0-9_]*$/,
      options: items.map(item => {
        const completion = {label: item.label, type: completionKinds[item.kind], detail: item.detail || undefined,
          info: item.documentation ? () => markdownElement(item.documentation, "cm-markdown") : undefined};
        // the compiler writes an editor's snippets (${1:name}, $0); CodeMirror's fields are ${name} and ${}
        return item.snippet ? snippetCompletion(item.snippet.replace(/\$\{\d+:([^}]*)\}/g, "${$1}").replace(/\$0/g, "${}"),
          completion) : completion;
      }),
    };
  };
  const hovers = hoverTooltip(async (view, pos) => {
    const text = await service.hover(pos);
    if (!text) return null;
    return {pos, above: true, create: () => ({dom: markdownElement(text, "cm-markdown cm-hover")})};
  }, {hoverTime: 250});
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), bracketMatching(), closeBrackets(),
        highlightActiveLine(), highlightSelectionMatches(), lintGutter(), analysis, hovers, EditorView.lineWrapping,
        autocompletion({override: [completions], activateOnTyping: true}),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap,
          ...lintKeymap, indentWithTab]),
        EditorView.updateListener.of(update => service.changed(update)),
        EditorView.contentAttributes.of({"aria-label": "the model's description (.cnn)", spellcheck: "false"}),
      ],
    }),
  });
  return view;
}

/**
 * Shows a compilation's answer in the editor. `since` holds the edits made after the compiled text was sent
 * (a ChangeSet over that text), so that everything lands where its text is now.
 */
export function showAnalysis(view, result, since) {
  const length = view.state.doc.length;
  const mapping = since || ChangeSet.empty(length);
  view.dispatch({effects: analysed.of(decorations(result, mapping, length))},
    setDiagnostics(view.state, lintDiagnostics(result, mapping, length)));
}
