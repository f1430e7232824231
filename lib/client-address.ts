/** The client's address as the proxy in front reports it (first x-forwarded-for hop, or x-real-ip). */
export function clientAddress(headers: Pick<Headers, "get"> | undefined): string | null {
  return headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || headers?.get("x-real-ip") || null;
}
