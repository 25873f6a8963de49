/**
 * Render each standard template as LibreOffice prints it, for reviewers: xlsx → PDF on A4 with the
 * plan's orientation and page breaks → one PNG per printed page under docs/templates/
 * (`<kind>-<page>.png`; `<kind>.png` is page 1). Needs soffice and pdftoppm.
 *
 *   npx tsx scripts/render-templates.ts [outDir]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { workbookFromPlan } from "../src/cli/renderPlan";
import { readFileSync, writeFileSync } from "node:fs";
import { withCustomProperties } from "../src/cli/customProperties";
import { profileFromJson } from "../src/core/profileCheck";
import { buildTemplatePlan, TEMPLATE_KINDS } from "../src/core/templates";
import { buildDistributedTemplate } from "../src/core/templates/distributed";

/** A bureau's copy for one department (docs/examples/bureau-2027.json), rendered beside the defaults. */
const BUREAU = path.join(__dirname, "..", "docs", "examples", "bureau-2027.json");

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "docs", "templates"));
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "perfcheck-render-"));
  try {
    const files: string[] = [];
    for (const kind of TEMPLATE_KINDS) {
      const wb = workbookFromPlan(buildTemplatePlan(kind, { year: 2026 }));
      const f = path.join(work, `${kind}.xlsx`);
      await wb.xlsx.writeFile(f);
      files.push(f);
    }
    const profile = profileFromJson(readFileSync(BUREAU, "utf8"), BUREAU);
    for (const kind of TEMPLATE_KINDS) {
      const t = buildDistributedTemplate(profile, kind, { unit: { name: "无锡市数据局", code: "306001" } });
      const f = path.join(work, `bureau-${kind}.xlsx`);
      writeFileSync(f, withCustomProperties(new Uint8Array((await workbookFromPlan(t.plan).xlsx.writeBuffer()) as ArrayBuffer), t.properties));
      files.push(f);
    }
    // Printed as a clerk would print it: A4 pages, breaks between groups (src/core/templates/print.ts).
    execFileSync("soffice", [`-env:UserInstallation=file://${path.join(work, "lo-profile")}`, "--headless", "--convert-to", "pdf", "--outdir", work, ...files], { stdio: "ignore", timeout: 300_000 });
    for (const old of readdirSync(outDir)) if (/^(bureau-)?(project|department|self-evaluation)(-\d+)?\.png$/.test(old)) unlinkSync(path.join(outDir, old));
    for (const kind of [...TEMPLATE_KINDS, ...TEMPLATE_KINDS.map((k) => `bureau-${k}`)]) {
      const pdf = path.join(work, `${kind}.pdf`);
      execFileSync("pdftoppm", ["-png", "-scale-to", "900", pdf, path.join(work, kind)]);
      const pages = readdirSync(work).filter((f) => f.startsWith(`${kind}-`) && f.endsWith(".png")).sort();
      pages.forEach((f, i) => {
        const to = path.join(outDir, `${kind}-${i + 1}.png`);
        renameSync(path.join(work, f), to);
        if (i === 0) copyFileSync(to, path.join(outDir, `${kind}.png`));
        process.stdout.write(`${to}\n`);
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`render-templates: ${String((e as Error)?.stack ?? e)}\n`);
  process.exitCode = 1;
});
