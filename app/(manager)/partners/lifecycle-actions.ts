"use server";
// Server actions of the partnership lifecycle, customer side: invite, resend, delete, change access, end.
import { revalidatePath } from "next/cache";
import { getPartnerOrganization } from "@/db/invitation-reads";
import { createInvitation, deleteInvitation as withdraw, resendInvitation as renew } from "@/db/invitations";
import { changeAccess as saveAccess, type MessageBuilder } from "@/db/lifecycle";
import { listManagedProducts } from "@/db/partnerships";
import { listOrgProductNames } from "@/db/products";
import { defineAction, type ActionContext, type ActionResult } from "@/lib/action";
import type { AccessLevel, PaymentMode } from "@/lib/domain";
import { env } from "@/lib/env";
import { toLocale } from "@/lib/i18n/locales";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n/translator";
import { hashInvitationToken, invitationPath, newInvitationToken } from "@/lib/invitation-token";
import { INVITATION_TTL_MS, lifecycleDenial, planAccessChange } from "@/lib/lifecycle";
import { lifecycleDenialMessage, lifecycleMessages } from "@/lib/lifecycle-messages";
import { accessChangedEmail, invitationEmail, invitationWithdrawnEmail } from "@/lib/mail/lifecycle-templates";
import { mailFooter, outboxRows } from "@/lib/mail/outbox-rows";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { categoryName } from "@/lib/product-category";
import { refuser } from "@/lib/refusal";
import {
  changeAccessSchema, endPartnershipSchema, invitePartnerSchema, partnershipStepSchema, type PartnershipStepInput,
} from "@/lib/validation/lifecycle";
import { endPartnershipStep, partnershipOf } from "./lifecycle-steps";
import { partnerErrors } from "./messages";

const KIND = "partnership.action_refused" as const;

type ProductName = { label: string; category: string };

/** "Label (Category)" in the recipient's language: categories are stored in English. */
function productLines(products: readonly ProductName[], locale: string): string[] {
  const t = translator(toLocale(locale), "products");
  return products.map((p) => `${p.label} (${categoryName(t, p.category)})`);
}

function invitationMessages(args: {
  partnershipId: string; customerName: string; partnerName: string; actorName: string;
  access: AccessLevel; paymentMode: PaymentMode; products: ProductName[]; token: string; expiresAt: Date;
}): MessageBuilder {
  return (recipients, next) => outboxRows(recipients, {
    template: "partnership-invitation", key: `invitation:${args.partnershipId}:v${next.version}`,
    partnershipId: args.partnershipId, auditEventId: next.auditEventId,
    render: (r) => invitationEmail({
      ...args, locale: r.locale, recipientName: r.name, invitationUrl: `${env().APP_URL}${invitationPath(args.token)}`,
      products: productLines(args.products, r.locale),
      footer: mailFooter(r, args.partnerName, "clients"),
    }),
  });
}

export const invitePartner = defineAction(
  { schema: invitePartnerSchema, refusedKind: KIND },
  async (input, ctx): Promise<ActionResult<{ partnershipId: string }>> => {
    const { viewer, meta } = ctx;
    const m = viewer.current;
    const refuse = refuser(ctx, KIND, null, { step: "invite", ...input });
    const locale = await getLocale();
    const said = lifecycleMessages(locale);
    if (!m) return refuse("not_found", said.partnerNotFound);
    const denial = lifecycleDenial("invite", { role: m.role, side: m.orgIsPartner ? "partner" : "customer" }, null);
    if (denial) return refuse(denial, lifecycleDenialMessage("invite", denial, locale));
    const partner = await getPartnerOrganization({ id: input.partnerOrgId, customerOrgId: m.orgId });
    if (!partner) return refuse("partner_not_found", said.partnerNotFound);
    const pair = { customerOrgId: m.orgId, partnerOrgId: partner.id };
    if (partner.livePartnershipId) return refuse("live_pair", said.livePair, pair);
    // Invoices, VAT and cashback of a partnership are in one currency (docs/decisions.md).
    if (!partner.sameCurrency) return refuse("other_currency", said.otherCurrency(partner), pair);

    const token = newInvitationToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    const products = await listOrgProductNames({ orgId: m.orgId, ids: input.productIds });
    const outcome = await createInvitation({
      ...pair, access: input.access, paymentMode: input.paymentMode, productIds: input.productIds,
      tokenHash: hashInvitationToken(token), expiresAt, actor: { userId: viewer.id, orgId: m.orgId }, meta,
      messages: (partnershipId) => invitationMessages({
        partnershipId, customerName: m.orgName, partnerName: partner.name, actorName: viewer.name,
        access: input.access, paymentMode: input.paymentMode, products, token, expiresAt,
      }),
    });
    if (outcome.kind === "live_pair") return refuse("live_pair", said.livePair, pair);
    if (outcome.kind === "bad_products") return refuse("bad_products", said.badProducts, pair, { productIds: [said.badProducts] });

    kickOutboxWorker();
    revalidatePath("/partners");
    return {
      ok: true, partnershipId: outcome.partnershipId,
      message: translator(locale, "partners.invitation")("sent", { partnerName: partner.name }),
    };
  },
);

/** Resend and delete share their checks; only the write and the email differ. */
async function pendingStep(step: "resend" | "delete", input: PartnershipStepInput, ctx: ActionContext): Promise<ActionResult> {
  const { viewer, meta } = ctx;
  const m = viewer.current;
  const refuse = refuser(ctx, KIND, input.partnershipId, { step, version: input.version });
  const locale = await getLocale();
  const errors = partnerErrors(locale);
  if (!m) return refuse("not_found", errors.notFound);
  const p = await partnershipOf("customer", input.partnershipId, m);
  if (!p) return refuse("not_found", errors.notFound);
  const denial = lifecycleDenial(step, { role: m.role, side: "customer" }, p.status);
  if (denial) return refuse(denial, lifecycleDenialMessage(step, denial, locale), p);
  if (p.version !== input.version) return refuse("stale_version", errors.stale, p);

  const actor = { userId: viewer.id, orgId: m.orgId };
  let outcome;
  if (step === "resend") {
    const token = newInvitationToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    const products = p.access === "limited" ? await listManagedProducts({ partnershipId: p.id }) : [];
    outcome = await renew({
      partnership: p, expectedVersion: input.version, tokenHash: hashInvitationToken(token), expiresAt, actor, meta,
      messages: invitationMessages({
        partnershipId: p.id, customerName: p.customerName, partnerName: p.partnerName, actorName: viewer.name,
        access: p.access, paymentMode: p.paymentMode, products, token, expiresAt,
      }),
    });
  } else {
    outcome = await withdraw({
      partnership: p, expectedVersion: input.version, actor, meta,
      messages: (recipients, next) => outboxRows(recipients, {
        template: "partnership-invitation-withdrawn", key: `invitation-withdrawn:${p.id}:v${next.version}`,
        partnershipId: p.id, auditEventId: next.auditEventId,
        render: (r) => invitationWithdrawnEmail({
          locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName, url: `${env().APP_URL}/clients`,
          actorName: viewer.name, at: new Date(),
          footer: mailFooter(r, p.partnerName, "clients"),
        }),
      }),
    });
  }
  if (outcome.kind === "conflict") return refuse("stale_version", errors.stale, p);

  kickOutboxWorker();
  revalidatePath(`/partners/${p.id}`);
  revalidatePath("/partners");
  return { ok: true, message: translator(locale, "partners.invitation")(step === "resend" ? "resent" : "deleted", { partnerName: p.partnerName }) };
}

export const resendInvitation = defineAction({ schema: partnershipStepSchema, refusedKind: KIND }, (input, ctx) => pendingStep("resend", input, ctx));
export const deleteInvitation = defineAction({ schema: partnershipStepSchema, refusedKind: KIND }, (input, ctx) => pendingStep("delete", input, ctx));

export const changeAccess = defineAction(
  { schema: changeAccessSchema, refusedKind: "access.refused" },
  async (input, ctx): Promise<ActionResult<{ version: number }>> => {
    const { viewer, meta } = ctx;
    const m = viewer.current;
    const refuse = refuser(ctx, "access.refused", input.partnershipId, { access: input.access, productIds: input.productIds, version: input.version });
    const locale = await getLocale();
    const errors = partnerErrors(locale);
    const said = lifecycleMessages(locale);
    const t = translator(locale, "partners");
    const d = translator(locale, "domain");
    if (!m) return refuse("not_found", errors.notFound);
    const p = await partnershipOf("customer", input.partnershipId, m);
    if (!p) return refuse("not_found", errors.notFound);
    const denial = lifecycleDenial("change_access", { role: m.role, side: "customer" }, p.status);
    if (denial) return refuse(denial, lifecycleDenialMessage("change_access", denial, locale), p);
    if (p.version !== input.version) return refuse("stale_version", errors.stale, p);
    const current = (await listManagedProducts({ partnershipId: p.id })).map((x) => x.id);
    const plan = planAccessChange({ access: p.access, paymentMode: p.paymentMode, productIds: current }, input);
    if (plan.unchanged) return refuse("unchanged", t("errors.accessUnchanged"), p);

    const products = await listOrgProductNames({ orgId: m.orgId, ids: plan.productIds });
    const outcome = await saveAccess({
      partnership: { ...p, productIds: current }, expectedVersion: input.version, plan, actor: { userId: viewer.id, orgId: m.orgId }, meta,
      messages: (recipients, next) => outboxRows(recipients, {
        template: "access-changed", key: `access-changed:${p.id}:v${next.version}`, partnershipId: p.id, auditEventId: next.auditEventId,
        render: (r) => accessChangedEmail({
          locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName, from: p.access, to: plan.access,
          actorName: viewer.name, at: new Date(),
          paymentMode: plan.paymentMode, products: productLines(products, r.locale), paymentModeReset: plan.resetsPaymentMode, url: `${env().APP_URL}/clients/${p.id}`,
          footer: mailFooter(r, p.partnerName, "clients"),
        }),
      }),
    });
    if (outcome.kind === "bad_products") return refuse("bad_products", said.badProducts, p, { productIds: [said.badProducts] });
    if (outcome.kind === "conflict") return refuse("stale_version", errors.stale, p);

    kickOutboxWorker();
    revalidatePath(`/partners/${p.id}`);
    revalidatePath("/partners");
    const values = { access: d(`access.${plan.access}`), mode: d("paymentMode.customer"), partnerName: p.partnerName };
    return { ok: true, version: outcome.version, message: t(plan.resetsPaymentMode ? "access.changedWithReset" : "access.changed", values) };
  },
);

export const endPartnershipAsCustomer = defineAction(
  { schema: endPartnershipSchema, refusedKind: KIND },
  (input, ctx) => endPartnershipStep("customer", input, ctx),
);
