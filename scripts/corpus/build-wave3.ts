/**
 * `npx tsx scripts/corpus/build-wave3.ts`: writes the third corpus wave (fixtures/corpus/wave3/*.xlsx) from the
 * transcriptions below. Each sheet is the published table as far as the stored copy of its page could be read
 * (fixtures/corpus/wave3/sources.md says where each one stops): labels, layout, numbers and the publishers' own
 * mistakes are kept as printed. A number is written as a number only where the source prints a bare number; an
 * amount printed with its unit or inside a sentence (“38.75万元”) stays text, because that is what a reviewer
 * receives. The workbooks are committed; this script is kept so a transcription can be read and re-made.
 */
import path from "node:path";
import { writeWaveBooks, type BookSpec } from "./waveBooks";

const OUT = path.join(__dirname, "..", "..", "fixtures", "corpus", "wave3");

const books: BookSpec[] = [
  {
    // 宁夏 固原市原州区 2022 自评表, published under a 绩效目标申报表 title (chacewang.com repost). Cut in the 效益 block.
    file: "ningxia-yuanzhou-2022-selfeval.xlsx",
    sheets: [
      {
        name: "送茶入户",
        widths: [14, 16, 22, 48, 8, 12, 14, 14, 8, 44],
        rows: [
          ["项目支出绩效自评表"],
          ["(2022年度)"],
          ["项目名称", "2022年原州区健康饮茶“送茶入户”边销茶推广项目(2022年少数民族发展资金项目)"],
          ["主管部门及代码", "原州区宗教事务局116422210101621779", null, null, null, "实施单位", "原州区民族宗教事务局"],
          ["项目资金(万元)", null, "年初预算数", "全年执行数"],
          [
            "项目资金(万元)",
            "年度资金总额:",
            "38.75万元",
            "2022年原州区健康饮茶“送茶入户”边销茶推广项目38.75万元(少数民族发展资金37万元,中央衔接资金1.75万元)",
            "2022年原州区健康饮茶“送茶入户”边销茶推广项目38.75万元(少数民族发展资金37万元,中央衔接资金1.75万元)",
            "2022年原州区健康饮茶“送茶入户”边销茶推广项目38.75万元(少数民族发展资金37万元,中央衔接资金1.75万元)",
          ],
          ["项目资金(万元)", "其中:财政拨款", "少数民族发展资金37万元"],
          ["项目资金(万元)", "其他资金", "中央衔接资金1.75万元"],
          ["年度总体目标", "2022年原州区健康饮茶“送茶入户”边销茶推广项目,通过实施2022年原州区健康饮茶“送茶入户”边销茶推广项目,"],
          ["绩效指标", "一级指标", "二级指标", "三级指标", "分值", "指标值(A)", "全年实际值(B)", "得分计算方法", "得分", "未完成原因分析"],
          [
            "绩效指标",
            "产出指标(40分)",
            "数量指标(必填硬性指标)",
            "针对原州区监测帮扶对象:边缘易致贫人口突发严重困难人口共计3875人(涉及北塬街道办和11个乡镇),发放边销茶目标人群是3875人,目前已发放边销茶目标人群3620人,目前255人目标人群茶叶未发放确定于剩余255人茶叶于2022年12月底前发放完毕,",
            20,
            100,
            100,
            null,
            20,
            null,
          ],
          ["绩效指标", "产出指标(40分)", "时效指标(必填)", "确定于于2022年12月底前发放完毕", 10, 100, 100, null, 9.34, null],
          [
            "绩效指标",
            "产出指标(40分)",
            "成本指标(必填硬性指标)",
            "38.75万元",
            10,
            38.75,
            36.2,
            null,
            9.34,
            "2021年底初步预算资金36.2万元,发放边销茶目标人群是3875人,目前已发放边销茶目标人群3620人,",
          ],
          ["绩效指标", "效益指标(40分)", "社会效益指标(必填)", "紧紧围绕“茶叶市场流通监管”和“健"],
        ],
        merges: ["A1:J1", "A2:J2", "B3:J3", "B4:E4", "G4:J4", "A5:A8", "B9:J9", "A10:A14", "B11:B13"],
      },
    ],
  },
  {
    // 福建 龙岩市 2025 民族发展专项资金: 附件1 分配表 (whole) and 附件2 专项转移支付绩效目标表 (cut at its first indicator).
    file: "fujian-longyan-2025-project.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [8, 12, 44, 14],
        rows: [
          ["附件1"],
          ["2025年龙岩市民族发展专项资金分配"],
          ["序号", "单位", "项目", "金额(万元)"],
          [1, "新罗区", "新罗区“石榴红”民族团结工作室", 10],
          [2, "上杭县", "全省民族团结进步宣传月活动启动仪式", 10],
          [null, null, "才溪镇大贵村光伏发电基站工程(二期)", 13],
          [null, null, "南阳镇双溪村道路拓宽修复", 8],
          [null, null, null, 31],
          [3, "漳平市", "双洋镇中村少数民族行政村茶山机耕道硬化", 7],
          [null, null, "象湖镇科山村道路修复项目", 7],
          [null, null, null, 14],
          [null, null, null, 55],
        ],
        merges: ["A1:D1", "A2:D2", "A5:A8", "B5:B8", "A9:A11", "B9:B11", "A12:C12"],
      },
      {
        name: "绩效目标表",
        widths: [14, 12, 12, 30, 20, 10, 10, 10],
        rows: [
          ["附件2"],
          ["专项转移支付绩效目标表"],
          ["(2025年度)"],
          ["部门(单位)名称", "龙岩市民族与宗教事务局", null, null, "部门预算编码", "230001"],
          ["项目名称", "民族发展专项资金", null, null, "补助区域", "县(区)"],
          ["资金情况(万元)", "资金总额:", null, null, 55],
          ["资金情况(万元)", "其中:财政拨款", null, null, 55],
          ["资金情况(万元)", "其他资金", null, null, null],
          ["总体目标", "促进民族乡村经济社会事业发展、铸牢中华民族共同体意识"],
          ["绩效\n指标", "一级\n指标", "二级指标", "三级指标", "指标解释", "区域目标值"],
          ["绩效\n指标", "一级\n指标", "二级指标", "三级指标", "指标解释", "新罗区", "上杭县", "漳平市"],
          ["绩效\n指标", "产出\n指标", "数量目标", "基础设施建设、民族文化"],
        ],
        merges: [
          "A1:H1", "A2:H2", "A3:H3", "B4:D4", "F4:H4", "B5:D5", "F5:H5", "A6:A8", "B6:D6", "B7:D7", "B8:D8",
          "E6:H6", "E7:H7", "E8:H8", "B9:H9", "A10:A12", "B10:B11", "C10:C11", "D10:D11", "E10:E11", "F10:H10",
        ],
      },
    ],
  },
  {
    // 江西 景德镇市珠山区 2020–2021 冬春救助资金: 附件1 分配表 (whole); 附件2 绩效目标申报表 lies past the readable part.
    file: "jiangxi-zhushan-2020-allocation.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [16, 12, 18, 10],
        rows: [
          ["附件1"],
          ["2020-2021年中央和省级冬春救助资金分配表"],
          [null, null, null, "单位:万元"],
          ["单位名称", "分配金额", "政府经济分类科目", "备注"],
          ["竟成镇", 55, 51301],
          ["珠山街道", 18, 51301],
          ["里村街道", 20, 51301],
          ["新村街道", 32, 51301],
          ["石狮埠街道", 50, 51301],
          ["新厂街道", 50, 51301],
          ["昌江街道", 15, 51301],
          ["周路口街道", 7, 51301],
          ["昌河街道", 8, 51301],
          ["太白园街道", 20, 51301],
          ["经开区", 10, 51301],
          ["总计", 285],
        ],
        merges: ["A1:D1", "A2:D2"],
      },
    ],
  },
  {
    // 内蒙古 巴彦淖尔市临河区 2022 就业补助资金 自评表 (转移支付 form; text layer of an .xlsx in the `pages` corpus,
    // returned without an address). Transcribed through the 资金管理情况 block; the goals and indicators that follow
    // interleave two columns in the text layer and are not transcribed.
    file: "neimenggu-linhe-2022-selfeval.xlsx",
    sheets: [
      {
        name: "就业补助资金",
        widths: [16, 30, 40, 16],
        rows: [
          ["附件1"],
          ["就业补助资金绩效目标自评表"],
          ["(2022年度)"],
          ["转移支付(项目)名称", "就业补助资金"],
          ["中央主管部门", "人力资源社会保障部"],
          ["地方财政部门", "巴彦淖尔市临河", "地方主管部门", "巴彦淖尔市临河区财政局"],
          ["资金投入情况\n(万元)", null, "全年预算数(A)", "全年执行数(B)"],
          ["资金投入情况\n(万元)", "年度资金总额", 7165.32, 6992.95],
          ["资金投入情况\n(万元)", "其中:中央财政资金", 3144, 3144],
          ["资金投入情况\n(万元)", "自治区财政资金", 570.17, 570.17],
          ["资金投入情况\n(万元)", "盟市财政资金", 433, 432.1],
          ["资金投入情况\n(万元)", "旗县财政资金", 1426.9, 1294.84],
          ["资金投入情况\n(万元)", "其他资金\n(包括以前年度结转资金)", 1591.22, 1551.84],
          ["资金管理情况", null, "情况说明"],
          ["资金管理情况", "分配科学性", "根据业务情况进行合理的分配"],
          ["资金管理情况", "下达及时性", "要求在资金下达时及时、快速地传达至相关业务股室"],
          ["资金管理情况", "拨付合规性", "按照规定程序和标准进行资金拨付"],
          ["资金管理情况", "使用规范性", "要求对资金使用过程进行合理规范、确保合法合规"],
          ["资金管理情况", "执行准确性", "要求严格执行就业补助资金规章制度及政策,确保资金管理准确有"],
          ["资金管理情况", "预算绩效管理情况", "款项从指标录入开始做绩效事前事中事后三次"],
          ["资金管理情况", "支出责任履行情况", "按支出、时限、范围支出"],
        ],
        merges: ["A1:D1", "A2:D2", "A3:D3", "B4:D4", "B5:D5", "A7:A13", "C14:D14", "C15:D15", "C16:D16", "C17:D17", "C18:D18", "C19:D19", "C20:D20", "C21:D21", "A14:A21"],
        // The source prints every amount of this block with two decimals (3144.00, 433.00): kept as the cells' format.
        numFmt: { range: "C8:D13", format: "0.00" },
      },
    ],
  },
];

writeWaveBooks(books, OUT).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
