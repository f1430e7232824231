// Input schemas of the partnership lifecycle (invite, answer, access, end), shared by forms and actions.
import "./zod-setup";
import { z } from "zod";
import { ACCESS_LEVELS, PAYMENT_MODES } from "../domain";

const id = z.string().trim().min(1, "Missing identifier.").max(64, "Identifier is too long.");
const version = z.number({ error: "Missing version." }).int().min(1).max(2_147_483_647);
const access = z.enum(ACCESS_LEVELS, { error: "Choose “Limited” or “Full”." });
const productIds = z.array(id, { error: "Choose the products as a list." }).max(200, "Choose at most 200 products.");

/** Limited access names the products it covers; full access covers all of them and names none. */
function checkProducts(v: { access: string; productIds: string[] }, ctx: z.RefinementCtx) {
  if (v.access === "limited" && v.productIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["productIds"], message: "Choose at least one product the partner may manage." });
  }
  if (v.access === "full" && v.productIds.length > 0) {
    ctx.addIssue({ code: "custom", path: ["productIds"], message: "Full access covers every product: choose none." });
  }
}

export const invitePartnerSchema = z
  .object({
    partnerOrgId: id,
    access,
    paymentMode: z.enum(PAYMENT_MODES, { error: "Choose “Customer pays” or “Partner pays”." }),
    productIds,
  })
  .superRefine((v, ctx) => {
    checkProducts(v, ctx);
    if (v.access === "limited" && v.paymentMode !== "customer") {
      ctx.addIssue({ code: "custom", path: ["paymentMode"], message: "With limited access the customer always pays." });
    }
  });
export type InvitePartnerInput = z.infer<typeof invitePartnerSchema>;

/** Resend, delete, refuse: a partnership at the version the user saw. */
export const partnershipStepSchema = z.object({ partnershipId: id, version });
export type PartnershipStepInput = z.infer<typeof partnershipStepSchema>;

/** Accept or refuse; `token` when the answer comes through the emailed link. */
export const answerInvitationSchema = partnershipStepSchema.extend({
  token: z.string().trim().max(128, "This invitation link is not valid.").optional(),
});
export type AnswerInvitationInput = z.infer<typeof answerInvitationSchema>;

export const changeAccessSchema = z
  .object({ partnershipId: id, version, access, productIds })
  .superRefine(checkProducts);
export type ChangeAccessInput = z.infer<typeof changeAccessSchema>;

export const endPartnershipSchema = z.object({
  partnershipId: id,
  version,
  password: z.string({ error: "Enter your password to confirm." }).min(1, "Enter your password to confirm.").max(200, "This password is too long."),
});
export type EndPartnershipInput = z.infer<typeof endPartnershipSchema>;

/** The partner search of "Add a partner" (a GET form, read by the page). */
export const partnerSearchSchema = z.string().trim().max(120);
