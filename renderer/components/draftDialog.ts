import { nextTick, ref, watch, type Ref } from 'vue';
import { closeModal, openModal } from './modalDialog';

/**
 * A modal form over a draft (add or edit one thing): opens when the draft is set, copies it into the form, saves
 * through `save` (which answers with a message per field, none when saved), focuses the first message, closes
 * on success or Escape.
 */
export function useDraftDialog<D extends object, E extends object>(options: {
  draft: () => D | null;
  focusOnOpen: (el: HTMLDialogElement) => HTMLElement | null;
  save: (form: D) => Promise<E>;
  close: () => void;
}) {
  const dialog = ref<HTMLDialogElement | null>(null);
  const form = ref(null) as Ref<D | null>;
  const errors = ref({}) as Ref<E>;
  const saving = ref(false);

  watch(
    options.draft,
    async (draft) => {
      form.value = draft ? { ...draft } : null;
      errors.value = {} as E;
      await nextTick();
      const el = dialog.value;
      if (!el) return;
      if (draft && !el.open) {
        openModal(el);
        options.focusOnOpen(el)?.focus();
      } else if (!draft && el.open) {
        closeModal(el);
      }
    },
    { immediate: true },
  );

  async function submit(): Promise<void> {
    if (!form.value) return;
    saving.value = true;
    errors.value = await options.save(form.value);
    saving.value = false;
    if (Object.keys(errors.value).length === 0) options.close();
    else await nextTick(() => dialog.value?.querySelector<HTMLElement>('.form-error, [aria-invalid="true"]')?.focus());
  }

  function onCancel(event: Event): void {
    event.preventDefault();
    options.close();
  }

  return { dialog, form, errors, saving, submit, onCancel };
}
