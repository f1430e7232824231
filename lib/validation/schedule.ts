// Input schemas of the scheduled payment-mode switch and its preview (issue #14), shared by the editor and the actions.
import "./zod-setup";
import { z } from "zod";
import { id, version } from "./fields";
import { PAYMENT_MODES } from "../domain";

const paymentMode = z.enum(PAYMENT_MODES, { error: "paymentMode" });
/** A calendar date; whether it is a real one within the next 12 months is the action's check (lib/scheduled-switch.ts). */
const isoDate = z.string({ error: "isoDate" }).regex(/^\d{4}-\d{2}-\d{2}$/, "isoDate");

export const scheduleSwitchSchema = z.object({ partnershipId: id, paymentMode, effectiveDate: isoDate, version });
export type ScheduleSwitchInput = z.infer<typeof scheduleSwitchSchema>;

export const cancelSwitchSchema = z.object({ partnershipId: id, version });
export type CancelSwitchInput = z.infer<typeof cancelSwitchSchema>;

/** The preview of a switch now (no date) or at a date; `all` asks for every renewal, not only the next three. */
export const previewSwitchSchema = z.object({
  partnershipId: id, paymentMode, effectiveDate: isoDate.nullable(), all: z.boolean({ error: "invalid" }).optional(),
});
export type PreviewSwitchInput = z.infer<typeof previewSwitchSchema>;
