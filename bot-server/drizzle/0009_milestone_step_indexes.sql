CREATE INDEX `learner_milestones_registered` ON `learner_milestones` (`village_id`,`registered_on`);--> statement-breakpoint
CREATE INDEX `learner_milestones_started` ON `learner_milestones` (`village_id`,`started_on`);--> statement-breakpoint
CREATE INDEX `learner_milestones_course` ON `learner_milestones` (`village_id`,`course_finished_on`);--> statement-breakpoint
CREATE INDEX `learner_milestones_certified` ON `learner_milestones` (`village_id`,`certified_on`);