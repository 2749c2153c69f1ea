// A script of the page's folder, loaded when first needed: a page opened from the file system may not
// fetch a file, but it may add a <script> (the worker's source and elkjs come as scripts that set a string).
export function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error("could not load " + src));
    document.head.appendChild(script);
  });
}
