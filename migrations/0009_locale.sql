ALTER TABLE `customers` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `login_tokens` ADD `locale` text;