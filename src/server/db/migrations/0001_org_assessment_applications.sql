CREATE TABLE "assessment_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"reviewer_account_id" integer,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_applications_institution_uq" ON "assessment_applications" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "assessment_applications_path_idx" ON "assessment_applications" USING btree ("org_path" text_pattern_ops,"id");