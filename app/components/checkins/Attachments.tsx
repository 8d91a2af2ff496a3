// The files attached to a check-in: each one to download (through our own route, never a storage
// URL), and for the team, while it may still change its check-in, a form to add one and buttons to
// take one off. Plain form posts (multipart for the file), so it works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileSize } from "#app/components/submit/FileSize";
import { Button } from "#app/components/ui/Button";
import { ATTACHMENT_MAX_MB, ATTACHMENTS_MAX } from "#app/forms/checkins";
import { errorText } from "#app/utils/errors";

export interface AttachmentRow {
  id: number;
  fileName: string;
  size: number;
}

export function Attachments({
  cohortTeamId,
  attachments,
  editable,
  message,
}: {
  cohortTeamId: number;
  attachments: AttachmentRow[];
  editable: boolean;
  /** The refusal of the last upload or removal, as an error code. */
  message: string | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <section className="card stack" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("checkins.attachments.title")}</h2>
      {attachments.length === 0 ? <p className="muted">{t("checkins.attachments.none")}</p> : null}
      {attachments.length ? (
        <ul className="plain-list">
          {attachments.map((a) => (
            <li key={a.id} className="row">
              <a href={`/incubation/${cohortTeamId}/checkins/attachments/${a.id}`} className="break-anywhere" download>
                {a.fileName}
              </a>
              <span className="muted small">
                <FileSize bytes={a.size} />
              </span>
              {editable ? (
                <Form method="post" className="push-right">
                  <input type="hidden" name="intent" value="remove-attachment" />
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <Button type="submit" variant="link" busy={busy("remove-attachment")}>
                    {t("checkins.attachments.remove", { name: a.fileName })}
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable && attachments.length < ATTACHMENTS_MAX ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="attachment-file">{t("checkins.attachments.add")}</label>
            <p className="field-hint" id="attachment-file-hint">
              {t("checkins.attachments.hint", { max: ATTACHMENT_MAX_MB, files: ATTACHMENTS_MAX })}
            </p>
            <input
              id="attachment-file"
              type="file"
              name="file"
              required
              accept=".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              aria-describedby={message ? "attachment-file-hint attachment-file-error" : "attachment-file-hint"}
              aria-invalid={message ? true : undefined}
            />
            {message ? (
              <ul id="attachment-file-error" className="field-errors">
                <li>{errorText(t, message)}</li>
              </ul>
            ) : null}
          </div>
          <div>
            <Button type="submit" variant="secondary" busy={busy("upload")}>
              {t("checkins.attachments.upload")}
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
