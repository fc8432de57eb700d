-- IF NOT EXISTS: the first four were briefly in an earlier 0009 that some development databases applied.
CREATE INDEX IF NOT EXISTS `learner_milestones_registered` ON `learner_milestones` (`village_id`,`registered_on`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `learner_milestones_started` ON `learner_milestones` (`village_id`,`started_on`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `learner_milestones_course` ON `learner_milestones` (`village_id`,`course_finished_on`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `learner_milestones_certified` ON `learner_milestones` (`village_id`,`certified_on`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `learners_merged_into` ON `learners` (`merged_into`);