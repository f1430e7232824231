// Input of the auditor's "retry now", shared by the button and the server action.
import "./zod-setup";
import { z } from "zod";

export const retryNotificationSchema = z.object({
  notificationId: z.string().trim().min(1, "missingId").max(64, "idTooLong"),
});

export type RetryNotificationInput = z.infer<typeof retryNotificationSchema>;
