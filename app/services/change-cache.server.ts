// Round-wide and contest-wide computations (a round's results, its judges' progress and
// calibration, a contest's registration statistics) kept in memory until something they read
// changes. Triggers move a change counter on with every such write (migration 0013), so one
// indexed read tells whether a kept value is still exactly what computing again would give.
// Values are frozen: a caller that changed one would change it for every later request.
import { readChangeCounter, type ChangeCounter } from "#app/data/change-counters.server";
import type { DB } from "#app/infra/db.server";

interface Kept {
  version: number;
  value: Promise<unknown>;
}

/** Per database handle (tests and scripts open several) and counter, at most MAX_KEYS keys each. */
const kept = new WeakMap<object, Map<ChangeCounter, Map<string, Kept>>>();
const MAX_KEYS = 256;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    if (value instanceof Map) for (const v of value.values()) deepFreeze(v);
    else if (Array.isArray(value)) for (const v of value) deepFreeze(v);
    else for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * `compute()`'s value, computed again only when `counter` has moved since it was kept. Inside a
 * transaction (which may see its own uncommitted writes) it always computes. Requests arriving
 * while a value is being computed share that computation.
 */
export async function cachedUntilChanged<T>(db: DB, counter: ChangeCounter, key: string, compute: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return compute();
  const version = await readChangeCounter(db, counter);
  if (version === null) return compute();
  let byCounter = kept.get(db);
  if (!byCounter) kept.set(db, (byCounter = new Map()));
  let map = byCounter.get(counter);
  if (!map) byCounter.set(counter, (map = new Map()));
  const hit = map.get(key);
  if (hit && hit.version === version) {
    // Least recently used goes first: a round's results, read on every results page, must not be
    // pushed out by a run of one-off filter counts.
    map.delete(key);
    map.set(key, hit);
    return hit.value as Promise<T>;
  }
  // Read before computing: a write landing meanwhile moves the counter past `version`, so the next
  // request computes again instead of keeping a value that may have missed it.
  const value = compute().then(deepFreeze);
  map.delete(key);
  map.set(key, { version, value });
  const entries = map;
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  if (map.size > MAX_KEYS) map.delete(map.keys().next().value!);
  return value;
}
