// What a publication freezes and who may read which part of it. A snapshot is written once, when the
// organiser publishes a round, and read back through this schema (stored JSON is a boundary too).
// Pure: building a snapshot, the team's private view, the public view, and the certificate plan.
import { z } from "zod";
import { RESULT_METHODS } from "./aggregation";
import type { LocalizedText } from "./localized";

const localized = z
  .object({ en: z.string() })
  .catchall(z.string())
  .transform((v) => v as LocalizedText);
const score = z.number().nullable();

export const snapshotEntrySchema = z.object({
  entryId: z.number().int(),
  code: z.string(),
  teamName: z.string(),
  rank: z.number().int().nullable(),
  tied: z.boolean(),
  score,
  reviews: z.number().int(),
  criterionMeans: z.record(score),
  /** true/false once an advancement out of the round was confirmed; null before. */
  advanced: z.boolean().nullable(),
});

export const snapshotSchema = z.object({
  schema: z.literal(1),
  method: z.enum(RESULT_METHODS),
  roundName: localized.nullable(),
  nextRoundName: localized.nullable(),
  criteria: z.array(z.object({ key: z.string(), name: localized.nullable() })),
  tracks: z.array(
    z.object({
      trackId: z.number().int(),
      name: localized.nullable(),
      /** Each criterion's mean over the track's entries (each entry counted once). */
      criterionMeans: z.record(score),
      entries: z.array(snapshotEntrySchema),
    }),
  ),
  awards: z.array(
    z.object({
      awardId: z.number().int(),
      name: localized,
      description: localized.nullable(),
      grants: z.array(z.object({ entryId: z.number().int(), citation: z.string().nullable() })),
    }),
  ),
  /** The judges' feedback to each team, without names, in a fixed order that does not follow the judges. */
  feedback: z.array(z.object({ entryId: z.number().int(), comments: z.array(z.string()) })),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotEntry = z.infer<typeof snapshotEntrySchema>;

export function parseSnapshot(json: string): Snapshot {
  return snapshotSchema.parse(JSON.parse(json));
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/** A track's mean per criterion over its entries' means; entries without a value are left out. */
export function trackCriterionMeans(
  entries: ReadonlyArray<{ criterionMeans: Record<string, number | null> }>,
  keys: readonly string[],
): Record<string, number | null> {
  return Object.fromEntries(
    keys.map((key) => [key, mean(entries.flatMap((e) => (e.criterionMeans[key] == null ? [] : [e.criterionMeans[key]!])))]),
  );
}

/** Feedback comments in an order unrelated to who wrote them: trimmed, empty ones dropped, sorted. */
export function anonymousComments(comments: ReadonlyArray<string | null>): string[] {
  return comments
    .map((c) => c?.trim() ?? "")
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b));
}

export interface TeamResultView {
  trackId: number;
  trackName: LocalizedText | null;
  entry: SnapshotEntry;
  /** How many entries the track ranked (entries without a score are not counted). */
  rankedInTrack: number;
  criteria: Array<{ key: string; name: LocalizedText | null; own: number | null; track: number | null }>;
  comments: string[];
  awards: Array<{ awardId: number; name: LocalizedText; citation: string | null }>;
}

/** One entry's private view of a publication; null when the entry is not in it. */
export function teamView(snapshot: Snapshot, entryId: number): TeamResultView | null {
  for (const track of snapshot.tracks) {
    const entry = track.entries.find((e) => e.entryId === entryId);
    if (!entry) continue;
    return {
      trackId: track.trackId,
      trackName: track.name,
      entry,
      rankedInTrack: track.entries.filter((e) => e.rank !== null).length,
      criteria: snapshot.criteria.map((c) => ({
        key: c.key,
        name: c.name,
        own: entry.criterionMeans[c.key] ?? null,
        track: track.criterionMeans[c.key] ?? null,
      })),
      comments: snapshot.feedback.find((f) => f.entryId === entryId)?.comments ?? [],
      awards: snapshot.awards.flatMap((a) =>
        a.grants.filter((g) => g.entryId === entryId).map((g) => ({ awardId: a.awardId, name: a.name, citation: g.citation })),
      ),
    };
  }
  return null;
}

export interface PublicRoundView {
  awards: Array<{
    awardId: number;
    name: LocalizedText;
    description: LocalizedText | null;
    winners: Array<{ teamName: string; trackName: LocalizedText | null; citation: string | null }>;
  }>;
  /** Per track, the teams carried into the next round (empty until an advancement was confirmed). */
  tracks: Array<{ trackId: number; name: LocalizedText | null; advanced: string[] }>;
  nextRoundName: LocalizedText | null;
}

/** What the public sees of a publication: awards with their winners and who advanced; no scores, no ranks. */
export function publicView(snapshot: Snapshot): PublicRoundView {
  const placeOf = new Map(
    snapshot.tracks.flatMap((t) => t.entries.map((e) => [e.entryId, { teamName: e.teamName, trackName: t.name }] as const)),
  );
  return {
    awards: snapshot.awards
      .map((a) => ({
        awardId: a.awardId,
        name: a.name,
        description: a.description,
        winners: a.grants.flatMap((g) => {
          const place = placeOf.get(g.entryId);
          return place ? [{ ...place, citation: g.citation }] : [];
        }),
      }))
      .filter((a) => a.winners.length > 0),
    tracks: snapshot.tracks.map((t) => ({
      trackId: t.trackId,
      name: t.name,
      advanced: t.entries
        .filter((e) => e.advanced === true)
        .map((e) => e.teamName)
        .sort((a, b) => a.localeCompare(b)),
    })),
    nextRoundName: snapshot.nextRoundName,
  };
}

// ---- Certificates ---------------------------------------------------------------------------------

/** Crockford's base32 without I, L, O, U: nothing to misread when typed from paper. */
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** "TR-XXXX-XXXX" from 8 random bytes (40 bits used: guessing one is hopeless at any request rate). */
export function certificateCode(random: Uint8Array): string {
  if (random.length < 8) throw new Error("certificateCode needs 8 random bytes");
  const chars = [...random.slice(0, 8)].map((b) => CODE_ALPHABET[b & 31]);
  return `TR-${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}`;
}

/** Typed codes are forgiving: lower case, spaces, O for 0 and I/L for 1. */
export function normaliseCertificateCode(input: string): string {
  const raw = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  const body = raw.startsWith("TR") ? raw.slice(2) : raw;
  return body.length === 8 ? `TR-${body.slice(0, 4)}-${body.slice(4)}` : input.trim().toUpperCase();
}

export interface CertificateHolder {
  awardId: number;
  entryId: number;
  /** null for the team's own certificate. */
  userId: number | null;
}
const holderKey = (h: CertificateHolder) => `${h.awardId}:${h.entryId}:${h.userId ?? "team"}`;

/**
 * Which certificates a publication issues and revokes: one for each grant's team and each of its
 * members. A holder who already has a valid certificate keeps it (same code); a valid certificate no
 * longer backed by a grant is revoked.
 */
export function planCertificates<T extends CertificateHolder>(
  valid: readonly T[],
  wanted: readonly CertificateHolder[],
): { issue: CertificateHolder[]; revoke: T[] } {
  const have = new Set(valid.map(holderKey));
  const want = new Map(wanted.map((h) => [holderKey(h), h]));
  return {
    issue: [...want].filter(([key]) => !have.has(key)).map(([, h]) => h),
    revoke: valid.filter((c) => !want.has(holderKey(c))),
  };
}
