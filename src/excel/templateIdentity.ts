/**
 * A distributed template's identity written by the add-in (issue 24): the custom document property the
 * CLI writes into docProps/custom.xml, added here with Workbook.properties.custom (ExcelApi 1.7) under the
 * next free name (PerfCheck.Template, PerfCheck.Template.2 …), naming the sheet as it was inserted.
 */
import { IDENTITY_PROPERTY, identityValue, type TemplateIdentity } from "../core/templates/identity";
import { guardedSync } from "./sync";

/** Returns false when the host offers no custom properties (the table then reads as not distributed). */
export async function addTemplateIdentity(context: Excel.RequestContext, id: TemplateIdentity, timeoutMs?: number): Promise<boolean> {
  const custom = (context.workbook as { properties?: Excel.DocumentProperties }).properties?.custom;
  if (!custom) return false;
  custom.load("items/key");
  await guardedSync(context, "read document properties", timeoutMs);
  const taken = new Set(custom.items.map((p) => p.key));
  let name = IDENTITY_PROPERTY;
  for (let n = 2; taken.has(name); n++) name = `${IDENTITY_PROPERTY}.${n}`;
  custom.add(name, identityValue(id));
  await guardedSync(context, "write document properties", timeoutMs);
  return true;
}
