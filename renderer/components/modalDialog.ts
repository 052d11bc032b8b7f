/** Opening and closing a `<dialog>` as a modal; where showModal is missing (happy-dom in unit tests) the open attribute stands in. */
export function openModal(el: HTMLDialogElement): void {
  if (typeof el.showModal === 'function') el.showModal();
  else el.setAttribute('open', '');
}

export function closeModal(el: HTMLDialogElement): void {
  if (typeof el.close === 'function') el.close();
  else el.removeAttribute('open');
}
