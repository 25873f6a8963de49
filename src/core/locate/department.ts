import type { KindLocator } from "./types";

export const departmentLocator: KindLocator = {
  kind: "department-target",
  locate: () => [],
};
