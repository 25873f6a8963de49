/**
 * Custom document properties on an .xlsx written by exceljs, which writes core and app properties but not
 * docProps/custom.xml: the part is added to the package (with its content type and package relationship),
 * or, when the package has one, our properties are set in it and the others kept.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { unxml, xmlText } from "./xml";

const CUSTOM_PART = "docProps/custom.xml";
const CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
/** The format id every custom property carries (FMTID_UserDefinedProperties). */
const FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

function propertiesXml(props: Record<string, string>): string {
  const items = Object.entries(props).map(([k, v], i) => `<property fmtid="${FMTID}" pid="${i + 2}" name="${xmlText(k)}"><vt:lpwstr>${xmlText(v)}</vt:lpwstr></property>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items.join("")}</Properties>`;
}

/** The string properties of an existing custom.xml (others, such as dates, are rewritten as text). */
function existingProperties(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:\w+>([\s\S]*?)<\/vt:\w+>\s*<\/property>/g)) out[unxml(m[1])] = unxml(m[2]);
  return out;
}

export function withCustomProperties(xlsx: Uint8Array, props: Record<string, string>): Uint8Array {
  const files = unzipSync(xlsx) as Zippable;
  const had = files[CUSTOM_PART] as Uint8Array | undefined;
  const merged = { ...(had ? existingProperties(strFromU8(had)) : {}), ...props };
  files[CUSTOM_PART] = strToU8(propertiesXml(merged));
  if (!had) {
    const ct = strFromU8(files["[Content_Types].xml"] as Uint8Array);
    if (!ct.includes(`PartName="/${CUSTOM_PART}"`)) files["[Content_Types].xml"] = strToU8(ct.replace("</Types>", `<Override PartName="/${CUSTOM_PART}" ContentType="${CUSTOM_CT}"/></Types>`));
    const rels = strFromU8(files["_rels/.rels"] as Uint8Array);
    if (!rels.includes(CUSTOM_REL)) {
      let n = 1;
      while (rels.includes(`Id="rId${n}"`)) n++;
      files["_rels/.rels"] = strToU8(rels.replace("</Relationships>", `<Relationship Id="rId${n}" Type="${CUSTOM_REL}" Target="${CUSTOM_PART}"/></Relationships>`));
    }
  }
  return zipSync(files, { level: 6 });
}
