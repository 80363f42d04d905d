// The Node entry has the browser entry's API; its module is already
// initialised (calling the default init again is harmless).
export * from "./prolo_triage.js";
export { default } from "./prolo_triage.js";
