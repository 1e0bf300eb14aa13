CREATE TABLE `job_parts` (
	`job` text NOT NULL,
	`tick` integer NOT NULL,
	`part` integer NOT NULL,
	`done_at` integer NOT NULL,
	PRIMARY KEY(`job`, `tick`, `part`)
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`tick` integer NOT NULL,
	`parts` integer,
	`started_at` integer NOT NULL,
	`touched_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text,
	PRIMARY KEY(`job`, `tick`)
);
--> statement-breakpoint
CREATE INDEX `job_runs_open` ON `job_runs` (`job`,`finished_at`,`touched_at`);--> statement-breakpoint
CREATE INDEX `auto_top_ups_active` ON `auto_top_ups` (`enabled`,`paused_at`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customers_created` ON `customers` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_created` ON `orders` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `pool_keys_state_id` ON `pool_keys` (`state`,`id`);