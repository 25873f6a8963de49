// The steps `npm start` prints for loading the add-in: one user (Excel on the web, Mac, Windows) and a whole
// organisation. Kept beside start.mjs so a test can read them without starting the dev server.
import { join } from "node:path";

/** @param {string} root the repository root */
export function sideloadSteps(root) {
  const manifest = join(root, "manifest.xml");
  return `
PerfCheck add-in — 开发服务器 / dev server: https://localhost:3000/taskpane.html
(自签名证书：先在浏览器打开上面的地址并选择“继续访问”；self-signed certificate: open the URL once and accept it.
 在浏览器里这个页面只显示“请在 Excel 中打开”的说明；in a browser the page only says to open it from Excel.)

在 Excel 网页版中旁加载 / Sideload in Excel on the web:
  1. 打开 https://www.office.com ，新建或打开一个 Excel 工作簿。
     Open a workbook in Excel on the web.
  2. 开始 → 加载项 → 更多设置 → 上传我的加载项（Home → Add-ins → More settings → Upload My Add-in）。
  3. 选择 ${manifest}
     PerfCheck 组出现在“开始”选项卡：“PerfCheck 面板”与“校验”。

Mac 版 Excel / Excel for Mac:
  把 ${manifest} 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef（没有就新建），重启 Excel，
  开始 → 加载项 → 开发人员加载项 → PerfCheck。Copy the manifest into that wef folder, restart Excel, Home → Add-ins.

部门共享文件夹目录（仅 Windows 版 Excel）/ Shared-folder catalog (Excel for Windows only):
  1. 生产构建 / production build:  ADDIN_URL=https://<your-server>/perfcheck/ ADDIN_ID=<新 GUID> npm run build:addin
     把 dist/addin 部署到该 https 地址；把 dist/addin/manifest.xml 放进共享文件夹 \\\\server\\PerfCheck。
  2. Excel → 文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录：
     目录 URL 填 \\\\server\\PerfCheck，勾选“显示在菜单中”，重启 Excel。
  3. 插入 → 我的加载项 → 共享文件夹 → PerfCheck。

整个单位（Microsoft 365 集中部署）/ A whole organisation (Microsoft 365 centralized deployment):
  Microsoft 365 管理中心 → 设置 → 集成应用 → 上传自定义应用 → Office 加载项 → 上传 dist/addin/manifest.xml，
  选择用户或组。Admin center → Settings → Integrated apps → Upload custom apps. 最多 24 小时后出现 / up to 24 hours.

桌面版 Excel 自动旁加载（可选）/ Automatic sideloading into desktop Excel (optional, Windows/Mac):
  npx office-addin-debugging start manifest.xml desktop --app excel
  （微软的工具，npx 会从 npm 下载，不在本仓库的依赖中 / Microsoft's tool, fetched by npx, not a dependency here.）
`;
}
