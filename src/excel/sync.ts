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
  RequestPayloadSizeLimitExceeded: { zh: "数据量超过 Excel 单次请求上限，请缩小范围后重试。", en: "The data exceeds Excel's per-request limit; narrow the range and retry." },
  ItemNotFound: { zh: "找不到要操作的工作表或对象，它可能已被删除或重命名。", en: "The sheet or object was not found; it may have been deleted or renamed." },
  ApiNotFound: { zh: "此 Excel 版本不支持所需的功能。", en: "This Excel version does not support a required feature." },
  GeneralException: { zh: "Excel 处理请求时出错。", en: "Excel reported an error while processing the request." },
};

export function describeHostError(e: unknown): HostMessage {
  if (e instanceof HostTimeoutError) return { zh: e.zh, en: e.message, code: "Timeout" };
  const err = e as { code?: string; message?: string } | undefined;
  const code = err?.code;
  const detail = err?.message ?? String(e);
  const known = code ? KNOWN[code] : undefined;
  if (known) return { zh: `${known.zh}（${detail}）`, en: `${known.en} (${detail})`, code };
  return { zh: `Excel 操作失败：${detail}`, en: `Excel operation failed: ${detail}`, code };
}
