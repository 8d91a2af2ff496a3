// The app's storage: the local disk under UPLOADS_DIR (the embedded default).
import { getEnv } from "../env.server";
import { createLocalStorage } from "./local.server";
import type { FileStorage } from "./types";

let shared: FileStorage | undefined;

export function getStorage(): FileStorage {
  shared ??= createLocalStorage(getEnv().UPLOADS_DIR);
  return shared;
}

/** Lets tests point the app at another folder. */
export function setStorage(storage: FileStorage | undefined) {
  shared = storage;
}
