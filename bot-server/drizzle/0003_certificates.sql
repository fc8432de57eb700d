CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`serial` text NOT NULL,
	`learner_id` integer NOT NULL,
	`program_id` text NOT NULL,
	`program_title` text NOT NULL,
	`display_name` text,
	`commune_name` text NOT NULL,
	`content_version` text NOT NULL,
	`issued_at` integer NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`status_reason` text,
	`status_changed_at` integer,
	`status_changed_by` integer,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`status_changed_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_serial_unique` ON `certificates` (`serial`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_learner_program` ON `certificates` (`learner_id`,`program_id`);--> statement-breakpoint
CREATE TABLE `review_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`learner_id` integer NOT NULL,
	`attempt_id` integer NOT NULL,
	`reason` text NOT NULL,
	`detail` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolution` text,
	`resolved_at` integer,
	`resolved_by` integer,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_flags_attempt` ON `review_flags` (`attempt_id`);--> statement-breakpoint
CREATE INDEX `review_flags_open` ON `review_flags` (`resolution`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`private_key_pem` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `held_for_review` integer DEFAULT false NOT NULL;