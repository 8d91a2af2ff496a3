// Behind LiteFS only the primary may write. A GET that must write calls `ensurePrimaryForWrite`,
// which replays the request to the primary (fly-replay) on a replica; alone, it does nothing.
import { getEnv } from "./env.server";

export async function ensurePrimaryForWrite(): Promise<void> {
  if (!getEnv().LITEFS_DIR) return;
  const { ensurePrimary } = await import("litefs-js/remix");
  await ensurePrimary();
}

export async function isPrimaryInstance(): Promise<boolean> {
  if (!getEnv().LITEFS_DIR) return true;
  const { getInstanceInfo } = await import("litefs-js");
  return (await getInstanceInfo()).currentIsPrimary;
}
