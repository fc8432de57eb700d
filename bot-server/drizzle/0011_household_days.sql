CREATE TABLE `household_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `households` ADD `created_on` text;--> statement-breakpoint
ALTER TABLE `households` ADD `removed_on` text;--> statement-breakpoint
ALTER TABLE `households` ADD `self_ready_on` text;--> statement-breakpoint
ALTER TABLE `households` ADD `confirmed_ready_on` text;--> statement-breakpoint
CREATE INDEX `households_days` ON `households` (`village_id`,`has_smartphone`,`created_on`,`removed_on`,`self_ready_on`,`confirmed_ready_on`);--> statement-breakpoint
ALTER TABLE `task_records` ADD `village_id` integer;--> statement-breakpoint
CREATE INDEX `task_records_village` ON `task_records` (`village_id`,`task_id`,`confirmed_at`,`self_reported_at`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_quiz_passes` ON `quiz_attempts` (`quiz_id`,`passed`,`held_for_review`,`finished_at`,`learner_id`);--> statement-breakpoint
-- Fill the copies for rows written before this migration; the ready days are computed at start (no household_state row yet).
UPDATE `households` SET `created_on` = date(`created_at` / 1000, 'unixepoch', '+7 hours'), `removed_on` = CASE WHEN `removed_at` IS NULL THEN NULL ELSE date(`removed_at` / 1000, 'unixepoch', '+7 hours') END;--> statement-breakpoint
UPDATE `task_records` SET `village_id` = (SELECT `village_id` FROM `learners` WHERE `learners`.`id` = `task_records`.`learner_id`);
