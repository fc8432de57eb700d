CREATE TABLE `campaign_recipients` (
	`campaign_id` integer NOT NULL,
	`learner_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`decided_at` integer,
	PRIMARY KEY(`campaign_id`, `learner_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_recipients_state` ON `campaign_recipients` (`campaign_id`,`state`,`learner_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`commune_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`created_by_member` integer,
	`created_by_staff` integer,
	`audience` text NOT NULL,
	`stalled_days` integer,
	`template` text NOT NULL,
	`start_at` integer NOT NULL,
	`state` text DEFAULT 'scheduled' NOT NULL,
	`recipient_count` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`commune_id`) REFERENCES `communes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_member`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaigns_state` ON `campaigns` (`state`,`start_at`);--> statement-breakpoint
CREATE INDEX `campaigns_village` ON `campaigns` (`village_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_village_client` ON `campaigns` (`village_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `claim_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`learner_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `class_attendance` (
	`class_id` integer NOT NULL,
	`learner_id` integer NOT NULL,
	PRIMARY KEY(`class_id`, `learner_id`),
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `class_attendance_learner` ON `class_attendance` (`learner_id`);--> statement-breakpoint
CREATE TABLE `classes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`village_id` integer NOT NULL,
	`team_member_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_member_id`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `classes_member_client` ON `classes` (`team_member_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `classes_village` ON `classes` (`village_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `team_invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`village_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`team_member_id` integer,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_member_id`) REFERENCES `team_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_invites_codeHash_unique` ON `team_invites` (`code_hash`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`learner_id` integer,
	`display_name` text NOT NULL,
	`invited_by` integer,
	`joined_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`invited_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_learner` ON `team_members` (`learner_id`);--> statement-breakpoint
CREATE INDEX `team_members_village` ON `team_members` (`village_id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `assisted_by` integer;--> statement-breakpoint
ALTER TABLE `learners` ADD `birth_year` integer;--> statement-breakpoint
ALTER TABLE `learners` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `learners` ADD `registered_by` integer;--> statement-breakpoint
ALTER TABLE `learners` ADD `forgotten_at` integer;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `assisted_by` integer;