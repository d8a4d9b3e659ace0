CREATE TABLE "proctor_captures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"attempt_id" bigint NOT NULL,
	"seq" smallint NOT NULL,
	"trigger" text NOT NULL,
	"question_index" smallint,
	"token_hash" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proctor_cases" (
	"enrolment_id" bigint PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flagged_at" timestamp with time zone,
	"flagged_by_org_id" integer,
	"status" text,
	"processed_at" timestamp with time zone,
	"processed_by_org_id" integer,
	"process_reason" text,
	"previous_status" text,
	"previous_final_result" text,
	"previous_fail_reason" text,
	"appeal_statement" text,
	"appeal_file_id" text,
	"appealed_at" timestamp with time zone,
	"appeal_decided_at" timestamp with time zone,
	"appeal_decided_by_org_id" integer,
	"appeal_decision_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proctor_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"attempt_id" bigint NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"detail" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proctor_frames" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"capture_id" bigint NOT NULL,
	"attempt_id" bigint NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"file_id" text,
	"captured_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"faces" smallint,
	"similarity" smallint,
	"real_score" smallint,
	"live_score" smallint,
	"spoof_suspected" boolean,
	"model" text,
	"model_version" text,
	"threshold" smallint,
	"compared_at" timestamp with time zone,
	"error" text,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proctor_references" (
	"file_id" text PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"embedding" real[] NOT NULL,
	"face_size" integer NOT NULL,
	"real_score" smallint,
	"live_score" smallint,
	"spoof_suspected" boolean DEFAULT false NOT NULL,
	"model" text NOT NULL,
	"model_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proctor_settings" (
	"province_id" integer PRIMARY KEY NOT NULL,
	"frames_per_paper" smallint NOT NULL,
	"similarity_threshold" smallint NOT NULL,
	"spoof_threshold" smallint NOT NULL,
	"min_face_px" smallint NOT NULL,
	"min_brightness" smallint NOT NULL,
	"retention_days" integer NOT NULL,
	"appeal_days" integer NOT NULL,
	"late_upload_hours" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proctor_summaries" (
	"attempt_id" bigint PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"paper_type" text NOT NULL,
	"frames_total" integer DEFAULT 0 NOT NULL,
	"frames_pending" integer DEFAULT 0 NOT NULL,
	"min_similarity" smallint,
	"no_face" integer DEFAULT 0 NOT NULL,
	"multi_face" integer DEFAULT 0 NOT NULL,
	"camera_lost" integer DEFAULT 0 NOT NULL,
	"spoof_suspected" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "proctor_captures_token_uq" ON "proctor_captures" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "proctor_captures_attempt_seq_uq" ON "proctor_captures" USING btree ("attempt_id","seq");--> statement-breakpoint
CREATE INDEX "proctor_cases_path_idx" ON "proctor_cases" USING btree ("org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "proctor_events_attempt_idx" ON "proctor_events" USING btree ("attempt_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "proctor_frames_capture_uq" ON "proctor_frames" USING btree ("capture_id");--> statement-breakpoint
CREATE INDEX "proctor_frames_attempt_idx" ON "proctor_frames" USING btree ("attempt_id","id");--> statement-breakpoint
CREATE INDEX "proctor_frames_retention_idx" ON "proctor_frames" USING btree ("province_id","id") WHERE file_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "proctor_summaries_path_sim_idx" ON "proctor_summaries" USING btree ("org_path" text_pattern_ops,coalesce("min_similarity", 101),"attempt_id");--> statement-breakpoint
CREATE INDEX "proctor_summaries_enrolment_idx" ON "proctor_summaries" USING btree ("enrolment_id");