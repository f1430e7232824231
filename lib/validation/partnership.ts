// Input schemas for partnership forms, shared by the client forms and the server actions.
import "./zod-setup";
import { z } from "zod";
import { id, version } from "./fields";
import { PAYMENT_MODES } from "../domain";

export const changePaymentModeSchema = z.object({
  partnershipId: id,
  paymentMode: z.enum(PAYMENT_MODES, { error: "paymentMode" }),
  version,
});

export type ChangePaymentModeInput = z.infer<typeof changePaymentModeSchema>;
