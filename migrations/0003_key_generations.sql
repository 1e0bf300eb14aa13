CREATE TABLE `key_syncs` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`lease_until` integer,
	`lease_holder` text,
	`demand` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `key_syncs_due` ON `key_syncs` (`state`,`next_attempt_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_pool_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`generation` integer NOT NULL,
	`state` text NOT NULL,
	`grace_until` integer,
	`upstream_id` text,
	`mints` integer DEFAULT 0 NOT NULL,
	`secret_ciphertext` text,
	`secret_iv` text,
	`secret_mask` text,
	`secret_check` integer DEFAULT false NOT NULL,
	`cap_gb` integer,
	`expires_at` integer,
	`enabled` integer,
	`spent_gb` integer DEFAULT 0 NOT NULL,
	`used_mb` real DEFAULT 0 NOT NULL,
	`used_at` integer,
	`upstream_disabled_at` integer,
	`switched_off_at` integer,
	`final_used_gb` integer,
	`carried_into` integer,
	`carried_out_gb` integer,
	`deleted_at` integer,
	`announced_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Existing keys become generation 1 of their customer (minted once if they have an upstream key); the reconcile
-- bookkeeping moves to key_syncs.
INSERT INTO `__new_pool_keys`("id", "customer_id", "generation", "state", "upstream_id", "mints", "secret_ciphertext", "secret_iv", "secret_mask", "cap_gb", "expires_at", "enabled", "created_at", "updated_at") SELECT 'key_' || lower(hex(randomblob(16))), "customer_id", 1, 'current', "upstream_id", CASE WHEN "upstream_id" IS NULL THEN 0 ELSE 1 END, "secret_ciphertext", "secret_iv", "secret_mask", "cap_gb", "expires_at", "enabled", "updated_at", "updated_at" FROM `pool_keys`;--> statement-breakpoint
INSERT INTO `key_syncs`("customer_id", "state", "attempts", "next_attempt_at", "last_error", "demand") SELECT "customer_id", "sync_state", "attempts", "next_attempt_at", "last_error", "updated_at" FROM `pool_keys`;--> statement-breakpoint
DROP TABLE `pool_keys`;--> statement-breakpoint
ALTER TABLE `__new_pool_keys` RENAME TO `pool_keys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `pool_keys_generation` ON `pool_keys` (`customer_id`,`generation`);--> statement-breakpoint
CREATE INDEX `pool_keys_customer_state` ON `pool_keys` (`customer_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `pool_keys_upstream` ON `pool_keys` (`upstream_id`);--> statement-breakpoint
CREATE INDEX `pool_keys_state` ON `pool_keys` (`state`,`grace_until`);--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_settling` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `key_generation` integer;--> statement-breakpoint
-- Every paid order of a customer who has a key is on that key (generation 1); refunded and held GB stay on the order.
UPDATE `orders` SET `key_generation` = 1 WHERE `status` IN ('paid', 'refunded') AND `customer_id` IN (SELECT `customer_id` FROM `pool_keys`);
