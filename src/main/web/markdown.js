// Markdown from the compiler (hovers, completion notes) as HTML. The text holds the user's own names, so raw HTML
// in it is shown as text, never as markup.
import {Marked} from "marked";

const escapeHtml = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const marked = new Marked({
  gfm: true,
  renderer: {
    html(token) {
      return escapeHtml(token.text);
    },
  },
});

/** A DOM element holding the markdown, rendered. */
export function markdownElement(text, className) {
  const element = document.createElement("div");
  element.className = className;
  element.innerHTML = marked.parse(text);
  return element;
}
