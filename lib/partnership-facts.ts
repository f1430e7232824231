// What a partnership's dates and texts say for each status, without I/O: the detail header, the list's
// date column and the tense of the sentences about access and payment (ended ones in the past, pending
// ones in the future, refused or deleted invitations in the conditional: they never began). The end date
// is the partnership's own `endedAt`, never its last update.
import type { PartnershipStatus } from "./domain";

export type Tense = "past" | "present" | "future" | "conditional";

/**
 * Active partnerships speak in the present, pending invitations of what will be, ended partnerships of what
 * was, and refused or deleted invitations of what would have been.
 */
export function partnershipTense(status: PartnershipStatus): Tense {
  if (status === "active") return "present";
  if (status === "pending") return "future";
  if (status === "ended") return "past";
  return "conditional";
}

type Dated = {
  status: PartnershipStatus;
  createdAt: Date;
  activatedAt: Date | null;
  endedAt: Date | null;
  updatedAt: Date;
};

/**
 * The one date a list row shows and what it means: active "since" the partnership began, pending
 * "invited" on the day it was sent, ended "ended" on its end date, refused or deleted "closed" on the
 * day it was answered or withdrawn (its last change: nothing changes a closed invitation afterwards).
 */
export function listedDate(p: Dated): { kind: "since" | "invited" | "ended" | "closed"; date: Date } {
  switch (p.status) {
    case "active": return { kind: "since", date: p.activatedAt ?? p.createdAt };
    case "pending": return { kind: "invited", date: p.createdAt };
    // Rows ended before `ended_at` was recorded fall back to their last change, which then was the end.
    case "ended": return { kind: "ended", date: p.endedAt ?? p.updatedAt };
    default: return { kind: "closed", date: p.updatedAt };
  }
}

/** The detail header's period: from when to when the partnership ran, or when the invitation was made and closed. */
export type Period =
  | { kind: "active"; since: Date }
  | { kind: "pending"; invited: Date }
  | { kind: "ended"; from: Date | null; until: Date }
  | { kind: "closed"; invited: Date; closed: Date };

export function partnershipPeriod(p: Dated): Period {
  switch (p.status) {
    case "active": return { kind: "active", since: p.activatedAt ?? p.createdAt };
    case "pending": return { kind: "pending", invited: p.createdAt };
    case "ended": return { kind: "ended", from: p.activatedAt, until: p.endedAt ?? p.updatedAt };
    default: return { kind: "closed", invited: p.createdAt, closed: p.updatedAt };
  }
}
