CREATE TABLE "export_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"role" text NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"params" jsonb NOT NULL,
	"actor" jsonb NOT NULL,
	"status" text NOT NULL,
	"total" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"file_name" text NOT NULL,
	"storage_key" text,
	"mime" text NOT NULL,
	"size" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_rows" (
	"snapshot_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"parent_id" integer,
	"path" text NOT NULL,
	"kind" text NOT NULL,
	"level" text,
	"name" text NOT NULL,
	"progress" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "stats_rows_snapshot_id_org_id_pk" PRIMARY KEY("snapshot_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "stats_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_id" integer NOT NULL,
	"cycle_id" integer NOT NULL,
	"status" text NOT NULL,
	"requested_by" integer,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE INDEX "export_jobs_account_idx" ON "export_jobs" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "export_jobs_expiry_idx" ON "export_jobs" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "stats_rows_parent_idx" ON "stats_rows" USING btree ("snapshot_id","parent_id");--> statement-breakpoint
CREATE INDEX "stats_snapshots_province_idx" ON "stats_snapshots" USING btree ("province_id","status","id");