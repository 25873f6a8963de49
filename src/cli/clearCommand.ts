/** `perfcheck clear`: write copies of annotated workbooks with PerfCheck's flags taken off. */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./atomicWrite";
import { planOutputs } from "./outputPlan";
import { clearAnnotations } from "./clear";
import { expandInputs, explainLoadError, InputError, readXlsxBytes } from "./inputs";
import type { Io } from "./validateCommand";

/** Exit code: 0 all cleared, 2 usage error or a file that could not be read, written or had no flags. */
export async function runClear(files: string[], outDir: string, io: Io): Promise<number> {
  const { files: inputs, missing } = await expandInputs(files, [outDir]);
  // Every output is planned and checked against every input and every other output before anything is written.
  const plan = await planOutputs(inputs, outDir);
  await fs.mkdir(outDir, { recursive: true });
  let failed = missing.length;
  for (const m of missing) io.err(`perfcheck: ${m.file}: ${m.message}\n`);
  for (const { input: file, output: target, refused } of plan.files) {
    try {
      if (!target) throw new InputError(file, refused!);
      const wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.load((await readXlsxBytes(file)) as unknown as ArrayBuffer);
      } catch (e) {
        throw e instanceof InputError ? e : explainLoadError(file, e);
      }
      const outcome = clearAnnotations(wb);
      if (!outcome) throw new InputError(file, "此工作簿没有 PerfCheck 标记（不是 perfcheck validate --annotate 写出的副本） / no PerfCheck flags in this workbook (not written by perfcheck validate --annotate)");
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, Buffer.from(await wb.xlsx.writeBuffer()));
      io.out(`${file} → ${target}: 已恢复 ${outcome.restored} 个单元格，保留用户修改 ${outcome.keptUserEdits} 处 / restored ${outcome.restored} cell(s), kept ${outcome.keptUserEdits} user edit(s)\n`);
    } catch (e) {
      failed++;
      io.err(`perfcheck: ${file}: ${e instanceof InputError ? e.message : String((e as Error)?.message ?? e)}\n`);
    }
  }
  if (inputs.length === 0 && missing.length === 0) {
    io.err("perfcheck: 没有找到 .xlsx 文件 / no .xlsx files found\n");
    return 2;
  }
  return failed > 0 ? 2 : 0;
}
