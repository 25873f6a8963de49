import type { Command } from "commander";

/** `perfcheck template …`: registered by the templates work (issue 4). */
export function registerTemplateCommand(program: Command): void {
  void program;
}
