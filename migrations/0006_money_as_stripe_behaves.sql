CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`failure_reason` text,
	`request_key` text,
	`created_at` integer NOT NULL,
	`event_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_request_key_unique` ON `refunds` (`request_key`);--> statement-breakpoint
CREATE INDEX `refunds_order` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `refunds_customer` ON `refunds` (`customer_id`,`created_at`);--> statement-breakpoint
DROP INDEX `auto_top_up_charges_state`;--> statement-breakpoint
ALTER TABLE `auto_top_up_charges` ADD `tax` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `auto_top_up_charges` ADD `tax_calculation_id` text;--> statement-breakpoint
ALTER TABLE `auto_top_up_charges` ADD `next_check_at` integer;--> statement-breakpoint
CREATE INDEX `auto_top_up_charges_state` ON `auto_top_up_charges` (`state`,`next_check_at`);--> statement-breakpoint
ALTER TABLE `disputes` ADD `funds_reinstated` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Refunds recorded before refunds had rows of their own (from charge.refunded's cumulative amount) become one row
-- each, so an order's refunded amount, now the sum of its rows, keeps them.
INSERT INTO `refunds` (`id`, `order_id`, `customer_id`, `amount`, `status`, `created_at`, `event_at`)
SELECT 'legacy_' || `id`, `id`, `customer_id`, `refunded_amount`, 'succeeded', coalesce(`paid_at`, `created_at`), 0
FROM `orders` WHERE `refunded_amount` > 0;
