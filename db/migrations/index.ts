// Every migration, listed statically so that the bundled server and tsx scripts find the same set.
import type { Migration } from "kysely";
import * as m0001 from "./0001_identity";
import * as m0002 from "./0002_contest_roles_and_teams";
import * as m0003 from "./0003_contest_setup";
import * as m0004 from "./0004_teams_and_entries";
import * as m0005 from "./0005_team_name_key";
import * as m0006 from "./0006_submissions";
import * as m0007 from "./0007_judges_and_conflicts";
import * as m0008 from "./0008_assignments_and_reviews";
import * as m0009 from "./0009_roadshow";
import * as m0010 from "./0010_results";
import * as m0011 from "./0011_incubation";
import * as m0012 from "./0012_support_updates";
import * as m0013 from "./0013_bench_indexes";
import * as m0014 from "./0014_audit_append_only";
import * as m0015 from "./0015_pairwise";
import * as m0016 from "./0016_peoples_choice";
import * as m0017 from "./0017_heats";
import * as m0018 from "./0018_calibration";
import * as m0019 from "./0019_entry_languages";
import * as m0020 from "./0020_heat_organiser_invitations";

export const migrations: Record<string, Migration> = {
  "0001_identity": m0001,
  "0002_contest_roles_and_teams": m0002,
  "0003_contest_setup": m0003,
  "0004_teams_and_entries": m0004,
  "0005_team_name_key": m0005,
  "0006_submissions": m0006,
  "0007_judges_and_conflicts": m0007,
  "0008_assignments_and_reviews": m0008,
  "0009_roadshow": m0009,
  "0010_results": m0010,
  "0011_incubation": m0011,
  "0012_support_updates": m0012,
  "0013_bench_indexes": m0013,
  "0014_audit_append_only": m0014,
  "0015_pairwise": m0015,
  "0016_peoples_choice": m0016,
  "0017_heats": m0017,
  "0018_calibration": m0018,
  "0019_entry_languages": m0019,
  "0020_heat_organiser_invitations": m0020,
};
