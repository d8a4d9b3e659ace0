CREATE TABLE "help_contacts" (
	"province_id" integer PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"hours" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
