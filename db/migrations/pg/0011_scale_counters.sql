CREATE TABLE "managed_products" (
	"partnership_id" text NOT NULL,
	"partner_org_id" text NOT NULL,
	"product_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "managed_products_partnership_id_product_id_pk" PRIMARY KEY("partnership_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "payment_mode_change_counts" (
	"hour" integer NOT NULL,
	"payment_mode" text NOT NULL,
	"changes" integer NOT NULL,
	CONSTRAINT "payment_mode_change_counts_hour_payment_mode_pk" PRIMARY KEY("hour","payment_mode")
);
--> statement-breakpoint
DROP INDEX "partnerships_status_idx";--> statement-breakpoint
CREATE INDEX "managed_products_partner_idx" ON "managed_products" USING btree ("partner_org_id","created_at","product_id");--> statement-breakpoint
CREATE INDEX "partnerships_status_idx" ON "partnerships" USING btree ("status","payment_mode","access");--> statement-breakpoint
-- Issue #10: two derived tables, kept by triggers so that every write path (the app's, the seeds', a
-- migration's) keeps them true, and filled here from what is already stored.
--
-- managed_products: (partnership, product) for every active partnership and every product it covers:
-- each product of the client with full access, the listed ones (of the client's own) with limited access.
-- Each trigger recomputes the rows its change touches from that definition. Under READ COMMITTED a
-- product inserted while one of its organization's partnerships changes could be missed by both
-- triggers (each blind to the other's uncommitted row), so the product's trigger first takes a share
-- lock on every partnership of the organization (an order already holds it on the active ones,
-- db/billing-context.ts), and a listed product's trigger on its partnership: the partnership's change
-- then waits for the insert's commit, and its trigger's statements, each with a fresh snapshot, see it.
CREATE FUNCTION pm_managed_products_of_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM managed_products m USING partnerships s
    WHERE s.customer_org_id = OLD.org_id AND m.partnership_id = s.id AND m.product_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM 1 FROM partnerships WHERE customer_org_id = NEW.org_id FOR SHARE;
    INSERT INTO managed_products (partnership_id, partner_org_id, product_id, created_at)
    SELECT s.id, s.partner_org_id, NEW.id, NEW.created_at FROM partnerships s
    WHERE s.customer_org_id = NEW.org_id AND s.status = 'active'
      AND (s.access = 'full' OR EXISTS (SELECT 1 FROM partnership_products pp WHERE pp.partnership_id = s.id AND pp.product_id = NEW.id))
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER managed_products_product_change AFTER INSERT OR DELETE ON products
FOR EACH ROW EXECUTE FUNCTION pm_managed_products_of_product();
--> statement-breakpoint
CREATE TRIGGER managed_products_product_update AFTER UPDATE OF org_id, created_at ON products
FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.created_at IS DISTINCT FROM NEW.created_at)
EXECUTE FUNCTION pm_managed_products_of_product();
--> statement-breakpoint
CREATE FUNCTION pm_managed_products_of_partnership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM managed_products WHERE partnership_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
    INSERT INTO managed_products (partnership_id, partner_org_id, product_id, created_at)
    SELECT NEW.id, NEW.partner_org_id, p.id, p.created_at FROM products p
    WHERE p.org_id = NEW.customer_org_id
      AND (NEW.access = 'full' OR EXISTS (SELECT 1 FROM partnership_products pp WHERE pp.partnership_id = NEW.id AND pp.product_id = p.id))
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER managed_products_partnership_change AFTER INSERT OR DELETE ON partnerships
FOR EACH ROW EXECUTE FUNCTION pm_managed_products_of_partnership();
--> statement-breakpoint
CREATE TRIGGER managed_products_partnership_update AFTER UPDATE OF status, access, customer_org_id, partner_org_id ON partnerships
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.access IS DISTINCT FROM NEW.access
  OR OLD.customer_org_id IS DISTINCT FROM NEW.customer_org_id OR OLD.partner_org_id IS DISTINCT FROM NEW.partner_org_id)
EXECUTE FUNCTION pm_managed_products_of_partnership();
--> statement-breakpoint
CREATE FUNCTION pm_managed_products_of_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM managed_products WHERE partnership_id = OLD.partnership_id AND product_id = OLD.product_id
      AND NOT EXISTS (SELECT 1 FROM partnerships s WHERE s.id = OLD.partnership_id AND s.access = 'full' AND s.status = 'active');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM 1 FROM partnerships WHERE id = NEW.partnership_id FOR SHARE;
    INSERT INTO managed_products (partnership_id, partner_org_id, product_id, created_at)
    SELECT s.id, s.partner_org_id, p.id, p.created_at FROM partnerships s JOIN products p ON p.id = NEW.product_id AND p.org_id = s.customer_org_id
    WHERE s.id = NEW.partnership_id AND s.status = 'active'
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER managed_products_listed_change AFTER INSERT OR UPDATE OR DELETE ON partnership_products
FOR EACH ROW EXECUTE FUNCTION pm_managed_products_of_listing();
--> statement-breakpoint
INSERT INTO managed_products (partnership_id, partner_org_id, product_id, created_at)
SELECT s.id, s.partner_org_id, p.id, p.created_at FROM partnerships s JOIN products p ON p.org_id = s.customer_org_id
WHERE s.status = 'active'
  AND (s.access = 'full' OR EXISTS (SELECT 1 FROM partnership_products pp WHERE pp.partnership_id = s.id AND pp.product_id = p.id));
--> statement-breakpoint
-- payment_mode_change_counts: successful payment-mode changes per epoch hour (UTC) and new mode. Audit
-- events are append-only (0001), so an insert trigger is all it takes; appends are serialised by the
-- chain's head row (db/audit.ts), so the upserts never race.
CREATE FUNCTION pm_count_payment_mode_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.after ->> 'paymentMode' IN ('partner', 'customer') THEN
    INSERT INTO payment_mode_change_counts (hour, payment_mode, changes)
    VALUES (floor(extract(epoch FROM NEW.created_at) / 3600)::integer, NEW.after ->> 'paymentMode', 1)
    ON CONFLICT (hour, payment_mode) DO UPDATE SET changes = payment_mode_change_counts.changes + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER payment_mode_change_count AFTER INSERT ON audit_events
FOR EACH ROW WHEN (NEW.kind = 'payment_mode.changed' AND NEW.outcome = 'ok')
EXECUTE FUNCTION pm_count_payment_mode_change();
--> statement-breakpoint
INSERT INTO payment_mode_change_counts (hour, payment_mode, changes)
SELECT floor(extract(epoch FROM created_at) / 3600)::integer, after ->> 'paymentMode', count(*) FROM audit_events
WHERE kind = 'payment_mode.changed' AND outcome = 'ok' AND after ->> 'paymentMode' IN ('partner', 'customer')
GROUP BY 1, 2;
