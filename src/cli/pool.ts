/**
 * `--jobs N`: validate in worker threads. Each worker takes one file at a time; the caller keeps the
 * report in input order (validateCommand). A file that runs past the time limit has its worker stopped
 * (a parse stuck on a hostile file cannot be interrupted any other way) and is reported as unreadable.
 */
import { readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Profile } from "../core/profile";
import type { FormCatalogue } from "../core/forms/schema";
import type { ReadLimits } from "./inputs";
import type { FileReport, Lang } from "./report";
import type { FileOptions } from "./validateCommand";

interface Task {
  file: string;
  copyTo?: string;
  resolve: (r: FileReport) => void;
}

interface Slot {
  worker: Worker;
  /** Sent to this worker, in order: the first is being validated (its timer runs), the rest wait in its port. */
  tasks: Task[];
  timer?: NodeJS.Timeout;
}

/**
 * Files handed to a worker at a time: the one it validates and the next, so it never sits idle waiting for
 * the main thread to be scheduled between two files — on a loaded machine that wait, paid per file, made
 * `--jobs 2` slower than one job (issue 26, item 15).
 */
const AHEAD = 2;

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

  private newSlot(): Slot {
    const slot: Slot = { tasks: [], worker: spawn({ profile: this.profile, lang: this.lang, runId: this.runId, limits: this.limits, forms: this.forms, fileOpts: this.fileOpts }) };
    slot.worker.on("message", (m: { report: FileReport }) => this.finish(slot, m.report));
    slot.worker.on("error", (e) => this.fail(slot, `处理失败：${e.message} / processing failed: ${e.message}`));
    slot.worker.on("exit", (code) => {
      if (slot.tasks.length) this.fail(slot, `处理失败（工作线程退出，代码 ${code}） / processing failed (worker exited with ${code})`);
    });
    // Idle workers do not hold the process open; while a file is in flight its timeout timer does.
    slot.worker.unref();
    return slot;
  }

  run(file: string, copyTo?: string): Promise<FileReport> {
    return new Promise((resolve) => {
      this.queue.push({ file, copyTo, resolve });
      this.pump();
    });
  }

  private pump(): void {
    // Round robin, one file per worker per turn, so every worker has its first file before any has a second.
    for (let depth = 1; depth <= AHEAD; depth++) {
      for (const slot of this.slots) {
        if (slot.tasks.length >= depth || this.queue.length === 0) continue;
        const task = this.queue.shift()!;
        slot.tasks.push(task);
        if (slot.tasks.length === 1) this.startClock(slot);
        slot.worker.postMessage({ file: task.file, copyTo: task.copyTo });
      }
    }
  }

  /** The time limit of the file a worker is on: its files are validated one after the other. */
  private startClock(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.timeout(slot), this.timeoutSec * 1000);
  }

  /** A worker that is gone or stopped: files sent to it but not started go back to the head of the queue. */
  private takeBack(slot: Slot): Task | undefined {
    clearTimeout(slot.timer);
    const [task, ...waiting] = slot.tasks;
    slot.tasks = [];
    this.queue.unshift(...waiting);
    return task;
  }

  private finish(slot: Slot, report: FileReport): void {
    const task = slot.tasks.shift();
    clearTimeout(slot.timer);
    if (slot.tasks.length) this.startClock(slot);
    task?.resolve(report);
    this.pump();
  }

  private fail(slot: Slot, error: string): void {
    const task = this.takeBack(slot);
    if (task) task.resolve({ file: task.file, status: "unreadable", error });
    // The worker is gone or unusable: replace it so the rest of the run goes on.
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0 && !this.closed) this.slots[i] = this.newSlot();
    this.pump();
  }

  private timeout(slot: Slot): void {
    const task = this.takeBack(slot);
    if (!task) return;
    task.resolve({ file: task.file, status: "unreadable", error: `处理超时：超过 --timeout 设定的 ${this.timeoutSec} 秒，已停止，未检查完（可调大 --timeout 再试） / timed out: over the --timeout limit of ${this.timeoutSec} s; stopped, not fully checked (raise --timeout to try again)` });
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0 && !this.closed) this.slots[i] = this.newSlot();
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
