/** Saves text as a file the way a browser does (Electron asks where, per its download handler). */
export function downloadText(fileName: string, content: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
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

