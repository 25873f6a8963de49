import { memoLabel } from "../../locate/labels";
import type { CellItem, Field } from "../../model";
import { defineRule } from "../types";
import { anyMatch, indicatorWords } from "../words";

/** A template's own operator-and-unit in a name (项目总投入(≥**万元)): the name is kept, the value filled in. */
const NAME_TEMPLATE = /[(（][^)）]*[*＊]+[^)）]*[)）]$/;

const PROMPT_MEMO = new WeakMap<readonly RegExp[], (text: string) => boolean>();

/** Whether a text is one of the template's prompts, as written or with its spacing undone (memoised per list). */
function isPrompt(prompts: readonly RegExp[], text: string): boolean {
  let fn = PROMPT_MEMO.get(prompts);
  if (!fn) PROMPT_MEMO.set(prompts, (fn = memoLabel((t: string) => anyMatch(prompts, t.normalize("NFKC").replace(/\s+/g, "")) || anyMatch(prompts, t))));
  return fn(text);
}

/**
 * Class 4 of issue 22: the template's prompt left in a cell (请填写…, 指标1, ……, (≥**个), a 填写说明 sentence
 * such as “对照年度目标，说明…(100字以内)”). The prompts are data: profile.indicatorWords.templatePrompts.
 */
export default defineRule(
  {
    id: "indicator/template-text",
    category: "indicator",
    severity: "warning",
    appliesTo: ["project-target", "department-target", "self-evaluation"],
    title: { zh: "保留了模板的填写提示", en: "Template prompt text left in" },
    doc: {
      zh: "模板中的提示文字（请填写…、指标1、……、(≥**个)、“对照年度目标，说明…(100字以内)”等填写说明）是给填表人看的，必须换成实际内容；留在表中说明该栏实际没有填写。提示文字的写法以地区配置为准。",
      en: "A template's prompts (请填写…, 指标1, ……, (≥**个), a 填写说明 sentence such as “对照年度目标，说明…(100字以内)”) are for the clerk and must be replaced with the real content; left in, the cell is in effect unfilled. The prompts are listed in the region's profile.",
    },
    fix: { zh: "删去提示文字，填写实际内容。", en: "Delete the prompt and enter the real content." },
    messages: {
      prompt: { zh: "“{text}”是模板的填写提示，不是填报内容；应删去并填写{what}", en: "\"{text}\" is the template's prompt, not content; delete it and enter {whatEn}" },
    },
  },
  (table, ctx) => {
    const prompts = indicatorWords(ctx.profile).templatePrompts;
    const seen = new Set<string>();
    const check = (item: CellItem | undefined, what: string, whatEn: string, isName = false) => {
      const text = item?.text.trim();
      if (!item || !text) return;
      if (isName && NAME_TEMPLATE.test(text)) return;
      if (!isPrompt(prompts, text)) return;
      const key = `${item.cell.row}:${item.cell.col}`;
      if (seen.has(key)) return;
      seen.add(key);
      const short = text.length > 30 ? `${text.slice(0, 30)}…` : text;
      ctx.report({ cell: item.cell, messageId: "prompt", data: { text: short, what, whatEn } });
    };
    for (const f of Object.values(table.fields as Record<string, Field | undefined>)) {
      if (f?.value) check(f.value, `“${f.label.text}”的实际内容`, `the actual ${f.label.text}`);
    }
    for (const row of table.indicators) {
      // A template's empty slot (指标2: with nothing beside it) is an unused row, not text left in.
      if (row.full?.text || row.half?.text) check(row.level3, "实际的三级指标名称", "the indicator's real name", true);
      check(row.half, "实际的指标值", "the real target");
      check(row.full, "实际的指标值", "the real target");
      if (table.kind === "self-evaluation") {
        const r = row as (typeof table.indicators)[number];
        check(r.actual, "实际完成值", "the actual value");
        check(r.reason, "实际的偏差原因", "the actual reason");
      }
    }
  },
);
