ALTER TABLE "exam_answers" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD COLUMN "device_id" text;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD COLUMN "answers" text[];