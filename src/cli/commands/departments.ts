/**
 * The department list of `perfcheck template --departments LIST.csv`: one department per line, its name
 * and code. A header line (单位名称, 单位编码 / name, code, in either order) is recognised; without one the
 * first column is the name and the second the code. UTF-8 (with or without BOM) as Excel and WPS save
 * "CSV UTF-8"; GB18030 as they save plain "CSV" on a Chinese system. Quoted fields as RFC 4180 has them.
 */
import { promises as fs } from "node:fs";
import { TemplateCommandError } from "./template";

export interface Department {
  name: string;
  code?: string;
}

export const MAX_DEPARTMENTS = 5000;

/** RFC 4180 fields: commas, quotes doubled inside quoted fields, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const NAME_HEADERS = /^(单位名称|部门名称|单位|部门|名称|name|department)$/i;
const CODE_HEADERS = /^(单位编码|单位代码|部门编码|部门代码|编码|代码|code)$/i;

export async function readDepartments(file: string): Promise<Department[]> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new TemplateCommandError(`无法读取单位清单 / cannot read the department list ${file}: ${(e as Error).message}`);
  }
  const rows = parseCsv(decode(bytes));
  if (!rows.length) throw new TemplateCommandError(`单位清单 ${file} 是空的 / the department list ${file} is empty`);
  let nameCol = 0;
  let codeCol: number | undefined = 1;
  let start = 0;
  const head = rows[0].map((h) => h.trim());
  const hn = head.findIndex((h) => NAME_HEADERS.test(h));
  if (hn >= 0) {
    nameCol = hn;
    const hc = head.findIndex((h) => CODE_HEADERS.test(h));
    codeCol = hc >= 0 ? hc : undefined;
    start = 1;
  }
  const out: Department[] = [];
  const seen = new Map<string, number>();
  for (let i = start; i < rows.length; i++) {
    const name = (rows[i][nameCol] ?? "").trim();
    const code = codeCol === undefined ? undefined : (rows[i][codeCol] ?? "").trim() || undefined;
    const line = i + 1;
    if (!name) throw new TemplateCommandError(`单位清单 ${file} 第 ${line} 行没有单位名称 / the department list ${file}, line ${line}: no name`);
    if (name.length > 60) throw new TemplateCommandError(`单位清单 ${file} 第 ${line} 行的单位名称超过 60 个字符 / line ${line}: the name is longer than 60 characters`);
    const key = `${code ?? ""}\u0000${name}`;
    if (seen.has(key)) throw new TemplateCommandError(`单位清单 ${file} 第 ${line} 行与第 ${seen.get(key)} 行重复 / the department list ${file}: line ${line} repeats line ${seen.get(key)}`);
    seen.set(key, line);
    out.push({ name, code });
  }
  if (!out.length) throw new TemplateCommandError(`单位清单 ${file} 只有表头 / the department list ${file} has a header but no departments`);
  if (out.length > MAX_DEPARTMENTS) throw new TemplateCommandError(`单位清单超过 ${MAX_DEPARTMENTS} 个单位 / more than ${MAX_DEPARTMENTS} departments`);
  return out;
}
