// The playground's worker: the compiler (cnnc's Java, compiled by TeaVM) answering the page's requests in the
// order they come, so that a hover or a completion always reads the text compiled last. `loadCompiler(init)`
// gives the compiler's exports once they are ready (WebAssembly compiles asynchronously), from what the page's
// first message ("init") holds.
export function serve(loadCompiler) {
  let cnnc = null;
  let failure = null;
  let initArrived;
  const init = new Promise(resolve => { initArrived = resolve; });
  const ready = loadCompiler(init).then(exports => { cnnc = exports; }, error => { failure = error; });
  const answers = {
    compile: ({name, text, batch, dtype, optimizer, table}) =>
      JSON.parse(cnnc.compile(name, text, batch, dtype, optimizer, table)),
    report: ({format, explain}) => cnnc.report(format, explain),
    hover: ({offset}) => cnnc.hover(offset),
    complete: ({offset}) => JSON.parse(cnnc.complete(offset)),
    generate: ({backend, loss, optimizer, rate}) => JSON.parse(cnnc.generate(backend, loss, optimizer, rate)),
    choices: () => JSON.parse(cnnc.choices()),
    diagram: () => cnnc.diagram(),
    diagramLaidOut: ({placement}) => JSON.parse(cnnc.diagramLaidOut(placement)),
  };
  // the clock the page reads too (a worker's performance.now() starts at its own origin)
  const clock = () => performance.timeOrigin + performance.now();
  self.onmessage = async event => {
    const received = clock();
    const {id, op, args} = event.data;
    if (op === "init") {
      initArrived(args);
      return;
    }
    if (!cnnc && !failure) await ready;
    const started = performance.now();
    try {
      if (failure) throw failure;
      const result = answers[op](args);
      self.postMessage({id, result, millis: performance.now() - started, received, answered: clock()});
    } catch (error) {
      // a bug in cnnc: the page says so instead of waiting for an answer
      self.postMessage({id, error: String(error && error.stack || error), millis: performance.now() - started});
    }
  };
}
