CREATE TABLE `indicator_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`rules_fingerprint` text NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `learner_milestones` (
	`learner_id` integer PRIMARY KEY NOT NULL,
	`village_id` integer,
	`registered_on` text NOT NULL,
	`started_on` text,
	`took_part_on` text,
	`took_part_by` text,
	`course_finished_on` text,
	`certified_on` text,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `learner_milestones_village` ON `learner_milestones` (`village_id`,`took_part_on`,`certified_on`,`started_on`,`course_finished_on`,`registered_on`);--> statement-breakpoint
CREATE TABLE `village_populations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`adults` integer NOT NULL,
	`effective_from` text NOT NULL,
	`source` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `village_populations_village` ON `village_populations` (`village_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provinces_name_unique` ON `provinces` (`name`);--> statement-breakpoint
ALTER TABLE `staff` ADD `role` text DEFAULT 'commune' NOT NULL;--> statement-breakpoint
ALTER TABLE `communes` ADD `province_id` integer REFERENCES provinces(id);--> statement-breakpoint
-- The single figure each village had becomes the first entry of its history (from the movement's first year).
INSERT INTO `village_populations` (`village_id`, `adults`, `effective_from`, `source`, `recorded_at`)
  SELECT `id`, `adult_population`, '2025-01-01', 'setup', CAST(strftime('%s', 'now') AS integer) * 1000 FROM `villages` WHERE `adult_population` > 0;--> statement-breakpoint
ALTER TABLE `villages` DROP COLUMN `adult_population`;