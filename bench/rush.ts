// The deadline rush: many teams each hand in a small real PDF in the last minute, through the
// same upload endpoint the page's script uses (multipart, Origin header). Afterwards every upload
// must be stored: its submission row with the right SHA-256, and the file on disk with that hash.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { buildPdf } from "#db/demo-pdf";
import type { Manifest } from "./generate";
import type { PlainRequest } from "./load";

/** Teams per second at full scale: 5,000 within 60 seconds. */
export const RUSH_RATE = 5000 / 60;

export interface RushUpload {
  entryId: number;
  sha256: string;
}

/** One request per team, with a PDF of its own (so every hash differs). */
export function rushRequests(m: Manifest, origin: string, runId: string): { requests: PlainRequest[]; uploads: RushUpload[] } {
  const requests: PlainRequest[] = [];
  const uploads: RushUpload[] = [];
  for (const lead of m.leads.slice(0, m.rushTeams)) {
    const pdf = buildPdf([`Pitch deck of entry ${lead.entryId}`, `Final version ${runId}`, "Market, team, plan"]);
    const boundary = `----trellisbench${lead.entryId}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${m.deckRequirementId}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="deck-final.pdf"\r\n` +
          "Content-Type: application/pdf\r\n\r\n",
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    requests.push({
      method: "POST",
      path: `/entries/${lead.entryId}/rounds/${m.roundId}/upload`,
      headers: {
        Cookie: lead.cookie,
        Origin: origin,
        Accept: "application/json",
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      },
      body64: body.toString("base64"),
    });
    uploads.push({ entryId: lead.entryId, sha256: createHash("sha256").update(pdf).digest("hex") });
  }
  return { requests, uploads };
}

/**
 * How many of the uploads are stored: a submission row of the deck for that entry with the
 * expected hash, created since `since`, whose file exists on disk and hashes to the same value.
 */
export function verifyRush(m: Manifest, uploads: RushUpload[], since: string): { stored: number; lost: number } {
  const db = new SQLite(m.file, { readonly: true });
  const rows = db
    .prepare(
      `select entry_id as entryId, sha256, storage_key as storageKey from submissions
       where round_id = ? and requirement_id = ? and created_at >= ? and kind = 'file'`,
    )
    .all(m.roundId, m.deckRequirementId, since) as Array<{ entryId: number; sha256: string; storageKey: string }>;
  db.close();
  const byEntry = new Map(rows.map((r) => [`${r.entryId}:${r.sha256}`, r]));
  let stored = 0;
  for (const upload of uploads) {
    const row = byEntry.get(`${upload.entryId}:${upload.sha256}`);
    if (!row) continue;
    const file = path.join(m.uploadsDir, row.storageKey.slice(0, 2), row.storageKey.slice(2, 4), row.storageKey);
    if (!fs.existsSync(file)) continue;
    if (createHash("sha256").update(fs.readFileSync(file)).digest("hex") === upload.sha256) stored++;
  }
  return { stored, lost: uploads.length - stored };
}
