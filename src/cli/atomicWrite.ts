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
    try {
      const fh = await fs.open(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const st = await fs.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > staleMs) {
        await fs.rm(lock, { force: true });
        continue;
      }
      if (Date.now() - start > waitMs) throw new Error(`锁文件 ${lock} 被另一次运行占用 / the lock ${lock} is held by another run`);
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
