// The Node command: cnnc's compiler as JavaScript (TeaVM) with node:fs to read the descriptions it names.
//   node cnnc.mjs SUBCOMMAND [OPTIONS] FILE
// It prints what ./cnnc prints for the same command line, on both streams, and exits with the same code.
// Imported rather than run, it exports run(args), which answers {exit, out, err} without printing (the tests
// compare many command lines with ./cnnc's in one process).
import * as cnnc from "cnnc-compiler-js";
import fs from "node:fs";
import {fileURLToPath} from "node:url";

/** "F" and the first `limit` bytes as characters 0-255, or "E" and the error's code (see NodeFiles.java). */
globalThis.cnncReadFile = (name, limit) => {
  let fd = 0;
  try {
    if (name !== "-") {
      if (fs.statSync(name).isDirectory()) return "EEISDIR";
      fd = fs.openSync(name, "r");
    }
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      let read;
      try {
        read = fs.readSync(fd, buffer, length, limit - length, null);
      } catch (error) {
        if (error.code === "EAGAIN") continue; // standard input not ready yet
        throw error;
      }
      if (read === 0) break;
      length += read;
    }
    return "F" + buffer.toString("latin1", 0, length);
  } catch (error) {
    return "E" + (error.code || error.message);
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
};

export function run(args) {
  return JSON.parse(cnnc.command(args));
}

const invoked = process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (invoked) {
  const result = run(process.argv.slice(2));
  process.stdout.write(result.out);
  process.stderr.write(result.err);
  process.exitCode = result.exit;
}
