// What the auditor's "retry now" answers when it refuses.
export const RETRY_MESSAGES = {
  role: "Only platform auditors can retry a notification.",
  notFound: "This notification was not found.",
  notFailed: "Only a failed notification can be retried; this one is not failed (any more).",
} as const;
