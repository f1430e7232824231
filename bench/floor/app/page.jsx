import { connection } from "next/server";

// Rendered on every request, like every signed-in page of the product.
export default async function FloorPage() {
  await connection();
  return (
    <main>
      <h1>Floor</h1>
      <p>A bare Next.js page, rendered at {new Date().toISOString()}.</p>
    </main>
  );
}
