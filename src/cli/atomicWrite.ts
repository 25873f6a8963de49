import { randomBytes } from "node:crypto";
import { constants, promises as fs } from "node:fs";
import path from "node:path";

/**
 * Write via a temp file in the same folder, fsync it, rename it over the target and fsync the folder, so
 * neither a crash nor a power cut leaves half a file or a rename that never reached the disk. The temp
 * name is created exclusively (O_EXCL): it can never be an existing file or a planted link.
 */
export async function writeFileAtomic(target: string, data: Buffer | string, { noClobber = false } = {}): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    fh = undefined;
    if (noClobber) {
      // link() never replaces: if another run created the target since it was checked, this fails with EEXIST.
      await fs.link(tmp, target);
      await fs.rm(tmp, { force: true });
    } else await fs.rename(tmp, target);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** Make a rename durable: fsync the folder (not possible on Windows, where rename is already journaled). */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return;
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the data itself was synced.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Hold an exclusive lock file next to `target` while `fn` runs (two runs writing one summary.csv take
 * turns instead of losing each other's lines). A lock older than `staleMs` is from a crashed run and is
 * taken over.
 */
export async function withLock<T>(target: string, fn: () => Promise<T>, { waitMs = 30_000, staleMs = 120_000 } = {}): Promise<T> {
  const lock = `${target}.lock`;
  const start = Date.now();
  for (;;) {
    let fh: fs.FileHandle | undefined;
    try {
      fh = await fs.open(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const st = await fs.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > staleMs) {
        await fs.rm(lock, { force: true });
        continue;
      }
      if (Date.now() - start > waitMs) throw new Error(`锁文件 ${lock} 被另一次运行占用 / the lock ${lock} is held by another run`);
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      continue;
    }
    try {
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      break;
    } catch (e) {
      // The lock is ours from the moment it was created: a failed write into it (ENOSPC on a full disk)
      // must not leave it behind, or every later run waits for it and fails.
      await fh.close().catch(() => undefined);
      await fs.rm(lock, { force: true });
      throw e;
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/** writeFileAtomic's temporary name, exactly: `.NAME.PID.HEX12.tmp`, NAME one of the files PerfCheck writes. */
const OUR_TEMP = /^\.(.+\.(?:xlsx|xlsm|xltx|xltm|csv))\.(\d{1,10})\.([0-9a-f]{12})\.tmp$/i;

/** Is process `pid` gone? Only a definite "no such process" counts: a process of another user (EPERM) is alive. */
function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Remove the temporary files writeFileAtomic left in `dir` when its process was killed (kill -9, a power
 * cut) before it could clean up: only names of our exact pattern, only regular files, only when the
 * process that made them is gone. Everything else in the folder is left alone. Returns what was removed.
 */
export async function sweepStaleTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return []; // Not there yet (or unreadable): nothing of ours to sweep.
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = OUR_TEMP.exec(name);
    if (!m || !processGone(Number(m[2]))) continue;
    const p = path.join(dir, name);
    const st = await fs.lstat(p).catch(() => undefined);
    if (!st?.isFile()) continue;
    await fs.rm(p, { force: true }).then(
      () => removed.push(p),
      () => undefined,
    );
  }
  return removed;
}

/**
 * Can files be created in `dir`? Tried for real — a probe file of writeFileAtomic's own pattern, created
 * and removed — since permission bits say nothing about a read-only mount or an ACL. Undefined when it
 * can; else the error code (EACCES, EROFS, ENOSPC …).
 */
export async function probeWritable(dir: string): Promise<string | undefined> {
  const probe = path.join(dir, `.perfcheck-probe.csv.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fh = await fs.open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    await fh.close();
    await fs.rm(probe, { force: true });
    return undefined;
  } catch (e) {
    await fs.rm(probe, { force: true }).catch(() => undefined);
    return (e as NodeJS.ErrnoException).code ?? String((e as Error)?.message ?? e);
  }
}
