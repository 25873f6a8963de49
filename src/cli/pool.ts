/**
 * `--jobs N`: validate in worker threads. Each worker gets files in batches and validates them one at a
 * time; the caller keeps the report in input order (validateCommand). A file that runs past the time limit
 * has its worker stopped (a parse stuck on a hostile file cannot be interrupted any other way) and is
 * reported as unreadable; the files the worker held besides go to its replacement.
 */
import { readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Profile } from "../core/profile";
import type { FormCatalogue } from "../core/forms/schema";
import type { ReadLimits } from "./inputs";
import type { FileReport, Lang } from "./report";
import type { FileOptions } from "./validateFile";

interface Task {
  file: string;
  copyTo?: string;
  resolve: (r: FileReport) => void;
}

interface Slot {
  worker: Worker;
  /** Sent to this worker and not reported yet, in order; tasks[0] is the worker's file number `reported`. */
  tasks: Task[];
  /** Sizes of the batches in flight (one reply per batch). */
  batches: number[];
  /** Files this worker has reported since it started. */
  reported: number;
  /**
   * Written by the worker (worker.ts): [0] files started, [1] files finished, [2..3] the start time (ms since
   * the epoch, as a Float64) of the file it is on. Read by the watchdog without waking the worker.
   */
  progress: Int32Array;
  started: Float64Array;
}

/**
 * Files sent to a worker in one message, and answered in one: each message that reaches the main thread
 * wakes it, and on a busy 2-core machine the waking thread takes the CPU from a worker (profiles of
 * `--jobs 2` showed 10–25 % of the workers' time inside postMessage, one file per message). A worker has
 * two batches at a time, so it starts the second while the main thread answers the first (issue 26, item 15).
 */
const BATCH = 16;
const BATCHES_AHEAD = 2;

let sourceWorker: string | undefined;

/**
 * The worker entry: the compiled worker.js beside this file. Run from source (ts-jest, tsx) there is no
 * .js, and a worker thread does not inherit the parent's TypeScript loader, so the worker is bundled once
 * per process with esbuild (a dev dependency) into node_modules/.cache, where its packages resolve.
 */
function workerFile(): string {
  const js = path.join(__dirname, "worker.js");
  if (__filename.endsWith(".js")) return js;
  if (!sourceWorker) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild");
    // One bundle per process (test processes run side by side), renamed into place so a worker never reads
    // half a file; removed at exit, and bundles an hour old (from processes that were killed) swept here.
    const dir = path.join(__dirname, "..", "..", "node_modules", ".cache", "perfcheck");
    const tmp = path.join(dir, `worker-${process.pid}.tmp.js`);
    const out = path.join(dir, `worker-${process.pid}.js`);
    try {
      for (const f of readdirSync(dir)) if (Date.now() - statSync(path.join(dir, f)).mtimeMs > 3_600_000) rmSync(path.join(dir, f), { force: true });
    } catch {
      // No cache folder yet.
    }
    esbuild.buildSync({ entryPoints: [path.join(__dirname, "worker.ts")], bundle: true, platform: "node", format: "cjs", packages: "external", outfile: tmp, logLevel: "error" });
    renameSync(tmp, out);
    sourceWorker = out;
    process.once("exit", () => rmSync(out, { force: true }));
  }
  return sourceWorker;
}

function spawn(data: unknown): Worker {
  return new Worker(workerFile(), { workerData: data });
}

export class ValidatePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;
  private pumpQueued = false;
  private watchdog?: NodeJS.Timeout;

  constructor(
    size: number,
    private readonly profile: Profile,
    private readonly lang: Lang,
    private readonly runId: string,
    private readonly limits: ReadLimits,
    private readonly timeoutSec = 300,
    private readonly forms?: FormCatalogue,
    private readonly fileOpts: FileOptions = {},
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.newSlot());
  }

  /** Files the workers can hold at once: a caller that keeps this many waiting keeps every worker busy. */
  get capacity(): number {
    return this.slots.length * BATCH * BATCHES_AHEAD;
  }

  private newSlot(): Slot {
    const shared = new SharedArrayBuffer(16);
    const worker = spawn({ profile: this.profile, lang: this.lang, runId: this.runId, limits: this.limits, forms: this.forms, fileOpts: this.fileOpts, progress: shared });
    const slot: Slot = { worker, tasks: [], batches: [], reported: 0, progress: new Int32Array(shared, 0, 2), started: new Float64Array(shared, 8, 1) };
    worker.on("message", (m: { reports: FileReport[] }) => this.finish(slot, m.reports));
    worker.on("error", (e) => this.fail(slot, `处理失败：${e.message} / processing failed: ${e.message}`));
    worker.on("exit", (code) => {
      if (slot.tasks.length) this.fail(slot, `处理失败（工作线程退出，代码 ${code}） / processing failed (worker exited with ${code})`);
    });
    // Idle workers do not hold the process open; while files are in flight the watchdog timer does.
    worker.unref();
    return slot;
  }

  run(file: string, copyTo?: string): Promise<FileReport> {
    return new Promise((resolve) => {
      this.queue.push({ file, copyTo, resolve });
      // Files added in one go (the caller fills its window synchronously) are batched together.
      if (!this.pumpQueued) {
        this.pumpQueued = true;
        queueMicrotask(() => {
          this.pumpQueued = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    // Round robin, one batch per worker per turn, so every worker has its first batch before any has a second.
    for (let depth = 1; depth <= BATCHES_AHEAD; depth++) {
      for (const slot of this.slots) {
        if (slot.batches.length >= depth || this.queue.length === 0) continue;
        // Full batches while there is plenty; smaller ones towards the end, so the workers finish together.
        const size = Math.min(BATCH, Math.max(1, Math.floor(this.queue.length / (this.slots.length * BATCHES_AHEAD))));
        const batch = this.queue.splice(0, size);
        slot.tasks.push(...batch);
        slot.batches.push(batch.length);
        slot.worker.postMessage({ files: batch.map((t) => ({ file: t.file, copyTo: t.copyTo })) });
      }
    }
    this.watch();
  }

  /**
   * The per-file time limit, checked from the main thread by reading what each worker wrote (which file it
   * is on and since when), so no message per file is needed. Runs only while files are in flight.
   */
  private watch(): void {
    const busy = this.slots.some((s) => s.tasks.length > 0);
    if (busy && !this.watchdog) {
      const limitMs = this.timeoutSec * 1000;
      // A tenth of the limit, between 1 ms and 200 ms: a stuck file is stopped at most that late.
      const every = Math.min(200, Math.max(1, Math.floor(limitMs / 10)));
      this.watchdog = setInterval(() => this.check(limitMs), every);
    } else if (!busy && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
  }

  private check(limitMs: number): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      const started = Atomics.load(slot.progress, 0);
      if (started <= Atomics.load(slot.progress, 1)) continue; // between files
      const since = slot.started[0];
      // Read again: the worker may have moved to its next file while the time was read.
      if (Atomics.load(slot.progress, 0) !== started) continue;
      if (now - since >= limitMs) this.timeout(slot, started - 1 - slot.reported);
    }
  }

  /**
   * A worker that is gone or stopped: the file it was on (`current`, an index into its tasks) is returned;
   * every other file it held and had not reported goes back to the head of the queue, to be validated by
   * its replacement (a finished file whose report was still in the worker is validated again, never lost).
   */
  private takeBack(slot: Slot, current: number): Task | undefined {
    const task = slot.tasks[current];
    const others = slot.tasks.filter((_, i) => i !== current);
    slot.tasks = [];
    slot.batches = [];
    this.queue.unshift(...others);
    return task;
  }

  /** The file a worker is on when it fails: the one it started last, or its first when it had not started any. */
  private current(slot: Slot): number {
    const started = Atomics.load(slot.progress, 0);
    return started > slot.reported ? Math.min(started - 1 - slot.reported, slot.tasks.length - 1) : 0;
  }

  private finish(slot: Slot, reports: FileReport[]): void {
    if (!this.slots.includes(slot)) return; // a stopped worker's last words
    slot.batches.shift();
    const done = slot.tasks.splice(0, reports.length);
    slot.reported += done.length;
    done.forEach((t, i) => t.resolve(reports[i]));
    this.pump();
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0 && !this.closed) this.slots[i] = this.newSlot();
    this.pump();
  }

  private fail(slot: Slot, error: string): void {
    if (!this.slots.includes(slot)) return;
    const task = this.takeBack(slot, this.current(slot));
    if (task) task.resolve({ file: task.file, status: "unreadable", error });
    // The worker is gone or unusable: replace it so the rest of the run goes on.
    this.replace(slot);
  }

  private timeout(slot: Slot, current: number): void {
    const task = this.takeBack(slot, current);
    if (!task) return;
    task.resolve({ file: task.file, status: "unreadable", error: `处理超时：超过 --timeout 设定的 ${this.timeoutSec} 秒，已停止，未检查完（可调大 --timeout 再试） / timed out: over the --timeout limit of ${this.timeoutSec} s; stopped, not fully checked (raise --timeout to try again)` });
    this.replace(slot);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
