ALTER TABLE "proctor_frames" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
-- frames uploaded before this migration had their comparison job queued by the upload itself
UPDATE "proctor_frames" SET "queued_at" = "received_at";--> statement-breakpoint
CREATE INDEX "proctor_frames_unqueued_idx" ON "proctor_frames" USING btree ("id") WHERE queued_at IS NULL;
