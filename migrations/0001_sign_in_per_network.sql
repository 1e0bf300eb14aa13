DROP INDEX `login_tokens_email_created`;--> statement-breakpoint
ALTER TABLE `login_tokens` ADD `requester` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_tokens_email_requester` ON `login_tokens` (`email`,`requester`,`created_at`);--> statement-breakpoint
CREATE INDEX `login_tokens_created` ON `login_tokens` (`created_at`);