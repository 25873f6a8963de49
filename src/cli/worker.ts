/** Worker thread of `--jobs N`: validates the files of each message, with the run's profile, language and limits. */
import { parentPort, workerData } from "node:worker_threads";
import type { Profile } from "../core/profile";
import type { FormCatalogue } from "../core/forms/schema";
import { setReadLimits, type ReadLimits } from "./inputs";
import type { FileReport, Lang } from "./report";
import { validateFile, type FileOptions } from "./validateFile";

const data = workerData as { profile: Profile; lang: Lang; runId: string; limits: ReadLimits; forms?: FormCatalogue; fileOpts?: FileOptions; progress: SharedArrayBuffer };
setReadLimits(data.limits);
// What the pool's watchdog reads (pool.ts): files started, files finished, and when the current one started.
const counts = new Int32Array(data.progress, 0, 2);
const startedAt = new Float64Array(data.progress, 8, 1);

// One file after the other, in the order sent; a batch is answered in one message (pool.ts, BATCH), so the
// main thread is woken once per batch rather than once per file.
let turn: Promise<void> = Promise.resolve();
parentPort!.on("message", (m: { files: { file: string; copyTo?: string }[] }) => {
  turn = turn.then(async () => {
    const reports: FileReport[] = [];
    for (const f of m.files) {
      startedAt[0] = Date.now();
      Atomics.add(counts, 0, 1);
      reports.push(await validateFile(f.file, data.profile, f.copyTo, data.lang, data.runId, data.forms, data.fileOpts));
      Atomics.add(counts, 1, 1);
    }
    parentPort!.postMessage({ reports });
  });
});
