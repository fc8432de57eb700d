CREATE TABLE `oa_conversations` (
	`oa_user_id` text PRIMARY KEY NOT NULL,
	`learner_id` integer,
	`step` text DEFAULT 'idle' NOT NULL,
	`step_data` text,
	`remind_at_minute` integer,
	`reminders_stopped` integer DEFAULT false NOT NULL,
	`followed` integer DEFAULT true NOT NULL,
	`last_interaction_at` integer NOT NULL,
	`last_reminded_on` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `oa_conversations_learner` ON `oa_conversations` (`learner_id`);--> statement-breakpoint
CREATE INDEX `oa_conversations_remind` ON `oa_conversations` (`remind_at_minute`);--> statement-breakpoint
CREATE TABLE `oa_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`message` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sending_since` integer,
	`zalo_message_id` text,
	`outcome` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oa_outbox_dedupeKey_unique` ON `oa_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `oa_outbox_due` ON `oa_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `oa_outbox_recipient` ON `oa_outbox` (`recipient_id`,`id`);--> statement-breakpoint
CREATE TABLE `zalo_oa_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`access_token` text,
	`access_expires_at` integer,
	`refresh_token` text NOT NULL,
	`refresh_lease_until` integer,
	`needs_reauthorization` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
