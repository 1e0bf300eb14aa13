CREATE TABLE `auto_top_up_charges` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`period` text NOT NULL,
	`count` integer NOT NULL,
	`order_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`state` text NOT NULL,
	`payment_intent_id` text,
	`failure` text,
	`notified_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auto_top_up_charges_once` ON `auto_top_up_charges` (`customer_id`,`period`,`count`);--> statement-breakpoint
CREATE INDEX `auto_top_up_charges_state` ON `auto_top_up_charges` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `auto_top_up_charges_order` ON `auto_top_up_charges` (`order_id`);--> statement-breakpoint
CREATE TABLE `auto_top_ups` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`tier_id` text NOT NULL,
	`trigger` text NOT NULL,
	`threshold` integer NOT NULL,
	`monthly_limit` integer NOT NULL,
	`currency` text NOT NULL,
	`payment_method_id` text,
	`paused_at` integer,
	`paused_reason` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminders` (
	`key_id` text NOT NULL,
	`kind` text NOT NULL,
	`basis` integer NOT NULL,
	`customer_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`key_id`) REFERENCES `pool_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_once` ON `reminders` (`key_id`,`kind`,`basis`);--> statement-breakpoint
CREATE INDEX `reminders_customer` ON `reminders` (`customer_id`,`claimed_at`);--> statement-breakpoint
ALTER TABLE `customers` ADD `reminders_off_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax` integer DEFAULT 0 NOT NULL;