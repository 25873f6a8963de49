import type { Rule } from "../types";
import noIdentity from "./noIdentity";
import version from "./version";
import structureHash from "./structureHash";
import formulaOverwritten from "./formulaOverwritten";
import structure from "./structure";
import insertedColumn from "./insertedColumn";

/**
 * Template rules (issue 24): a returned table against the template a bureau distributed. They run only
 * when the profile has a distribution section (ctx.template is set), from the identity in the workbook.
 */
export const templateRules: Rule[] = [noIdentity, version, structureHash, formulaOverwritten, structure, insertedColumn];
