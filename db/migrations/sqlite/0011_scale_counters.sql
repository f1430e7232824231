CREATE TABLE `managed_products` (
	`partnership_id` text NOT NULL,
	`partner_org_id` text NOT NULL,
	`product_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`partnership_id`, `product_id`)
);
--> statement-breakpoint
CREATE INDEX `managed_products_partner_idx` ON `managed_products` (`partner_org_id`,`created_at`,`product_id`);--> statement-breakpoint
CREATE TABLE `payment_mode_change_counts` (
	`hour` integer NOT NULL,
	`payment_mode` text NOT NULL,
	`changes` integer NOT NULL,
	PRIMARY KEY(`hour`, `payment_mode`)
);
--> statement-breakpoint
DROP INDEX `partnerships_status_idx`;--> statement-breakpoint
CREATE INDEX `partnerships_status_idx` ON `partnerships` (`status`,`payment_mode`,`access`);--> statement-breakpoint
-- Issue #10: two derived tables, kept by triggers so that every write path (the app's, the seeds', a
-- migration's) keeps them true, and filled here from what is already stored.
--
-- managed_products: (partnership, product) for every active partnership and every product it covers:
-- each product of the client with full access, the listed ones (of the client's own) with limited access.
-- Each trigger recomputes the rows its change touches from that definition.
CREATE TRIGGER `managed_products_product_insert` AFTER INSERT ON `products`
BEGIN
  INSERT OR IGNORE INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
  SELECT s.`id`, s.`partner_org_id`, NEW.`id`, NEW.`created_at` FROM `partnerships` s
  WHERE s.`customer_org_id` = NEW.`org_id` AND s.`status` = 'active'
    AND (s.`access` = 'full' OR EXISTS (SELECT 1 FROM `partnership_products` pp WHERE pp.`partnership_id` = s.`id` AND pp.`product_id` = NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_product_update` AFTER UPDATE OF `org_id`, `created_at` ON `products`
WHEN OLD.`org_id` IS NOT NEW.`org_id` OR OLD.`created_at` IS NOT NEW.`created_at`
BEGIN
  DELETE FROM `managed_products` WHERE `product_id` = OLD.`id`
    AND `partnership_id` IN (SELECT `id` FROM `partnerships` WHERE `customer_org_id` = OLD.`org_id`);
  INSERT OR IGNORE INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
  SELECT s.`id`, s.`partner_org_id`, NEW.`id`, NEW.`created_at` FROM `partnerships` s
  WHERE s.`customer_org_id` = NEW.`org_id` AND s.`status` = 'active'
    AND (s.`access` = 'full' OR EXISTS (SELECT 1 FROM `partnership_products` pp WHERE pp.`partnership_id` = s.`id` AND pp.`product_id` = NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_product_delete` AFTER DELETE ON `products`
BEGIN
  DELETE FROM `managed_products` WHERE `product_id` = OLD.`id`
    AND `partnership_id` IN (SELECT `id` FROM `partnerships` WHERE `customer_org_id` = OLD.`org_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_partnership_insert` AFTER INSERT ON `partnerships`
WHEN NEW.`status` = 'active'
BEGIN
  INSERT OR IGNORE INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
  SELECT NEW.`id`, NEW.`partner_org_id`, p.`id`, p.`created_at` FROM `products` p
  WHERE p.`org_id` = NEW.`customer_org_id`
    AND (NEW.`access` = 'full' OR EXISTS (SELECT 1 FROM `partnership_products` pp WHERE pp.`partnership_id` = NEW.`id` AND pp.`product_id` = p.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_partnership_update` AFTER UPDATE OF `status`, `access`, `customer_org_id`, `partner_org_id` ON `partnerships`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`access` IS NOT NEW.`access`
  OR OLD.`customer_org_id` IS NOT NEW.`customer_org_id` OR OLD.`partner_org_id` IS NOT NEW.`partner_org_id`
BEGIN
  DELETE FROM `managed_products` WHERE `partnership_id` = OLD.`id`;
  INSERT OR IGNORE INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
  SELECT NEW.`id`, NEW.`partner_org_id`, p.`id`, p.`created_at` FROM `products` p
  WHERE NEW.`status` = 'active' AND p.`org_id` = NEW.`customer_org_id`
    AND (NEW.`access` = 'full' OR EXISTS (SELECT 1 FROM `partnership_products` pp WHERE pp.`partnership_id` = NEW.`id` AND pp.`product_id` = p.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_partnership_delete` AFTER DELETE ON `partnerships`
BEGIN
  DELETE FROM `managed_products` WHERE `partnership_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_listed_insert` AFTER INSERT ON `partnership_products`
BEGIN
  INSERT OR IGNORE INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
  SELECT s.`id`, s.`partner_org_id`, p.`id`, p.`created_at` FROM `partnerships` s JOIN `products` p ON p.`id` = NEW.`product_id` AND p.`org_id` = s.`customer_org_id`
  WHERE s.`id` = NEW.`partnership_id` AND s.`status` = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_listed_update` AFTER UPDATE ON `partnership_products`
BEGIN
  DELETE FROM `managed_products` WHERE `partnership_id` = OLD.`partnership_id` AND `product_id` = OLD.`product_id`
    AND NOT EXISTS (SELECT 1 FROM `partnerships` s WHERE s.`id` = OLD.`partnership_id` AND s.`access` = 'full' AND s.`status` = 'active');
  INSERT OR IGNORE INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
  SELECT s.`id`, s.`partner_org_id`, p.`id`, p.`created_at` FROM `partnerships` s JOIN `products` p ON p.`id` = NEW.`product_id` AND p.`org_id` = s.`customer_org_id`
  WHERE s.`id` = NEW.`partnership_id` AND s.`status` = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `managed_products_listed_delete` AFTER DELETE ON `partnership_products`
BEGIN
  DELETE FROM `managed_products` WHERE `partnership_id` = OLD.`partnership_id` AND `product_id` = OLD.`product_id`
    AND NOT EXISTS (SELECT 1 FROM `partnerships` s WHERE s.`id` = OLD.`partnership_id` AND s.`access` = 'full' AND s.`status` = 'active');
END;
--> statement-breakpoint
INSERT INTO `managed_products` (`partnership_id`, `partner_org_id`, `product_id`, `created_at`)
SELECT s.`id`, s.`partner_org_id`, p.`id`, p.`created_at` FROM `partnerships` s JOIN `products` p ON p.`org_id` = s.`customer_org_id`
WHERE s.`status` = 'active'
  AND (s.`access` = 'full' OR EXISTS (SELECT 1 FROM `partnership_products` pp WHERE pp.`partnership_id` = s.`id` AND pp.`product_id` = p.`id`));
--> statement-breakpoint
-- payment_mode_change_counts: successful payment-mode changes per epoch hour (UTC; created_at is in
-- milliseconds) and new mode. Audit events are append-only (0001), so an insert trigger is all it takes.
CREATE TRIGGER `payment_mode_change_count` AFTER INSERT ON `audit_events`
WHEN NEW.`kind` = 'payment_mode.changed' AND NEW.`outcome` = 'ok' AND json_valid(NEW.`after`)
  AND json_extract(NEW.`after`, '$.paymentMode') IN ('partner', 'customer')
BEGIN
  INSERT INTO `payment_mode_change_counts` (`hour`, `payment_mode`, `changes`)
  VALUES (NEW.`created_at` / 3600000, json_extract(NEW.`after`, '$.paymentMode'), 1)
  ON CONFLICT (`hour`, `payment_mode`) DO UPDATE SET `changes` = `changes` + 1;
END;
--> statement-breakpoint
INSERT INTO `payment_mode_change_counts` (`hour`, `payment_mode`, `changes`)
SELECT `created_at` / 3600000, json_extract(`after`, '$.paymentMode'), count(*) FROM `audit_events`
WHERE `kind` = 'payment_mode.changed' AND `outcome` = 'ok' AND json_valid(`after`)
  AND json_extract(`after`, '$.paymentMode') IN ('partner', 'customer')
GROUP BY 1, 2;
