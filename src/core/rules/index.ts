import type { Rule } from "./types";
import { layoutRules } from "./layout";
import { headerRules } from "./header";
import { fundingRules } from "./funding";
import { indicatorRules } from "./indicator";
import { scoreRules } from "./score";
import { formulaRules } from "./formula";
import { templateRules } from "./template";
import { monitoringRules } from "./monitoring";

export const ALL_RULES: readonly Rule[] = [...layoutRules, ...headerRules, ...fundingRules, ...indicatorRules, ...scoreRules, ...formulaRules, ...templateRules, ...monitoringRules];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((r) => [r.meta.id, r]));
