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
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev || !prodUrl ? content : rewriteManifest(content, prodUrl)),
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
