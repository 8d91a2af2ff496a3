// Incubation after the contest: cohorts of teams with a milestone template, mentors (invited by email,
// assigned to teams), milestones the teams own, periodic check-ins with KPIs and the mentor's status,
// exchange rates per period for one reporting currency, reminders sent, and support requests.
import type { Kysely } from "kysely";
import { sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cohorts")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("name_i18n", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("cadence", "text", (c) => c.notNull().check(sql`cadence in ('monthly', 'quarterly')`))
    .addColumn("reporting_currency", "text", (c) => c.notNull().defaultTo("USD"))
    .addColumn("due_days", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("milestone_template_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("cohorts_contest").on("cohorts").column("contest_id").execute();

  await db.schema
    .createTable("cohort_teams")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'graduated', 'left')`),
    )
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addUniqueConstraint("cohort_teams_once", ["cohort_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("mentor_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("organisation", "text")
    /** JSON array of cohort_teams ids the mentor will follow once they accept. */
    .addColumn("cohort_team_ids_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'accepted', 'declined', 'revoked')`),
    )
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("accepted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mentor_assignments")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_team_id", "integer", (c) => c.notNull().references("cohort_teams.id").onDelete("cascade"))
    .addColumn("mentor_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assigned_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mentor_assignments_once", ["cohort_team_id", "mentor_id"])
    .execute();
  await db.schema.createIndex("mentor_assignments_mentor").on("mentor_assignments").column("mentor_id").execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_team_id", "integer", (c) => c.notNull().references("cohort_teams.id").onDelete("cascade"))
    /** The template key it came from (e.g. "first_customer"); null for a milestone the team added. */
    .addColumn("template_key", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "text")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("planned")
        .check(sql`status in ('planned', 'in_progress', 'done', 'dropped')`),
    )
    .addColumn("done_on", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("milestones_team").on("milestones").column("cohort_team_id").execute();

  await db.schema
    .createTable("checkins")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_team_id", "integer", (c) => c.notNull().references("cohort_teams.id").onDelete("cascade"))
    /** "2027-01" for a monthly cohort, "2027-Q1" for a quarterly one (app/domain/periods.ts). */
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'submitted')`),
    )
    .addColumn("revenue", "real")
    .addColumn("revenue_currency", "text")
    .addColumn("funding", "real")
    .addColumn("funding_currency", "text")
    .addColumn("employees", "integer")
    .addColumn("women_employees", "integer")
    .addColumn("customers", "integer")
    .addColumn("jobs_created", "integer")
    .addColumn("ip_filed", "integer")
    .addColumn("went_well", "text")
    .addColumn("blockers", "text")
    .addColumn("milestone_updates_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("mentor_status", "text", (c) => c.check(sql`mentor_status in ('on_track', 'needs_attention', 'at_risk')`))
    .addColumn("mentor_note", "text")
    .addColumn("mentor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("mentor_at", "text")
    .addColumn("submitted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("checkins_once", ["cohort_team_id", "period"])
    .addCheckConstraint(
      "checkins_counts",
      sql`coalesce(employees, 0) >= 0 and coalesce(women_employees, 0) >= 0
      and coalesce(women_employees, 0) <= coalesce(employees, 0) and coalesce(customers, 0) >= 0
      and coalesce(jobs_created, 0) >= 0 and coalesce(ip_filed, 0) >= 0
      and coalesce(revenue, 0) >= 0 and coalesce(funding, 0) >= 0`,
    )
    .execute();

  await db.schema
    .createTable("checkin_attachments")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("checkin_id", "integer", (c) => c.notNull().references("checkins.id").onDelete("cascade"))
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("exchange_rates")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    /** How many units of the cohort's reporting currency one unit of `currency` is worth. */
    .addColumn("rate", "real", (c) => c.notNull().check(sql`rate > 0`))
    .addColumn("set_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("set_at", "text", (c) => c.notNull())
    .addUniqueConstraint("exchange_rates_once", ["cohort_id", "period", "currency"])
    .execute();

  await db.schema
    .createTable("checkin_reminders")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_team_id", "integer", (c) => c.notNull().references("cohort_teams.id").onDelete("cascade"))
    .addColumn("period", "text", (c) => c.notNull())
    /** Which step of the reminder schedule (app/domain/periods.ts): "due_soon", "overdue", "overdue_again". */
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addUniqueConstraint("checkin_reminders_once", ["cohort_team_id", "period", "step"])
    .execute();

  await db.schema
    .createTable("support_requests")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("cohort_team_id", "integer", (c) => c.notNull().references("cohort_teams.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('investor_intro', 'legal_ip', 'tech_transfer', 'market_entry', 'other')`),
    )
    .addColumn("country", "text")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'routed', 'in_progress', 'closed')`),
    )
    .addColumn("routed_to_mentor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("routed_to_partner", "text")
    .addColumn("resolution", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("support_requests_team").on("support_requests").column("cohort_team_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
