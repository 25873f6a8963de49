import { InvalidArgumentError, Option, type Command } from "commander";
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildTemplatePlan, TEMPLATE_KINDS, TEMPLATE_LIMITS, TEMPLATE_NAMES, TemplateParamError, type TemplateKind } from "../../core/templates";

export interface TemplateCommandOptions {
  kind: TemplateKind;
  out: string;
  region?: string;
  year?: number;
  lines?: number;
  indicators?: number;
  protect?: boolean;
  force?: boolean;
}

export class TemplateCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * Write one template as .xlsx. Never overwrites an existing file unless `force`; writes to a
 * temporary file next to the target and renames it, so a failed write leaves nothing half-done.
 */
export async function writeTemplate(o: TemplateCommandOptions): Promise<{ path: string; sheet: string }> {
  if (!TEMPLATE_KINDS.includes(o.kind)) throw new TemplateCommandError(`未知的模板类型 / unknown template kind: ${o.kind}`);
  const out = path.resolve(o.out);
  if (!/\.xlsx$/i.test(out)) throw new TemplateCommandError(`输出文件须为 .xlsx / the output file must end in .xlsx: ${o.out}`);
  if (!o.force) {
    const exists = await fs.stat(out).then(
      () => true,
      () => false,
    );
    if (exists) throw new TemplateCommandError(`文件已存在（使用 --force 覆盖）/ file exists (use --force to overwrite): ${o.out}`);
  }
  let plan;
  try {
    plan = buildTemplatePlan(o.kind, { region: o.region, year: o.year, expenseLines: o.lines, indicatorRows: o.indicators, protect: o.protect });
  } catch (e) {
    if (e instanceof TemplateParamError) throw new TemplateCommandError(e.message);
    throw e;
  }
  // exceljs is loaded only when a template is written, not by every perfcheck command.
  const { workbookFromPlan } = await import("../renderPlan");
  const wb = workbookFromPlan(plan);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    if (o.force) await fs.rename(tmp, out);
    else {
      // link() refuses an existing target, so a file created meanwhile is never clobbered.
      await fs.link(tmp, out);
      await fs.rm(tmp, { force: true });
    }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new TemplateCommandError(`文件已存在（使用 --force 覆盖）/ file exists (use --force to overwrite): ${o.out}`);
    throw new TemplateCommandError(`无法写入 / cannot write ${o.out}: ${(e as Error).message}`, 1);
  }
  return { path: out, sheet: plan.name };
}

function intArg(name: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < 1 || n > max) throw new InvalidArgumentError(`${name} 应为 1–${max} 的整数 / ${name} must be an integer from 1 to ${max}: ${v}`);
    return n;
  };
}

/** `perfcheck template --kind project|department|self-evaluation [--region …] [--year …] [--lines N] [--indicators N] [--protect] --out FILE [--force]` */
export function registerTemplateCommand(program: Command): void {
  const kinds = TEMPLATE_KINDS.map((k) => `${k} (${TEMPLATE_NAMES[k].zh})`).join(", ");
  program
    .command("template")
    .description(`生成标准模板 .xlsx / write a standard template as .xlsx: ${kinds}`)
    .addOption(new Option("--kind <kind>", "模板类型 / template kind").choices([...TEMPLATE_KINDS]).makeOptionMandatory())
    .requiredOption("--out <file>", "输出文件 (.xlsx) / output file")
    .option("--region <name>", "标题中的地区，如 无锡市本级、江苏省省级 / region in the title")
    .option("--year <year>", "年度 / budget year", intArg("--year", 2100))
    .option("--lines <n>", "支出（项目）行数 / number of expense lines", intArg("--lines", TEMPLATE_LIMITS.lines))
    .option("--indicators <n>", "每个二级指标的空行数 / empty rows per level-2 indicator", intArg("--indicators", TEMPLATE_LIMITS.indicators))
    .option("--protect", "保护工作表（输入单元格仍可编辑）/ protect the sheet, input cells stay editable", false)
    .option("--force", "覆盖已存在的文件 / overwrite an existing file", false)
    .action(async (opts: TemplateCommandOptions, cmd: Command) => {
      // The program's output hooks (tests and the lead's CLI capture them), else the process streams.
      const io = cmd.configureOutput();
      const out = io.writeOut ?? ((s: string) => void process.stdout.write(s));
      const err = io.writeErr ?? ((s: string) => void process.stderr.write(s));
      try {
        const r = await writeTemplate(opts);
        out(`已生成${TEMPLATE_NAMES[opts.kind].zh}：${r.path}\nWrote ${TEMPLATE_NAMES[opts.kind].en}: ${r.path}\n`);
      } catch (e) {
        if (e instanceof TemplateCommandError) {
          err(`perfcheck template: ${e.message}\n`);
          process.exitCode = e.exitCode;
          return;
        }
        throw e;
      }
    });
}
