// The diagram tab: the compiler builds the graph (the one report --format svg lays out), elkjs (ELK's own
// JavaScript build, loaded when the tab is first opened) lays it out in a worker of its own, and the compiler
// draws the SVG, as the command line does with ELK for Java.
import ELK from "elkjs/lib/elk-api.js";
import {loadScript} from "./load-script.js";

let elk = null;

async function layoutEngine() {
  if (!elk) {
    await loadScript("layout.js");
    const url = URL.createObjectURL(new Blob([window.cnncLayoutSource], {type: "text/javascript"}));
    elk = new ELK({workerUrl: url, workerFactory: workerUrl => new Worker(workerUrl)});
  }
  return elk;
}

/** The places elkjs gave, as the compiler reads them (LayoutGraph.read): a line a shape, a line an edge's section. */
function placement(graph) {
  const lines = [];
  const shape = s => lines.push(["s", s.id, s.x || 0, s.y || 0, s.width || 0, s.height || 0].join(" "));
  (function walk(node) {
    shape(node);
    (node.ports || []).forEach(shape);
    (node.children || []).forEach(walk);
    for (const edge of node.edges || []) {
      for (const section of edge.sections || []) {
        const points = [section.startPoint, ...(section.bendPoints || []), section.endPoint];
        lines.push(["e", edge.id, edge.container, ...points.flatMap(p => [p.x, p.y])].join(" "));
      }
    }
  })(graph);
  return lines.join("\n");
}

/** The diagram's SVG, or null when the model has errors; `ask` asks the compiler's worker. */
export async function drawDiagram(ask) {
  const {result: first} = await ask("diagram", {});
  if (!first) return null;
  const engine = await layoutEngine();
  let answer = (await ask("diagramLaidOut", {placement: placement(await engine.layout(JSON.parse(first)))})).result;
  if (answer.graph) {
    answer = (await ask("diagramLaidOut", {placement: placement(await engine.layout(JSON.parse(answer.graph)))})).result;
  }
  return answer.svg;
}
