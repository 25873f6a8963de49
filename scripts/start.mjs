// `npm start`: serve the add-in over https (webpack-dev-server) and print how to load it into Excel —
// on the web, on Mac, on Windows and for a whole organisation. It sideloads nothing itself: Microsoft's
// office-addin-debugging is not a dependency of this repository (the printed steps say how to fetch it).
// `npm start -- --steps` prints the steps only.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { sideloadSteps } from "./addin/sideload-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

console.log(sideloadSteps(root));
if (!process.argv.includes("--steps")) {
  console.log("Press Ctrl+C to stop.\n");
  const p = spawn("npx", ["webpack", "serve", "--mode", "development"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  p.on("exit", (code) => process.exit(code ?? 0));
}
