// A small static file server for the demo and the browser tests.
//
//   node www/serve.mjs [--root www] [--port 8000] [--host 127.0.0.1]
//
// Serves files with the right types (application/wasm matters: browsers
// compile wasm while it downloads only with it), brotli-compressed when the
// client accepts it, like a production static host would; bundle files
// (.bundle: tens of megabytes for a large corpus, too slow to compress at
// the best quality on the fly) are sent as they are, with their length, so
// the widget can say how much of them is in.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const root = resolve(args.root ?? "www");
const port = Number(args.port ?? 8000);
const host = args.host ?? "127.0.0.1";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".bundle": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const compressed = new Map();

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${host}`);
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, "index.html");
    const body = await readFile(path);
    const headers = { "content-type": types[extname(path)] ?? "application/octet-stream", "cache-control": "no-cache" };
    if (/\bbr\b/.test(req.headers["accept-encoding"] ?? "") && body.length > 1024 && !/\.(png|ico|bundle)$/.test(path)) {
      const key = `${path}:${body.length}`;
      if (!compressed.has(key)) {
        compressed.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
      headers["content-encoding"] = "br";
      res.writeHead(200, headers).end(compressed.get(key));
    } else {
      res.writeHead(200, { ...headers, "content-length": body.length }).end(body);
    }
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
});
server.listen(port, host, () => console.log(`serving ${root} at http://${host}:${port}/`));
