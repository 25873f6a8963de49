/**
 * Byte-identical files in one run — the same file sent twice, a copy in a subfolder — are validated once:
 * the later ones are reported as duplicates of the first (issue 26, item 9), so totals count each table
 * once. Only files that share a size with another are read and hashed (SHA-256), one at a time.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { readRegularFile } from "./inputs";

/** For each file that repeats an earlier one byte for byte: its index → the index of the first. */
export async function findDuplicates(files: string[]): Promise<Map<number, number>> {
  const bySize = new Map<number, number[]>();
  for (let i = 0; i < files.length; i++) {
    const st = await fs.stat(files[i]).catch(() => undefined);
    if (!st?.isFile()) continue; // Accounted for when it is read.
    const same = bySize.get(st.size);
    if (same) same.push(i);
    else bySize.set(st.size, [i]);
  }
  const dup = new Map<number, number>();
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const first = new Map<string, number>();
    for (const i of group) {
      let digest: string;
      try {
        digest = createHash("sha256").update(await readRegularFile(files[i])).digest("hex");
      } catch {
        continue; // Unreadable or too large: reported as such when its turn comes.
      }
      const f = first.get(digest);
      if (f === undefined) first.set(digest, i);
      else dup.set(i, f);
    }
  }
  return dup;
}
