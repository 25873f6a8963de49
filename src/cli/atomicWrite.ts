import { promises as fs } from "node:fs";
import path from "node:path";

/** Write via a temp file in the same folder and rename, so a crash never leaves half a file. */
export async function writeFileAtomic(target: string, data: Buffer | string): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
