// Runs many command lines through the playground's Node command in one process (NodeCommandIT):
//   node command-batch.mjs CNNC_MJS CASES.json RESULTS.json
// CASES.json is a list of argument lists; RESULTS.json gets {exit, out, err} for each, in order.
import fs from "node:fs";
import {pathToFileURL} from "node:url";

const [command, cases, results] = process.argv.slice(2);
const {run} = await import(pathToFileURL(command).href);
const answers = JSON.parse(fs.readFileSync(cases, "utf8")).map(args => run(args));
fs.writeFileSync(results, JSON.stringify(answers));
