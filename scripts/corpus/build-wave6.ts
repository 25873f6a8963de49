/**
 * `npx tsx scripts/corpus/build-wave6.ts`: writes the sixth corpus wave (fixtures/corpus/wave6/*.xlsx) from the
 * transcriptions below. Each sheet is the published table as far as the stored copy of its page could be read
 * (fixtures/corpus/wave6/sources.md says where each one stops): labels, layout and numbers are kept as printed.
 * A number is written as a number only where the source prints a bare number. A personal name in a 责任人 cell is
 * replaced by “(姓名略)”, as in the older corpus; nothing else is changed. The workbooks are committed; this script
 * is kept so a transcription can be read and re-made.
 */
import path from "node:path";
import { writeWaveBooks, type BookSpec } from "./waveBooks";

const OUT = path.join(__dirname, "..", "..", "fixtures", "corpus", "wave6");

const books: BookSpec[] = [
  {
    // 新疆 塔城地区塔城市 2025, 塔城市2025年财政衔接结余资金(第三批)项目公告公示 (2025-11-14), section 三's table.
    // The stored page stops inside line 2's 建设任务 cell, so line 2 carries no amounts here.
    file: "xinjiang-tacheng-2025-plan.xlsx",
    sheets: [
      {
        name: "项目计划表",
        widths: [10, 34, 28, 40, 18, 10, 10, 14, 14, 18],
        rows: [
          ["塔城市2025年财政衔接结余资金(第三批)项目计划表"],
          ["项目序号", "项目名称", "建设地点", "建设任务", "责任单位", "责任人", "资金规模(万元)"],
          ["项目序号", "项目名称", "建设地点", "建设任务", "责任单位", "责任人", "小计", "中央衔接资金", "自治区衔接资金", "备注(其他资金名称)"],
          ["塔城市合计2个", null, null, null, null, null, 50.2, 48.895579, 1.304421, 0],
          [
            1,
            "塔城市博孜达克镇路南社区速冻库改造项目",
            "塔城市农产品集聚区(塔城市冠元牧业公司",
            "改造速冻库一间,安装压缩机、冷凝机、冷风机等附属设施",
            "博孜达克镇人民政府",
            "(姓名略)",
            49,
            48.891626,
            0.108374,
            "2025年结余资金",
          ],
          [2, "2025年雨露计划补助项目(第三次追加)", "阿不都拉乡、阿西尔乡", "为塔城市的脱贫户、三类户中就读中职、高职的在校生发放补"],
        ],
        merges: ["A1:J1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:J2", "A4:F4"],
      },
    ],
  },
  {
    // 新疆 博尔塔拉州精河县 2025, 精河县2025年中央、自治区财政衔接推进乡村振兴补助资金分配表 (section 三 of the county's
    // 公示 on xjjh.gov.cn). The stored page stops after line 6 of the 16 lines.
    file: "xinjiang-jinghe-2025-allocation.xlsx",
    sheets: [
      {
        name: "分配表",
        widths: [8, 46, 14, 12, 22],
        rows: [
          ["精河县2025年中央、自治区财政衔接推进乡村振兴补助资金分配表"],
          ["序号", "项目名称", "资金来源", "资金规模 (万元)", "项目实施单位"],
          ["16个项目合计", null, null, 7040.49],
          [1, "精河县托里镇牛羊肉禽类屠宰场项目", "中央、自治区", 1000, "托里镇人民政府"],
          [2, "精河县大河沿子镇呼和哈夏南村食品加工厂项目", "中央", 174, "大河沿子镇人民政府"],
          [3, "精河县托里镇滴灌带(贴片)产能提升项目", "中央", 300, "托里镇人民政府"],
          [4, "精河县托托镇苗圃基地建设项目", "中央", 24, "托托镇人民政府"],
          [5, "2025年精河县“健康饮茶”“送茶入户”项目", "中央", 23, "精河县党委统战部"],
          [6, "精河县阿合其农场农业机械项目", "中央", 82, "阿合其农场管理委员会"],
        ],
        merges: ["A1:E1", "A3:C3"],
      },
    ],
  },
];

writeWaveBooks(books, OUT).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
