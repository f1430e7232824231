"use client";
// Order a new product from the catalogue: choose the client (partners), the offer and a name; the
// panel says who will be invoiced how much before the order is placed. A partner picks the client in a
// combobox that asks the server for matches, and the offers at that client's price are fetched once it
// is chosen: the page does not carry every client (up to hundreds) and every client's quotes.
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { Combobox, type ComboboxOption } from "@/components/combobox";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { orderProductSchema, type OrderProductInput } from "@/lib/validation/billing";
import type { OfferQuote } from "./quotes";
import { orderProduct, quoteNewOrder } from "./actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";

/** A partner's panel searches `clientSource`; a customer's orders for itself at the `quotes` given. */
type Props = { clientSource: string | null; quotes: OfferQuote[] };

export function OrderPanel({ clientSource, quotes }: Props) {
  const t = useTranslations("products.order");
  const clients = clientSource !== null;
  // The chosen client's offers: loading while the server quotes them, then the quotes (or the refusal).
  const [clientQuotes, setClientQuotes] = useState<{ id: string; name: string; quotes: OfferQuote[] | null } | null>(null);
  const quoteRequest = useRef(0);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; invoiceId?: string | null } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const heading = useRef<HTMLHeadingElement>(null);
  const newOrder = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [placed, setPlaced] = useState(0);
  // Where the keyboard goes when the panel changes: into the form when it opens (the New order button
  // is gone), back to New order when it is cancelled, and next to the announced result after an order.
  const [focusTarget, setFocusTarget] = useState<"form" | "newOrder" | null>(null);
  useEffect(() => { if (placed > 0) heading.current?.focus(); }, [placed]);
  useEffect(() => {
    if (focusTarget === "form") formRef.current?.querySelector<HTMLElement>("select, input")?.focus();
    if (focusTarget === "newOrder") newOrder.current?.focus();
  }, [focusTarget, open]);
  const close = () => { setOpen(false); form.reset(); setClientQuotes(null); setFocusTarget("newOrder"); };
  const form = useForm<OrderProductInput>({
    resolver: useTranslatedResolver(orderProductSchema),
    defaultValues: { offer: "", label: "", customerOrgId: clients ? "" : undefined },
  });
  const watchedOffer = useWatch({ control: form.control, name: "offer" });
  const offers = clients ? clientQuotes?.quotes ?? [] : quotes;
  const chosen = offers.find((o) => o.code === watchedOffer);
  const words = {
    all: t("chooseClient"), noMatch: t("noClientMatch"), matches: t("clientMatches", { count: "#" }),
    failed: t("searchFailed"), chosen: t("clientChosen", { label: "#" }),
  };

  const chooseClient = async (option: ComboboxOption | null) => {
    const request = ++quoteRequest.current;
    form.setValue("customerOrgId", option?.id ?? "", { shouldValidate: form.formState.isSubmitted });
    form.setValue("offer", "");
    setClientQuotes(option ? { id: option.id, name: option.label, quotes: null } : null);
    if (!option) return;
    const r = await quoteNewOrder({ customerOrgId: option.id }).catch(() => ({ ok: false as const, message: t("searchFailed") }));
    if (request !== quoteRequest.current) return; // another client was chosen meanwhile
    if (r.ok) setClientQuotes({ id: option.id, name: option.label, quotes: r.quotes });
    else { setClientQuotes(null); setResult({ ok: false, message: r.message }); }
  };
  const errors = form.formState.errors;
  const describedBy = {
    client: errors.customerOrgId ? "order-client-error" : undefined,
    offer: errors.offer ? "order-offer-error" : undefined,
    label: errors.label ? "order-label-help order-label-error" : "order-label-help",
  };

  const submit = form.handleSubmit((values) => startTransition(async () => {
    const r = await orderProduct({ ...values, idempotencyKey: confirmKey.key() });
    if (r.ok) {
      setResult({ ok: true, message: r.message, invoiceId: r.invoiceId });
      form.reset({ offer: "", label: "", customerOrgId: clients ? "" : undefined });
      setClientQuotes(null);
      setOpen(false);
      setPlaced((n) => n + 1);
    } else {
      setResult({ ok: false, message: r.message });
      for (const [field, messages] of Object.entries(r.fieldErrors ?? {})) {
        form.setError(field as keyof OrderProductInput, { message: messages[0] });
      }
    }
  }));

  return (
    <section aria-labelledby="order-title" className={cardClass}>
      <div className="flex items-center justify-between gap-4">
        <h2 id="order-title" ref={heading} tabIndex={-1} className="text-lg font-semibold">{t("heading")}</h2>
        {!open && (
          <button ref={newOrder} type="button" className={buttonClass("primary")}
            onClick={() => { setResult(null); confirmKey.renew(); setOpen(true); setFocusTarget("form"); }}>
            {t("newOrder")}
          </button>
        )}
      </div>
      <div role="status" className="mt-2 text-sm text-green-800">
        {result?.ok && <>{result.message} {result.invoiceId && <Link href={`/invoices/${result.invoiceId}`} className="font-medium text-brand-700 underline">{t("viewInvoice")}</Link>}</>}
      </div>
      {result && !result.ok && <p role="alert" className="mt-2 text-sm text-red-700">{result.message}</p>}
      {open && (
        <form ref={formRef} onSubmit={submit} noValidate className="mt-4 space-y-4"
          onKeyDown={(e) => { if (e.key === "Escape" && !pending && !e.defaultPrevented) { e.preventDefault(); close(); } }}>
          {clientSource !== null && (
            <div>
              <Combobox name="customerOrgId" label={t("client")} source={clientSource} words={words} onChoose={chooseClient}
                invalid={Boolean(errors.customerOrgId)} describedBy={describedBy.client} labelClassName="block text-sm font-medium" />
              <p id="order-client-error" role="alert" className="mt-1 text-sm text-red-700">{errors.customerOrgId?.message}</p>
            </div>
          )}
          <fieldset aria-describedby={describedBy.offer} aria-busy={clients && clientQuotes !== null && clientQuotes.quotes === null}>
            <legend className="text-sm font-medium">{t("product")}</legend>
            {clients && !clientQuotes && <p className="mt-2 text-sm text-slate-600">{t("chooseClientFirst")}</p>}
            {clients && clientQuotes && !clientQuotes.quotes && <p className="mt-2 text-sm text-slate-600">{t("loadingOffers", { client: clientQuotes.name })}</p>}
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {offers.map((o) => (
                <label key={o.code} className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" value={o.code} {...form.register("offer")} className="mt-1" />
                  <span><span className="block font-medium">{o.name}</span><span className="block text-slate-600">{t("offerLine", { category: o.category, price: o.price })}</span></span>
                </label>
              ))}
            </div>
            <p id="order-offer-error" role="alert" className="mt-1 text-sm text-red-700">{errors.offer?.message}</p>
          </fieldset>
          <div>
            <label htmlFor="order-label" className="block text-sm font-medium">{t("name")}</label>
            <p id="order-label-help" className="text-sm text-slate-600">{t("nameHelp")}</p>
            <input id="order-label" className={inputClass} maxLength={80} aria-invalid={Boolean(errors.label)}
              aria-describedby={describedBy.label} {...form.register("label")} />
            <p id="order-label-error" role="alert" className="mt-1 text-sm text-red-700">{errors.label?.message}</p>
          </div>
          {chosen && <p className="rounded-md bg-slate-50 p-3 text-sm">{chosen.quote}</p>}
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")} disabled={pending}>{pending ? t("placing") : t("place")}</button>
            <button type="button" className={buttonClass("secondary")} disabled={pending}
              onClick={close}>{t("cancel")}</button>
          </div>
        </form>
      )}
    </section>
  );
}
