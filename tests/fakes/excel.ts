/**
 * A hand-written fake of the Excel JavaScript API subset src/excel uses. It keeps the rules that
 * make Office.js code go wrong: calls only queue work, nothing reaches the workbook before
 * context.sync(), and reading a property that was not loaded (or before the sync) throws.
 * Every call is recorded and every sync counted so tests can assert the round-trip budget.
 */
import type { Rect } from "../../src/core/snapshot";
import { a1 } from "../../src/core/snapshot";
import { type CFModel, type CommentModel, fullAddress, intersects, key, MAX_COL, MAX_ROW, parseAddress, type SheetModel, type WorkbookModel } from "./excelModel";

export class FakeApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }
}

type Op = () => void;

export interface FakeOptions {
  /** Cells one sync may return before the host refuses the request (Excel on the web: 5 MB). */
  maxCellsPerSync?: number;
  /** Never resolve syncs after this many (a hung host). */
  hangAfterSyncs?: number;
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  syncCount = 0;
  readonly calls: string[] = [];
  private queue: Op[] = [];
  loadedCellsThisSync = 0;

  constructor(readonly model: WorkbookModel, readonly options: FakeOptions = {}) {
    this.workbook = new FakeWorkbook(this);
  }

  record(call: string): void {
    this.calls.push(call);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  countCells(n: number): void {
    this.loadedCellsThisSync += n;
    const max = this.options.maxCellsPerSync;
    if (max !== undefined && this.loadedCellsThisSync > max) throw new FakeApiError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
  }

  sync(): Promise<void> {
    this.syncCount++;
    this.record("context.sync()");
    if (this.options.hangAfterSyncs !== undefined && this.syncCount > this.options.hangAfterSyncs) return new Promise<void>(() => undefined);
    const ops = this.queue;
    this.queue = [];
    this.loadedCellsThisSync = 0;
    try {
      for (const op of ops) op();
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.resolve();
  }
}

const NOT_LOADED = (prop: string) =>
  new FakeApiError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

function paths(spec?: string | string[]): string[] {
  if (spec === undefined) throw new Error("fake: load() without property names is not allowed (load what you need)");
  const list = Array.isArray(spec) ? spec : spec.split(",");
  return list.map((s) => s.trim()).filter(Boolean);
}

/** Base of every proxy: load() queues, properties read only what a completed load delivered. */
abstract class FakeObject {
  protected loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  /** The model object behind the proxy, resolved when a queued op runs; null for a null object. */
  protected abstract target(): unknown;
  protected abstract read(prop: string, t: unknown): unknown;
  protected child(prop: string): FakeObject | undefined {
    void prop;
    return undefined;
  }

  load(spec?: string | string[]): this {
    const ps = paths(spec);
    this.context.record(`${this.constructor.name}.load(${ps.join(",")})`);
    this.context.enqueue(() => this.applyLoad(ps));
    return this;
  }

  applyLoad(ps: string[]): void {
    const t = this.target();
    this.loaded.set("isNullObject", t === null);
    if (t === null) return;
    const nested = new Map<string, string[]>();
    for (const p of ps) {
      const [head, ...rest] = p.split("/");
      if (rest.length) {
        const list = nested.get(head) ?? [];
        list.push(rest.join("/"));
        nested.set(head, list);
      } else this.loaded.set(head, this.read(head, t));
    }
    for (const [head, rest] of nested) {
      const c = this.child(head);
      if (!c) throw new FakeApiError("InvalidArgument", `fake: cannot navigate ${this.constructor.name}.${head}`);
      c.applyLoad(rest);
    }
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw NOT_LOADED(prop);
    return this.loaded.get(prop) as T;
  }

  get isNullObject(): boolean {
    return this.get<boolean>("isNullObject");
  }

  protected queueSet(prop: string, fn: () => void): void {
    this.context.record(`${this.constructor.name}.${prop}=`);
    this.context.enqueue(fn);
  }
}

abstract class FakeCollection<T extends FakeObject> extends FakeObject {
  private _items?: T[];
  protected abstract materialize(): T[];
  get items(): T[] {
    if (!this._items) throw NOT_LOADED("items");
    return this._items;
  }
  protected override target(): unknown {
    return {};
  }
  protected override read(prop: string): unknown {
    throw new FakeApiError("InvalidArgument", `fake: collections load items/..., not ${prop}`);
  }
  override applyLoad(ps: string[]): void {
    this.loaded.set("isNullObject", false);
    this._items = this.materialize();
    const itemPaths = ps.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    if (itemPaths.length !== ps.length) throw new FakeApiError("InvalidArgument", `fake: unsupported collection load ${ps.join(",")}`);
    for (const it of this._items) it.applyLoad(itemPaths);
  }
}

// ---------------------------------------------------------------- workbook, sheets, settings

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  readonly comments: FakeWorkbookComments;
  constructor(readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.settings = new FakeSettingCollection(context);
    this.comments = new FakeWorkbookComments(context);
  }
}

type EventHandler = (args: unknown) => Promise<void> | void;

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  readonly onChanged = {
    add: (handler: EventHandler) => {
      this.context.record("WorksheetCollection.onChanged.add");
      const ctx = this.context;
      const handlers = eventHandlers(ctx.model);
      const reg = {
        context: ctx,
        remove: () => {
          ctx.record("EventHandlerResult.remove");
          ctx.enqueue(() => handlers.delete(handler));
        },
      };
      ctx.enqueue(() => handlers.add(handler));
      return reg;
    },
  };
  protected materialize(): FakeWorksheet[] {
    return this.context.model.sheets.map((s) => new FakeWorksheet(this.context, () => s));
  }
  getActiveWorksheet(): FakeWorksheet {
    this.context.record("WorksheetCollection.getActiveWorksheet()");
    const m = this.context.model;
    return new FakeWorksheet(this.context, () => m.sheets.find((s) => s.id === m.activeId) ?? null);
  }
  getItem(nameOrId: string): FakeWorksheet {
    this.context.record(`WorksheetCollection.getItem(${nameOrId})`);
    const m = this.context.model;
    return new FakeWorksheet(this.context, () => {
      const s = m.sheets.find((x) => x.name.toLowerCase() === nameOrId.toLowerCase() || x.id === nameOrId);
      if (!s) throw new FakeApiError("ItemNotFound", `The requested resource doesn't exist: ${nameOrId}`);
      return s;
    });
  }
  add(name: string): FakeWorksheet {
    this.context.record(`WorksheetCollection.add(${name})`);
    const m = this.context.model;
    let created: SheetModel | undefined;
    this.context.enqueue(() => {
      if (m.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new FakeApiError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
      created = m.addSheet(name);
    });
    return new FakeWorksheet(this.context, () => created ?? null);
  }
}

const handlersOf = new WeakMap<WorkbookModel, Set<EventHandler>>();
export function eventHandlers(model: WorkbookModel): Set<EventHandler> {
  let s = handlersOf.get(model);
  if (!s) handlersOf.set(model, (s = new Set()));
  return s;
}

/** Fire worksheet onChanged the way Excel does after an edit. */
export async function fireChanged(model: WorkbookModel, sheet: string, address: string, triggerSource: "ThisLocalAddin" | "Unknown" = "Unknown"): Promise<void> {
  const s = model.sheet(sheet);
  for (const h of eventHandlers(model)) await h({ worksheetId: s.id, address, triggerSource, changeType: "RangeEdited", source: "Local", type: "WorksheetChanged" });
}

export class FakeWorksheet extends FakeObject {
  constructor(context: FakeContext, private readonly resolve: () => SheetModel | null) {
    super(context);
  }
  model(): SheetModel {
    const s = this.resolve();
    if (!s) throw new FakeApiError("ItemNotFound", "The worksheet does not exist.");
    return s;
  }
  protected target(): unknown {
    return this.resolve();
  }
  protected read(prop: string, t: unknown): unknown {
    const s = t as SheetModel;
    if (prop === "name") return s.name;
    if (prop === "visibility") return s.visibility;
    if (prop === "id") return s.id;
    throw new FakeApiError("InvalidArgument", `fake: Worksheet.${prop} not modelled`);
  }
  get name(): string {
    return this.get("name");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  get id(): string {
    return this.get("id");
  }
  set visibility(v: string) {
    this.queueSet("visibility", () => (this.model().visibility = v as SheetModel["visibility"]));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.context.record(`Worksheet.getUsedRangeOrNullObject(${valuesOnly})`);
    return new FakeRange(this.context, this, () => {
      const s = this.model();
      let top = Infinity, left = Infinity, bottom = -1, right = -1;
      for (const [k, c] of s.cells) {
        if (c.value === "" && !c.formula) continue;
        const [r, col] = k.split(",").map(Number);
        top = Math.min(top, r); left = Math.min(left, col); bottom = Math.max(bottom, r); right = Math.max(right, col);
      }
      return bottom < 0 ? null : { top, left, bottom, right };
    });
  }
  getRange(address?: string): FakeRange {
    this.context.record(`Worksheet.getRange(${address ?? ""})`);
    return new FakeRange(this.context, this, () => (address === undefined ? { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL } : parseAddress(address)));
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.context.record(`Worksheet.getRangeByIndexes(${row},${col},${rows},${cols})`);
    return new FakeRange(this.context, this, () => ({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }));
  }
  getRanges(address: string): FakeRangeAreas {
    this.context.record(`Worksheet.getRanges(${address.length} chars)`);
    if (address.length > 8192) throw new Error("fake: getRanges address over 8,192 characters (Excel truncates silently)");
    return new FakeRangeAreas(this.context, this, () => address.split(",").map(parseAddress));
  }
  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.context, this);
  }
  get comments(): FakeSheetComments {
    return new FakeSheetComments(this.context, this);
  }
  get freezePanes() {
    return { freezeRows: (n: number) => this.queueSet("freezePanes.freezeRows", () => (this.model().frozenRows = n)) };
  }
  get protection() {
    return { protect: (opts?: unknown) => this.queueSet(`protection.protect(${JSON.stringify(opts)})`, () => (this.model().protected = true)) };
  }
  get pageLayout() {
    const set = (k: string) => (v: unknown) => this.queueSet(`pageLayout.${k}`, () => (this.model().pageLayout[k] = v));
    const pl = {
      setPrintTitleRows: (rows: string) => set("printTitleRows")(rows),
    };
    for (const k of ["orientation", "paperSize", "zoom"]) Object.defineProperty(pl, k, { set: set(k) });
    return pl;
  }
  activate(): void {
    this.queueSet("activate()", () => (this.context.model.activeId = this.model().id));
  }
  delete(): void {
    this.queueSet("delete()", () => {
      const m = this.context.model;
      const s = this.model();
      m.sheets = m.sheets.filter((x) => x !== s);
      if (m.activeId === s.id) m.activeId = m.sheets[0]?.id ?? "";
    });
  }
}

export class FakeSettingCollection extends FakeObject {
  protected target(): unknown {
    return {};
  }
  protected read(): unknown {
    throw new Error("fake: not modelled");
  }
  add(key: string, value: unknown): void {
    this.queueSet(`settings.add(${key})`, () => this.context.model.settings.set(key, JSON.parse(JSON.stringify(value))));
  }
  getItemOrNullObject(key: string): FakeSetting {
    this.context.record(`SettingCollection.getItemOrNullObject(${key})`);
    return new FakeSetting(this.context, key, true);
  }
  getItem(key: string): FakeSetting {
    this.context.record(`SettingCollection.getItem(${key})`);
    return new FakeSetting(this.context, key, false);
  }
}

export class FakeSetting extends FakeObject {
  constructor(context: FakeContext, private readonly key: string, private readonly orNull: boolean) {
    super(context);
  }
  protected target(): unknown {
    const m = this.context.model.settings;
    if (!m.has(this.key)) {
      if (this.orNull) return null;
      throw new FakeApiError("ItemNotFound", `setting ${this.key}`);
    }
    return { value: m.get(this.key) };
  }
  protected read(prop: string, t: unknown): unknown {
    if (prop !== "value") throw new Error(`fake: Setting.${prop}`);
    return (t as { value: unknown }).value;
  }
  get value(): unknown {
    return this.get("value");
  }
  delete(): void {
    this.queueSet("Setting.delete()", () => {
      this.target();
      this.context.model.settings.delete(this.key);
    });
  }
}

// ---------------------------------------------------------------- ranges

function cellValueOf(s: SheetModel, r: number, c: number) {
  return s.cells.get(key(r, c));
}

/**
 * The fake does not calculate. A HYPERLINK shows its friendly name; any other formula reads as 0,
 * which is what Excel shows for the sums of an empty template.
 */
function formulaResult(f: string): string | number {
  const link = /^=HYPERLINK\(".*?","(.*)"\)$/.exec(f);
  return link ? link[1].replace(/""/g, '"') : 0;
}

function writeCell(s: SheetModel, r: number, c: number, v: unknown, asFormula: boolean): void {
  if (v === "" || v === null || v === undefined) {
    s.cells.delete(key(r, c));
    return;
  }
  if (typeof v === "string" && asFormula && v.startsWith("=")) {
    s.cells.set(key(r, c), { value: formulaResult(v), formula: v });
    return;
  }
  if (typeof v === "string" && v.startsWith("'")) {
    s.cells.set(key(r, c), { value: v.slice(1) });
    return;
  }
  const nf = s.numberFormats.get(key(r, c));
  if (typeof v === "string" && v.startsWith("=") && nf !== "@") {
    s.cells.set(key(r, c), { value: formulaResult(v), formula: v });
    return;
  }
  s.cells.set(key(r, c), { value: v as string | number | boolean });
}

class FakeFormat {
  constructor(private readonly owner: { context: FakeContext; rects(): { sheet: SheetModel; rects: Rect[] } }) {}
  private setAll(prop: string, v: unknown) {
    this.owner.context.record(`format.${prop}=`);
    this.owner.context.enqueue(() => {
      const { sheet, rects } = this.owner.rects();
      for (const r of rects) {
        if (prop === "columnWidth") for (let c = r.left; c <= r.right; c++) sheet.columnWidths.set(c, v as number);
        else if (prop === "rowHeight") for (let rr = r.top; rr <= r.bottom; rr++) sheet.rowHeights.set(rr, v as number);
        else {
          if (r.bottom - r.top > 5000 || r.right - r.left > 500) continue; // whole columns: not tracked per cell
          for (let rr = r.top; rr <= r.bottom; rr++)
            for (let c = r.left; c <= r.right; c++) {
              if (prop === "fill.color") sheet.fills.set(key(rr, c), v as string);
              else {
                const f = sheet.formats.get(key(rr, c)) ?? {};
                f[prop] = v;
                sheet.formats.set(key(rr, c), f);
              }
            }
        }
      }
    });
  }
  get font() {
    const o = {};
    for (const p of ["bold", "size", "color", "italic"]) Object.defineProperty(o, p, { set: (v) => this.setAll(`font.${p}`, v) });
    return o;
  }
  get fill() {
    const o = {};
    Object.defineProperty(o, "color", { set: (v) => this.setAll("fill.color", v) });
    return o;
  }
  get protection() {
    const o = {};
    Object.defineProperty(o, "locked", { set: (v) => this.setAll("locked", v) });
    return o;
  }
  get borders() {
    return {
      getItem: (edge: string) => {
        const o = {};
        Object.defineProperty(o, "style", { set: (v) => this.setAll(`border.${edge}`, v) });
        return o;
      },
    };
  }
  set horizontalAlignment(v: string) {
    this.setAll("horizontalAlignment", v);
  }
  set verticalAlignment(v: string) {
    this.setAll("verticalAlignment", v);
  }
  set wrapText(v: boolean) {
    this.setAll("wrapText", v);
  }
  set columnWidth(v: number) {
    this.setAll("columnWidth", v);
  }
  set rowHeight(v: number) {
    this.setAll("rowHeight", v);
  }
  autofitColumns(): void {
    this.owner.context.record("format.autofitColumns()");
  }
}

function cfCollection(context: FakeContext, owner: { rects(): { sheet: SheetModel; rects: Rect[] } }) {
  return new FakeConditionalFormats(context, owner);
}

export class FakeRange extends FakeObject {
  constructor(context: FakeContext, readonly sheetProxy: FakeWorksheet, private readonly rectOf: () => Rect | null) {
    super(context);
  }
  rects(): { sheet: SheetModel; rects: Rect[] } {
    const r = this.rectOf();
    if (!r) throw new FakeApiError("InvalidOperation", "null range");
    return { sheet: this.sheetProxy.model(), rects: [r] };
  }
  protected target(): unknown {
    const r = this.rectOf();
    return r ? { sheet: this.sheetProxy.model(), rect: r } : null;
  }
  protected read(prop: string, t: unknown): unknown {
    const { sheet, rect } = t as { sheet: SheetModel; rect: Rect };
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    const grid = (f: (r: number, c: number) => unknown) => {
      this.context.countCells(rows * cols);
      return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(rect.top + i, rect.left + j)));
    };
    switch (prop) {
      case "address":
        return fullAddress(sheet.name, rect);
      case "rowCount":
        return rows;
      case "columnCount":
        return cols;
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "values":
        return grid((r, c) => cellValueOf(sheet, r, c)?.value ?? "");
      case "formulas":
        return grid((r, c) => {
          const cell = cellValueOf(sheet, r, c);
          return cell?.formula ?? cell?.value ?? "";
        });
      case "valueTypes":
        return grid((r, c) => {
          const cell = cellValueOf(sheet, r, c);
          if (!cell || cell.value === "") return "Empty";
          if (cell.error) return "Error";
          return typeof cell.value === "number" ? "Double" : typeof cell.value === "boolean" ? "Boolean" : "String";
        });
      default:
        throw new FakeApiError("InvalidArgument", `fake: Range.${prop} not modelled`);
    }
  }
  get address(): string {
    return this.get("address");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes");
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  private writeGrid(prop: string, grid: unknown[][], asFormula: boolean) {
    this.queueSet(prop, () => {
      const { sheet, rects } = this.rects();
      const r = rects[0];
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      if (grid.length !== rows || grid.some((row) => row.length !== cols))
        throw new FakeApiError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${prop}).`);
      grid.forEach((row, i) => row.forEach((v, j) => (prop === "numberFormat" ? sheet.numberFormats.set(key(r.top + i, r.left + j), String(v)) : writeCell(sheet, r.top + i, r.left + j, v, asFormula))));
    });
  }
  set values(v: unknown[][]) {
    this.writeGrid("values", v, false);
  }
  set formulas(v: unknown[][]) {
    this.writeGrid("formulas", v, true);
  }
  set numberFormat(v: unknown[][]) {
    this.writeGrid("numberFormat", v, false);
  }
  set columnHidden(v: boolean) {
    this.queueSet("columnHidden", () => {
      const r = this.rects().rects[0];
      for (let c = r.left; c <= r.right; c++) if (v) this.sheetProxy.model().hiddenColumns.add(c);
    });
  }
  get format(): FakeFormat {
    return new FakeFormat(this);
  }
  get conditionalFormats(): FakeConditionalFormats {
    return cfCollection(this.context, this);
  }
  get dataValidation() {
    const o = {};
    const rec = (k: string) => (v: unknown) =>
      this.queueSet(`dataValidation.${k}`, () => {
        const sheet = this.sheetProxy.model();
        const address = fullAddress(sheet.name, this.rects().rects[0]);
        let entry = sheet.validations.find((x) => x.address === address);
        if (!entry) sheet.validations.push((entry = { address, rule: undefined }));
        (entry as Record<string, unknown>)[k] = v;
      });
    Object.defineProperty(o, "rule", { set: rec("rule") });
    Object.defineProperty(o, "prompt", { set: rec("prompt") });
    return o;
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.context.record("Range.getMergedAreasOrNullObject()");
    return new FakeRangeAreas(this.context, this.sheetProxy, () => {
      const r = this.rectOf();
      if (!r) return null;
      const hits = this.sheetProxy.model().merges.filter((m) => intersects(m, r));
      return hits.length ? hits : null;
    });
  }
  merge(across?: boolean): void {
    this.queueSet(`merge(${across})`, () => this.sheetProxy.model().merges.push(this.rects().rects[0]));
  }
  clear(): void {
    this.queueSet("clear()", () => {
      const { sheet, rects } = this.rects();
      const r = rects[0];
      for (const k of [...sheet.cells.keys()]) {
        const [row, col] = k.split(",").map(Number);
        if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) {
          sheet.cells.delete(k);
          sheet.numberFormats.delete(k);
          sheet.formats.delete(k);
          sheet.fills.delete(k);
        }
      }
    });
  }
  select(): void {
    this.queueSet("select()", () => {
      const { sheet, rects } = this.rects();
      this.context.model.activeId = sheet.id;
      this.context.model.selection = { sheet: sheet.name, address: fullAddress(sheet.name, rects[0]) };
    });
  }
}

export class FakeRangeAreas extends FakeObject {
  constructor(context: FakeContext, readonly sheetProxy: FakeWorksheet, private readonly areasOf: () => Rect[] | null) {
    super(context);
  }
  rects(): { sheet: SheetModel; rects: Rect[] } {
    const a = this.areasOf();
    if (!a) throw new FakeApiError("InvalidOperation", "null range areas");
    return { sheet: this.sheetProxy.model(), rects: a };
  }
  protected target(): unknown {
    const a = this.areasOf();
    return a ? { sheet: this.sheetProxy.model(), areas: a } : null;
  }
  protected read(prop: string, t: unknown): unknown {
    const { sheet, areas } = t as { sheet: SheetModel; areas: Rect[] };
    if (prop === "address") return areas.map((r) => fullAddress(sheet.name, r)).join(",");
    if (prop === "areaCount") return areas.length;
    throw new FakeApiError("InvalidArgument", `fake: RangeAreas.${prop} not modelled`);
  }
  get address(): string {
    return this.get("address");
  }
  get format(): FakeFormat {
    return new FakeFormat(this);
  }
  get conditionalFormats(): FakeConditionalFormats {
    return cfCollection(this.context, this);
  }
}

// ---------------------------------------------------------------- conditional formats

export class FakeConditionalFormats extends FakeCollection<FakeConditionalFormat> {
  constructor(context: FakeContext, private readonly owner: { rects(): { sheet: SheetModel; rects: Rect[] } }) {
    super(context);
  }
  protected materialize(): FakeConditionalFormat[] {
    const { sheet, rects } = this.owner.rects();
    return sheet.cfs.filter((cf) => cf.areas.some((a) => rects.some((r) => intersects(a, r)))).map((cf) => new FakeConditionalFormat(this.context, sheet, () => cf));
  }
  add(type: string): FakeConditionalFormat {
    this.context.record(`ConditionalFormatCollection.add(${type})`);
    let created: CFModel | undefined;
    let sheetRef: SheetModel | undefined;
    this.context.enqueue(() => {
      const { sheet, rects } = this.owner.rects();
      sheetRef = sheet;
      created = { id: this.context.model.cfSeq++, areas: rects.map((r) => ({ ...r })), type };
      sheet.cfs.push(created);
    });
    return new FakeConditionalFormat(this.context, undefined, () => created ?? null, () => sheetRef);
  }
}

export class FakeConditionalFormat extends FakeObject {
  constructor(context: FakeContext, private readonly sheet: SheetModel | undefined, private readonly cfOf: () => CFModel | null, private readonly sheetOf?: () => SheetModel | undefined) {
    super(context);
  }
  private cf(): CFModel {
    const c = this.cfOf();
    if (!c) throw new FakeApiError("ItemNotFound", "conditional format");
    return c;
  }
  protected target(): unknown {
    return this.cfOf();
  }
  protected read(prop: string, t: unknown): unknown {
    if (prop === "type") return (t as CFModel).type;
    throw new FakeApiError("InvalidArgument", `fake: ConditionalFormat.${prop}`);
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "customOrNullObject") return this.customOrNullObject;
    if (prop === "custom") return this.custom;
    return undefined;
  }
  get type(): string {
    return this.get("type");
  }
  private customProxy(orNull: boolean): FakeCustomCF {
    return new FakeCustomCF(this.context, () => {
      const c = this.cf();
      if (c.type !== "Custom") {
        if (orNull) return null;
        throw new FakeApiError("InvalidArgument", "The conditional format is not of type custom.");
      }
      return c;
    });
  }
  private _custom?: FakeCustomCF;
  private _customOrNull?: FakeCustomCF;
  get custom(): FakeCustomCF {
    return (this._custom ??= this.customProxy(false));
  }
  get customOrNullObject(): FakeCustomCF {
    return (this._customOrNull ??= this.customProxy(true));
  }
  delete(): void {
    this.queueSet("ConditionalFormat.delete()", () => {
      const c = this.cf();
      const sheet = this.sheet ?? this.sheetOf?.();
      if (sheet) sheet.cfs = sheet.cfs.filter((x) => x !== c);
    });
  }
}

export class FakeCustomCF extends FakeObject {
  readonly rule: FakeCFRule;
  constructor(context: FakeContext, private readonly cfOf: () => CFModel | null) {
    super(context);
    this.rule = new FakeCFRule(context, cfOf);
  }
  protected target(): unknown {
    return this.cfOf();
  }
  protected read(prop: string): unknown {
    throw new FakeApiError("InvalidArgument", `fake: CustomConditionalFormat.${prop}`);
  }
  protected override child(prop: string): FakeObject | undefined {
    return prop === "rule" ? this.rule : undefined;
  }
  get format() {
    const fill = {};
    Object.defineProperty(fill, "color", {
      set: (v: string) =>
        this.queueSet("custom.format.fill.color", () => {
          const c = this.cfOf();
          if (!c) throw new FakeApiError("InvalidArgument", "not custom");
          c.fill = v;
        }),
    });
    return { fill };
  }
}

export class FakeCFRule extends FakeObject {
  constructor(context: FakeContext, private readonly cfOf: () => CFModel | null) {
    super(context);
  }
  protected target(): unknown {
    return this.cfOf();
  }
  protected read(prop: string, t: unknown): unknown {
    if (prop === "formula") return (t as CFModel).formula ?? "";
    throw new FakeApiError("InvalidArgument", `fake: ConditionalFormatRule.${prop}`);
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(v: string) {
    this.queueSet("custom.rule.formula", () => {
      const c = this.cfOf();
      if (!c) throw new FakeApiError("InvalidArgument", "not custom");
      c.formula = v;
    });
  }
}

// ---------------------------------------------------------------- notes and comments

function cellKeyOf(addr: string): string {
  const r = parseAddress(addr);
  if (r.top !== r.bottom || r.left !== r.right) throw new FakeApiError("InvalidCellAddress", `not a single cell: ${addr}`);
  return a1(r.top, r.left);
}

export class FakeNoteCollection extends FakeObject {
  constructor(context: FakeContext, private readonly ws: FakeWorksheet) {
    super(context);
  }
  protected target(): unknown {
    return {};
  }
  protected read(): unknown {
    throw new Error("fake: NoteCollection load not modelled");
  }
  getItemOrNullObject(addr: string): FakeNote {
    this.context.record(`NoteCollection.getItemOrNullObject(${addr})`);
    return new FakeNote(this.context, this.ws, cellKeyOf(addr));
  }
  add(addr: string, content: string): void {
    this.queueSet(`NoteCollection.add(${addr})`, () => {
      const s = this.ws.model();
      const k = cellKeyOf(addr);
      if (s.notes.has(k)) throw new FakeApiError("InvalidArgument", `a note already exists at ${k}`);
      s.notes.set(k, content);
    });
  }
}

export class FakeNote extends FakeObject {
  constructor(context: FakeContext, private readonly ws: FakeWorksheet, private readonly cell: string) {
    super(context);
  }
  protected target(): unknown {
    const s = this.ws.model();
    return s.notes.has(this.cell) ? { content: s.notes.get(this.cell) } : null;
  }
  protected read(prop: string, t: unknown): unknown {
    if (prop === "content") return (t as { content: string }).content;
    throw new FakeApiError("InvalidArgument", `fake: Note.${prop}`);
  }
  get content(): string {
    return this.get("content");
  }
  set content(v: string) {
    this.queueSet("Note.content", () => {
      const s = this.ws.model();
      if (!s.notes.has(this.cell)) throw new FakeApiError("ItemNotFound", "note");
      s.notes.set(this.cell, v);
    });
  }
  delete(): void {
    this.queueSet("Note.delete()", () => {
      const s = this.ws.model();
      if (!s.notes.delete(this.cell)) throw new FakeApiError("ItemNotFound", "note");
    });
  }
}

export class FakeSheetComments extends FakeCollection<FakeComment> {
  constructor(context: FakeContext, private readonly ws: FakeWorksheet) {
    super(context);
  }
  protected materialize(): FakeComment[] {
    const s = this.ws.model();
    return s.comments.map((c) => new FakeComment(this.context, this.ws, c));
  }
}

export class FakeWorkbookComments extends FakeObject {
  protected target(): unknown {
    return {};
  }
  protected read(): unknown {
    throw new Error("fake: not modelled");
  }
  add(address: string, content: string): void {
    this.queueSet(`CommentCollection.add(${address})`, () => {
      const i = address.lastIndexOf("!");
      if (i < 0) throw new FakeApiError("InvalidArgument", "comment address needs the sheet name");
      const sheetName = address.slice(0, i).replace(/^'|'$/g, "").replace(/''/g, "'");
      const s = this.context.model.sheet(sheetName);
      const cell = cellKeyOf(address.slice(i + 1));
      if (s.comments.some((c) => c.cell === cell)) throw new FakeApiError("InvalidArgument", `a comment already exists at ${cell}`);
      s.comments.push({ id: `c${this.context.model.commentSeq++}`, cell, content });
    });
  }
}

export class FakeComment extends FakeObject {
  constructor(context: FakeContext, private readonly ws: FakeWorksheet, private readonly c: CommentModel) {
    super(context);
  }
  protected target(): unknown {
    return this.ws.model().comments.includes(this.c) ? this.c : null;
  }
  protected read(prop: string, t: unknown): unknown {
    const c = t as CommentModel;
    if (prop === "content") return c.content;
    if (prop === "id") return c.id;
    throw new FakeApiError("InvalidArgument", `fake: Comment.${prop}`);
  }
  get content(): string {
    return this.get("content");
  }
  set content(v: string) {
    this.queueSet("Comment.content", () => (this.c.content = v));
  }
  getLocation(): FakeRange {
    return new FakeRange(this.context, this.ws, () => parseAddress(this.c.cell));
  }
  delete(): void {
    this.queueSet("Comment.delete()", () => {
      const s = this.ws.model();
      s.comments = s.comments.filter((x) => x !== this.c);
    });
  }
}

/** ExcelApi 1.1 … 1.`maxMinor` supported, minus the versions in `missing` (e.g. ["1.9", "1.18"]). */
export function requirements(maxMinor = 20, missing: string[] = []) {
  return {
    isSetSupported(name: string, v = "1.1") {
      if (name !== "ExcelApi") return false;
      return Number(v.split(".")[1] ?? 0) <= maxMinor && !missing.includes(v);
    },
  };
}

export function asExcel(ctx: FakeContext): Excel.RequestContext {
  return ctx as unknown as Excel.RequestContext;
}
