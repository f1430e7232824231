// Every message catalogue, one JSON file per namespace per locale (messages/<locale>/<namespace>.json),
// merged here. Server-only: a client component gets only the namespaces passed to its provider
// (lib/i18n/client-messages.tsx). Adding a key never touches this file; adding a namespace does.
import "server-only";
import type { Locale } from "./locales";

import en_common from "@/messages/en/common.json";
import en_shell from "@/messages/en/shell.json";
import en_auth from "@/messages/en/auth.json";
import en_errors from "@/messages/en/errors.json";
import en_validation from "@/messages/en/validation.json";
import en_domain from "@/messages/en/domain.json";
import en_email from "@/messages/en/email.json";
import en_pdf from "@/messages/en/pdf.json";
import en_partners from "@/messages/en/partners.json";
import en_clients from "@/messages/en/clients.json";
import en_products from "@/messages/en/products.json";
import en_invoices from "@/messages/en/invoices.json";
import en_prepaid from "@/messages/en/prepaid.json";
import en_audit from "@/messages/en/audit.json";
import en_invitations from "@/messages/en/invitations.json";
import en_organization from "@/messages/en/organization.json";
import en_schedule from "@/messages/en/schedule.json";
import frCH_common from "@/messages/fr-CH/common.json";
import frCH_shell from "@/messages/fr-CH/shell.json";
import frCH_auth from "@/messages/fr-CH/auth.json";
import frCH_errors from "@/messages/fr-CH/errors.json";
import frCH_validation from "@/messages/fr-CH/validation.json";
import frCH_domain from "@/messages/fr-CH/domain.json";
import frCH_email from "@/messages/fr-CH/email.json";
import frCH_pdf from "@/messages/fr-CH/pdf.json";
import frCH_partners from "@/messages/fr-CH/partners.json";
import frCH_clients from "@/messages/fr-CH/clients.json";
import frCH_products from "@/messages/fr-CH/products.json";
import frCH_invoices from "@/messages/fr-CH/invoices.json";
import frCH_prepaid from "@/messages/fr-CH/prepaid.json";
import frCH_audit from "@/messages/fr-CH/audit.json";
import frCH_invitations from "@/messages/fr-CH/invitations.json";
import frCH_organization from "@/messages/fr-CH/organization.json";
import frCH_schedule from "@/messages/fr-CH/schedule.json";
import deCH_common from "@/messages/de-CH/common.json";
import deCH_shell from "@/messages/de-CH/shell.json";
import deCH_auth from "@/messages/de-CH/auth.json";
import deCH_errors from "@/messages/de-CH/errors.json";
import deCH_validation from "@/messages/de-CH/validation.json";
import deCH_domain from "@/messages/de-CH/domain.json";
import deCH_email from "@/messages/de-CH/email.json";
import deCH_pdf from "@/messages/de-CH/pdf.json";
import deCH_partners from "@/messages/de-CH/partners.json";
import deCH_clients from "@/messages/de-CH/clients.json";
import deCH_products from "@/messages/de-CH/products.json";
import deCH_invoices from "@/messages/de-CH/invoices.json";
import deCH_prepaid from "@/messages/de-CH/prepaid.json";
import deCH_audit from "@/messages/de-CH/audit.json";
import deCH_invitations from "@/messages/de-CH/invitations.json";
import deCH_organization from "@/messages/de-CH/organization.json";
import deCH_schedule from "@/messages/de-CH/schedule.json";
import itCH_common from "@/messages/it-CH/common.json";
import itCH_shell from "@/messages/it-CH/shell.json";
import itCH_auth from "@/messages/it-CH/auth.json";
import itCH_errors from "@/messages/it-CH/errors.json";
import itCH_validation from "@/messages/it-CH/validation.json";
import itCH_domain from "@/messages/it-CH/domain.json";
import itCH_email from "@/messages/it-CH/email.json";
import itCH_pdf from "@/messages/it-CH/pdf.json";
import itCH_partners from "@/messages/it-CH/partners.json";
import itCH_clients from "@/messages/it-CH/clients.json";
import itCH_products from "@/messages/it-CH/products.json";
import itCH_invoices from "@/messages/it-CH/invoices.json";
import itCH_prepaid from "@/messages/it-CH/prepaid.json";
import itCH_audit from "@/messages/it-CH/audit.json";
import itCH_invitations from "@/messages/it-CH/invitations.json";
import itCH_organization from "@/messages/it-CH/organization.json";
import itCH_schedule from "@/messages/it-CH/schedule.json";

export const NAMESPACES = ["common", "shell", "auth", "errors", "validation", "domain", "email", "pdf", "partners", "clients", "products", "invoices", "prepaid", "audit", "invitations", "organization", "schedule"] as const;
export type Namespace = (typeof NAMESPACES)[number];

const en = {
  common: en_common,
  shell: en_shell,
  auth: en_auth,
  errors: en_errors,
  validation: en_validation,
  domain: en_domain,
  email: en_email,
  pdf: en_pdf,
  partners: en_partners,
  clients: en_clients,
  products: en_products,
  invoices: en_invoices,
  prepaid: en_prepaid,
  audit: en_audit,
  invitations: en_invitations,
  organization: en_organization,
  schedule: en_schedule,
};

/** The shape every locale has: English is the reference (the parity test holds the others to it). */
export type Messages = typeof en;

export const CATALOGUES: Record<Locale, Messages> = {
  en,
  "fr-CH": {
    common: frCH_common,
    shell: frCH_shell,
    auth: frCH_auth,
    errors: frCH_errors,
    validation: frCH_validation,
    domain: frCH_domain,
    email: frCH_email,
    pdf: frCH_pdf,
    partners: frCH_partners,
    clients: frCH_clients,
    products: frCH_products,
    invoices: frCH_invoices,
    prepaid: frCH_prepaid,
    audit: frCH_audit,
    invitations: frCH_invitations,
    organization: frCH_organization,
    schedule: frCH_schedule,
  },
  "de-CH": {
    common: deCH_common,
    shell: deCH_shell,
    auth: deCH_auth,
    errors: deCH_errors,
    validation: deCH_validation,
    domain: deCH_domain,
    email: deCH_email,
    pdf: deCH_pdf,
    partners: deCH_partners,
    clients: deCH_clients,
    products: deCH_products,
    invoices: deCH_invoices,
    prepaid: deCH_prepaid,
    audit: deCH_audit,
    invitations: deCH_invitations,
    organization: deCH_organization,
    schedule: deCH_schedule,
  },
  "it-CH": {
    common: itCH_common,
    shell: itCH_shell,
    auth: itCH_auth,
    errors: itCH_errors,
    validation: itCH_validation,
    domain: itCH_domain,
    email: itCH_email,
    pdf: itCH_pdf,
    partners: itCH_partners,
    clients: itCH_clients,
    products: itCH_products,
    invoices: itCH_invoices,
    prepaid: itCH_prepaid,
    audit: itCH_audit,
    invitations: itCH_invitations,
    organization: itCH_organization,
    schedule: itCH_schedule,
  },
};
