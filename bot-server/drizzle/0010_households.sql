CREATE TABLE `household_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`household_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `household_members` (
	`learner_id` integer PRIMARY KEY NOT NULL,
	`household_id` integer NOT NULL,
	`joined_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_members_household` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`label` text NOT NULL,
	`has_smartphone` integer NOT NULL,
	`client_id` text,
	`created_by_member` integer,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_member`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `households_village` ON `households` (`village_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `households_village_client` ON `households` (`village_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `task_records` (
	`learner_id` integer NOT NULL,
	`task_id` text NOT NULL,
	`self_reported_at` integer,
	`confirmed_by` integer,
	`confirmed_at` integer,
	PRIMARY KEY(`learner_id`, `task_id`),
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_records_task` ON `task_records` (`task_id`);--> statement-breakpoint
ALTER TABLE `learners` ADD `account_owner_id` integer;--> statement-breakpoint
ALTER TABLE `learners` ADD `pin_hash` text;--> statement-breakpoint
ALTER TABLE `learners` ADD `pin_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `learners` ADD `pin_locked_until` integer;--> statement-breakpoint
CREATE INDEX `learners_account_owner` ON `learners` (`account_owner_id`);