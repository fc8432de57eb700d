CREATE TABLE `zalo_webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`event_name` text NOT NULL,
	`body` text,
	`received_at` integer NOT NULL,
	`retry` integer DEFAULT 0 NOT NULL,
	`processed_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zalo_webhook_events_dedupeKey_unique` ON `zalo_webhook_events` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `zalo_webhook_events_pending` ON `zalo_webhook_events` (`processed_at`);