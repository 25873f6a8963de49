/**
 * `npm run bench`: speed and scale on generated workloads (issue 6). Prints a readable table on
 * stderr-free stdout followed by one JSON document (also written to bench/results.json).
 * Ratios are measured side by side in the same run; every figure is a median after warm-up.
 *
 *   BENCH_QUICK=1   fewer runs and 50 CLI files (a smoke run)
 *   BENCH_ONLY=core,scaling,cli,province,templates,reader,xls,adapter,pane
 *   BENCH_OUT=file   write the JSON there instead of bench/results.json
 */
import { cpus } from "node:os";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { adapterPresent, benchAdapter } from "./adapter";
import { ROOT } from "./root";
import { benchCli } from "./cli";
import { benchProvince } from "./province";
import { reportReader } from "./reader";
import { benchXls } from "./xls";
import { benchCore, benchScaling } from "./core";
import { addinDist, benchPane, benchPaneRender, targetsLabel } from "./pane";
import { benchTemplates } from "./templates";

const quick = process.env.BENCH_QUICK === "1";
const only = process.env.BENCH_ONLY?.split(",");
const want = (s: string) => !only || only.includes(s);

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(w[i])).join("  ");
  return [line(cols), line(w.map((n) => "-".repeat(n))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n");
}

async function main(): Promise<void> {
  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? "?", node: process.version, platform: `${process.platform} ${process.arch}` };
  const out: Record<string, unknown> = { machine, quick };
  const say = (title: string, body: string) => process.stdout.write(`\n== ${title}\n${body}\n`);
  say("machine", table([machine]));

  if (want("core")) {
    const core = benchCore(1000, quick ? 3 : 7);
    out.core = core;
    say("core: validate 1,000 project tables (target < 1 s and ≤ 3× a bare read of every cell)", table([core as unknown as Record<string, unknown>]));
  }
  if (want("scaling")) {
    const scaling = benchScaling([10, 100, 1000], quick ? 3 : 7);
    out.scaling = scaling;
    say("scaling: time per table should stay flat", table(scaling as unknown as Record<string, unknown>[]));
  }
  if (want("cli")) {
    const cli = await benchCli(quick ? 50 : 200, quick ? 1 : 7);
    out.cli = cli;
    const { memory, ...rest } = cli;
    say(`cli: validateFile over ${cli.files} workbooks vs exceljs alone (target ≤ 1.25×)`, table([rest as unknown as Record<string, unknown>]));
    if (memory) say("cli memory, fresh process, one file at a time (should stay flat)", table(memory as unknown as Record<string, unknown>[]));
  }
  if (want("province")) {
    const province = await benchProvince(quick ? 200 : 1200, quick ? 1 : 3);
    out.province = province;
    const { load, stages, warmup, ceiling, machine, ...rest } = province;
    const judged = province.judged ? "" : ` — the host was busy (load up to ${load.max}), so the --jobs target is not judged`;
    say(
      `province: ${province.files} small real workbooks — --jobs 2 vs one job (target ≥ 1.7× on 2 cores) and one job per file vs inflate + decode (target ≤ 3×); load ${load.before} → ${load.after} (max ${load.max}) on ${province.nproc} cores${judged}`,
      [
        table([rest as unknown as Record<string, unknown>]),
        `where a workbook's time goes (warm, ms per file): ${table([stages as unknown as Record<string, unknown>])}`,
        `warm-up of a fresh process (CPU ms per file, blocks of 200 files in order): ${warmup.join(" · ")}`,
        `what this machine allows: two one-job processes on half the files each, at once, ${ceiling.halvesSeconds} s = ${ceiling.speedup}× one job (rounds ${ceiling.speedupRange}); --jobs 2 gets ${ceiling.poolShare} of that${ceiling.target17Reachable ? "" : " — the 1.7× target is beyond what this machine allows any pool"}`,
        `the machine alone: a memory-bound loop ${machine.aloneMs} ms alone, ${machine.pairMs} ms as two at once = ${machine.speedup}× the work of one core (2 would be two full cores)`,
      ].join("\n"),
    );
  }
  if (want("templates")) {
    const templates = await benchTemplates(50, quick ? 1 : 3);
    out.templates = templates;
    say("templates: perfcheck template --profile --departments for 50 departments, 3 kinds each (target < 10 s)", table([templates as unknown as Record<string, unknown>]));
  }
  if (want("reader")) out.reader = await reportReader(quick, say, table);
  if (want("xls")) {
    const xls = await benchXls(quick ? 50 : 200, quick ? 1 : 5);
    out.xls = xls;
    say(`xls: reading ${xls.files} .xls vs ${xls.files} .xlsx of the same tables (target ratio ≤ 1)`, table([xls as unknown as Record<string, unknown>]));
  }
  if (want("adapter")) {
    if (adapterPresent()) {
      const adapter = await benchAdapter(quick ? [1, 10, 100] : [1, 10, 100, 1000]);
      out.adapter = adapter;
      say("add-in adapter on the recording fake: syncs (target ≤ 3, constant) and CF calls per severity per address chunk", table(adapter as unknown as Record<string, unknown>[]));
    } else {
      out.adapter = "skipped: adapter not present";
      say("add-in adapter", "skipped: adapter not present");
    }
  }
  if (want("pane")) {
    const dir = addinDist();
    if (dir) {
      const pane = benchPane(dir);
      out.pane = pane;
      say(`task pane bundles (gzip; targets ${targetsLabel()})`, table(pane as unknown as Record<string, unknown>[]));
      try {
        const render = await benchPaneRender(quick ? 3 : 9);
        out.paneRender = render;
        say("task pane first render in headless Chromium (median)", table([{ runs: render.runs, readyMedianMs: render.readyMedianMs, shellReadyMedianMs: render.shellReadyMedianMs, ratio: render.ratio, firstContentfulPaintMedianMs: render.firstContentfulPaintMedianMs }]));
      } catch (e) {
        out.paneRender = `skipped: ${String((e as Error)?.message ?? e).split("\n")[0]}`;
        say("task pane first render", String(out.paneRender));
      }
    } else {
      out.pane = "skipped: dist/addin not built (npm run build:addin)";
      say("task pane bundles", String(out.pane));
    }
  }
  const json = JSON.stringify(out, null, 2);
  // BENCH_OUT: elsewhere than the committed results (the smoke test uses it).
  writeFileSync(process.env.BENCH_OUT ?? path.join(ROOT, "bench", "results.json"), json + "\n");
  process.stdout.write(`\n${json}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${String(e?.stack ?? e)}\n`);
  process.exit(1);
});
