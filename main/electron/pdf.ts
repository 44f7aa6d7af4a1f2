import { BrowserWindow, session, type Session } from 'electron';
import type { PdfPrinter } from '../core/documents/pdf.js';

/** A session of its own, in memory: the print window shares no cookies, cache or handlers with the app. */
export const PRINT_PARTITION = 'documents-print';

/**
 * Electron's own Chromium prints the document page (from toHtml) to PDF, in a hidden window that
 * runs no script and can load nothing but the page itself: the page has no external reference,
 * and should one slip in, the session cancels every request that is not the page's data: URL.
 */
export function electronPdfPrinter(): PdfPrinter {
  // The pages being printed now: one listener for the session, however many prints run at once.
  const pages = new Set<string>();
  let printSession: Session | undefined;
  return async (html) => {
    const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
    if (!printSession) {
      printSession = session.fromPartition(PRINT_PARTITION);
      printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !pages.has(details.url) }));
    }
    pages.add(url);
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        session: printSession,
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
      },
    });
    try {
      await window.loadURL(url);
      const pdf = await window.webContents.printToPDF({
        preferCSSPageSize: true,
        printBackground: true,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
      return Buffer.from(pdf);
    } finally {
      pages.delete(url);
      if (!window.isDestroyed()) window.destroy();
    }
  };
}
