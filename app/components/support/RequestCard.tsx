// One support request as everyone reads it: the kind of help and the country, its status, who it is
// routed to, the team's details, the updates from organisers and the mentor, and the resolution.
// Pages put their own controls (route, close...) in `children`.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { countryName } from "#app/domain/countries";
import type { SupportStatus } from "#db/schema";
import type { RoutedTo, SupportRequestView } from "#app/services/support.server";

/** How a request is named to screen readers on buttons repeated in every card. */
export function useRequestName() {
  const { t } = useTranslation();
  return (request: Pick<SupportRequestView, "kind" | "teamName" | "code">) =>
    t("support.requestName", { kind: t(`support.kind.${request.kind}`), team: request.teamName, code: request.code });
}

export function StatusBadge({ status }: { status: SupportStatus }) {
  const { t } = useTranslation();
  const tone = status === "closed" ? "status-done" : status === "open" ? "status-missing" : "";
  return <span className={["status", tone].filter(Boolean).join(" ")}>{t(`support.status.${status}`)}</span>;
}

export function RoutedToText({ routedTo }: { routedTo: RoutedTo }) {
  const { t } = useTranslation();
  if (!routedTo) return <span className="muted">{t("support.notRouted")}</span>;
  return <>{t(routedTo.type === "mentor" ? "support.routedMentor" : "support.routedPartner", { name: routedTo.name })}</>;
}

export function RequestCard({
  request,
  viewerTimeZone,
  showTeam,
  extraFacts,
  children,
}: {
  request: SupportRequestView;
  viewerTimeZone: string;
  /** On pages listing several teams' requests: the team's code and name in the heading. */
  showTeam: boolean;
  extraFacts?: ReactNode;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const titleId = `request-${request.id}-title`;
  const kind = t(`support.kind.${request.kind}`);
  return (
    <article className="card stack" aria-labelledby={titleId}>
      <div className="row">
        <h3 id={titleId}>
          {showTeam ? (
            <>
              <span className="entry-code">{request.code}</span> {request.teamName}:{" "}
            </>
          ) : null}
          {kind}
          {request.country ? <span suppressHydrationWarning> — {countryName(request.country, i18n.language)}</span> : null}
        </h3>
        <span className="push-right">
          <StatusBadge status={request.status} />
        </span>
      </div>
      <dl className="facts">
        <dt>{t("support.askedAt")}</dt>
        <dd>
          <Time iso={request.createdAt} timeZone={viewerTimeZone} />
        </dd>
        <dt>{t("support.routedTo")}</dt>
        <dd>
          <RoutedToText routedTo={request.routedTo} />
        </dd>
        {request.closedAt ? (
          <>
            <dt>{t("support.closedAt")}</dt>
            <dd>
              <Time iso={request.closedAt} timeZone={viewerTimeZone} />
            </dd>
          </>
        ) : null}
        {extraFacts}
      </dl>
      <div className="prose">
        <h4 className="visually-hidden">{t("support.detailsLabel")}</h4>
        <p>{request.details}</p>
      </div>
      {request.resolution ? (
        <div className="alert alert-success prose">
          <h4>{t("support.resolution")}</h4>
          <p>{request.resolution}</p>
        </div>
      ) : null}
      <section aria-labelledby={`${titleId}-updates`} className="stack">
        <h4 id={`${titleId}-updates`}>{t("support.updates")}</h4>
        {request.updates.length === 0 ? (
          <p className="muted">{t("support.noUpdates")}</p>
        ) : (
          <ol className="plain-list">
            {request.updates.map((u) => (
              <li key={u.id} className="prose">
                <p className="small muted">
                  {t("support.updateBy", {
                    name: u.authorName ?? t("support.formerUser"),
                    role: t(`support.role.${u.role}`),
                  })}
                  , <Time iso={u.createdAt} timeZone={viewerTimeZone} />
                </p>
                <p>{u.note}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      {children}
    </article>
  );
}
