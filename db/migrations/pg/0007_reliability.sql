CREATE TABLE "audit_refusal_counts" (
	"key" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"actor_user_id" text NOT NULL,
	"reason" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"action" text NOT NULL,
	"audit_event_id" text,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"token" text NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"acquired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_token" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_refusal_counts_event_uq" ON "audit_refusal_counts" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_user_created_idx" ON "idempotency_keys" USING btree ("user_id","created_at");