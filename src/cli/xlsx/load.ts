/**
 * The validation path's loader: bytes already checked to be a workbook (inputs.ts) → snapshot, with the
 * reader's failures turned into the CLI's per-file statuses (the batch goes on with the next file).
 */
import type { WorkbookSnapshot } from "../../core/snapshot";
import { checkWorkbookShape, InputError } from "../inputs";
import { XlsxFormatError, XlsxLimitError, type XlsxLimits } from "./limits";
import { readXlsx } from "./reader";

/** InputError's optional third argument (the file's status) where inputs.ts has it; older builds ignore it. */
const StatusError = InputError as unknown as new (file: string, message: string, status?: string) => InputError;

export function loadValidationSnapshot(file: string, bytes: Uint8Array, limits?: Partial<XlsxLimits>): WorkbookSnapshot {
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = readXlsx(bytes, { limits }).snapshot;
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new StatusError(file, `超出大小限制：${e.zh}，未检查 / over a size limit: ${e.en}; not checked`, "too-large");
    if (e instanceof XlsxFormatError) throw new InputError(file, e.message);
    throw new InputError(file, `无法解析工作簿 / cannot parse the workbook: ${String((e as Error)?.message ?? e)}`);
  }
  checkWorkbookShape(file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), snapshot.sheets.length);
  return snapshot;
}
