// `npm start`: serve the add-in over https and say how to load it. Sideloading into desktop Excel
// (office-addin-debugging) only works on Windows/macOS with Excel installed; everywhere else this
// prints the Excel-on-the-web and shared-folder steps instead of failing.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "manifest.xml");
const desktop = process.platform === "win32" || process.platform === "darwin";
const debugging = join(root, "node_modules", "office-addin-debugging");

if (desktop && existsSync(debugging)) {
  const p = spawn("npx", ["office-addin-debugging", "start", manifest, "desktop", "--app", "excel"], { cwd: root, stdio: "inherit", shell: true });
  p.on("exit", (code) => process.exit(code ?? 0));
} else {
  console.log(`
PerfCheck add-in — 开发服务器 / dev server: https://localhost:3000/taskpane.html
(自签名证书：先在浏览器打开上面的地址并选择“继续访问”；self-signed certificate: open the URL once and accept it.)

在 Excel 网页版中旁加载 / Sideload in Excel on the web:
  1. 打开 https://www.office.com ，新建或打开一个 Excel 工作簿。
     Open a workbook in Excel on the web.
  2. 开始 → 加载项 → 更多设置 → 上传我的加载项（Home → Add-ins → More settings → Upload My Add-in）。
  3. 选择 ${manifest}
     PerfCheck 组出现在“开始”选项卡：“PerfCheck 面板”与“校验”。

部门共享文件夹目录 / Shared-folder catalog for a department (Excel for Windows):
  1. 生产构建 / production build:  ADDIN_URL=https://<your-server>/perfcheck/ npm run build:addin
     把 dist/addin 部署到该 https 地址；把 dist/addin/manifest.xml 放进共享文件夹 \\\\server\\PerfCheck。
  2. Excel → 文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录：
     目录 URL 填 \\\\server\\PerfCheck，勾选“显示在菜单中”，重启 Excel。
  3. 插入 → 我的加载项 → 共享文件夹 → PerfCheck。

Press Ctrl+C to stop.
`);
  const p = spawn("npx", ["webpack", "serve", "--mode", "development"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  p.on("exit", (code) => process.exit(code ?? 0));
}
