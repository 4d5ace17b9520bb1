// A page's first paint before its code runs: an inline script in the page's HTML (run as the
// HTML is read) adds a style to <head> that swaps what shows, by a data attribute on the
// elements drawn for each case. A style element, not an attribute on <html>: React resets the
// attributes of <html> when it hydrates, and leaves extra elements in <head> alone. Used by
// Today's programme hint, the no-database notices and the session's address.

/** The inline script's statement that adds `css` as a style element with `id` (inside the script's own try). */
export function addStyleStatement(id: string, css: string): string {
  return `var s=document.createElement('style');s.id=${JSON.stringify(id)};s.textContent=${JSON.stringify(css)};document.head.appendChild(s)`;
}

/** The same from the page's code: adds the style once. */
export function addStyle(id: string, css: string): void {
  if (document.getElementById(id)) return;
  const el = document.createElement('style');
  el.id = id;
  el.textContent = css;
  document.head.appendChild(el);
}

/** Removes the style added under `id`, if any. */
export function removeStyle(id: string): void {
  document.getElementById(id)?.remove();
}
