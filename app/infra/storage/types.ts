// The one storage interface: files are addressed by the SHA-256 of their content.
import type { Readable } from "node:stream";

export interface StoredFile {
  /** The storage key: the content's SHA-256 in hex. */
  key: string;
  sha256: string;
  size: number;
}

export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`File larger than ${maxBytes} bytes`);
  }
}

export interface FileStorage {
  /** Stores the bytes durably before it resolves; refuses more than `maxBytes`. */
  put(source: Readable | Uint8Array, options: { maxBytes: number; contentType: string; fileName: string }): Promise<StoredFile>;
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Every stored file with when it was written, for the orphan clean-up. */
  keys(): AsyncIterable<{ key: string; modifiedAt: Date }>;
}
