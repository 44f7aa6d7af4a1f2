/** Prints an HTML page (from toHtml) to PDF bytes; null when this machine has no way to. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

/** The system's Chromium, run headless, as the PDF printer of the browser host and the CLI. */
export function systemPdfPrinter(): PdfPrinter | null {
  return null;
}
