/* Excel add-in bundles (taskpane + ribbon commands), Microsoft's generator layout, into dist/addin. */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
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
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev || !prodUrl ? content : content.toString().split(DEV_URL).join(prodUrl.endsWith("/") ? prodUrl : `${prodUrl}/`)),
          },
        ],
      }),
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
    entry: { commands: "./src/commands/commands.ts" },
    // The ribbon command never reads profile files: leave zod (≈50 KB gzip) out of its short-lived runtime.
    resolve: { ...base.resolve, alias: { zod$: path.resolve(__dirname, "scripts/addin/zod-stub.js") } },
    plugins: [new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] })],
  };
  return [taskpane, commands];
};
