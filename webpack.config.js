/* Excel add-in bundles (taskpane + ribbon commands), Microsoft's generator layout, into dist/addin. */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";

module.exports = (env, options) => {
  const dev = options.mode !== "production";
  // Production hosting: ADDIN_URL=https://server/perfcheck/ npm run build:addin rewrites the manifest URLs.
  const prodUrl = process.env.ADDIN_URL;
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist/addin"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.addin.json", transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
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
      static: { directory: path.resolve(__dirname, "dist/addin") },
      hot: false,
    },
  };
};
