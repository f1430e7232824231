// Input schemas for partnership forms, shared by the client forms and the server actions.
import "./zod-setup";
import { z } from "zod";
import { PAYMENT_MODES } from "../domain";

const id = z.string().trim().min(1, "missingId").max(64, "idTooLong");

export const changePaymentModeSchema = z.object({
  partnershipId: id,
  paymentMode: z.enum(PAYMENT_MODES, { error: "paymentMode" }),
  version: z.number({ error: "missingVersion" }).int().min(1).max(2_147_483_647),
});

export type ChangePaymentModeInput = z.infer<typeof changePaymentModeSchema>;
