// "End partnership" on either side's detail page: the dialog (a client component) with the messages it
// uses, so each page that shows it only passes its title and consequences.
import type { ComponentProps } from "react";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { EndPartnershipDialog } from "./end-partnership-dialog";

export function EndPartnership(props: ComponentProps<typeof EndPartnershipDialog>) {
  return (
    <ClientMessages namespaces={["partners"]}>
      <EndPartnershipDialog {...props} />
    </ClientMessages>
  );
}
