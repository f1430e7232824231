// The floor of `npm run bench`: a bare Next.js app of the project's own Next version (built with its
// `next`), one dynamic page, no database, no session. Every page of the product is measured against it.
export const metadata = { title: "Floor" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
