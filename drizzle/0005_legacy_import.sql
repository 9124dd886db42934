CREATE TABLE "legacy_import_checkpoints" (
	"scope" text PRIMARY KEY NOT NULL,
	"last_key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legacy_import_rejects" (
	"source_table" text NOT NULL,
	"source_key" text NOT NULL,
	"reason" text NOT NULL,
	"errors" jsonb NOT NULL,
	"raw" bytea,
	"rejected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legacy_import_rejects_source_table_source_key_pk" PRIMARY KEY("source_table","source_key")
);
--> statement-breakpoint
ALTER TABLE "testers" ADD COLUMN "imported_at" timestamp with time zone;