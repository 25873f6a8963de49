import * as React from "react";
import { Button, Field } from "@fluentui/react-components";

export interface RegionFileProps {
  label: string;
  hint: string;
  /** `<id>-file` and `<id>-clear` are the test ids of the input and the button. */
  id: string;
  loaded: boolean;
  clearLabel: string;
  disabled: boolean;
  onFile(file: File | undefined): void;
  onClear(): void;
}

/** One of a region's JSON files (its profile or its forms): the file input with its hint, and a button to stop using a loaded one. */
export function RegionFile(p: RegionFileProps): React.ReactElement {
  return (
    <>
      <Field label={p.label} hint={p.hint}>
        <input type="file" accept=".json,application/json" aria-label={p.label} data-testid={`${p.id}-file`} disabled={p.disabled} onChange={(e) => p.onFile(e.target.files?.[0])} />
      </Field>
      {p.loaded && (
        <Button size="small" onClick={p.onClear} disabled={p.disabled} data-testid={`${p.id}-clear`}>
          {p.clearLabel}
        </Button>
      )}
    </>
  );
}
