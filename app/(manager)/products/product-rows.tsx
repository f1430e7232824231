"use client";
// The products list's rows, drawn from plain strings, packed (lib/packed-rows.ts), as the audit lists
// do: sent as a server component tree, each of 50 rows repeated its cells' elements in the RSC payload
// (≈ 850 bytes a row for a partner); as this component's props it is each row's text, each distinct
// string once (a client's name, a category, a status repeat from row to row). The renew control is
// rendered here, inside the page's message provider.
import { unpackRows, type Packed } from "@/lib/packed-rows";
import { RenewControl } from "./renew-control";

/**
 * One product, every field already in the reader's words. `client` and `access` are read only on a
 * partner's list; `action` is "renew" (with `quote`), "client" (the client renews it) or "".
 */
export type ProductRow = [
  id: string, client: string, label: string, category: string, price: string, renewal: string, status: string, access: string,
  renewalDate: string, quote: string, action: "renew" | "client" | "",
];

export function ProductRows({ rows, partner, clientRenews }: { rows: Packed<ProductRow>; partner: boolean; clientRenews: string }) {
  return (
    <tbody>
      {unpackRows(rows).map(([id, client, label, category, price, renewal, status, access, renewalDate, quote, action]) => (
        <tr key={id} className="align-top">
          {partner && <td>{client}</td>}
          <td className="font-medium">{label}</td>
          <td>{category}</td>
          <td className="text-right tabular-nums">{price}</td>
          <td>{renewal}</td>
          <td>{status}</td>
          {partner && <td>{access}</td>}
          <td>
            {action === "renew" ? <RenewControl productId={id} label={label} renewalDate={renewalDate} renewalLabel={renewal} quote={quote} />
              : action === "client" ? <span className="text-slate-500">{clientRenews}</span> : null}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
