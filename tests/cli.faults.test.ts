/**
 * Issue 26, items 11–13: outputs under faults. A lock whose write fails is removed; temporary files of a
 * killed run are swept on the next run into that folder (ours only); an output folder that cannot be
 * written is found before any work; a report taken by another run meanwhile is said in words; an output
 * folder that is the inputs' own folder refuses the whole run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { withLock } from "../src/cli/atomicWrite";
import { writeSummary } from "../src/cli/summaryCsv";
import { runValidate } from "../src/cli/validateCommand";

const wave2 = path.join(__dirname, "..", "fixtures", "corpus", "wave2");
const SAMPLE = path.join(wave2, "hubei-ezhou-2022-project.xlsx");
let root: string;
let n = 0;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "perfcheck-faults-"));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function caseDir(): Promise<{ dir: string; inDir: string; input: string }> {
  const dir = path.join(root, `c${++n}`);
  const inDir = path.join(dir, "in");
  await fs.mkdir(inDir, { recursive: true });
  const input = path.join(inDir, "a.xlsx");
  await fs.copyFile(SAMPLE, input);
  return { dir, inDir, input };
}

async function validate(args: Partial<Parameters<typeof runValidate>[0]> & { files: string[] }, onOut?: (s: string) => void) {
  let out = "";
  let err = "";
  const code = await runValidate({ format: "text", lang: "zh", ...args }, { out: (s) => void ((out += s), onOut?.(s)), err: (s) => void (err += s), progress: false });
  return { code, out, err };
}

describe("item 11: the summary lock after a failed write", () => {
  test("a lock whose own write fails (ENOSPC) is removed, and the next run takes the lock at once", async () => {
    const { dir } = await caseDir();
    const target = path.join(dir, "summary.csv");
    // The disk fills up just as the lock file is written: open succeeds (an empty inode), the write fails.
    const realOpen = fs.open.bind(fs);
    const spy = jest.spyOn(fs, "open").mockImplementation(async (p, ...rest) => {
      const fh = await realOpen(p as string, ...(rest as [number, number]));
      if (String(p).endsWith(".lock")) {
        fh.writeFile = async () => {
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        };
      }
      return fh;
    });
    try {
      await expect(writeSummary(dir, { rows: [] }, "zh")).rejects.toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    await expect(fs.lstat(`${target}.lock`)).rejects.toThrow(/ENOENT/);
    // The next run does not wait for a lock nobody holds (it would wait waitMs, then fail).
    const t0 = Date.now();
    await withLock(target, async () => undefined, { waitMs: 2_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  test("a failure inside the locked work (the summary's own write) removes the lock too", async () => {
    const { dir } = await caseDir();
    const target = path.join(dir, "summary.csv");
    await expect(withLock(target, async () => Promise.reject(Object.assign(new Error("ENOSPC"), { code: "ENOSPC" })))).rejects.toThrow(/ENOSPC/);
    await expect(fs.lstat(`${target}.lock`)).rejects.toThrow(/ENOENT/);
  });
});

describe("item 12: temporary files of a killed run", () => {
  test("the next run into the folder removes our temp files whose process is gone, and nothing else", async () => {
    const { dir, inDir } = await caseDir();
    const out = path.join(dir, "out");
    await fs.mkdir(out);
    // A process that has exited: its pid is free (and not reused within this test in practice).
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout.trim();
    expect(Number(dead)).toBeGreaterThan(0);
    const ours = [`.a.xlsx.${dead}.0123456789ab.tmp`, `.summary.csv.${dead}.abcdef012345.tmp`];
    const kept = [
      `.a.xlsx.${process.pid}.0123456789ab.tmp`, // a live process's (this one's): still being written
      `.a.xlsx.${dead}.tmp`, // not our pattern
      `.notes.txt.${dead}.0123456789ab.tmp`, // not a file PerfCheck writes
      `a.xlsx.${dead}.0123456789ab.tmp`, // no leading dot
      "report.xlsx",
    ];
    for (const f of [...ours, ...kept]) await fs.writeFile(path.join(out, f), "x");
    await fs.mkdir(path.join(out, `.b.xlsx.${dead}.0123456789ab.tmp`)); // a folder of that name: not a file of ours
    const r = await validate({ files: [inDir], annotate: out, summary: true });
    expect(r.code).toBeLessThan(2);
    const left = await fs.readdir(out);
    for (const f of ours) expect(left).not.toContain(f);
    for (const f of kept) expect(left).toContain(f);
    expect(left).toContain(`.b.xlsx.${dead}.0123456789ab.tmp`);
  });
});

describe("item 13: outputs checked before the work", () => {
  /** Make a folder unwritable even for root (chattr +i), or by mode when not root. */
  async function lock(dirPath: string): Promise<() => Promise<void>> {
    if (process.getuid?.() === 0) {
      execFileSync("chattr", ["+i", dirPath]);
      return async () => void execFileSync("chattr", ["-i", dirPath]);
    }
    await fs.chmod(dirPath, 0o555);
    return () => fs.chmod(dirPath, 0o755);
  }

  test("a read-only output folder: refused before any file is read, exit 2, nothing checked", async () => {
    const { dir, inDir } = await caseDir();
    const out = path.join(dir, "out");
    await fs.mkdir(out);
    const unlock = await lock(out);
    try {
      const r = await validate({ files: [inDir], annotate: out, summary: true });
      expect(r.code).toBe(2);
      expect(r.err).toContain(`无法在输出文件夹 ${out} 中写入文件`);
      expect(r.err).toMatch(/未检查任何文件/);
      expect(r.out).not.toContain("a.xlsx"); // no file was checked
      const en = await validate({ files: [inDir], annotate: out, lang: "en" });
      expect(en.err).toContain(`cannot write files in the output folder ${out}`);
    } finally {
      await unlock();
    }
    expect(await fs.readdir(out)).toEqual([]);
  });

  test("a read-only folder for --report: refused before the work", async () => {
    const { dir, inDir } = await caseDir();
    const rdir = path.join(dir, "reports");
    await fs.mkdir(rdir);
    const unlock = await lock(rdir);
    try {
      const r = await validate({ files: [inDir], report: path.join(rdir, "审核.xlsx"), summary: true });
      expect(r.code).toBe(2);
      expect(r.err).toContain(`无法在输出文件夹 ${rdir} 中写入文件`);
      expect(r.out).not.toContain("a.xlsx");
    } finally {
      await unlock();
    }
  });

  test("a report another run writes meanwhile: said in words, never a raw EEXIST … link; its file untouched", async () => {
    const { dir, inDir } = await caseDir();
    const report = path.join(dir, "审核.xlsx");
    // The other run finishes first: its report appears while this run is checking files.
    let planted = false;
    const r = await validate({ files: [inDir], report, summary: true }, () => {
      if (!planted) {
        planted = true;
        require("node:fs").writeFileSync(report, "the other run's report");
      }
    });
    expect(planted).toBe(true);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`无法写出审核工作簿 ${report}`);
    expect(r.err).toContain("另一次运行在本次运行期间写出了同名报告，未覆盖");
    expect(r.err).not.toMatch(/EEXIST|link/);
    expect(await fs.readFile(report, "utf8")).toBe("the other run's report");
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("--annotate in in/a.xlsx: the whole run is refused — nothing listed as unreadable, no summary.csv among the inputs", async () => {
    const { inDir, input } = await caseDir();
    const before = await fs.readdir(inDir);
    const r = await validate({ files: [input], annotate: inDir, summary: true });
    expect(r.code).toBe(2);
    expect(r.err).toContain(input);
    expect(r.err).toContain(`输出文件夹 ${inDir} 就是输入文件所在的文件夹`);
    expect(r.out).not.toMatch(/无法读取/);
    expect(await fs.readdir(inDir)).toEqual(before);
    const en = await validate({ files: [input], annotate: inDir, lang: "en" });
    expect(en.err).toMatch(/nothing was checked or written/);
  });
});
