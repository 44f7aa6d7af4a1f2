/** Saves text as a file the way a browser does (Electron asks where, per its download handler). */
export function downloadText(fileName: string, content: string, type = 'application/json'): void {
  saveBlob(fileName, new Blob([content], { type }));
}

function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; release it once the browser is done with it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}


/** Saves a file the core made (base64), as downloadText does. */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  saveBlob(fileName, new Blob([base64Bytes(base64)], { type }));
}

/** The bytes a base64 text stands for (atob alone gives one Latin-1 character per byte). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
