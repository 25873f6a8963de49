import { defineRule } from "../types";
import { TEMPLATE_KINDS_CHECKED, titleCell } from "./util";

/** Compare versions as people number them: 2026.2 < 2026.10 < 2027.1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-_]/), pb = b.split(/[.\-_]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "", y = pb[i] ?? "";
    const nx = /^\d+$/.test(x) ? Number(x) : NaN, ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const c = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (c !== 0) return c;
  }
  return 0;
}

export default defineRule(
  {
    id: "template/version",
    category: "template",
    severity: "error",
    appliesTo: TEMPLATE_KINDS_CHECKED,
    title: { zh: "模板版本不是当前版本", en: "Template is not the current version" },
    doc: {
      zh: "表格由财政局分发的模板填写，但模板的配置或版本与本次校验所用配置的当前版本不同（如用了去年的模板）。版本号写在配置文件的 distribution.version 中，随模板保存在文档属性里。",
      en: "The table was made from a distributed template, but from another profile or version than the current one of the profile used for checking (last year's template, say). The version is distribution.version in the profile file and travels with the template in its document properties.",
    },
    fix: { zh: "请用当前版本的模板重新填写（可把内容复制到新模板中）。", en: "Fill in the current template (copying the content into it)." },
    messages: {
      older: { zh: "此表由「{name}」{version} 版模板填写，当前为「{currentName}」{currentVersion} 版", en: "This table was made from the \"{name}\" template version {version}; the current one is \"{currentName}\" version {currentVersion}" },
      newer: { zh: "此表由「{name}」{version} 版模板填写，比校验所用的「{currentName}」{currentVersion} 版更新，请用新版配置校验", en: "This table was made from the \"{name}\" template version {version}, newer than \"{currentName}\" version {currentVersion} used for checking; check it with the newer profile" },
      other: { zh: "此表由另一配置「{name}」（{profile}）{version} 版模板填写，当前为「{currentName}」（{currentProfile}）{currentVersion} 版", en: "This table was made from another profile's template, \"{name}\" ({profile}) version {version}; the current one is \"{currentName}\" ({currentProfile}) version {currentVersion}" },
    },
  },
  (table, ctx) => {
    const t = ctx.template;
    const id = t?.identity;
    if (!t || !id) return;
    if (id.profile === t.current.profile && id.version === t.current.version) return;
    const data = { name: id.name, profile: id.profile, version: id.version, currentName: t.current.name, currentProfile: t.current.profile, currentVersion: t.current.version };
    // A bureau names each year's profile anew (wuxi-2026, wuxi-2027): a different id with an older version is still an older template.
    const c = compareVersions(id.version, t.current.version);
    const messageId = c < 0 ? "older" : c > 0 ? "newer" : "other";
    ctx.report({ cell: titleCell(table), messageId, data, severity: messageId === "newer" ? "warning" : undefined });
  },
);
