import { InvalidArgumentError, Option, type Command } from "commander";
import { promises as fs } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import type { Profile } from "../../core/profile";
import { buildTemplatePlan, TEMPLATE_KINDS, TEMPLATE_LIMITS, TEMPLATE_NAMES, TemplateParamError, type SheetPlan, type TemplateKind } from "../../core/templates";
import { buildDistributedTemplate, distributionOf } from "../../core/templates/distributed";
import { reportingUnitText } from "../../core/templates/heading";
import { identityProperties, type TemplateIdentity } from "../../core/templates/identity";
import { writeFileAtomic } from "../atomicWrite";
import { withCustomProperties } from "../customProperties";
import { xmlText } from "../xml";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { realPathOf } from "../outputPlan";
import { loadProfile } from "../validateCommand";
import { readDepartments, type Department } from "./departments";

export interface TemplateCommandOptions {
  /** Required without a profile; with one, default every kind the profile distributes (one sheet each). */
  kind?: TemplateKind;
  out: string;
  region?: string;
  year?: number;
  lines?: number;
  indicators?: number;
  /** Months a monitoring table covers (1–N月), default 7. */
  month?: number;
  protect?: boolean;
  force?: boolean;
  /** A built-in profile name or a profile JSON file with a `distribution` section. */
  profile?: string;
  /** CSV of departments (单位名称, 单位编码): one workbook each, written into `out` (a folder). */
  departments?: string;
}

export class TemplateCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const exists = (p: string) =>
  fs.lstat(p).then(
    () => true,
    () => false,
  );

/** The workbook for one set of plans, with each distributed sheet's identity as custom properties. */
async function workbookBytes(plans: SheetPlan[], identities: TemplateIdentity[]): Promise<Buffer> {
  // exceljs (in renderPlan) loads when a template is written: the CLI registers this command on every start.
  const { renderPlan, workbookFromPlan } = await import("../renderPlan");
  const wb = workbookFromPlan(plans[0]);
  for (const p of plans.slice(1)) renderPlan(wb as ExcelJS.Workbook, p);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return Buffer.from(identities.length ? withCustomProperties(bytes, identityProperties(identities)) : bytes);
}

function plansFor(o: TemplateCommandOptions, profile: Profile | undefined, unit?: Department): { plans: SheetPlan[]; identities: TemplateIdentity[] } {
  try {
    if (!profile) {
      if (!o.kind) throw new TemplateCommandError("缺少 --kind（或用 --profile 指定分发配置）/ --kind is required (or give a distribution profile with --profile)");
      if (o.month !== undefined && o.kind !== "monitoring") throw new TemplateCommandError("--month 只用于 --kind monitoring / --month applies to --kind monitoring only");
      return { plans: [buildTemplatePlan(o.kind, { region: o.region, year: o.year, expenseLines: o.lines, indicatorRows: o.indicators, protect: o.protect, unit, month: o.month })], identities: [] };
    }
    const kinds = o.kind ? [o.kind] : distributionOf(profile).kinds;
    if (o.month !== undefined && !kinds.includes("monitoring")) throw new TemplateCommandError("--month 只用于监控表模板 / --month applies to the monitoring template only");
    const built = kinds.map((k) => buildDistributedTemplate(profile, k, { lines: o.lines, indicators: o.indicators, unit, month: o.month }));
    return { plans: built.map((b) => b.plan), identities: built.map((b) => b.identity) };
  } catch (e) {
    if (e instanceof TemplateParamError) throw new TemplateCommandError(e.message);
    throw e;
  }
}

async function profileFor(o: TemplateCommandOptions): Promise<Profile | undefined> {
  if (!o.profile) return undefined;
  if (o.region !== undefined || o.year !== undefined) throw new TemplateCommandError("--region/--year 由配置的 distribution 给出，不能同时指定 / --region and --year come from the profile's distribution section; do not give them with --profile");
  let profile: Profile;
  try {
    profile = await loadProfile(o.profile);
  } catch (e) {
    throw new TemplateCommandError((e as Error).message);
  }
  if (!profile.distribution) throw new TemplateCommandError(`配置 ${o.profile} 没有 distribution（模板分发）部分，见 docs/templates.md / the profile ${o.profile} has no distribution section; see docs/templates.md`);
  return profile;
}

/**
 * Write one template (or, with a profile, every kind it distributes) as .xlsx. Never overwrites an
 * existing file unless `force`; writes a temporary file next to the target and links or renames it, so
 * a failed write leaves nothing half-done.
 */
export async function writeTemplate(o: TemplateCommandOptions): Promise<{ path: string; sheet: string }> {
  if (o.kind !== undefined && !TEMPLATE_KINDS.includes(o.kind)) throw new TemplateCommandError(`未知的模板类型 / unknown template kind: ${o.kind}`);
  const out = path.resolve(o.out);
  if (!/\.xlsx$/i.test(out)) throw new TemplateCommandError(`输出文件须为 .xlsx / the output file must end in .xlsx: ${o.out}`);
  if (!o.force && (await exists(out))) throw new TemplateCommandError(`文件已存在（使用 --force 覆盖）/ file exists (use --force to overwrite): ${o.out}`);
  const profile = await profileFor(o);
  const { plans, identities } = plansFor(o, profile);
  const bytes = await workbookBytes(plans, identities);
  try {
    await writeFileAtomic(out, bytes, { noClobber: !o.force });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new TemplateCommandError(`文件已存在（使用 --force 覆盖）/ file exists (use --force to overwrite): ${o.out}`);
    throw new TemplateCommandError(`无法写入 / cannot write ${o.out}: ${(e as Error).message}`, 1);
  }
  return { path: out, sheet: plans[0].name };
}

/** A file name from a department's code and name, safe on Windows, macOS and Linux. */
export function departmentFileName(d: Department): string {
  const raw = `${d.code ? `${d.code}-` : ""}${d.name}`;
  const safe = raw.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").replace(/[. ]+$/, "").slice(0, 120);
  return `${safe || "单位"}.xlsx`;
}

export interface BulkResult {
  written: string[];
  /** Files that exist already: left as they are. */
  kept: string[];
}

/**
 * One workbook per department of the list, its name and code filled in, into the folder `o.out`. An
 * existing file is never replaced (it is listed in `kept`); two departments that would share a file name
 * get `(2)`, `(3)` … Every target is planned before the first is written.
 */
export async function writeDepartmentTemplates(o: TemplateCommandOptions & { departments: string }): Promise<BulkResult> {
  if (o.force) throw new TemplateCommandError("--departments 不接受 --force：已有的文件永不覆盖 / --departments does not take --force: existing files are never replaced");
  const profile = await profileFor(o);
  if (!profile) throw new TemplateCommandError("--departments 需要 --profile（财政局的分发配置）/ --departments needs --profile (the bureau's distribution profile)");
  const list = await readDepartments(o.departments);
  const dir = path.resolve(o.out);
  if (/\.xlsx$/i.test(dir)) throw new TemplateCommandError(`--departments 时 --out 应为文件夹 / with --departments, --out is a folder: ${o.out}`);
  const st = await fs.stat(dir).catch(() => undefined);
  if (st && !st.isDirectory()) throw new TemplateCommandError(`--out 不是文件夹 / --out is not a folder: ${o.out}`);
  await fs.mkdir(dir, { recursive: true });
  const listReal = await realPathOf(o.departments);
  const taken = new Set<string>();
  const targets = list.map((d) => {
    const base = departmentFileName(d);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = base.replace(/\.xlsx$/, ` (${n}).xlsx`);
    taken.add(name.toLowerCase());
    return { d, file: path.join(dir, name) };
  });
  const result: BulkResult = { written: [], kept: [] };
  const stamp = await departmentStamp(o, profile);
  for (const { d, file } of targets) {
    if ((await exists(file)) || (await realPathOf(file)) === listReal) {
      result.kept.push(file);
      continue;
    }
    try {
      await writeFileAtomic(file, stamp(d), { noClobber: true });
      result.written.push(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") result.kept.push(file);
      else throw new TemplateCommandError(`无法写入 / cannot write ${file}: ${(e as Error).message}`, 1);
    }
  }
  return result;
}

/** Stand-ins for a department's name and its 填报单位 line: private-use characters no form text holds. */
const NAME_TOKEN = "\ue000PERFCHECK-NAME\ue000";
const LINE_TOKEN = "\ue000PERFCHECK-LINE\ue000";

/**
 * The workbook is rendered once with stand-ins where a department's name goes, and each department's copy
 * is that package with the stand-ins replaced: exceljs renders a workbook in a third of a second, and 50
 * departments would take half a minute. The copies hold exactly what rendering each would (the identity
 * does not depend on the department: its name is input, not structure) — tests/templates.bulk.test.ts
 * compares them.
 */
async function departmentStamp(o: TemplateCommandOptions, profile: Profile): Promise<(d: Department) => Buffer> {
  const { plans, identities } = plansFor(o, profile, { name: NAME_TOKEN });
  for (const p of plans) {
    const at = p.anchors?.["field.reportingUnit"];
    if (at) p.cells = p.cells.map((c) => (c.row === at.row && c.col === at.col ? { ...c, value: LINE_TOKEN } : c));
  }
  const base = unzipSync(new Uint8Array(await workbookBytes(plans, identities)));
  const parts = Object.keys(base).filter((k) => /^xl\/(sharedStrings|worksheets\/[^/]+)\.xml$/.test(k));
  const texts = new Map(parts.map((k) => [k, strFromU8(base[k])]));
  if (![...texts.values()].some((t) => t.includes(NAME_TOKEN))) throw new Error("template stamp: the department name stand-in was not written");
  return (d) => {
    const files: Zippable = { ...base };
    for (const [k, t] of texts) {
      if (!t.includes("\ue000")) continue;
      files[k] = strToU8(t.split(LINE_TOKEN).join(xmlText(reportingUnitText(d))).split(NAME_TOKEN).join(xmlText(d.name)));
    }
    return Buffer.from(zipSync(files, { level: 6 }));
  };
}

function intArg(name: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < 1 || n > max) throw new InvalidArgumentError(`${name} 应为 1–${max} 的整数 / ${name} must be an integer from 1 to ${max}: ${v}`);
    return n;
  };
}

/**
 * `perfcheck template --kind … [--region …] [--year …] [--lines N] [--indicators N] [--month N] [--protect] --out FILE [--force]`
 * `perfcheck template --profile P [--kind …] --out FILE` (a bureau's template, with its identity)
 * `perfcheck template --profile P --departments LIST.csv --out DIR` (one per department, never overwriting)
 */
export function registerTemplateCommand(program: Command): void {
  const kinds = TEMPLATE_KINDS.map((k) => `${k} (${TEMPLATE_NAMES[k].zh})`).join(", ");
  program
    .command("template")
    .description(`生成标准模板 .xlsx / write a standard template as .xlsx: ${kinds}`)
    .addOption(new Option("--kind <kind>", "模板类型；用 --profile 时默认为配置分发的全部类型 / template kind; with --profile, default every kind it distributes").choices([...TEMPLATE_KINDS]))
    .requiredOption("--out <file>", "输出文件 (.xlsx)，用 --departments 时为文件夹 / output file, a folder with --departments")
    .option("--profile <name>", "含 distribution 部分的配置（内置名或 JSON 文件）/ a profile with a distribution section (built-in name or JSON file)")
    .option("--departments <csv>", "单位清单 CSV（单位名称,单位编码），每个单位生成一份 / CSV of departments (name, code): one workbook each")
    .option("--region <name>", "标题中的地区，如 无锡市本级、江苏省省级 / region in the title")
    .option("--year <year>", "年度 / budget year", intArg("--year", 2100))
    .option("--lines <n>", "支出（项目）行数 / number of expense lines", intArg("--lines", TEMPLATE_LIMITS.lines))
    .option("--indicators <n>", "每个二级指标的空行数 / empty rows per level-2 indicator", intArg("--indicators", TEMPLATE_LIMITS.indicators))
    .option("--month <n>", "监控表的截止月份（1–N月），默认 7 / months a monitoring table covers (1–N), default 7", intArg("--month", 12))
    .option("--protect", "保护工作表（输入单元格仍可编辑）/ protect the sheet, input cells stay editable", false)
    .option("--force", "覆盖已存在的文件 / overwrite an existing file", false)
    .action(async (opts: TemplateCommandOptions, cmd: Command) => {
      // The program's output hooks (tests and the lead's CLI capture them), else the process streams.
      const io = cmd.configureOutput();
      const out = io.writeOut ?? ((s: string) => void process.stdout.write(s));
      const err = io.writeErr ?? ((s: string) => void process.stderr.write(s));
      try {
        if (opts.departments) {
          const r = await writeDepartmentTemplates({ ...opts, departments: opts.departments });
          out(`已生成 ${r.written.length} 份模板：${path.resolve(opts.out)}\nWrote ${r.written.length} templates into ${path.resolve(opts.out)}\n`);
          for (const k of r.kept) err(`已存在，未覆盖 / exists, left as it is: ${k}\n`);
          if (r.kept.length) process.exitCode = 2;
          return;
        }
        const r = await writeTemplate(opts);
        const name = opts.kind ? TEMPLATE_NAMES[opts.kind] : { zh: "模板", en: "templates" };
        out(`已生成${name.zh}：${r.path}\nWrote ${name.en}: ${r.path}\n`);
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
