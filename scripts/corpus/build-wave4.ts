/**
 * `npx tsx scripts/corpus/build-wave4.ts`: writes the fourth corpus wave (fixtures/corpus/wave4/*.xlsx) from the
 * transcriptions below. Each sheet is the published table as far as the stored copy of its page could be read
 * (fixtures/corpus/wave4/sources.md says where each one stops): labels, layout and numbers are kept as printed.
 * A number is written as a number only where the source prints a bare number; an amount inside a sentence or a
 * note (“39.046万”) stays text, because that is what a reviewer receives. The workbooks are committed; this script
 * is kept so a transcription can be read and re-made.
 */
import path from "node:path";
import { writeWaveBooks, type BookSpec } from "./waveBooks";

const OUT = path.join(__dirname, "..", "..", "fixtures", "corpus", "wave4");

const books: BookSpec[] = [
  {
    // 福建 三明市清流县 2024, 清财(农)指〔2024〕17号 附件1. The 附件2 target table is cut after its title (not transcribed).
    file: "fujian-qingliu-2024-allocation.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [18, 12, 44, 10],
        rows: [
          ["附件1:"],
          ["省级乡村振兴试点示范专项资金分配表"],
          ["单位:万元"],
          ["村名", "金额", "列支科目", "备注"],
          ["林畲镇林畲村", 50, "2110302-水体", null],
          ["林畲镇石下村", 110, "2110302-水体", null],
          ["李家乡鲜水村", 89.424, "2110302-水体", null],
          ["沙芜乡铁石村", 50, "其中39.046万款列2110302;10.954万元款列2160699;", null],
          ["合 计", 299.424, null, null],
        ],
        merges: ["A2:D2", "A3:D3"],
      },
    ],
  },
  {
    // 福建 泉州市德化县 2020, 德化县财政局 德化县农业农村局 notice of 2020-10-13 (瓷都德化新闻网 copy). 附件1 and 附件2
    // are complete; 附件3 (绩效目标表) is cut inside its first data row and is not transcribed.
    file: "fujian-dehua-2020-allocation.xlsx",
    sheets: [
      {
        name: "安排表",
        widths: [18, 8, 46, 10],
        rows: [
          ["附件1"],
          ["2020年市级财政专项扶贫资金(第二批扶贫开发项目)安排表"],
          ["乡镇、村", "金额", "建设项目", "补助金额"],
          ["龙门滩镇霞山村", 4, "修复农田水利设施,修复拦水坝3座,水圳350米。", 4],
          ["龙门滩镇磻坑村", 4, "新建蓄水池及修复自来水管道,确保饮水安全。", 4],
          ["葛坑镇邱村村", 4, "后洋至后洋下角长约1公里,宽3.5米的道路硬化。", 4],
          ["合计", 12, null, 12],
        ],
        merges: ["A2:D2"],
      },
      {
        name: "任务清单",
        widths: [14, 16, 10],
        rows: [
          ["附件2"],
          ["2020年市级财政专项扶贫资金(第二批扶贫开发项目)任务清单"],
          ["项目单位", "约束性任务", "备注"],
          ["龙门滩镇", "扶持2个村", null],
          ["葛坑镇", "扶持1个村", null],
        ],
        merges: ["A2:C2"],
      },
    ],
  },
  {
    // 福建 泉州市惠安县 2021, 惠安县农业农村局 notice of 2021-06-16, 附件1. 附件2 (绩效目标表) is cut inside its header.
    file: "fujian-huian-2021-allocation.xlsx",
    sheets: [
      {
        name: "分配表及任务清单",
        widths: [12, 16, 14],
        rows: [
          ["附件1"],
          ["2021年度市级财政巩固拓展脱贫成果\n(应急救助项目)第一批补助资金分配表及任务清单"],
          [null, "补助资金(万元)", "约束性任务"],
          ["螺城镇", 0.2, "补助1户"],
          ["螺阳镇", 1, "补助1户"],
          ["紫山镇", 0.18, "补助1户"],
          ["崇武镇", 0.7, "补助1户"],
          ["山霞镇", 4, "补助2户"],
          ["东岭镇", 1.88, "补助2户"],
          ["东桥镇", 2.6, "补助1户"],
          ["小岞镇", 2.1, "补助3户"],
          ["辋川镇", 0.6, "补助1户"],
          ["合计", 13.26, "补助13户"],
        ],
        merges: ["A2:C2"],
      },
    ],
  },
];

writeWaveBooks(books, OUT).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
