CREATE TABLE `progress_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`learner_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`subject` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_events_learner_event` ON `progress_events` (`learner_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `progress_events_learner_received` ON `progress_events` (`learner_id`,`received_at`);--> statement-breakpoint
-- Hand-edited: SQLite cannot add a NOT NULL column without a default, and attempts made before this
-- migration need distinct ids for the unique index below.
ALTER TABLE `quiz_attempts` ADD `client_id` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `quiz_attempts` SET `client_id` = 'legacy-' || `id`;--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_learner_client` ON `quiz_attempts` (`learner_id`,`client_id`);