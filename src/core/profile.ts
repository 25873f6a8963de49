import { z } from "zod";
import { DistributionSchema } from "./templates/distribution";

/**
 * Thresholds that differ by place. The national default follows 财预〔2020〕10号; other places add a
 * profile file (JSON) that is validated by this schema and merged over the default.
 */
const band = z.object({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) });
const words = z.array(z.string().min(1)).min(1);

/** Indicator names of the budget execution rate, as the national forms write them. */
const EXECUTION_RATE_NAMES = ["预算执行率", "资金执行率"];
/** Words of 一级 labels, per weight group (成本指标, a 101号 一级, counts with 产出: the 50 covers both). */
const GROUP_WORDS = { output: ["产出", "成本"], benefit: ["效益"], satisfaction: ["满意"], execution: ["预算执行", "执行率", "资金"] };

/**
 * An indicator tree: each 一级 group and the 二级 groups allowed under it, written as the rules compare
 * them (without 指标/目标 and bracketed notes: 数量指标（必填） → 数量).
 */
const treeSchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1));

/** 决策/过程 rows follow the 10号 framework (domain-rules A7) and the 53号 department framework (E2); local variants seen in the seeds are accepted. */
const COMMON_TREE = {
  决策: ["项目立项", "绩效目标", "资金投入", "计划制定", "目标设定", "预算编制", "预算配置", "决策"],
  过程: ["资金管理", "组织实施", "预算执行", "预算管理", "资产管理", "项目管理", "人员管理", "机构建设", "制度建设", "组织基础", "业务管理", "财务管理"],
  投入: ["目标设定", "预算配置", "项目立项", "绩效目标", "资金投入"],
  效益: ["经济效益", "社会效益", "生态效益", "可持续影响", "履职效益", "环境效益"],
  满意度: ["服务对象满意度", "满意度", "社会公众满意度", "社会公众或服务对象满意度"],
};

/** 财预〔2020〕10号 files 成本 under 产出; 财预〔2021〕101号 makes 成本指标 a 一级 of its own (domain-rules C3, C5). */
const BUILTIN_TREES: Record<string, Record<string, string[]>> = {
  "caiyu-2020-10": { ...COMMON_TREE, 产出: ["数量", "质量", "时效", "成本", "职责履行"] },
  "caiyu-2021-101": { ...COMMON_TREE, 产出: ["数量", "质量", "时效", "职责履行"], 成本: ["经济成本", "社会成本", "生态环境成本", "成本"] },
};

/** A regular expression written as a string (profile files are JSON); it must compile. */
const pattern = z.string().min(1).refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");
const patterns = z.array(pattern);
const label = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/**
 * A class a reviewer files indicators by: an indicator whose name (and, where given, value) matches, filed under a
 * 一级/二级 that matches `under`, likely belongs under `expected` (indicator/misfiled). Groups are compared as the
 * rules write them: 一级 产出/效益/满意度/成本…, 二级 without 指标 (数量, 社会效益).
 */
const misfilingSchema = z.object({
  name: pattern,
  /** Names matching this are left alone (降低…成本 under 经济效益 is a benefit). */
  notName: pattern.optional(),
  /** The target is a percentage (a rate under 成本). */
  percentValue: z.boolean().optional(),
  under: z.object({ level1: patterns.optional(), level2: patterns.optional() }),
  expected: label,
});

/**
 * Vocabulary the indicator and score rules read: which names mean less-is-better, which texts are a template's
 * prompts, how reviewers class indicators, which names are a project's own period. Data, so a region's profile
 * file can extend it (a list there replaces the base's, so it repeats the entries it keeps).
 */
const INDICATOR_WORDS = {
  /** Names of lower-is-better indicators: a ≥ target reverses their direction (indicator/lower-is-better). */
  lowerIsBetter: ["投诉率$", "投诉(量|数|次数|件数)$", "(事故|案件|火灾|疫情|违法|违规|违纪|失误|差错|错误|故障|返工|误差)(发生)?率$", "差错(率|数)$", "失误率$", "不合格率$", "超支率$", "空置率$", "辍学率$", "死亡率$", "发病率$", "流失率$", "返贫率$", "损耗率$", "超标率$", "事故(发生)?(数|次数|起数)$", "预算调整率$", "结转结余率$", "结余率$", "经费变动率$"],
  /** …unless the name speaks of lowering it (投诉率下降幅度 ≥10% is right). */
  lowerIsBetterNot: ["(下降|降低|减少|压缩|控制)(率|幅度|比例|值)?$", "控制率$", "达标率$", "合格率$"],
  /** Names that state the project's own period (建设周期 2023-04 至 2024-02): it may run past the budget year. */
  projectPeriod: ["建设周期", "实施期", "实施周期", "项目周期", "建设期", "项目期限", "服务期限", "合同期", "起止时间", "实施时间", "执行期", "项目(完成|开始|竣工|起止)(时间|日期)"],
  /** Texts a template leaves in a cell for the clerk to replace (indicator/template-text). */
  templatePrompts: ["^请(填写|输入|选择|根据|按照|在此)", "^(指标|三级指标|二级指标)\\s*[0-9一二三四五六七八九十]+[:：]?$", "^[…．.。·]{2,}$", "[(（]\\s*[≥≤><=＝]\\s*[*＊]+\\s*[^)）]{0,6}[)）]", "[(（]\\s*\\d+\\s*字以内\\s*[)）]", "^(对照|结合|针对)[^。]{0,20}(说明|分析|提出)", "^填(写|报)说明"],
  /** Reviewers' classes (indicator/misfiled): where an indicator is filed and where it belongs. */
  misfiling: [
    { name: "率$|比例$|占比$", percentValue: true, under: { level1: ["^成本$"], level2: ["成本$"] }, expected: { zh: "质量或数量指标（成本指标应是金额上限）", en: "质量 or 数量 (a cost indicator is a money ceiling)" } },
    { name: "满意", under: { level2: ["数量$", "质量$", "时效$", "社会效益$", "经济效益$", "生态效益$", "可持续影响$"] }, expected: { zh: "满意度指标", en: "满意度 (satisfaction)" } },
    { name: "(执行|到位|支出|拨付)率$", notName: "(合格|达标|覆盖|完成)率$", under: { level2: ["数量$"] }, expected: { zh: "预算执行率（过程/资金管理，或单列的预算执行率）", en: "budget execution (过程 / 资金管理, or the separate 预算执行率 line)" } },
    { name: "成本|费用|造价", under: { level2: ["生态效益$"] }, expected: { zh: "成本指标", en: "成本 (cost)" } },
    { name: "^(?!.*(满意|认可|评价|投诉|好评|信任|获得感|幸福感|安全感|口碑|认同|支持率|意见|反映|舆情)).{2,}$", under: { level1: ["^满意度$"] }, expected: { zh: "产出或效益指标（满意度指标只放服务对象或公众的满意程度）", en: "产出 or 效益 (满意度 holds only how satisfied people are)" } },
  ] as z.input<typeof misfilingSchema>[],
};

export const ProfileSchema = z.object({
  id: z.string().min(1),
  name: z.object({ zh: z.string(), en: z.string() }),
  /** Which indicator trees (ids in `trees`) are accepted: 10号 (成本 under 产出) and/or 101号 (成本指标 as a 一级), or a region's own. */
  indicatorTrees: z.array(z.string().min(1)).min(1),
  /** The indicator trees by id; a profile file may add its region's own tree and name it in indicatorTrees. */
  trees: z.record(z.string().min(1), treeSchema).default(BUILTIN_TREES),
  /** 一级 groups a project table must have. */
  requiredGroups: z.array(z.enum(["产出", "效益", "满意度", "成本"])),
  /** Money tolerance in 万元 when comparing sums. */
  amountTolerance: z.number().min(0),
  /** More decimals than this on a 万元 amount is reported (float residue or a unit slip). */
  maxAmountDecimals: z.number().int().min(0).max(12),
  /** A 万元 amount at or above this is taken for 元 entered in a 万元 table (1,000,000 万元 = 100 亿元). */
  yuanInWanAbove: z.number().positive().optional(),
  satisfaction: z.object({
    /** 满意度 targets below this percentage are warned about. */
    minPercent: z.number().min(0).max(100),
  }),
  halfYear: z.object({
    /** Expected share of the year's budget spent by mid-year (序时进度), percent. */
    expectedProgressPercent: z.number().min(0).max(100),
    /** How far the half-year 预算执行率 target may sit from Σ半年/Σ全年 before it is reported, percentage points. */
    executionRateTolerance: z.number().min(0).max(100),
  }),
  scoring: z.object({
    weights: z.object({
      execution: z.number().min(0),
      output: z.number().min(0),
      benefit: z.number().min(0),
      satisfaction: z.number().min(0),
    }),
    /** Grade thresholds, best first: a score ≥ min earns the grade. */
    grades: z.array(z.object({ grade: z.string(), min: z.number() })).min(1),
    /** Qualitative completion bands as share of the weight, best first (100–80, 80–60, 60–0). */
    qualitativeBands: z.array(band).min(1),
    /** Tolerance when comparing an entered score with the computed one. */
    scoreTolerance: z.number().min(0),
    /** How a number target written without an operator (`70个`, `100%`) is scored: as a floor (≥) or exactly (=). Default ≥. */
    implicitOp: z.enum([">=", "="]).optional(),
    /** Percentage points a stated completion rate (完成率) may differ from 完成/总数 before it is reported. Default 0.5. */
    rateTolerance: z.number().min(0).optional(),
    /**
     * Names of the budget-execution-rate indicator (an indicator name ending in one of them): such a row given no
     * target is scored against 100%, and its half-year target is checked against the spending plan. A list in a
     * profile file replaces the base's, so it repeats the names it keeps.
     */
    executionRateNames: words.default(EXECUTION_RATE_NAMES),
    /**
     * Which weight group a 一级 label belongs to: the first group, in the order output, benefit, satisfaction,
     * execution, one of whose words the label holds. A group's list in a profile file replaces the base's.
     */
    groups: z
      .object({ output: words, benefit: words, satisfaction: words, execution: words })
      .default(GROUP_WORDS),
    /**
     * 一级 sections replacing the 10号 groups (项目决策 / 项目管理 / 项目绩效), as a form's scoring scheme gives
     * them (src/core/forms/schema.ts `scoring.sections`); absent for 10号 tables.
     */
    sections: z.array(z.object({ name: z.string().min(1), words: z.array(z.string().min(1)).min(1), weight: z.number().min(0).optional() })).optional(),
  }),
  indicatorWords: z
    .object({
      lowerIsBetter: patterns,
      lowerIsBetterNot: patterns,
      projectPeriod: patterns,
      templatePrompts: patterns,
      misfiling: z.array(misfilingSchema),
    })
    .default(INDICATOR_WORDS),
  /** A finance bureau's templates and their version (src/core/templates/distribution.ts); absent in the built-ins. */
  distribution: DistributionSchema.optional(),
  /**
   * 绩效运行监控表 (mid-year monitoring): the execution light's bands and the forecast deviation allowed
   * (docs/monitoring.md). Absent in a hand-built profile: MONITORING_DEFAULTS apply.
   */
  monitoring: z
    .object({
      /** Execution against time (执行率 ÷ 序时进度), percent: below `red` a red light, below `yellow` a yellow one, else green. */
      red: z.number().min(0).max(1000),
      yellow: z.number().min(0).max(1000),
      /** How far 全年预计完成情况 may sit from 年度指标值, percent, before a reason is required. */
      deviationPercent: z.number().min(0).max(1000),
    })
    .refine((m) => m.red <= m.yellow, { message: "monitoring.red 应不大于 monitoring.yellow / red must not exceed yellow" })
    .optional(),
});

/** The monitoring settings of the national rules: red below 60% of the pace, yellow 60–80%, green from 80%; 15% deviation. */
export const MONITORING_DEFAULTS = { red: 60, yellow: 80, deviationPercent: 15 } as const;

export type Profile = z.infer<typeof ProfileSchema>;

export const NATIONAL_PROFILE: Profile = {
  id: "national",
  name: { zh: "全国默认（财预〔2020〕10号）", en: "National default (Caiyu [2020] No. 10)" },
  indicatorTrees: ["caiyu-2020-10", "caiyu-2021-101"],
  trees: BUILTIN_TREES,
  requiredGroups: ["产出", "效益", "满意度"],
  amountTolerance: 0.01,
  maxAmountDecimals: 6,
  yuanInWanAbove: 1_000_000,
  satisfaction: { minPercent: 90 },
  halfYear: { expectedProgressPercent: 50, executionRateTolerance: 10 },
  monitoring: { ...MONITORING_DEFAULTS },
  scoring: {
    weights: { execution: 10, output: 50, benefit: 30, satisfaction: 10 },
    grades: [
      { grade: "优", min: 90 },
      { grade: "良", min: 80 },
      { grade: "中", min: 60 },
      { grade: "差", min: 0 },
    ],
    qualitativeBands: [
      { min: 80, max: 100 },
      { min: 60, max: 80 },
      { min: 0, max: 60 },
    ],
    scoreTolerance: 0.05,
    implicitOp: ">=",
    rateTolerance: 0.5,
    executionRateNames: EXECUTION_RATE_NAMES,
    groups: GROUP_WORDS,
  },
  indicatorWords: INDICATOR_WORDS,
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

function mergeDeep<T>(base: T, over: DeepPartial<T>): T {
  if (over === undefined || over === null) return base;
  if (typeof base !== "object" || base === null || Array.isArray(base)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[k] = mergeDeep((base as Record<string, unknown>)[k], v as never);
  }
  return out as T;
}

export class ProfileError extends Error {}

/**
 * Build a profile from a parsed profile file (JSON). `extends` names a built-in base (default national).
 * Throws ProfileError with every problem listed, field by field.
 */
export function resolveProfile(input: unknown, builtins: Record<string, Profile> = BUILTIN_PROFILES): Profile {
  if (typeof input !== "object" || input === null) throw new ProfileError("profile must be a JSON object");
  const { extends: baseId, ...rest } = input as { extends?: unknown } & Record<string, unknown>;
  const base = builtins[typeof baseId === "string" ? baseId : "national"];
  if (!base) throw new ProfileError(`unknown base profile "${String(baseId)}"`);
  const merged = mergeDeep(base, rest as DeepPartial<Profile>);
  const parsed = ProfileSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ProfileError(`invalid profile: ${lines.join("; ")}`);
  }
  const missing = parsed.data.indicatorTrees.filter((id) => !parsed.data.trees[id]);
  if (missing.length) throw new ProfileError(`invalid profile: indicatorTrees: no tree named ${missing.join(", ")} in trees`);
  // Tables kept in 元 hold amounts a million times larger: the 元-typed-into-万元 check would misfire.
  if (parsed.data.distribution?.amountUnit === "元") delete parsed.data.yuanInWanAbove;
  return parsed.data;
}

/** 江苏省 / 无锡市: same weights as the national rules; 满意度 at 90% and 序时 at 50% as the seeds show. */
export const JIANGSU_WUXI_PROFILE: Profile = {
  ...NATIONAL_PROFILE,
  id: "jiangsu-wuxi",
  name: { zh: "江苏省无锡市", en: "Wuxi, Jiangsu" },
};

/** 湖北式: 预算执行 20 / 产出 40 / 效益+满意度 40, qualitative bands 100–80 / 80–50 / 50–0 (domain-rules B5). */
export const HUBEI_PROFILE: Profile = {
  ...NATIONAL_PROFILE,
  id: "hubei",
  name: { zh: "湖北式评分", en: "Hubei-style scoring" },
  scoring: {
    ...NATIONAL_PROFILE.scoring,
    weights: { execution: 20, output: 40, benefit: 30, satisfaction: 10 },
    qualitativeBands: [
      { min: 80, max: 100 },
      { min: 50, max: 80 },
      { min: 0, max: 50 },
    ],
  },
};

export const BUILTIN_PROFILES: Record<string, Profile> = {
  national: NATIONAL_PROFILE,
  "jiangsu-wuxi": JIANGSU_WUXI_PROFILE,
  hubei: HUBEI_PROFILE,
};

export function gradeFor(score: number, profile: Profile): string {
  for (const g of profile.scoring.grades) if (score >= g.min) return g.grade;
  return profile.scoring.grades[profile.scoring.grades.length - 1].grade;
}
