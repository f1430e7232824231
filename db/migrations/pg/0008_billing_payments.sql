CREATE TABLE "bank_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"bank_reference" text NOT NULL,
	"direction" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"reference" text,
	"booked_on" text,
	"outcome" text NOT NULL,
	"detail" text,
	"invoice_id" text,
	"withdrawal_id" text,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_reminders" (
	"invoice_id" text NOT NULL,
	"level" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoice_reminders_invoice_id_level_pk" PRIMARY KEY("invoice_id","level")
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_org_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"iban" text NOT NULL,
	"reference" text NOT NULL,
	"status" text NOT NULL,
	"requested_by_user_id" text,
	"requested_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "due_date" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_terms_days" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "supply_start" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "supply_end" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "qr_reference" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "seller" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_method" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_reference" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "billing_street" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "billing_postal_code" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "billing_city" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "billing_country" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payout_iban" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachment" text;--> statement-breakpoint
ALTER TABLE "prepaid_entries" ADD COLUMN "invoice_id" text;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_withdrawal_id_withdrawals_id_fk" FOREIGN KEY ("withdrawal_id") REFERENCES "public"."withdrawals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_reminders" ADD CONSTRAINT "invoice_reminders_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_partner_org_id_organizations_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_entry_id_prepaid_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."prepaid_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_payments_reference_uq" ON "bank_payments" USING btree ("bank_reference","direction");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_entry_uq" ON "withdrawals" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_reference_uq" ON "withdrawals" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "withdrawals_partner_idx" ON "withdrawals" USING btree ("partner_org_id","requested_at");--> statement-breakpoint
ALTER TABLE "prepaid_entries" ADD CONSTRAINT "prepaid_entries_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_org_status_due_idx" ON "invoices" USING btree ("org_id","status","due_date");--> statement-breakpoint
CREATE INDEX "invoices_status_due_idx" ON "invoices" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_qr_reference_uq" ON "invoices" USING btree ("qr_reference");--> statement-breakpoint
-- ─── Hand-written (billing_payments): keep this block when renumbering the migration ───────────────────
-- Invoices issued before due dates existed: the default terms, 30 days after the Zurich day of issue.
DROP TRIGGER invoices_only_payment ON invoices;
--> statement-breakpoint
UPDATE invoices SET due_date = to_char((issued_at AT TIME ZONE 'Europe/Zurich')::date + 30, 'YYYY-MM-DD'), payment_terms_days = 30
WHERE due_date IS NULL;
--> statement-breakpoint
-- The one change an issued invoice accepts is still its payment: unpaid → paid, with the date and the
-- method (and the bank's or ledger's reference). Every other column, the new ones included, is frozen.
CREATE OR REPLACE FUNCTION pm_invoice_only_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'unpaid' OR NEW.status <> 'paid' OR NEW.paid_at IS NULL
    OR NEW.payment_method IS NULL OR NEW.payment_method NOT IN ('prepaid', 'bank_transfer')
    OR (NEW.id, NEW.org_id, NEW.seq, NEW.number, NEW.order_id, NEW.for_org_id, NEW.currency,
        NEW.subtotal_minor, NEW.vat_minor, NEW.total_minor, NEW.issued_at,
        NEW.due_date, NEW.payment_terms_days, NEW.supply_start, NEW.supply_end, NEW.qr_reference, NEW.seller, NEW.buyer)
       IS DISTINCT FROM
       (OLD.id, OLD.org_id, OLD.seq, OLD.number, OLD.order_id, OLD.for_org_id, OLD.currency,
        OLD.subtotal_minor, OLD.vat_minor, OLD.total_minor, OLD.issued_at,
        OLD.due_date, OLD.payment_terms_days, OLD.supply_start, OLD.supply_end, OLD.qr_reference, OLD.seller, OLD.buyer)
  THEN
    RAISE EXCEPTION 'issued invoices are immutable' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_only_payment BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION pm_invoice_only_payment();
--> statement-breakpoint
-- A withdrawal changes once: requested → paid, with the date; never deleted.
CREATE FUNCTION pm_withdrawal_only_payout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'requested' OR NEW.status <> 'paid' OR NEW.paid_at IS NULL
    OR (NEW.id, NEW.partner_org_id, NEW.entry_id, NEW.amount_minor, NEW.currency, NEW.iban, NEW.reference,
        NEW.requested_by_user_id, NEW.requested_at)
       IS DISTINCT FROM
       (OLD.id, OLD.partner_org_id, OLD.entry_id, OLD.amount_minor, OLD.currency, OLD.iban, OLD.reference,
        OLD.requested_by_user_id, OLD.requested_at)
  THEN
    RAISE EXCEPTION 'withdrawals change only from requested to paid' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER withdrawals_only_payout BEFORE UPDATE ON withdrawals FOR EACH ROW EXECUTE FUNCTION pm_withdrawal_only_payout();
--> statement-breakpoint
CREATE TRIGGER withdrawals_no_delete BEFORE DELETE ON withdrawals FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
CREATE TRIGGER invoice_reminders_append_only BEFORE UPDATE OR DELETE ON invoice_reminders FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
CREATE TRIGGER bank_payments_append_only BEFORE UPDATE OR DELETE ON bank_payments FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
