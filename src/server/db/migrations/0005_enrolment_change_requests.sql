CREATE TABLE "enrolment_change_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"physician_id" bigint NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"reply_reason" text,
	"proposed" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "enrolment_change_institution_idx" ON "enrolment_change_requests" USING btree ("institution_id","state","id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_change_open_uq" ON "enrolment_change_requests" USING btree ("enrolment_id") WHERE state IN ('pending', 'allowed', 'submitted');--> statement-breakpoint
CREATE INDEX "enrolments_institution_status_idx" ON "enrolments" USING btree ("institution_id","status","id");