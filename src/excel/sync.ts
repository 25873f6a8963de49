/**
 * Every context.sync goes through here: a hung host (office-js#6150, #6678: sync never resolving
 * while Excel on the web is busy) must end in a message, not a frozen pane.
 */

export interface SyncContext {
  sync(): Promise<unknown>;
}

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

export class HostTimeoutError extends Error {
  readonly zh: string;
  constructor(readonly step: string, readonly ms: number) {
    super(`Excel did not answer within ${Math.round(ms / 1000)} s (${step}). It may be busy; try again.`);
    this.name = "HostTimeoutError";
    this.zh = `Excel 在 ${Math.round(ms / 1000)} 秒内没有响应（${step}），可能正忙，请稍后重试。`;
  }
}

export async function guardedSync(context: SyncContext, step: string, ms: number = DEFAULT_SYNC_TIMEOUT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostTimeoutError(step, ms)), ms);
  });
  try {
    await Promise.race([context.sync(), timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** A user-facing description of whatever Excel threw, in both languages. */
export interface HostMessage {
  zh: string;
  en: string;
  code?: string;
}

const KNOWN: Record<string, HostMessage> = {
  InvalidOperationInCellEditMode: { zh: "Excel 正在编辑单元格，请先按 Enter 或 Esc 结束编辑再试。", en: "Excel is in cell-edit mode; press Enter or Esc, then try again." },
  AccessDenied: { zh: "Excel 拒绝了操作（工作表或工作簿可能受保护）。", en: "Excel refused the operation (the sheet or workbook may be protected)." },
  InsertDeleteConflict: { zh: "操作与工作表上的其他内容冲突（例如表格或合并单元格）。", en: "The operation conflicts with something on the sheet (a table or merged cells)." },
  RequestPayloadSizeLimitExceeded: { zh: "一次要交给 Excel 的内容太多，请缩小范围后重试。", en: "Too much to hand to Excel at once; narrow the range and retry." },
  ResponsePayloadSizeLimitExceeded: { zh: "一次要从 Excel 读取的内容太多，请缩小范围后重试。", en: "Too much to read from Excel at once; narrow the range and retry." },
  RangeExceedsLimit: { zh: "表格区域太大，Excel 无法一次读出，请缩小范围后重试。", en: "The area is too large for Excel to read at once; narrow it and retry." },
  ItemNotFound: { zh: "找不到要操作的工作表或对象，它可能已被删除或重命名。", en: "The sheet or object was not found; it may have been deleted or renamed." },
  ApiNotFound: { zh: "这个版本的 Excel 不支持这项操作，请升级 Excel 或使用网页版 Excel。", en: "This version of Excel cannot do this; update Excel or use Excel on the web." },
  GeneralException: { zh: "Excel 处理请求时出错。", en: "Excel reported an error while processing the request." },
};

export function describeHostError(e: unknown): HostMessage {
  if (e instanceof HostTimeoutError) return { zh: e.zh, en: e.message, code: "Timeout" };
  const err = e as { code?: string; message?: string } | undefined;
  const code = err?.code;
  const detail = err?.message ?? String(e);
  const known = code ? KNOWN[code] : undefined;
  // Added by the flag writer when Excel refused part of a batch: what was written is recorded.
  const extra = (e as { perfcheck?: { zh: string; en: string } } | undefined)?.perfcheck;
  const zhTail = extra ? ` ${extra.zh}` : "";
  const enTail = extra ? ` ${extra.en}` : "";
  if (known) return { zh: `${known.zh}（${detail}）${zhTail}`, en: `${known.en} (${detail})${enTail}`, code };
  return { zh: `Excel 操作失败：${detail}${zhTail}`, en: `Excel operation failed: ${detail}${enTail}`, code };
}

/** Errors that mean "too much at once": the caller should retry in smaller pieces. */
export function isSizeError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return /PayloadSizeLimit|RangeExceedsLimit/i.test(`${err?.code ?? ""} ${err?.message ?? ""}`);
}

/**
 * Excel on the web refuses a batch whose request or response exceeds 5 MB; the other hosts have
 * no documented byte limit but the same advice applies. We estimate what we queue and sync before
 * the estimate passes this budget — far below 5 MB because the estimate is rough (UTF-8 text plus
 * a fixed cost per call and proxy).
 */
export const BATCH_BUDGET_BYTES = 2_000_000;
/** Fixed cost we count per queued call or proxy (the host's own JSON envelope for it). */
export const CALL_BYTES = 160;

const encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : undefined;
/** UTF-8 size of a string (a Chinese character is 3 bytes). */
export function utf8Bytes(s: string): number {
  if (encoder) return encoder.encode(s).length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** Byte estimate of a value travelling in a batch. */
export function estimateBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === "string") return utf8Bytes(v) + 2;
  if (typeof v !== "object") return 12;
  return utf8Bytes(JSON.stringify(v));
}

/**
 * A batch that syncs by itself before it would outgrow the byte budget, so many writes (or reads)
 * cost one sync when small and as many as needed when large — never a refused 5 MB batch.
 */
export class ByteBatch {
  private bytes = 0;
  /** Syncs this batch made on its own (not counting the final flush by the caller). */
  splits = 0;
  constructor(private readonly context: SyncContext, private readonly step: string, private readonly ms?: number, readonly budget: number = BATCH_BUDGET_BYTES) {}

  /** Account for something about to be queued; sync what is queued first when it would not fit. */
  async room(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.budget) {
      await guardedSync(this.context, this.step, this.ms);
      this.splits++;
      this.bytes = 0;
    }
    this.bytes += bytes;
  }

  get pending(): number {
    return this.bytes;
  }

  async flush(): Promise<void> {
    try {
      await guardedSync(this.context, this.step, this.ms);
    } finally {
      this.bytes = 0;
    }
  }
}
