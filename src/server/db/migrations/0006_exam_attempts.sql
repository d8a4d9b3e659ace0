CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"province_id" integer NOT NULL,
	"code" text NOT NULL,
	"issuer_org_id" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exam_answers" (
	"attempt_id" bigint NOT NULL,
	"question_index" smallint NOT NULL,
	"choice" text NOT NULL,
	"marked" boolean DEFAULT false NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exam_answers_attempt_id_question_index_pk" PRIMARY KEY("attempt_id","question_index")
);
--> statement-breakpoint
CREATE TABLE "exam_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"cycle_id" integer NOT NULL,
	"province_id" integer NOT NULL,
	"physician_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"paper_type" text NOT NULL,
	"round" text NOT NULL,
	"attempt_no" integer NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"question_count" integer NOT NULL,
	"pass_score" integer NOT NULL,
	"paper" jsonb NOT NULL,
	"answer_key" text[] NOT NULL,
	"correct_count" integer,
	"score" integer,
	"passed" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_blueprints" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"province_id" integer NOT NULL,
	"paper_type" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"question_count" integer NOT NULL,
	"attempts" integer NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_consents" (
	"enrolment_id" bigint PRIMARY KEY NOT NULL,
	"physician_id" bigint NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notices_code_uq" ON "notices" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_enrolment_uq" ON "notices" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "notices_province_idx" ON "notices" USING btree ("province_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempts_no_uq" ON "exam_attempts" USING btree ("enrolment_id","paper_type","round","attempt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempts_one_open_uq" ON "exam_attempts" USING btree ("enrolment_id","paper_type") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "exam_attempts_open_deadline_idx" ON "exam_attempts" USING btree ("deadline_at") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "exam_attempts_cycle_idx" ON "exam_attempts" USING btree ("cycle_id","paper_type","status");--> statement-breakpoint
CREATE INDEX "exam_attempts_physician_idx" ON "exam_attempts" USING btree ("physician_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_blueprints_cycle_type_uq" ON "exam_blueprints" USING btree ("cycle_id","paper_type");