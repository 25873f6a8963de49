// `npm run bench`: bundle the benchmarks with esbuild and run them with plain node, so the code measured
// is shaped like what ships (the add-in is a webpack bundle, the CLI plain CommonJS). Under tsx every
// call between modules went through an export getter, which added about a third to validation time.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "bench", ".out");
await build({
  // worker.js beside the bundle: `--jobs` runs (bench/province.ts) start their worker threads from it.
  entryPoints: [
    ...["run", "memory", "jobsRun", "warmupRun", "machineRun"].map((n) => ({ in: path.join(root, "bench", `${n}.ts`), out: n })),
    { in: path.join(root, "src", "cli", "worker.ts"), out: "worker" },
  ],
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
const r = spawnSync(process.execPath, [path.join(outdir, "run.js")], { stdio: "inherit", env: process.env });
process.exit(r.status ?? 1);
