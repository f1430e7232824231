// A short status word on a tint. Its classes are in app/globals.css ("The primitives"): a badge is on
// most rows of a list, in the markup and again in the RSC payload.
export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "green" | "amber" | "blue" }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
