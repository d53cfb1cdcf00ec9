// Builds the participant page's front end into one minified script and one stylesheet with
// content hashes in their names, precompressed (gzip, brotli), plus frontend.json naming them
// and the hash of the sources they were built from (tests/unit/test_frontend.py checks it).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const out = join(root, "pleegzorg_lib/server/share/voila/templates/pleegzorg/static/page");
const staticDir = join(root, "pleegzorg_lib/server/share/voila/templates/pleegzorg/static");

// Everything the bundle is made of that lives in this repository (npm packages are pinned
// by package-lock.json, which is part of it).
const sources = [
  "frontend/package.json",
  "frontend/package-lock.json",
  "frontend/build.mjs",
  ...readdirSync(join(here, "src")).sort().map((f) => `frontend/src/${f}`),
  ...["pleegzorg.js", "pleegzorg.css", "tools.css"].map((f) =>
    relative(root, join(staticDir, f)),
  ),
];

export function sourceHash() {
  const hash = createHash("sha256");
  for (const path of sources) {
    hash.update(path + "\0");
    hash.update(readFileSync(join(root, path)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

// The kernel connection imports the services package's index (`require("..")`), which
// would bring every other service along; give it only what it uses.
const servicesIndex = {
  name: "services-index",
  setup(b) {
    b.onResolve({ filter: /^\.\.$/ }, (args) =>
      args.importer.includes("@jupyterlab/services/lib/kernel/")
        ? { path: join(here, "src/services.js") }
        : undefined,
    );
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: { page: join(here, "src/index.js") },
  absWorkingDir: here,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  entryNames: "[name].[hash]",
  legalComments: "eof",
  alias: { "sanitize-html": join(here, "src/no-html.js") },
  plugins: [servicesIndex],
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
  metafile: true,
});

if (process.env.PZ_ANALYZE) {
  // PZ_ANALYZE=1 node build.mjs: the bundle's biggest inputs
  const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs));
  const byPackage = {};
  for (const [path, { bytesInOutput }] of inputs) {
    const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = m ? m[1] : path;
    byPackage[key] = (byPackage[key] || 0) + bytesInOutput;
  }
  console.log(Object.entries(byPackage).sort((a, b) => b[1] - a[1]).slice(0, 25));
}

const files = {};
for (const file of Object.keys(result.metafile.outputs)) {
  const name = file.split("/").pop();
  const body = readFileSync(join(here, file));
  writeFileSync(join(out, name + ".gz"), gzipSync(body, { level: 9 }));
  writeFileSync(
    join(out, name + ".br"),
    brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  files[name.endsWith(".css") ? "css" : "js"] = name;
}
// The template includes this fragment: the page asks for exactly these two files.
const asset = (name) => `{{ resources.base_url }}voila/templates/pleegzorg/static/page/${name}`;
writeFileSync(
  join(staticDir, "..", "page_assets.html.j2"),
  "{#- Written by frontend/build.mjs (make frontend): the page's one stylesheet and one script. -#}\n" +
    `<link rel="stylesheet" href="${asset(files.css)}">\n` +
    `<script defer src="${asset(files.js)}"></script>\n`,
);
const manifest = { ...files, sources, sources_sha256: sourceHash() };
writeFileSync(join(out, "frontend.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(JSON.stringify(manifest, null, 2));
