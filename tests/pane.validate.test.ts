/** The pane's validate run (src/taskpane/ignoreStore.ts) through the fake host: no silent "green" for a sheet without a table. */
import { detectCapabilities } from "../src/excel/capabilities";
import { validateWithIgnores } from "../src/taskpane/ignoreStore";
import { asExcel, FakeContext, requirements } from "./fakes/excel";
import { WorkbookModel } from "./fakes/excelModel";

const FULL = detectCapabilities(requirements(20));

test("a sheet with no recognisable table: no tables, no findings, and no 校验结果 sheet pretending all is well", async () => {
  const model = new WorkbookModel();
  model.addSheet("备忘", [["会议纪要"], ["项目名称"]]);
  const r = await validateWithIgnores(asExcel(new FakeContext(model)), "active", { capabilities: FULL });
  expect(r.result.tables).toEqual([]);
  expect(r.result.findings).toEqual([]);
  expect(model.sheets.map((s) => s.name)).toEqual(["备忘"]);
});
