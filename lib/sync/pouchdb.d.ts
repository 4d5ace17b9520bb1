// The part of PouchDB's API this app uses. (The community @types/pouchdb-* packages declare a
// global `Buffer` that breaks Node's own, so they are not used.)
declare namespace PouchDB {
  interface Response {
    ok: boolean;
    id: string;
    rev: string;
  }
  interface ErrorResponse {
    error: string | boolean;
    status?: number;
    id?: string;
    reason?: string;
    message?: string;
  }
  interface Change<T> {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    deleted?: boolean;
    doc?: T & { _id: string; _rev: string; _deleted?: boolean; _conflicts?: string[] };
  }
  interface ChangesResult<T> {
    results: Change<T>[];
    last_seq: number | string;
  }
  interface ChangesOptions {
    live?: boolean;
    since?: number | string | 'now';
    include_docs?: boolean;
    conflicts?: boolean;
    limit?: number;
    /** 'all_docs': every leaf revision of each changed document, deleted ones included. */
    style?: 'main_only' | 'all_docs';
  }
  interface Changes<T> extends Promise<ChangesResult<T>> {
    on(event: 'change', fn: (change: Change<T>) => void): this;
    on(event: 'complete' | 'error', fn: (info: unknown) => void): this;
    cancel(): void;
  }
  interface AllDocsResult<T> {
    total_rows: number;
    rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: T & { _id: string; _rev: string } }[];
  }
  interface ReplicationInfo {
    direction: 'push' | 'pull';
    change: { docs_read: number; docs_written: number; last_seq: number | string };
  }
  interface OneWay extends Promise<unknown> {
    on(event: 'paused' | 'requestError', fn: (err?: unknown) => void): this;
    on(event: 'active', fn: () => void): this;
  }
  interface Sync<T> extends Promise<unknown> {
    /** The two one-way replications (only these report why they paused). */
    readonly push: OneWay;
    readonly pull: OneWay;
    on(event: 'change', fn: (info: ReplicationInfo) => void): this;
    on(event: 'paused', fn: (err?: unknown) => void): this;
    on(event: 'active' | 'complete', fn: () => void): this;
    on(event: 'denied' | 'error', fn: (err: unknown) => void): this;
    cancel(): void;
    /** Not used: kept so the parameter type is used. */
    readonly _docs?: T;
  }
  interface SyncOptions {
    live?: boolean;
    batch_size?: number;
    retry?: boolean;
    back_off_function?: (delay: number) => number;
    /** Asked of the server for each `_changes` long poll (ms). */
    timeout?: number;
  }
  interface Database<T extends object = object> {
    readonly name: string;
    get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<T & { _id: string; _rev: string; _conflicts?: string[] }>;
    put(doc: T & { _id: string; _rev?: string; _deleted?: boolean }): Promise<Response>;
    bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<(Response | ErrorResponse)[]>;
    allDocs(options?: { include_docs?: boolean; startkey?: string; endkey?: string; keys?: string[] }): Promise<AllDocsResult<T>>;
    changes(options?: ChangesOptions): Changes<T>;
    info(): Promise<{ update_seq: number | string; doc_count: number }>;
    sync(remote: Database<T> | string, options?: SyncOptions): Sync<T>;
    replicate: { to(remote: Database<T> | string, options?: SyncOptions): Sync<T>; from(remote: Database<T> | string, options?: SyncOptions): Sync<T> };
    destroy(): Promise<unknown>;
    close(): Promise<void>;
  }
  interface Static {
    new <T extends object = object>(name: string, options?: Record<string, unknown>): Database<T>;
    plugin(plugin: unknown): Static;
    defaults(options: Record<string, unknown>): Static;
  }
}

declare module 'pouchdb-browser' {
  const PouchDB: PouchDB.Static;
  export default PouchDB;
}
