/**
 * Every table, in the order backups list them. A new table goes last: the tables of an older
 * backup stay a prefix of this list, in the same places.
 */
export const TABLE_NAMES = ['snapshots', 'sets', 'sessions', 'checkIns', 'programme', 'settings', 'rangeChecks'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/**
 * The lowest and highest keys of an index, as the database library defines them (its `minKey`
 * and `maxKey` where array keys exist, as in every browser the app runs in), for open-ended
 * ranges, without loading the library.
 */
export const MIN_KEY = -Infinity;
export const MAX_KEY: unknown[] = [[]];
