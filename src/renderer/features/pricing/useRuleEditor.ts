import { type FormEvent, useState } from 'react';
import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';

/** The form as the contract takes it, or what a manager has to fix first. */
export type Collected<I> = { input: I } | { problems: string[] };

/**
 * Saving a pricing editor's form: the problems stay on screen and nothing is sent until they are fixed; the Save
 * button is off while the save is under way; a saved rule is announced by name ({name} in `savedKey`).
 */
export function useRuleEditor<I, R extends { name: string }>({
  collect,
  persist,
  savedKey,
  onSaved,
}: {
  collect: () => Collected<I>;
  persist: (input: I) => Promise<R>;
  savedKey: MessageKey;
  onSaved: (r: R) => void;
}) {
  const t = useT();
  const { onError } = useShell();
  const toast = useToast();
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const c = collect();
    if ('problems' in c) return setProblems(c.problems);
    setProblems([]);
    setBusy(true);
    try {
      const saved = await persist(c.input);
      toast.success(t(savedKey, { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return { problems, busy, save };
}
