/**
 * `npx tsx scripts/corpus/build-wave5.ts`: writes the fifth corpus wave (fixtures/corpus/wave5/*.xlsx) from the
 * transcriptions below. Each sheet is the published table as far as the stored copy of its page could be read
 * (fixtures/corpus/wave5/sources.md says where each one stops and what was inferred): labels, layout and numbers
 * are kept as printed. A number is written as a number only where the source prints a bare number; an amount
 * inside a sentence stays text, because that is what a reviewer receives. The workbooks are committed; this script
 * is kept so a transcription can be read and re-made.
 */
import path from "node:path";
import { writeWaveBooks, type BookSpec } from "./waveBooks";

const OUT = path.join(__dirname, "..", "..", "fixtures", "corpus", "wave5");

/** 德化 2025 分配表: the towns' 乡镇动物防疫员 lines, as printed (one amount, repeated as the row's 合计). */
const dehuaTowns: [string, number][] = [
  ["龙浔镇", 1.0],
  ["浔中镇", 1.3],
  ["三班镇", 1.2],
  ["盖德镇", 1.7],
  ["龙门滩镇", 1.4],
  ["雷峰镇", 1.7],
  ["南埕镇", 1.4],
  ["水口镇", 1.9],
  ["美湖镇", 0.9],
  ["国宝乡", 0.9],
  ["赤水镇", 1.8],
  ["上涌镇", 2.0],
  ["桂阳乡", 1.0],
  ["汤头乡", 0.9],
  ["葛坑镇", 1.4],
  ["杨梅乡", 0.8],
  ["大铭乡", 0.8],
  ["春美乡", 0.9],
];

const books: BookSpec[] = [
  {
    // 福建 泉州市德化县 2025, 德财指标〔2025〕454号 附件1 (德化县财政局 德化县农业农村局, 2025-12-10). Complete.
    // The 附件2–6 target tables follow it on the page and are cut after 附件2's first header cells (not transcribed).
    file: "fujian-dehua-2025-allocation.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [12, 12, 12, 12, 14, 12, 14, 10],
        rows: [
          ["附件1"],
          ["2025年特色现代农业发展资金(第一批)分配表"],
          ["单位:万元"],
          ["项目\n单位 乡镇", "2130122-农业 生产发展", null, "2130108-病虫害控制", null, null, null, "合计"],
          [
            "项目\n单位 乡镇",
            "农作物新品种展示示范项目",
            "耕地质量保护与提升项目",
            "乡镇动物防疫员 补助",
            "农作物病虫害绿色防控示范片项目",
            "专业化统防统治 项目",
            "农药包装废弃物回收处理 项目",
            "合计",
          ],
          ["农业农村局", 10, 18.5, null, 5, 5, 4, 42.5],
          ...dehuaTowns.map(([town, amount]): (string | number | null)[] => [town, null, null, amount, null, null, null, amount]),
          ["合计", 10, 18.5, 23.0, 5, 5, 4, 65.5],
        ],
        merges: ["A1:H1", "A2:H2", "A3:H3", "A4:A5", "B4:C4", "D4:G4", "H4:H5"],
        // The towns' amounts and the 防疫员 total are printed with one decimal (1.0, 2.0, 23.0).
        numFmts: [
          { range: "D7:D25", format: "0.0" },
          { range: "H7:H24", format: "0.0" },
        ],
      },
    ],
  },
  {
    // 福建 泉州市 2023, 泉州市财政局 泉州市农业农村局 notice of 2023-09-05 (特色现代农业发展资金 第八批), 附件1. Complete.
    file: "fujian-quanzhou-2023-allocation.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [10, 10, 14, 16, 22],
        rows: [
          ["附件1"],
          ["2023年特色现代农业发展资金(第八批)分配表"],
          [null, null, null, null, "单位:万元"],
          ["县(市)", "资金合计", "农产品展示展销项目", "中国农民丰收节\n主会场活动经费", "地方畜禽遗传资源保护和开发利用项目"],
          ["石狮市", 21, 21, null, null],
          ["晋江市", 10, null, null, 10],
          ["南安市", 12, 5, null, 7],
          ["安溪县", 30, null, 30, null],
          ["永春县", 12, 5, null, 7],
          ["德化县", 30, 4, null, 26],
          ["合计", 115, 35, 30, 50],
        ],
        merges: ["A1:E1", "A2:E2"],
      },
    ],
  },
  {
    // 福建 泉州市惠安县 2024, 惠安县民政局 惠安县财政局 notice of 2024-01-09 (中央财政衔接推进老区乡村振兴补助资金), 附件1.
    // Complete; 附件2 (绩效目标表) is cut inside its first cell (“项目名称 中央财政衔接推进老区乡村振…”) and not transcribed.
    file: "fujian-huian-2024-allocation.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [6, 14, 12, 44, 12, 12],
        rows: [
          ["附件1"],
          ["2024年中央财政衔接推进老区乡村振兴补助项目资金分配表"],
          ["序号", "镇、村", "项目名称", "项目内容", "资金投入(万元)", "补助金额(万元)"],
          [1, "东岭镇彭城村", "道路改造建设", "全长约550米,宽2.40米,两侧安装路沿石,路中心铺设透水砖。", 40, 10],
          ["合计", null, null, null, null, 10],
        ],
        merges: ["A1:F1", "A2:F2"],
      },
    ],
  },
  {
    // 福建 泉州市德化县 2025 (issued 2026-01-30), 德财指标〔2026〕51号 附件1. Cut inside row 12 (“盖德…”): no 合计 row.
    file: "fujian-dehua-2025-transport.xlsx",
    sheets: [
      {
        name: "汇总表",
        widths: [6, 10, 12, 12, 12, 10, 14, 10, 12, 8],
        rows: [
          ["附件1"],
          ["2025年度第三批交通项目市级补助资金汇总表"],
          ["单位:万元"],
          ["序号", "项目单位", "农村公路养护专项工程", "农村公路建设项目", "农村公路水毁修复", "公路服务驿站", "通村(组)角落 农村公路", "交通扶贫", "按属地合计", "备注"],
          [1, "桂阳乡", null, 62.2, null, null, 10, null, 72.2],
          [2, "赤水镇", 27.3, 21.6, null, 13.5, 10, null, 72.4],
          [3, "春美乡", null, 26.3, 5, null, 5, null, 36.3],
          [4, "国宝乡", null, 17.9, null, null, 10, null, 27.9],
          [5, "雷峰镇", null, 15, null, null, 10, null, 25],
          [6, "龙浔镇", null, 32, null, null, 10, null, 42],
          [7, "美湖镇", null, 12, null, null, 20, null, 32],
          [8, "上涌镇", null, 31.6, null, null, null, null, 31.6],
          [9, "水口镇", null, 199.3, null, null, 55, null, 254.3],
          [10, "杨梅乡", null, 86, 4, null, 5, null, 95],
          [11, "汤头乡", null, null, 4, null, 15, 20, 39],
          [12, "盖德"],
        ],
        merges: ["A1:J1", "A2:J2", "A3:J3"],
      },
    ],
  },
];

writeWaveBooks(books, OUT).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
