-- Issued invoices, their lines, the prepaid ledger and the audit trail cannot be changed or removed,
-- whatever code runs. The one allowed change: an unpaid invoice becomes paid (status, paid_at).
CREATE TRIGGER `invoices_no_delete` BEFORE DELETE ON `invoices`
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `invoices_only_payment` BEFORE UPDATE ON `invoices`
WHEN OLD.`status` <> 'unpaid' OR NEW.`status` <> 'paid'
  OR NEW.`id` IS NOT OLD.`id` OR NEW.`org_id` IS NOT OLD.`org_id` OR NEW.`seq` IS NOT OLD.`seq`
  OR NEW.`number` IS NOT OLD.`number` OR NEW.`order_id` IS NOT OLD.`order_id`
  OR NEW.`for_org_id` IS NOT OLD.`for_org_id` OR NEW.`currency` IS NOT OLD.`currency`
  OR NEW.`subtotal_minor` IS NOT OLD.`subtotal_minor` OR NEW.`vat_minor` IS NOT OLD.`vat_minor`
  OR NEW.`total_minor` IS NOT OLD.`total_minor` OR NEW.`issued_at` IS NOT OLD.`issued_at`
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `invoice_lines_no_update` BEFORE UPDATE ON `invoice_lines`
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `invoice_lines_no_delete` BEFORE DELETE ON `invoice_lines`
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_entries_no_update` BEFORE UPDATE ON `prepaid_entries`
BEGIN SELECT RAISE(ABORT, 'prepaid account entries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_entries_no_delete` BEFORE DELETE ON `prepaid_entries`
BEGIN SELECT RAISE(ABORT, 'prepaid account entries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
--> statement-breakpoint
INSERT INTO `audit_chain` (`id`, `last_seq`, `last_hash`) VALUES (1, 0, NULL);
