DROP INDEX `login_tokens_email_created`;--> statement-breakpoint
ALTER TABLE `login_tokens` ADD `requester` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_tokens_email_requester` ON `login_tokens` (`email`,`requester`,`created_at`);--> statement-breakpoint
CREATE INDEX `login_tokens_created` ON `login_tokens` (`created_at`);--> statement-breakpoint
CREATE INDEX `login_tokens_expires` ON `login_tokens` (`expires_at`);--> statement-breakpoint
DROP INDEX `orders_status`;--> statement-breakpoint
CREATE INDEX `orders_status_receipt` ON `orders` (`status`,`receipt_sent_at`,`paid_at`);--> statement-breakpoint
CREATE INDEX `orders_payment_intent` ON `orders` (`stripe_payment_intent_id`);--> statement-breakpoint
CREATE INDEX `mail_failures_at` ON `mail_failures` (`at`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE INDEX `sessions_revoked` ON `sessions` (`revoked_at`);--> statement-breakpoint
CREATE INDEX `stripe_events_processed` ON `stripe_events` (`processed_at`);