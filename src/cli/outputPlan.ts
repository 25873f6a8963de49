/**
 * Where a run writes, decided before it writes anything. Every output path is planned up front and
 * checked against every input and every other output of the run, by path, through links and by file
 * identity (device + inode), so no input can be overwritten — not by its own copy, not by another
 * file's copy that happens to share its name, and not through a symlink or a hard link.
 *
 * Copies mirror the input tree under the output folder (paths relative to the inputs' common folder),
 * so `财政局/报表.xlsx` and `教育局/报表.xlsx` get two copies instead of one overwriting the other.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export interface PlannedFile {
  input: string;
  /** Where the copy goes; undefined when refused. */
  output?: string;
  /** Why nothing will be written for this input (zh / en), naming both paths. */
  refused?: string;
  /** The copy would land on this very input: the output folder is where the inputs are, and the run is refused whole. */
  ontoItself?: boolean;
}

export interface OutputPlan {
  files: PlannedFile[];
  /** Extra outputs of the run (summary.csv): path, or why it was refused. */
  extras: { output: string; refused?: string }[];
}

/** Case-insensitive file systems (Windows, macOS by default) treat 报表.XLSX and 报表.xlsx as one file. */
const FOLD_CASE = process.platform === "win32" || process.platform === "darwin";

function pathKey(p: string): string {
  return FOLD_CASE ? p.toLowerCase() : p;
}

/** The real path of p, even when p (or some of its parents) does not exist yet: the deepest existing ancestor is resolved through links, the rest appended. */
export async function realPathOf(p: string): Promise<string> {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = await fs.realpath(cur);
      return rest.length ? path.join(real, ...rest.reverse()) : real;
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** Device + inode of an existing file (following links), or undefined. Two names of one file share it. */
async function identity(p: string): Promise<string | undefined> {
  try {
    const st = await fs.stat(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** The deepest folder that holds every input file. */
export function commonFolder(files: string[]): string {
  if (files.length === 0) return process.cwd();
  let parts = path.dirname(path.resolve(files[0])).split(path.sep);
  for (const f of files.slice(1)) {
    const other = path.dirname(path.resolve(f)).split(path.sep);
    let i = 0;
    while (i < parts.length && i < other.length && pathKey(parts[i]) === pathKey(other[i])) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(path.sep) || path.sep;
}

/**
 * Plan the copies of `inputs` under `outDir` (mirroring their tree) and the run's `extras` (file names
 * directly in outDir). Nothing is created; the caller writes only what the plan allows.
 */
export async function planOutputs(inputs: string[], outDir: string, extras: string[] = [], rename: (relative: string) => string = (r) => r): Promise<OutputPlan> {
  const base = commonFolder(inputs);
  const inputByPath = new Map<string, string>();
  const inputById = new Map<string, string>();
  for (const input of inputs) {
    inputByPath.set(pathKey(await realPathOf(input)), input);
    const id = await identity(input);
    if (id) inputById.set(id, input);
  }
  const taken = new Map<string, string>(); // real output path → the input (or extra) that claimed it
  const ontoItself = new Set<string>();

  async function check(owner: string, output: string): Promise<string | undefined> {
    const real = pathKey(await realPathOf(output));
    const sameInput = inputByPath.get(real) ?? (await identity(output).then((id) => (id ? inputById.get(id) : undefined)));
    if (sameInput !== undefined) {
      if (sameInput === owner) ontoItself.add(owner);
      return sameInput === owner
        ? `输出文件 ${output} 会覆盖输入文件本身，已拒绝；请换一个输出文件夹 / the output ${output} would overwrite the input itself; refused, choose another output folder`
        : `输出文件 ${output} 会覆盖输入文件 ${sameInput}，已拒绝；请换一个输出文件夹 / the output ${output} would overwrite the input ${sameInput}; refused, choose another output folder`;
    }
    const other = taken.get(real);
    if (other !== undefined) {
      return `输出文件 ${output} 已分配给 ${other} 的副本，已拒绝 / the output ${output} is already the copy of ${other}; refused`;
    }
    try {
      const st = await fs.stat(output);
      if (!st.isFile()) return `输出位置 ${output} 已有一个不是普通文件的对象，已拒绝 / ${output} exists and is not a regular file; refused`;
    } catch {
      // Does not exist yet: the usual case.
    }
    taken.set(real, owner);
    return undefined;
  }

  const files: PlannedFile[] = [];
  for (const input of inputs) {
    const output = path.join(outDir, rename(path.relative(base, path.resolve(input))));
    const refused = await check(input, output);
    files.push(refused ? { input, refused, ...(ontoItself.has(input) ? { ontoItself: true } : {}) } : { input, output });
  }
  const extraOut: OutputPlan["extras"] = [];
  for (const name of extras) {
    const output = path.join(outDir, name);
    const refused = await check(output, output);
    extraOut.push(refused ? { output, refused } : { output });
  }
  return { files, extras: extraOut };
}
