// The package's entry for Node: the WebAssembly module is read from beside
// this file and instantiated synchronously, so `import { assess } from
// "prolo-triage"` is ready to use with no init call. (Node's fetch does not
// read file: URLs, which the browser entry's init would use.)
import { readFileSync } from "node:fs";
import { initSync } from "./prolo_triage.js";

initSync({ module: readFileSync(new URL("./prolo_triage_bg.wasm", import.meta.url)) });

export * from "./prolo_triage.js";
export { default } from "./prolo_triage.js";
