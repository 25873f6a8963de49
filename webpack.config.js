/* Excel add-in bundles (taskpane + ribbon commands), Microsoft's generator layout, into dist/addin. */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";

/**
 * The manifest for hosting at `prodUrl`: every dev-server URL rewritten, and the dev server's origin
 * dropped from AppDomains (the add-in's own origin needs no entry there; a production manifest that
 * trusts https://localhost:3000 would let any local server on that port act as the add-in).
 */
function rewriteManifest(content, prodUrl) {
  const base = prodUrl.endsWith("/") ? prodUrl : `${prodUrl}/`;
  let xml = content.toString().replace(/\s*<AppDomain>\s*https:\/\/localhost:3000\/?\s*<\/AppDomain>/g, "");
  xml = xml.replace(/\s*<AppDomains>\s*<\/AppDomains>/g, "");
  xml = xml.split(DEV_URL).join(base);
  if (xml.includes(DEV_ORIGIN)) throw new Error(`manifest still mentions ${DEV_ORIGIN} after rewriting for ${base}`);
  return xml;
}

const REPO_ID = "6f1d3c52-8a47-4e0b-9c1e-2b7d5f0a9e31";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const xmlAttr = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A bureau's own copy: `ADDIN_ID` (a GUID of its own, so its copy and anyone else's are different add-ins to
 * Office and to the Microsoft 365 admin center) and `ADDIN_NAME` (the name users see, Chinese and English alike).
 * Refuses a malformed GUID or name rather than building a manifest Office would reject.
 */
function brandManifest(content, { id, name } = {}) {
  let xml = content.toString();
  if (id !== undefined) {
    const guid = id.trim();
    if (!GUID.test(guid)) throw new Error(`ADDIN_ID “${id}” 不是 GUID（形如 ${REPO_ID}，可用 node -p "crypto.randomUUID()" 生成）/ ADDIN_ID is not a GUID`);
    if (guid.toLowerCase() === REPO_ID) throw new Error(`ADDIN_ID 与仓库自带的 Id 相同，请生成一个新的 / ADDIN_ID is the repository's own Id: generate a new one`);
    xml = xml.replace(/<Id>[^<]*<\/Id>/, `<Id>${guid}</Id>`);
  }
  if (name !== undefined) {
    const n = name.trim();
    // DisplayName is at most 125 characters (OfficeAppManifestV1_1); control characters are no name.
    if (!n || n.length > 125 || /[\u0000-\u001f\u007f]/.test(n)) throw new Error(`ADDIN_NAME 应为 1–125 个字符的名称 / ADDIN_NAME must be a name of 1–125 characters`);
    xml = xml.replace(/(<DisplayName DefaultValue=")[^"]*(">\s*<Override Locale="en-US" Value=")[^"]*(")/, `$1${xmlAttr(n)}$2${xmlAttr(n)}$3`);
    if (!xml.includes(`<DisplayName DefaultValue="${xmlAttr(n)}"`)) throw new Error("manifest.xml: DisplayName not found where ADDIN_NAME goes");
  }
  return xml;
}

/**
 * Old webviews (Trident, EdgeHTML) cannot parse the ES2019+ bundles: a tiny ES5 script, loaded
 * first on both pages, shows a message there instead of a blank pane (src/commands/webview-check.js).
 */
class WebviewCheckPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("WebviewCheckPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap("WebviewCheckPlugin", (data) => {
        data.headTags.unshift(HtmlWebpackPlugin.createHtmlTagObject("script", { src: "webview-check.js" }));
        return data;
      });
    });
  }
}
const OUT = path.resolve(__dirname, "dist/addin");

const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { configFile: "tsconfig.addin.json", transpileOnly: true } },
};

module.exports = (env, options) => {
  const dev = options.mode !== "production";
  // Production hosting: ADDIN_URL=https://server/perfcheck/ npm run build:addin rewrites the manifest URLs.
  const prodUrl = process.env.ADDIN_URL;
  if (!dev && prodUrl && !process.env.ADDIN_ID) {
    console.warn("PerfCheck: ADDIN_URL 已设置而 ADDIN_ID 未设置——这份部署与其他单位的副本共用仓库自带的 Id；请用 ADDIN_ID 设一个自己的 GUID。\n" + "PerfCheck: ADDIN_URL is set but ADDIN_ID is not: this copy shares the repository's add-in Id with every other bureau's.");
  }
  // Two compilers write into one folder, so neither may use output.clean; start from empty instead.
  if (!dev && !env.WEBPACK_SERVE) fs.rmSync(OUT, { recursive: true, force: true });
  const base = {
    devtool: dev ? "source-map" : false,
    output: { path: OUT, filename: "[name].js" },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule] },
    performance: { hints: false },
  };
  const taskpane = {
    ...base,
    name: "taskpane",
    entry: { taskpane: "./src/taskpane/index.tsx" },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/commands/webview-check.js", to: "webview-check.js" },
          // The manifest's SupportUrl / LearnMoreUrl: a static help page (install, deployment), no script.
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "src/taskpane/help.css", to: "help.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => {
              const branded = brandManifest(content, { id: process.env.ADDIN_ID || undefined, name: process.env.ADDIN_NAME || undefined });
              return dev || !prodUrl ? branded : rewriteManifest(branded, prodUrl);
            },
          },
        ],
      }),
      new WebviewCheckPlugin(),
    ],
    devServer: {
      port: 3000,
      // webpack-dev-server's own self-signed certificate: no sudo, no system trust store changes.
      server: "https",
      headers: { "Access-Control-Allow-Origin": "*" },
      hot: false,
    },
  };
  const commands = {
    ...base,
    name: "commands",
    // notice: the ribbon command's dialog page (src/commands/notice.ts) — its own tiny bundle, no core code.
    entry: { commands: "./src/commands/commands.ts", notice: "./src/commands/notice.ts" },
    // The ribbon command never reads profile or forms files: leave zod (≈50 KB gzip) out of its short-lived runtime
    // (the core compiles its built-in catalogue without zod; tests/ check the core with zod stubbed).
    resolve: { ...base.resolve, alias: { zod$: path.resolve(__dirname, "scripts/addin/zod-stub.js") } },
    plugins: [
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "notice.html", template: "./src/commands/notice.html", chunks: ["notice"] }),
      new CopyWebpackPlugin({ patterns: [{ from: "src/commands/notice.css", to: "notice.css" }] }),
      new WebviewCheckPlugin(),
    ],
  };
  return [taskpane, commands];
};
module.exports.rewriteManifest = rewriteManifest;
module.exports.brandManifest = brandManifest;
