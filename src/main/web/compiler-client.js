// The page's side of the compiler's worker: requests answered in order, each a promise. A request that takes
// longer than a person would wait (a bug in cnnc, since every input is bounded) ends the worker, and a new one
// starts: the page never freezes and never waits forever.
const PATIENCE_MILLIS = 20000;

const clock = () => performance.timeOrigin + performance.now();

export class Compiler {
  /** `compiler` is what compiler-wasm.js or compiler-js.js sets: {engine, worker (its source), wasm (base64)}. */
  constructor(compiler, onRestart) {
    this.compiler = compiler;
    this.url = URL.createObjectURL(new Blob([compiler.worker], {type: "text/javascript"}));
    this.onRestart = onRestart;
    this.start();
  }

  start() {
    this.worker = new Worker(this.url);
    this.worker.postMessage({op: "init", args: {wasm: this.compiler.wasm}});
    this.pending = new Map();
    this.next = 1;
    this.worker.onmessage = event => {
      const arrived = clock();
      const {id, result, error, millis, received, answered} = event.data;
      const request = this.pending.get(id);
      if (!request) return;
      this.pending.delete(id);
      clearTimeout(request.timer);
      if (error !== undefined) request.reject(new Error("cnnc failed: " + error));
      else request.resolve({result, millis, times: {sent: request.sent, received, answered, arrived}});
    };
    this.worker.onerror = event => {
      event.preventDefault();
      this.restart("the compiler stopped: " + (event.message || "an error in its worker"));
    };
  }

  restart(why) {
    this.worker.terminate();
    const waiting = this.pending;
    this.start();
    for (const request of waiting.values()) {
      clearTimeout(request.timer);
      request.reject(new Error(why));
    }
    this.onRestart(why);
  }

  /**
   * Asks the worker; resolves to {result, millis (the worker's time on it), times}: when the request was sent, when
   * the worker received it, when it answered and when the answer arrived, in ms on one clock for the page and the
   * worker (the benchmark's breakdown of an edit).
   */
  ask(op, args) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.restart("cnnc took more than " + PATIENCE_MILLIS / 1000
        + " s to answer, so it was stopped (this is a bug in cnnc: please report the text that caused it)"), PATIENCE_MILLIS);
      this.pending.set(id, {resolve, reject, timer, sent: clock()});
      this.worker.postMessage({id, op, args});
    });
  }
}
