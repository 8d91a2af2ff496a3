// The Express side of app/domain/body-limit.ts: answers 413, 411 or 415 from the request's headers and
// closes the connection, so an oversized body is never read, parsed or held in memory.
import type { RequestHandler } from "express";
import { checkBody, type BodyLimits } from "#app/domain/body-limit";

export function refuseLargeBodies(limits: BodyLimits): RequestHandler {
  return (req, res, next) => {
    const verdict = checkBody(req.path, req.headers, limits);
    if (verdict.ok) return next();
    res.setHeader("Connection", "close");
    res
      .status(verdict.status)
      .type("text/plain")
      .send(
        verdict.status === 413
          ? `Payload too large: at most ${Math.floor(verdict.limit / 1024)} KB may be sent here.`
          : verdict.status === 415
            ? "Unsupported media type: send a form (urlencoded or multipart)."
            : "Length required: send the body with a Content-Length.",
      );
  };
}
