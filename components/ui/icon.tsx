// A decorative icon of a server component, drawn by CSS (app/globals.css, "Icons"): a <span> with a
// class, where an icon component sent its SVG twice, as markup and as the element tree of the RSC
// payload (≈ 0.7 KB an icon; the shell's sign-out icon is on every page). Client components keep
// lucide-react: their markup is not in the payload.
export function Icon({ name }: { name: "download" | "log-out" }) {
  return <span aria-hidden className={`icon icon-${name}`} />;
}
