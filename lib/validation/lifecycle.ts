// Input schemas of the partnership lifecycle (invite, answer, access, end), shared by forms and actions.
import "./zod-setup";
import { z } from "zod";
import { id, version } from "./fields";
import { ACCESS_LEVELS, PAYMENT_MODES } from "../domain";

const access = z.enum(ACCESS_LEVELS, { error: "access" });
const productIds = z.array(id, { error: "productsList" }).max(200, "productsMax");

/** Limited access names the products it covers; full access covers all of them and names none. */
function checkProducts(v: { access: string; productIds: string[] }, ctx: z.RefinementCtx) {
  if (v.access === "limited" && v.productIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["productIds"], message: "productsRequired" });
  }
  if (v.access === "full" && v.productIds.length > 0) {
    ctx.addIssue({ code: "custom", path: ["productIds"], message: "productsNoneWithFull" });
  }
}

export const invitePartnerSchema = z
  .object({
    partnerOrgId: id,
    access,
    paymentMode: z.enum(PAYMENT_MODES, { error: "paymentMode" }),
    productIds,
  })
  .superRefine((v, ctx) => {
    checkProducts(v, ctx);
    if (v.access === "limited" && v.paymentMode !== "customer") {
      ctx.addIssue({ code: "custom", path: ["paymentMode"], message: "limitedCustomerPays" });
    }
  });
export type InvitePartnerInput = z.infer<typeof invitePartnerSchema>;

/** Resend, delete, refuse: a partnership at the version the user saw. */
export const partnershipStepSchema = z.object({ partnershipId: id, version });
export type PartnershipStepInput = z.infer<typeof partnershipStepSchema>;

/** Accept or refuse; `token` when the answer comes through the emailed link. */
export const answerInvitationSchema = partnershipStepSchema.extend({
  token: z.string().trim().max(128, "invitationLink").optional(),
});
export type AnswerInvitationInput = z.infer<typeof answerInvitationSchema>;

export const changeAccessSchema = z
  .object({ partnershipId: id, version, access, productIds })
  .superRefine(checkProducts);
export type ChangeAccessInput = z.infer<typeof changeAccessSchema>;

export const endPartnershipSchema = z.object({
  partnershipId: id,
  version,
  password: z.string({ error: "passwordRequired" }).min(1, "passwordRequired").max(200, "passwordTooLong"),
});
export type EndPartnershipInput = z.infer<typeof endPartnershipSchema>;

/** The partner search of "Add a partner" (a GET form, read by the page). */
export const partnerSearchSchema = z.string().trim().max(120);
