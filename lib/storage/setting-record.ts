export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One app setting: plain JSON under a key. */
export interface SettingRecord {
  readonly key: string;
  readonly value: JsonValue;
}
