// The floor: the judge home, the scoring page and the draft save as a bare node:http server over
// better-sqlite3, with no framework, no query builder and no rendering. It checks the session
// cookie, reads the same rows with the same joins and writes the same save (review, scores, audit
// row in one transaction) as the app, and answers JSON. What the app does beyond this is what
// Remix, React, Express and Kysely cost. Run as `node --import tsx bench/floor.ts <db> <port>`.
import http from "node:http";
import SQLite from "better-sqlite3";
import { parseLocalizedJson } from "#app/domain/localized";
import { countingVersions } from "#app/domain/round-materials";
import { isOnScale } from "#app/domain/rubric";
import { assessSession } from "#app/domain/session-policy";
import { constantTimeEqual, sha256 } from "#app/infra/crypto.server";

interface Actor {
  userId: number;
  judgeContests: number[];
}

export function startFloor(file: string, port: number) {
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");

  const q = {
    session: db.prepare("select * from sessions where id = ?"),
    user: db.prepare("select * from users where id = ?"),
    contestRoles: db.prepare("select contest_id, role from contest_roles where user_id = ?"),
    teamRoles: db.prepare("select team_id, role from team_members where user_id = ?"),
    contests: db.prepare(
      `select c.id, c.slug, c.name_i18n as name, c.time_zone as timeZone, c.judge_agreement_version as agreementVersion,
         jp.status as profileStatus,
         (select max(aa.agreement_version) from agreement_acceptances aa where aa.contest_id = c.id and aa.user_id = ?) as signedVersion
       from contests c left join judge_profiles jp on jp.contest_id = c.id and jp.user_id = ?
       where c.id in (select value from json_each(?)) order by c.id`,
    ),
    // clearedAssignments (app/services/assignments.server.ts) and the judge home's columns.
    home: db.prepare(
      `select a.id, r.contest_id as contestId, r.id as roundId, r.name_i18n as roundName, r.blind_review as blind,
         r.review_closes_at as reviewClosesAt, e.code, t.name_i18n as trackName, tm.name as teamName, rv.status
       from assignments a
       join rounds r on r.id = a.round_id
       join contests c on c.id = r.contest_id
       join judge_profiles jp on jp.contest_id = r.contest_id and jp.user_id = a.judge_id
       join contest_roles cr on cr.contest_id = r.contest_id and cr.user_id = a.judge_id and cr.role = 'judge'
       join entries e on e.id = a.entry_id
       join teams tm on tm.id = e.team_id
       join tracks t on t.id = e.track_id
       left join reviews rv on rv.assignment_id = a.id
       where a.judge_id = ? and jp.status = 'active'
         and exists (select aa.id from agreement_acceptances aa where aa.contest_id = r.contest_id
           and aa.user_id = a.judge_id and aa.agreement_version >= c.judge_agreement_version)
         and not exists (select cf.id from conflicts cf where cf.user_id = a.judge_id and cf.entry_id = a.entry_id)
         and r.contest_id in (select value from json_each(?))
       order by r.position, e.code`,
    ),
    liveRoadshows: db.prepare(
      `select distinct s.id as sessionId, s.round_id as roundId from roadshow_sessions s
       join roadshow_slots sl on sl.session_id = s.id
       join assignments a on a.entry_id = sl.entry_id and a.round_id = s.round_id
       where s.status = 'live' and a.judge_id = ?`,
    ),
    assignment: db.prepare(
      `select a.id, a.judge_id as judgeId, a.entry_id as entryId, a.round_id as roundId, r.contest_id as contestId,
         r.name_i18n as roundName, r.blind_review as blind, r.rubric_id as rubricId, r.submission_closes_at as closesAt,
         r.review_opens_at as reviewOpensAt, r.review_closes_at as reviewClosesAt, e.code, e.answers_json as answers,
         t.name_i18n as trackName, tm.name as teamName, tm.organisation as teamOrganisation, tm.country as teamCountry,
         c.time_zone as contestTimeZone, c.name_i18n as contestName, c.slug as contestSlug
       from assignments a
       join rounds r on r.id = a.round_id
       join entries e on e.id = a.entry_id
       join teams tm on tm.id = e.team_id
       join tracks t on t.id = e.track_id
       join contests c on c.id = r.contest_id
       where a.id = ?`,
    ),
    maySee: db.prepare(
      `select a.id from assignments a
       join rounds r on r.id = a.round_id
       join contests c on c.id = r.contest_id
       join judge_profiles jp on jp.contest_id = r.contest_id and jp.user_id = a.judge_id
       join contest_roles cr on cr.contest_id = r.contest_id and cr.user_id = a.judge_id and cr.role = 'judge'
       where a.judge_id = ? and jp.status = 'active'
         and exists (select aa.id from agreement_acceptances aa where aa.contest_id = r.contest_id
           and aa.user_id = a.judge_id and aa.agreement_version >= c.judge_agreement_version)
         and not exists (select cf.id from conflicts cf where cf.user_id = a.judge_id and cf.entry_id = a.entry_id)
         and a.entry_id = ? and a.round_id = ?`,
    ),
    requirements: db.prepare("select * from material_requirements where round_id = ? order by position"),
    versions: db.prepare(
      `select id, requirement_id as requirementId, version, created_at as createdAt, kind, text_value as text,
         url_value as url, pages, size_bytes as size, content_type as contentType
       from submissions where entry_id = ? and round_id = ?`,
    ),
    extension: db.prepare("select * from deadline_extensions where entry_id = ? and round_id = ?"),
    criteria: db.prepare("select * from criteria where rubric_id = ? order by position"),
    review: db.prepare("select * from reviews where assignment_id = ?"),
    scores: db.prepare("select * from criterion_scores where review_id = ?"),
    updateReview: db.prepare(
      `update reviews set status = ?, feedback = ?, note = ?, confidence = ?, updated_at = ?, submitted_at = null,
         submit_key = null, version = ? where id = ? and version = ?`,
    ),
    insertReview: db.prepare(
      `insert into reviews (assignment_id, status, feedback, note, confidence, updated_at, submitted_at, submit_key, version, created_at)
       values (?, 'draft', ?, ?, ?, ?, null, null, 1, ?) on conflict do nothing returning id`,
    ),
    deleteScores: db.prepare("delete from criterion_scores where review_id = ?"),
    insertScore: db.prepare("insert into criterion_scores (review_id, criterion_id, value, comment) values (?, ?, ?, ?)"),
    audit: db.prepare(
      `insert into audit_events (actor_user_id, action, subject_type, subject_id, contest_id, before_json, after_json, ip, created_at)
       values (?, 'review.scores_saved', 'assignment', ?, ?, ?, ?, ?, ?)`,
    ),
  };

  type Row = Record<string, unknown>;

  function actorOf(req: http.IncomingMessage): Actor | null {
    const raw = /(?:^|;\s*)trellis_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    if (!raw) return null;
    let token: unknown;
    try {
      // The app's cookie holds the token as base64 of its JSON (a Remix cookie without signing secrets).
      token = JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString("utf8"));
    } catch {
      return null;
    }
    if (typeof token !== "string") return null;
    const [id, secret] = token.split(".");
    if (!id || !secret) return null;
    const session = q.session.get(id) as Row | undefined;
    if (!session || !constantTimeEqual(sha256(secret), session.secret_hash as Buffer)) return null;
    const verdict = assessSession(
      { createdAt: String(session.created_at), lastVerifiedAt: String(session.last_verified_at) },
      new Date(),
    );
    if (verdict.status === "expired") return null;
    const user = q.user.get(session.user_id) as Row | undefined;
    if (!user) return null;
    const roles = q.contestRoles.all(user.id) as Array<{ contest_id: number; role: string }>;
    q.teamRoles.all(user.id);
    return { userId: Number(user.id), judgeContests: roles.filter((r) => r.role === "judge").map((r) => r.contest_id) };
  }

  function judgeHome(actor: Actor) {
    const ids = JSON.stringify(actor.judgeContests);
    const contests = q.contests.all(actor.userId, actor.userId, ids) as Row[];
    const rows = q.home.all(actor.userId, ids) as Row[];
    return {
      contests: contests.map((c) => ({
        id: c.id,
        slug: c.slug,
        name: parseLocalizedJson(c.name as string) ?? { en: c.slug },
        timeZone: c.timeZone,
        withdrawn: c.profileStatus === "withdrawn",
        signed: c.signedVersion !== null && Number(c.signedVersion) >= Number(c.agreementVersion),
      })),
      assignments: rows.map((r) => ({
        id: r.id,
        contestId: r.contestId,
        roundId: r.roundId,
        roundName: parseLocalizedJson(r.roundName as string) ?? { en: "" },
        reviewClosesAt: r.reviewClosesAt,
        code: r.code,
        track: parseLocalizedJson(r.trackName as string) ?? { en: "" },
        teamName: r.blind === 1 ? null : r.teamName,
        status: r.status ?? "not_started",
      })),
      live: q.liveRoadshows.all(actor.userId),
    };
  }

  function ownAssignment(actor: Actor, assignmentId: number) {
    const a = q.assignment.get(assignmentId) as Row | undefined;
    if (!a || a.judgeId !== actor.userId) return null;
    if (!q.maySee.get(actor.userId, a.entryId, a.roundId)) return null;
    return a;
  }

  function scoringPage(actor: Actor, assignmentId: number) {
    const a = ownAssignment(actor, assignmentId);
    if (!a) return null;
    const requirements = q.requirements.all(a.roundId) as Row[];
    const versions = q.versions.all(a.entryId, a.roundId) as Array<
      Row & { id: number; requirementId: number; version: number; createdAt: string }
    >;
    const extension = q.extension.get(a.entryId, a.roundId) as Row | undefined;
    const criteria = a.rubricId ? (q.criteria.all(a.rubricId) as Row[]) : [];
    const review = q.review.get(assignmentId) as Row | undefined;
    const counting = countingVersions(versions, {
      closesAt: a.closesAt as string | null,
      extensionUntil: (extension?.until as string) ?? null,
    });
    const scores = review ? (q.scores.all(review.id) as Row[]) : [];
    const blind = a.blind === 1;
    return {
      assignmentId,
      contest: { slug: a.contestSlug, name: parseLocalizedJson(a.contestName as string), timeZone: a.contestTimeZone },
      round: { name: parseLocalizedJson(a.roundName as string), blind, reviewClosesAt: a.reviewClosesAt },
      entry: {
        code: a.code,
        track: parseLocalizedJson(a.trackName as string),
        team: blind ? null : { name: a.teamName, organisation: a.teamOrganisation, country: a.teamCountry },
      },
      materials: requirements.map((r) => {
        const v = counting.get(r.id as number);
        return { id: r.id, kind: r.kind, label: parseLocalizedJson(r.label_i18n as string), submission: v ?? null };
      }),
      criteria: criteria.map((c) => ({
        id: c.id,
        name: parseLocalizedJson(c.name_i18n as string),
        description: parseLocalizedJson(c.description_i18n as string | null),
        weight: c.weight,
        scale: { min: c.scale_min, max: c.scale_max, step: c.scale_step },
        levels: JSON.parse(c.levels_json as string) as unknown,
      })),
      review: {
        status: review?.status ?? "not_started",
        version: review?.version ?? 0,
        feedback: review?.feedback ?? "",
        note: review?.note ?? "",
        confidence: review?.confidence ?? null,
        scores: Object.fromEntries(scores.map((s) => [s.criterion_id, { value: s.value, comment: s.comment ?? "" }])),
      },
    };
  }

  const save = db.transaction(
    (input: {
      actor: Actor;
      a: Row;
      version: number;
      scores: Array<{ id: number; value: number | null; comment: string }>;
      feedback: string;
      note: string;
      confidence: number | null;
      now: string;
    }) => {
      const current = q.review.get(input.a.id) as Row | undefined;
      if (current?.status === "submitted") return { status: 400, body: { error: "review_locked" } };
      if (Number(current?.version ?? 0) !== input.version) return { status: 409, body: { error: "changed_by_someone_else" } };
      let reviewId: number;
      if (current) {
        const changed = q.updateReview.run(
          "draft",
          input.feedback || null,
          input.note || null,
          input.confidence,
          input.now,
          Number(current.version) + 1,
          current.id,
          current.version,
        );
        if (changed.changes !== 1) return { status: 409, body: { error: "changed_by_someone_else" } };
        reviewId = Number(current.id);
      } else {
        const inserted = q.insertReview.get(
          input.a.id,
          input.feedback || null,
          input.note || null,
          input.confidence,
          input.now,
          input.now,
        ) as Row | undefined;
        if (!inserted) return { status: 409, body: { error: "changed_by_someone_else" } };
        reviewId = Number(inserted.id);
      }
      const before = q.scores.all(reviewId) as Array<{ criterion_id: number; value: number | null }>;
      q.deleteScores.run(reviewId);
      for (const s of input.scores) q.insertScore.run(reviewId, s.id, s.value, s.comment || null);
      const summary = (list: Array<{ criterion_id: number; value: number | null }>) =>
        Object.fromEntries(list.map((s) => [s.criterion_id, s.value]));
      const after = input.scores.map((s) => ({ criterion_id: s.id, value: s.value }));
      if (JSON.stringify(summary(before)) !== JSON.stringify(summary(after)))
        q.audit.run(
          input.actor.userId,
          String(input.a.id),
          input.a.contestId,
          JSON.stringify({ scores: summary(before), status: current?.status ?? null }),
          JSON.stringify({ scores: summary(after), status: "draft" }),
          "127.0.0.1",
          input.now,
        );
      return { status: 200, body: { version: Number(current?.version ?? 0) + 1, status: "draft" } };
    },
  );

  function draftSave(actor: Actor, assignmentId: number, form: URLSearchParams) {
    const a = ownAssignment(actor, assignmentId);
    if (!a) return { status: 404, body: { error: "not_found" } };
    const now = new Date();
    if (a.reviewOpensAt && now.getTime() < Date.parse(a.reviewOpensAt as string))
      return { status: 400, body: { error: "review_not_open" } };
    if (a.reviewClosesAt && now.getTime() >= Date.parse(a.reviewClosesAt as string))
      return { status: 400, body: { error: "review_closed" } };
    const version = Number(form.get("version"));
    const criteria = q.criteria.all(a.rubricId) as Row[];
    const scores: Array<{ id: number; value: number | null; comment: string }> = [];
    for (const c of criteria) {
      const raw = (form.get(`score-${c.id}`) ?? "").trim();
      const comment = (form.get(`comment-${c.id}`) ?? "").trim();
      const value = raw === "" ? null : Number(raw);
      if (value !== null) {
        const scale = { min: Number(c.scale_min), max: Number(c.scale_max), step: Number(c.scale_step) };
        if (!Number.isFinite(value) || value < scale.min || value > scale.max || !isOnScale(value, scale))
          return { status: 400, body: { error: "score_off_scale" } };
      }
      if (form.has(`score-${c.id}`) || form.has(`comment-${c.id}`)) scores.push({ id: Number(c.id), value, comment });
    }
    const confidenceText = (form.get("confidence") ?? "").trim();
    const confidence = confidenceText === "" ? null : Number(confidenceText);
    return save({
      actor,
      a,
      version,
      scores,
      feedback: (form.get("feedback") ?? "").trim(),
      note: (form.get("note") ?? "").trim(),
      confidence,
      now: now.toISOString(),
    });
  }

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
      res.end(text);
    };
    const url = new URL(req.url ?? "/", "http://floor");
    if (url.pathname === "/healthz") return send(200, { ok: true });
    const actor = actorOf(req);
    if (!actor) return send(401, { error: "unauthorised" });
    const review = /^\/reviews\/(\d+)$/.exec(url.pathname);
    if (req.method === "GET" && url.pathname === "/judging") return send(200, judgeHome(actor));
    if (req.method === "GET" && review) {
      const page = scoringPage(actor, Number(review[1]));
      return page ? send(200, page) : send(404, { error: "not_found" });
    }
    if (req.method === "POST" && review) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const result = draftSave(actor, Number(review[1]), new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
        send(result.status, result.body);
      });
      return;
    }
    send(404, { error: "not_found" });
  });
  server.listen(port, "127.0.0.1");
  return server;
}

if (process.argv[1]?.endsWith("floor.ts") && process.argv[2] && process.argv[3]) {
  const server = startFloor(process.argv[2], Number(process.argv[3]));
  server.on("listening", () => console.log(`floor listening on ${process.argv[3]}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}
