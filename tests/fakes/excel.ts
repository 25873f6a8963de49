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

// ---------------------------------------------------------------- host profiles

/**
 * The hosts the add-in meets, by the highest ExcelApi minor version they support (Microsoft's
 * requirement-set table: Excel 2019 perpetual 1.8, Office 2021 1.14, Office 2024 1.17; Microsoft 365
 * and Excel on the web the current set). `web` turns on the 5 MB request/response payload limit,
 * which only Excel on the web enforces.
 */
export interface HostProfile {
  id: "excel2019" | "office2021" | "office2024" | "m365" | "web";
  label: string;
  /** Highest ExcelApi 1.x minor version supported. */
  api: number;
  web: boolean;
}

export const CURRENT_API = 20;
export const HOSTS: readonly HostProfile[] = [
  { id: "excel2019", label: "Excel 2019 (ExcelApi 1.8)", api: 8, web: false },
  { id: "office2021", label: "Office 2021 (ExcelApi 1.14)", api: 14, web: false },
  { id: "office2024", label: "Office 2024 (ExcelApi 1.17)", api: 17, web: false },
  { id: "m365", label: "Microsoft 365 desktop (current)", api: CURRENT_API, web: false },
  { id: "web", label: "Excel on the web (current)", api: CURRENT_API, web: true },
];
export const HOST = Object.fromEntries(HOSTS.map((h) => [h.id, h])) as Record<HostProfile["id"], HostProfile>;

/** Excel on the web: request and response payloads of one batch (Microsoft: "5 MB"). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** All platforms: cells one range read may return. */
export const MAX_READ_CELLS = 5_000_000;
/** Range.getMergedAreasOrNullObject fails when the range holds more merged areas than this. */
export const MAX_MERGED_AREAS = 512;

type Op = () => void;

export interface FakeOptions {
  /** The host being imitated (default: Microsoft 365 desktop). */
  host?: HostProfile;
  /** Cells one sync may return before the host refuses the request (a crude limit kept for old tests). */
  maxCellsPerSync?: number;
  /** Never resolve syncs after this many (a hung host). */
  hangAfterSyncs?: number;
  /** Excel.run({delayForCellEdit: true}): honoured from ExcelApi 1.11 on, ignored before. */
  delayForCellEdit?: boolean;
}

function apiNotFound(member: string, minor: number): FakeApiError {
  return new FakeApiError("ApiNotFound", `The API you are trying to use could not be found (${member}, ExcelApi 1.${minor}). It may be available in a newer version of Excel.`);
}

const utf8 = new TextEncoder();
/** Byte size of a value as it would travel in a batch: its JSON text in UTF-8 (a Chinese character is 3 bytes). */
function bytesOf(v: unknown): number {
  if (v === undefined) return 4;
  try {
    const j = JSON.stringify(v);
    return j === undefined ? 4 : utf8.encode(j).length;
  } catch {
    return 16;
  }
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly host: HostProfile;
  syncCount = 0;
  readonly calls: string[] = [];
  private queue: Op[] = [];
  private staged: Op[] = [];
  loadedCellsThisSync = 0;
  /** Bytes of the batch being queued (web metering) and the largest request/response seen. */
  requestBytes = 0;
  private responseBytes = 0;
  maxRequestBytes = 0;
  maxResponseBytes = 0;

  constructor(readonly model: WorkbookModel, readonly options: FakeOptions = {}) {
    this.host = options.host ?? HOST.m365;
    this.workbook = new FakeWorkbook(this);
  }

  /** Every call, proxy and property access queues something the host must be sent. */
  record(call: string): void {
    this.calls.push(call);
    this.requestBytes += bytesOf(call) + 24;
  }

  meter(bytes: number): void {
    this.requestBytes += bytes;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** A member that needs ExcelApi 1.`minor`: on older hosts the batch fails with ApiNotFound at sync. */
  gate(minor: number, member: string): boolean {
    if (this.host.api >= minor) return true;
    this.enqueue(() => {
      throw apiNotFound(member, minor);
    });
    return false;
  }

  /** A write: counted for injected faults; nothing is rolled back when a later one fails. */
  enqueueWrite(op: Op): void {
    this.queue.push(() => {
      const f = this.model.faults;
      if (f.failWriteAt !== undefined) {
        f.writesSeen = (f.writesSeen ?? 0) + 1;
        if (f.writesSeen === f.failWriteAt) {
          const code = f.failWriteCode ?? "GeneralException";
          this.model.faults = {};
          throw new FakeApiError(code, `fake: write ${f.writesSeen} refused (${code})`);
        }
      }
      op();
    });
  }

  /** A load's result, delivered only if the whole batch succeeds (a failed sync loads nothing). */
  stage(commit: Op, bytes: number): void {
    this.staged.push(commit);
    this.responseBytes += bytes;
  }

  countCells(n: number): void {
    this.loadedCellsThisSync += n;
    const max = this.options.maxCellsPerSync;
    if (max !== undefined && this.loadedCellsThisSync > max) throw new FakeApiError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
  }

  async sync(): Promise<void> {
    this.syncCount++;
    this.calls.push("context.sync()");
    if (this.options.hangAfterSyncs !== undefined && this.syncCount > this.options.hangAfterSyncs) return new Promise<void>(() => undefined);
    const ops = this.queue;
    const requestBytes = this.requestBytes;
    this.queue = [];
    this.staged = [];
    this.requestBytes = 0;
    this.responseBytes = 0;
    this.loadedCellsThisSync = 0;
    this.maxRequestBytes = Math.max(this.maxRequestBytes, requestBytes);
    if (this.host.web && requestBytes > PAYLOAD_LIMIT_BYTES)
      throw new FakeApiError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${requestBytes} bytes).`);
    if (this.model.cellEditing) {
      if (this.options.delayForCellEdit && this.host.api >= 11) await this.model.cellEditEnded();
      else throw new FakeApiError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
    }
    // Ops run in order; a failing op ends the batch with earlier writes kept (no rollback) and no loads delivered.
    for (const op of ops) op();
    this.maxResponseBytes = Math.max(this.maxResponseBytes, this.responseBytes);
    if (this.host.web && this.responseBytes > PAYLOAD_LIMIT_BYTES)
      throw new FakeApiError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${this.responseBytes} bytes).`);
    for (const c of this.staged) c();
    this.staged = [];
  }
}

/** Excel.run for one fake host: `run(fn)` or `run({delayForCellEdit}, fn)`; every context is kept for inspection. */
export function fakeExcelRun(model: WorkbookModel, host: HostProfile = HOST.m365, extra: Omit<FakeOptions, "host" | "delayForCellEdit"> = {}) {
  const contexts: FakeContext[] = [];
  const run = async <T,>(a: unknown, b?: unknown): Promise<T> => {
    const opts = (typeof a === "function" ? {} : a) as { delayForCellEdit?: boolean };
    const fn = (typeof a === "function" ? a : b) as (ctx: Excel.RequestContext) => Promise<T>;
    const ctx = new FakeContext(model, { ...extra, host, delayForCellEdit: opts.delayForCellEdit });
    contexts.push(ctx);
    return fn(ctx as unknown as Excel.RequestContext);
  };
  return { run, contexts };
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
    const got = new Map<string, unknown>([["isNullObject", t === null]]);
    const commit = () => {
      for (const [k, v] of got) this.loaded.set(k, v);
    };
    if (t === null) {
      this.context.stage(commit, 8);
      return;
    }
    const nested = new Map<string, string[]>();
    let bytes = 8;
    for (const p of ps) {
      const [head, ...rest] = p.split("/");
      if (rest.length) {
        const list = nested.get(head) ?? [];
        list.push(rest.join("/"));
        nested.set(head, list);
      } else {
        const v = this.read(head, t);
        got.set(head, v);
        bytes += head.length + bytesOf(v);
      }
    }
    this.context.stage(commit, bytes);
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

  /** Queue a write; `sheet` (when given) must not be protected. */
  protected queueSet(prop: string, fn: () => void, value?: unknown): void {
    this.context.record(`${this.constructor.name}.${prop}=`);
    if (value !== undefined) this.context.meter(bytesOf(value));
    this.context.enqueueWrite(fn);
  }
}

/** Protected sheets refuse writes (AccessDenied), except formatting when the protection allows it. */
function assertWritable(sheet: SheetModel, kind: "cells" | "format" | "objects" = "cells"): void {
  if (!sheet.protected) return;
  const o = sheet.protectionOptions ?? {};
  if (kind === "format" && o.allowFormatCells) return;
  if (kind === "objects" && o.allowEditObjects) return;
  throw new FakeApiError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
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
    const items = this.materialize();
    const itemPaths = ps.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    if (itemPaths.length !== ps.length) throw new FakeApiError("InvalidArgument", `fake: unsupported collection load ${ps.join(",")}`);
    this.context.stage(() => {
      this.loaded.set("isNullObject", false);
      this._items = items;
    }, 16);
    for (const it of items) it.applyLoad(itemPaths);
  }
}

// ---------------------------------------------------------------- workbook, sheets, settings

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  readonly comments: FakeWorkbookComments;
  readonly functions: FakeFunctions;
  constructor(readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.settings = new FakeSettingCollection(context);
    this.comments = new FakeWorkbookComments(context);
    this.functions = new FakeFunctions(context);
  }
  /** Present only when the model has custom properties, so tests that do not model them record nothing new. */
  get properties(): { custom: FakeCustomPropertyCollection } | undefined {
    return this.context.model.customProperties ? { custom: new FakeCustomPropertyCollection(this.context) } : undefined;
  }
}

/** A custom document property (ExcelApi 1.7): key and value. */
export class FakeCustomProperty extends FakeObject {
  constructor(
    context: FakeContext,
    private readonly k: string,
  ) {
    super(context);
  }
  protected target(): unknown {
    const m = this.context.model.customProperties;
    return m?.has(this.k) ? { key: this.k, value: m.get(this.k) } : null;
  }
  protected read(prop: string, t: unknown): unknown {
    if (prop !== "key" && prop !== "value") throw new Error(`fake: CustomProperty.${prop}`);
    return (t as Record<string, unknown>)[prop];
  }
  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
}

/** Workbook.properties.custom: load("items/key,items/value") and add(key, value). */
export class FakeCustomPropertyCollection extends FakeCollection<FakeCustomProperty> {
  protected materialize(): FakeCustomProperty[] {
    return [...(this.context.model.customProperties ?? new Map()).keys()].map((k) => new FakeCustomProperty(this.context, k));
  }
  add(key: string, value: unknown): void {
    this.queueSet(`custom.add(${key})`, () => void (this.context.model.customProperties ??= new Map()).set(key, value), value);
  }
}

/** Workbook.functions (ExcelApi 1.2): the worksheet functions the adapter calls, evaluated in the workbook's date system. */
export class FakeFunctions {
  constructor(private readonly context: FakeContext) {}
  /** DATE(y, m, d): the serial in the workbook's date system; #NUM! before its first day, as in Excel. */
  date(y: number, m: number, d: number): FakeFunctionResult {
    this.context.record(`Functions.date(${y},${m},${d})`);
    this.context.gate(2, "Functions.date");
    return new FakeFunctionResult(this.context, () => {
      const n = dateSerial(y, m, d) - (this.context.model.date1904 ? DAYS_1900_TO_1904 : 0);
      return n < 0 ? { error: "#NUM!" } : { value: n };
    });
  }
}

export class FakeFunctionResult extends FakeObject {
  constructor(context: FakeContext, private readonly compute: () => { value?: number; error?: string }) {
    super(context);
  }
  protected target(): unknown {
    return this.compute();
  }
  protected read(prop: string, t: unknown): unknown {
    const r = t as { value?: number; error?: string };
    if (prop === "value") return r.value;
    if (prop === "error") return r.error;
    throw new FakeApiError("InvalidArgument", `fake: FunctionResult.${prop}`);
  }
  get value(): number | undefined {
    return this.get("value");
  }
  get error(): string | undefined {
    return this.get("error");
  }
}

type EventHandler = (args: unknown) => Promise<void> | void;

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  readonly onChanged = {
    add: (handler: EventHandler) => {
      this.context.record("WorksheetCollection.onChanged.add");
      const ctx = this.context;
      const handlers = eventHandlers(ctx.model);
      const entry = { handler, host: ctx.host };
      const reg = {
        context: ctx,
        remove: () => {
          ctx.record("EventHandlerResult.remove");
          ctx.enqueue(() => handlers.delete(entry));
        },
      };
      // WorksheetCollection.onChanged is ExcelApi 1.9 (Worksheet.onChanged is 1.7).
      if (ctx.gate(9, "WorksheetCollection.onChanged")) ctx.enqueue(() => handlers.add(entry));
      return reg;
    },
  };
  /** WorksheetCollection.onActivated (ExcelApi 1.7, so on every profile): the user switched sheets. */
  readonly onActivated = {
    add: (handler: EventHandler) => {
      this.context.record("WorksheetCollection.onActivated.add");
      const ctx = this.context;
      const handlers = activationHandlers(ctx.model);
      const reg = {
        context: ctx,
        remove: () => {
          ctx.record("EventHandlerResult.remove");
          ctx.enqueue(() => handlers.delete(handler));
        },
      };
      if (ctx.gate(7, "WorksheetCollection.onActivated")) ctx.enqueue(() => handlers.add(handler));
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
  getItemOrNullObject(nameOrId: string): FakeWorksheet {
    this.context.record(`WorksheetCollection.getItemOrNullObject(${nameOrId})`);
    const m = this.context.model;
    return new FakeWorksheet(this.context, () => m.sheets.find((x) => x.name.toLowerCase() === nameOrId.toLowerCase() || x.id === nameOrId) ?? null);
  }
  add(name: string): FakeWorksheet {
    this.context.record(`WorksheetCollection.add(${name})`);
    const m = this.context.model;
    let created: SheetModel | undefined;
    this.context.enqueueWrite(() => {
      if (m.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new FakeApiError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
      created = m.addSheet(name);
    });
    return new FakeWorksheet(this.context, () => created ?? null);
  }
}

interface Registration {
  handler: EventHandler;
  host: HostProfile;
}
const handlersOf = new WeakMap<WorkbookModel, Set<Registration>>();
export function eventHandlers(model: WorkbookModel): Set<Registration> {
  let s = handlersOf.get(model);
  if (!s) handlersOf.set(model, (s = new Set()));
  return s;
}

const activatedOf = new WeakMap<WorkbookModel, Set<EventHandler>>();
export function activationHandlers(model: WorkbookModel): Set<EventHandler> {
  let s = activatedOf.get(model);
  if (!s) activatedOf.set(model, (s = new Set()));
  return s;
}

/** The user activates another sheet: the model's active sheet changes and onActivated fires. */
export async function fireActivated(model: WorkbookModel, sheet: string): Promise<void> {
  const s = model.sheet(sheet);
  model.activeId = s.id;
  for (const h of [...activationHandlers(model)]) await h({ worksheetId: s.id, type: "WorksheetActivated", source: "Local" });
}

export interface ChangeOptions {
  /** ExcelApi 1.14: ThisLocalAddin for our own writes; absent on older hosts. */
  triggerSource?: "ThisLocalAddin" | "Unknown";
  /** Local: this user; Remote: a co-author's edit arriving through co-authoring. */
  source?: "Local" | "Remote";
  /** The event reaches the handler this many ms late (events are asynchronous; they can arrive after our sync resolved). */
  delayMs?: number;
}

/** Fire worksheet onChanged the way Excel does after an edit, on any sheet. */
export async function fireChanged(model: WorkbookModel, sheet: string, address: string, opts: ChangeOptions | "ThisLocalAddin" | "Unknown" = {}): Promise<void> {
  const o: ChangeOptions = typeof opts === "string" ? { triggerSource: opts } : opts;
  const s = model.sheet(sheet);
  if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
  for (const { handler, host } of [...eventHandlers(model)]) {
    const args: Record<string, unknown> = { worksheetId: s.id, address, changeType: "RangeEdited", source: o.source ?? "Local", type: "WorksheetChanged" };
    if (host.api >= 14) args.triggerSource = o.triggerSource ?? "Unknown";
    await handler(args);
  }
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
  protected override child(prop: string): FakeObject | undefined {
    return prop === "protection" ? this.protection : undefined;
  }
  set name(v: string) {
    this.queueSet("name", () => {
      const m = this.context.model;
      const s = this.model();
      if (m.sheets.some((x) => x !== s && x.name.toLowerCase() === v.toLowerCase())) throw new FakeApiError("ItemAlreadyExists", `A sheet named ${v} already exists.`);
      s.name = v;
    });
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
    this.context.meter(address.length);
    this.context.gate(9, "Worksheet.getRanges");
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
  private _protection?: FakeWorksheetProtection;
  get protection(): FakeWorksheetProtection {
    return (this._protection ??= new FakeWorksheetProtection(this.context, this));
  }
  get pageLayout() {
    const set = (k: string) => (v: unknown) => {
      this.context.gate(9, "Worksheet.pageLayout");
      this.queueSet(`pageLayout.${k}`, () => (this.model().pageLayout[k] = v));
    };
    const pl = {
      setPrintTitleRows: (rows: string) => set("printTitleRows")(rows),
    };
    for (const k of ["orientation", "paperSize", "zoom", "leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"]) Object.defineProperty(pl, k, { set: set(k) });
    return pl;
  }
  /** Worksheet.horizontalPageBreaks (ExcelApi 1.9): `add` takes the first row of the new page, as a range or address. */
  get horizontalPageBreaks() {
    return {
      add: (at: string) => {
        this.context.gate(9, "Worksheet.horizontalPageBreaks");
        this.queueSet("horizontalPageBreaks.add", () => {
          const pl = this.model().pageLayout as Record<string, unknown>;
          pl.rowBreaks = [...((pl.rowBreaks as string[] | undefined) ?? []), at];
        });
      },
    };
  }
  activate(): void {
    this.queueSet("activate()", () => {
      const s = this.model();
      // Excel refuses to show a hidden sheet through activate(); it must be unhidden first.
      if (s.visibility !== "Visible") throw new FakeApiError("InvalidOperation", `The sheet ${s.name} is hidden and cannot be activated.`);
      this.context.model.activeId = s.id;
    });
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

export class FakeWorksheetProtection extends FakeObject {
  constructor(context: FakeContext, private readonly ws: FakeWorksheet) {
    super(context);
  }
  protected target(): unknown {
    return this.ws.model();
  }
  protected read(prop: string, t: unknown): unknown {
    if (prop === "protected") return (t as SheetModel).protected;
    throw new FakeApiError("InvalidArgument", `fake: WorksheetProtection.${prop} not modelled`);
  }
  get protected(): boolean {
    return this.get("protected");
  }
  protect(opts?: Record<string, unknown>): void {
    this.queueSet(`protection.protect(${JSON.stringify(opts)})`, () => {
      const s = this.ws.model();
      if (s.protected) throw new FakeApiError("InvalidOperation", "The sheet is already protected.");
      s.protected = true;
      s.protectionOptions = opts ?? {};
    });
  }
  unprotect(): void {
    this.queueSet("protection.unprotect()", () => {
      const s = this.ws.model();
      s.protected = false;
      s.protectionOptions = undefined;
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
    this.queueSet(`settings.add(${key})`, () => this.context.model.settings.set(key, JSON.parse(JSON.stringify(value))), value);
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

/** Serial of a date in the 1900 system minus its serial in the 1904 system. */
export const DAYS_1900_TO_1904 = 1462;

/** Days from Excel's 1900-system epoch (1899-12-30, which absorbs the 1900 leap-year bug for dates after February 1900). */
export function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * What Excel makes of text typed (or written through `values`/`formulas`) into a cell: a leading
 * apostrophe and the Text format ("@") keep text as text; under General, numbers, percentages,
 * dates and TRUE/FALSE become values and the cell takes the matching number format, as when a
 * user types them. Only the forms the add-in can meet are modelled (documented in docs/addin.md).
 */
export function coerceTyped(text: string, currentFormat: string | undefined, date1904 = false): { value: string | number | boolean; numberFormat?: string; formula?: string; quotePrefix?: boolean } {
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true };
  if (currentFormat === "@") return { value: text };
  if (text.startsWith("=") && text.length > 1) return { value: formulaResult(text), formula: text };
  const general = currentFormat === undefined || currentFormat === "General";
  const t = text.trim();
  let m: RegExpExecArray | null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  if ((m = /^([+-]?\d{1,3}(,\d{3})+)(\.\d+)?$/.exec(t))) return { value: Number(t.replace(/,/g, "")), numberFormat: general ? (m[3] ? "#,##0.00" : "#,##0") : undefined };
  if ((m = /^([+-]?(\d+\.?\d*|\.\d+))\s*%$/.exec(t))) {
    const decimals = (m[1].split(".")[1] ?? "").length;
    return { value: Number(m[1]) / 100, numberFormat: general ? (decimals ? `0.${"0".repeat(decimals)}%` : "0%") : undefined };
  }
  if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t)) || (m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return { value: dateSerial(y, mo, d) - (date1904 ? DAYS_1900_TO_1904 : 0), numberFormat: general ? (t.includes("年") ? 'yyyy"年"m"月"d"日"' : "yyyy/m/d") : undefined };
  }
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  return { value: text };
}

function writeCell(s: SheetModel, r: number, c: number, v: unknown, asFormula: boolean, date1904 = false): void {
  void asFormula; // Excel parses text written through values and formulas alike.
  const k = key(r, c);
  if (v === "" || v === null || v === undefined) {
    s.cells.delete(k);
    return;
  }
  if (typeof v !== "string") {
    s.cells.set(k, { value: v as number | boolean });
    return;
  }
  const out = coerceTyped(v, s.numberFormats.get(k), date1904);
  s.cells.set(k, out.formula ? { value: out.value, formula: out.formula } : { value: out.value });
  if (out.numberFormat) s.numberFormats.set(k, out.numberFormat);
}

/** The text Excel shows for a value under a number format (the subset the fake formats). */
export function displayText(v: string | number | boolean | undefined, fmt: string | undefined, date1904 = false): string {
  if (v === undefined || v === "") return "";
  if (typeof v !== "number" || !fmt || fmt === "General" || fmt === "@") return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  const pct = /^0(?:\.(0+))?%$/.exec(fmt);
  if (pct) return `${(v * 100).toFixed(pct[1]?.length ?? 0)}%`;
  if (/y/.test(fmt) && /d/.test(fmt)) {
    const d = new Date(Date.UTC(1899, 11, 30) + (v + (date1904 ? DAYS_1900_TO_1904 : 0)) * 86400000);
    const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    return fmt.includes("年") ? `${y}年${m}月${dd}日` : `${y}/${m}/${dd}`;
  }
  const fixed = /^(?:#,##)?0(?:\.(0+))?$/.exec(fmt);
  if (fixed) {
    const digits = fixed[1]?.length ?? 0;
    return fmt.startsWith("#,##") ? v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : v.toFixed(digits);
  }
  return String(v);
}

class FakeFormat {
  constructor(private readonly owner: { context: FakeContext; rects(): { sheet: SheetModel; rects: Rect[] } }) {}
  private setAll(prop: string, v: unknown) {
    this.owner.context.record(`format.${prop}=`);
    this.owner.context.meter(bytesOf(v));
    this.owner.context.enqueueWrite(() => {
      const { sheet, rects } = this.owner.rects();
      assertWritable(sheet, "format");
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
      if (rows * cols > MAX_READ_CELLS) throw new FakeApiError("RangeExceedsLimit", `The cell count in the range has exceeded the maximum supported number (${rows * cols} cells).`);
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
      case "numberFormat":
        return grid((r, c) => sheet.numberFormats.get(key(r, c)) ?? "General");
      case "text":
        return grid((r, c) => displayText(cellValueOf(sheet, r, c)?.value, sheet.numberFormats.get(key(r, c)), this.context.model.date1904));
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
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  get text(): string[][] {
    return this.get("text");
  }
  private writeGrid(prop: string, grid: unknown[][], asFormula: boolean) {
    this.context.meter(bytesOf(grid));
    this.queueSet(prop, () => {
      const { sheet, rects } = this.rects();
      assertWritable(sheet, prop === "numberFormat" ? "format" : "cells");
      const r = rects[0];
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      if (grid.length !== rows || grid.some((row) => row.length !== cols))
        throw new FakeApiError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${prop}).`);
      grid.forEach((row, i) => row.forEach((v, j) => (prop === "numberFormat" ? sheet.numberFormats.set(key(r.top + i, r.left + j), String(v)) : writeCell(sheet, r.top + i, r.left + j, v, asFormula, this.context.model.date1904))));
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
      assertWritable(this.sheetProxy.model(), "format");
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
        assertWritable(sheet);
        const address = fullAddress(sheet.name, this.rects().rects[0]);
        let entry = sheet.validations.find((x) => x.address === address);
        if (!entry) sheet.validations.push((entry = { address, rule: undefined }));
        (entry as Record<string, unknown>)[k] = v;
      });
    Object.defineProperty(o, "rule", { set: rec("rule") });
    Object.defineProperty(o, "prompt", { set: rec("prompt") });
    return o;
  }
  /**
   * ExcelApi 1.13. Fails when the range holds more than 512 merged areas (documented), and returns
   * only the merges whose top-left cell lies in the range (observed behaviour the adapter must not
   * rely on either way: it deduplicates, so "intersecting" would work too).
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.context.record("Range.getMergedAreasOrNullObject()");
    this.context.gate(13, "Range.getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.context, this.sheetProxy, () => {
      const r = this.rectOf();
      if (!r) return null;
      const hits = this.sheetProxy.model().merges.filter((m) => m.top >= r.top && m.top <= r.bottom && m.left >= r.left && m.left <= r.right);
      if (hits.length > MAX_MERGED_AREAS) throw new FakeApiError("GeneralException", `fake: ${hits.length} merged areas in ${fullAddress(this.sheetProxy.model().name, r)}; more than ${MAX_MERGED_AREAS} cannot be returned.`);
      return hits.length ? hits : null;
    });
  }
  /** Merging keeps the top-left value and clears the covered cells, as Excel does. */
  merge(across?: boolean): void {
    this.queueSet(`merge(${across})`, () => {
      const { sheet, rects } = this.rects();
      assertWritable(sheet);
      const r = rects[0];
      const areas: Rect[] = across ? Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ ...r, top: r.top + i, bottom: r.top + i })) : [r];
      for (const a of areas) {
        for (let y = a.top; y <= a.bottom; y++) for (let x = a.left; x <= a.right; x++) if (y !== a.top || x !== a.left) sheet.cells.delete(key(y, x));
        sheet.merges.push(a);
      }
    });
  }
  clear(): void {
    this.queueSet("clear()", () => {
      const { sheet, rects } = this.rects();
      assertWritable(sheet);
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
      if (sheet.visibility !== "Visible") throw new FakeApiError("InvalidOperation", `Cannot select a range on the hidden sheet ${sheet.name}.`);
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
    this.context.enqueueWrite(() => {
      const { sheet, rects } = this.owner.rects();
      assertWritable(sheet, "format");
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
      if (sheet) {
        assertWritable(sheet, "format");
        sheet.cfs = sheet.cfs.filter((x) => x !== c);
      }
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

export function cellKeyOf(addr: string): string {
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
    this.context.gate(18, "NoteCollection.getItemOrNullObject");
    return new FakeNote(this.context, this.ws, cellKeyOf(addr));
  }
  add(addr: string, content: string): FakeNote {
    this.context.gate(18, "NoteCollection.add");
    this.queueSet(`NoteCollection.add(${addr})`, () => {
      const s = this.ws.model();
      assertWritable(s, "objects");
      const k = cellKeyOf(addr);
      if (s.notes.has(k)) throw new FakeApiError("InvalidArgument", `a note already exists at ${k}`);
      // A cell holds a note or a threaded comment, never both.
      if (s.comments.some((c) => c.cell === k)) throw new FakeApiError("InvalidOperation", `The cell ${k} already has a threaded comment; it cannot also have a note.`);
      s.notes.set(k, content);
    }, content);
    return new FakeNote(this.context, this.ws, cellKeyOf(addr));
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
      assertWritable(s, "objects");
      if (!s.notes.has(this.cell)) throw new FakeApiError("ItemNotFound", "note");
      s.notes.set(this.cell, v);
    }, v);
  }
  delete(): void {
    this.queueSet("Note.delete()", () => {
      const s = this.ws.model();
      assertWritable(s, "objects");
      if (!s.notes.delete(this.cell)) throw new FakeApiError("ItemNotFound", "note");
      s.noteSizes.delete(this.cell);
    });
  }
  set width(v: number) {
    this.setSize("width", v);
  }
  set height(v: number) {
    this.setSize("height", v);
  }
  /** Note.width / height: ExcelApi 1.18, and "not supported in Excel on the web" (Microsoft's Note reference). */
  private setSize(prop: "width" | "height", v: number): void {
    if (!this.context.gate(18, `Note.${prop}`)) return;
    if (this.context.host.web) {
      this.context.enqueue(() => {
        throw new FakeApiError("ApiNotFound", `Note.${prop} is not supported in Excel on the web.`);
      });
      return;
    }
    this.queueSet(`Note.${prop}`, () => {
      const s = this.ws.model();
      assertWritable(s, "objects");
      if (!s.notes.has(this.cell)) throw new FakeApiError("ItemNotFound", "note");
      if (!(v > 0)) throw new FakeApiError("InvalidArgument", `Note.${prop} must be positive`);
      s.noteSizes.set(this.cell, { ...s.noteSizes.get(this.cell), [prop]: v });
    }, v);
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
  override load(spec?: string | string[]): this {
    this.context.gate(10, "CommentCollection.load");
    return super.load(spec);
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
    this.context.gate(10, "CommentCollection.add");
    this.queueSet(`CommentCollection.add(${address})`, () => {
      const i = address.lastIndexOf("!");
      if (i < 0) throw new FakeApiError("InvalidArgument", "comment address needs the sheet name");
      const sheetName = address.slice(0, i).replace(/^'|'$/g, "").replace(/''/g, "'");
      const s = this.context.model.sheet(sheetName);
      const cell = cellKeyOf(address.slice(i + 1));
      assertWritable(s, "objects");
      if (s.comments.some((c) => c.cell === cell)) throw new FakeApiError("InvalidArgument", `a comment already exists at ${cell}`);
      if (s.notes.has(cell)) throw new FakeApiError("InvalidOperation", `The cell ${cell} already has a note; it cannot also have a threaded comment.`);
      s.comments.push({ id: `c${this.context.model.commentSeq++}`, cell, content });
    }, content);
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
    this.queueSet("Comment.content", () => {
      assertWritable(this.ws.model(), "objects");
      this.c.content = v;
    }, v);
  }
  getLocation(): FakeRange {
    return new FakeRange(this.context, this.ws, () => parseAddress(this.c.cell));
  }
  delete(): void {
    this.queueSet("Comment.delete()", () => {
      const s = this.ws.model();
      assertWritable(s, "objects");
      s.comments = s.comments.filter((x) => x !== this.c);
    });
  }
}

/** The requirement checker of a host profile. */
export function hostRequirements(h: HostProfile) {
  // Office.context.platform: a few members (Note.width/height) exist in a set but not on the web.
  return { ...requirements(h.api, [], commonSetsOf(h)), platform: h.web ? "OfficeOnline" : "PC" };
}

/**
 * Common (non-Excel) requirement sets of a host profile, by highest minor version (Microsoft's Dialog API
 * requirement-set table): DialogApi 1.1 from Office 2016 on, so every profile; 1.2 (messageChild) from
 * Office 2021 volume-licensed and Microsoft 365 Version 2005 — not on a volume-licensed Excel 2019.
 */
export function commonSetsOf(h: HostProfile): Record<string, number> {
  return { DialogApi: h.api >= 14 ? 2 : 1 };
}

/**
 * ExcelApi 1.1 … 1.`maxMinor` supported, minus the versions in `missing` (e.g. ["1.9", "1.18"]); other sets as
 * listed in `common` (name → highest minor), minus "Name 1.x" entries in `missing` (e.g. ["DialogApi 1.1"]).
 */
export function requirements(maxMinor = 20, missing: string[] = [], common: Record<string, number> = {}) {
  return {
    isSetSupported(name: string, v = "1.1") {
      const minor = Number(v.split(".")[1] ?? 0);
      if (name !== "ExcelApi") return common[name] !== undefined && minor <= common[name] && !missing.includes(`${name} ${v}`);
      return minor <= maxMinor && !missing.includes(v);
    },
  };
}

export function asExcel(ctx: FakeContext): Excel.RequestContext {
  return ctx as unknown as Excel.RequestContext;
}
