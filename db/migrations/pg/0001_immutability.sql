-- Issued invoices, their lines, the prepaid ledger and the audit trail cannot be changed or removed,
-- whatever code runs. The one allowed change: an unpaid invoice becomes paid (status, paid_at).
CREATE FUNCTION pm_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'raise_exception';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION pm_invoice_only_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'unpaid' OR NEW.status <> 'paid'
    OR (NEW.id, NEW.org_id, NEW.seq, NEW.number, NEW.order_id, NEW.for_org_id, NEW.currency,
        NEW.subtotal_minor, NEW.vat_minor, NEW.total_minor, NEW.issued_at)
       IS DISTINCT FROM
       (OLD.id, OLD.org_id, OLD.seq, OLD.number, OLD.order_id, OLD.for_org_id, OLD.currency,
        OLD.subtotal_minor, OLD.vat_minor, OLD.total_minor, OLD.issued_at)
  THEN
    RAISE EXCEPTION 'issued invoices are immutable' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
CREATE TRIGGER invoices_only_payment BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION pm_invoice_only_payment();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
CREATE TRIGGER prepaid_entries_append_only BEFORE UPDATE OR DELETE ON prepaid_entries FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION pm_reject_change();
--> statement-breakpoint
INSERT INTO audit_chain (id, last_seq, last_hash) VALUES (1, 0, NULL);
