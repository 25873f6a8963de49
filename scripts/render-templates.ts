/**
 * Render each standard template as LibreOffice prints it, for reviewers: xlsx → PDF (one page per
 * sheet, print area only) → PNG under docs/templates/. Needs soffice and pdftoppm.
 *
 *   npx tsx scripts/render-templates.ts [outDir]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { workbookFromPlan } from "../src/cli/renderPlan";
import { buildTemplatePlan, TEMPLATE_KINDS } from "../src/core/templates";

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
    // SinglePageSheets: one page as tall as the sheet's print area, so each template is one picture.
    const filter = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';
    execFileSync("soffice", [`-env:UserInstallation=file://${path.join(work, "lo-profile")}`, "--headless", "--convert-to", filter, "--outdir", work, ...files], { stdio: "ignore", timeout: 300_000 });
    for (const kind of TEMPLATE_KINDS) {
      const pdf = path.join(work, `${kind}.pdf`);
      const base = path.join(work, kind);
      execFileSync("pdftoppm", ["-png", "-singlefile", "-scale-to-x", "1100", "-scale-to-y", "-1", pdf, base]);
      renameSync(`${base}.png`, path.join(outDir, `${kind}.png`));
      process.stdout.write(`${path.join(outDir, `${kind}.png`)}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`render-templates: ${String((e as Error)?.stack ?? e)}\n`);
  process.exitCode = 1;
});
