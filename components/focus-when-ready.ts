/** Focuses an element once React has put it on screen (it may appear a frame or two later). */
export function focusWhenReady(id: string, { preventScroll = true } = {}, tries = 20): void {
  const el = document.getElementById(id);
  if (el) el.focus({ preventScroll });
  else if (tries > 0) requestAnimationFrame(() => focusWhenReady(id, { preventScroll }, tries - 1));
}
