// The body-size guard on a real Express server on 127.0.0.1: a body declared larger than its path
// allows is answered 413 from the headers while the client is still sending, and the route behind
// never reads a byte of it; a chunked body is answered 411; bodies within the limit pass.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseLargeBodies } from "../../server/body-limit";

const KB = 1024;
let server: http.Server;
let port: number;
let bytesReadByRoutes = 0;

beforeAll(async () => {
  const app = express();
  app.use(refuseLargeBodies({ handIn: 64 * KB, checkin: 32 * KB, judgesCsv: 16 * KB, form: 8 * KB }));
  app.post("*", (req, res) => {
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      length += chunk.length;
      bytesReadByRoutes += chunk.length;
    });
    req.on("end", () => res.json({ length }));
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Sends `declared` as the Content-Length but only `sent` bytes, and reports the answer. */
function send(path: string, headers: Record<string, string>, sent: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.write(Buffer.alloc(sent, 0x61));
    // The rest of a huge declared body is never sent: the answer must come without it.
    if (headers["content-length"] === undefined || Number(headers["content-length"]) === sent) request.end();
  });
}

describe("refuseLargeBodies", () => {
  it("answers 413 to a body declared too large, before it is sent, without the route reading it", async () => {
    const before = bytesReadByRoutes;
    const answer = await send(
      "/login",
      { "content-type": "application/x-www-form-urlencoded", "content-length": String(10 ** 12) },
      1024,
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/at most 8 KB/);
    expect(bytesReadByRoutes).toBe(before);
  });

  it("gives hand-ins their larger limit", async () => {
    const multipart = { "content-type": "multipart/form-data; boundary=x" };
    expect((await send("/entries/1/rounds/2/upload", { ...multipart, "content-length": String(60 * KB) }, 60 * KB)).status).toBe(
      200,
    );
    expect((await send("/entries/1/rounds/2/upload", { ...multipart, "content-length": String(65 * KB) }, 1)).status).toBe(413);
    expect((await send("/login", { ...multipart, "content-length": String(60 * KB) }, 1)).status).toBe(413);
  });

  it("answers 411 to a chunked body of unknown length", async () => {
    const answer = await send("/entries/1/rounds/2/upload", { "transfer-encoding": "chunked" }, 10);
    expect(answer.status).toBe(411);
  });

  it("answers 415 to a body that is not a form", async () => {
    const before = bytesReadByRoutes;
    const answer = await send("/login", { "content-type": "application/json", "content-length": "2" }, 2);
    expect(answer.status).toBe(415);
    expect(bytesReadByRoutes).toBe(before);
  });

  it("lets forms within the limit through whole", async () => {
    const answer = await send(
      "/login",
      { "content-type": "application/x-www-form-urlencoded", "content-length": String(4 * KB) },
      4 * KB,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ length: 4 * KB });
  });
});
