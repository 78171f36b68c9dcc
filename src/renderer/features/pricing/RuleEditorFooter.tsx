import { useT } from '../../i18n';
import { FormActions } from '../../ui/DialogParts';

/** The foot of a pricing editor: what stops the save (if anything), then Save and Close. */
export function RuleEditorFooter({
  problems,
  busy,
  saveLabel,
  onClose,
}: {
  problems: string[];
  busy: boolean;
  saveLabel: string;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <>
      {problems.length > 0 && (
        <ul className="inline-alert" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <FormActions submit={saveLabel} cancel={t('common.close')} onCancel={onClose} disabled={busy} />
    </>
  );
}
