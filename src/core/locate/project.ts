import type { KindLocator } from "./types";

export const projectLocator: KindLocator = {
  kind: "project-target",
  locate: () => [],
};
