// The part of fontkit's API the invoice PDF uses (the package ships no types). pdfkit lays text out with
// fontkit and takes a font it has already opened (`layout` is how it recognises one).
declare module "fontkit" {
  export type Font = { hasGlyphForCodePoint(codePoint: number): boolean; layout(text: string): unknown };
  export function create(buffer: Uint8Array): Font;
}
