// The organiser's choice of a track's calibration entry on a round's assignments page: the track,
// and the entry (blank clears it). Messages are keys of the errors catalog.
import { z } from "zod";

const id = z.coerce.number({ required_error: "required", invalid_type_error: "invalid_choice" }).int().positive("invalid_choice");

export const calibrationChoiceSchema = z.object({
  trackId: id,
  entryId: z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v), id.nullable()),
});
export type CalibrationChoice = z.output<typeof calibrationChoiceSchema>;
