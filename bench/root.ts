/** The repository root, found from this file whether it runs from bench/ (tsx) or bundled into bench/.out/. */
import { existsSync } from "node:fs";
import path from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "bench"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`bench: no repository root above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);
