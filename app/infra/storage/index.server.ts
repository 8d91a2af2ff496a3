// The app's storage: UploadThing when UPLOADTHING_TOKEN is set, otherwise the local disk under UPLOADS_DIR
// (the embedded default).
import { getEnv } from "../env.server";
import { createLocalStorage } from "./local.server";
import type { FileStorage } from "./types";
import { createUploadThingStorage } from "./uploadthing.server";

let shared: FileStorage | undefined;

export function getStorage(): FileStorage {
  if (!shared) {
    const env = getEnv();
    // The SDK itself reads its other settings (UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL...) from process.env.
    shared = env.UPLOADTHING_TOKEN
      ? createUploadThingStorage({ token: env.UPLOADTHING_TOKEN })
      : createLocalStorage(env.UPLOADS_DIR);
  }
  return shared;
}

/** Lets tests point the app at another folder or driver. */
export function setStorage(storage: FileStorage | undefined) {
  shared = storage;
}
