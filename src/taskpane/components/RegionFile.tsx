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
  // Emptied after each pick, so choosing the same file again (fixed after a refusal) is seen as a new choice;
  // the hint says which file is in use.
  const pick = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    p.onFile(file);
  };
  return (
    <>
      <Field label={p.label} hint={p.hint}>
        <input type="file" accept=".json,application/json" aria-label={p.label} data-testid={`${p.id}-file`} disabled={p.disabled} onChange={pick} />
      </Field>
      {p.loaded && (
        <Button size="small" onClick={p.onClear} disabled={p.disabled} data-testid={`${p.id}-clear`}>
          {p.clearLabel}
        </Button>
      )}
    </>
  );
}
