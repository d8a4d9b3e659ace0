CREATE TABLE "enrolment_attachments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"province_id" integer NOT NULL,
	"original_name" text DEFAULT '' NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemption_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"procedure" text NOT NULL,
	"status" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviews" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemption_reasons" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"procedure" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemption_switches" (
	"province_id" integer NOT NULL,
	"procedure" text NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exemption_switches_province_id_procedure_pk" PRIMARY KEY("province_id","procedure")
);
--> statement-breakpoint
CREATE TABLE "deferral_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"institution_agree" text,
	"institution_opinion" text,
	"institution_name" text,
	"institution_at" timestamp with time zone,
	"admin_agree" text,
	"admin_opinion" text,
	"admin_org_name" text,
	"admin_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_attachments_file_uq" ON "enrolment_attachments" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "enrolment_attachments_enrolment_idx" ON "enrolment_attachments" USING btree ("enrolment_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "exemption_applications_enrolment_uq" ON "exemption_applications" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "exemption_applications_inst_status_idx" ON "exemption_applications" USING btree ("institution_id","status","id");--> statement-breakpoint
CREATE INDEX "exemption_applications_path_idx" ON "exemption_applications" USING btree ("org_path" text_pattern_ops,"status","id");--> statement-breakpoint
CREATE INDEX "exemption_reasons_province_idx" ON "exemption_reasons" USING btree ("province_id","procedure","id");--> statement-breakpoint
CREATE UNIQUE INDEX "deferral_applications_enrolment_uq" ON "deferral_applications" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "deferral_applications_inst_status_idx" ON "deferral_applications" USING btree ("institution_id","status","id");--> statement-breakpoint
CREATE INDEX "deferral_applications_path_idx" ON "deferral_applications" USING btree ("org_path" text_pattern_ops,"status","id");