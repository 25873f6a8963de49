/**
 * Stand-in for zod in the ribbon command bundle only (see webpack.config.js). The command always
 * uses the built-in national profile, so profile files are never parsed there; schema building at
 * module load still has to run, hence a chainable no-op. Parsing anything through it throws.
 */
const refuse = () => {
  throw new Error("PerfCheck: profile files are not read by the ribbon command; use the task pane or the CLI.");
};
const stub = new Proxy(function () {}, {
  get: (_target, prop) => (prop === "parse" || prop === "safeParse" || prop === "parseAsync" || prop === "safeParseAsync" ? refuse : stub),
  apply: () => stub,
});
module.exports = { z: stub, default: stub };
