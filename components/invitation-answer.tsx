// Accept or refuse an invitation: the buttons (a client component) with the messages they use, so the
// Clients pages and the invitation link's page only pass the partnership.
import type { ComponentProps } from "react";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { InvitationAnswerButtons } from "./invitation-answer-buttons";

export function InvitationAnswer(props: ComponentProps<typeof InvitationAnswerButtons>) {
  return (
    <ClientMessages namespaces={["invitations"]}>
      <InvitationAnswerButtons {...props} />
    </ClientMessages>
  );
}
