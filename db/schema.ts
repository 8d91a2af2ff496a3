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

/** JSON text of a LocalizedText: {"en": "...", "zh-CN": "..."}. */
export type LocalizedJson = string;

export interface ContestsTable {
  id: Generated<number>;
  slug: string;
  /** The English name, kept for logs and sorting; name_i18n holds every language. */
  name: string;
  time_zone: string;
  state: ContestState;
  created_at: Instant;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
  name_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  description_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  terms_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  declaration_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  prizes_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  faq_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  terms_version: ColumnType<number, number | undefined, number>;
  /** JSON array of ISO 3166 alpha-2 codes. */
  eligible_countries: ColumnType<string, string | undefined, string>;
  team_min: ColumnType<number, number | undefined, number>;
  team_max: ColumnType<number, number | undefined, number>;
  contact_email: ColumnType<string | null, string | null | undefined, string | null>;
  registration_opens_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  registration_closes_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  results_published_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  judge_agreement_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  judge_agreement_version: ColumnType<number, number | undefined, number>;
  /** JSON array of tie-breakers in order (see app/domain/ranking.ts `tieBreakersSchema`). */
  tie_breakers_json: ColumnType<string, string | undefined, string>;
  /** People's choice (migration 0016): on or off, its voting window, and when counts went public. */
  peoples_choice_enabled: ColumnType<Flag, Flag | undefined, Flag>;
  voting_opens_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  voting_closes_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  peoples_choice_published_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** Heats (migration 0017): the final this contest is a heat of; null for a final or a plain contest. */
  parent_contest_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** On a final: how many places each heat sends per track unless a quota rule says otherwise. */
  heat_quota: ColumnType<number, number | undefined, number>;
}

/** A quota for one heat, one final track, or one heat's track (migration 0017). */
export interface HeatQuotaRulesTable {
  id: Generated<number>;
  final_contest_id: number;
  heat_contest_id: number | null;
  final_track_id: number | null;
  places: number;
  created_by: number | null;
  created_at: Instant;
}

/** The final's organisers settle a heat entry tied across its heat's cut line (migration 0017). */
export interface HeatTieDecisionsTable {
  id: Generated<number>;
  final_contest_id: number;
  entry_id: number;
  action: "include" | "exclude";
  reason: string;
  decided_by: number | null;
  decided_at: Instant;
}

/** A heat entry the final's organisers bring in from below its heat's cut line (migration 0017). */
export interface HeatWildCardsTable {
  id: Generated<number>;
  final_contest_id: number;
  entry_id: number;
  reason: string;
  chosen_by: number | null;
  chosen_at: Instant;
}

/** An invitation to organise one heat, for someone without an account yet (migration 0020). */
export interface HeatOrganiserInvitationsTable {
  id: Generated<number>;
  heat_contest_id: number;
  email: string;
  name: string | null;
  token_hash: string;
  status: ColumnType<InvitationStatus, "pending" | undefined, InvitationStatus>;
  invited_by: number | null;
  accepted_by: ColumnType<number | null, number | null | undefined, number | null>;
  expires_at: Instant;
  responded_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  created_at: Instant;
}

/** One people's choice vote (migration 0016); a voided vote stays on record and stops counting. */
export interface VotesTable {
  id: Generated<number>;
  contest_id: number;
  track_id: number;
  entry_id: number;
  voter_id: number;
  created_at: Instant;
  ip: string | null;
  voided_at: Instant | null;
  voided_by: number | null;
  void_reason: string | null;
}

export interface TracksTable {
  id: Generated<number>;
  contest_id: number;
  position: number;
  name_i18n: LocalizedJson;
  description_i18n: LocalizedJson | null;
  women_led_only: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: Instant;
  updated_at: Instant;
  /** On a heat's track: the final's track it feeds (migration 0017). */
  final_track_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RubricsTable {
  id: Generated<number>;
  contest_id: number;
  name_i18n: LocalizedJson;
  version: ColumnType<number, number | undefined, number>;
  copied_from_id: number | null;
  template: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface CriteriaTable {
  id: Generated<number>;
  rubric_id: number;
  key: string;
  position: number;
  name_i18n: LocalizedJson;
  description_i18n: LocalizedJson | null;
  weight: number;
  scale_min: number;
  scale_max: number;
  scale_step: number;
  /** JSON array of { min, max, text: LocalizedText }. */
  levels_json: ColumnType<string, string | undefined, string>;
}

export interface RoundsTable {
  id: Generated<number>;
  contest_id: number;
  position: number;
  name_i18n: LocalizedJson;
  submission_opens_at: Instant | null;
  submission_closes_at: Instant | null;
  review_opens_at: Instant | null;
  review_closes_at: Instant | null;
  blind_review: ColumnType<Flag, Flag | undefined, Flag>;
  judges_per_entry: ColumnType<number, number | undefined, number>;
  rubric_id: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
  /** How the round turns an entry's reviews into one result (see app/domain/aggregation.ts). */
  aggregation_method: ColumnType<string, string | undefined, string>;
  /** The live pitch format, e.g. 8 + 7: minutes of pitch, then of questions. */
  pitch_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  qa_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  /** Rubric scoring (the default) or pairwise comparisons (migration 0015). */
  judging_mode: ColumnType<JudgingMode, JudgingMode | undefined, JudgingMode>;
}

export type JudgingMode = "rubric" | "pairwise";
export type PairwiseAnswer = "first" | "second" | "cannot_tell";

/** One judge's answer about two entries of a pairwise round (migration 0015). */
export interface PairwiseComparisonsTable {
  id: Generated<number>;
  round_id: number;
  judge_id: number;
  first_entry_id: number;
  second_entry_id: number;
  /** Generated: the pair in canonical order, for "each judge answers a pair once". */
  low_entry_id: ColumnType<number, never, never>;
  high_entry_id: ColumnType<number, never, never>;
  answer: PairwiseAnswer;
  created_at: Instant;
}

export type MaterialKind = "pitch_deck" | "business_plan" | "video_link" | "text_answer";

export interface MaterialRequirementsTable {
  id: Generated<number>;
  round_id: number;
  position: number;
  kind: MaterialKind;
  label_i18n: LocalizedJson;
  help_i18n: LocalizedJson | null;
  required: ColumnType<Flag, Flag | undefined, Flag>;
  max_size_mb: number | null;
  max_pages: number | null;
  max_chars: number | null;
}

export interface RegistrationQuestionsTable {
  id: Generated<number>;
  contest_id: number;
  position: number;
  key: string;
  definition_json: string;
}

export type TeamStage = "idea" | "prototype" | "early_revenue" | "growth";

export interface TeamInvitationsTable {
  id: Generated<number>;
  team_id: number;
  email: string;
  token_hash: string;
  invited_by: number | null;
  status: ColumnType<
    "pending" | "accepted" | "declined" | "revoked",
    "pending" | undefined,
    "pending" | "accepted" | "declined" | "revoked"
  >;
  expires_at: Instant;
  responded_at: Instant | null;
  created_at: Instant;
}

export type EntryStatus = "registered" | "withdrawn";

export interface EntriesTable {
  id: Generated<number>;
  contest_id: number;
  team_id: number;
  track_id: number;
  code: string;
  status: ColumnType<EntryStatus, EntryStatus | undefined, EntryStatus>;
  answers_json: ColumnType<string, string | undefined, string>;
  terms_version: number;
  terms_accepted_at: Instant;
  registered_by: number | null;
  registered_at: Instant;
  withdrawn_at: Instant | null;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
  /** The language code of the entry's materials, if the team said. */
  materials_language: ColumnType<string | null, string | null | undefined, string | null>;
  /** On a final's entry: the heat entry it went through from (migration 0017). */
  heat_entry_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  city: string | null;
  organisation: string | null;
  stage: TeamStage | null;
  founding_year: number | null;
  website: string | null;
  pitch: string | null;
  founders_women: ColumnType<number, number | undefined, number>;
  founders_men: ColumnType<number, number | undefined, number>;
  founders_other: ColumnType<number, number | undefined, number>;
  women_led: ColumnType<Flag, Flag | undefined, Flag>;
  version: ColumnType<number, number | undefined, number>;
  /** normaliseTeamName(name), kept in step by every write of the name. */
  name_key: ColumnType<string, string | undefined, string>;
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
  tracks: TracksTable;
  rubrics: RubricsTable;
  criteria: CriteriaTable;
  rounds: RoundsTable;
  material_requirements: MaterialRequirementsTable;
  registration_questions: RegistrationQuestionsTable;
  team_invitations: TeamInvitationsTable;
  entries: EntriesTable;
  submissions: SubmissionsTable;
  deadline_extensions: DeadlineExtensionsTable;
  judge_invitations: JudgeInvitationsTable;
  judge_profiles: JudgeProfilesTable;
  agreement_acceptances: AgreementAcceptancesTable;
  conflicts: ConflictsTable;
  assignments: AssignmentsTable;
  reviews: ReviewsTable;
  criterion_scores: CriterionScoresTable;
  roadshow_sessions: RoadshowSessionsTable;
  roadshow_slots: RoadshowSlotsTable;
  entry_rounds: EntryRoundsTable;
  advancements: AdvancementsTable;
  advancement_changes: AdvancementChangesTable;
  awards: AwardsTable;
  award_grants: AwardGrantsTable;
  publications: PublicationsTable;
  certificates: CertificatesTable;
  cohorts: CohortsTable;
  cohort_teams: CohortTeamsTable;
  mentor_invitations: MentorInvitationsTable;
  mentor_assignments: MentorAssignmentsTable;
  milestones: MilestonesTable;
  checkins: CheckinsTable;
  checkin_attachments: CheckinAttachmentsTable;
  exchange_rates: ExchangeRatesTable;
  checkin_reminders: CheckinRemindersTable;
  support_requests: SupportRequestsTable;
  support_updates: SupportUpdatesTable;
  change_counters: ChangeCountersTable;
  pairwise_comparisons: PairwiseComparisonsTable;
  votes: VotesTable;
  entry_texts: EntryTextsTable;
  heat_quota_rules: HeatQuotaRulesTable;
  heat_tie_decisions: HeatTieDecisionsTable;
  heat_wild_cards: HeatWildCardsTable;
  heat_organiser_invitations: HeatOrganiserInvitationsTable;
  round_calibration_entries: RoundCalibrationEntriesTable;
}

/** A round's calibration entry for one track (migration 0018): every judge of the panel scores it first. */
export interface RoundCalibrationEntriesTable {
  id: Generated<number>;
  round_id: number;
  track_id: number;
  entry_id: number;
  chosen_by: number | null;
  chosen_at: Instant;
}

export interface SubmissionsTable {
  id: Generated<number>;
  entry_id: number;
  round_id: number;
  requirement_id: number;
  version: number;
  kind: "file" | "text" | "link";
  storage_key: string | null;
  sha256: string | null;
  size_bytes: number | null;
  file_name: string | null;
  content_type: string | null;
  pages: number | null;
  text_value: string | null;
  url_value: string | null;
  uploaded_by: number | null;
  created_at: Instant;
  /** The language the material is in (migration 0019); null before then: the entry's materials language. */
  language: ColumnType<string | null, string | null | undefined, string | null>;
}

export type EntryTextField = "pitch" | "description" | "answer" | "material";

/** One language version of one of an entry's texts (migration 0019); see app/domain/entry-texts.ts. */
export interface EntryTextsTable {
  id: Generated<number>;
  entry_id: number;
  field: EntryTextField;
  /** The question key of an answer, the requirement id of a material, '' for the pitch and description. */
  ref: ColumnType<string, string | undefined, string>;
  language: string;
  is_original: ColumnType<Flag, Flag | undefined, Flag>;
  body: string;
  updated_by: number | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface DeadlineExtensionsTable {
  id: Generated<number>;
  entry_id: number;
  round_id: number;
  until: Instant;
  reason: string;
  granted_by: number | null;
  created_at: Instant;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;
export type Contest = Selectable<ContestsTable>;
export type Track = Selectable<TracksTable>;
export type Round = Selectable<RoundsTable>;
export type Rubric = Selectable<RubricsTable>;
export type Criterion = Selectable<CriteriaTable>;
export type Team = Selectable<TeamsTable>;
export type Entry = Selectable<EntriesTable>;
export type Submission = Selectable<SubmissionsTable>;

export interface JudgeInvitationsTable {
  id: Generated<number>;
  contest_id: number;
  email: string;
  name: string | null;
  organisation: string | null;
  country: string | null;
  /** JSON array of track ids. */
  track_ids_json: ColumnType<string, string | undefined, string>;
  /** JSON array of language codes. */
  languages_json: ColumnType<string, string | undefined, string>;
  token_hash: string;
  status: ColumnType<
    "pending" | "accepted" | "declined" | "revoked",
    "pending" | undefined,
    "pending" | "accepted" | "declined" | "revoked"
  >;
  invited_by: number | null;
  accepted_by: ColumnType<number | null, number | null | undefined, number | null>;
  expires_at: Instant;
  responded_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  created_at: Instant;
}

export type JudgeStatus = "active" | "withdrawn";

export interface JudgeProfilesTable {
  id: Generated<number>;
  contest_id: number;
  user_id: number;
  organisation: string | null;
  country: string | null;
  track_ids_json: ColumnType<string, string | undefined, string>;
  languages_json: ColumnType<string, string | undefined, string>;
  status: ColumnType<JudgeStatus, JudgeStatus | undefined, JudgeStatus>;
  created_at: Instant;
  updated_at: Instant;
}

export interface AgreementAcceptancesTable {
  id: Generated<number>;
  contest_id: number;
  user_id: number;
  agreement_version: number;
  text_sha256: string;
  language: string;
  accepted_at: Instant;
  ip: string | null;
}

export type ConflictReason = "declared" | "same_organisation" | "same_email_domain" | "team_member";

export interface ConflictsTable {
  id: Generated<number>;
  contest_id: number;
  user_id: number;
  entry_id: number;
  source: "declared" | "detected";
  reason: ConflictReason;
  note: string | null;
  created_at: Instant;
}

export interface AssignmentsTable {
  id: Generated<number>;
  round_id: number;
  entry_id: number;
  judge_id: number;
  source: "manual" | "auto";
  assigned_by: number | null;
  created_at: Instant;
  /** Set when the organiser asked this judge for one more review of a disputed entry. */
  moderation_requested_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export type ReviewStatus = "draft" | "submitted";

export interface ReviewsTable {
  id: Generated<number>;
  assignment_id: number;
  status: ColumnType<ReviewStatus, ReviewStatus | undefined, ReviewStatus>;
  feedback: string | null;
  note: string | null;
  confidence: number | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Instant;
  updated_at: Instant;
  submitted_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** The client's key for a submit, so a resent submit is acknowledged instead of refused. */
  submit_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CriterionScoresTable {
  review_id: number;
  criterion_id: number;
  value: number | null;
  comment: string | null;
}

export type RoadshowStatus = "planned" | "live" | "finished";
export type RoadshowPhase = "waiting" | "pitch" | "qa" | "scoring" | "closed";

export interface RoadshowSessionsTable {
  id: Generated<number>;
  round_id: number;
  status: ColumnType<RoadshowStatus, RoadshowStatus | undefined, RoadshowStatus>;
  current_slot_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Bumped by every change, so live screens know when to refresh. */
  version: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: Instant;
  started_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  finished_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface RoadshowSlotsTable {
  id: Generated<number>;
  session_id: number;
  entry_id: number;
  position: number;
  phase: ColumnType<RoadshowPhase, RoadshowPhase | undefined, RoadshowPhase>;
  phase_started_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  result: ColumnType<number | null, number | null | undefined, number | null>;
  judges_counted: ColumnType<number | null, number | null | undefined, number | null>;
  closed_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export type EntryRoundStatus = "active" | "advanced" | "eliminated" | "withdrawn";

/** An entry's place in a round. A round without any row takes every registered entry (see app/domain/advancement.ts). */
export interface EntryRoundsTable {
  id: Generated<number>;
  entry_id: number;
  round_id: number;
  status: ColumnType<EntryRoundStatus, EntryRoundStatus | undefined, EntryRoundStatus>;
  created_at: Instant;
  updated_at: Instant;
}

/** A confirmed advancement out of a round; at most one per round, so confirming twice changes nothing. */
export interface AdvancementsTable {
  id: Generated<number>;
  round_id: number;
  to_round_id: number;
  rule_json: string;
  method: string;
  advanced_count: number;
  eliminated_count: number;
  confirmed_by: number | null;
  confirmed_at: Instant;
}

/** The organiser's written change to the cut line for one entry. */
export interface AdvancementChangesTable {
  id: Generated<number>;
  round_id: number;
  entry_id: number;
  action: "add" | "remove";
  reason: string;
  created_by: number | null;
  created_at: Instant;
}

export interface AwardsTable {
  id: Generated<number>;
  round_id: number;
  name_i18n: LocalizedJson;
  description_i18n: ColumnType<LocalizedJson, LocalizedJson | undefined, LocalizedJson>;
  position: number;
  created_at: Instant;
  updated_at: Instant;
}

export interface AwardGrantsTable {
  id: Generated<number>;
  award_id: number;
  entry_id: number;
  citation: string | null;
  granted_by: number | null;
  granted_at: Instant;
}

/** An immutable snapshot of a round's results (a database trigger refuses updates). */
export interface PublicationsTable {
  id: Generated<number>;
  contest_id: number;
  round_id: number;
  version: number;
  snapshot_json: string;
  reason: string | null;
  published_by: number | null;
  published_at: Instant;
}

export interface CertificatesTable {
  id: Generated<number>;
  code: string;
  publication_id: number;
  award_id: number;
  entry_id: number;
  /** Null for the team's own certificate. */
  user_id: number | null;
  recipient_name: string | null;
  team_name: string;
  issued_at: Instant;
  revoked_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  revoked_publication_id: ColumnType<number | null, number | null | undefined, number | null>;
}

// ---- Incubation (migration 0011) ------------------------------------------------------------------

/** A calendar date, "2027-01-31" (no time, no zone). */
export type DateOnly = string;
export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked";
export type Cadence = "monthly" | "quarterly";

export interface CohortsTable {
  id: Generated<number>;
  contest_id: number;
  name_i18n: LocalizedJson;
  starts_on: DateOnly;
  ends_on: DateOnly;
  cadence: Cadence;
  /** ISO 4217 code every money figure is converted to for reports. */
  reporting_currency: ColumnType<string, string | undefined, string>;
  /** Days after a period ends that its check-in is due. */
  due_days: ColumnType<number, number | undefined, number>;
  /** JSON array of { key, name: LocalizedText } the teams' milestones start from. */
  milestone_template_json: ColumnType<string, string | undefined, string>;
  created_at: Instant;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
}

export type CohortTeamStatus = "active" | "graduated" | "left";

export interface CohortTeamsTable {
  id: Generated<number>;
  cohort_id: number;
  entry_id: number;
  status: ColumnType<CohortTeamStatus, CohortTeamStatus | undefined, CohortTeamStatus>;
  joined_at: Instant;
}

export interface MentorInvitationsTable {
  id: Generated<number>;
  cohort_id: number;
  email: string;
  name: string | null;
  organisation: string | null;
  cohort_team_ids_json: ColumnType<string, string | undefined, string>;
  token_hash: string;
  status: ColumnType<InvitationStatus, "pending" | undefined, InvitationStatus>;
  invited_by: number | null;
  accepted_by: ColumnType<number | null, number | null | undefined, number | null>;
  expires_at: Instant;
  responded_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  created_at: Instant;
}

export interface MentorAssignmentsTable {
  id: Generated<number>;
  cohort_team_id: number;
  mentor_id: number;
  assigned_by: number | null;
  created_at: Instant;
}

export type MilestoneStatus = "planned" | "in_progress" | "done" | "dropped";

export interface MilestonesTable {
  id: Generated<number>;
  cohort_team_id: number;
  template_key: string | null;
  title: string;
  due_on: DateOnly | null;
  status: ColumnType<MilestoneStatus, MilestoneStatus | undefined, MilestoneStatus>;
  done_on: DateOnly | null;
  position: number;
  created_at: Instant;
  updated_at: Instant;
}

export type CheckinStatus = "draft" | "submitted";
export type MentorStatus = "on_track" | "needs_attention" | "at_risk";

export interface CheckinsTable {
  id: Generated<number>;
  cohort_team_id: number;
  period: string;
  status: ColumnType<CheckinStatus, CheckinStatus | undefined, CheckinStatus>;
  revenue: number | null;
  revenue_currency: string | null;
  funding: number | null;
  funding_currency: string | null;
  employees: number | null;
  women_employees: number | null;
  customers: number | null;
  jobs_created: number | null;
  ip_filed: number | null;
  went_well: string | null;
  blockers: string | null;
  /** JSON array of { milestoneId, status, note } as reported in this check-in. */
  milestone_updates_json: ColumnType<string, string | undefined, string>;
  mentor_status: ColumnType<MentorStatus | null, MentorStatus | null | undefined, MentorStatus | null>;
  mentor_note: ColumnType<string | null, string | null | undefined, string | null>;
  mentor_id: ColumnType<number | null, number | null | undefined, number | null>;
  mentor_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  submitted_by: ColumnType<number | null, number | null | undefined, number | null>;
  submitted_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  created_at: Instant;
  updated_at: Instant;
  version: ColumnType<number, number | undefined, number>;
}

export interface CheckinAttachmentsTable {
  id: Generated<number>;
  checkin_id: number;
  storage_key: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: number | null;
  created_at: Instant;
}

export interface ExchangeRatesTable {
  id: Generated<number>;
  cohort_id: number;
  period: string;
  currency: string;
  rate: number;
  set_by: number | null;
  set_at: Instant;
}

export interface CheckinRemindersTable {
  id: Generated<number>;
  cohort_team_id: number;
  period: string;
  step: string;
  sent_at: Instant;
}

export type SupportKind = "investor_intro" | "legal_ip" | "tech_transfer" | "market_entry" | "other";
export type SupportStatus = "open" | "routed" | "in_progress" | "closed";

export interface SupportRequestsTable {
  id: Generated<number>;
  cohort_team_id: number;
  kind: SupportKind;
  country: string | null;
  details: string;
  status: ColumnType<SupportStatus, SupportStatus | undefined, SupportStatus>;
  routed_to_mentor_id: ColumnType<number | null, number | null | undefined, number | null>;
  routed_to_partner: ColumnType<string | null, string | null | undefined, string | null>;
  resolution: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Instant;
  updated_at: Instant;
  closed_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  version: ColumnType<number, number | undefined, number>;
}

// ---- Support request updates (migration 0012) -------------------------------------------------------

export type SupportUpdateRole = "organiser" | "mentor";

export interface SupportUpdatesTable {
  id: Generated<number>;
  support_request_id: number;
  author_id: number | null;
  author_role: SupportUpdateRole;
  note: string;
  created_at: Instant;
}

/**
 * Counters moved on by triggers (migration 0013) whenever what a cached computation reads changes:
 * "results" (a round's results and progress view), "registrations" (a contest's registration
 * statistics). See app/services/change-cache.server.ts.
 */
export interface ChangeCountersTable {
  name: "results" | "registrations";
  value: number;
}
