// The model's text in the link: deflated (the browser's own CompressionStream) and written in base64url
// after "#m=", so that a link reproduces the page and no server ever sees the model.
const PREFIX = "m=";

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function base64url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unbase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The fragment ("m=...") that holds a text. */
export async function fragmentOf(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  return PREFIX + base64url(packed);
}

/** The text a fragment holds, or null when it holds none (or is damaged: then the reason, thrown). */
export async function textOf(fragment) {
  const hash = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (!hash.startsWith(PREFIX)) return null;
  const bytes = await pipe(unbase64url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
  return new TextDecoder("utf-8", {fatal: false}).decode(bytes);
}
