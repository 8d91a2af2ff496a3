// A fake of the UploadThing services the server SDK talks to, as a real HTTP server on 127.0.0.1: the REST
// API (/v6/listFiles, /v6/deleteFiles), the ingest server (PUT of a presigned URL) and the file host (GET/HEAD
// of a signed URL). It checks every request the way UploadThing would (API key, SDK headers, body shapes,
// HMAC signatures and their expiry) and records each one, with the reason when it refused it.
// See the top of app/infra/storage/uploadthing.server.ts for the requests it imitates.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";
import { z } from "zod";

const SDK_VERSION = (createRequire(import.meta.url)("uploadthing/package.json") as { version: string }).version;

export interface FakeFile {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  size: number;
  acl: string;
  contentDisposition: string;
  bytes: Buffer;
  uploadedAt: number;
}

export interface RecordedRequest {
  service: "api" | "ingest" | "ufs" | "unknown";
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  json?: unknown;
  status: number;
  /** Why the fake refused the request, if it did. */
  refused?: string;
}

export interface FakeUploadThing {
  apiKey: string;
  appId: string;
  /** A token for the fake, in UploadThing's format. */
  token: string;
  /** Options for createUploadThingStorage that point the SDK at this fake. */
  storageOptions: { token: string; apiUrl: string; ingestUrl: string; ufsHost: string; ufsAppIdLocation: "path" };
  /** Origin of the file host: the SDK only signs http:// URLs for hosts whose name contains "local". */
  ufsOrigin: string;
  files: FakeFile[];
  requests: RecordedRequest[];
  refused: () => RecordedRequest[];
  /** The next request to the given service is answered with this status and an error body. */
  failNext: (service: "api" | "ingest" | "ufs", status: number) => void;
  close: () => Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const listFilesBody = z
  .object({ limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).optional() })
  .strict();
const deleteFilesBody = z.union([
  z.object({ fileKeys: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ customIds: z.array(z.string().min(1)).min(1) }).strict(),
]);

export async function startFakeUploadThing(): Promise<FakeUploadThing> {
  const apiKey = `sk_test_${randomBytes(24).toString("hex")}`;
  const appId = `fakeapp${randomBytes(4).toString("hex")}`;
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["sea1"] })).toString("base64");
  const files: FakeFile[] = [];
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, number>();
  let apiOrigin = "";
  let ufsOrigin = "";

  /** Checks an `expires` + `signature=hmac-sha256=<hex>` URL signed with the API key, as UploadThing does. */
  function checkSignedUrl(origin: string, rawUrl: string) {
    const at = rawUrl.lastIndexOf("&signature=");
    if (at < 0) throw new Refusal(403, "missing signature");
    const signature = decodeURIComponent(rawUrl.slice(at + "&signature=".length));
    const expected = `hmac-sha256=${createHmac("sha256", apiKey)
      .update(`${origin}${rawUrl.slice(0, at)}`)
      .digest("hex")}`;
    const a = Buffer.from(signature);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new Refusal(403, "invalid signature");
    const expires = Number(new URL(rawUrl, origin).searchParams.get("expires"));
    if (!Number.isSafeInteger(expires)) throw new Refusal(400, "missing expires");
    if (expires <= Date.now()) throw new Refusal(403, "expired signature");
  }

  function checkSdkHeaders(headers: http.IncomingHttpHeaders) {
    if (headers["x-uploadthing-version"] !== SDK_VERSION) throw new Refusal(400, "missing or unknown x-uploadthing-version");
  }

  async function api(req: http.IncomingMessage, path: string, body: Buffer, record: RecordedRequest) {
    if (req.method !== "POST") throw new Refusal(405, "API calls are POSTs");
    if (req.headers["x-uploadthing-api-key"] !== apiKey) throw new Refusal(401, "invalid API key");
    checkSdkHeaders(req.headers);
    if (req.headers["x-uploadthing-be-adapter"] !== "server-sdk") throw new Refusal(400, "missing x-uploadthing-be-adapter");
    if (!req.headers["content-type"]?.startsWith("application/json")) throw new Refusal(415, "body is not JSON");
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new Refusal(400, "malformed JSON");
    }
    record.json = json;
    if (path === "/v6/listFiles") {
      const input = listFilesBody.safeParse(json);
      if (!input.success) throw new Refusal(400, `bad listFiles body: ${input.error.message}`);
      const { limit = 500, offset = 0 } = input.data;
      const page = files.slice(offset, offset + limit);
      return {
        hasMore: offset + limit < files.length,
        files: page.map((f) => ({
          id: f.key.slice(0, 12),
          customId: f.customId,
          key: f.key,
          name: f.name,
          size: f.size,
          status: "Uploaded",
          uploadedAt: f.uploadedAt,
        })),
      };
    }
    if (path === "/v6/deleteFiles") {
      const input = deleteFilesBody.safeParse(json);
      if (!input.success) throw new Refusal(400, `bad deleteFiles body: ${input.error.message}`);
      const doomed = new Set("fileKeys" in input.data ? input.data.fileKeys : input.data.customIds);
      const keep = files.filter((f) => !doomed.has("fileKeys" in input.data ? f.key : (f.customId ?? "")));
      const deletedCount = files.length - keep.length;
      files.splice(0, files.length, ...keep);
      return { success: true, deletedCount };
    }
    throw new Refusal(404, `no API route ${path}`);
  }

  async function ingest(req: http.IncomingMessage, rawUrl: string, body: Buffer<ArrayBuffer>) {
    if (req.method !== "PUT") throw new Refusal(405, "uploads are PUTs");
    checkSignedUrl(apiOrigin, rawUrl);
    checkSdkHeaders(req.headers);
    if (req.headers.range !== "bytes=0-") throw new Refusal(400, "missing Range: bytes=0-");
    const url = new URL(rawUrl, apiOrigin);
    // The SDK encodes each value once more before URLSearchParams encodes it again.
    const param = (name: string) => {
      const value = url.searchParams.get(name);
      return value === null ? null : decodeURIComponent(value);
    };
    if (param("x-ut-identifier") !== appId) throw new Refusal(403, "wrong app");
    const acl = param("x-ut-acl");
    if (acl !== "private") throw new Refusal(400, `this app stores private files only, got acl ${acl}`);
    const key = url.pathname.slice(1);
    if (!/^[A-Za-z0-9]{20,}$/.test(key) || files.some((f) => f.key === key)) throw new Refusal(409, "bad or reused file key");
    const customId = param("x-ut-custom-id");
    if (customId !== null && files.some((f) => f.customId === customId)) throw new Refusal(409, "customId already used");
    const form = await new Response(body, { headers: { "content-type": req.headers["content-type"] ?? "" } })
      .formData()
      .catch(() => null);
    const file = form?.get("file");
    if (!form || !(file instanceof Blob) || [...form.keys()].length !== 1)
      throw new Refusal(400, "body must be one multipart field 'file'");
    const bytes = Buffer.from(await file.arrayBuffer());
    const name = param("x-ut-file-name") ?? "";
    if (Number(param("x-ut-file-size")) !== bytes.length) throw new Refusal(400, "x-ut-file-size does not match the body");
    if (!name || param("x-ut-file-type") === null) throw new Refusal(400, "missing file name or type");
    files.push({
      key,
      customId,
      name,
      type: param("x-ut-file-type") ?? "",
      size: bytes.length,
      acl,
      contentDisposition: param("x-ut-content-disposition") ?? "inline",
      bytes,
      uploadedAt: Date.now(),
    });
    const ufsUrl = `${ufsOrigin}/a/${appId}/${key}`;
    return { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: createHash("md5").update(bytes).digest("hex"), serverData: null };
  }

  function ufs(req: http.IncomingMessage, rawUrl: string) {
    if (req.method !== "GET" && req.method !== "HEAD") throw new Refusal(405, "files are read with GET or HEAD");
    checkSignedUrl(ufsOrigin, rawUrl);
    const [, a, app, id] = new URL(rawUrl, ufsOrigin).pathname.split("/");
    if (a !== "a" || app !== appId || !id) throw new Refusal(404, "no such app");
    return files.find((f) => f.key === id || f.customId === id) ?? null;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawUrl = req.url ?? "/";
      const path = rawUrl.split("?")[0]!;
      const host = req.headers.host ?? "";
      const service: RecordedRequest["service"] = path.startsWith("/v6/")
        ? "api"
        : host.startsWith("localhost:")
          ? "ufs"
          : host.startsWith("127.0.0.1:")
            ? "ingest"
            : "unknown";
      const record: RecordedRequest = { service, method: req.method ?? "", url: rawUrl, headers: req.headers, status: 0 };
      requests.push(record);
      const send = (status: number, body: Buffer | string, type: string, extra: Record<string, string | number> = {}) => {
        record.status = status;
        res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...extra });
        res.end(req.method === "HEAD" ? undefined : body);
      };
      const handle = async () => {
        const failure = failures.get(service);
        if (failure) {
          failures.delete(service);
          throw new Refusal(failure, "failure injected by the test");
        }
        const body = Buffer.concat(chunks);
        if (service === "api") return send(200, JSON.stringify(await api(req, path, body, record)), "application/json");
        if (service === "ingest") return send(200, JSON.stringify(await ingest(req, rawUrl, body)), "application/json");
        if (service === "ufs") {
          // A missing file is a normal answer, not a refused request.
          const file = ufs(req, rawUrl);
          if (!file) return send(404, JSON.stringify({ error: "not found" }), "application/json");
          return send(200, file.bytes, file.type, { "content-disposition": file.contentDisposition });
        }
        throw new Refusal(404, "unknown host");
      };
      handle().catch((error: unknown) => {
        const status = error instanceof Refusal ? error.status : 500;
        record.refused = error instanceof Error ? error.message : String(error);
        send(status, JSON.stringify({ error: record.refused }), "application/json");
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake UploadThing did not get a port");
  apiOrigin = `http://127.0.0.1:${address.port}`;
  ufsOrigin = `http://localhost:${address.port}`;

  return {
    apiKey,
    appId,
    token,
    storageOptions: {
      token,
      apiUrl: apiOrigin,
      ingestUrl: apiOrigin,
      ufsHost: `localhost:${address.port}`,
      ufsAppIdLocation: "path",
    },
    ufsOrigin,
    files,
    requests,
    refused: () => requests.filter((r) => r.refused !== undefined),
    failNext: (service, status) => failures.set(service, status),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
