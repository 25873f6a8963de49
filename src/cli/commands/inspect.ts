/**
 * `perfcheck inspect FILE [--sheet NAME] [--format text|json]`: how PerfCheck reads each sheet — the tables
 * found, each indicator column's role with its confidence and evidence, the rows' roles, the funding lines
 * and the sums found among them, and what could not be told. The same Reading the pane's 读作… view draws
 * (src/core/reading/inspect.ts), so a reviewer can see why a finding was or was not raised.
 */
import { Option, type Command } from "commander";
import { explainLoadError, readXlsxBytes } from "../inputs";
import { loadForms, loadProfile } from "../validateCommand";

interface InspectOptions {
  sheet?: string[];
  format: "text" | "json";
  lang: "zh" | "en";
  profile?: string;
  forms?: string;
}

export async function runInspect(file: string, o: InspectOptions, io: { out(s: string): void; err(s: string): void }): Promise<number> {
  // The reader and the Reading load when inspect runs: every start of the CLI registers this command.
  const { loadValidationSnapshot } = await import("../xlsx/load");
  const { readWorkbook, renderReading } = await import("../../core/reading/inspect");
  let wb;
  try {
    wb = loadValidationSnapshot(file, new Uint8Array(await readXlsxBytes(file)));
  } catch (e) {
    io.err(`${explainLoadError(file, e).message}\n`);
    return 2;
  }
  const missing = (o.sheet ?? []).filter((s) => !wb.sheets.some((x) => x.name === s));
  if (missing.length) {
    io.err(`${file}: ${o.lang === "en" ? "no sheet named" : "没有名为此的工作表"} ${missing.map((s) => `“${s}”`).join(", ")} (${wb.sheets.map((s) => s.name).join(", ")})\n`);
    return 2;
  }
  const reading = readWorkbook(wb, { sheets: o.sheet, profile: await loadProfile(o.profile), forms: o.forms ? await loadForms(o.forms) : undefined });
  io.out(o.format === "json" ? JSON.stringify({ file, ...reading }, null, 1) + "\n" : `${file}\n${renderReading(reading, o.lang)}`);
  return 0;
}

export function registerInspectCommand(program: Command, io: { out(s: string): void; err(s: string): void }, settle: (p: Promise<number>) => void): void {
  program
    .command("inspect")
    .description("显示工作表被读作什么（表格、各列角色与依据、行、资金合计） / show how each sheet is read (tables, column roles with evidence, rows, funding sums)")
    .argument("<file>", "工作簿 / workbook")
    .option("--sheet <name>", "只看此工作表（可重复） / only this sheet (repeatable)", (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .addOption(new Option("--format <format>", "text | json").choices(["text", "json"]).default("text"))
    .addOption(new Option("--lang <lang>", "zh | en").choices(["zh", "en"]).default("zh"))
    .option("--profile <name>", "内置配置名或 JSON 配置文件 / built-in profile name or a JSON profile file")
    .option("--forms <file>", "地区表式文件 / a region's forms file")
    .action((file: string, opts: InspectOptions) => settle(runInspect(file, opts, io)));
}
