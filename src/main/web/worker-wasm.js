// The worker with the compiler as WebAssembly, whose bytes come in the page's first message, gzipped and in base64
// (a page opened from the file system can fetch nothing, so the page reads them from a script of its folder).
import "teavm-wasm-runtime";
import {serve} from "./worker.js";

function decode(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function inflate(bytes) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")))
    .arrayBuffer());
}

serve(async init => (await globalThis.TeaVM.wasmGC.load(await inflate(decode((await init).wasm)))).exports);
