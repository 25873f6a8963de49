import { defineRule } from "../types";
import { TEMPLATE_KINDS_CHECKED, titleCell } from "./util";

export default defineRule(
  {
    id: "template/structure-hash",
    category: "template",
    severity: "warning",
    appliesTo: TEMPLATE_KINDS_CHECKED,
    title: { zh: "模板结构指纹不符", en: "Template structure hash differs" },
    doc: {
      zh: "模板标识中的结构指纹（受保护的标签、公式和合并单元格的散列）与当前配置同一版本生成的模板不同：配置文件改了内容却没有改 distribution.version，或模板由别的程序版本生成。此时无法逐格比对公式和必填行，这些检查被跳过。",
      en: "The structure hash in the template's identity (a hash of its protected labels, formulas and merges) differs from the template the current profile makes at the same version: the profile file was changed without a new distribution.version, or another program version made the template. Formulas and required rows cannot be compared cell by cell, so those checks are skipped.",
    },
    fix: { zh: "修改配置后请同时提高 distribution.version，并重新分发模板。", en: "Raise distribution.version whenever the profile changes, and send the templates again." },
    messages: {
      differs: { zh: "模板「{name}」{version} 版的结构指纹 {hash} 与当前配置生成的 {expected} 不同，公式和必填行未逐格比对", en: "The structure hash {hash} of the \"{name}\" template version {version} differs from {expected} made by the current profile; formulas and required rows were not compared" },
    },
  },
  (table, ctx) => {
    const t = ctx.template;
    if (!t?.identity || t.hashMatches !== false) return;
    ctx.report({ cell: titleCell(table), messageId: "differs", data: { name: t.identity.name, version: t.identity.version, hash: t.identity.hash, expected: t.expectedHash ?? "—" } });
  },
);
