// The typed Database interface: one source of truth for table shapes, kept in step with db/migrations.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** ISO-8601 UTC text, e.g. 2026-11-24T04:50:00.000Z */
export type Instant = string;
/** SQLite has no boolean: 0 or 1. */
export type Flag = 0 | 1;

export type Language = "en" | "zh-CN" | "zh-TW" | "id" | "ms" | "th" | "vi";

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: Instant | null;
  preferred_language: Language;
  country: string;
  time_zone: string;
  is_admin: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: Instant;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  secret_hash: Buffer;
  created_at: Instant;
  last_verified_at: Instant;
  user_agent: string | null;
  ip: string | null;
}

/** One-time tokens sent by email: verification and password reset. Only the SHA-256 is stored. */
export interface EmailTokensTable {
  id: Generated<number>;
  purpose: "verify_email" | "reset_password";
  user_id: number;
  email: string;
  token_hash: string;
  expires_at: Instant;
  used_at: Instant | null;
  created_at: Instant;
}

export interface RateLimitBucketsTable {
  key: string;
  window_started_at: Instant;
  count: number;
}

export type OutboxStatus = "pending" | "sent" | "failed";

export interface OutboxMessagesTable {
  id: Generated<number>;
  kind: string;
  to_address: string;
  to_name: string | null;
  language: Language;
  subject: string;
  text_body: string;
  html_body: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: Instant;
  sent_at: Instant | null;
  created_at: Instant;
}

export interface AuditEventsTable {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  contest_id: number | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  created_at: Instant;
}

export type ContestState = "draft" | "registration_open" | "running" | "finished" | "archived";

export interface ContestsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  time_zone: string;
  state: ContestState;
  created_at: Instant;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
}

export type ContestRoleName = "organiser" | "judge" | "mentor";

export interface ContestRolesTable {
  id: Generated<number>;
  contest_id: number;
  user_id: number;
  role: ContestRoleName;
  created_at: Instant;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  country: string;
  created_at: Instant;
  updated_at: Instant;
}

export type TeamRole = "lead" | "member";

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  role: TeamRole;
  joined_at: Instant;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  rate_limit_buckets: RateLimitBucketsTable;
  outbox_messages: OutboxMessagesTable;
  audit_events: AuditEventsTable;
  contests: ContestsTable;
  contest_roles: ContestRolesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;
export type Contest = Selectable<ContestsTable>;
