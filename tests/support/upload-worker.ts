// A child process for the crash test: uploads PDFs in a loop through the real service and prints
// "committed <submissionId> <sha256>" after each commit, until it is killed.
import { openDatabase } from "#app/infra/db.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { uploadFile } from "#app/services/submissions.server";
import { makeCtx } from "./factories";
import { makePdf } from "./documents";

const db = openDatabase(process.env.CRASH_DB!);
const storage = createLocalStorage(process.env.CRASH_UPLOADS!);
const { entryId, roundId, requirementId, userId } = JSON.parse(process.env.CRASH_SLOT!) as Record<string, number>;
const user = await db.selectFrom("users").selectAll().where("id", "=", userId!).executeTakeFirstOrThrow();
const now = new Date(process.env.CRASH_NOW!);

for (let i = 0; ; i++) {
  const ctx = await makeCtx(db, user, { now });
  const result = await uploadFile(ctx, storage, {
    entryId: entryId!,
    roundId: roundId!,
    requirementId: requirementId!,
    fileName: `deck-${i}.pdf`,
    data: makePdf(1 + (i % 3), { label: `Upload ${i}` }),
  });
  if (!result.ok) throw new Error(result.error.code);
  process.stdout.write(`committed ${result.value.submissionId} ${result.value.sha256}\n`);
}
