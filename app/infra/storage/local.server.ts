// Local disk storage: each file is written to a temporary file while it is hashed, fsynced, then
// renamed to <root>/<ab>/<cd>/<sha256>, so a crash never leaves a half-written file under a real key.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileTooLargeError, type FileStorage, type StoredFile } from "./types";

const KEY = /^[0-9a-f]{64}$/;

export function createLocalStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const tmp = path.join(base, "tmp");
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error("Invalid storage key");
    return path.join(base, key.slice(0, 2), key.slice(2, 4), key);
  };

  async function fsyncDir(dir: string) {
    const handle = await fs.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    async put(source, options): Promise<StoredFile> {
      await fs.mkdir(tmp, { recursive: true });
      const tmpPath = path.join(tmp, `${randomUUID()}.part`);
      const hash = createHash("sha256");
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > options.maxBytes) return done(new FileTooLargeError(options.maxBytes));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const input = source instanceof Uint8Array ? Readable.from([Buffer.from(source)]) : source;
      const out = createWriteStream(tmpPath, { flags: "wx" });
      try {
        await pipeline(input, counter, out);
        const handle = await fs.open(tmpPath, "r+");
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        const sha256 = hash.digest("hex");
        const finalPath = pathOf(sha256);
        await fs.mkdir(path.dirname(finalPath), { recursive: true });
        // Same content, same key: a second copy is not needed.
        if (await exists(finalPath)) await fs.rm(tmpPath, { force: true });
        else await fs.rename(tmpPath, finalPath);
        await fsyncDir(path.dirname(finalPath));
        return { key: sha256, sha256, size };
      } catch (error) {
        await fs.rm(tmpPath, { force: true });
        throw error;
      }
    },
    async open(key) {
      const file = pathOf(key);
      await fs.access(file);
      return createReadStream(file);
    },
    exists: (key) => exists(pathOf(key)),
    async remove(key) {
      await fs.rm(pathOf(key), { force: true });
    },
    async *keys() {
      for (const a of await safeReaddir(base)) {
        if (!/^[0-9a-f]{2}$/.test(a)) continue;
        for (const b of await safeReaddir(path.join(base, a))) {
          for (const name of await safeReaddir(path.join(base, a, b))) {
            if (!KEY.test(name)) continue;
            const stat = await fs.stat(path.join(base, a, b, name)).catch(() => null);
            if (stat) yield { key: name, modifiedAt: stat.mtime };
          }
        }
      }
    },
  };
}

async function exists(file: string) {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}
