/**
 * What decides the policy in force across restarts: the policy URL's last
 * accepted copy and the last good policy; and the image of the engine with
 * that policy compiled (`engine-instance.ts`), so that a restarted worker
 * need not compile it again. Kept in the extension's own IndexedDB, not in
 * `chrome.storage.local`.
 *
 * Content scripts can read and write `chrome.storage.local` (Chrome's
 * `setAccessLevel` restricts `storage.session` only; Firefox has no such
 * switch), so anyone who runs code in a content script, such as an employee
 * with DevTools open on x.com, could plant a policy of their own there. The
 * extension origin's IndexedDB is out of their reach: a content script's
 * `indexedDB` is the page's.
 *
 * What is read back is checked for shape, and a time in the future (a clock
 * set back, a damaged record) counts as long ago, so it cannot postpone the
 * next fetch.
 */

import { CHUNK_BYTES, isTableValue, type MemoryImage, type TableValue } from './engine-instance';
import type { Candidate, PolicySource, UrlCache } from './policy-state';

const DATABASE = 'postlint';
const STORE = 'policy';
const URL_CACHE = 'urlCache';
const LAST_GOOD = 'lastGood';
const IMAGE = 'image';

/** The policy in force when it was last decided, and since when. */
export interface LastGood extends Candidate {
  appliedAt: number;
}

export interface PersistedPolicy {
  urlCache: UrlCache | null;
  lastGood: LastGood | null;
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
  // A failed open is forgotten, so the next use tries again.
  opening.catch(() => (opening = null));
  return opening;
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function readPersistedPolicy(now: number): Promise<PersistedPolicy> {
  const database = await open();
  const transaction = database.transaction(STORE, 'readonly');
  const store = transaction.objectStore(STORE);
  const urlCache = store.get(URL_CACHE);
  const lastGood = store.get(LAST_GOOD);
  await done(transaction);
  return { urlCache: asUrlCache(urlCache.result, now), lastGood: asLastGood(lastGood.result, now) };
}

export async function writePersistedPolicy(values: Partial<PersistedPolicy>): Promise<void> {
  const database = await open();
  const transaction = database.transaction(STORE, 'readwrite');
  const store = transaction.objectStore(STORE);
  if (values.urlCache) store.put(values.urlCache, URL_CACHE);
  if (values.lastGood) store.put(values.lastGood, LAST_GOOD);
  await done(transaction);
}

/** The stored engine image, or `null` (none, or not of the expected shape). */
export async function readImage(): Promise<MemoryImage | null> {
  const database = await open();
  const transaction = database.transaction(STORE, 'readonly');
  const image = transaction.objectStore(STORE).get(IMAGE);
  await done(transaction);
  return asImage(image.result);
}

/** Stores `image` in place of the one before; `null` deletes it (its policy is no longer in force). */
export async function writeImage(image: MemoryImage | null): Promise<void> {
  const database = await open();
  const transaction = database.transaction(STORE, 'readwrite');
  if (image) transaction.objectStore(STORE).put(image, IMAGE);
  else transaction.objectStore(STORE).delete(IMAGE);
  await done(transaction);
}

const SOURCES: readonly PolicySource[] = ['managed', 'url', 'url-cached', 'built-in'];
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const pastTime = (value: unknown, now: number): number => (typeof value === 'number' && Number.isFinite(value) && value <= now ? value : 0);

function asUrlCache(value: unknown, now: number): UrlCache | null {
  const record = value as Partial<Record<keyof UrlCache, unknown>> | undefined;
  if (typeof record?.url !== 'string' || typeof record.text !== 'string') return null;
  return { url: record.url, text: record.text, etag: textOrNull(record.etag), lastModified: textOrNull(record.lastModified), fetchedAt: pastTime(record.fetchedAt, now) };
}

function asLastGood(value: unknown, now: number): LastGood | null {
  const record = value as Partial<Record<keyof LastGood, unknown>> | undefined;
  if (typeof record?.text !== 'string' || !SOURCES.includes(record.source as PolicySource)) return null;
  return { source: record.source as PolicySource, text: record.text, appliedAt: pastTime(record.appliedAt, now) };
}

function asImage(value: unknown): MemoryImage | null {
  const record = value as Partial<Record<keyof MemoryImage, unknown>> | undefined;
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (typeof record?.module !== 'string' || typeof record.text !== 'string' || !count(record.memoryBytes) || !count(record.pointer)) return null;
  if (!(record.chunks instanceof Uint32Array) || !(record.chunkBytes instanceof ArrayBuffer) || !count(record.tableLength) || !Array.isArray(record.tableValues)) return null;
  const { memoryBytes, chunks, chunkBytes, tableLength } = record;
  if (record.pointer >= memoryBytes || chunkBytes.byteLength !== chunks.length * CHUNK_BYTES || chunks.some((chunk) => (chunk + 1) * CHUNK_BYTES > memoryBytes)) return null;
  const isSlot = (entry: unknown): entry is [number, TableValue] =>
    Array.isArray(entry) && entry.length === 2 && count(entry[0]) && entry[0] < tableLength && isTableValue(entry[1]);
  if (!record.tableValues.every(isSlot)) return null;
  return { module: record.module, text: record.text, memoryBytes, chunks, chunkBytes, tableLength, tableValues: record.tableValues, pointer: record.pointer };
}
