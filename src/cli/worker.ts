/** Worker thread of `--jobs N`: validates one file per message with the run's profile, language and limits. */
import { parentPort, workerData } from "node:worker_threads";
import type { Profile } from "../core/profile";
import type { FormCatalogue } from "../core/forms/schema";
import { setReadLimits, type ReadLimits } from "./inputs";
import type { Lang } from "./report";
import { validateFile, type FileOptions } from "./validateCommand";

const data = workerData as { profile: Profile; lang: Lang; runId: string; limits: ReadLimits; forms?: FormCatalogue; fileOpts?: FileOptions };
setReadLimits(data.limits);

// One file after the other, in the order sent: the pool sends the next file ahead (pool.ts, AHEAD) and times
// each file from the moment the one before it is reported.
let turn: Promise<void> = Promise.resolve();
parentPort!.on("message", (m: { file: string; copyTo?: string }) => {
  turn = turn.then(async () => {
    const report = await validateFile(m.file, data.profile, m.copyTo, data.lang, data.runId, data.forms, data.fileOpts);
    parentPort!.postMessage({ report });
  });
});
