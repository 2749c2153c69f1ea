// The worker with the compiler as JavaScript, for browsers without garbage-collected WebAssembly.
import * as cnnc from "cnnc-compiler-js";
import {serve} from "./worker.js";

serve(async () => cnnc);
