"use server";
// The partner's withdrawal request: a debit entry, only when the balance covers it (never below zero).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { withdraw } from "@/db/prepaid";
import { defineAction, type ActionResult } from "@/lib/action";
import { formatMoney } from "@/lib/format";
import { canSeePrepaid } from "@/lib/permissions";
import { parseAmountMinor, withdrawalSchema } from "@/lib/validation/billing";

export const requestWithdrawal = defineAction(
  { schema: withdrawalSchema, refusedKind: "prepaid.refused" },
  async (input, { viewer, meta }): Promise<ActionResult<{ balanceMinor: number }>> => {
    const m = viewer.current;
    const amountMinor = parseAmountMinor(input.amount);
    const refuse = async (reason: string, message: string, fieldErrors?: Record<string, string[]>) => {
      await recordRefusal({
        kind: "prepaid.refused", reason, actorUserId: viewer.id, actorOrgId: m?.orgId ?? null,
        partnerOrgId: m?.orgIsPartner ? m.orgId : null, after: { amountMinor }, meta,
      });
      return { ok: false as const, message, fieldErrors };
    };
    if (!m || !canSeePrepaid(m)) return refuse("role", "Only a partner's legal representatives can withdraw from its prepaid account.");
    const outcome = await withdraw({ partnerOrgId: m.orgId, amountMinor, actor: { userId: viewer.id, orgId: m.orgId }, meta });
    if (outcome.kind === "insufficient") {
      const message = `The balance is ${formatMoney(outcome.balanceMinor, outcome.currency)}: you can withdraw at most that much.`;
      return refuse("insufficient_balance", message, { amount: [message] });
    }
    revalidatePath("/prepaid");
    return { ok: true, balanceMinor: outcome.balanceMinor, message: `Withdrawal of ${formatMoney(amountMinor, outcome.currency)} recorded. The new balance is ${formatMoney(outcome.balanceMinor, outcome.currency)}.` };
  },
);
