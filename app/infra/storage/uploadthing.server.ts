// UploadThing storage, used when UPLOADTHING_TOKEN is set: each file is a private UploadThing file whose
// customId is the SHA-256 of its bytes, so keys stay content addresses, as with the local driver.
//
// What the SDK (uploadthing 7.7.4, UTApi from "uploadthing/server") sends; tests/support/fake-uploadthing.ts
// imitates exactly this:
// - Configuration: options given here win over UPLOADTHING_* variables, which the SDK reads from
//   process.env itself (UPLOADTHING_TOKEN, UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL, UPLOADTHING_UFS_HOST,
//   UPLOADTHING_UFS_APP_ID_LOCATION). The token is base64 of JSON { apiKey: "sk_…", appId, regions: [...] }.
// - uploadFiles: no API call. The SDK signs an ingest URL itself and sends
//   PUT {ingestUrl or https://<regions[0]>.ingest.uploadthing.com}/<fileKey>?expires=<epoch ms>
//   &x-ut-identifier=<appId>&x-ut-file-name&x-ut-file-size&x-ut-file-type&x-ut-custom-id
//   &x-ut-content-disposition&x-ut-acl&signature=hmac-sha256=<hex>
//   where each x-ut value is encodeURIComponent'ed before it is added (so it is encoded twice on the wire)
//   and the signature is HMAC-SHA256, keyed with the apiKey, of the whole URL before "&signature=".
//   Headers: Range: bytes=0-, x-uploadthing-version. Body: multipart/form-data with one field "file".
//   Answer: JSON { url, appUrl, ufsUrl, fileHash }. A failure is returned as { error }, not thrown.
// - listFiles, deleteFiles: POST {apiUrl or https://api.uploadthing.com}/v6/listFiles | /v6/deleteFiles
//   with a JSON body and the headers x-uploadthing-api-key, x-uploadthing-version and
//   x-uploadthing-be-adapter: server-sdk. { limit, offset } → { hasMore, files: [{ id, customId, key, name,
//   size, status, uploadedAt }] }; { customIds } → { success, deletedCount }. Any non-2xx answer throws.
// - generateSignedURL: no network call. https://<appId>.<ufsHost>/f/<key or customId> (or
//   <ufsHost>/a/<appId>/<key> with ufsAppIdLocation "path"; http:// when the host contains "local"),
//   plus ?expires=<epoch ms>&signature=hmac-sha256=<hex> over the URL before "&signature=".
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { UTApi, UTFile } from "uploadthing/server";
import { FileTooLargeError, type FileStorage, type StoredFile } from "./types";

const KEY = /^[0-9a-f]{64}$/;
const PAGE = 500;

export interface UploadThingStorageOptions {
  token: string;
  /** Overrides for tests against the local fake; in production the SDK's defaults (or UPLOADTHING_* vars). */
  apiUrl?: string;
  ingestUrl?: string;
  ufsHost?: string;
  ufsAppIdLocation?: "subdomain" | "path";
  /** How long a signed download URL stays valid. */
  signedUrlTtlSeconds?: number;
}

export function createUploadThingStorage(options: UploadThingStorageOptions): FileStorage {
  const { signedUrlTtlSeconds = 300, ...config } = options;
  // The SDK turns its options into configuration; an explicit undefined would hide the env fallback.
  const api = new UTApi(Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)));

  const checkKey = (key: string) => {
    if (!KEY.test(key)) throw new Error("Invalid storage key");
  };
  const signedUrl = async (key: string) => {
    checkKey(key);
    return (await api.generateSignedURL(key, { expiresIn: signedUrlTtlSeconds })).ufsUrl;
  };

  async function exists(key: string) {
    const response = await fetch(await signedUrl(key), { method: "HEAD" });
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`UploadThing answered ${response.status} for file ${key}`);
    return true;
  }

  return {
    async put(source, { maxBytes, contentType, fileName }): Promise<StoredFile> {
      const bytes = await readLimited(source, maxBytes);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const stored = { key: sha256, sha256, size: bytes.length };
      // Same content, same key: a second copy is not needed (and UploadThing refuses a repeated customId).
      if (await exists(sha256)) return stored;
      const file = new UTFile([bytes], fileName, { customId: sha256, type: contentType });
      const result = await api.uploadFiles(file, { acl: "private", contentDisposition: "attachment" });
      if (result.error) {
        // Another request may have stored the same bytes in the meantime.
        if (await exists(sha256)) return stored;
        throw new Error(`UploadThing upload failed: ${result.error.code}: ${result.error.message}`);
      }
      return stored;
    },
    async open(key) {
      const response = await fetch(await signedUrl(key));
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        const error = new Error(`UploadThing answered ${response.status} for file ${key}`);
        throw Object.assign(error, response.status === 404 ? { code: "ENOENT" } : {});
      }
      return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    },
    exists,
    async remove(key) {
      checkKey(key);
      const result = await api.deleteFiles(key, { keyType: "customId" });
      if (!result.success) throw new Error(`UploadThing did not delete file ${key}`);
    },
    async *keys() {
      // Every page first: a caller that removes files while it iterates would shift later offsets.
      const files = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await api.listFiles({ limit: PAGE, offset });
        files.push(...page.files);
        if (!page.hasMore || page.files.length === 0) break;
      }
      for (const file of files) {
        if (file.customId && KEY.test(file.customId) && file.status !== "Deletion Pending") {
          yield { key: file.customId, modifiedAt: new Date(file.uploadedAt) };
        }
      }
    },
  };
}

/** Buffers the bytes (UploadThing needs the size up front), refusing more than maxBytes as they arrive. */
async function readLimited(source: Readable | Uint8Array, maxBytes: number): Promise<Buffer<ArrayBuffer>> {
  if (source instanceof Uint8Array) {
    if (source.byteLength > maxBytes) throw new FileTooLargeError(maxBytes);
    return Buffer.from(source);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > maxBytes) {
      source.destroy();
      throw new FileTooLargeError(maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
