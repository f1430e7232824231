CREATE TABLE "scheduled_switches" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"payment_mode" text NOT NULL,
	"effective_date" text NOT NULL,
	"status" text NOT NULL,
	"partnership_version" integer NOT NULL,
	"scheduled_by_user_id" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" text,
	"drop_reason" text
);
--> statement-breakpoint
ALTER TABLE "scheduled_switches" ADD CONSTRAINT "scheduled_switches_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_switches" ADD CONSTRAINT "scheduled_switches_scheduled_by_user_id_users_id_fk" FOREIGN KEY ("scheduled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_switches" ADD CONSTRAINT "scheduled_switches_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_switches_pending_uq" ON "scheduled_switches" USING btree ("partnership_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "scheduled_switches_due_idx" ON "scheduled_switches" USING btree ("status","effective_date");--> statement-breakpoint
CREATE INDEX "scheduled_switches_partnership_idx" ON "scheduled_switches" USING btree ("partnership_id","scheduled_at");