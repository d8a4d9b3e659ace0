CREATE TABLE "question_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mock_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"physician_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"paper" text NOT NULL,
	"practice_category" text,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"duration_minutes" integer NOT NULL,
	"question_count" integer NOT NULL,
	"pass_score" integer NOT NULL,
	"items" jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score" integer,
	"correct_count" integer,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submit_kind" text
);
--> statement-breakpoint
CREATE TABLE "practice_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"physician_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"chosen" jsonb NOT NULL,
	"correct" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_materials" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"file_id" uuid,
	"published" boolean DEFAULT true NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wrong_questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"physician_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"chosen" jsonb NOT NULL,
	"source" text NOT NULL,
	"wrong_count" integer DEFAULT 1 NOT NULL,
	"last_wrong_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "question_imports_province_idx" ON "question_imports" USING btree ("province_id","id");--> statement-breakpoint
CREATE INDEX "mock_attempts_physician_idx" ON "mock_attempts" USING btree ("physician_id","id");--> statement-breakpoint
CREATE INDEX "practice_answers_physician_idx" ON "practice_answers" USING btree ("physician_id","question_id");--> statement-breakpoint
CREATE INDEX "study_materials_province_idx" ON "study_materials" USING btree ("province_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "wrong_questions_physician_question_uq" ON "wrong_questions" USING btree ("physician_id","question_id");--> statement-breakpoint
CREATE INDEX "wrong_questions_recent_idx" ON "wrong_questions" USING btree ("physician_id","last_wrong_at");