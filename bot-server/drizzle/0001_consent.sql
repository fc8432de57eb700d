ALTER TABLE `learners` ADD `consent_version` text;--> statement-breakpoint
ALTER TABLE `learners` ADD `consented_at` integer;