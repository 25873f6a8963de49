import { defineRule } from "../types";
import { TEMPLATE_KINDS_CHECKED, titleCell } from "./util";

export default defineRule(
  {
    id: "template/no-identity",
    category: "template",
    severity: "info",
    appliesTo: TEMPLATE_KINDS_CHECKED,
    title: { zh: "非分发模板填写", en: "Not made from a distributed template" },
    doc: {
      zh: "配置中有模板分发（distribution）部分时，财政局分发的每份模板都在文档属性中带有模板标识（类型、配置、版本、结构指纹）。没有标识的表格不是由分发的模板填写的（或另存时丢失了标识）：这只是提示，表格照常按内容读取和校验，但无法检查版本、公式和必填行是否被改动。",
      en: "When the profile has a distribution section, every template the bureau sends carries an identity in its document properties (kind, profile, version, structure hash). A table without one was not made from a distributed template (or lost it when saved elsewhere): this is information only; the table is read and checked by its content as usual, but its version, formulas and required rows cannot be compared with the template.",
    },
    fix: { zh: "如需核对模板版本，请用财政局分发的模板重新填写。", en: "To have the template checked, fill in the template the bureau sent." },
    messages: {
      missing: { zh: "工作簿中没有「{name}」模板标识，此表按内容读取", en: "The workbook carries no identity of a \"{name}\" template; the table is read by its content" },
      broken: { zh: "工作簿的模板标识（{property}）无法读取，可能被手工修改，此表按内容读取", en: "The workbook's template identity ({property}) cannot be read (edited by hand?); the table is read by its content" },
    },
  },
  (table, ctx) => {
    const t = ctx.template;
    if (!t || t.identity) return;
    if (t.broken.length) ctx.report({ cell: titleCell(table), messageId: "broken", data: { property: t.broken.join(", ") } });
    else ctx.report({ cell: titleCell(table), messageId: "missing", data: { name: t.current.name } });
  },
);
