CREATE TABLE "exam_predrawn_papers" (
	"enrolment_id" bigint NOT NULL,
	"paper_type" text NOT NULL,
	"round" text NOT NULL,
	"province_id" integer NOT NULL,
	"blueprint_stamp" text NOT NULL,
	"paper" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_predrawn_papers_enrolment_id_paper_type_round_pk" PRIMARY KEY("enrolment_id","paper_type","round")
);
--> statement-breakpoint
CREATE TABLE "exam_start_limits" (
	"province_id" integer PRIMARY KEY NOT NULL,
	"per_minute" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_start_queue" (
	"physician_id" bigint PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"enqueued_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_start_slots" (
	"province_id" integer NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "exam_start_slots_province_id_minute_pk" PRIMARY KEY("province_id","minute")
);
--> statement-breakpoint
CREATE INDEX "exam_start_queue_order_idx" ON "exam_start_queue" USING btree ("province_id","enqueued_at");