// A tiny static server for web/dist, on loopback unless told otherwise, for
// opening the app locally and for the browser tests:
//
//   node web/serve.mjs [--port 8000] [--dir web/dist] [--policy FILE] [--lan]
//
// --policy serves FILE as policy.json beside index.html (as the CDS service
// serves its active policy), so the app loads it before it is ready.
// --lan listens on every interface (0.0.0.0) and prints the addresses a
// phone on the same network opens (patient.html): only on a network you
// trust, as the pages are plain http. The answers themselves never reach
// this server: they stay in the page and its fragment.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Starts the server; resolves to { server, url }. */
export function serve({ port = 0, dir, policy, host = "127.0.0.1" } = {}) {
  const root = resolve(dir ?? join(fileURLToPath(import.meta.url), "../dist"));
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    let file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (path === "/policy.json" && policy) file = resolve(policy);
    else if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  return new Promise((ok) =>
    server.listen(port, host, () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const lan = args.includes("--lan");
  const { server, url } = await serve({
    port: Number(opt("--port") ?? 8000),
    dir: opt("--dir"),
    policy: opt("--policy"),
    host: lan ? "0.0.0.0" : "127.0.0.1",
  });
  console.log(`serving the clinician app at ${url} and the patient's intake at ${url}patient.html (Ctrl-C to stop)`);
  if (lan) {
    const port = server.address().port;
    for (const addrs of Object.values(networkInterfaces())) {
      for (const a of addrs ?? []) {
        if (a.family === "IPv4" && !a.internal) console.log(`on this network: http://${a.address}:${port}/patient.html`);
      }
    }
  }
}
