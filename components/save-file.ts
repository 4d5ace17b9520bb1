/** Hands `blob` to the browser as a download named `fileName` (nothing leaves the device). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked once the browser has surely started reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
