// Every address no route answers. It used to be app/not-found.tsx's, which rendered the signed-in shell:
// but the root not-found is rendered into every page's payload (the root layout's boundary), so every
// page carried a second copy of the sidebar. Here the shell is drawn only for an unknown address.
import { notFound } from "next/navigation";

export default function Missing(): never {
  notFound();
}
