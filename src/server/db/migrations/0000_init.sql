CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_id" integer,
	"physician_id" bigint,
	"province_id" integer NOT NULL,
	"login" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"mobile" text,
	"mobile_verified_at" timestamp with time zone,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" integer,
	"actor_role" text NOT NULL,
	"actor_name" text DEFAULT '' NOT NULL,
	"province_id" integer,
	"org_path" text,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "captchas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"answer" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_account_id" integer NOT NULL,
	"province_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"purpose" text NOT NULL,
	"storage_key" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"province_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"level" text,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"path" text NOT NULL,
	"status" text DEFAULT 'unactivated' NOT NULL,
	"can_apply_assessment" boolean DEFAULT false NOT NULL,
	"is_assessment_body" boolean DEFAULT false NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "province_settings" (
	"province_id" integer PRIMARY KEY NOT NULL,
	"physician_initial_password" text DEFAULT '666666' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"role" text NOT NULL,
	"csrf_token" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sms_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"mobile" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_id" integer,
	"mobile" text NOT NULL,
	"template" text NOT NULL,
	"content" text NOT NULL,
	"driver" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"body_org_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"parent_id" integer,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "physicians" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"id_type" text DEFAULT '居民身份证' NOT NULL,
	"id_number" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"level" text NOT NULL,
	"practice_category" text NOT NULL,
	"practice_scope" text DEFAULT '' NOT NULL,
	"qualification_no" text DEFAULT '' NOT NULL,
	"license_no" text DEFAULT '' NOT NULL,
	"first_registered_at" date,
	"title" text DEFAULT '' NOT NULL,
	"mobile" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"name" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"windows" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_items" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pass_humanities" integer DEFAULT 60 NOT NULL,
	"pass_professional_physician" integer DEFAULT 60 NOT NULL,
	"pass_professional_assistant" integer DEFAULT 55 NOT NULL,
	"paper_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"procedure_choice" text DEFAULT 'with_registration' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"province_id" integer NOT NULL,
	"physician_id" bigint NOT NULL,
	"institution_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"assessment_body_id" integer,
	"status" text NOT NULL,
	"procedure" text,
	"simple_disallowed" boolean DEFAULT false NOT NULL,
	"registration" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"self_evaluation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"procedure_application" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"photo_file_id" text,
	"work_result" text,
	"ethics_result" text,
	"humanities_exempt" boolean DEFAULT false NOT NULL,
	"professional_exempt" boolean DEFAULT false NOT NULL,
	"deferral_approved" boolean DEFAULT false NOT NULL,
	"humanities_score" integer,
	"professional_score" integer,
	"final_result" text,
	"fail_reason" text,
	"no_promotion" boolean DEFAULT false NOT NULL,
	"last_reason" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"stem" text NOT NULL,
	"options" jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"difficulty" integer DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"bank" text NOT NULL,
	"category" text NOT NULL,
	"practice_category" text,
	"status" text DEFAULT 'enabled' NOT NULL,
	"current_version_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_kind_login_uq" ON "accounts" USING btree ("kind","login");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_org_uq" ON "accounts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_physician_uq" ON "accounts" USING btree ("physician_id");--> statement-breakpoint
CREATE INDEX "audit_log_path_idx" ON "audit_log" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_account_id");--> statement-breakpoint
CREATE INDEX "messages_account_idx" ON "messages" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_code_uq" ON "organisations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "organisations_path_idx" ON "organisations" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organisations_province_kind_idx" ON "organisations" USING btree ("province_id","kind");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "sms_outbox_province_idx" ON "sms_outbox" USING btree ("province_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_assignments_institution_uq" ON "assessment_assignments" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "assessment_assignments_body_idx" ON "assessment_assignments" USING btree ("body_org_id");--> statement-breakpoint
CREATE INDEX "departments_org_idx" ON "departments" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_org_parent_name_uq" ON "departments" USING btree ("org_id","parent_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "physicians_id_number_uq" ON "physicians" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "physicians_path_id_idx" ON "physicians" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "physicians_institution_idx" ON "physicians" USING btree ("institution_id","id");--> statement-breakpoint
CREATE INDEX "physicians_name_idx" ON "physicians" USING btree ("province_id","name","id");--> statement-breakpoint
CREATE INDEX "cycles_province_idx" ON "cycles" USING btree ("province_id","is_current");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_cycle_physician_uq" ON "enrolments" USING btree ("cycle_id","physician_id");--> statement-breakpoint
CREATE INDEX "enrolments_path_status_idx" ON "enrolments" USING btree ("org_path" text_pattern_ops,"status","id");--> statement-breakpoint
CREATE INDEX "enrolments_cycle_status_idx" ON "enrolments" USING btree ("cycle_id","status","id");--> statement-breakpoint
CREATE INDEX "enrolments_body_status_idx" ON "enrolments" USING btree ("assessment_body_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_versions_uq" ON "question_versions" USING btree ("question_id","version");--> statement-breakpoint
CREATE INDEX "questions_pick_idx" ON "questions" USING btree ("province_id","bank","practice_category","category","status");