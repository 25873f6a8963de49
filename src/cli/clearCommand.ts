/** `perfcheck clear`: write copies of annotated workbooks with PerfCheck's flags taken off. */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./atomicWrite";
import { planOutputs } from "./outputPlan";
import { clearAnnotations, screenWorkbook } from "./clear";
import { OVERLAY_MODE } from "./overlay";
import { clearPackage } from "./packageClear";
import { expandInputs, explainLoadError, InputError, readXlsxBytes } from "./inputs";
import { clean, pick, type Lang } from "./report";
import type { Io } from "./validateCommand";

/** Exit code: 0 all cleared, 2 usage error or a file that could not be read, written or had no (trustworthy) flags. */
export async function runClear(files: string[], outDir: string, io: Io, lang: Lang = "zh"): Promise<number> {
  const err = (file: string, m: string) => io.err(`perfcheck: ${clean(file)}: ${clean(pick(m, lang))}\n`);
  try {
    await fs.mkdir(outDir, { recursive: true });
  } catch (e) {
    io.err(`perfcheck: ${lang === "en" ? `cannot create the output folder ${outDir}` : `无法创建输出文件夹 ${outDir}`} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return 2;
  }
  const { files: inputs, accounted } = await expandInputs(files, [outDir]);
  // Every output is planned and checked against every input and every other output before anything is written.
  const plan = await planOutputs(inputs, outDir);
  let failed = accounted.filter((a) => a.status !== "skipped").length;
  for (const m of accounted) err(m.file, m.message);
  for (const { input: file, output: target, refused } of plan.files) {
    try {
      if (!target) throw new InputError(file, refused!);
      // A cleared copy carries no marker of ours, so clear never replaces any existing file.
      const exists = await fs.lstat(target).then(() => true, () => false);
      if (exists) throw new InputError(file, `输出位置 ${target} 已有文件，不会覆盖 / ${target} already exists; not overwritten`);
      const wb = new ExcelJS.Workbook();
      const bytes = await readXlsxBytes(file);
      try {
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      } catch (e) {
        throw e instanceof InputError ? e : explainLoadError(file, e);
      }
      const screened = screenWorkbook(wb);
      for (const why of screened.ignored) err(file, why);
      // A copy made by the overlay writer is cleared in its package, so charts, pivots and macros stay;
      // anything else (or a package this cannot follow) is cleared through exceljs.
      const state = screened.state;
      const pkg = state && state.rows.every((r) => r[2] === OVERLAY_MODE) ? clearPackage(bytes, state) : undefined;
      if (pkg) {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await writeFileAtomic(target, pkg.buffer, { noClobber: true });
        io.out(
          lang === "en"
            ? `${clean(file)} → ${clean(target)}: removed ${pkg.restored} flag(s), kept ${pkg.keptUserEdits} user edit(s)\n`
            : `${clean(file)} → ${clean(target)}：已去掉 ${pkg.restored} 处标记，保留用户修改 ${pkg.keptUserEdits} 处\n`,
        );
        continue;
      }
      const outcome = clearAnnotations(wb, screened);
      if (!outcome) {
        throw new InputError(
          file,
          screened.ignored.length
            ? "没有可信的 PerfCheck 标记（状态表签名不符），未做任何改动 / no trustworthy PerfCheck flags (the state's signature does not match); nothing changed"
            : "此工作簿没有 PerfCheck 标记（不是 perfcheck validate --annotate 写出的副本） / no PerfCheck flags in this workbook (not written by perfcheck validate --annotate)",
        );
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, Buffer.from(await wb.xlsx.writeBuffer()), { noClobber: true });
      io.out(
        lang === "en"
          ? `${clean(file)} → ${clean(target)}: restored ${outcome.restored} cell(s), kept ${outcome.keptUserEdits} user edit(s)\n`
          : `${clean(file)} → ${clean(target)}：已恢复 ${outcome.restored} 个单元格，保留用户修改 ${outcome.keptUserEdits} 处\n`,
      );
    } catch (e) {
      failed++;
      err(file, e instanceof InputError ? e.message : String((e as Error)?.message ?? e));
    }
  }
  if (inputs.length === 0 && accounted.length === 0) {
    io.err(`perfcheck: ${lang === "en" ? "no workbooks found" : "没有找到工作簿"}\n`);
    return 2;
  }
  return failed > 0 ? 2 : 0;
}
