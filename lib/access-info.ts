// The two access levels as the customer sees them, one sentence each (forms, verify steps).
import { ACCESS_LABELS, type AccessLevel } from "./domain";

export const ACCESS_INFO: Record<AccessLevel, { label: string; explanation: string }> = {
  limited: {
    label: ACCESS_LABELS.limited,
    explanation: "The partner manages only the products you choose, and your organization always pays for them.",
  },
  full: {
    label: ACCESS_LABELS.full,
    explanation: "The partner manages all your products, and you choose who pays: your organization or the partner.",
  },
};
