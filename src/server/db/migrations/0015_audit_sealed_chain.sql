CREATE SEQUENCE "public"."audit_chain_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
DROP INDEX "audit_log_chain_idx";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
-- decision 0121: rows chained so far keep their place (id order); rows from before the chain
-- (no hash) become legacy rows ahead of it; new rows wait for the sealer with chain_seq NULL
UPDATE "audit_log" SET "chain_seq" = CASE WHEN "hash" IS NULL THEN -"id" ELSE "id" END;--> statement-breakpoint
SELECT setval('audit_chain_seq', (SELECT coalesce(max("id"), 0) + 1 FROM "audit_log"), false);--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE chain_seq IS NULL;--> statement-breakpoint
CREATE INDEX "audit_log_chain_idx" ON "audit_log" USING btree ("province_id","chain_seq");
