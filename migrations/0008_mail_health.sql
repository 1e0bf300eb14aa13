CREATE TABLE `mail_health` (
	`id` text PRIMARY KEY NOT NULL,
	`last_ok_at` integer,
	`last_failure_at` integer,
	`last_failure_reason` text
);
