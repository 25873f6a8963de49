/**
 * The shared-string table ([MS-XLS] 2.4.265 SST): every text a LABELSST cell points to, each an
 * XLUnicodeRichExtendedString — count, flags, then optional run and phonetic sizes, the characters, the
 * formatting runs and the phonetic (ExtRst) block. Runs and phonetics are skipped: cells show the plain
 * text. The table and its strings cross CONTINUE records freely (records.ts reads across them).
 *
 * The declared count is checked against the limit before anything is kept, and a table that ends before
 * its declared count is refused (every LABELSST pointing past the strings read would otherwise be blank).
 */
import { checkDeadline, XlsFormatError, XlsLimitError } from "./limits";
import { Segments, Stream } from "./records";

const WHERE = { zh: "共享字符串表（SST）", en: "the shared-string table (SST)" };

export function readSst(s: Stream, rec: { data: number; len: number }): { strings: string[]; next: number } {
  const { limits } = s;
  const { segs, next } = s.continued(rec);
  const r = new Segments(s, segs, WHERE);
  r.u32(); // cstTotal: references from cells, not needed
  const unique = r.u32();
  if (unique > limits.maxSharedStrings) throw new XlsLimitError(`${WHERE.zh}声明超过 ${limits.maxSharedStrings} 个字符串（${unique}）`, `${WHERE.en} declares more than ${limits.maxSharedStrings} strings (${unique})`);
  const strings: string[] = [];
  let chars = 0;
  for (let i = 0; i < unique; i++) {
    if (r.done) {
      throw new XlsFormatError(`文件已损坏：${WHERE.zh}声明 ${unique} 个字符串，实际只有 ${i} 个`, `the file is damaged: ${WHERE.en} declares ${unique} strings but holds only ${i}`);
    }
    if ((i & 0xffff) === 0xffff) checkDeadline(s.deadline, WHERE);
    const cch = r.u16();
    const flags = r.u8();
    const runs = flags & 0x08 ? r.u16() : 0;
    const ext = flags & 0x04 ? r.u32() : 0;
    if (cch > limits.maxStringLength) throw new XlsLimitError(`${WHERE.zh}中第 ${i + 1} 个字符串超过 ${limits.maxStringLength} 个字符`, `string ${i + 1} of ${WHERE.en} is longer than ${limits.maxStringLength} characters`);
    const text = r.chars(cch, (flags & 1) === 1);
    r.skip(4 * runs);
    r.skip(ext);
    chars += cch;
    if (chars > limits.maxSharedChars) throw new XlsLimitError(`${WHERE.zh}共超过 ${limits.maxSharedChars} 个字符`, `${WHERE.en} holds more than ${limits.maxSharedChars} characters`);
    strings.push(text);
  }
  return { strings, next };
}
